// The Help menu's entries shared by the windows: User Guide (F1), Keyboard
// Shortcuts, What's This (Shift+F1) and About.
#pragma once

class QMenu;
class QWidget;

namespace ui {

// Adds the entries to `help`; the dialogs open over `window`, and the
// shortcut list is gathered from it (and the other open windows).
void fillHelpMenu(QMenu* help, QWidget* window);

}  // namespace ui
