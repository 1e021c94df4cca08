// How a heatmap's values map to colours. Attention weights span orders of
// magnitude (1/1000 next to 0.9), so one fixed 0..1 scale hides most of a
// long sequence; these scales bring the small weights out.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace ui {

struct HeatmapData;
struct HeadTile;

enum class ColorScale {
    Fixed,      // weights on 0..1; scores as MinMax
    MinMax,     // the unmasked cells' smallest to largest value
    PerRow,     // each row on its own: weights from 0 to the row's largest,
                // scores from the row's smallest to its largest
    Log,        // log10 of the weights, from the smallest positive unmasked
                // weight (at least kLogFloor) to the largest; scores as MinMax
    Diverging,  // scores on [-m, m] (m the largest |score|), white at 0, in
                // the diverging map; weights as Fixed
};

// Weights below this are drawn as this on the logarithmic scale.
inline constexpr double kLogFloor = 1e-6;

// Every scale, in menu order, and its name in the interface language.
const std::vector<ColorScale>& colorScales();
QString colorScaleName(ColorScale scale);
QString colorScaleToolTip(ColorScale scale);
// The command line's names: fixed, minmax, row, log, diverging.
QString colorScaleKey(ColorScale scale);
bool colorScaleFromKey(const QString& key, ColorScale* scale);

// The scale a heatmap of weights (isWeight) or scores really uses when
// `requested` is chosen.
ColorScale effectiveColorScale(ColorScale requested, bool isWeight);

// Sets data.scale, its range (minValue, maxValue, and per row where the
// scale is per row) and the colour bar's label for `requested`. Drops a
// cell image made for another scale.
void applyColorScale(HeatmapData& data, ColorScale requested);
// The same for a grid of tiles sharing one colour bar: the range is the
// union of the tiles' ranges (per row stays per row of each tile).
void applyColorScale(std::vector<HeadTile>& tiles, ColorScale requested);

// Where row `row`'s values fall on the colour map: t = (f(v) - low) * factor,
// with f = log10 on the logarithmic scale (v clamped to `floor` first).
struct RowColorMapping {
    double low = 0.0;
    double factor = 1.0;
    bool log = false;
    double floor = kLogFloor;
    double position(double v) const;
};
RowColorMapping rowColorMapping(const HeatmapData& data, int row);

}  // namespace ui
