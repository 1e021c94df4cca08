// The pre-tokenizers of tokenizer.json, after the library's pre_tokenizers/
// folder: each one splits the pieces that are not added tokens, and the
// pieces that come out empty are dropped (its PreTokenizedString::split).
#include "tokenizer/pipeline.h"
#include "tokenizer/unicode.h"

#include <array>
#include <functional>

namespace ap::tokenizer::detail {

namespace {

// The regex that GPT-2's ByteLevel pre-tokenizer splits with.
constexpr std::string_view kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

const Regex& gpt2Regex() {
    static const Regex regex = Regex::compile(kGpt2Pattern).value;
    return regex;
}

// Runs `cut` on every text piece and replaces it by the parts it returns.
void splitEach(std::vector<Piece>& pieces, const std::function<std::vector<Range>(std::u32string&)>& cut) {
    std::vector<Piece> out;
    out.reserve(pieces.size());
    for (Piece& piece : pieces) {
        if (piece.id >= 0) {
            out.push_back(std::move(piece));
            continue;
        }
        for (const Range& r : cut(piece.text)) {
            if (r.end <= r.start) continue;
            Piece part;
            part.text = piece.text.substr(r.start, r.end - r.start);
            part.atStart = piece.atStart && r.start == 0;
            out.push_back(std::move(part));
        }
    }
    pieces = std::move(out);
}

// Every character for which `pred` holds is a match of its own (the
// library's Pattern for Fn(char) -> bool).
std::vector<MatchSpan> charSpans(std::u32string_view text, bool (*pred)(char32_t)) {
    std::vector<MatchSpan> spans;
    std::size_t last = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!pred(text[i])) continue;
        if (last < i) spans.push_back({last, i, false});
        spans.push_back({i, i + 1, true});
        last = i + 1;
    }
    if (last < text.size()) spans.push_back({last, text.size(), false});
    return spans;
}

std::vector<MatchSpan> invert(std::vector<MatchSpan> spans) {
    for (auto& s : spans) s.isMatch = !s.isMatch;
    return spans;
}

bool isWhitespaceChar(char32_t c) { return unicode::isWhitespace(c); }
bool isNumericChar(char32_t c) { return unicode::isNumeric(c); }
bool isPunctuationChar(char32_t c) { return unicode::isBertPunctuation(c); }

class SequencePreTokenizer final : public PreTokenizer {
public:
    std::vector<std::unique_ptr<PreTokenizer>> steps;
    void split(std::vector<Piece>& pieces) const override {
        for (const auto& s : steps) s->split(pieces);
    }
};

class RegexSplit final : public PreTokenizer {
public:
    RegexSplit(Regex regex, SplitBehavior behavior, bool inverted)
        : regex_(std::move(regex)), behavior_(behavior), invert_(inverted) {}
    void split(std::vector<Piece>& pieces) const override {
        splitEach(pieces, [&](std::u32string& text) {
            auto spans = regexSpans(regex_, text);
            return splitRanges(invert_ ? invert(std::move(spans)) : spans, behavior_);
        });
    }

private:
    Regex regex_;
    SplitBehavior behavior_;
    bool invert_;
};

class CharSplit final : public PreTokenizer {
public:
    CharSplit(bool (*pred)(char32_t), SplitBehavior behavior) : pred_(pred), behavior_(behavior) {}
    void split(std::vector<Piece>& pieces) const override {
        splitEach(pieces, [&](std::u32string& text) { return splitRanges(charSpans(text, pred_), behavior_); });
    }

private:
    bool (*pred_)(char32_t);
    SplitBehavior behavior_;
};

class DelimiterSplit final : public PreTokenizer {
public:
    DelimiterSplit(char32_t delimiter, SplitBehavior behavior) : delimiter_(delimiter), behavior_(behavior) {}
    void split(std::vector<Piece>& pieces) const override {
        splitEach(pieces, [&](std::u32string& text) {
            std::vector<MatchSpan> spans;
            std::size_t last = 0;
            for (std::size_t i = 0; i < text.size(); ++i)
                if (text[i] == delimiter_) {
                    if (last < i) spans.push_back({last, i, false});
                    spans.push_back({i, i + 1, true});
                    last = i + 1;
                }
            if (last < text.size()) spans.push_back({last, text.size(), false});
            return splitRanges(spans, behavior_);
        });
    }

private:
    char32_t delimiter_;
    SplitBehavior behavior_;
};

class ByteLevelPreTokenizer final : public PreTokenizer {
public:
    ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : addPrefixSpace_(addPrefixSpace), useRegex_(useRegex) {}
    void split(std::vector<Piece>& pieces) const override {
        splitEach(pieces, [&](std::u32string& text) {
            if (addPrefixSpace_ && (text.empty() || text[0] != U' ')) text.insert(0, 1, U' ');
            if (!useRegex_) return std::vector<Range>{{0, text.size()}};
            return splitRanges(regexSpans(gpt2Regex(), text), SplitBehavior::Isolated);
        });
        for (Piece& piece : pieces) {
            if (piece.id >= 0) continue;
            const std::string bytes = unicode::toUtf8(piece.text);
            piece.text.clear();
            for (unsigned char b : bytes) piece.text += byteToChar(b);
        }
    }

private:
    bool addPrefixSpace_, useRegex_;
};

class MetaspacePreTokenizer final : public PreTokenizer {
public:
    enum class Prepend { Always, First, Never };
    MetaspacePreTokenizer(char32_t replacement, Prepend prepend, bool splitWords)
        : replacement_(replacement), prepend_(prepend), split_(splitWords) {}
    void split(std::vector<Piece>& pieces) const override {
        for (Piece& piece : pieces) {
            if (piece.id >= 0) continue;
            for (char32_t& c : piece.text)
                if (c == U' ') c = replacement_;
            const bool starts = !piece.text.empty() && piece.text[0] == replacement_;
            if (!starts && (prepend_ == Prepend::Always || (prepend_ == Prepend::First && piece.atStart)))
                piece.text.insert(0, 1, replacement_);
        }
        if (!split_) return;
        splitEach(pieces, [&](std::u32string& text) {
            std::vector<MatchSpan> spans;
            std::size_t last = 0;
            for (std::size_t i = 0; i < text.size(); ++i)
                if (text[i] == replacement_) {
                    if (last < i) spans.push_back({last, i, false});
                    spans.push_back({i, i + 1, true});
                    last = i + 1;
                }
            if (last < text.size()) spans.push_back({last, text.size(), false});
            return splitRanges(spans, SplitBehavior::MergedWithNext);
        });
    }

private:
    char32_t replacement_;
    Prepend prepend_;
    bool split_;
};

class BertPreTokenizer final : public PreTokenizer {
public:
    void split(std::vector<Piece>& pieces) const override {
        CharSplit(isWhitespaceChar, SplitBehavior::Removed).split(pieces);
        CharSplit(isPunctuationChar, SplitBehavior::Isolated).split(pieces);
    }
};

using PreTokenizerLoaded = Result<std::unique_ptr<PreTokenizer>>;
PreTokenizerLoaded preTokenizerFailure(const std::string& where, std::string_view what) {
    return PreTokenizerLoaded::failure(describe(where, what));
}
PreTokenizerLoaded preTokenizerDone(std::unique_ptr<PreTokenizer> p) {
    return PreTokenizerLoaded::success(std::move(p));
}

bool parseBehavior(const std::string& name, SplitBehavior& out) {
    static const std::array<std::pair<const char*, SplitBehavior>, 5> names = {{
        {"Removed", SplitBehavior::Removed},
        {"Isolated", SplitBehavior::Isolated},
        {"MergedWithPrevious", SplitBehavior::MergedWithPrevious},
        {"MergedWithNext", SplitBehavior::MergedWithNext},
        {"Contiguous", SplitBehavior::Contiguous},
    }};
    for (const auto& [n, b] : names)
        if (name == n) {
            out = b;
            return true;
        }
    return false;
}

// The one character of a string member (Metaspace's replacement, a delimiter).
bool singleChar(const json::Value& object, std::string_view key, char32_t& out) {
    const json::Value* v = object.find(key);
    if (!v || v->type != json::Type::String) return false;
    const std::u32string s = unicode::toUtf32(v->string);
    if (s.size() != 1) return false;
    out = s[0];
    return true;
}

}  // namespace

std::vector<MatchSpan> regexSpans(const Regex& regex, std::u32string_view text) {
    std::vector<MatchSpan> spans;
    std::size_t last = 0;
    for (const auto& m : regex.findAll(text)) {
        if (last != m.start) spans.push_back({last, m.start, false});
        spans.push_back({m.start, m.end, true});
        last = m.end;
    }
    if (last != text.size()) spans.push_back({last, text.size(), false});
    return spans;
}

std::vector<Range> splitRanges(const std::vector<MatchSpan>& spans, SplitBehavior behavior) {
    std::vector<Range> out;
    bool previousMatch = false;
    switch (behavior) {
    case SplitBehavior::Isolated:
        for (const auto& s : spans) out.push_back({s.start, s.end});
        return out;
    case SplitBehavior::Removed:
        for (const auto& s : spans)
            if (!s.isMatch) out.push_back({s.start, s.end});
        return out;
    case SplitBehavior::Contiguous:
        for (const auto& s : spans) {
            if (s.isMatch == previousMatch && !out.empty())
                out.back().end = s.end;
            else
                out.push_back({s.start, s.end});
            previousMatch = s.isMatch;
        }
        return out;
    case SplitBehavior::MergedWithPrevious:
        for (const auto& s : spans) {
            if (s.isMatch && !previousMatch && !out.empty())
                out.back().end = s.end;
            else
                out.push_back({s.start, s.end});
            previousMatch = s.isMatch;
        }
        return out;
    case SplitBehavior::MergedWithNext:
        for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
            if (it->isMatch && !previousMatch && !out.empty())
                out.back().start = it->start;
            else
                out.push_back({it->start, it->end});
            previousMatch = it->isMatch;
        }
        return {out.rbegin(), out.rend()};
    }
    return out;
}

std::unique_ptr<PreTokenizer> bertPreTokenizer() { return std::make_unique<BertPreTokenizer>(); }
std::unique_ptr<PreTokenizer> byteLevelPreTokenizer(bool addPrefixSpace) {
    return std::make_unique<ByteLevelPreTokenizer>(addPrefixSpace, true);
}

PreTokenizerLoaded loadPreTokenizer(const json::Value& value, const std::string& where) {
    if (value.type != json::Type::Object) return preTokenizerFailure(where, "expected an object");
    const std::string type = stringMember(value, "type");
    if (type == "Sequence") {
        const json::Value* list = value.find("pretokenizers");
        if (!list || list->type != json::Type::Array)
            return preTokenizerFailure(where, "Sequence without a \"pretokenizers\" array");
        auto seq = std::make_unique<SequencePreTokenizer>();
        for (std::size_t k = 0; k < list->array.size(); ++k) {
            auto step = loadPreTokenizer(list->array[k], where + ".pretokenizers[" + std::to_string(k) + "]");
            if (!step.ok) return step;
            seq->steps.push_back(std::move(step.value));
        }
        return preTokenizerDone(std::move(seq));
    }
    if (type == "ByteLevel")
        return preTokenizerDone(std::make_unique<ByteLevelPreTokenizer>(boolMember(value, "add_prefix_space", true),
                                                                        boolMember(value, "use_regex", true)));
    if (type == "BertPreTokenizer") return preTokenizerDone(std::make_unique<BertPreTokenizer>());
    if (type == "WhitespaceSplit")
        return preTokenizerDone(std::make_unique<CharSplit>(isWhitespaceChar, SplitBehavior::Removed));
    if (type == "Whitespace") {
        static const Regex words = Regex::compile(R"(\w+|[^\w\s]+)").value;
        return preTokenizerDone(std::make_unique<RegexSplit>(words, SplitBehavior::Removed, true));
    }
    if (type == "Digits")
        return preTokenizerDone(std::make_unique<CharSplit>(isNumericChar, boolMember(value, "individual_digits", false)
                                                                               ? SplitBehavior::Isolated
                                                                               : SplitBehavior::Contiguous));
    SplitBehavior behavior = SplitBehavior::Isolated;
    const std::string behaviorName = stringMember(value, "behavior", "Isolated");
    const bool behaviorOk = parseBehavior(behaviorName, behavior);
    if (type == "Punctuation" || type == "Split") {
        if (!behaviorOk) return preTokenizerFailure(where, "unknown behavior " + json::quote(behaviorName));
        if (type == "Punctuation") return preTokenizerDone(std::make_unique<CharSplit>(isPunctuationChar, behavior));
        const json::Value* pattern = value.find("pattern");
        const json::Value* literal = pattern ? pattern->find("String") : nullptr;
        const json::Value* regex = pattern ? pattern->find("Regex") : nullptr;
        const bool inverted = boolMember(value, "invert", false);
        if (literal && literal->type == json::Type::String)
            return preTokenizerDone(
                std::make_unique<RegexSplit>(Regex::literal(unicode::toUtf32(literal->string)), behavior, inverted));
        if (regex && regex->type == json::Type::String) {
            auto compiled = Regex::compile(regex->string);
            if (!compiled.ok)
                return preTokenizerFailure(where, "pattern " + json::quote(regex->string, 80) + ": " + compiled.error);
            return preTokenizerDone(std::make_unique<RegexSplit>(std::move(compiled.value), behavior, inverted));
        }
        return preTokenizerFailure(where, "Split needs a pattern {\"String\": ...} or {\"Regex\": ...}");
    }
    if (type == "CharDelimiterSplit") {
        char32_t delimiter = 0;
        if (!singleChar(value, "delimiter", delimiter))
            return preTokenizerFailure(where, "\"delimiter\" must be one character");
        return preTokenizerDone(std::make_unique<DelimiterSplit>(delimiter, SplitBehavior::Removed));
    }
    if (type == "Metaspace") {
        char32_t replacement = 0;
        if (!singleChar(value, "replacement", replacement))
            return preTokenizerFailure(where, "\"replacement\" must be one character");
        using P = MetaspacePreTokenizer::Prepend;
        P prepend = P::Always;
        const std::string scheme = stringMember(value, "prepend_scheme", "always");
        if (scheme == "first")
            prepend = P::First;
        else if (scheme == "never")
            prepend = P::Never;
        else if (scheme != "always")
            return preTokenizerFailure(where, "unknown prepend_scheme " + json::quote(scheme));
        // Files written before prepend_scheme existed say add_prefix_space.
        if (!boolMember(value, "add_prefix_space", true)) prepend = P::Never;
        return preTokenizerDone(
            std::make_unique<MetaspacePreTokenizer>(replacement, prepend, boolMember(value, "split", true)));
    }
    if (type.empty()) return preTokenizerFailure(where, "missing \"type\"");
    return preTokenizerFailure(where, "unsupported pre-tokenizer type " + json::quote(type));
}

}  // namespace ap::tokenizer::detail
