// The normalizers of tokenizer.json, each as the Hugging Face library
// defines it (its normalizers/ folder): the predicates come from
// tokenizer/unicode.h, where their definitions are spelled out.
#include "tokenizer/pipeline.h"
#include "tokenizer/unicode.h"

#include <algorithm>

namespace ap::tokenizer::detail {

namespace {

using unicode::Category;

class SequenceNormalizer final : public Normalizer {
public:
    std::vector<std::unique_ptr<Normalizer>> steps;
    void normalize(std::u32string& text) const override {
        for (const auto& s : steps) s->normalize(text);
    }
};

class FormNormalizer final : public Normalizer {
public:
    explicit FormNormalizer(unicode::Form f) : form_(f) {}
    void normalize(std::u32string& text) const override { text = unicode::normalize(text, form_); }

private:
    unicode::Form form_;
};

void lowercase(std::u32string& text) {
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) unicode::appendLowercase(c, out);
    text = std::move(out);
}

class LowercaseNormalizer final : public Normalizer {
public:
    void normalize(std::u32string& text) const override { lowercase(text); }
};

class StripNormalizer final : public Normalizer {
public:
    StripNormalizer(bool left, bool right) : left_(left), right_(right) {}
    void normalize(std::u32string& text) const override {
        std::size_t begin = 0, end = text.size();
        if (left_)
            while (begin < end && unicode::isWhitespace(text[begin])) ++begin;
        if (right_)
            while (end > begin && unicode::isWhitespace(text[end - 1])) --end;
        text = text.substr(begin, end - begin);
    }

private:
    bool left_, right_;
};

// Removes every mark (general category M), as the library's StripAccents.
class StripAccentsNormalizer final : public Normalizer {
public:
    void normalize(std::u32string& text) const override {
        std::erase_if(text, [](char32_t c) { return unicode::isMark(unicode::category(c)); });
    }
};

class PrependNormalizer final : public Normalizer {
public:
    explicit PrependNormalizer(std::u32string p) : prefix_(std::move(p)) {}
    void normalize(std::u32string& text) const override {
        if (!text.empty()) text.insert(0, prefix_);
    }

private:
    std::u32string prefix_;
};

class ReplaceNormalizer final : public Normalizer {
public:
    ReplaceNormalizer(Regex pattern, std::u32string content)
        : pattern_(std::move(pattern)), content_(std::move(content)) {}
    void normalize(std::u32string& text) const override {
        const auto matches = pattern_.findAll(text);
        if (matches.empty()) return;
        std::u32string out;
        out.reserve(text.size());
        std::size_t last = 0;
        for (const auto& m : matches) {
            out.append(text, last, m.start - last);
            out += content_;
            last = m.end;
        }
        out.append(text, last, std::u32string::npos);
        text = std::move(out);
    }

private:
    Regex pattern_;
    std::u32string content_;
};

// Each UTF-8 byte as its GPT-2 character.
class ByteLevelNormalizer final : public Normalizer {
public:
    void normalize(std::u32string& text) const override {
        const std::string bytes = unicode::toUtf8(text);
        text.clear();
        for (unsigned char b : bytes) text += byteToChar(b);
    }
};

class BertNormalizer final : public Normalizer {
public:
    bool cleanText = true, handleChineseChars = true, stripAccents = true, lowercase = true;

    void normalize(std::u32string& text) const override {
        if (cleanText) {
            std::u32string out;
            out.reserve(text.size());
            for (char32_t c : text) {
                const bool control = c != '\t' && c != '\n' && c != '\r' && unicode::isOther(unicode::category(c));
                if (c == 0 || c == 0xFFFD || control) continue;
                out += (c == '\t' || c == '\n' || c == '\r' || unicode::isWhitespace(c)) ? U' ' : c;
            }
            text = std::move(out);
        }
        if (handleChineseChars) {
            std::u32string out;
            out.reserve(text.size());
            for (char32_t c : text) {
                if (unicode::isChineseCharacter(c)) {
                    out += U' ';
                    out += c;
                    out += U' ';
                } else {
                    out += c;
                }
            }
            text = std::move(out);
        }
        if (stripAccents) {
            text = unicode::normalize(text, unicode::Form::NFD);
            std::erase_if(text, [](char32_t c) { return unicode::category(c) == Category::Mn; });
        }
        if (lowercase) detail::lowercase(text);
    }
};

Result<std::unique_ptr<Normalizer>> normalizerFailure(const std::string& where, std::string_view what) {
    return Result<std::unique_ptr<Normalizer>>::failure(describe(where, what));
}

Result<std::unique_ptr<Normalizer>> normalizerDone(std::unique_ptr<Normalizer> n) {
    return Result<std::unique_ptr<Normalizer>>::success(std::move(n));
}

}  // namespace

std::unique_ptr<Normalizer> bertNormalizer(bool lowercase, bool stripAccents, bool handleChineseChars) {
    auto n = std::make_unique<BertNormalizer>();
    n->handleChineseChars = handleChineseChars;
    n->lowercase = lowercase;
    n->stripAccents = stripAccents;
    return n;
}

Result<std::unique_ptr<Normalizer>> loadNormalizer(const json::Value& value, const std::string& where) {
    if (value.type != json::Type::Object) return normalizerFailure(where, "expected an object");
    const std::string type = stringMember(value, "type");
    if (type == "Sequence") {
        const json::Value* list = value.find("normalizers");
        if (!list || list->type != json::Type::Array)
            return normalizerFailure(where, "Sequence without a \"normalizers\" array");
        auto seq = std::make_unique<SequenceNormalizer>();
        for (std::size_t k = 0; k < list->array.size(); ++k) {
            auto step = loadNormalizer(list->array[k], where + ".normalizers[" + std::to_string(k) + "]");
            if (!step.ok) return step;
            seq->steps.push_back(std::move(step.value));
        }
        return normalizerDone(std::move(seq));
    }
    if (type == "NFC") return normalizerDone(std::make_unique<FormNormalizer>(unicode::Form::NFC));
    if (type == "NFD") return normalizerDone(std::make_unique<FormNormalizer>(unicode::Form::NFD));
    if (type == "NFKC") return normalizerDone(std::make_unique<FormNormalizer>(unicode::Form::NFKC));
    if (type == "NFKD") return normalizerDone(std::make_unique<FormNormalizer>(unicode::Form::NFKD));
    if (type == "Lowercase") return normalizerDone(std::make_unique<LowercaseNormalizer>());
    if (type == "StripAccents") return normalizerDone(std::make_unique<StripAccentsNormalizer>());
    if (type == "ByteLevel") return normalizerDone(std::make_unique<ByteLevelNormalizer>());
    if (type == "Strip")
        return normalizerDone(std::make_unique<StripNormalizer>(boolMember(value, "strip_left", true),
                                                                boolMember(value, "strip_right", true)));
    if (type == "Prepend") {
        const json::Value* p = value.find("prepend");
        if (!p || p->type != json::Type::String)
            return normalizerFailure(where, "Prepend without a \"prepend\" string");
        return normalizerDone(std::make_unique<PrependNormalizer>(unicode::toUtf32(p->string)));
    }
    if (type == "Replace") {
        const json::Value* pattern = value.find("pattern");
        const json::Value* content = value.find("content");
        if (!content || content->type != json::Type::String)
            return normalizerFailure(where, "Replace without a \"content\" string");
        const json::Value* literal = pattern ? pattern->find("String") : nullptr;
        const json::Value* regex = pattern ? pattern->find("Regex") : nullptr;
        if (literal && literal->type == json::Type::String)
            return normalizerDone(std::make_unique<ReplaceNormalizer>(Regex::literal(unicode::toUtf32(literal->string)),
                                                                      unicode::toUtf32(content->string)));
        if (regex && regex->type == json::Type::String) {
            auto compiled = Regex::compile(regex->string);
            if (!compiled.ok)
                return normalizerFailure(where, "pattern " + json::quote(regex->string, 80) + ": " + compiled.error);
            return normalizerDone(
                std::make_unique<ReplaceNormalizer>(std::move(compiled.value), unicode::toUtf32(content->string)));
        }
        return normalizerFailure(where, "Replace needs a pattern {\"String\": ...} or {\"Regex\": ...}");
    }
    if (type == "BertNormalizer") {
        auto n = std::make_unique<BertNormalizer>();
        n->cleanText = boolMember(value, "clean_text", true);
        n->handleChineseChars = boolMember(value, "handle_chinese_chars", true);
        n->lowercase = boolMember(value, "lowercase", true);
        // strip_accents: null follows lowercase, as in the library.
        n->stripAccents = boolMember(value, "strip_accents", n->lowercase);
        return normalizerDone(std::move(n));
    }
    if (type.empty()) return normalizerFailure(where, "missing \"type\"");
    return normalizerFailure(where, "unsupported normalizer type " + json::quote(type));
}

}  // namespace ap::tokenizer::detail
