// Tokenizers of Hugging Face checkpoints, giving the ids the Hugging Face
// `tokenizers` library gives: tokenizer.json (BPE, byte-level or
// SentencePiece-style; WordPiece; WordLevel) with its normalizers,
// pre-tokenizers, added tokens and post-processor, or the older vocab.txt
// (BERT's WordPiece) and vocab.json + merges.txt (GPT-2's byte-level BPE).
// docs/tokenizers.md lists what is supported and how it is checked.
//
// A Tokenizer is immutable once loaded and may be used from several threads.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ap::tokenizer {

struct Encoding {
    std::vector<std::int32_t> ids;
    std::vector<std::string> tokens;  // vocabulary strings, as the tokenizer.json stores them
};

struct TokenizerData;

class Tokenizer {
public:
    // Reads a checkpoint folder: tokenizer.json (+ tokenizer_config.json), or
    // the older vocab.txt (WordPiece) / vocab.json + merges.txt (GPT-2
    // byte-level BPE). Errors name the file and what is wrong.
    static Result<Tokenizer> load(const std::string& directory);
    // tokenizer.json's text itself; `name` is what messages call it.
    static Result<Tokenizer> fromJson(std::string_view text, const std::string& name = "tokenizer.json");

    // Normalizer, pre-tokenizer, model, and (when addSpecialTokens) the
    // post-processor's special tokens such as BERT's [CLS] ... [SEP] or a BOS.
    // Fails only on text that is not UTF-8 (the message gives the byte).
    Result<Encoding> encode(std::string_view utf8, bool addSpecialTokens = true) const;

    std::string token(std::int32_t id) const;  // vocabulary string ("" if out of range)
    // Readable: byte-level characters (Ġ, Ċ...) mapped back to their bytes,
    // ▁ as a space, <0x0A>-style byte pieces decoded where they form UTF-8
    // (a lone byte of a longer character stays as written), "##" kept.
    std::string displayToken(std::int32_t id) const;
    std::optional<std::int32_t> tokenId(std::string_view token) const;  // e.g. "[MASK]"
    std::int32_t vocabSize() const;  // one past the highest id, added tokens included
    // Whether the token continues the word before it: "##x" pieces,
    // byte-level tokens not starting with Ġ, SentencePiece pieces not
    // starting with ▁. Added and special tokens never do.
    bool continuesWord(std::int32_t id) const;
    bool isSpecial(std::int32_t id) const;  // an added token marked special
    // tokenizer_config.json's model_max_length, when it gives a sensible one.
    std::optional<std::int64_t> modelMaxLength() const;

private:
    std::shared_ptr<const TokenizerData> data_;
};

}  // namespace ap::tokenizer
