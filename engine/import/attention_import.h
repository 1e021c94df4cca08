// Opening attention files: which reader a file needs (by its first bytes,
// then its name) and the one entry point the command line and the window
// use.
#pragma once

#include "import/attention_tensor.h"
#include "import/byte_source.h"
#include "import/npz_reader.h"

#include <optional>
#include <string>

namespace ap::import {

enum class FileKind { Npy, Npz, Safetensors, BertVizJson, Scene, Unknown };
const char* toString(FileKind k);  // "npy", "npz", "safetensors", "bertviz", "scene", "unknown"

// Recognises a file from its bytes: the .npy magic, a zip archive, a
// safetensors header (8-byte length, then '{'), a scene JSON (its "format"
// is attention-playground.scene) or a JSON object with an "attention" key.
// The name's extension decides only when the bytes do not.
FileKind detectKind(const ByteSource& bytes, const std::string& fileName);

// Whether `path` should open as imported attention (not as a scene): it
// maps the file and looks, without reading more than it needs.
bool isAttentionFile(const std::string& path);

struct ImportOptions {
    // Scan every value for NaN and infinities when opening. Off by default:
    // the scan reads the whole file (0.2 s per 600 MB from the page cache,
    // far longer from a disk) and brings all of it into memory, so instead
    // each slice is checked when it is converted (AttentionTensor::slice).
    bool checkAllValues = false;
    NpzOptions npz;  // npz.headerOnly: shapes and tokens only (see NpzOptions)
};

ReadResult readAttentionBytes(const ByteSource& bytes, const std::string& fileName, const ImportOptions& options = {});
ReadResult readAttentionFile(const std::string& path, const ImportOptions& options = {});

// Converts every slice once; fails with the first error (NaN, infinity).
Status checkAllValues(const AttentionTensor& t);

}  // namespace ap::import
