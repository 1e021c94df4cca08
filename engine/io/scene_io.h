// Scene and result files (spec sections 2, 3 and 5), without Qt.
#pragma once

#include "attention/attention.h"
#include "core/scene.h"

#include <string>
#include <string_view>

namespace ap {

struct SceneReadResult {
    bool ok = false;
    Scene scene;
    // One message naming the file and the JSON path, e.g.
    // "scene.json: queries.matrix[2][5]: not a finite number", or the line
    // and column where the JSON does not parse:
    // "scene.json:3:14: expected ',' or ']'".
    std::string error;
};

// Parses scene JSON text. `fileName` is only used in messages.
SceneReadResult parseScene(std::string_view text, const std::string& fileName);
// Reads and parses a file (refusing files over limits::kMaxFileBytes).
SceneReadResult readSceneFile(const std::string& path);

// Scene -> JSON text (format attention-playground.scene, version 1). Floats
// are written in their shortest form that reads back to the same float.
std::string sceneToJson(const Scene& scene);
// Result -> JSON text (format attention-playground.result, version 1).
// Non-empty token lists are written as "query_tokens" and "key_tokens" right
// after "version", so that a reader can label rows and columns.
std::string resultToJson(const AttentionResult& result, const std::vector<std::string>& queryTokens = {},
                         const std::vector<std::string>& keyTokens = {});

// Shortest decimal text that reads back to exactly `value` (std::to_chars).
std::string formatFloat(float value);

// Writes `bytes` to `path` atomically: a temporary file in the same folder,
// flushed, then renamed over the target. On failure the target is untouched
// and no temporary is left; returns "" or a message naming the file.
std::string writeFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace ap
