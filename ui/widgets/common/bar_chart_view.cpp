#include "widgets/common/bar_chart_view.h"

#include "render/chart_text.h"
#include "render/mask_style.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {
namespace {

// Viridis at 0.35 for the bars; the masked columns use the heatmap's grey
// and hatch (render/mask_style.h).
const QColor kBar(0x31, 0x68, 0x8e);
// Viridis at 0.8: the reference series, distinct from the bars in hue and lightness.
const QColor kReference(0x7a, 0xd1, 0x51);
// Above this many keys the value and "masked" texts would overlap.
constexpr int kMaxAnnotatedKeys = 24;

}  // namespace

BarChartView::BarChartView(QWidget* parent) : QWidget(parent), ticker_(new QCPAxisTickerText) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    plot_ = new QCustomPlot(this);
    layout->addWidget(plot_);

    plot_->plotLayout()->insertRow(0);
    QFont titleFont = font();
    titleFont.setBold(true);
    title_ = new QCPTextElement(plot_, QString(), titleFont);
    plot_->plotLayout()->addElement(0, 0, title_);

    // Drawn in this order: the masked columns' fill, their hatch, the bars.
    maskedFill_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    maskedFill_->setPen(Qt::NoPen);
    maskedFill_->setBrush(kMaskFill);
    maskedHatch_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    // No outline: at many keys an outlined column would read as a tall bar;
    // a borderless hatched band reads as "nothing here".
    maskedHatch_->setPen(Qt::NoPen);
    maskedHatch_->setName(tr("masked key"));
    maskedHatch_->setBrush(QBrush(kMaskHatch, Qt::BDiagPattern));
    bars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars_->setPen(QPen(kBar.darker(130), 1));
    bars_->setBrush(kBar);
    // A legend entry explains the hatch where the columns are too narrow
    // for their "masked" text.
    plot_->legend->setFont(font());
    // Below the axes, one row: inside them it would hide the bars and their
    // labels wherever it sat.
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setBrush(Qt::NoBrush);
    plot_->legend->setWrap(3);
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    maskedFill_->removeFromLegend();
    bars_->removeFromLegend();
    reference_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    reference_->setPen(QPen(kReference.darker(130), 1));
    reference_->setBrush(kReference);
    reference_->setWidth(0.35);
    reference_->setSelectable(QCP::stNone);
    reference_->removeFromLegend();
    group_ = new QCPBarsGroup(plot_);
    group_->setSpacingType(QCPBarsGroup::stAbsolute);
    group_->setSpacing(1);
    for (QCPBars* b : {maskedFill_, maskedHatch_, bars_}) {
        b->setWidth(0.7);
        b->setSelectable(QCP::stNone);
    }
    maskedFill_->setWidth(0.9);
    maskedHatch_->setWidth(0.9);

    plot_->xAxis->setTicker(ticker_);
    plot_->xAxis->setSubTicks(false);
    plot_->xAxis->setTickLength(0, 3);
    plot_->xAxis->grid()->setVisible(false);
    plot_->xAxis->setLabel(tr("keys"));
    plot_->yAxis->grid()->setSubGridVisible(false);
    connect(plot_, &QCustomPlot::mouseMove, this, &BarChartView::showToolTip);
    connect(plot_, &QCustomPlot::afterLayout, this, &BarChartView::fitValueRange);
    clear();
}

void BarChartView::clear() {
    keyLabels_.clear();
    values_.clear();
    masked_.clear();
    maskedList_.clear();
    bars_->data()->clear();
    setReference({}, {}, {});
    maskedFill_->data()->clear();
    maskedHatch_->data()->clear();
    showLegend(false);
    plot_->clearItems();
    valueLabels_.clear();
    ticker_->clear();
    setTitle(rowTitle());
    plot_->xAxis->setRange(-0.5, 0.5);
    plot_->yAxis->setRange(0, 1);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void BarChartView::setRow(const QString& queryLabel, const QStringList& keyLabels, std::vector<float> values,
                          std::vector<bool> masked, bool weights) {
    const int n = int(values.size());
    masked.resize(size_t(n), false);
    keyLabels_ = keyLabels;
    values_ = std::move(values);
    masked_ = std::move(masked);
    weights_ = weights;

    rowLabel_ = queryLabel;
    setTitle(rowTitle());
    plot_->yAxis->setLabel(weights ? tr("weight") : tr("score"));

    QVector<double> keys, vals, maskedKeys;
    double lo = 0, hi = 0;
    for (int j = 0; j < n; ++j) {
        if (masked_[size_t(j)]) {
            maskedKeys << j;
            continue;
        }
        keys << j;
        vals << double(values_[size_t(j)]);
        lo = std::min(lo, vals.back());
        hi = std::max(hi, vals.back());
    }
    bars_->setData(keys, vals, true);

    // Weights keep one fixed axis so that rows compare at a glance; the
    // headroom above 1 holds the value labels (fitValueRange() widens it
    // where a label is taller).
    barsLow_ = weights ? 0.0 : lo;
    barsHigh_ = weights ? 1.0 : hi;
    if (weights) {
        lo = 0;
        hi = 1.1;
    } else {
        const double pad = std::max(1e-6, (hi - lo) * 0.1);
        hi += pad;
        lo = lo < 0 ? lo - pad : 0;
    }
    plot_->yAxis->setRange(lo, hi);
    axisLow_ = lo;
    axisHigh_ = hi;
    if (rangeFirst_ + rangeCount_ > n) rangeFirst_ = rangeCount_ = 0;
    applyKeyRange();
    // The masked bands reach far beyond the value axis (clipped to the plot
    // area), so that an axis widened for the labels leaves no gap.
    const double bandLow = lo - 10 * (hi - lo), bandHigh = hi + 10 * (hi - lo);
    maskedFill_->setBaseValue(bandLow);
    maskedHatch_->setBaseValue(bandLow);
    maskedList_.clear();
    for (double k : maskedKeys) maskedList_ << int(k);
    plot_->clearItems();
    valueLabels_.clear();
    showMaskedBands(maskedKeys, bandLow, bandHigh);
    if (!maskedKeys.isEmpty() && !plot_->legend->hasItemWithPlottable(maskedHatch_)) maskedHatch_->addToLegend();
    showLegend(!maskedKeys.isEmpty() && n > kMaxAnnotatedKeys);

    if (n <= kMaxAnnotatedKeys) addValueLabels();
    updateTicks();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString BarChartView::rowTitle() const {
    if (values_.empty()) return tr("Click a heatmap row or a query to see its weights over the keys");
    return weights_ ? tr("weights of ‘%1’ over the keys").arg(rowLabel_)
                    : tr("raw scores of ‘%1’ over the keys").arg(rowLabel_);
}

// Masked columns span the whole value axis (bandLow..bandHigh): a hatched
// band, never a short bar that could pass for a small weight.
void BarChartView::showMaskedBands(const QVector<double>& maskedKeys, double bandLow, double bandHigh) {
    const int n = int(values_.size());
    if (n <= kMaxAnnotatedKeys) {
        const QVector<double> full(maskedKeys.size(), bandHigh - bandLow);
        maskedFill_->setData(maskedKeys, full, true);
        maskedHatch_->setData(maskedKeys, full, true);
    } else {
        // Thousands of keys: one hatched band per run of masked keys instead
        // of a bar per key (a causal row masks all keys after the query in
        // one run), which keeps a replot to a few milliseconds.
        maskedFill_->data()->clear();
        maskedHatch_->data()->clear();
        for (int j = 0; j < n;) {
            if (!masked_[size_t(j)]) {
                ++j;
                continue;
            }
            int e = j;
            while (e < n && masked_[size_t(e)]) ++e;
            auto* band = new QCPItemRect(plot_);
            band->setClipToAxisRect(true);
            band->setPen(Qt::NoPen);
            band->setBrush(QBrush(kMaskHatch, Qt::BDiagPattern));
            band->topLeft->setCoords(j - 0.5, bandHigh);
            band->bottomRight->setCoords(e - 0.5, bandLow);
            auto* fill = new QCPItemRect(plot_);
            fill->setClipToAxisRect(true);
            fill->setPen(Qt::NoPen);
            fill->setBrush(kMaskFill);
            fill->topLeft->setCoords(j - 0.5, bandHigh);
            fill->bottomRight->setCoords(e - 0.5, bandLow);
            fill->setLayer(QStringLiteral("background"));
            j = e;
        }
    }
}

// A value above each bar, "masked" upright in each masked column.
void BarChartView::addValueLabels() {
    const int n = int(values_.size());
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    for (int j = 0; j < n; ++j) {
        auto* text = new QCPItemText(plot_);
        text->setFont(small);
        text->setClipToAxisRect(true);
        if (masked_[size_t(j)]) {
            text->setText(tr("masked"));
            text->setRotation(-90);
            text->setColor(QColor(0x44, 0x44, 0x44));
            text->setBrush(kMaskFill);
            text->setPositionAlignment(Qt::AlignCenter);
            // Halfway up the plot area, whatever the value axis.
            text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
            text->position->setAxisRect(plot_->axisRect());
            text->position->setCoords(j, 0.5);
        } else {
            const double v = values_[size_t(j)];
            text->setText(formatCellValue(v, weights_));
            text->setPositionAlignment(v >= 0 ? (Qt::AlignHCenter | Qt::AlignBottom)
                                              : (Qt::AlignHCenter | Qt::AlignTop));
            text->position->setCoords(j, v);
            valueLabels_ << text;
        }
    }
}

void BarChartView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        plot_->xAxis->setLabel(tr("keys"));
        plot_->yAxis->setLabel(weights_ ? tr("weight") : tr("score"));
        maskedHatch_->setName(tr("masked key"));
        setTitle(rowTitle());
        plot_->replot(QCustomPlot::rpQueuedReplot);
    }
    QWidget::changeEvent(event);
}

void BarChartView::setReference(std::vector<float> values, const QString& barsName, const QString& referenceName) {
    if (values.empty()) {
        reference_->data()->clear();
        reference_->setBarsGroup(nullptr);
        bars_->setBarsGroup(nullptr);
        bars_->setWidth(0.7);
        bars_->removeFromLegend();
        reference_->removeFromLegend();
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    QVector<double> keys, vals;
    for (int j = 0; j < int(values.size()); ++j) {
        if (std::size_t(j) < masked_.size() && masked_[std::size_t(j)]) continue;
        keys << j;
        vals << double(values[std::size_t(j)]);
    }
    reference_->setData(keys, vals, true);
    bars_->setWidth(0.38);
    reference_->setWidth(0.38);
    bars_->setBarsGroup(group_);
    reference_->setBarsGroup(group_);
    bars_->setName(barsName);
    reference_->setName(referenceName);
    // The hatch's entry only where there are masked keys.
    if (maskedList_.isEmpty())
        maskedHatch_->removeFromLegend();
    else if (!plot_->legend->hasItemWithPlottable(maskedHatch_))
        maskedHatch_->addToLegend();
    if (!plot_->legend->hasItemWithPlottable(bars_)) bars_->addToLegend();
    if (!plot_->legend->hasItemWithPlottable(reference_)) reference_->addToLegend();
    showLegend(true);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void BarChartView::showLegend(bool on) {
    // A hidden legend would still keep its row below the axes: it is taken
    // out of the layout instead.
    QCPLayoutGrid* layout = plot_->plotLayout();
    const bool placed = layout->hasElement(2, 0) && layout->element(2, 0) == plot_->legend;
    if (on && !placed) {
        layout->addElement(2, 0, plot_->legend);
        layout->setRowStretchFactor(2, 0.001);
    } else if (!on && placed) {
        layout->take(plot_->legend);
        layout->simplify();
    }
    plot_->legend->setVisible(on);
}

}  // namespace ui
