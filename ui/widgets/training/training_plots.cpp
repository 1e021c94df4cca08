#include "widgets/training/training_plots.h"

#include <qcustomplot.h>

#include <QHBoxLayout>

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

QCustomPlot* makePlot(QWidget* parent, const QString& title, const QString& yLabel) {
    auto* plot = new QCustomPlot(parent);
    plot->plotLayout()->insertRow(0);
    QFont titleFont = parent->font();
    titleFont.setBold(true);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, titleFont));
    plot->xAxis->setLabel(QObject::tr("epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->yAxis->grid()->setSubGridVisible(false);
    plot->setMinimumSize(160, 120);
    return plot;
}

QCPGraph* addGraph(QCustomPlot* plot, const QColor& colour, const QString& name, Qt::PenStyle style) {
    QCPGraph* g = plot->addGraph();
    QPen pen(colour, 2);
    pen.setStyle(style);
    g->setPen(pen);
    g->setName(name);
    return g;
}

}  // namespace

TrainingPlots::TrainingPlots(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    lossPlot_ = makePlot(this, tr("Loss per epoch"), tr("cross-entropy"));
    lossPlot_->setObjectName(QStringLiteral("lossPlot"));
    lossPlot_->setToolTip(tr("Mean cross-entropy per target token after each epoch (log scale)"));
    // The loss falls by orders of magnitude; a log axis keeps its tail visible.
    lossPlot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
    lossPlot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    loss_ = addGraph(lossPlot_, QColor(0x31, 0x68, 0x8e), tr("loss"), Qt::SolidLine);
    layout->addWidget(lossPlot_);

    metricsPlot_ = makePlot(this, tr("Alignment and accuracy"), QString());
    metricsPlot_->setObjectName(QStringLiteral("metricsPlot"));
    metricsPlot_->setToolTip(
        tr("AER: alignment error rate of the argmax attention against the gold alignment (lower "
           "is better). Token accuracy and exact match of the translations (higher is better)"));
    // A little margin so that a curve at exactly 0 or 1 stays visible.
    metricsPlot_->yAxis->setRange(-0.03, 1.03);
    aer_ = addGraph(metricsPlot_, QColor(0xd6, 0x27, 0x28), tr("AER"), Qt::SolidLine);
    accuracy_ = addGraph(metricsPlot_, QColor(0x2c, 0xa0, 0x2c), tr("token accuracy"), Qt::DashLine);
    exactMatch_ = addGraph(metricsPlot_, QColor(0x44, 0x44, 0x44), tr("exact match"), Qt::DotLine);
    // The legend goes below the axes: inside, it would hide a curve
    // wherever it sat (the curves span the whole 0..1 range over a run).
    QCPLegend* legend = metricsPlot_->legend;
    legend->setVisible(true);
    QFont legendFont = font();
    legendFont.setPointSizeF(std::max(6.0, legendFont.pointSizeF() * 0.8));
    legend->setFont(legendFont);
    legend->setBorderPen(Qt::NoPen);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    metricsPlot_->axisRect()->insetLayout()->take(legend);
    metricsPlot_->plotLayout()->addElement(2, 0, legend);
    metricsPlot_->plotLayout()->setRowStretchFactor(2, 0.001);
    layout->addWidget(metricsPlot_);
    clear();
}

void TrainingPlots::clear() {
    for (QCPGraph* g : {loss_, aer_, accuracy_, exactMatch_})
        g->data()->clear();
    epochs_ = 0;
    minLoss_ = maxLoss_ = 0.0;
    lossPlot_->xAxis->setRange(0, 1);
    lossPlot_->yAxis->setRange(0.01, 10.0);
    metricsPlot_->xAxis->setRange(0, 1);
    replot();
}

void TrainingPlots::addEpoch(const ap::EpochStats& s) {
    const double x = s.epoch;
    // A log axis cannot show 0; a perfect fit is drawn at the floor.
    const double loss = std::max(s.loss, 1e-6);
    loss_->addData(x, loss);
    minLoss_ = epochs_ == 0 ? loss : std::min(minLoss_, loss);
    maxLoss_ = epochs_ == 0 ? loss : std::max(maxLoss_, loss);
    if (s.pairsWithGold > 0)
        aer_->addData(x, s.aer);
    accuracy_->addData(x, s.tokenAccuracy);
    exactMatch_->addData(x, s.exactMatch);
    epochs_ = std::max(epochs_, s.epoch);
}

void TrainingPlots::replot() {
    const double right = std::max(1, epochs_);
    lossPlot_->xAxis->setRange(0.5, right + 0.5);
    metricsPlot_->xAxis->setRange(0.5, right + 0.5);
    if (epochs_ > 0)
        lossPlot_->yAxis->setRange(minLoss_ / 1.5, maxLoss_ * 1.5);
    lossPlot_->replot(QCustomPlot::rpQueuedReplot);
    metricsPlot_->replot(QCustomPlot::rpQueuedReplot);
}

int TrainingPlots::lossPointCount() const {
    return loss_->dataCount();
}

int TrainingPlots::aerPointCount() const {
    return aer_->dataCount();
}

}  // namespace ui
