#include "widgets/help/user_guide_dialog.h"
#include "widgets/common/window_fit.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ui {

UserGuideDialog::UserGuideDialog(QWidget* parent) : QDialog(parent) {
    browser_ = new QTextBrowser(this);
    browser_->setOpenExternalLinks(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(browser_);
    layout->addWidget(buttons);
    resizeWithinScreen(this, QSize(760, 640));
    load();
}

QString UserGuideDialog::guideResource() {
    // QLocale() is the interface language once installTranslators() ran.
    const QLocale locale;
    if (locale.language() == QLocale::Chinese && QFile::exists(QStringLiteral(":/help/user-guide.zh_CN.md")))
        return QStringLiteral(":/help/user-guide.zh_CN.md");
    return QStringLiteral(":/help/user-guide.md");
}

void UserGuideDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) load();
    QDialog::changeEvent(event);
}

void UserGuideDialog::load() {
    setWindowTitle(tr("User Guide"));
    QFile file(guideResource());
    if (!file.open(QIODevice::ReadOnly)) {
        browser_->setPlainText(tr("The user guide is missing from this build (%1).").arg(file.fileName()));
        return;
    }
    browser_->setMarkdown(QString::fromUtf8(file.readAll()));
}

}  // namespace ui
