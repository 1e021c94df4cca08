// Writes attention weights [layers, heads, queries, keys] float32 with their
// token labels in the formats the importers read (engine/import): .npy (the
// weights alone), .npz (arrays `attentions` and `tokens`, stored, as
// numpy.savez writes them) and .safetensors (tensor `attentions`, tokens as
// a JSON list in __metadata__["tokens"]). Written atomically.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ap {

struct AttentionArray {
    const float* data = nullptr;  // C order
    std::vector<std::int64_t> shape;
    std::vector<std::string> tokens;  // labels of both axes (may be empty)
};

// The format follows the extension of `path` (.npy, .npz, .safetensors);
// another extension is an error. Messages name the file.
Status writeAttentionFile(const std::string& path, const AttentionArray& array);

// Whether `path` ends in an extension writeAttentionFile knows.
bool isAttentionFileName(const std::string& path);

}  // namespace ap
