#include "render/resources_dir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ui {

QString buildTreeResourcesDir() {
    // The executables of a build tree live one folder below its top
    // (app/, tests/, bench/), where CMake writes the marker.
    QFile marker(QDir(QCoreApplication::applicationDirPath())
                     .absoluteFilePath(QStringLiteral("../attention-playground-build-tree")));
    if (!marker.open(QIODevice::ReadOnly)) return {};
    const QString dir = QString::fromUtf8(marker.readLine()).trimmed();
    return !dir.isEmpty() && QFileInfo(dir).isDir() ? QDir::cleanPath(dir) : QString();
}

QString resourcesDir() {
    const QString buildTree = buildTreeResourcesDir();
    if (!buildTree.isEmpty()) return buildTree;
    const QDir appDir(QCoreApplication::applicationDirPath());
    return QDir::cleanPath(appDir.absoluteFilePath(QStringLiteral("../share/attention-playground")));
}

}  // namespace ui
