// Learning curves of a training run: loss per epoch (log scale) in one
// plot, AER, token accuracy and exact match (all in 0..1) in another.
#pragma once

#include "translation/seq2seq.h"

#include <QWidget>

class QCPGraph;
class QCustomPlot;

namespace ui {

class TrainingPlots : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPlots(QWidget* parent = nullptr);

    void clear();
    // Appends one epoch without redrawing (epochs can come faster than the
    // screen refreshes); replot() draws what was added. AER gets a point
    // only when the corpus has gold alignments.
    void addEpoch(const ap::EpochStats& stats);
    void replot();

    int lossPointCount() const;
    int aerPointCount() const;

    QSize sizeHint() const override { return {520, 200}; }

private:
    QCustomPlot* lossPlot_ = nullptr;
    QCustomPlot* metricsPlot_ = nullptr;
    QCPGraph* loss_ = nullptr;
    QCPGraph* aer_ = nullptr;
    QCPGraph* accuracy_ = nullptr;
    QCPGraph* exactMatch_ = nullptr;
    int epochs_ = 0;
    double minLoss_ = 0.0, maxLoss_ = 0.0;
};

}  // namespace ui
