// A strict RFC 8259 reader. The parser is iterative (an explicit stack of open
// containers) so that depth costs heap, not call stack, and the depth limit is
// a plain counter. Errors carry a byte offset; line and column are worked out
// only once, when an error is reported.
//
// Duplicate keys are refused: RFC 8259 leaves their meaning open, and a scene
// with two "heads" would mean different things to different tools.
#include "io/json.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <system_error>

namespace ap::json {

const Value* Value::find(std::string_view key) const {
    for (const auto& [k, v] : object)
        if (k == key) return &v;
    return nullptr;
}

const char* typeName(Type t) {
    switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "boolean";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
    }
    return "value";
}

std::string quote(std::string_view text, std::size_t maxBytes) {
    bool cut = false;
    if (text.size() > maxBytes) {
        std::size_t end = maxBytes;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        text = text.substr(0, end);
        cut = true;
    }
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    if (cut) out += "...";
    out += '"';
    return out;
}

namespace {

struct Error {
    std::size_t offset;
    std::string message;
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether `text` starts with the word `w` not followed by more letters or
// digits ("true" but not "truex").
bool startsWithWord(std::string_view text, std::string_view w) {
    if (!text.starts_with(w)) return false;
    return w.size() == text.size() || !(isLetter(text[w.size()]) || isDigit(text[w.size()]));
}

// JavaScript and Python write these for non-finite numbers.
bool startsWithNaN(std::string_view t) {
    return startsWithWord(t, "NaN") || startsWithWord(t, "nan");
}
bool startsWithInfinity(std::string_view t) {
    return startsWithWord(t, "Infinity") || startsWithWord(t, "inf");
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// Length of the well-formed UTF-8 sequence at text[i] (Unicode table 3-7:
// no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) -> unsigned {
        return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0x100;
    };
    auto cont = [&](std::size_t k, unsigned lo, unsigned hi) {
        unsigned b = byte(k);
        return b >= lo && b <= hi;
    };
    unsigned b0 = byte(0);
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
    if (b0 == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF)
        return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if (b0 == 0xF0)
        return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    if (b0 >= 0xF1 && b0 <= 0xF3)
        return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    if (b0 == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    return 0;
}

class Parser {
public:
    Parser(std::string_view text, int maxDepth) : text_(text), maxDepth_(maxDepth) {}

    // Returns false with error_ set on failure.
    bool run(Value& root);
    const Error& error() const { return error_; }

private:
    // One open array or object. Key offsets let duplicate keys be reported
    // where they appear once the object is complete.
    struct Frame {
        Value* value;
        std::vector<std::size_t> keyOffsets;
    };

    bool fail(std::size_t offset, std::string message) {
        error_ = {offset, std::move(message)};
        return false;
    }
    bool atEnd() const { return pos_ >= text_.size(); }
    char peek() const { return atEnd() ? '\0' : text_[pos_]; }
    void skipWhitespace() {
        while (!atEnd()) {
            char c = text_[pos_];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            ++pos_;
        }
    }

    bool parseValue(Value& out, std::vector<Frame>& stack);
    bool parseString(std::string& out);
    bool parseNumber(Value& out);
    bool parseLiteral(Value& out);
    bool checkDuplicateKeys(const Frame& frame);
    std::string describeUnexpected(const char* expected) const;

    std::string_view text_;
    int maxDepth_;
    std::size_t pos_ = 0;
    Error error_{0, {}};
};

std::string Parser::describeUnexpected(const char* expected) const {
    if (atEnd()) return std::string("unexpected end of input, ") + expected;
    return expected;
}

bool Parser::run(Value& root) {
    // An optional UTF-8 byte order mark, which some Windows editors write.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;

    std::vector<Frame> stack;
    skipWhitespace();
    if (!parseValue(root, stack)) return false;

    while (!stack.empty()) {
        Frame& frame = stack.back();
        Value& container = *frame.value;
        const bool isArray = container.type == Type::Array;
        const bool empty = isArray ? container.array.empty() : container.object.empty();
        skipWhitespace();
        if (peek() == (isArray ? ']' : '}')) {
            ++pos_;
            if (!isArray && !checkDuplicateKeys(frame)) return false;
            stack.pop_back();
            continue;
        }
        if (!empty) {
            if (peek() != ',')
                return fail(pos_, describeUnexpected(isArray ? "expected ',' or ']'"
                                                             : "expected ',' or '}'"));
            ++pos_;
            skipWhitespace();
        }
        Value* child;
        if (isArray) {
            child = &container.array.emplace_back();
        } else {
            if (peek() != '"')
                return fail(pos_, describeUnexpected(empty ? "expected a string key or '}'"
                                                           : "expected a string key"));
            frame.keyOffsets.push_back(pos_);
            std::string key;
            if (!parseString(key)) return false;
            skipWhitespace();
            if (peek() != ':') return fail(pos_, describeUnexpected("expected ':'"));
            ++pos_;
            skipWhitespace();
            child = &container.object.emplace_back(std::move(key), Value{}).second;
        }
        // `frame` and `container` may dangle after this call: it can push.
        if (!parseValue(*child, stack)) return false;
    }

    skipWhitespace();
    if (!atEnd()) return fail(pos_, "trailing characters after the document");
    return true;
}

// Scalars are parsed in place; an array or object becomes a new open frame
// whose members the loop in run() reads.
bool Parser::parseValue(Value& out, std::vector<Frame>& stack) {
    if (atEnd()) return fail(pos_, "unexpected end of input, expected a value");
    const char c = text_[pos_];
    if (c == '[' || c == '{') {
        if (static_cast<int>(stack.size()) >= maxDepth_)
            return fail(pos_, "nesting deeper than " + std::to_string(maxDepth_));
        out.type = c == '[' ? Type::Array : Type::Object;
        ++pos_;
        stack.push_back({&out, {}});
        return true;
    }
    if (c == '"') {
        out.type = Type::String;
        return parseString(out.string);
    }
    if (c == '-' || isDigit(c)) return parseNumber(out);
    if (c == '+' || c == '.') return fail(pos_, "invalid number");  // "+1", ".5"
    return parseLiteral(out);
}

bool Parser::parseLiteral(Value& out) {
    const std::string_view rest = text_.substr(pos_);
    auto word = [&](std::string_view w) { return startsWithWord(rest, w); };
    if (word("true")) {
        out.type = Type::Bool;
        out.boolean = true;
        pos_ += 4;
        return true;
    }
    if (word("false")) {
        out.type = Type::Bool;
        out.boolean = false;
        pos_ += 5;
        return true;
    }
    if (word("null")) {
        out.type = Type::Null;
        pos_ += 4;
        return true;
    }
    if (startsWithNaN(rest)) return fail(pos_, "NaN is not valid JSON");
    if (startsWithInfinity(rest)) return fail(pos_, "Infinity is not valid JSON");
    return fail(pos_, "expected a value");
}

bool Parser::parseNumber(Value& out) {
    const std::size_t start = pos_;
    std::size_t i = pos_;
    auto digitsFrom = [&](std::size_t k) {
        while (k < text_.size() && isDigit(text_[k])) ++k;
        return k;
    };
    if (text_[i] == '-') {
        ++i;
        if (startsWithInfinity(text_.substr(i))) return fail(start, "Infinity is not valid JSON");
        if (startsWithNaN(text_.substr(i))) return fail(start, "NaN is not valid JSON");
    }
    if (i >= text_.size() || !isDigit(text_[i])) return fail(start, "invalid number");
    const std::size_t intStart = i;
    if (text_[i] == '0') {
        ++i;
        if (i < text_.size() && isDigit(text_[i])) return fail(start, "invalid number");
    } else {
        i = digitsFrom(i);
    }
    const std::size_t intEnd = i;
    std::size_t fracStart = i, fracEnd = i;
    bool integer = true;
    if (i < text_.size() && text_[i] == '.') {
        integer = false;
        fracStart = ++i;
        fracEnd = i = digitsFrom(i);
        if (fracEnd == fracStart) return fail(start, "invalid number");
    }
    std::int64_t exponent = 0;
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
        integer = false;
        ++i;
        bool negative = false;
        if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) negative = text_[i++] == '-';
        const std::size_t expStart = i;
        i = digitsFrom(i);
        if (i == expStart) return fail(start, "invalid number");
        // Saturating: of a huge exponent only the sign matters.
        for (std::size_t k = expStart; k < i; ++k)
            exponent = std::min<std::int64_t>(exponent * 10 + (text_[k] - '0'), 1'000'000'000);
        if (negative) exponent = -exponent;
    }
    // "1.5x", "0x10", "1..2": the number runs into something that cannot follow it.
    if (i < text_.size()) {
        char next = text_[i];
        if (isDigit(next) || next == '.' || next == 'e' || next == 'E' || next == '+' ||
            next == '-' || isLetter(next))
            return fail(start, "invalid number");
    }

    // from_chars reports underflow and overflow alike, as out of range. The
    // decimal exponent of the leading significant digit tells them apart: a
    // number that underflows is a legitimate JSON number that rounds to zero.
    std::int64_t lead = 0;
    bool nonzero = false;
    for (std::size_t k = intStart; k < intEnd && !nonzero; ++k)
        if (text_[k] != '0') {
            nonzero = true;
            lead = std::int64_t(intEnd - k - 1) + exponent;
        }
    for (std::size_t k = fracStart; k < fracEnd && !nonzero; ++k)
        if (text_[k] != '0') {
            nonzero = true;
            lead = -std::int64_t(k - fracStart + 1) + exponent;
        }
    const bool overflows = nonzero && lead >= 0;
    const bool negative = text_[start] == '-';
    const char* first = text_.data() + start;
    const char* last = text_.data() + i;

    double value = 0.0;
    auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range) {
        if (overflows) return fail(start, "number out of range");
        value = negative ? -0.0 : 0.0;
    } else if (ec != std::errc() || ptr != last) {
        return fail(start, "invalid number");
    }
    float single = 0.0f;
    if (std::from_chars(first, last, single).ec == std::errc::result_out_of_range) {
        constexpr float inf = std::numeric_limits<float>::infinity();
        single = overflows ? (negative ? -inf : inf) : (negative ? -0.0f : 0.0f);
    }
    out.type = Type::Number;
    out.number = value;
    out.numberFloat = single;
    out.numberIsInteger = integer;
    pos_ = i;
    return true;
}

bool Parser::parseString(std::string& out) {
    const std::size_t open = pos_;
    ++pos_;  // the opening quote
    for (;;) {
        if (atEnd()) return fail(open, "unterminated string");
        const unsigned char c = static_cast<unsigned char>(text_[pos_]);
        if (c == '"') {
            ++pos_;
            return true;
        }
        if (c < 0x20) {
            if (c == '\n') return fail(open, "unterminated string");
            static const char hex[] = "0123456789ABCDEF";
            return fail(pos_, std::string("control character U+00") + hex[c >> 4] + hex[c & 15] +
                                  " in string (write it as an escape)");
        }
        if (c == '\\') {
            const std::size_t escape = pos_;
            if (pos_ + 1 >= text_.size()) return fail(open, "unterminated string");
            const char e = text_[pos_ + 1];
            pos_ += 2;
            switch (e) {
            case '"': out += '"'; continue;
            case '\\': out += '\\'; continue;
            case '/': out += '/'; continue;
            case 'b': out += '\b'; continue;
            case 'f': out += '\f'; continue;
            case 'n': out += '\n'; continue;
            case 'r': out += '\r'; continue;
            case 't': out += '\t'; continue;
            case 'u': break;
            default:
                if (static_cast<unsigned char>(e) < 0x20 || static_cast<unsigned char>(e) >= 0x80)
                    return fail(escape, "invalid escape in string");
                return fail(escape, std::string("invalid escape '\\") + e + "' in string");
            }
            auto hex4 = [&](std::size_t at) -> long {
                if (at + 4 > text_.size()) return -1;
                long v = 0;
                for (std::size_t k = at; k < at + 4; ++k) {
                    int h = hexValue(text_[k]);
                    if (h < 0) return -1;
                    v = v * 16 + h;
                }
                return v;
            };
            long cp = hex4(pos_);
            if (cp < 0) return fail(escape, "invalid \\u escape (expected four hex digits)");
            pos_ += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return fail(escape, "invalid \\u escape: unpaired low surrogate");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                long low = text_.substr(pos_, 2) == "\\u" ? hex4(pos_ + 2) : -1;
                if (low < 0xDC00 || low > 0xDFFF)
                    return fail(escape, "invalid \\u escape: unpaired high surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                pos_ += 6;
            }
            appendUtf8(out, static_cast<std::uint32_t>(cp));
            continue;
        }
        const std::size_t n = utf8SequenceLength(text_, pos_);
        if (n == 0) return fail(pos_, "invalid UTF-8 in string");
        out.append(text_.substr(pos_, n));
        pos_ += n;
    }
}

bool Parser::checkDuplicateKeys(const Frame& frame) {
    const auto& members = frame.value->object;
    if (members.size() < 2) return true;
    std::vector<std::size_t> order(members.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    // Sorting keeps this O(n log n) even for objects with very many keys.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return members[a].first < members[b].first;
    });
    std::size_t first = members.size();  // earliest repeated occurrence in the file
    for (std::size_t k = 1; k < order.size(); ++k)
        if (members[order[k]].first == members[order[k - 1]].first)
            first = std::min(first, order[k]);
    if (first == members.size()) return true;
    return fail(frame.keyOffsets[first], "duplicate key " + quote(members[first].first, 64));
}

}  // namespace

ParseResult parse(std::string_view text, int maxDepth) {
    ParseResult result;
    Parser parser(text, maxDepth);
    if (parser.run(result.value)) {
        result.ok = true;
        return result;
    }
    result.value = Value{};
    const Error& error = parser.error();
    const std::size_t offset = std::min(error.offset, text.size());
    std::size_t lineStart = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    int line = 1;
    for (std::size_t k = lineStart; k < offset; ++k)
        if (text[k] == '\n') {
            ++line;
            lineStart = k + 1;
        }
    // Columns count code points (bytes that do not continue a UTF-8 sequence),
    // as editors do.
    int column = 1;
    for (std::size_t k = lineStart; k < offset; ++k)
        if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++column;
    result.line = line;
    result.column = column;
    result.error = error.message;
    return result;
}

}  // namespace ap::json
