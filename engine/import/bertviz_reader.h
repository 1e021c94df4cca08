// BertViz-style JSON: {"attention": [layers][heads][queries][keys],
// "tokens": [...]} as passed to bertviz's model_view and head_view, with
// "left_text"/"right_text" accepted for query and key tokens apart. A
// per-layer batch of 1 ([layers][1][heads][q][k], what bertviz receives
// from a model) is accepted too, and so are bertviz's own head-view
// parameters, {"attention": [{"name", "attn", "left_text", "right_text"},
// ...]} (the first entry, bertviz's "all", is read). The file is read with
// the engine's JSON pull reader (its BOM and UTF-8 rules: invalid UTF-8 in a
// token is refused); numbers go straight into one float32 buffer, so the
// file costs 4 bytes per weight, not a tree.
#pragma once

#include "import/attention_tensor.h"
#include "import/byte_source.h"

#include <string>

namespace ap::import {

ReadResult readBertViz(const ByteSource& bytes, const std::string& fileName);

}  // namespace ap::import
