// The Experiments menu of a main window: each entry opens its experiment
// in a window of its own.
#pragma once

class QMainWindow;
class QMenu;

namespace ui {

// Adds "Experiments" to the window's menu bar and returns it.
QMenu* addExperimentsMenu(QMainWindow* window);

}  // namespace ui
