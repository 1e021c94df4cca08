#include "document/scene_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace ui {

std::string localPath(const QString& path) { return QFile::encodeName(QDir::toNativeSeparators(path)).toStdString(); }

ap::SceneReadResult readSceneFile(const QString& path) {
    const std::string local = localPath(path);
    ap::SceneReadResult read = ap::readSceneFile(local);
    // The engine names the file by its bytes; show the name as decoded, so
    // a name in the local encoding is not garbled in the message.
    if (!read.ok && read.error.compare(0, local.size(), local) == 0) {
        const QString rest = QString::fromStdString(read.error.substr(local.size()));
        read.error = (QDir::toNativeSeparators(path) + rest).toStdString();
    }
    return read;
}

QString writeFileAtomically(const QString& path, const std::string& bytes) {
    QSaveFile file(path);
    const auto fail = [&](const QString& reason) {
        return QCoreApplication::translate("ui::SceneFile", "%1: %2").arg(QDir::toNativeSeparators(path), reason);
    };
    if (!file.open(QIODevice::WriteOnly)) return fail(file.errorString());
    if (file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())) return fail(file.errorString());
    if (!file.commit()) return fail(file.errorString());
    return {};
}

QString writeSceneFile(const QString& path, const ap::Scene& scene) {
    return writeFileAtomically(path, ap::sceneToJson(scene));
}

}  // namespace ui
