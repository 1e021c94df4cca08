#include "widgets/common/bar_chart_view.h"

#include "render/chart_text.h"
#include "render/mask_style.h"
#include "widgets/common/value_text.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <charconv>
#include <cmath>

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
    setTitle(tr("Click a heatmap row or a query to see its weights over the keys"));
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
    setTitle(weights ? tr("weights of ‘%1’ over the keys").arg(queryLabel)
                     : tr("raw scores of ‘%1’ over the keys").arg(queryLabel));
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
    // Masked columns span the whole value axis: a hatched band, never a
    // short bar that could pass for a small weight. They reach far beyond
    // it (clipped to the plot area), so that a value axis widened for the
    // labels leaves no gap.
    const double bandLow = lo - 10 * (hi - lo), bandHigh = hi + 10 * (hi - lo);
    maskedFill_->setBaseValue(bandLow);
    maskedHatch_->setBaseValue(bandLow);
    maskedList_.clear();
    for (double k : maskedKeys) maskedList_ << int(k);
    plot_->clearItems();
    valueLabels_.clear();
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
    if (!maskedKeys.isEmpty() && !plot_->legend->hasItemWithPlottable(maskedHatch_)) maskedHatch_->addToLegend();
    showLegend(!maskedKeys.isEmpty() && n > kMaxAnnotatedKeys);

    if (n <= kMaxAnnotatedKeys) {
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
                text->setText(weights ? QString::number(v, 'f', 2) : QString::number(v, 'g', 3));
                text->setPositionAlignment(v >= 0 ? (Qt::AlignHCenter | Qt::AlignBottom)
                                                  : (Qt::AlignHCenter | Qt::AlignTop));
                text->position->setCoords(j, v);
                valueLabels_ << text;
            }
        }
    }
    updateTicks();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

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

void BarChartView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        plot_->xAxis->setLabel(tr("keys"));
        plot_->yAxis->setLabel(weights_ ? tr("weight") : tr("score"));
        maskedHatch_->setName(tr("masked key"));
        if (values_.empty())
            setTitle(tr("Click a heatmap row or a query to see its weights over the keys"));
        else
            setTitle(weights_ ? tr("weights of ‘%1’ over the keys").arg(rowLabel_)
                              : tr("raw scores of ‘%1’ over the keys").arg(rowLabel_));
        plot_->replot(QCustomPlot::rpQueuedReplot);
    }
    QWidget::changeEvent(event);
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

}  // namespace ui

namespace ui {

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

QVector<double> BarChartView::referenceValues() const {
    QVector<double> out;
    for (auto it = reference_->data()->constBegin(); it != reference_->data()->constEnd(); ++it) out << it->value;
    return out;
}

}  // namespace ui
