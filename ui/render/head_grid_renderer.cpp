#include "render/head_grid_renderer.h"

#include "render/chart_text.h"
#include "render/color_bar.h"
#include "render/unmasked_range.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

const QColor kSelectedFrame(0xff, 0x8c, 0x00);

// n indices spread evenly over 0..count-1 (all of them when count <= n).
std::vector<int> sampleIndices(int count, int n) {
    const int m = std::clamp(count, 0, std::max(1, n));
    std::vector<int> idx(static_cast<size_t>(m));
    for (int k = 0; k < m; ++k) idx[size_t(k)] = int(qint64(k) * count / m);
    return idx;
}

}  // namespace

std::vector<HeadTile> headTilesFromResult(const ap::Scene& scene, const ap::AttentionResult& result,
                                          HeatmapQuantity quantity, int maxCells) {
    std::vector<HeadTile> tiles;
    const int heads = int(result.heads.size());
    if (heads == 0) return tiles;
    const int R = int(result.heads[0].weights.rows()), C = int(result.heads[0].weights.cols());
    const std::vector<int> rows = sampleIndices(R, maxCells), cols = sampleIndices(C, maxCells);
    const int nr = int(rows.size()), nc = int(cols.size());

    // Labels, mask and fully masked rows are the same for every tile.
    HeatmapData common;
    for (int i : rows) common.rowLabels << QString::fromStdString(scene.queryLabel(i));
    for (int j : cols) common.columnLabels << QString::fromStdString(scene.keyLabel(j));
    const bool hasMask = result.mask.rows() == R && result.mask.cols() == C;
    if (hasMask) {
        common.mask.resize(nr, nc);
        for (int i = 0; i < nr; ++i)
            for (int j = 0; j < nc; ++j) common.mask(i, j) = result.mask(rows[size_t(i)], cols[size_t(j)]);
    }
    for (int i = 0; i < nr; ++i)
        if (std::binary_search(result.fullyMaskedRows.begin(), result.fullyMaskedRows.end(), rows[size_t(i)]))
            common.fullyMaskedRows.push_back(i);
    common.quantity = quantity;
    common.scaleLabel = quantity == HeatmapQuantity::Weights ? QCoreApplication::translate("ui::HeadGrid", "weight")
                                                             : QCoreApplication::translate("ui::HeadGrid", "score");

    auto sample = [&](auto&& at) {
        ap::Matrix m(nr, nc);
        for (int i = 0; i < nr; ++i)
            for (int j = 0; j < nc; ++j) m(i, j) = at(rows[size_t(i)], cols[size_t(j)]);
        return m;
    };
    auto tile = [&](HeadChoice choice, QString caption, ap::Matrix values) {
        HeadTile t{choice, std::move(caption), common, R, C};
        t.data.values = std::move(values);
        tiles.push_back(std::move(t));
    };
    const bool weights = quantity == HeatmapQuantity::Weights;
    for (int h = 0; h < heads; ++h) {
        const ap::Matrix& src = weights ? result.heads[size_t(h)].weights : result.heads[size_t(h)].scores;
        tile(HeadChoice{h}, QCoreApplication::translate("ui::HeadGrid", "head %1").arg(h),
             sample([&src](int i, int j) { return src(i, j); }));
    }
    if (heads > 1) {
        ap::Matrix mean;
        if (weights && result.weightsMean.rows() == R && result.weightsMean.cols() == C) {
            mean = sample([&](int i, int j) { return result.weightsMean(i, j); });
        } else {
            // Only at the sampled cells: the full mean of 16 heads of 2,048
            // tokens would be most of the work.
            mean = sample([&](int i, int j) {
                float sum = 0;
                for (const ap::HeadResult& hr : result.heads) sum += weights ? hr.weights(i, j) : hr.scores(i, j);
                return sum / float(heads);
            });
        }
        tile(HeadChoice{}, QCoreApplication::translate("ui::HeadGrid", "mean"), std::move(mean));
    }

    double lo = 0.0, hi = 1.0;
    if (!weights) {
        UnmaskedRange range;
        for (const HeadTile& t : tiles) range.include(t.data);
        lo = range.lo();
        hi = range.hi();
    }
    for (HeadTile& t : tiles) {
        t.data.minValue = lo;
        t.data.maxValue = hi;
    }
    return tiles;
}

HeatmapStyle tileStyle(const HeatmapStyle& base) {
    HeatmapStyle s = base;
    s.drawTitle = false;
    s.drawColorBar = false;
    s.numbersWhenTheyFit = false;
    s.selectedRow = -1;
    s.hoveredCell.reset();
    return s;
}

HeadGridLayout layoutHeadGrid(const std::vector<HeadTile>& tiles, const QSizeF& size, const HeatmapStyle& style) {
    HeadGridLayout L;
    L.size = size;
    const int n = int(tiles.size());
    if (n == 0) return L;
    const double W = size.width(), H = size.height();
    const double base = std::clamp(std::min(W, H) / 30.0, 8.0, 13.0);
    const double margin = std::max(4.0, base * 0.5);
    L.captionFont = pixelFont(style.fontFamily, std::max(kMinTextPx, base));
    L.tickFont = pixelFont(style.fontFamily, std::max(kMinTextPx, base * 0.9));
    const QFontMetricsF cfm(L.captionFont), tfm(L.tickFont);
    const double captionH = cfm.height() + 2;

    // One colour scale on the right serves every tile (they share a range).
    double right = W - margin;
    const double ticksW =
        std::max({tfm.horizontalAdvance(QStringLiteral("-0.000")), tfm.horizontalAdvance(maskedKeyLabel()),
                  tfm.horizontalAdvance(colorBarLabel(tiles.front().data)) - std::max(8.0, base)});
    const double barW = std::max(8.0, base);
    if (W > 4 * (ticksW + barW)) {
        const double top = margin + tfm.height() * 1.5;
        const double bottom = H - margin - tfm.height() * 2.2;
        L.colorBar = QRectF(right - ticksW - barW - 6, top, barW, std::max(0.0, bottom - top));
        right = L.colorBar.left() - margin * 2;
    }

    // The column count that makes the data cells largest.
    const int dr = std::max(1, tiles.front().data.rows()), dc = std::max(1, tiles.front().data.columns());
    const double gridW = std::max(1.0, right - margin), gridH = std::max(1.0, H - 2 * margin);
    double best = -1;
    for (int cols = 1; cols <= n; ++cols) {
        const int rows = (n + cols - 1) / cols;
        const double tw = gridW / cols - margin, th = gridH / rows - margin - captionH;
        const double cell = std::min(tw / dc, th / dr);
        if (cell > best) {
            best = cell;
            L.columns = cols;
        }
    }
    const int rows = (n + L.columns - 1) / L.columns;
    const double tw = gridW / L.columns, th = gridH / rows;
    // Every tile has the same size, shape and labels, so one heatmap layout
    // serves them all (measuring 2 x 256 labels once instead of 17 times).
    const QSizeF heatSize(std::max(1.0, tw - margin), std::max(1.0, th - margin - captionH));
    // Labels in a thumbnail smaller than this would be a few pixels high
    // and take a third of it; without them the cells get the whole tile
    // (the tooltip names the head, the main view labels every token).
    constexpr double kMinLabelledTile = 150.0;
    L.tileLabels = std::min(heatSize.width(), heatSize.height()) >= kMinLabelledTile;
    HeatmapStyle ts = tileStyle(style);
    ts.drawLabels = L.tileLabels;
    const HeatmapLayout heatLayout = layoutHeatmap(tiles.front().data, heatSize, ts);
    for (int i = 0; i < n; ++i) {
        const QRectF tile(margin + (i % L.columns) * tw, margin + (i / L.columns) * th, tw - margin, th - margin);
        L.tiles.push_back(tile);
        L.captions.push_back(QRectF(tile.left(), tile.top(), tile.width(), captionH));
        L.heatmapRects.push_back(QRectF(QPointF(tile.left(), tile.top() + captionH), heatSize));
        L.heatmaps.push_back(heatLayout);
    }
    return L;
}

void paintHeadGrid(QPainter& p, const std::vector<HeadTile>& tiles, const HeadGridLayout& L, const HeatmapStyle& style,
                   int selected) {
    p.save();
    p.fillRect(QRectF(QPointF(0, 0), L.size), style.paper);
    HeatmapStyle ts = tileStyle(style);
    ts.drawLabels = L.tileLabels;
    for (size_t i = 0; i < tiles.size() && i < L.tiles.size(); ++i) {
        const bool isSelected = int(i) == selected;
        QFont f = L.captionFont;
        f.setBold(isSelected);
        p.setFont(f);
        p.setPen(style.ink);
        p.drawText(L.captions[i], Qt::AlignCenter, tiles[i].caption);
        p.save();
        p.translate(L.heatmapRects[i].topLeft());
        paintHeatmap(p, tiles[i].data, L.heatmaps[i], ts);
        p.restore();
        if (isSelected) {
            p.setPen(QPen(kSelectedFrame, 3));
            p.setBrush(Qt::NoBrush);
            p.drawRect(L.tiles[i].adjusted(-1.5, -1.5, 1.5, 1.5));
        }
    }
    if (!L.colorBar.isEmpty() && !tiles.empty()) {
        const HeatmapData& d = tiles.front().data;
        paintColorScale(p, L.colorBar, d.minValue, d.maxValue, colorBarLabel(d), L.tickFont,
                        colormapFor(d, style.colormap), style.ink, d.scale == ColorScale::Log);
    }
    p.restore();
}

int tileAt(const HeadGridLayout& L, const QPointF& pos) {
    for (size_t i = 0; i < L.tiles.size(); ++i)
        if (L.tiles[i].contains(pos)) return int(i);
    return -1;
}

}  // namespace ui
