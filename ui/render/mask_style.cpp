#include "render/mask_style.h"

#include <QImage>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace ui {

// A hatch drawn as line segments rather than a pattern brush: SVG pattern
// fills are not read back by every viewer (QtSvg drops them), lines are.
void paintHatchLines(QPainter& p, const QRectF& r) {
    const double step = 5.0;
    p.save();
    p.setPen(QPen(kMaskHatch, 1.0));
    // Lines x + y = c run from bottom-left to top-right (y points down).
    const double first = std::ceil((r.left() + r.top()) / step) * step;
    for (double c = first; c <= r.right() + r.bottom(); c += step) {
        const double xa = std::max(r.left(), c - r.bottom());
        const double xb = std::min(r.right(), c - r.top());
        if (xb > xa) p.drawLine(QPointF(xa, c - xa), QPointF(xb, c - xb));
    }
    p.restore();
}

void paintHatch(QPainter& p, const QRectF& r) {
    p.fillRect(r, kMaskFill);
    paintHatchLines(p, r);
}

// A 10 x 10 tile of the hatch, for raster devices: a texture fill per run of
// masked cells is far cheaper than lines through a clip path (which took
// most of a repaint under a causal mask).
const QBrush& hatchTexture() {
    static const QBrush brush = [] {
        QImage tile(10, 10, QImage::Format_ARGB32_Premultiplied);
        tile.fill(Qt::transparent);
        QPainter p(&tile);
        p.setPen(QPen(kMaskHatch, 1.0));
        // The lines x + y = 5 and x + y = 10 of paintHatchLines, wrapped.
        p.drawLine(QPointF(0, 4.5), QPointF(4.5, 0));
        p.drawLine(QPointF(0, 9.5), QPointF(9.5, 0));
        p.drawLine(QPointF(5.5, 9.5), QPointF(9.5, 5.5));
        return QBrush(tile);
    }();
    return brush;
}

}  // namespace ui
