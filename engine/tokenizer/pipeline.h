// The stages of a tokenizer, as the Hugging Face library runs them: added
// tokens are split out, each remaining piece is normalized, pre-tokenized
// into words, and each word is cut by the model; a post-processor adds the
// special tokens. Internal to engine/tokenizer (tokenizer.h is the interface).
//
// Text flows as code points (std::u32string); the models see UTF-8 words, as
// their vocabularies are stored.
#pragma once

#include "core/status.h"
#include "io/json.h"
#include "tokenizer/regex.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ap::tokenizer::detail {

// A stretch of the input: text still to tokenize, or an added token already
// recognized (id >= 0).
struct Piece {
    std::u32string text;
    std::int32_t id = -1;
    bool atStart = false;  // begins at the input's first character
};

// Where a JSON value sits in the file, for messages: "tokenizer.json: normalizer.normalizers[1]".
std::string describe(const std::string& where, std::string_view what);
// The string member `key` of `object`, or `fallback` when absent or null.
std::string stringMember(const json::Value& object, std::string_view key, std::string fallback = {});
bool boolMember(const json::Value& object, std::string_view key, bool fallback);

// ---- normalizers -------------------------------------------------------------

class Normalizer {
public:
    virtual ~Normalizer() = default;
    virtual void normalize(std::u32string& text) const = 0;
};
// `where` names the value in messages ("tokenizer.json: normalizer").
Result<std::unique_ptr<Normalizer>> loadNormalizer(const json::Value& value, const std::string& where);
// BERT's normalizer with the given options (vocab.txt checkpoints).
std::unique_ptr<Normalizer> bertNormalizer(bool lowercase, bool stripAccents, bool handleChineseChars);

// ---- pre-tokenizers ----------------------------------------------------------

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

class PreTokenizer {
public:
    virtual ~PreTokenizer() = default;
    // Splits every piece that is not an added token; empty pieces are dropped.
    virtual void split(std::vector<Piece>& pieces) const = 0;
};
Result<std::unique_ptr<PreTokenizer>> loadPreTokenizer(const json::Value& value, const std::string& where);
std::unique_ptr<PreTokenizer> bertPreTokenizer();
std::unique_ptr<PreTokenizer> byteLevelPreTokenizer(bool addPrefixSpace);

// The GPT-2 byte-to-character table and its inverse (-1: not a byte character).
char32_t byteToChar(unsigned char b);
int charToByte(char32_t c);

// Splits `text` at the spans where `isMatch` holds, with the library's
// delimiter behaviours (its NormalizedString::split).
struct MatchSpan {
    std::size_t start, end;
    bool isMatch;
};
struct Range {
    std::size_t start, end;
};
std::vector<Range> splitRanges(const std::vector<MatchSpan>& spans, SplitBehavior behavior);
// Every span of `text`, with the regex matches flagged.
std::vector<MatchSpan> regexSpans(const Regex& regex, std::u32string_view text);

// ---- models ------------------------------------------------------------------

// Lets the vocabulary be searched with a string_view, without a copy.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The largest token id accepted from a file: real vocabularies stay far
// below it, and a bad id must not make the id table take gigabytes.
inline constexpr double kMaxTokenId = 16777215;

struct Vocabulary {
    std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>> ids;
    std::vector<std::string> tokens;  // by id; "" where the vocabulary has a gap

    std::optional<std::int32_t> find(std::string_view token) const;
    // Adds (or re-labels) `token` at `id`, growing `tokens` as needed.
    void set(const std::string& token, std::int32_t id);
};

class Model {
public:
    virtual ~Model() = default;
    // Appends the ids of one word (a pre-token, UTF-8); an error only for a
    // vocabulary without the unknown token it needs.
    virtual Status tokenize(std::string_view word, std::vector<std::int32_t>& ids) const = 0;
    virtual const Vocabulary& vocabulary() const = 0;
    virtual Vocabulary& vocabulary() = 0;
};

struct BpeOptions {
    std::optional<std::string> unkToken;
    std::string continuingSubwordPrefix;
    std::string endOfWordSuffix;
    bool fuseUnk = false;
    bool byteFallback = false;
    bool ignoreMerges = false;
};
// `merges` as pairs of vocabulary strings, in rank order. The error names
// the first merge whose parts or result are not in the vocabulary.
Result<std::unique_ptr<Model>> makeBpe(Vocabulary vocab, const std::vector<std::pair<std::string, std::string>>& merges,
                                       BpeOptions options);

struct WordPieceOptions {
    std::string unkToken = "[UNK]";
    std::string continuingSubwordPrefix = "##";
    std::size_t maxInputCharsPerWord = 100;
};
std::unique_ptr<Model> makeWordPiece(Vocabulary vocab, WordPieceOptions options);
std::unique_ptr<Model> makeWordLevel(Vocabulary vocab, std::string unkToken);

// ---- post-processors ---------------------------------------------------------

class PostProcessor {
public:
    virtual ~PostProcessor() = default;
    // Adds the special tokens around one sequence.
    virtual void process(std::vector<std::int32_t>& ids) const = 0;
};
Result<std::unique_ptr<PostProcessor>> loadPostProcessor(const json::Value& value, const std::string& where);
// [CLS] ... [SEP]: `before` and `after` are the ids around the sequence.
std::unique_ptr<PostProcessor> wrapProcessor(std::vector<std::int32_t> before, std::vector<std::int32_t> after);

// ---- added tokens ------------------------------------------------------------

struct AddedToken {
    std::string content;
    std::int32_t id = 0;
    bool special = false;
    bool singleWord = false;
    bool lstrip = false;
    bool rstrip = false;
    bool normalized = true;
};

class AddedVocabulary {
public:
    // `normalizer` (may be null) gives the form that normalized tokens are
    // matched in.
    void build(std::vector<AddedToken> tokens, const Normalizer* normalizer);
    // The library's extract_and_normalize: raw tokens split out of the raw
    // text, then each other piece normalized and the normalized tokens split
    // out of it.
    std::vector<Piece> extractAndNormalize(std::u32string_view text, const Normalizer* normalizer) const;
    const std::vector<AddedToken>& tokens() const { return tokens_; }
    bool isAdded(std::int32_t id) const;

private:
    struct Pattern {
        std::u32string text;
        std::size_t token;  // index into tokens_
    };
    void splitOut(std::vector<Piece>& pieces, const std::vector<Pattern>& patterns, std::vector<Piece>& out) const;

    std::vector<AddedToken> tokens_;
    std::vector<Pattern> raw_, normalized_;  // each sorted longest first
    std::vector<std::int32_t> ids_;          // sorted
};

}  // namespace ap::tokenizer::detail
