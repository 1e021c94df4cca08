// What one heatmap shows, independent of where it is drawn (window, PNG,
// SVG, PDF): the values, their labels, the mask and the colour range.
#pragma once

#include "attention/attention.h"
#include "render/color_scale.h"
#include "core/scene.h"

#include <QImage>
#include <QPoint>
#include <QString>
#include <QStringList>

#include <vector>

namespace ui {

// Which head a heatmap shows: a head index, or the mean of all heads.
struct HeadChoice {
    static constexpr int kMean = -1;
    int head = kMean;
    bool isMean() const { return head == kMean; }
};

enum class HeatmapQuantity { Weights, Scores };

struct HeatmapData {
    QString title;
    // The end of `title` that must stay readable when the title is too long
    // (which head or mean is shown): the rest is elided first.
    QString titleKeep;
    QStringList rowLabels;     // query tokens, top to bottom
    QStringList columnLabels;  // key tokens, left to right
    ap::Matrix values;         // rows x columns
    ap::MaskMatrix mask;       // empty, or rows x columns (true = masked)
    std::vector<int> fullyMaskedRows;
    // The colour scale and its range (applyColorScale() sets them): on the
    // logarithmic scale minValue is the smallest positive weight shown; per
    // row, each row's range is in rowLow/rowHigh and min..max is 0..1.
    ColorScale scale = ColorScale::Fixed;
    double minValue = 0.0;
    double maxValue = 1.0;
    std::vector<float> rowLow, rowHigh;
    QString scaleLabel;  // "weight" or "score"
    // What `values` holds, so that a tooltip can name it and add the other
    // quantity beside it.
    HeatmapQuantity quantity = HeatmapQuantity::Weights;
    // Optional: heatmapCellImage() of this data, built off the GUI thread.
    QImage cellImage;
    // Marks drawn over cells as rings, e.g. a gold alignment's sure links,
    // as QPoint(column, row) like cellAt().
    std::vector<QPoint> marks;
    // Weaker marks drawn as dashed rings, e.g. its possible links (Och & Ney
    // 2003 score them apart from the sure ones).
    std::vector<QPoint> possibleMarks;

    bool isMasked(int r, int c) const { return mask.size() != 0 && mask(r, c); }
    int rows() const { return int(values.rows()); }
    int columns() const { return int(values.cols()); }
};

// Builds the heatmap of one head (or the mean) of a computed scene. Weights
// use the fixed 0..1 scale; scores use the range of the unmasked scores.
HeatmapData heatmapFromResult(const ap::Scene& scene, const ap::AttentionResult& result, HeadChoice head,
                              HeatmapQuantity quantity);

// "scaled dot · softmax · T = 1 · head 2 (of 4 heads)": what the picture
// shows, in the interface language.
QString heatmapTitle(const ap::Scene& scene, HeadChoice head, HeatmapQuantity quantity);
// The last part of heatmapTitle(): "head 2 (of 4 heads)", "mean of 4 heads".
QString headTitlePart(const ap::Scene& scene, HeadChoice head);

// The names of the kinds as drawn in pictures, in the interface language.
QString scoringDisplayName(ap::Scoring scoring);
QString normalizationDisplayName(ap::Normalization normalization);

// The colour scale's name: "weight", "score" or "mean score".
QString scaleLabel(HeatmapQuantity quantity, bool meanOfHeads = false);

// The colour bar's label: scaleLabel with the scale where it is not linear
// ("weight (log)", "weight ÷ row max").
QString colorBarLabel(const HeatmapData& data);

// The word beside the hatched key under a colour scale.
QString maskedKeyLabel();

}  // namespace ui
