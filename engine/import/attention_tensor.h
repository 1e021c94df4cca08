// Attention weights imported from a model: a [layers, heads, queries, keys]
// tensor that stays in its file (memory-mapped) or in the reader's buffer,
// plus the token labels. One (layer, head) slice is converted to float on
// demand, so memory follows the slices looked at, not the file.
#pragma once

#include "core/limits.h"
#include "core/scene.h"
#include "core/status.h"
#include "import/byte_source.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ap::import {

// BF16 is bfloat16 (the top 16 bits of a float32), as real checkpoints store it.
enum class DType { F16, F32, F64, BF16 };
const char* toString(DType t);  // "float16", "float32", "float64", "bfloat16"
int byteSize(DType t);

// The limits of imported tensors (core/limits.h).
namespace limits = ap::limits::tensor;

struct AttentionTensor {
    std::string fileName;   // as given, for messages
    std::string format;     // "npy", "npz", "safetensors", "bertviz"
    std::string arrayName;  // the array or tensor read, for messages
    DType dtype = DType::F32;
    int layers = 1, heads = 1, queries = 0, keys = 0;
    // Empty when the file has no labels (then q0.., k0..).
    std::vector<std::string> queryTokens, keyTokens;

    // layers * heads * queries * keys little-endian values in C order.
    const unsigned char* data = nullptr;
    std::shared_ptr<const void> owner;
    bool mapped = false;  // `data` lies in a file mapping (see releaseSlice)
    // Where `data` starts, for messages: a byte offset in the file, or in
    // the uncompressed entry `offsetIn` when that is not empty.
    std::uint64_t dataOffset = 0;
    std::string offsetIn;

    std::int64_t sliceCount() const { return std::int64_t(layers) * heads; }
    std::int64_t sliceBytes() const { return std::int64_t(queries) * keys * byteSize(dtype); }
    std::string queryLabel(int i) const;
    std::string keyLabel(int j) const;

    // Converts slice (layer, head) into `out` (queries x keys). Fails with
    // one message naming the file, the array, the cell and its byte offset
    // when the slice holds NaN or an infinity (checked here, slice by slice,
    // so that opening a file never reads all of it).
    Status slice(int layer, int head, Matrix& out) const;
    // Rows [row0, row0 + rowCount) of that slice, into `out` (rowCount x
    // keys) or into rowCount * keys floats at `dst`: a slice too big to hold
    // is read a block of rows at a time. The same messages as slice(), and
    // "the file changed while it was read" when a mapped file has been
    // shortened since it was opened.
    Status sliceRows(int layer, int head, int row0, int rowCount, Matrix& out) const;
    Status sliceRows(int layer, int head, int row0, int rowCount, float* dst) const;
    // After a slice has been converted: drops its mapped pages from this
    // process's resident memory (nothing for data held in memory).
    void releaseSlice(int layer, int head) const;
    void releaseRows(int layer, int head, int row0, int rowCount) const;
};

// A reader's tensor, or "FILE: what is wrong (array, offset)".
using ReadResult = Result<std::shared_ptr<const AttentionTensor>>;

// A reader's failure: `message` after the file's name.
ReadResult readFailure(const std::string& fileName, const std::string& message);
// What every reader ends with: the token labels checked against the tensor
// (see assignTokens; a failure names the file), then the tensor named.
ReadResult finishRead(std::shared_ptr<AttentionTensor> t, const std::string& fileName, std::string format,
                      std::string arrayName, std::vector<std::string> tokens, const std::string& tokensName,
                      std::vector<std::string> queryTokens, std::vector<std::string> keyTokens);

// Turns the dimensions of an array into layers x heads x queries x keys:
// [l, h, q, k], [h, q, k] or [q, k], after an optional leading batch of 1
// ([1, l, h, q, k]). Fails with a message ("shape (2, 3, 4, 5, 6): ...").
Status assignShape(const std::vector<std::int64_t>& dims, AttentionTensor& t);
std::string shapeText(const std::vector<std::int64_t>& dims);  // "(12, 12, 1024, 1024)"

// Checks token counts against the tensor's queries and keys. `tokens` is a
// list for both axes; `queryTokens`/`keyTokens` give them apart. Fails with
// a message naming the array.
Status assignTokens(AttentionTensor& t, std::vector<std::string> tokens, const std::string& tokensName,
                    std::vector<std::string> queryTokens, std::vector<std::string> keyTokens);

// IEEE half to float, exactly (subnormals, infinities and NaN included).
float halfToFloat(std::uint16_t h);

// UTF-32 code point to UTF-8; false for surrogates and values past U+10FFFF.
bool appendUtf8(std::uint32_t codePoint, std::string& out);

}  // namespace ap::import
