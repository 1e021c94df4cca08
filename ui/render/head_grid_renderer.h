// Draws a grid of small heatmaps, one per head plus their mean, with one
// shared colour scale, on any paint device: the window's head grid and an
// export of the whole grid use this one drawing.
#pragma once

#include "render/heatmap_data.h"
#include "render/heatmap_renderer.h"

#include <QRectF>
#include <QSizeF>
#include <QString>

#include <vector>

namespace ui {

struct HeadTile {
    HeadChoice choice;
    QString caption;   // "head 0", "mean"
    HeatmapData data;  // no title; the range is the grid's shared one
    // The head's full size; data holds fewer rows or columns when sampled.
    int sourceRows = 0, sourceColumns = 0;
    bool sampled() const { return data.rows() < sourceRows || data.columns() < sourceColumns; }
};

// A tile shows at most this many rows and columns. A thumbnail is rarely
// wider than this in pixels, and drawing a larger grid small already picks
// every n-th cell (nearest neighbour), so sampling the same way looks the
// same while 16 heads of 2,048 tokens cost a 256th of the copying and
// colouring on the GUI thread.
inline constexpr int kMaxTileCells = 256;

// The tiles of every head of a computed scene, then the mean where there is
// more than one head, sampled to kMaxTileCells (pass a larger maximum for an
// exact export of a large scene). Scores share the range of all tiles'
// unmasked scores, so that one colour scale reads every tile and heads
// compare fairly.
std::vector<HeadTile> headTilesFromResult(const ap::Scene& scene, const ap::AttentionResult& result,
                                          HeatmapQuantity quantity, int maxCells = kMaxTileCells);

struct HeadGridLayout {
    QSizeF size;
    int columns = 0;
    std::vector<QRectF> tiles;  // caption and heatmap together
    std::vector<QRectF> captions;
    std::vector<HeatmapLayout> heatmaps;  // each in its own tile's coordinates
    std::vector<QRectF> heatmapRects;     // where each heatmap goes
    QRectF colorBar;                      // empty when there is no room
    bool tileLabels = true;               // tiles large enough for token labels
    QFont captionFont, tickFont;
};

// The style each tile is drawn with: the grid's colours, no title, no
// colour bar, no numbers.
HeatmapStyle tileStyle(const HeatmapStyle& base);

// Picks the column count that gives the largest cells for this size.
HeadGridLayout layoutHeadGrid(const std::vector<HeadTile>& tiles, const QSizeF& size, const HeatmapStyle& style);

// Paints into (0, 0, layout.size). `selected` (a tile index, or -1) gets a
// frame; exports pass -1.
void paintHeadGrid(QPainter& painter, const std::vector<HeadTile>& tiles, const HeadGridLayout& layout,
                   const HeatmapStyle& style, int selected = -1);

// The tile under `pos`, or -1.
int tileAt(const HeadGridLayout& layout, const QPointF& pos);

}  // namespace ui
