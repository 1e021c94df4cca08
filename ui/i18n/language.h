// The interface language: which translation the application loads, chosen
// from the system locale or by the user (View ▸ Language).
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace ui {

enum class Language { System, English, SimplifiedChinese };

// The code stored in the settings: "system", "en" or "zh_CN".
QString languageCode(Language language);
// The language for a stored code; anything unknown is System.
Language languageFromCode(const QString& code);

// The locale the interface uses for `language`: QLocale::system() (which
// reads LANGUAGE, LC_ALL, LC_MESSAGES and LANG) for System.
QLocale localeFor(Language language);

// Replaces the application's translators by those for `locale`: this
// program's messages and Qt's own (standard dialogs, context menus), and
// makes `locale` the default for number formatting. Every widget receives a
// QEvent::LanguageChange. Returns whether a translation of this program was
// loaded (false for English, which needs none). Needs a QCoreApplication.
bool installTranslators(const QLocale& locale);

// Where this program's .qm was loaded from by the last installTranslators(),
// or an empty string: for the About box and the tests.
QString loadedTranslationFile();

// The locales this program has a translation for, besides English.
QStringList translatedLocales();

// What a text shown now was translated from: every translation this
// program looks up (in English too) is remembered by its result, so that a
// text set once from tr() can be looked up again in another language (see
// retranslateWidgets()). Texts built with arguments ("Head 3") are not
// found: their owners rebuild them on QEvent::LanguageChange.
struct TranslationKey {
    QByteArray context;
    QByteArray source;
    QByteArray disambiguation;
};
bool translationKeyOf(const QString& shownText, TranslationKey* key);

}  // namespace ui
