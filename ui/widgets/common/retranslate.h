// Switching the interface language at once without a retranslateUi() in
// every widget: each text a widget or action shows that came from a plain
// tr() is looked up again in the new language (ui::translationKeyOf()
// knows what it was translated from). Texts with arguments are rebuilt by
// their owners on QEvent::LanguageChange; item models translate in data(),
// so a repaint is enough for them.
#pragma once

namespace ui {

// Runs over every widget and action of the application; call it after
// installTranslators(). Returns how many texts changed.
int retranslateWidgets();

}  // namespace ui
