#include "i18n/language.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QLibraryInfo>
#include <QMutex>
#include <QPointer>
#include <QTranslator>

#include <memory>

namespace ui {
namespace {

const QString kBaseName = QStringLiteral("attention-playground");

// Results of every lookup, by the text they gave. Looked up from any
// thread (pictures are titled on workers), hence the mutex.
struct Memory {
    QMutex mutex;
    QHash<QString, TranslationKey> byText;
};

Memory& memory() {
    static Memory m;
    return m;
}

// The translator this program installs: its own .qm (none for English),
// remembering what it was asked and what it answered.
class RememberingTranslator : public QTranslator {
public:
    explicit RememberingTranslator(std::unique_ptr<QTranslator> inner, QObject* parent)
        : QTranslator(parent), inner_(std::move(inner)) {}

    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override {
        QString out = inner_ ? inner_->translate(context, sourceText, disambiguation, n) : QString();
        if (context && sourceText) {
            const QString shown = out.isNull() ? QString::fromUtf8(sourceText) : out;
            Memory& m = memory();
            QMutexLocker lock(&m.mutex);
            if (!m.byText.contains(shown))
                m.byText.insert(shown, {QByteArray(context), QByteArray(sourceText), QByteArray(disambiguation)});
        }
        return out;
    }
    // Installed even for English, where it only remembers.
    bool isEmpty() const override { return false; }
    QString filePath() const { return inner_ ? inner_->filePath() : QString(); }

private:
    std::unique_ptr<QTranslator> inner_;
};

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
    case Language::SimplifiedChinese:
        return QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China);
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

    auto file = std::make_unique<QTranslator>();
    bool loaded = false;
    for (const QString& dir : appTranslationDirs()) {
        if (file->load(locale, kBaseName, QStringLiteral("_"), dir)) {
            loaded = !file->isEmpty();
            break;
        }
    }
    // English is the source language: an "en" file never exists, and a
    // locale like de_DE falls back to the source text.
    if (!loaded) file.reset();
    auto* app = new RememberingTranslator(std::move(file), QCoreApplication::instance());
    QCoreApplication::installTranslator(app);
    state.app = app;
    state.appFile = app->filePath();
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

bool translationKeyOf(const QString& shownText, TranslationKey* key) {
    Memory& m = memory();
    QMutexLocker lock(&m.mutex);
    const auto it = m.byText.constFind(shownText);
    if (it == m.byText.constEnd()) return false;
    *key = *it;
    return true;
}

QString loadedTranslationFile() { return installed().appFile; }

QStringList translatedLocales() { return {QStringLiteral("zh_CN")}; }

}  // namespace ui
