#include "scene_input.h"

#include "command_line.h"
#include "io/scene_io.h"

namespace app {

bool loadAndCompute(const QString& path, ap::Scene& scene, ap::AttentionResult& result) {
    ap::SceneReadResult read = ap::readSceneFile(path.toStdString());
    if (!read.ok) {
        printErr(QString::fromStdString(read.error));
        return false;
    }
    scene = std::move(read.scene);
    const ap::Status status = ap::computeAttention(scene, {}, result);
    if (!status.ok) {
        printErr(path + QStringLiteral(": ") + QString::fromStdString(status.message));
        return false;
    }
    return true;
}

}  // namespace app
