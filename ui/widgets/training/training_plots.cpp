#include "widgets/training/training_plots.h"

#include "widgets/common/plot_legend.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QHBoxLayout>

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

// Whole epochs at steps of 1, 2, 2.5 or 5 × 10^k: the smallest at least
// minimumStep, which fitEpochTicks sets from the room the axis has.
class EpochTicker : public QCPAxisTicker {
public:
    double minimumStep = 1.0;

protected:
    double getTickStep(const QCPRange& range) override {
        // The largest step still leaving one tick on the axis, where the
        // room asks for more.
        double last = 1.0;
        for (double magnitude = 1.0; magnitude < 1e15; magnitude *= 10.0)
            for (const double m : {1.0, 2.0, 2.5, 5.0}) {
                const double step = m * magnitude;
                if (std::floor(step) != step) continue;
                if (step > range.upper) return last;
                if (step >= minimumStep) return step;
                last = step;
            }
        return last;
    }
};

// Gives each epoch label its width and a space, so that the
// labels of a narrow plot or a long run never run together. The axis's
// width is the plot's less the margins of the last layout (the plot was
// maybe just resized).
void fitEpochTicks(QCustomPlot* plot) {
    auto* ticker = dynamic_cast<EpochTicker*>(plot->xAxis->ticker().data());
    if (!ticker) return;
    const QCPRange range = plot->xAxis->range();
    const QFontMetrics metrics(plot->xAxis->tickLabelFont());
    const QChar format = plot->xAxis->numberFormat().isEmpty() ? QLatin1Char('g') : plot->xAxis->numberFormat().at(0);
    const QString widest =
        plot->locale().toString(std::floor(range.upper), format.toLatin1(), plot->xAxis->numberPrecision());
    const double label = metrics.horizontalAdvance(widest) + metrics.horizontalAdvance(QLatin1Char(' ')) + 1;
    const QCPAxisRect* rect = plot->axisRect();
    const int margins = rect->outerRect().width() > 0 ? rect->outerRect().width() - rect->width() : 60;
    const double axis = std::max(1, plot->width() - margins);
    ticker->minimumStep = std::max(1.0, range.size() * label / axis);
}

QCustomPlot* makePlot(QWidget* parent, const QString& title, const QString& yLabel) {
    auto* plot = new QCustomPlot(parent);
    plot->plotLayout()->insertRow(0);
    QFont titleFont = parent->font();
    titleFont.setBold(true);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, titleFont));
    plot->xAxis->setLabel(QObject::tr("epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->yAxis->grid()->setSubGridVisible(false);
    plot->setMinimumSize(140, 120);
    plot->xAxis->setTicker(QSharedPointer<EpochTicker>(new EpochTicker));
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { fitEpochTicks(plot); });
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

    heldOutLoss_ = addGraph(lossPlot_, QColor(0x8e, 0x44, 0xad), tr("held-out loss"), Qt::DashLine);
    placeLegendBelow(lossPlot_, 1);
    train_ = makeMetrics(tr("Training pairs"), QStringLiteral("metricsPlot"),
                         tr("On the pairs trained on. AER: alignment error rate of the argmax "
                            "attention against the gold alignment (lower is better). Token "
                            "accuracy, exact match and BLEU of the translations (higher is better)"));
    layout->addWidget(train_.plot);
    heldOut_ = makeMetrics(tr("Held-out pairs"), QStringLiteral("heldOutPlot"),
                           tr("On the held-out pairs, never trained on: what the model generalises. "
                              "Empty when no pairs are held out"));
    layout->addWidget(heldOut_.plot);
    clear();
}

TrainingPlots::Metrics TrainingPlots::makeMetrics(const QString& title, const QString& objectName, const QString& tip) {
    Metrics m;
    m.plot = makePlot(this, title, QString());
    m.plot->setObjectName(objectName);
    m.plot->setToolTip(tip);
    // A little margin so that a curve at exactly 0 or 1 stays visible.
    m.plot->yAxis->setRange(-0.03, 1.03);
    m.aer = addGraph(m.plot, QColor(0xd6, 0x27, 0x28), tr("AER"), Qt::SolidLine);
    m.accuracy = addGraph(m.plot, QColor(0x2c, 0xa0, 0x2c), tr("token accuracy"), Qt::DashLine);
    m.exactMatch = addGraph(m.plot, QColor(0x44, 0x44, 0x44), tr("exact match"), Qt::DotLine);
    m.bleu = addGraph(m.plot, QColor(0x1f, 0x77, 0xb4), tr("BLEU"), Qt::DashDotLine);
    placeLegendBelow(m.plot, 2);
    return m;
}

void TrainingPlots::addMetrics(Metrics& m, double epoch, double aer, bool hasAer, double accuracy, double exact,
                               double bleu) {
    if (hasAer) m.aer->addData(epoch, aer);
    m.accuracy->addData(epoch, accuracy);
    m.exactMatch->addData(epoch, exact);
    m.bleu->addData(epoch, bleu);
}

void TrainingPlots::clear() {
    for (QCPGraph* g : {loss_, heldOutLoss_, train_.aer, train_.accuracy, train_.exactMatch, train_.bleu, heldOut_.aer,
                        heldOut_.accuracy, heldOut_.exactMatch, heldOut_.bleu})
        g->data()->clear();
    epochs_ = 0;
    minLoss_ = maxLoss_ = 0.0;
    lossPlot_->xAxis->setRange(0, 1);
    lossPlot_->yAxis->setRange(0.01, 10.0);
    train_.plot->xAxis->setRange(0, 1);
    heldOut_.plot->xAxis->setRange(0, 1);
    replot();
}

void TrainingPlots::addEpoch(const ap::EpochStats& s) {
    // Epochs without an evaluation carry the previous figures: no point.
    if (!s.evaluated) return;
    const double x = s.epoch;
    // A log axis cannot show 0; a perfect fit is drawn at the floor.
    const double loss = std::max(s.loss, 1e-6);
    loss_->addData(x, loss);
    minLoss_ = epochs_ == 0 ? loss : std::min(minLoss_, loss);
    maxLoss_ = epochs_ == 0 ? loss : std::max(maxLoss_, loss);
    addMetrics(train_, x, s.aer, s.pairsWithGold > 0, s.tokenAccuracy, s.exactMatch, s.bleu);
    if (s.hasHeldOut) {
        const double heldLoss = std::max(s.heldOut.loss, 1e-6);
        heldOutLoss_->addData(x, heldLoss);
        minLoss_ = std::min(minLoss_, heldLoss);
        maxLoss_ = std::max(maxLoss_, heldLoss);
        addMetrics(heldOut_, x, s.heldOut.aer, s.heldOut.pairsWithGold > 0, s.heldOut.tokenAccuracy,
                   s.heldOut.exactMatch, s.heldOut.bleu);
    }
    epochs_ = std::max(epochs_, s.epoch);
}

void TrainingPlots::replot() {
    const double right = std::max(1, epochs_);
    lossPlot_->xAxis->setRange(0.5, right + 0.5);
    train_.plot->xAxis->setRange(0.5, right + 0.5);
    heldOut_.plot->xAxis->setRange(0.5, right + 0.5);
    if (epochs_ > 0) lossPlot_->yAxis->setRange(minLoss_ / 1.5, maxLoss_ * 1.5);
    lossPlot_->replot(QCustomPlot::rpQueuedReplot);
    train_.plot->replot(QCustomPlot::rpQueuedReplot);
    heldOut_.plot->replot(QCustomPlot::rpQueuedReplot);
}

int TrainingPlots::lossPointCount() const { return loss_->dataCount(); }

int TrainingPlots::aerPointCount() const { return train_.aer->dataCount(); }

int TrainingPlots::heldOutAerPointCount() const { return heldOut_.aer->dataCount(); }

int TrainingPlots::heldOutExactMatchPointCount() const { return heldOut_.exactMatch->dataCount(); }

}  // namespace ui
