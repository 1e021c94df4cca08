#include "widgets/experiments/experiment_bar_chart.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>

namespace ui {

ExperimentBarChart::ExperimentBarChart(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("barPlot"));
    plot_->plotLayout()->insertRow(0);
    QFont titleFont = font();
    titleFont.setBold(true);
    title_ = new QCPTextElement(plot_, QString(), titleFont);
    plot_->plotLayout()->addElement(0, 0, title_);
    plot_->xAxis->grid()->setVisible(false);
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    plot_->xAxis->setSubTicks(false);
    plot_->xAxis->setTickLength(0, 4);
    group_ = new QCPBarsGroup(plot_);
    group_->setSpacing(1.0);
    // Behind the bars: the informative position's column.
    markRect_ = new QCPItemRect(plot_);
    markRect_->setPen(Qt::NoPen);
    markRect_->setBrush(QColor(255, 170, 40, 70));
    markRect_->setLayer(QStringLiteral("background"));
    markRect_->setClipToAxisRect(true);
    markText_ = new QCPItemText(plot_);
    markText_->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    markText_->setColor(QColor(170, 90, 0));
    markText_->setClipToAxisRect(false);
    layout->addWidget(plot_);
    clear();
}

void ExperimentBarChart::setSeries(const QVector<Series>& series) {
    for (QCPBars* b : bars_) plot_->removePlottable(b);
    bars_.clear();
    const double width = series.size() > 1 ? 0.8 / series.size() : 0.7;
    for (const Series& s : series) {
        auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
        bars->setName(s.name);
        bars->setPen(QPen(s.colour.darker(130)));
        bars->setBrush(s.colour);
        bars->setWidth(width);
        if (series.size() > 1) bars->setBarsGroup(group_);
        bars_.append(bars);
    }
    plot_->legend->setVisible(series.size() > 1);
    plot_->legend->setBrush(QColor(255, 255, 255, 200));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentBarChart::setTitle(const QString& title) {
    title_->setText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString ExperimentBarChart::title() const { return title_->text(); }

void ExperimentBarChart::setValueLabel(const QString& label) { plot_->yAxis->setLabel(label); }

void ExperimentBarChart::setPositionLabel(const QString& label) { plot_->xAxis->setLabel(label); }

void ExperimentBarChart::setValues(const QStringList& positions, const std::vector<std::vector<double>>& values,
                                   double floor) {
    if (positions != positions_) {
        positions_ = positions;
        auto ticker = qSharedPointerCast<QCPAxisTickerText>(plot_->xAxis->ticker());
        ticker->clear();
        for (int i = 0; i < positions.size(); ++i) ticker->addTick(i, positions[i]);
        plot_->xAxis->setRange(-0.6, positions.size() - 0.4);
    }
    double top = floor;
    for (int s = 0; s < bars_.size() && s < int(values.size()); ++s) {
        QVector<double> keys, v;
        for (int i = 0; i < positions.size() && i < int(values[std::size_t(s)].size()); ++i) {
            keys.append(i);
            v.append(values[std::size_t(s)][std::size_t(i)]);
            top = std::max(top, v.back());
        }
        bars_[s]->setData(keys, v, true);
    }
    top_ = top * 1.15;  // room for the mark's label
    plot_->yAxis->setRange(std::min(0.0, top_ * -0.02), top_);
    updateMark();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentBarChart::setMarked(int position, const QString& text) {
    marked_ = position;
    markLabel_ = text;
    updateMark();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentBarChart::updateMark() {
    const bool on = marked_ >= 0;
    markRect_->setVisible(on);
    markText_->setVisible(on);
    if (!on) return;
    markRect_->topLeft->setCoords(marked_ - 0.48, top_);
    markRect_->bottomRight->setCoords(marked_ + 0.48, 0.0);
    markText_->position->setCoords(marked_, top_);
    markText_->setText(markLabel_);
}

void ExperimentBarChart::clear() {
    for (QCPBars* b : bars_) b->data()->clear();
    positions_.clear();
    qSharedPointerCast<QCPAxisTickerText>(plot_->xAxis->ticker())->clear();
    top_ = 1.0;
    plot_->yAxis->setRange(0, 1);
    plot_->xAxis->setRange(-0.6, 0.6);
    marked_ = -1;
    updateMark();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QVector<double> ExperimentBarChart::values(int series) const {
    QVector<double> out;
    if (series < 0 || series >= bars_.size()) return out;
    for (auto it = bars_[series]->data()->constBegin(); it != bars_[series]->data()->constEnd(); ++it)
        out.append(it->value);
    return out;
}

}  // namespace ui
