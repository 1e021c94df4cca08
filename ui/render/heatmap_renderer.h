// Draws a heatmap with QPainter on any paint device: the window's view, a
// PNG, an SVG or a PDF all use this one drawing, so an export shows exactly
// what the window shows.
#pragma once

#include "render/colormap.h"
#include "render/heatmap_data.h"

#include <QColor>
#include <QFont>
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

// The cell under `pos` as (column, row), or nothing outside the grid.
std::optional<QPoint> cellAt(const HeatmapLayout& layout, const HeatmapData& data, const QPointF& pos);
// The column whose token label (in the band between the title and the
// cells) is under `pos`, or nothing.
std::optional<int> columnLabelAt(const HeatmapLayout& layout, const HeatmapData& data, const QPointF& pos);

}  // namespace ui
