// safetensors files (Hugging Face): an 8-byte little-endian header length N,
// N bytes of JSON naming each tensor's dtype, shape and data_offsets
// (relative to the end of the header), then the tensors' bytes. The weights
// are the tensor `attentions` (or the only tensor); token labels are a JSON
// list held as a string in __metadata__["tokens"] (or "query_tokens" and
// "key_tokens").
#pragma once

#include "import/attention_tensor.h"
#include "import/byte_source.h"

#include <string>

namespace ap::import {

ReadResult readSafetensors(const ByteSource& bytes, const std::string& fileName);

}  // namespace ap::import
