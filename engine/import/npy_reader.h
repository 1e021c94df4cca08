// NumPy .npy files (format versions 1, 2 and 3): a magic string, a Python
// dict literal giving dtype, order and shape, then the raw array. See
// numpy.lib.format. Only C-order little-endian arrays are read.
#pragma once

#include "import/attention_tensor.h"
#include "import/byte_source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ap::import {

struct NpyArray {
    std::string descr;  // "<f4", "<U7", ...
    bool fortranOrder = false;
    std::vector<std::int64_t> shape;
    std::int64_t elementCount = 0;
    const unsigned char* data = nullptr;
    std::uint64_t dataOffset = 0;      // of the array data from the start of the .npy bytes
    std::uint64_t availableBytes = 0;  // bytes after the header
};

// Parses the header of the .npy bytes [p, p + size). Fails with a message
// without the file name ("header: no 'shape' key", ...).
Status parseNpyHeader(const unsigned char* p, std::size_t size, NpyArray& out);

// The array as attention weights: float16/32/64, C order, and exactly the
// bytes the shape needs (a shorter array is truncated data). Sets dtype,
// shape, data and dataOffset (plus `baseOffset`) of `t`.
Status npyAsAttention(const NpyArray& a, std::uint64_t baseOffset, AttentionTensor& t);

// A 1-D (or [1, n]) numpy unicode array ('<U*', UTF-32LE, NUL-padded) as
// UTF-8 strings.
Status npyAsStrings(const NpyArray& a, std::vector<std::string>& out);

// A whole .npy file of attention weights (no token labels).
ReadResult readNpy(const ByteSource& bytes, const std::string& fileName);

}  // namespace ap::import
