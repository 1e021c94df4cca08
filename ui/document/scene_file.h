// The one way the Qt layer reads and writes scene files. File names go to
// the engine in the local 8-bit encoding (QFile::encodeName), so names that
// are not valid UTF-8 open and save; writes are atomic (QSaveFile).
#pragma once

#include "core/scene.h"
#include "io/scene_io.h"

#include <QString>

#include <string>

namespace ui {

// `path` as the bytes the operating system knows the file by.
std::string localPath(const QString& path);

// Reads and parses a scene file. Messages name the file as the user sees
// it, also when its name is not valid UTF-8.
ap::SceneReadResult readSceneFile(const QString& path);

// Writes `scene` atomically; returns "" or a message naming the file.
QString writeSceneFile(const QString& path, const ap::Scene& scene);

// Writes `bytes` atomically; returns "" or a message naming the file.
QString writeFileAtomically(const QString& path, const std::string& bytes);

}  // namespace ui
