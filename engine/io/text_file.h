// Reading a whole input file with a size bound, shared by the scene and
// corpus readers so that both refuse oversized input before reading it and
// word their file errors alike.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <string>

namespace ap {

// The file's bytes, or a message without the path: "cannot open: No such
// file or directory", "file is 70 MiB, over the limit of 64 MiB",
// "cannot read: …".
Result<std::string> readTextFile(const std::string& path, std::int64_t maxBytes);

// "64 MiB", rounded up.
std::string mebibytes(std::int64_t bytes);

// strerror-like text for an errno value.
std::string errnoText(int err);

}  // namespace ap
