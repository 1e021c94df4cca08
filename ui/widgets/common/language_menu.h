// View ▸ Language: System, English, 简体中文. Switching takes effect at once
// (every window handles QEvent::LanguageChange) and is remembered.
#pragma once

#include "i18n/language.h"

#include <QMenu>

class QActionGroup;

namespace ui {

// The settings key of the chosen language ("system", "en" or "zh_CN").
inline constexpr const char* kLanguageSettingsKey = "interface/language";

// The language stored in QSettings (System when none is).
Language storedLanguage();

// Installs the translators for `language`, stores the choice and sets the
// application's display name in that language.
void applyLanguage(Language language, bool remember = true);

class LanguageMenu : public QMenu {
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget* parent = nullptr);

    QAction* actionFor(Language language) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QActionGroup* group_ = nullptr;
    QAction* system_ = nullptr;
    QAction* english_ = nullptr;
    QAction* chinese_ = nullptr;
};

}  // namespace ui
