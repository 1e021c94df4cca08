// The header line of a model file (translation/model_file.h): one JSON
// object with the options, the vocabularies and the parameter blocks' names
// and shapes.
#pragma once

#include "core/status.h"
#include "translation/seq2seq_model.h"
#include "translation/vocabulary.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ap {

// What the header line says, read with the pull reader: only the tokens and
// the small fields are kept, so a header full of numbers costs nothing.
struct ModelHeader {
    struct Block {
        std::string name;
        std::int64_t rows = -1, cols = -1;
    };

    Seq2SeqOptions options;
    bool lowercase = false;
    Vocabulary vocabularies[2];  // source, target
    std::int64_t parameterCount = 0;
    std::vector<Block> blocks;
};

// Reads the header line `text`; no vocabulary may have more than
// `maxTokens` tokens (the file's parameter count: every token has an
// embedding). Fails with the message, without the file name, when the
// header is not JSON, has an unknown key or lacks one, or its options are
// out of range.
Status parseModelHeader(std::string_view text, std::int64_t maxTokens, ModelHeader& out);

}  // namespace ap
