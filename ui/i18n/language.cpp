#include "i18n/language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace ui {
namespace {

const QString kBaseName = QStringLiteral("attention-playground");

struct Installed {
    QPointer<QTranslator> app;
    QPointer<QTranslator> qt;
    QString appFile;
};

Installed& installed() {
    static Installed state;
    return state;
}

void removeTranslator(QPointer<QTranslator>& t) {
    if (!t) return;
    QCoreApplication::removeTranslator(t);
    delete t;
}

// An updated .qm in share/attention-playground/translations (next to the
// installed binary) wins over the one built into the executable, so a
// translator can try a new file without rebuilding.
QStringList appTranslationDirs() {
    return {QDir(QCoreApplication::applicationDirPath())
                .absoluteFilePath(QStringLiteral("../share/attention-playground/translations")),
            QStringLiteral(":/i18n")};
}

}  // namespace

QString languageCode(Language language) {
    switch (language) {
    case Language::English: return QStringLiteral("en");
    case Language::SimplifiedChinese: return QStringLiteral("zh_CN");
    case Language::System: break;
    }
    return QStringLiteral("system");
}

Language languageFromCode(const QString& code) {
    if (code == QLatin1String("en")) return Language::English;
    if (code == QLatin1String("zh_CN")) return Language::SimplifiedChinese;
    return Language::System;
}

QLocale localeFor(Language language) {
    switch (language) {
    case Language::English: return QLocale(QLocale::English, QLocale::UnitedStates);
    case Language::SimplifiedChinese: return QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China);
    case Language::System: break;
    }
    return QLocale::system();
}

bool installTranslators(const QLocale& locale) {
    Installed& state = installed();
    removeTranslator(state.app);
    removeTranslator(state.qt);
    state.appFile.clear();
    QLocale::setDefault(locale);

    auto* app = new QTranslator(QCoreApplication::instance());
    bool loaded = false;
    for (const QString& dir : appTranslationDirs()) {
        if (app->load(locale, kBaseName, QStringLiteral("_"), dir)) {
            loaded = true;
            break;
        }
    }
    // English is the source language: an "en" file never exists, and a
    // locale like de_DE falls back to the source text.
    if (loaded && !app->isEmpty()) {
        QCoreApplication::installTranslator(app);
        state.app = app;
        state.appFile = app->filePath();
    } else {
        delete app;
        loaded = false;
    }
    // Qt's own messages (QDialogButtonBox, QLineEdit's context menu, ...),
    // when the qt6-translations-l10n package is installed.
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (loaded && qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        state.qt = qt;
    } else {
        delete qt;
    }
    return loaded;
}

QString loadedTranslationFile() {
    return installed().appFile;
}

QStringList translatedLocales() {
    return {QStringLiteral("zh_CN")};
}

}  // namespace ui
