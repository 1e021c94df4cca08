// Writing NumPy .npz files: a zip archive of .npy entries, stored
// uncompressed as numpy.savez writes them, through an AtomicFile (a failed
// write leaves the old file, or none, and no partial one).
#pragma once

#include "core/status.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ap {

struct NpyArray {
    std::string name;   // the entry is name + ".npy"
    std::string descr;  // numpy's type string: "|u1", "<i8", "<f4", "<f8"
    std::vector<std::size_t> shape;
    std::string_view bytes;  // C order, little-endian; the product of shape times the item size
};

// The .npy bytes of one array (format version 1.0).
std::string npyBytes(const NpyArray& array);
// Messages name the file ("out.npz: cannot write: ...").
Status writeNpz(const std::string& path, const std::vector<NpyArray>& arrays);

}  // namespace ap
