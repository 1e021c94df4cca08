// The Tokenizer's interface: finding the files of a checkpoint, running the
// stages of pipeline.h in the library's order, and showing tokens.
#include "tokenizer/tokenizer.h"

#include "core/utf8.h"
#include "io/text_file.h"
#include "tokenizer/tokenizer_data.h"
#include "tokenizer/unicode.h"

#include <algorithm>
#include <filesystem>

namespace ap::tokenizer {

namespace {

// tokenizer.json files of the largest vocabularies are tens of megabytes.
constexpr std::int64_t kMaxTokenizerBytes = std::int64_t(1) << 30;

const std::string kSpace = "\xE2\x96\x81";       // ▁, SentencePiece's word mark
const std::string kByteLevelSpace = "\xC4\xA0";  // Ġ, GPT-2's byte-level space

bool isFile(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec);
}

// "<0xE4>" -> 0xE4, or -1.
int bytePiece(std::string_view s) {
    if (s.size() != 6 || !s.starts_with("<0x") || s[5] != '>') return -1;
    int v = 0;
    for (std::size_t k = 3; k < 5; ++k) {
        const char c = s[k];
        const int d = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                             : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

// Bytes as UTF-8 where they are; other bytes as <0xNN>.
std::string readableBytes(std::string_view bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = utf8::sequenceLength(bytes, i);
        if (n > 0) {
            out.append(bytes.substr(i, n));
            i += n;
            continue;
        }
        static const char hex[] = "0123456789ABCDEF";
        const auto b = static_cast<unsigned char>(bytes[i++]);
        out += "<0x";
        out += hex[b >> 4];
        out += hex[b & 15];
        out += '>';
    }
    return out;
}

}  // namespace

Result<Tokenizer> Tokenizer::fromJson(std::string_view text, const std::string& name) {
    auto data = std::make_shared<TokenizerData>();
    Status st = detail::loadTokenizerJson(text, name, *data);
    if (!st) return Result<Tokenizer>::failure(st.message);
    Tokenizer t;
    t.data_ = std::move(data);
    return Result<Tokenizer>::success(std::move(t));
}

Result<Tokenizer> Tokenizer::load(const std::string& directory) {
    namespace fs = std::filesystem;
    const fs::path dir(directory);
    auto data = std::make_shared<TokenizerData>();
    auto read = [&](const fs::path& p, std::string& out) -> Status {
        auto bytes = readTextFile(p.string(), kMaxTokenizerBytes);
        if (!bytes.ok) return Status::error(p.string() + ": " + bytes.error);
        out = std::move(bytes.value);
        return Status::success();
    };
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        if (isFile(dir)) {  // a tokenizer.json given by its own path
            std::string text;
            Status st = read(dir, text);
            if (st) st = detail::loadTokenizerJson(text, dir.string(), *data);
            if (!st) return Result<Tokenizer>::failure(st.message);
            Tokenizer t;
            t.data_ = std::move(data);
            return Result<Tokenizer>::success(std::move(t));
        }
        return Result<Tokenizer>::failure(directory + ": no such folder");
    }
    json::Value config;
    const fs::path configPath = dir / "tokenizer_config.json";
    Status st;
    if (isFile(configPath)) {
        std::string text;
        st = read(configPath, text);
        if (st) st = detail::readTokenizerConfig(text, configPath.string(), *data, &config);
        if (!st) return Result<Tokenizer>::failure(st.message);
    }
    if (isFile(dir / "tokenizer.json")) {
        std::string text;
        st = read(dir / "tokenizer.json", text);
        if (st) st = detail::loadTokenizerJson(text, (dir / "tokenizer.json").string(), *data);
    } else if (isFile(dir / "vocab.json") && isFile(dir / "merges.txt")) {
        st = detail::loadVocabJsonMerges(directory, config, *data);
    } else if (isFile(dir / "vocab.txt")) {
        st = detail::loadVocabTxt(directory, config, *data);
    } else {
        st = Status::error(directory +
                           ": no tokenizer: expected tokenizer.json, vocab.txt, or vocab.json with merges.txt");
    }
    if (!st) return Result<Tokenizer>::failure(st.message);
    Tokenizer t;
    t.data_ = std::move(data);
    return Result<Tokenizer>::success(std::move(t));
}

Result<Encoding> Tokenizer::encode(std::string_view utf8, bool addSpecialTokens) const {
    Encoding enc;
    if (!data_) return Result<Encoding>::failure("no tokenizer loaded");
    std::u32string text;
    std::size_t bad = 0;
    if (!unicode::decodeUtf8(utf8, text, bad))
        return Result<Encoding>::failure("the text is not valid UTF-8 (byte " + std::to_string(bad) + ")");
    std::vector<detail::Piece> pieces = data_->added.extractAndNormalize(text, data_->normalizer.get());
    if (data_->preTokenizer) data_->preTokenizer->split(pieces);
    std::string word;
    for (const detail::Piece& piece : pieces) {
        if (piece.id >= 0) {
            enc.ids.push_back(piece.id);
            continue;
        }
        word.clear();
        unicode::appendUtf8(word, piece.text);
        Status st = data_->model->tokenize(word, enc.ids);
        if (!st) return Result<Encoding>::failure(st.message);
    }
    if (addSpecialTokens && data_->postProcessor) data_->postProcessor->process(enc.ids);
    enc.tokens.reserve(enc.ids.size());
    for (std::int32_t id : enc.ids) enc.tokens.push_back(token(id));
    return Result<Encoding>::success(std::move(enc));
}

std::string Tokenizer::token(std::int32_t id) const {
    if (!data_ || id < 0) return {};
    const auto k = static_cast<std::size_t>(id);
    const auto& added = data_->addedVocab.tokens;
    if (k < added.size() && !added[k].empty()) return added[k];
    const auto& model = data_->model->vocabulary().tokens;
    return k < model.size() ? model[k] : std::string();
}

std::optional<std::int32_t> Tokenizer::tokenId(std::string_view token) const {
    if (!data_) return std::nullopt;
    if (auto id = data_->addedVocab.find(token)) return id;
    return data_->model->vocabulary().find(token);
}

std::int32_t Tokenizer::vocabSize() const {
    if (!data_) return 0;
    return static_cast<std::int32_t>(
        std::max(data_->addedVocab.tokens.size(), data_->model->vocabulary().tokens.size()));
}

bool Tokenizer::isSpecial(std::int32_t id) const {
    return data_ && std::binary_search(data_->specialIds.begin(), data_->specialIds.end(), id);
}

std::optional<std::int64_t> Tokenizer::modelMaxLength() const { return data_ ? data_->modelMaxLength : std::nullopt; }

bool Tokenizer::continuesWord(std::int32_t id) const {
    if (!data_ || data_->added.isAdded(id)) return false;
    const std::string t = token(id);
    if (t.empty()) return false;
    switch (data_->style) {
    case TokenizerData::Style::WordPiece:
        return !data_->continuingPrefix.empty() && t.starts_with(data_->continuingPrefix);
    case TokenizerData::Style::ByteLevel: return !t.starts_with(kByteLevelSpace);
    case TokenizerData::Style::SentencePiece: return !t.starts_with(kSpace);
    case TokenizerData::Style::Plain: return false;
    }
    return false;
}

std::string Tokenizer::displayToken(std::int32_t id) const {
    const std::string t = token(id);
    if (!data_ || t.empty() || data_->added.isAdded(id)) return t;
    switch (data_->style) {
    case TokenizerData::Style::ByteLevel: {
        std::string bytes;
        for (char32_t c : unicode::toUtf32(t)) {
            const int b = detail::charToByte(c);
            if (b < 0) return t;  // not a byte-level string after all
            bytes += static_cast<char>(b);
        }
        return readableBytes(bytes);
    }
    case TokenizerData::Style::SentencePiece: {
        const int b = bytePiece(t);
        if (b >= 0) return b < 0x80 ? std::string(1, static_cast<char>(b)) : t;
        std::string out;
        for (std::size_t i = 0; i < t.size();) {
            if (t.compare(i, kSpace.size(), kSpace) == 0) {
                out += ' ';
                i += kSpace.size();
            } else {
                out += t[i++];
            }
        }
        return out;
    }
    default: return t;
    }
}

}  // namespace ap::tokenizer
