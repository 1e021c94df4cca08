// BarChartView's axes and what tests and tooltips read: the key range and
// its tick labels, the value axis fitted to the labels, the title elided
// to the width, the tooltip of the key under the mouse.
#include "widgets/common/bar_chart_view.h"

#include "widgets/common/value_text.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ui {

void BarChartView::setKeyRange(int first, int count) {
    const int n = int(values_.size());
    if (count <= 0 || count >= n || first < 0 || first + count > n) first = count = 0;
    if (first == rangeFirst_ && count == rangeCount_) return;
    rangeFirst_ = first;
    rangeCount_ = count;
    applyKeyRange();
    updateTicks();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QPair<int, int> BarChartView::keyRange() const {
    return rangeCount_ > 0 ? qMakePair(rangeFirst_, rangeCount_) : qMakePair(0, int(values_.size()));
}

QPair<double, double> BarChartView::keyAxisRange() const {
    return {plot_->xAxis->range().lower, plot_->xAxis->range().upper};
}

void BarChartView::fitValueRange() {
    const double height = plot_->axisRect()->height();
    if (valueLabels_.isEmpty() || height <= 0 || axisHigh_ <= axisLow_) return;
    // A label's height and a 2-pixel gap as a share of the plot area (at
    // most 0.3, so that a tiny chart keeps room for its bars), or the
    // padding setRow() gave, whichever is larger. Labels of negative
    // values hang below their bars and need the same room at the bottom.
    const double label = std::min(0.3, (QFontMetricsF(valueLabels_.front()->font()).height() + 2) / height);
    const double top = std::max(label, (axisHigh_ - barsHigh_) / (axisHigh_ - axisLow_));
    const double bottom = barsLow_ < 0 ? std::max(label, (barsLow_ - axisLow_) / (axisHigh_ - axisLow_)) : 0.0;
    const double span = (barsHigh_ - barsLow_) / (1 - top - bottom);
    const QCPRange range(barsLow_ - bottom * span, barsHigh_ + top * span);
    if (range != plot_->yAxis->range()) plot_->yAxis->setRange(range);
}

QVector<QRectF> BarChartView::valueLabelRects() const {
    QVector<QRectF> out;
    for (const QCPItemText* text : valueLabels_)
        out << QRectF(text->topLeft->pixelPosition(), text->bottomRight->pixelPosition()).normalized();
    return out;
}

QRectF BarChartView::titleRect() const { return title_->outerRect(); }

QRectF BarChartView::plotAreaRect() const { return plot_->axisRect()->rect(); }

QRectF BarChartView::legendRect() const { return plot_->legend->visible() ? plot_->legend->outerRect() : QRectF(); }

void BarChartView::applyKeyRange() {
    const QPair<int, int> r = keyRange();
    plot_->xAxis->setRange(r.first - 0.6, r.first + std::max(0, r.second - 1) + 0.6);
}

void BarChartView::updateTicks() {
    ticker_->clear();
    const int n = int(values_.size());
    if (n == 0) return;
    const int first = keyRange().first, shown = std::max(1, keyRange().second);
    // Label every key while the labels fit side by side; then turn them
    // upright, then label only every step-th key.
    const QFontMetrics fm(plot_->xAxis->tickLabelFont());
    // The axis rect is laid out only at the next replot, so its width is
    // estimated from this widget's (the plot fills it): the value axis takes
    // about 70 pixels.
    const double slot = std::max(1.0, double(std::max(40, width() - 70)) / shown);
    // Where not even one character fits beside the next label, the labels
    // stand upright whatever they say: no need to measure thousands of them
    // on every zoom or pan step.
    bool upright = fm.averageCharWidth() + 6 > slot;
    for (int j = first; !upright && j < first + shown; ++j)
        upright = fm.horizontalAdvance(keyLabels_.value(j)) + 6 > slot;
    plot_->xAxis->setTickLabelRotation(upright ? -90 : 0);
    const int step = upright ? std::max(1, int(std::ceil(fm.height() * 1.2 / slot))) : 1;
    // Multiples of the step, so that labels stay on the same keys as the
    // range pans.
    for (int j = (first + step - 1) / step * step; j < first + shown; j += step)
        ticker_->addTick(j, fm.elidedText(keyLabels_.value(j), Qt::ElideRight, fm.averageCharWidth() * 16));
}

void BarChartView::setTitle(const QString& text) {
    titleText_ = text;
    fitTitle();
}

void BarChartView::fitTitle() {
    const QFontMetrics fm(title_->font());
    title_->setText(fm.elidedText(titleText_, Qt::ElideRight, std::max(0, width() - 12)));
}

void BarChartView::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    fitTitle();
    updateTicks();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void BarChartView::showToolTip(QMouseEvent* e) {
    const int n = int(values_.size());
    const QPointF pos = e->position();
    if (n == 0 || !plot_->axisRect()->rect().contains(pos.toPoint())) {
        QToolTip::hideText();
        return;
    }
    const int j = int(std::lround(plot_->xAxis->pixelToCoord(pos.x())));
    if (j < 0 || j >= n) {
        QToolTip::hideText();
        return;
    }
    const QString key = keyLabels_.value(j).toHtmlEscaped();
    const QString value = exactValueText(values_[size_t(j)]);
    QString text;
    if (!masked_[size_t(j)])
        text = tr("<b>%1</b>: %2 %3").arg(key, weights_ ? tr("weight") : tr("score"), value);
    else if (weights_)
        text = tr("<b>%1</b>: masked, weight exactly 0").arg(key);
    else
        text = tr("<b>%1</b>: masked (raw score %2, weight exactly 0)").arg(key, value);
    QToolTip::showText(e->globalPosition().toPoint(), text, plot_);
}

QVector<double> BarChartView::barKeys() const {
    QVector<double> out;
    for (auto it = bars_->data()->constBegin(); it != bars_->data()->constEnd(); ++it) out << it->key;
    return out;
}

QVector<double> BarChartView::barValues() const {
    QVector<double> out;
    for (auto it = bars_->data()->constBegin(); it != bars_->data()->constEnd(); ++it) out << it->value;
    return out;
}

QVector<int> BarChartView::maskedKeys() const { return maskedList_; }

QMap<double, QString> BarChartView::tickLabels() const { return ticker_->ticks(); }

QString BarChartView::title() const { return titleText_; }

QPair<double, double> BarChartView::valueRange() const {
    return {plot_->yAxis->range().lower, plot_->yAxis->range().upper};
}

QVector<double> BarChartView::referenceValues() const {
    QVector<double> out;
    for (auto it = reference_->data()->constBegin(); it != reference_->data()->constEnd(); ++it) out << it->value;
    return out;
}

}  // namespace ui
