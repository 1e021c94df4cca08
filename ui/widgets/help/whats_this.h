// What's This help (Shift+F1, then a click) for the main controls, found
// by their object names so that the texts live in one place.
#pragma once

class QWidget;

namespace ui {

// Sets the What's This text of every known control under `root` (and of
// `root` itself); returns how many were found. Calling it again is
// harmless; a language switch retranslates the texts.
int installWhatsThis(QWidget* root);

}  // namespace ui
