#include "render/resources_dir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ui {

QString resourcesDir() {
    // An installed copy wins over the source tree: the source tree may have
    // moved on (or be gone) since the installed binary was built.
    const QDir appDir(QCoreApplication::applicationDirPath());
    const QString installed = appDir.absoluteFilePath(QStringLiteral("../share/attention-playground"));
    if (QFileInfo(installed).isDir())
        return QDir::cleanPath(installed);
    return QDir::cleanPath(QStringLiteral(AP_SOURCE_RESOURCES_DIR));
}

}  // namespace ui
