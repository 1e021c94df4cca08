// The bytes a reader parses: a read-only memory mapping of a file, or a
// buffer in memory (tests and fuzzing). Readers keep `owner` alive for as
// long as they point into the bytes, so a mapped file is never read whole:
// pages come in from the disk only when a slice touches them.
#pragma once

#include "core/status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ap::import {

struct ByteSource {
    const unsigned char* data = nullptr;
    std::size_t size = 0;
    std::shared_ptr<const void> owner;  // the mapping or buffer behind `data`
    bool mapped = false;                // `data` is a read-only file mapping
};

// Maps the whole file read-only (an empty file gives an empty source). The
// error omits the file name: "cannot open: No such file or directory".
Result<ByteSource> mapFile(const std::string& path);

// Lets the kernel drop the mapped pages of [data, data + size) from this
// process (they stay in the page cache): a viewer that has converted a
// slice keeps its resident memory near the slices it shows. Only for
// mapped bytes.
void releaseMappedPages(const void* data, std::size_t size);

// A source over a copy of `size` bytes (the copy is owned by the source).
ByteSource copyBytes(const void* data, std::size_t size);

// Little-endian loads at any alignment.
inline std::uint16_t loadU16(const unsigned char* p) { return std::uint16_t(p[0] | (p[1] << 8)); }
inline std::uint32_t loadU32(const unsigned char* p) {
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[3]) << 24);
}
inline std::uint64_t loadU64(const unsigned char* p) {
    return std::uint64_t(loadU32(p)) | (std::uint64_t(loadU32(p + 4)) << 32);
}

}  // namespace ap::import
