// The bar chart: one query row's weights (or raw
// scores) over the keys, the time steps, labelled with the key tokens.
//   bar_chart_view.cpp       the plot, the row's bars, masked columns and
//                            value labels, the reference series and legend
//   bar_chart_view_axes.cpp  key range and ticks, value axis, title, tooltip
#pragma once

#include <QMap>
#include <QPair>
#include <QSharedPointer>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <vector>

class QCPAxisTickerText;
class QCPBars;
class QCPBarsGroup;
class QCPItemText;
class QCPTextElement;
class QCustomPlot;
class QMouseEvent;

namespace ui {

class BarChartView : public QWidget {
    Q_OBJECT
public:
    explicit BarChartView(QWidget* parent = nullptr);

    // `values` and `masked` have one entry per key. Weights use a fixed 0..1
    // axis; scores an axis fitted to the unmasked values and 0. Masked keys
    // get no bar but a hatched grey column marked "masked".
    void setRow(const QString& queryLabel, const QStringList& keyLabels, std::vector<float> values,
                std::vector<bool> masked, bool weights);
    // No row selected: an empty chart that says how to pick one.
    void clear();
    // A second series beside the bars, e.g. the softmax probabilities next
    // to the sampled frequencies (call after setRow; masked keys get none).
    // An empty vector removes it.
    void setReference(std::vector<float> values, const QString& barsName, const QString& referenceName);
    QVector<double> referenceValues() const;
    // Shows only keys first .. first + count - 1 (e.g. the heatmap's visible
    // columns), labelled as densely as they fit; a count of 0 or less shows
    // every key. Kept across setRow() while the key count stays the same.
    void setKeyRange(int first, int count);
    QPair<int, int> keyRange() const;

    // What the chart holds, for tests: the bars (unmasked keys, by key
    // index), the keys drawn as masked, the tick labels by key index, the
    // title and the value axis range.
    QVector<double> barKeys() const;
    QVector<double> barValues() const;
    QVector<int> maskedKeys() const;
    QMap<double, QString> tickLabels() const;
    QString title() const;
    QPair<double, double> valueRange() const;
    // The key axis as drawn (key indices, with half a bar of margin).
    QPair<double, double> keyAxisRange() const;
    // Where the last replot put things, in widget pixels: each value label
    // (by bar), the title, the plot area and the legend (empty when hidden).
    QVector<QRectF> valueLabelRects() const;
    QRectF titleRect() const;
    QRectF plotAreaRect() const;
    QRectF legendRect() const;

    QSize sizeHint() const override { return {420, 240}; }
    QSize minimumSizeHint() const override { return {160, 120}; }

protected:
    void resizeEvent(QResizeEvent*) override;
    // The plot's own texts (axis titles, legend names) are not widgets'
    // texts: they are set again in the new language.
    void changeEvent(QEvent* event) override;

private:
    void updateTicks();
    // The key axis over keyRange(), wide enough for the outer bars' halves.
    void applyKeyRange();
    // The title, elided to the chart's width (QCPTextElement would clip it
    // at both ends in a narrow chart).
    void setTitle(const QString& text);
    void fitTitle();
    // The title for the row shown (or the hint when none is).
    QString rowTitle() const;
    // The masked keys' columns: a bar per key while the keys are few enough
    // to be annotated, else one band per run of masked keys.
    void showMaskedBands(const QVector<double>& maskedKeys, double bandLow, double bandHigh);
    void addValueLabels();
    void showLegend(bool on);
    void showToolTip(QMouseEvent* event);
    // Widens the value axis once the plot area's height is known, so that
    // the value labels above (and below) the longest bars fit inside it.
    void fitValueRange();

    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPBars* bars_ = nullptr;
    QCPBars* reference_ = nullptr;
    QCPBarsGroup* group_ = nullptr;
    QCPBars* maskedFill_ = nullptr;
    QCPBars* maskedHatch_ = nullptr;
    QSharedPointer<QCPAxisTickerText> ticker_;
    QString titleText_;
    QStringList keyLabels_;
    QString rowLabel_;
    std::vector<float> values_;
    std::vector<bool> masked_;
    QVector<int> maskedList_;
    QVector<QCPItemText*> valueLabels_;
    // The value axis before room for the labels: the bars' extent, padded.
    double axisLow_ = 0, axisHigh_ = 1;
    // The bars' extent (0 included) that the labels stand on.
    double barsLow_ = 0, barsHigh_ = 0;
    bool weights_ = true;
    int rangeFirst_ = 0, rangeCount_ = 0;  // 0: every key
};

}  // namespace ui
