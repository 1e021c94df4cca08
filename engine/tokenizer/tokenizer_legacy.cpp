// The files checkpoints carried before tokenizer.json, assembled into the
// pipeline that the transformers library's converters build from them:
//  - vocab.txt: BERT's WordPiece (BertNormalizer with tokenizer_config.json's
//    do_lower_case, tokenize_chinese_chars and strip_accents; BERT's
//    pre-tokenizer; [CLS] ... [SEP]);
//  - vocab.json + merges.txt: GPT-2's byte-level BPE (add_prefix_space from
//    the config; <s> ... </s> for a RoBERTa tokenizer).
// Special tokens come from the config's added_tokens_decoder, or its
// *_token entries, where the vocabulary has them.
#include "io/text_file.h"
#include "tokenizer/tokenizer_data.h"

#include <algorithm>
#include <filesystem>

namespace ap::tokenizer::detail {

namespace {

constexpr std::int64_t kMaxVocabBytes = std::int64_t(1) << 30;

Result<std::string> readFile(const std::string& path) {
    auto bytes = readTextFile(path, kMaxVocabBytes);
    if (!bytes.ok) return Result<std::string>::failure(path + ": " + bytes.error);
    return bytes;
}

std::vector<std::string_view> lines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (line.ends_with('\r')) line.remove_suffix(1);
        out.push_back(line);
        pos = end + 1;
    }
    return out;
}

// The special tokens the config names, as added tokens of `vocab`.
std::vector<AddedToken> configSpecialTokens(const json::Value& config, const Vocabulary& vocab,
                                            std::vector<std::string> defaults) {
    std::vector<AddedToken> out;
    auto add = [&](const std::string& content, const json::Value* options) {
        const auto id = vocab.find(content);
        if (!id || content.empty()) return;
        for (const auto& t : out)
            if (t.content == content) return;
        AddedToken t;
        t.content = content;
        t.id = *id;
        t.special = true;
        t.normalized = false;
        if (options) {
            t.lstrip = boolMember(*options, "lstrip", false);
            t.rstrip = boolMember(*options, "rstrip", false);
            t.singleWord = boolMember(*options, "single_word", false);
            t.normalized = boolMember(*options, "normalized", false);
            t.special = boolMember(*options, "special", true);
        }
        out.push_back(std::move(t));
    };
    if (const json::Value* decoder = config.find("added_tokens_decoder");
        decoder && decoder->type == json::Type::Object)
        for (const auto& m : decoder->object) add(stringMember(m.second, "content"), &m.second);
    for (const char* key :
         {"bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"}) {
        const json::Value* v = config.find(key);
        if (!v) continue;
        if (v->type == json::Type::String) add(v->string, nullptr);
        if (v->type == json::Type::Object) add(stringMember(*v, "content"), v);
    }
    for (const auto& d : defaults) add(d, nullptr);
    return out;
}

void finish(TokenizerData& data, std::vector<AddedToken> added) {
    for (const AddedToken& t : added) {
        data.addedVocab.set(t.content, t.id);
        if (t.special) data.specialIds.push_back(t.id);
    }
    std::sort(data.specialIds.begin(), data.specialIds.end());
    data.added.build(std::move(added), data.normalizer.get());
}

}  // namespace

Status loadVocabTxt(const std::string& directory, const json::Value& config, TokenizerData& data) {
    const std::string path = (std::filesystem::path(directory) / "vocab.txt").string();
    auto text = readFile(path);
    if (!text.ok) return text.status();
    Vocabulary vocab;
    std::int32_t index = 0;
    for (std::string_view line : lines(text.value)) {
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        vocab.set(std::string(line), index++);
    }
    if (vocab.ids.empty()) return Status::error(path + ": the vocabulary is empty");
    const std::string unk = stringMember(config, "unk_token", "[UNK]");
    if (!vocab.find(unk))
        return Status::error(path + ": the unknown token " + json::quote(unk) + " is not in the vocabulary");
    const bool lower = boolMember(config, "do_lower_case", true);
    const bool strip = boolMember(config, "strip_accents", lower);
    data.normalizer = bertNormalizer(lower, strip, boolMember(config, "tokenize_chinese_chars", true));
    data.preTokenizer = bertPreTokenizer();
    const std::string cls = stringMember(config, "cls_token", "[CLS]"),
                      sep = stringMember(config, "sep_token", "[SEP]");
    if (auto c = vocab.find(cls), s = vocab.find(sep); c && s) data.postProcessor = wrapProcessor({*c}, {*s});
    auto added = configSpecialTokens(config, vocab, {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"});
    WordPieceOptions options;
    options.unkToken = unk;
    data.continuingPrefix = options.continuingSubwordPrefix;
    data.model = makeWordPiece(std::move(vocab), std::move(options));
    data.style = TokenizerData::Style::WordPiece;
    finish(data, std::move(added));
    return Status::success();
}

Status loadVocabJsonMerges(const std::string& directory, const json::Value& config, TokenizerData& data) {
    const std::string vocabPath = (std::filesystem::path(directory) / "vocab.json").string();
    const std::string mergesPath = (std::filesystem::path(directory) / "merges.txt").string();
    auto vocabText = readFile(vocabPath);
    if (!vocabText.ok) return vocabText.status();
    const json::ParseResult parsed = json::parse(vocabText.value);
    if (!parsed.status.ok)
        return Status::error(vocabPath + ":" + std::to_string(parsed.line) + ":" + std::to_string(parsed.column) +
                             ": " + parsed.status.message);
    if (parsed.value.type != json::Type::Object) return Status::error(vocabPath + ": expected an object {token: id}");
    Vocabulary vocab;
    for (const auto& m : parsed.value.object) {
        if (!m.second.numberIsInteger || m.second.number < 0 || m.second.number > kMaxTokenId)
            return Status::error(vocabPath + ": " + json::quote(m.first, 40) +
                                 " must have a whole id from 0 to 16777215");
        vocab.set(m.first, static_cast<std::int32_t>(m.second.number));
    }
    auto mergesText = readFile(mergesPath);
    if (!mergesText.ok) return mergesText.status();
    std::vector<std::pair<std::string, std::string>> merges;
    std::size_t lineNumber = 0;
    for (std::string_view line : lines(mergesText.value)) {
        ++lineNumber;
        if (line.starts_with("#version") || line.empty()) continue;
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos || line.find(' ', space + 1) != std::string_view::npos)
            return Status::error(mergesPath + ": line " + std::to_string(lineNumber) +
                                 ": expected two tokens separated by one space");
        merges.emplace_back(std::string(line.substr(0, space)), std::string(line.substr(space + 1)));
    }
    data.preTokenizer = byteLevelPreTokenizer(boolMember(config, "add_prefix_space", false));
    const bool roberta = stringMember(config, "tokenizer_class").find("Roberta") != std::string::npos;
    auto added = configSpecialTokens(config, vocab, {"<|endoftext|>"});
    if (roberta) {
        const auto bos = vocab.find(stringMember(config, "cls_token", "<s>"));
        const auto eos = vocab.find(stringMember(config, "sep_token", "</s>"));
        if (bos && eos) data.postProcessor = wrapProcessor({*bos}, {*eos});
    }
    auto bpe = makeBpe(std::move(vocab), merges, {});
    if (!bpe.ok) return Status::error(mergesPath + ": " + bpe.error);
    data.model = std::move(bpe.value);
    data.style = TokenizerData::Style::ByteLevel;
    finish(data, std::move(added));
    return Status::success();
}

}  // namespace ap::tokenizer::detail
