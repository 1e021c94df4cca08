#include "render/color_scale.h"

#include "render/head_grid_renderer.h"
#include "render/heatmap_data.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {
namespace {

// The scales' names live in the translation context ui::ColorScale.
struct ColorScaleTexts {
    Q_DECLARE_TR_FUNCTIONS(ui::ColorScale)
};

struct Range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    double smallestPositive = std::numeric_limits<double>::infinity();
    double largestMagnitude = 0.0;
    bool empty() const { return !(lo <= hi); }
    void add(double v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        if (v > 0) smallestPositive = std::min(smallestPositive, v);
        largestMagnitude = std::max(largestMagnitude, std::fabs(v));
    }
    void add(const Range& o) {
        lo = std::min(lo, o.lo);
        hi = std::max(hi, o.hi);
        smallestPositive = std::min(smallestPositive, o.smallestPositive);
        largestMagnitude = std::max(largestMagnitude, o.largestMagnitude);
    }
};

// The unmasked cells of rows [first, last).
Range rangeOf(const HeatmapData& d, int first, int last) {
    Range r;
    const int columns = d.columns();
    for (int row = first; row < last; ++row) {
        const float* values = d.values.data() + qsizetype(row) * columns;
        const bool* masked = d.mask.size() != 0 ? d.mask.data() + qsizetype(row) * columns : nullptr;
        for (int c = 0; c < columns; ++c)
            if (!masked || !masked[c]) r.add(double(values[c]));
    }
    return r;
}

// Sets the data's overall range from `r` for the scale `scale`.
void setRange(HeatmapData& d, ColorScale scale, const Range& r) {
    switch (scale) {
    case ColorScale::Fixed:
        d.minValue = 0.0;
        d.maxValue = 1.0;
        return;
    case ColorScale::PerRow:
        // The colour bar reads the share of each row's range.
        d.minValue = 0.0;
        d.maxValue = 1.0;
        return;
    case ColorScale::Log: {
        const double hi = r.empty() || !(r.hi > 0) ? 1.0 : r.hi;
        double lo = std::isfinite(r.smallestPositive) ? std::max(r.smallestPositive, kLogFloor) : kLogFloor;
        if (lo >= hi) lo = hi / 10.0;
        d.minValue = lo;
        d.maxValue = hi;
        return;
    }
    case ColorScale::Diverging: {
        const double m = r.largestMagnitude > 0 ? r.largestMagnitude : 1.0;
        d.minValue = -m;
        d.maxValue = m;
        return;
    }
    case ColorScale::MinMax: break;
    }
    double lo = r.empty() ? 0.0 : r.lo, hi = r.empty() ? 1.0 : r.hi;
    if (hi - lo < 1e-12) {
        lo -= 0.5;
        hi += 0.5;
    }
    d.minValue = lo;
    d.maxValue = hi;
}

void setRowRanges(HeatmapData& d) {
    const bool weights = d.quantity == HeatmapQuantity::Weights;
    d.rowLow.assign(std::size_t(d.rows()), 0.0f);
    d.rowHigh.assign(std::size_t(d.rows()), 1.0f);
    for (int row = 0; row < d.rows(); ++row) {
        const Range r = rangeOf(d, row, row + 1);
        if (r.empty()) continue;  // a fully masked row: every cell is masked
        const double lo = weights ? std::min(0.0, r.lo) : r.lo;
        d.rowLow[std::size_t(row)] = float(lo);
        d.rowHigh[std::size_t(row)] = float(r.hi > lo ? r.hi : lo + 1.0);
    }
}

}  // namespace

const std::vector<ColorScale>& colorScales() {
    static const std::vector<ColorScale> all = {ColorScale::Fixed, ColorScale::MinMax, ColorScale::PerRow,
                                                ColorScale::Log, ColorScale::Diverging};
    return all;
}

QString colorScaleName(ColorScale scale) {
    switch (scale) {
    case ColorScale::Fixed: return ColorScaleTexts::tr("Fixed 0 to 1");
    case ColorScale::MinMax: return ColorScaleTexts::tr("Data Minimum to Maximum");
    case ColorScale::PerRow: return ColorScaleTexts::tr("Each Row on Its Own");
    case ColorScale::Log: return ColorScaleTexts::tr("Logarithmic");
    case ColorScale::Diverging: return ColorScaleTexts::tr("Diverging around 0 (Scores)");
    }
    return {};
}

QString colorScaleToolTip(ColorScale scale) {
    switch (scale) {
    case ColorScale::Fixed:
        return ColorScaleTexts::tr(
            "Weights on 0 to 1, the same colours for every scene (scores use their minimum to maximum)");
    case ColorScale::MinMax: return ColorScaleTexts::tr("From the smallest to the largest unmasked value shown");
    case ColorScale::PerRow:
        return ColorScaleTexts::tr("Each query row from 0 (scores: its smallest value) to its own largest value, so "
                                   "every row's pattern shows");
    case ColorScale::Log:
        return ColorScaleTexts::tr(
            "log10 of the weights, from the smallest positive weight to the largest: weights of 1/1000 become visible");
    case ColorScale::Diverging:
        return ColorScaleTexts::tr("Raw scores in a blue-white-red map with white at 0 (weights keep 0 to 1)");
    }
    return {};
}

QString colorScaleKey(ColorScale scale) {
    switch (scale) {
    case ColorScale::Fixed: return QStringLiteral("fixed");
    case ColorScale::MinMax: return QStringLiteral("minmax");
    case ColorScale::PerRow: return QStringLiteral("row");
    case ColorScale::Log: return QStringLiteral("log");
    case ColorScale::Diverging: return QStringLiteral("diverging");
    }
    return {};
}

bool colorScaleFromKey(const QString& key, ColorScale* scale) {
    for (ColorScale s : colorScales())
        if (colorScaleKey(s) == key) {
            *scale = s;
            return true;
        }
    return false;
}

ColorScale effectiveColorScale(ColorScale requested, bool isWeight) {
    if (isWeight) return requested == ColorScale::Diverging ? ColorScale::Fixed : requested;
    // Scores have no fixed range and may be negative, where log10 is undefined.
    return requested == ColorScale::Fixed || requested == ColorScale::Log ? ColorScale::MinMax : requested;
}

void applyColorScale(HeatmapData& d, ColorScale requested) {
    const ColorScale scale = effectiveColorScale(requested, d.quantity == HeatmapQuantity::Weights);
    const bool changed = scale != d.scale;
    d.scale = scale;
    setRange(d, scale, scale == ColorScale::Fixed || scale == ColorScale::PerRow ? Range{} : rangeOf(d, 0, d.rows()));
    if (scale == ColorScale::PerRow)
        setRowRanges(d);
    else {
        d.rowLow.clear();
        d.rowHigh.clear();
    }
    if (changed) d.cellImage = QImage();
}

void applyColorScale(std::vector<HeadTile>& tiles, ColorScale requested) {
    if (tiles.empty()) return;
    Range all;
    for (const HeadTile& t : tiles) all.add(rangeOf(t.data, 0, t.data.rows()));
    for (HeadTile& t : tiles) {
        HeatmapData& d = t.data;
        const ColorScale scale = effectiveColorScale(requested, d.quantity == HeatmapQuantity::Weights);
        if (scale != d.scale) d.cellImage = QImage();
        d.scale = scale;
        setRange(d, scale, all);
        if (scale == ColorScale::PerRow)
            setRowRanges(d);
        else {
            d.rowLow.clear();
            d.rowHigh.clear();
        }
    }
}

double RowColorMapping::position(double v) const {
    return log ? (std::log10(std::max(v, floor)) - low) * factor : (v - low) * factor;
}

RowColorMapping rowColorMapping(const HeatmapData& d, int row) {
    RowColorMapping m;
    double lo = d.minValue, hi = d.maxValue;
    if (d.scale == ColorScale::PerRow && row >= 0 && row < int(d.rowLow.size())) {
        lo = d.rowLow[std::size_t(row)];
        hi = d.rowHigh[std::size_t(row)];
    }
    if (d.scale == ColorScale::Log) {
        m.log = true;
        m.floor = std::max(lo, kLogFloor);
        lo = std::log10(m.floor);
        hi = std::log10(std::max(hi, m.floor * 10.0));
    }
    m.low = lo;
    m.factor = hi > lo ? 1.0 / (hi - lo) : 0.0;
    return m;
}

}  // namespace ui
