#include "widgets/experiments/learning_curves.h"

#include "widgets/common/plot_legend.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>

namespace ui {

LearningCurves::LearningCurves(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("curvesPlot"));
    plot_->setMinimumSize(200, 120);
    plot_->xAxis->setLabel(tr("epoch"));
    plot_->yAxis->setLabel(tr("test accuracy"));
    plot_->yAxis2->setVisible(true);
    plot_->yAxis2->setLabel(tr("cross-entropy"));
    plot_->yAxis->setRange(0.0, 1.02);
    accuracy_ = plot_->addGraph(plot_->xAxis, plot_->yAxis);
    accuracy_->setPen(QPen(QColor(0x2c, 0xa0, 0x2c), 2));
    accuracy_->setName(tr("test accuracy"));
    trainLoss_ = plot_->addGraph(plot_->xAxis, plot_->yAxis2);
    trainLoss_->setPen(QPen(QColor(0x31, 0x68, 0x8e), 2));
    trainLoss_->setName(tr("training loss"));
    QPen dashed(QColor(0xd6, 0x27, 0x28), 2);
    dashed.setStyle(Qt::DashLine);
    testLoss_ = plot_->addGraph(plot_->xAxis, plot_->yAxis2);
    testLoss_->setPen(dashed);
    testLoss_->setName(tr("test loss"));
    placeLegendBelow(plot_, 4);
    layout->addWidget(plot_);
    setToolTip(tr("Test accuracy and the cross-entropy on the training batches and on the test samples"));
    clear();
}

void LearningCurves::clear() {
    for (QCPGraph* g : {accuracy_, trainLoss_, testLoss_}) g->data()->clear();
    if (comparison_) comparison_->data()->clear();
    maxLoss_ = 0.0;
    maxEpoch_ = 0.0;
    plot_->xAxis->setRange(0.0, 1.0);
    plot_->yAxis2->setRange(0.0, 1.0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LearningCurves::addPoint(double epoch, double accuracy, double trainLoss, double testLoss) {
    accuracy_->addData(epoch, accuracy);
    trainLoss_->addData(epoch, trainLoss);
    testLoss_->addData(epoch, testLoss);
    maxLoss_ = std::max({maxLoss_, trainLoss, testLoss});
    maxEpoch_ = std::max(maxEpoch_, epoch);
    plot_->xAxis->setRange(0.0, std::max(1.0, maxEpoch_));
    plot_->yAxis2->setRange(0.0, std::max(0.1, maxLoss_ * 1.05));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LearningCurves::showComparison(const QString& accuracyName, const QString& comparisonName) {
    if (!comparison_) {
        comparison_ = plot_->addGraph(plot_->xAxis, plot_->yAxis);
        QPen dotted(QColor(0xe3, 0x7b, 0x40), 2);
        dotted.setStyle(Qt::DotLine);
        comparison_->setPen(dotted);
    }
    accuracy_->setName(accuracyName);
    comparison_->setName(comparisonName);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LearningCurves::addComparisonPoint(double epoch, double accuracy) {
    if (!comparison_) return;
    comparison_->addData(epoch, accuracy);
    maxEpoch_ = std::max(maxEpoch_, epoch);
    plot_->xAxis->setRange(0.0, std::max(1.0, maxEpoch_));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

int LearningCurves::comparisonPointCount() const { return comparison_ ? comparison_->dataCount() : 0; }

int LearningCurves::pointCount() const { return accuracy_->dataCount(); }

double LearningCurves::lastAccuracy() const {
    return accuracy_->dataCount() ? (accuracy_->data()->constEnd() - 1)->value : 0.0;
}

}  // namespace ui
