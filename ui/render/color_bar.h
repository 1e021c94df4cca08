// The colour scale drawn beside a heatmap, or once beside a grid of
// heatmaps that share one range.
#pragma once

#include "render/colormap.h"

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QString>

namespace ui {

// The colour scale alone: a vertical strip in `bar` for min..max with five
// ticks, `label` above it and a hatched "masked" key below it. paintHeatmap
// uses it for its colour bar; a grid of heatmaps sharing one range draws one.
// On a logarithmic scale the ticks are the powers of ten in min..max.
void paintColorScale(QPainter& painter, const QRectF& bar, double minValue, double maxValue, const QString& label,
                     const QFont& tickFont, const Colormap& colormap, const QColor& ink = Qt::black,
                     bool logarithmic = false);

}  // namespace ui
