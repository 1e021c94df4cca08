// Masked cells get a hatch on light grey: no colour of viridis or magma is
// grey, and a hatch cannot be read as a small weight. The heatmap and the
// bar chart's masked columns both use these, so the two views speak one
// language.
#pragma once

#include <QColor>

namespace ui {

inline const QColor kMaskFill(0xdd, 0xdd, 0xdd);
inline const QColor kMaskHatch(0x88, 0x88, 0x88);

}  // namespace ui
