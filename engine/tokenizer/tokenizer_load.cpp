// tokenizer.json into a TokenizerData: the model (its vocabulary and
// merges), the added tokens, and the normalizer, pre-tokenizer and
// post-processor by their loaders. Unknown top-level keys (truncation,
// padding, decoder) are read only for what they say about the vocabulary's
// spelling; the encoding itself never truncates or pads.
#include "tokenizer/tokenizer_data.h"
#include "tokenizer/unicode.h"

#include <algorithm>

namespace ap::tokenizer::detail {

std::string describe(const std::string& where, std::string_view what) { return where + ": " + std::string(what); }

std::string stringMember(const json::Value& object, std::string_view key, std::string fallback) {
    const json::Value* v = object.find(key);
    return v && v->type == json::Type::String ? v->string : fallback;
}

bool boolMember(const json::Value& object, std::string_view key, bool fallback) {
    const json::Value* v = object.find(key);
    return v && v->type == json::Type::Bool ? v->boolean : fallback;
}

namespace {

// Whether any object below `v` has "type": `type`.
bool hasType(const json::Value& v, std::string_view type) {
    if (v.type == json::Type::Object) {
        if (stringMember(v, "type") == type) return true;
        for (const auto& m : v.object)
            if (hasType(m.second, type)) return true;
    } else if (v.type == json::Type::Array) {
        for (const auto& e : v.array)
            if (hasType(e, type)) return true;
    }
    return false;
}

bool mentions(const json::Value& v, std::string_view text) {
    if (v.type == json::Type::String) return v.string.find(text) != std::string::npos;
    for (const auto& m : v.object)
        if (mentions(m.second, text)) return true;
    for (const auto& e : v.array)
        if (mentions(e, text)) return true;
    return false;
}

Status readVocab(const json::Value& model, const std::string& where, Vocabulary& vocab) {
    const json::Value* v = model.find("vocab");
    if (!v || v->type != json::Type::Object) return Status::error(describe(where, "\"vocab\" must be an object"));
    vocab.ids.reserve(v->object.size());
    std::size_t maxId = 0;
    for (const auto& m : v->object) {
        if (!m.second.numberIsInteger || m.second.number < 0 || m.second.number > 1e9)
            return Status::error(describe(where + ".vocab", json::quote(m.first, 40) + " must have a whole id >= 0"));
        maxId = std::max(maxId, static_cast<std::size_t>(m.second.number));
    }
    vocab.tokens.resize(v->object.empty() ? 0 : maxId + 1);
    for (const auto& m : v->object) vocab.set(m.first, static_cast<std::int32_t>(m.second.number));
    return Status::success();
}

Status readMerges(const json::Value& model, const std::string& where,
                  std::vector<std::pair<std::string, std::string>>& merges) {
    const json::Value* list = model.find("merges");
    if (!list) return Status::success();
    if (list->type != json::Type::Array) return Status::error(describe(where, "\"merges\" must be an array"));
    merges.reserve(list->array.size());
    for (std::size_t k = 0; k < list->array.size(); ++k) {
        const json::Value& m = list->array[k];
        // "a b" (one space between the parts) or ["a", "b"].
        if (m.type == json::Type::String) {
            const std::size_t space = m.string.find(' ');
            if (space != std::string::npos && m.string.find(' ', space + 1) == std::string::npos) {
                merges.emplace_back(m.string.substr(0, space), m.string.substr(space + 1));
                continue;
            }
        } else if (m.type == json::Type::Array && m.array.size() == 2 && m.array[0].type == json::Type::String &&
                   m.array[1].type == json::Type::String) {
            merges.emplace_back(m.array[0].string, m.array[1].string);
            continue;
        }
        return Status::error(
            describe(where + ".merges[" + std::to_string(k) + "]", "expected \"a b\" or [\"a\", \"b\"]"));
    }
    return Status::success();
}

Status loadModel(const json::Value& model, const std::string& where, TokenizerData& data) {
    if (model.type != json::Type::Object) return Status::error(describe(where, "expected an object"));
    std::string type = stringMember(model, "type");
    if (type.empty()) type = model.find("merges") ? "BPE" : model.find("max_input_chars_per_word") ? "WordPiece" : "";
    Vocabulary vocab;
    if (type == "BPE" || type == "WordPiece" || type == "WordLevel") {
        Status st = readVocab(model, where, vocab);
        if (!st) return st;
    }
    if (type == "BPE") {
        std::vector<std::pair<std::string, std::string>> merges;
        Status st = readMerges(model, where, merges);
        if (!st) return st;
        BpeOptions options;
        if (const json::Value* unk = model.find("unk_token"); unk && unk->type == json::Type::String)
            options.unkToken = unk->string;
        options.continuingSubwordPrefix = stringMember(model, "continuing_subword_prefix");
        options.endOfWordSuffix = stringMember(model, "end_of_word_suffix");
        options.fuseUnk = boolMember(model, "fuse_unk", false);
        options.byteFallback = boolMember(model, "byte_fallback", false);
        options.ignoreMerges = boolMember(model, "ignore_merges", false);
        auto bpe = makeBpe(std::move(vocab), merges, std::move(options));
        if (!bpe.ok) return Status::error(describe(where, bpe.error));
        data.model = std::move(bpe.value);
        return Status::success();
    }
    if (type == "WordPiece") {
        WordPieceOptions options;
        options.unkToken = stringMember(model, "unk_token", "[UNK]");
        options.continuingSubwordPrefix = stringMember(model, "continuing_subword_prefix", "##");
        if (const json::Value* m = model.find("max_input_chars_per_word"); m && m->numberIsInteger && m->number >= 0)
            options.maxInputCharsPerWord = static_cast<std::size_t>(m->number);
        data.continuingPrefix = options.continuingSubwordPrefix;
        data.model = makeWordPiece(std::move(vocab), std::move(options));
        return Status::success();
    }
    if (type == "WordLevel") {
        data.model = makeWordLevel(std::move(vocab), stringMember(model, "unk_token", "<unk>"));
        return Status::success();
    }
    if (type.empty()) return Status::error(describe(where, "missing \"type\""));
    return Status::error(
        describe(where, "unsupported model type " + json::quote(type) + " (supported: BPE, WordPiece, WordLevel)"));
}

Status readAddedTokens(const json::Value& list, const std::string& where, std::vector<AddedToken>& out) {
    if (list.type != json::Type::Array) return Status::error(describe(where, "expected an array"));
    for (std::size_t k = 0; k < list.array.size(); ++k) {
        const json::Value& t = list.array[k];
        const std::string at = where + "[" + std::to_string(k) + "]";
        const json::Value* id = t.find("id");
        const json::Value* content = t.find("content");
        if (!id || !id->numberIsInteger || id->number < 0 || id->number > 1e9)
            return Status::error(describe(at, "\"id\" must be a whole number >= 0"));
        if (!content || content->type != json::Type::String)
            return Status::error(describe(at, "\"content\" must be a string"));
        AddedToken token;
        token.id = static_cast<std::int32_t>(id->number);
        token.content = content->string;
        token.special = boolMember(t, "special", false);
        token.singleWord = boolMember(t, "single_word", false);
        token.lstrip = boolMember(t, "lstrip", false);
        token.rstrip = boolMember(t, "rstrip", false);
        token.normalized = boolMember(t, "normalized", !token.special);
        out.push_back(std::move(token));
    }
    return Status::success();
}

}  // namespace

Status loadTokenizerJson(std::string_view text, const std::string& name, TokenizerData& data) {
    const json::ParseResult parsed = json::parse(text);
    if (!parsed.ok)
        return Status::error(name + ":" + std::to_string(parsed.line) + ":" + std::to_string(parsed.column) + ": " +
                             parsed.error);
    const json::Value& root = parsed.value;
    if (root.type != json::Type::Object) return Status::error(name + ": expected a JSON object");
    const json::Value* model = root.find("model");
    if (!model) return Status::error(name + ": no \"model\"");
    Status st = loadModel(*model, name + ": model", data);
    if (!st) return st;
    auto present = [&](const char* key) -> const json::Value* {
        const json::Value* v = root.find(key);
        return v && v->type != json::Type::Null ? v : nullptr;
    };
    if (const json::Value* n = present("normalizer")) {
        auto loaded = loadNormalizer(*n, name + ": normalizer");
        if (!loaded.ok) return Status::error(loaded.error);
        data.normalizer = std::move(loaded.value);
    }
    if (const json::Value* p = present("pre_tokenizer")) {
        auto loaded = loadPreTokenizer(*p, name + ": pre_tokenizer");
        if (!loaded.ok) return Status::error(loaded.error);
        data.preTokenizer = std::move(loaded.value);
    }
    if (const json::Value* p = present("post_processor")) {
        auto loaded = loadPostProcessor(*p, name + ": post_processor");
        if (!loaded.ok) return Status::error(loaded.error);
        data.postProcessor = std::move(loaded.value);
    }
    std::vector<AddedToken> added;
    if (const json::Value* a = present("added_tokens")) {
        st = readAddedTokens(*a, name + ": added_tokens", added);
        if (!st) return st;
    }
    for (const AddedToken& t : added) {
        data.addedVocab.set(t.content, t.id);
        if (t.special) data.specialIds.push_back(t.id);
    }
    std::sort(data.specialIds.begin(), data.specialIds.end());
    data.added.build(std::move(added), data.normalizer.get());

    // How the vocabulary spells words, from the stages that produce it.
    static const json::Value none;
    const json::Value* pre = present("pre_tokenizer");
    const json::Value* dec = present("decoder");
    const json::Value* norm = present("normalizer");
    const std::string modelType = stringMember(*model, "type");
    if (hasType(pre ? *pre : none, "ByteLevel") || hasType(dec ? *dec : none, "ByteLevel"))
        data.style = TokenizerData::Style::ByteLevel;
    else if (hasType(pre ? *pre : none, "Metaspace") || hasType(dec ? *dec : none, "Metaspace") ||
             mentions(norm ? *norm : none, "\xE2\x96\x81"))
        data.style = TokenizerData::Style::SentencePiece;
    else if (modelType == "WordPiece" || !data.continuingPrefix.empty())
        data.style = TokenizerData::Style::WordPiece;
    return Status::success();
}

Status readTokenizerConfig(std::string_view text, const std::string& name, TokenizerData& data, json::Value* config) {
    json::ParseResult parsed = json::parse(text);
    if (!parsed.ok)
        return Status::error(name + ":" + std::to_string(parsed.line) + ":" + std::to_string(parsed.column) + ": " +
                             parsed.error);
    if (parsed.value.type != json::Type::Object) return Status::error(name + ": expected a JSON object");
    // Hugging Face writes 1e30 for "no limit".
    if (const json::Value* m = parsed.value.find("model_max_length");
        m && m->isNumber() && m->number > 0 && m->number < 1e9)
        data.modelMaxLength = static_cast<std::int64_t>(m->number);
    if (config) *config = std::move(parsed.value);
    return Status::success();
}

}  // namespace ap::tokenizer::detail
