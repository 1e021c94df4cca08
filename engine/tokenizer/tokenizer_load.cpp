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

// The model with its two big members read straight from the text: a tree of
// 150k vocabulary entries and merges costs several times the file.
struct ModelParts {
    json::Value rest;  // every other member
    Vocabulary vocab;
    std::vector<std::pair<std::string, std::string>> merges;
    bool hasVocab = false, hasMerges = false;
};

Status syntaxError(const json::Reader& reader, std::string_view text, const std::string& name) {
    const json::Location at = json::locate(text, reader.errorOffset());
    return Status::error(name + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " +
                         reader.errorMessage());
}

// {"token": id, ...}, after its ObjectBegin.
Status streamVocab(json::Reader& r, std::string_view text, const std::string& name, Vocabulary& vocab) {
    // A vocabulary entry takes some 30 bytes of the file with its merges:
    // enough buckets from the start, no rehashing on the way.
    vocab.ids.reserve(text.size() / 48);
    for (;;) {
        json::Event e = r.next();
        if (e == json::Event::ObjectEnd) return Status::success();
        if (e != json::Event::Key) return syntaxError(r, text, name);
        std::string token = std::move(r.key());
        e = r.next();
        if (e == json::Event::Error) return syntaxError(r, text, name);
        const json::Value& id = r.scalar();
        if (e != json::Event::Scalar || !id.numberIsInteger || id.number < 0 || id.number > kMaxTokenId)
            return Status::error(
                describe(name + ": model.vocab", json::quote(token, 40) + " must have a whole id from 0 to 16777215"));
        vocab.set(token, static_cast<std::int32_t>(id.number));
    }
}

// ["a b", ...] or [["a", "b"], ...], after its ArrayBegin.
Status streamMerges(json::Reader& r, std::string_view text, const std::string& name,
                    std::vector<std::pair<std::string, std::string>>& merges) {
    for (std::size_t k = 0;; ++k) {
        json::Event e = r.next();
        if (e == json::Event::ArrayEnd) return Status::success();
        if (e == json::Event::Error) return syntaxError(r, text, name);
        bool good = false;
        if (e == json::Event::Scalar && r.scalar().type == json::Type::String) {
            const std::string& m = r.scalar().string;
            const std::size_t space = m.find(' ');
            if (space != std::string::npos && m.find(' ', space + 1) == std::string::npos) {
                merges.emplace_back(m.substr(0, space), m.substr(space + 1));
                good = true;
            }
        } else if (e == json::Event::ArrayBegin || e == json::Event::ObjectBegin) {
            json::Value pair;
            if (!json::readTree(r, e, pair)) return syntaxError(r, text, name);
            if (pair.array.size() == 2 && pair.array[0].type == json::Type::String &&
                pair.array[1].type == json::Type::String) {
                merges.emplace_back(std::move(pair.array[0].string), std::move(pair.array[1].string));
                good = true;
            }
        }
        if (!good)
            return Status::error(
                describe(name + ": model.merges[" + std::to_string(k) + "]", "expected \"a b\" or [\"a\", \"b\"]"));
    }
}

// The model object, after its ObjectBegin.
Status streamModel(json::Reader& r, std::string_view text, const std::string& name, ModelParts& parts) {
    parts.rest.type = json::Type::Object;
    for (;;) {
        json::Event e = r.next();
        if (e == json::Event::ObjectEnd) return Status::success();
        if (e != json::Event::Key) return syntaxError(r, text, name);
        std::string key = std::move(r.key());
        e = r.next();
        if (e == json::Event::Error) return syntaxError(r, text, name);
        Status st;
        if (key == "vocab" && e == json::Event::ObjectBegin) {
            parts.hasVocab = true;
            st = streamVocab(r, text, name, parts.vocab);
        } else if (key == "merges" && e == json::Event::ArrayBegin) {
            parts.hasMerges = true;
            st = streamMerges(r, text, name, parts.merges);
        } else {
            parts.rest.object.push_back({std::move(key), {}});
            if (!json::readTree(r, e, parts.rest.object.back().second)) st = syntaxError(r, text, name);
        }
        if (!st) return st;
    }
}

Status loadModel(ModelParts& parts, const std::string& where, TokenizerData& data) {
    const json::Value& model = parts.rest;
    std::string type = stringMember(model, "type");
    if (type.empty()) type = parts.hasMerges ? "BPE" : model.find("max_input_chars_per_word") ? "WordPiece" : "";
    if ((type == "BPE" || type == "WordPiece" || type == "WordLevel") && !parts.hasVocab)
        return Status::error(describe(where, "\"vocab\" must be an object"));
    if (type == "BPE" && model.find("merges")) return Status::error(describe(where, "\"merges\" must be an array"));
    Vocabulary vocab = std::move(parts.vocab);
    if (type == "BPE") {
        BpeOptions options;
        if (const json::Value* unk = model.find("unk_token"); unk && unk->type == json::Type::String)
            options.unkToken = unk->string;
        options.continuingSubwordPrefix = stringMember(model, "continuing_subword_prefix");
        options.endOfWordSuffix = stringMember(model, "end_of_word_suffix");
        options.fuseUnk = boolMember(model, "fuse_unk", false);
        options.byteFallback = boolMember(model, "byte_fallback", false);
        options.ignoreMerges = boolMember(model, "ignore_merges", false);
        auto bpe = makeBpe(std::move(vocab), parts.merges, std::move(options));
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
        if (!id || !id->numberIsInteger || id->number < 0 || id->number > kMaxTokenId)
            return Status::error(describe(at, "\"id\" must be a whole number from 0 to 16777215"));
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
    json::Reader reader(text);
    json::Event e = reader.next();
    if (e == json::Event::Error) return syntaxError(reader, text, name);
    // A file that does not parse is refused for that, whatever else is wrong
    // with what came before the syntax error.
    auto refuse = [&](Status content) {
        for (;;) {
            const json::Event rest = reader.next();
            if (rest == json::Event::End) return content;
            if (rest == json::Event::Error) return syntaxError(reader, text, name);
        }
    };
    if (e != json::Event::ObjectBegin) {
        json::Value ignored;
        if (!json::readTree(reader, e, ignored)) return syntaxError(reader, text, name);
        return refuse(Status::error(name + ": expected a JSON object"));
    }
    json::Value root;  // every top-level member but the model
    root.type = json::Type::Object;
    ModelParts parts;
    bool hasModel = false;
    for (;;) {
        e = reader.next();
        if (e == json::Event::ObjectEnd) break;
        if (e != json::Event::Key) return syntaxError(reader, text, name);
        std::string key = std::move(reader.key());
        e = reader.next();
        if (e == json::Event::Error) return syntaxError(reader, text, name);
        if (key == "model" && e == json::Event::ObjectBegin) {
            hasModel = true;
            Status st = streamModel(reader, text, name, parts);
            if (!st) return refuse(st);
            continue;
        }
        root.object.push_back({std::move(key), {}});
        if (!json::readTree(reader, e, root.object.back().second)) return syntaxError(reader, text, name);
    }
    if (reader.next() != json::Event::End) return syntaxError(reader, text, name);
    if (!hasModel) return Status::error(name + (root.find("model") ? ": model: expected an object" : ": no \"model\""));
    const json::Value* model = &parts.rest;
    Status st = loadModel(parts, name + ": model", data);
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
    if (!parsed.status.ok)
        return Status::error(name + ":" + std::to_string(parsed.line) + ":" + std::to_string(parsed.column) + ": " +
                             parsed.status.message);
    if (parsed.value.type != json::Type::Object) return Status::error(name + ": expected a JSON object");
    // Hugging Face writes 1e30 for "no limit".
    if (const json::Value* m = parsed.value.find("model_max_length");
        m && m->isNumber() && m->number > 0 && m->number < 1e9)
        data.modelMaxLength = static_cast<std::int64_t>(m->number);
    if (config) *config = std::move(parsed.value);
    return Status::success();
}

}  // namespace ap::tokenizer::detail
