// Scene -> JSON text (format attention-playground.scene, version 1; the
// format is described in docs/scene-file.md). Floats are written in their
// shortest form that reads back to the same float.
#pragma once

#include "core/scene.h"

#include <string>

namespace ap {

std::string sceneToJson(const Scene& scene);

// Shortest decimal text that reads back to exactly `value` (std::to_chars).
std::string formatFloat(float value);

}  // namespace ap
