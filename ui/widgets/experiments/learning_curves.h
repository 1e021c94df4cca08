// Test accuracy (left axis, 0..1) and training and test loss (right axis)
// over the run, in epochs (fractions of an epoch between them).
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

    int pointCount() const;
    double lastAccuracy() const;
    QCustomPlot* plot() const { return plot_; }

    QSize sizeHint() const override { return {520, 200}; }

private:
    QCustomPlot* plot_ = nullptr;
    QCPGraph* accuracy_ = nullptr;
    QCPGraph* trainLoss_ = nullptr;
    QCPGraph* testLoss_ = nullptr;
    double maxLoss_ = 0.0;
    double maxEpoch_ = 0.0;
};

}  // namespace ui
