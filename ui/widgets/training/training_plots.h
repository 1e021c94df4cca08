// Learning curves of a training run, side by side: loss per epoch (log
// scale, training and held-out pairs), then AER, token accuracy, exact
// match and BLEU (all in 0..1) on the training pairs and on the held-out
// pairs, so that overfitting shows as the two panels drifting apart.
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
    int heldOutAerPointCount() const;
    int heldOutExactMatchPointCount() const;

    QSize sizeHint() const override { return {760, 200}; }

private:
    QCustomPlot* lossPlot_ = nullptr;
    struct Metrics {
        QCustomPlot* plot = nullptr;
        QCPGraph* aer = nullptr;
        QCPGraph* accuracy = nullptr;
        QCPGraph* exactMatch = nullptr;
        QCPGraph* bleu = nullptr;
    };
    Metrics makeMetrics(const QString& title, const QString& objectName, const QString& tip);
    void addMetrics(Metrics& m, double epoch, double aer, bool hasAer, double accuracy, double exact, double bleu);

    QCPGraph* loss_ = nullptr;
    QCPGraph* heldOutLoss_ = nullptr;
    Metrics train_, heldOut_;
    int epochs_ = 0;
    double minLoss_ = 0.0, maxLoss_ = 0.0;
};

}  // namespace ui
