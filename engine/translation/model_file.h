// The trained encoder-decoder as a file, so that a model can be kept,
// shared and used to translate later (docs/translation.md, "Model file").
//
//   line 1   "attention-playground-seq2seq 2\n"  (magic word and version)
//   line 2   one JSON object, then "\n":
//              {"options": {"hidden", "embedding", "heads", "bidirectional",
//                           "scoring", "normalization", "temperature"},
//               "lowercase": bool,             (fold the input's case first)
//               "source_vocabulary": [tokens from id 3 on],
//               "target_vocabulary": [tokens from id 3 on],
//               "parameter_count": N,
//               "parameter_blocks": [{"name", "rows", "cols"}, ...]}
//   then     N IEEE-754 doubles, little-endian, in the model's flat order
//            (the blocks one after another, each column-major);
//   last     the CRC-32 (ISO-HDLC, zlib's crc32) of every byte before it,
//            4 bytes little-endian: a flipped bit anywhere is refused.
// Version 1 files (the same without the CRC) are still read.
//
// Reading checks sizes against the file before it allocates: the header is
// read with the pull reader (so a header of millions of numbers costs
// nothing), no vocabulary may have more tokens than the file has
// parameters, and the parameter count the options and vocabularies imply is
// compared with the file's size before the model is built. Then it rebuilds
// the model and checks that every block's name and shape agree with what
// that model has, so a file from another build of the model is refused with
// a message naming the first difference, never loaded wrongly.
//
// readModelFile() touches no shared state: a window calls it on a worker
// thread (the model it returns is then moved to the GUI thread).
#pragma once

#include "core/status.h"
#include "translation/seq2seq_model.h"

#include <string>

namespace ap {

struct ModelFile {
    Seq2SeqModel model;
    bool lowercase = false;  // the training pairs were lower-cased
};

// The file's bytes.
std::string modelToBytes(const Seq2SeqModel& model, bool lowercase);
// Writes atomically (a temporary file renamed over the target); a failure
// names the file.
Status writeModelFile(const std::string& path, const Seq2SeqModel& model, bool lowercase);

// The model, or one line naming the file: "m.apmodel: parameter block 3 is
// encoder.U 12 x 4, the file has encoder.U 12 x 5".
using ModelReadResult = Result<ModelFile>;
ModelReadResult parseModel(std::string_view bytes, const std::string& fileName);

// A sentence's words as the model knows them: lower-cased when it was
// trained on lower-cased pairs; otherwise a word missing from the source
// vocabulary becomes the vocabulary's word that differs from it only in
// case (the lowest id when several do), so that "je suis étudiant" reaches a
// model trained on "Je suis étudiant". Words still unknown stay as they are.
std::vector<std::string> matchSourceWords(const Seq2SeqModel& model, bool lowercase, std::vector<std::string> words);
ModelReadResult readModelFile(const std::string& path);

}  // namespace ap
