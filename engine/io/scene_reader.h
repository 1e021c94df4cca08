// Reading scene files (format attention-playground.scene, version 1; see
// docs/scene-file.md). The reader streams: numbers go straight from the text
// into the scene's matrices, without a JSON tree in between.
#pragma once

#include "core/scene.h"
#include "core/status.h"

#include <string>
#include <string_view>

namespace ap {

// On failure, `error` is one message naming the file and the JSON path, e.g.
// "scene.json: queries.matrix[2][5]: not a finite number", or the line and
// column where the JSON does not parse: "scene.json:3:14: expected ',' or ']'".
using SceneReadResult = Result<Scene>;

// Parses scene JSON text. `fileName` is only used in messages.
SceneReadResult parseScene(std::string_view text, const std::string& fileName);
// Reads and parses a file (refusing files over limits::kMaxFileBytes).
SceneReadResult readSceneFile(const std::string& path);

}  // namespace ap
