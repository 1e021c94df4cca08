// NumPy .npz files: a zip archive of .npy entries (numpy.savez writes them
// stored, numpy.savez_compressed deflated). Stored entries are read in
// place from the mapped archive; deflated ones are inflated with zlib into
// memory, the whole entry at once (deflate has no random access), straight
// into one buffer of the size the entry's header declares.
//
// An archive with two members of one name is read as numpy reads it: the
// last one counts.
//
// Arrays: `attentions` (the weights), and optionally `tokens` (both axes)
// or `query_tokens` and `key_tokens`, as numpy unicode arrays.
#pragma once

#include "import/attention_tensor.h"
#include "import/byte_source.h"

#include <cstdint>
#include <string>

namespace ap::import {

struct NpzOptions {
    // An entry that inflates to more than this is refused before it can
    // exhaust memory; stored entries are mapped and need no such limit.
    std::uint64_t maxInflatedBytes = 8ull << 30;
    // Read only the header of `attentions` (shape and dtype) and the token
    // arrays: what `inspect` needs. A deflated entry is then inflated only
    // as far as its .npy header, and the tensor has no values (slice()
    // refuses).
    bool headerOnly = false;
};

ReadResult readNpz(const ByteSource& bytes, const std::string& fileName, const NpzOptions& options = {});

}  // namespace ap::import
