#include "scene_input.h"

#include "command_line.h"
#include "io/scene_reader.h"

namespace app {

bool loadAndCompute(const QString& path, ap::Scene& scene, ap::AttentionResult& result) {
    const std::string file = nativePath(path);
    ap::SceneReadResult read = ap::readSceneFile(file);
    if (!read.ok) {
        printErrBytes(read.error);
        return false;
    }
    scene = std::move(read.value);
    const ap::Status status = ap::computeAttention(scene, {}, result);
    if (!status.ok) {
        printErrBytes(file + ": " + status.message);
        return false;
    }
    return true;
}

}  // namespace app
