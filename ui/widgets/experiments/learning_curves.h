// Test accuracy (left axis, 0..1) and training and test loss (right axis)
// over the run, in epochs (fractions of an epoch between them); optionally
// the test accuracy of a second model beside it.
#pragma once

#include <QWidget>

class QCPGraph;
class QCustomPlot;

namespace ui {

class LearningCurves : public QWidget {
    Q_OBJECT
public:
    explicit LearningCurves(QWidget* parent = nullptr);

    void clear();
    void addPoint(double epoch, double accuracy, double trainLoss, double testLoss);
    // A second accuracy curve (another model trained beside the first), and
    // the names of both in the legend.
    void showComparison(const QString& accuracyName, const QString& comparisonName);
    void addComparisonPoint(double epoch, double accuracy);
    int comparisonPointCount() const;

    int pointCount() const;
    double lastAccuracy() const;
    QCustomPlot* plot() const { return plot_; }

    QSize sizeHint() const override { return {520, 200}; }

private:
    QCustomPlot* plot_ = nullptr;
    QCPGraph* accuracy_ = nullptr;
    QCPGraph* trainLoss_ = nullptr;
    QCPGraph* testLoss_ = nullptr;
    QCPGraph* comparison_ = nullptr;
    double maxLoss_ = 0.0;
    double maxEpoch_ = 0.0;
};

}  // namespace ui
