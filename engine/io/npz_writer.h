// Writing NumPy files: .npy arrays and .npz archives of them (a zip of .npy
// entries, stored uncompressed as numpy.savez writes them). The engine's one
// npy/npz writer; files go through an AtomicFile (a failed write leaves the
// old file, or none, and no partial one) and the arrays' bytes are streamed
// from where they are, never copied whole.
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

// The .npy header of an array (format version 1.0, NEP 1): magic, length,
// the dictionary padded with spaces so that the data starts on a multiple
// of 64 bytes.
std::string npyHeader(const std::string& descr, const std::vector<std::size_t>& shape);
// The .npy bytes of one array: its header and its bytes.
std::string npyBytes(const NpyArray& array);
// Messages name the file ("out.npz: cannot write: ...").
Status writeNpz(const std::string& path, const std::vector<NpyArray>& arrays);

}  // namespace ap
