// The View ▸ Colour Scale submenu, shared by the windows that show
// heatmaps: one checkable action per scale, with its tooltip, and Ctrl+L
// for the logarithmic scale that long inputs need most.
#pragma once

#include "render/color_scale.h"

#include <QList>

#include <functional>

class QAction;
class QMenu;
class QObject;

namespace ui {

// Adds the submenu to `view`; `chosen` runs when the user picks a scale.
// Each action's objectName is objectPrefix + colorScaleKey(), its data the
// key. Returns the actions in colorScales() order.
QList<QAction*> addColorScaleMenu(QMenu* view, ColorScale current, const QString& objectPrefix,
                                  std::function<void(ColorScale)> chosen);

}  // namespace ui
