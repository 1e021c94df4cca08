// What a loaded Tokenizer holds; built by tokenizer_load.cpp and
// tokenizer_legacy.cpp, used by tokenizer.cpp.
#pragma once

#include "tokenizer/pipeline.h"
#include "tokenizer/tokenizer.h"

namespace ap::tokenizer {

struct TokenizerData {
    // How the vocabulary's strings spell words, for displayToken and
    // continuesWord.
    enum class Style { Plain, ByteLevel, SentencePiece, WordPiece };

    std::unique_ptr<detail::Normalizer> normalizer;
    std::unique_ptr<detail::PreTokenizer> preTokenizer;
    std::unique_ptr<detail::Model> model;
    detail::Vocabulary addedVocab;  // the added tokens, looked up before the model's vocabulary
    std::unique_ptr<detail::PostProcessor> postProcessor;
    detail::AddedVocabulary added;
    Style style = Style::Plain;
    std::string continuingPrefix;          // WordPiece's "##"
    std::vector<std::int32_t> specialIds;  // sorted
    std::optional<std::int64_t> modelMaxLength;
};

namespace detail {
// tokenizer.json's text into `data`; `name` labels messages.
Status loadTokenizerJson(std::string_view text, const std::string& name, TokenizerData& data);
// tokenizer_config.json (optional: `text` empty when the file is absent).
Status readTokenizerConfig(std::string_view text, const std::string& name, TokenizerData& data, json::Value* config);
// vocab.txt (WordPiece) and vocab.json + merges.txt (byte-level BPE).
Status loadVocabTxt(const std::string& directory, const json::Value& config, TokenizerData& data);
Status loadVocabJsonMerges(const std::string& directory, const json::Value& config, TokenizerData& data);
}  // namespace detail

}  // namespace ap::tokenizer
