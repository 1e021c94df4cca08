#include "render/heatmap_renderer.h"

#include "render/chart_text.h"
#include "render/color_bar.h"
#include "render/mask_style.h"

#include <QFontMetricsF>
#include <QImage>
#include <QPaintEngine>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

const QColor kFullyMaskedLabel(0xb0, 0x00, 0x20);
const QColor kSelection(0xff, 0x8c, 0x00);

// Above this many cells, or below this cell size, the grid is drawn as one
// image scaled without smoothing (still exact cells, far faster).
constexpr qint64 kMaxVectorCells = 65536;
constexpr double kMinVectorCell = 3.0;

double widestLabel(const QStringList& labels, const QFontMetricsF& fm, int step) {
    double w = 0;
    for (int i = 0; i < labels.size(); i += step) w = std::max(w, fm.horizontalAdvance(labels[i]));
    return w;
}

bool isWeightScale(const HeatmapData& d) { return d.quantity == HeatmapQuantity::Weights; }

}  // namespace

HeatmapLayout layoutHeatmap(const HeatmapData& data, const QSizeF& size, const HeatmapStyle& style) {
    HeatmapLayout L;
    L.size = size;
    const double W = size.width(), H = size.height();
    const double base = std::clamp(std::min(W, H) / 36.0, 8.0, 15.0);
    const double margin = std::max(6.0, base * 0.7);
    const int rows = std::max(1, data.rows()), cols = std::max(1, data.columns());

    L.titleFont = pixelFont(style.fontFamily, base * 1.1, true);
    double top = margin;
    if (style.drawTitle && !data.title.isEmpty()) {
        // A long title first gets a smaller font (down to the labels' size),
        // so that pictures of the usual sizes show it whole.
        const double available = W - 2 * margin;
        const double wide = QFontMetricsF(L.titleFont).horizontalAdvance(data.title);
        if (wide > available && wide > 0) {
            // Whole pixels, stepping down, since text width is not quite
            // proportional to the font size.
            const int smallest = int(std::ceil(std::max(kMinTextPx, base * 0.6)));
            int px = std::max(smallest, int(std::floor(base * 1.1 * available / wide)));
            L.titleFont = pixelFont(style.fontFamily, px, true);
            while (px > smallest && QFontMetricsF(L.titleFont).horizontalAdvance(data.title) > available)
                L.titleFont = pixelFont(style.fontFamily, --px, true);
        }
        const double th = QFontMetricsF(L.titleFont).height() * 1.3;
        L.title = QRectF(margin, top, W - 2 * margin, th);
        top += th + margin * 0.5;
    }

    // Colour bar: a strip and its tick labels on the right. An empty map has
    // no values to key, so it gets neither the bar nor the masked key.
    const bool colorBar = style.drawColorBar && data.rows() > 0 && data.columns() > 0;
    double right = W - margin;
    if (colorBar) {
        L.tickPx = std::max(kMinTextPx, base * 0.9);
        const QFontMetricsF fm(pixelFont(style.fontFamily, std::round(L.tickPx)));
        const double ticksW =
            std::max({fm.horizontalAdvance(tickText(data.minValue)), fm.horizontalAdvance(tickText(data.maxValue)),
                      fm.horizontalAdvance(tickText((data.minValue + data.maxValue) / 2)),
                      fm.horizontalAdvance(maskedKeyLabel())});
        const double barW = std::max(10.0, base * 1.1);
        // The scale's name stands above the bar, from its left edge.
        right -= std::max(ticksW + base * 0.6, fm.horizontalAdvance(colorBarLabel(data)) - barW + margin * 0.5);
        L.colorBar = QRectF(right - barW, top + base, barW, 0);  // height set below
        right -= barW + margin * 1.5;
    }

    // Labels shrink with the cells down to a readable minimum, then only
    // every n-th token is labelled so that labels never overlap.
    const double gridHGuess = std::max(1.0, H - top - H * 0.15);
    double labelPx = std::clamp(std::min(gridHGuess / rows, base * 1.6) * 0.75, kMinTextPx, std::max(kMinTextPx, base));
    L.labelFont = pixelFont(style.fontFamily, labelPx);
    QFontMetricsF lfm(L.labelFont);
    const double lineH = lfm.height();
    L.rowLabelStep = std::max(1, int(std::ceil(lineH / (gridHGuess / rows))));
    const double maxRowLabelW = W * 0.3;
    const double rowLabelW =
        !style.drawLabels ? 0.0
                          : std::min(maxRowLabelW, widestLabel(data.rowLabels, lfm, L.rowLabelStep)) + labelPx * 0.6;

    const double gridW0 = std::max(1.0, right - margin - rowLabelW);
    const double cellW0 = gridW0 / cols;
    const double widestCol = widestLabel(data.columnLabels, lfm, 1);
    L.rotateColumnLabels = widestCol + labelPx * 0.4 > cellW0;
    double colLabelH = style.drawLabels ? lineH * 1.3 : 0.0;
    if (L.rotateColumnLabels && style.drawLabels) {
        L.columnLabelStep = std::max(1, int(std::ceil(lineH / cellW0)));
        colLabelH = std::min(H * 0.3, widestLabel(data.columnLabels, lfm, L.columnLabelStep)) + labelPx * 0.6;
    }

    const double gridTop = top + colLabelH;
    const double gridH = std::max(1.0, H - margin - gridTop);
    L.cells = QRectF(margin + rowLabelW, gridTop, gridW0, gridH);
    L.cellWidth = gridW0 / cols;
    L.cellHeight = gridH / rows;
    if (colorBar) {
        L.colorBar.setTop(gridTop);
        L.colorBar.setHeight(std::max(1.0, gridH - base * 2.2));
    }

    const double numPx =
        std::clamp(std::min(L.cellHeight * 0.45, L.cellWidth / 3.2), kMinTextPx, std::max(kMinTextPx, base));
    L.numberFont = pixelFont(style.fontFamily, numPx);
    const QFontMetricsF nfm(L.numberFont);
    const bool logNumbers = data.scale == ColorScale::Log && isWeightScale(data);
    L.numbers = style.numbersWhenTheyFit &&
                nfm.horizontalAdvance(logNumbers ? widestLogCellText() : QStringLiteral("-0.00")) + 4 <= L.cellWidth &&
                nfm.height() + 2 <= L.cellHeight;
    return L;
}

std::optional<int> columnLabelAt(const HeatmapLayout& L, const HeatmapData& data, const QPointF& pos) {
    if (data.columns() == 0 || L.cellWidth <= 0) return std::nullopt;
    const double top = L.title.isEmpty() ? 0.0 : L.title.bottom();
    if (pos.y() < top || pos.y() >= L.cells.top() || pos.x() < L.cells.left() || pos.x() >= L.cells.right())
        return std::nullopt;
    return std::clamp(int((pos.x() - L.cells.left()) / L.cellWidth), 0, data.columns() - 1);
}

std::optional<QPoint> cellAt(const HeatmapLayout& L, const HeatmapData& data, const QPointF& pos) {
    if (!L.cells.contains(pos) || data.rows() == 0 || data.columns() == 0) return std::nullopt;
    const int c = std::clamp(int((pos.x() - L.cells.left()) / L.cellWidth), 0, data.columns() - 1);
    const int r = std::clamp(int((pos.y() - L.cells.top()) / L.cellHeight), 0, data.rows() - 1);
    return QPoint(c, r);
}

const Colormap& colormapFor(const HeatmapData& d, const Colormap& chosen) {
    static const Colormap diverging(Colormap::Kind::Diverging);
    return d.scale == ColorScale::Diverging ? diverging : chosen;
}

QImage heatmapCellImage(const HeatmapData& d, const Colormap& chosen) {
    QImage img(d.columns(), d.rows(), QImage::Format_RGB32);
    const Colormap& colormap = colormapFor(d, chosen);
    for (int r = 0; r < d.rows(); ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
        const float* values = d.values.data() + qsizetype(r) * d.columns();
        const RowColorMapping m = rowColorMapping(d, r);
        if (m.log) {
            for (int c = 0; c < d.columns(); ++c) line[c] = colormap.rgbAt(m.position(double(values[c])));
        } else {
            for (int c = 0; c < d.columns(); ++c) line[c] = colormap.rgbAt((double(values[c]) - m.low) * m.factor);
        }
        if (d.mask.size() != 0) {
            const bool* masked = d.mask.data() + qsizetype(r) * d.columns();
            for (int c = 0; c < d.columns(); ++c)
                if (masked[c]) line[c] = kMaskFill.rgb();
        }
    }
    return img;
}

// The hatch over every masked cell, one run of masked cells in a row at a
// time. Lines are placed on one lattice (x + y = 5k), so runs join up.
static void paintMaskHatch(QPainter& p, const HeatmapData& d, const HeatmapLayout& L, bool raster) {
    if (d.mask.size() == 0 || L.cellWidth < kMinVectorCell || L.cellHeight < kMinVectorCell) return;
    for (int r = 0; r < d.rows(); ++r) {
        for (int c = 0; c < d.columns();) {
            if (!d.mask(r, c)) {
                ++c;
                continue;
            }
            int e = c;
            while (e < d.columns() && d.mask(r, e)) ++e;
            const QRectF run(QPointF(L.cells.left() + c * L.cellWidth, L.cells.top() + r * L.cellHeight),
                             QPointF(L.cells.left() + e * L.cellWidth, L.cells.top() + (r + 1) * L.cellHeight));
            if (raster)
                p.fillRect(run, hatchTexture());
            else
                paintHatchLines(p, run);
            c = e;
        }
    }
}

static void paintCells(QPainter& p, const HeatmapData& d, const HeatmapLayout& L, const HeatmapStyle& s,
                       const QImage* cellImage) {
    // On raster devices (the window, PNG) one image of one pixel per cell,
    // scaled without smoothing, gives exact cells far faster than a rect per
    // cell. Vector files (SVG, PDF) get a rect per cell so that viewers
    // cannot blur them, up to a size where that would bloat the file.
    const bool raster = p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster;
    const bool perCell = !raster && qint64(d.rows()) * d.columns() <= kMaxVectorCells &&
                         L.cellWidth >= kMinVectorCell && L.cellHeight >= kMinVectorCell;
    if (!perCell) {
        const QImage built = cellImage && cellImage->width() == d.columns() && cellImage->height() == d.rows()
                                 ? QImage()
                                 : heatmapCellImage(d, s.colormap);
        p.save();
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(L.cells, built.isNull() ? *cellImage : built);
        p.restore();
    } else {
        const Colormap& colormap = colormapFor(d, s.colormap);
        p.save();
        p.setRenderHint(QPainter::Antialiasing, false);
        for (int r = 0; r < d.rows(); ++r) {
            const RowColorMapping m = rowColorMapping(d, r);
            for (int c = 0; c < d.columns(); ++c) {
                // Cell edges are computed from the grid, not accumulated, so
                // neighbouring cells meet exactly without gaps or overlaps.
                const QRectF cell(QPointF(L.cells.left() + c * L.cellWidth, L.cells.top() + r * L.cellHeight),
                                  QPointF(L.cells.left() + (c + 1) * L.cellWidth,
                                          L.cells.top() + (r + 1) * L.cellHeight));
                p.fillRect(cell, d.isMasked(r, c)
                                     ? kMaskFill
                                     : QColor::fromRgb(colormap.rgbAt(m.position(double(d.values(r, c))))));
            }
        }
        p.restore();
    }
    paintMaskHatch(p, d, L, raster);
    // A query with every key masked gets weights 0 and context 0: its row is
    // tinted red over the hatch and framed, like its red label.
    if (!d.fullyMaskedRows.empty()) {
        p.save();
        p.setRenderHint(QPainter::Antialiasing, false);
        QColor tint = kFullyMaskedLabel;
        tint.setAlpha(110);
        p.setPen(QPen(kFullyMaskedLabel, 1));
        for (int r : d.fullyMaskedRows) {
            if (r < 0 || r >= d.rows()) continue;
            const QRectF row(L.cells.left(), L.cells.top() + r * L.cellHeight, L.cells.width(), L.cellHeight);
            p.fillRect(row, tint);
            if (L.cellHeight >= 4) p.drawRect(row.adjusted(0.5, 0.5, -0.5, -0.5));
        }
        p.restore();
    }
    if (!L.numbers) return;
    const bool weights = isWeightScale(d);
    const bool logarithmic = d.scale == ColorScale::Log;
    const Colormap& colormap = colormapFor(d, s.colormap);
    p.save();
    p.setFont(L.numberFont);
    for (int r = 0; r < d.rows(); ++r) {
        const RowColorMapping m = rowColorMapping(d, r);
        for (int c = 0; c < d.columns(); ++c) {
            if (d.isMasked(r, c)) continue;
            const QRectF cell(L.cells.left() + c * L.cellWidth, L.cells.top() + r * L.cellHeight, L.cellWidth,
                              L.cellHeight);
            const QRgb rgb = colormap.rgbAt(m.position(double(d.values(r, c))));
            p.setPen(readableTextColor(rgb));
            p.drawText(cell, Qt::AlignCenter, formatCellValue(d.values(r, c), weights, logarithmic));
        }
    }
    p.restore();
}

static void paintLabels(QPainter& p, const HeatmapData& d, const HeatmapLayout& L, const QColor& ink) {
    p.setFont(L.labelFont);
    const QFontMetricsF fm(L.labelFont);
    const double pad = L.labelFont.pixelSize() * 0.3;
    std::vector<bool> fully(size_t(d.rows()), false);
    for (int r : d.fullyMaskedRows)
        if (r >= 0 && r < d.rows()) fully[size_t(r)] = true;
    const double rowLabelW = L.cells.left() - pad * 2;
    for (int r = 0; r < d.rows(); r += L.rowLabelStep) {
        const QRectF rect(0, L.cells.top() + r * L.cellHeight + L.cellHeight / 2 - fm.height() / 2,
                          L.cells.left() - pad, fm.height());
        p.setPen(fully[size_t(r)] ? kFullyMaskedLabel : ink);
        p.drawText(rect, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(d.rowLabels.value(r), Qt::ElideRight, std::max(0.0, rowLabelW)));
    }
    p.setPen(ink);
    for (int c = 0; c < d.columns(); c += L.columnLabelStep) {
        const double cx = L.cells.left() + (c + 0.5) * L.cellWidth;
        const QString text = d.columnLabels.value(c);
        if (L.rotateColumnLabels) {
            const double avail = L.cells.top() - L.title.bottom() - pad * 2;
            p.save();
            p.translate(cx + fm.ascent() / 2 - fm.descent() / 2, L.cells.top() - pad);
            p.rotate(-90);
            p.drawText(QPointF(0, 0), fm.elidedText(text, Qt::ElideRight, std::max(0.0, avail)));
            p.restore();
        } else {
            const QRectF rect(cx - L.cellWidth / 2, L.cells.top() - fm.height() - pad, L.cellWidth, fm.height());
            p.drawText(rect, Qt::AlignCenter, text);
        }
    }
}

static void paintColorBar(QPainter& p, const HeatmapData& d, const HeatmapLayout& L, const HeatmapStyle& s) {
    QFont tickFont = L.labelFont;
    // The ticks' size follows the picture, not a title shrunk to fit it.
    tickFont.setPixelSize(int(std::lround(L.tickPx)));
    paintColorScale(p, L.colorBar, d.minValue, d.maxValue, colorBarLabel(d), tickFont, colormapFor(d, s.colormap),
                    s.ink, d.scale == ColorScale::Log);
}

void paintHeatmap(QPainter& p, const HeatmapData& d, const HeatmapLayout& L, const HeatmapStyle& s,
                  const QImage* cellImage) {
    p.save();
    p.fillRect(QRectF(QPointF(0, 0), L.size), s.paper);
    if (!L.title.isEmpty()) {
        p.setFont(L.titleFont);
        p.setPen(s.ink);
        const QFontMetricsF fm(L.titleFont);
        p.drawText(L.title, Qt::AlignLeft | Qt::AlignVCenter, fitTitle(d.title, d.titleKeep, fm, L.title.width()));
    }
    if (d.rows() > 0 && d.columns() > 0) {
        paintCells(p, d, L, s, cellImage);
        if (s.drawLabels) paintLabels(p, d, L, s.ink);
        if (!d.marks.empty() || !d.possibleMarks.empty()) {
            // Gold-alignment marks: a ring that reads on every colour; possible
            // links get a dashed black ring so that they tell apart from sure ones.
            p.setRenderHint(QPainter::Antialiasing, true);
            double rx = std::max(1.5, std::min(L.cellWidth, L.cellHeight) * 0.18);
            double ry = rx;
            double halo = std::max(1.0, rx * 0.6), line = std::max(0.5, rx * 0.25);
            if (L.numbers) {
                // Around the printed value rather than over it, so that both read.
                const QFontMetricsF nfm(L.numberFont);
                const double px = L.numberFont.pixelSize();
                rx = std::min(nfm.horizontalAdvance(QStringLiteral("0.00")) / 2 + px * 0.45, L.cellWidth * 0.46);
                ry = std::min(nfm.height() / 2 + px * 0.3, L.cellHeight * 0.46);
                halo = std::max(1.5, px * 0.22);
                line = std::max(1.0, px * 0.11);
            }
            auto drawMarks = [&](const std::vector<QPoint>& marks, Qt::PenStyle style) {
                for (const QPoint& m : marks) {
                    if (m.y() < 0 || m.y() >= d.rows() || m.x() < 0 || m.x() >= d.columns()) continue;
                    const QPointF c(L.cells.left() + (m.x() + 0.5) * L.cellWidth,
                                    L.cells.top() + (m.y() + 0.5) * L.cellHeight);
                    p.setPen(QPen(Qt::white, halo));
                    p.setBrush(Qt::NoBrush);
                    p.drawEllipse(c, rx, ry);
                    QPen ink(Qt::black, line);
                    ink.setStyle(style);
                    p.setPen(ink);
                    p.drawEllipse(c, rx, ry);
                }
            };
            drawMarks(d.marks, Qt::SolidLine);
            drawMarks(d.possibleMarks, Qt::DashLine);
            p.setRenderHint(QPainter::Antialiasing, false);
        }
        if (s.selectedRow >= 0 && s.selectedRow < d.rows()) {
            p.setPen(QPen(kSelection, 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(
                QRectF(L.cells.left(), L.cells.top() + s.selectedRow * L.cellHeight, L.cells.width(), L.cellHeight));
        }
        if (s.hoveredCell && s.hoveredCell->x() < d.columns() && s.hoveredCell->y() < d.rows()) {
            p.setPen(QPen(Qt::white, 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(L.cells.left() + s.hoveredCell->x() * L.cellWidth,
                              L.cells.top() + s.hoveredCell->y() * L.cellHeight, L.cellWidth, L.cellHeight));
        }
        if (s.highlight && s.highlight->intersects(QRect(0, 0, d.columns(), d.rows()))) {
            const QRect h = s.highlight->intersected(QRect(0, 0, d.columns(), d.rows()));
            QPen pen(QColor(0xff, 0x8c, 0x00), 2.5, Qt::DashLine);
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(L.cells.left() + h.x() * L.cellWidth, L.cells.top() + h.y() * L.cellHeight,
                              h.width() * L.cellWidth, h.height() * L.cellHeight));
        }
        p.setPen(QPen(s.ink, 0));
        p.setBrush(Qt::NoBrush);
        p.drawRect(L.cells);
    }
    if (!L.colorBar.isEmpty()) paintColorBar(p, d, L, s);
    p.restore();
}

}  // namespace ui
