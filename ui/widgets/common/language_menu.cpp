#include "widgets/common/language_menu.h"

#include "widgets/common/retranslate.h"

#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QSettings>

namespace ui {

Language storedLanguage() {
    return languageFromCode(QSettings().value(QLatin1String(kLanguageSettingsKey)).toString());
}

void applyLanguage(Language language, bool remember) {
    if (remember) QSettings().setValue(QLatin1String(kLanguageSettingsKey), languageCode(language));
    installTranslators(localeFor(language));
    retranslateWidgets();
    QGuiApplication::setApplicationDisplayName(QCoreApplication::translate("ui::Application", "Attention Playground"));
}

LanguageMenu::LanguageMenu(QWidget* parent) : QMenu(parent) {
    group_ = new QActionGroup(this);
    group_->setExclusive(true);
    auto add = [this](Language language) {
        QAction* a = addAction(QString());
        a->setCheckable(true);
        a->setData(languageCode(language));
        group_->addAction(a);
        connect(a, &QAction::triggered, this, [language] { applyLanguage(language); });
        return a;
    };
    system_ = add(Language::System);
    english_ = add(Language::English);
    chinese_ = add(Language::SimplifiedChinese);
    actionFor(storedLanguage())->setChecked(true);
    retranslate();
}

QAction* LanguageMenu::actionFor(Language language) const {
    switch (language) {
    case Language::English: return english_;
    case Language::SimplifiedChinese: return chinese_;
    case Language::System: break;
    }
    return system_;
}

void LanguageMenu::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QMenu::changeEvent(event);
}

void LanguageMenu::retranslate() {
    setTitle(tr("&Language"));
    setToolTip(tr("The language of the interface and of the words drawn in exported pictures"));
    system_->setText(tr("&System (%1)").arg(QLocale::system().nativeLanguageName()));
    system_->setStatusTip(tr("Follow the language of the desktop session"));
    // Each language by its own name, so that anyone can find theirs.
    english_->setText(QStringLiteral("&English"));
    chinese_->setText(QStringLiteral("简体中文 (&C)"));
}

}  // namespace ui
