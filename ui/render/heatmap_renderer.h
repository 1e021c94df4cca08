// Draws a heatmap with QPainter on any paint device: the window's view, a
// PNG, an SVG or a PDF all use this one drawing, so an export shows exactly
// what the window shows.
#pragma once

#include "render/colormap.h"
#include "render/heatmap_data.h"

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPoint>
#include <QRect>
#include <QRectF>
#include <QSizeF>

#include <optional>
#include <vector>

namespace ui {

// No text is drawn smaller than this (pixels at a device pixel ratio of
// 1): where labels would need less room they are thinned out, elided or
// left out instead.
inline constexpr double kMinTextPx = 9.0;

struct HeatmapStyle {
    Colormap colormap;
    // Print each cell's value inside it when the cell is large enough.
    bool numbersWhenTheyFit = true;
    bool drawTitle = true;
    bool drawColorBar = true;
    // Token labels beside the rows and above the columns. Thumbnails too
    // small for readable labels leave them out and give the cells the room.
    bool drawLabels = true;
    int selectedRow = -1;               // outlined row (the bar chart's row)
    std::optional<QPoint> hoveredCell;  // (column, row) in QPoint(x, y) order
    // Cells outlined in a dashed orange, e.g. those a step of the
    // explanation uses: x = first column, y = first row (QRect in cells).
    std::optional<QRect> highlight;
    QString fontFamily = QStringLiteral("DejaVu Sans");
    // The page and the text, frames and ticks on it. Pictures are always
    // black on white; the window passes its palette's colours, so that a
    // dark desktop gets a dark view (the cells keep the colour map's
    // colours, and their numbers pick black or white by the cell).
    QColor paper = Qt::white;
    QColor ink = Qt::black;
};

// Where everything goes for one size; computed once per size and data shape.
struct HeatmapLayout {
    QSizeF size;
    QRectF title;
    QRectF cells;  // the grid of exact cells
    QRectF colorBar;
    double cellWidth = 0, cellHeight = 0;
    QFont titleFont, labelFont, numberFont;
    double tickPx = kMinTextPx;  // the colour bar's tick labels
    bool rotateColumnLabels = false;
    int rowLabelStep = 1, columnLabelStep = 1;  // label every n-th token
    bool numbers = false;
};

HeatmapLayout layoutHeatmap(const HeatmapData& data, const QSizeF& size, const HeatmapStyle& style);

// Paints into the rectangle (0, 0, layout.size); translate the painter to
// draw elsewhere.
// `cellImage`, when given, is heatmapCellImage(data, style.colormap) made
// earlier (views cache it per result, so a repaint on hover costs no
// colour lookups).
void paintHeatmap(QPainter& painter, const HeatmapData& data, const HeatmapLayout& layout, const HeatmapStyle& style,
                  const QImage* cellImage = nullptr);

// One pixel per cell in the colormap (the diverging map on the diverging
// scale), placed by the data's colour scale; masked cells in the mask grey.
QImage heatmapCellImage(const HeatmapData& data, const Colormap& colormap);
// The map `data` is drawn in when `chosen` is the user's map.
const Colormap& colormapFor(const HeatmapData& data, const Colormap& chosen);

// The colour scale alone: a vertical strip in `bar` for min..max with five
// ticks, `label` above it and a hatched "masked" key below it. paintHeatmap
// uses it for its colour bar; a grid of heatmaps sharing one range draws one.
// On a logarithmic scale the ticks are the powers of ten in min..max.
void paintColorScale(QPainter& painter, const QRectF& bar, double minValue, double maxValue, const QString& label,
                     const QFont& tickFont, const Colormap& colormap, const QColor& ink = Qt::black,
                     bool logarithmic = false);

// The cell under `pos` as (column, row), or nothing outside the grid.
std::optional<QPoint> cellAt(const HeatmapLayout& layout, const HeatmapData& data, const QPointF& pos);
// The column whose token label (in the band between the title and the
// cells) is under `pos`, or nothing.
std::optional<int> columnLabelAt(const HeatmapLayout& layout, const HeatmapData& data, const QPointF& pos);

// Colour-bar ticks: every multiple in [lo, hi] of the smallest step of the
// form 1, 2 or 5 × 10ⁿ that gives at most `maxTicks` of them.
std::vector<double> niceTicks(double lo, double hi, int maxTicks);
// The colour bar's text for `ticks`, in one notation per bar: on a
// logarithmic scale, when any tick needs a power of ten, every tick is
// written with one (5·10⁻³, 10⁻³), never "0.005" beside "10⁻³".
QStringList colorScaleTickLabels(const std::vector<double>& ticks, bool logarithmic);
// Logarithmic ticks: the powers of ten in [lo, hi] (every n-th, so that at
// most about `maxTicks` remain); niceTicks() when there is none.
std::vector<double> logTicks(double lo, double hi, int maxTicks);

// `title` fitted to `width`: whole if it fits, else its beginning elided so
// that `keep` (an ending of the title) stays whole where it fits at all.
QString fitTitle(const QString& title, const QString& keep, const QFontMetricsF& fm, double width);

// A font of `px` device pixels: the drawings scale with the picture, not
// with the screen's dpi, so window and exports look alike.
QFont pixelFont(const QString& family, double px, bool bold = false);

// How a value is printed in cells: 2 decimals for weights, 3 significant
// digits for scores. On the logarithmic scale (`logarithmic`) weights keep
// two significant digits, as m·10⁻ⁿ below 0.01 like the colour bar's ticks,
// so that the small weights that scale shows do not all read "0.00".
QString formatCellValue(double value, bool isWeight, bool logarithmic = false);

}  // namespace ui
