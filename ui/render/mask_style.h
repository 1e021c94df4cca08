// Masked cells get a hatch on light grey: no colour of viridis or magma is
// grey, and a hatch cannot be read as a small weight. The heatmap and the
// bar chart's masked columns both use these, so the two views speak one
// language.
#pragma once

#include <QBrush>
#include <QColor>
#include <QPainter>
#include <QRectF>

namespace ui {

inline const QColor kMaskFill(0xdd, 0xdd, 0xdd);
inline const QColor kMaskHatch(0x88, 0x88, 0x88);

// The hatch's lines over `r` (on the lattice x + y = 5k, so that adjacent
// rectangles join up).
void paintHatchLines(QPainter& p, const QRectF& r);
// The grey fill and the hatch over `r`: the colour bar's "masked" key.
void paintHatch(QPainter& p, const QRectF& r);
// The same lines as a 10 x 10 texture, for raster devices.
const QBrush& hatchTexture();

}  // namespace ui
