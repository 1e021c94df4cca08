#include "render/color_bar.h"

#include "render/chart_text.h"
#include "render/heatmap_data.h"
#include "render/mask_style.h"

#include <QFontMetricsF>
#include <QLinearGradient>

#include <cmath>
#include <vector>

namespace ui {

void paintColorScale(QPainter& p, const QRectF& bar, double minValue, double maxValue, const QString& label,
                     const QFont& tickFont, const Colormap& colormap, const QColor& ink, bool logarithmic) {
    if (bar.height() < 4) return;
    p.save();
    // A linear gradient through the map's own table: the map is piecewise
    // linear between its samples, so 26 stops reproduce it, as one fill that
    // stays a vector in SVG and PDF (one rect per pixel row cost a repaint
    // several milliseconds).
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int k = 0; k <= 25; ++k) gradient.setColorAt(k / 25.0, colormap.colorAt(k / 25.0));
    p.fillRect(bar, gradient);
    p.setPen(QPen(ink, 0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
    p.setFont(tickFont);
    const QFontMetricsF fm(tickFont);
    const bool log = logarithmic && minValue > 0 && maxValue > minValue;
    const double lo = log ? std::log10(minValue) : minValue;
    const double span = (log ? std::log10(maxValue) : maxValue) - lo;
    const std::vector<double> ticks = log ? logTicks(minValue, maxValue, 6) : niceTicks(minValue, maxValue, 6);
    const QStringList texts = colorScaleTickLabels(ticks, log);
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        const double v = ticks[i];
        const double t = span > 0 ? ((log ? std::log10(v) : v) - lo) / span : 0.0;
        const double y = bar.bottom() - t * bar.height();
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
        p.drawText(QPointF(bar.right() + 6, y + fm.ascent() / 2 - 1), texts[qsizetype(i)]);
    }
    // The scale's name above the bar, and a key for masked cells below it.
    // Half a line higher than the top tick's text, so the two never touch.
    p.drawText(QPointF(bar.left(), bar.top() - fm.ascent() / 2 - fm.descent() - 2), label);
    const QRectF key(bar.left(), bar.bottom() + fm.height() * 0.6, bar.width(), fm.height());
    paintHatch(p, key);
    p.drawRect(key);
    p.drawText(QPointF(key.right() + 6, key.center().y() + fm.ascent() / 2 - 1), maskedKeyLabel());
    p.restore();
}

}  // namespace ui
