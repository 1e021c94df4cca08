// The trained encoder-decoder as a file, so that a model can be kept,
// shared and used to translate later (docs/translation.md, "Model file").
//
//   line 1   "attention-playground-seq2seq 1\n"  (magic word and version)
//   line 2   one JSON object, then "\n":
//              {"options": {"hidden", "embedding", "heads", "bidirectional",
//                           "scoring", "normalization", "temperature"},
//               "lowercase": bool,             (fold the input's case first)
//               "source_vocabulary": [tokens from id 3 on],
//               "target_vocabulary": [tokens from id 3 on],
//               "parameter_count": N,
//               "parameter_blocks": [{"name", "rows", "cols"}, ...]}
//   then     N IEEE-754 doubles, little-endian, in the model's flat order
//            (the blocks one after another, each column-major); nothing after.
//
// Reading rebuilds the model from the options and vocabularies and checks
// that the count and every block's name and shape agree with what that
// model has, so a file from another build of the model is refused with a
// message naming the first difference, never loaded wrongly.
#pragma once

#include "translation/seq2seq_model.h"

#include <string>

namespace ap {

struct ModelFile {
    Seq2SeqModel model;
    bool lowercase = false;  // the training pairs were lower-cased
};

// The file's bytes.
std::string modelToBytes(const Seq2SeqModel& model, bool lowercase);
// Writes atomically (a temporary file renamed over the target): "" or a
// message naming the file.
std::string writeModelFile(const std::string& path, const Seq2SeqModel& model, bool lowercase);

struct ModelReadResult {
    bool ok = false;
    ModelFile file;
    // One line naming the file: "m.apmodel: parameter block 3 is encoder.U 12 x 4, the file
    // has encoder.U 12 x 5".
    std::string error;
};
ModelReadResult parseModel(std::string_view bytes, const std::string& fileName);
ModelReadResult readModelFile(const std::string& path);

}  // namespace ap
