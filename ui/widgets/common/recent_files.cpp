#include "widgets/common/recent_files.h"

#include "widgets/common/settings_keys.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace ui {

namespace {
const char* const kKey = settings_keys::kRecentFiles;
}

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), menu_(menu) { rebuild(); }

QStringList RecentFiles::files() const { return QSettings().value(QLatin1String(kKey)).toStringList(); }

void RecentFiles::add(const QString& path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxEntries) list.removeLast();
    QSettings().setValue(QLatin1String(kKey), list);
    rebuild();
}

void RecentFiles::rebuild() {
    menu_->clear();
    const QStringList list = files();
    int n = 0;
    for (const QString& path : list) {
        ++n;
        QAction* a = menu_->addAction(QStringLiteral("&%1 %2").arg(n).arg(QDir::toNativeSeparators(path)));
        a->setEnabled(QFileInfo::exists(path));
        connect(a, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    menu_->setEnabled(!list.isEmpty());
}

}  // namespace ui
