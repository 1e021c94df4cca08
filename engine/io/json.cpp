// A strict RFC 8259 reader. The parser is iterative (an explicit stack of open
// containers) so that depth costs heap, not call stack, and the depth limit is
// a plain counter. Errors carry a byte offset; line and column are worked out
// only once, when an error is reported.
//
// Duplicate keys are refused: RFC 8259 leaves their meaning open, and a scene
// with two "heads" would mean different things to different tools.
#include "io/json.h"

#include "core/utf8.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <system_error>

namespace ap::json {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether `text` starts with the word `w` not followed by more letters or
// digits ("true" but not "truex").
bool startsWithWord(std::string_view text, std::string_view w) {
    if (!text.starts_with(w)) return false;
    return w.size() == text.size() || !(isLetter(text[w.size()]) || isDigit(text[w.size()]));
}

// JavaScript and Python write these for non-finite numbers.
bool startsWithNaN(std::string_view t) { return startsWithWord(t, "NaN") || startsWithWord(t, "nan"); }
bool startsWithInfinity(std::string_view t) { return startsWithWord(t, "Infinity") || startsWithWord(t, "inf"); }

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

// One open array or object. Keys and their offsets let duplicate keys be
// reported where they appear once the object is complete.
struct Reader::Impl {
    struct Frame {
        bool isArray = false;
        std::size_t count = 0;
        std::vector<std::pair<std::string, std::size_t>> keys;
    };

    // Nested rather than in the anonymous namespace: Impl's members may not
    // use internal types (GCC's -Wsubobject-linkage in a unity build).
    struct Error {
        std::size_t offset;
        std::string message;
    };

    Impl(std::string_view text, int maxDepth) : text_(text), maxDepth_(maxDepth) {}

    // Converts to false for the scalar parsers and to Event::Error for next().
    struct Failure {
        operator bool() const { return false; }
        operator Event() const { return Event::Error; }
    };
    Failure fail(std::size_t offset, std::string message) {
        error_ = {offset, std::move(message)};
        failed_ = true;
        return {};
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

    Event next();
    Event value();
    bool parseString(std::string& out);
    bool parseNumber(Value& out);
    bool parseLiteral(Value& out);
    bool checkDuplicateKeys(const Frame& frame);
    std::string describeUnexpected(const char* expected) const;

    std::string_view text_;
    int maxDepth_;
    std::size_t pos_ = 0;
    std::vector<Frame> stack_;
    bool started_ = false;
    bool done_ = false;
    bool failed_ = false;
    bool pendingValue_ = false;  // a key and ':' were read, its value is next
    Value scalar_;
    std::string key_;
    Error error_{0, {}};
};

std::string Reader::Impl::describeUnexpected(const char* expected) const {
    if (atEnd()) return std::string("unexpected end of input, ") + expected;
    return expected;
}

Event Reader::Impl::next() {
    if (failed_) return Event::Error;
    if (done_) return Event::End;
    if (stack_.empty()) {
        if (!started_) {
            started_ = true;
            pos_ = utf8::byteOrderMarkLength(text_);
            skipWhitespace();
            return value();
        }
        skipWhitespace();
        if (!atEnd()) return fail(pos_, "trailing characters after the document");
        done_ = true;
        return Event::End;
    }
    if (pendingValue_) {
        pendingValue_ = false;
        return value();
    }
    Frame& frame = stack_.back();
    const bool isArray = frame.isArray;
    const bool empty = frame.count == 0;
    skipWhitespace();
    if (peek() == (isArray ? ']' : '}')) {
        ++pos_;
        if (!isArray && !checkDuplicateKeys(frame)) return Event::Error;
        stack_.pop_back();
        return isArray ? Event::ArrayEnd : Event::ObjectEnd;
    }
    if (!empty) {
        if (peek() != ',')
            return fail(pos_, describeUnexpected(isArray ? "expected ',' or ']'" : "expected ',' or '}'"));
        ++pos_;
        skipWhitespace();
    }
    ++frame.count;
    if (isArray) return value();
    if (peek() != '"')
        return fail(pos_, describeUnexpected(empty ? "expected a string key or '}'" : "expected a string key"));
    const std::size_t keyOffset = pos_;
    key_.clear();
    if (!parseString(key_)) return Event::Error;
    frame.keys.emplace_back(key_, keyOffset);
    skipWhitespace();
    if (peek() != ':') return fail(pos_, describeUnexpected("expected ':'"));
    ++pos_;
    skipWhitespace();
    pendingValue_ = true;
    return Event::Key;
}

// Scalars are parsed in place; an array or object opens a new frame whose
// members the following calls of next() read.
Event Reader::Impl::value() {
    if (atEnd()) return fail(pos_, "unexpected end of input, expected a value");
    const char c = text_[pos_];
    if (c == '[' || c == '{') {
        if (static_cast<int>(stack_.size()) >= maxDepth_)
            return fail(pos_, "nesting deeper than " + std::to_string(maxDepth_));
        ++pos_;
        stack_.push_back({c == '[', 0, {}});
        return c == '[' ? Event::ArrayBegin : Event::ObjectBegin;
    }
    scalar_.numberIsInteger = false;
    if (c == '"') {
        scalar_.type = Type::String;
        scalar_.string.clear();
        return parseString(scalar_.string) ? Event::Scalar : Event::Error;
    }
    if (c == '-' || isDigit(c)) return parseNumber(scalar_) ? Event::Scalar : Event::Error;
    if (c == '+' || c == '.') return fail(pos_, "invalid number");  // "+1", ".5"
    return parseLiteral(scalar_) ? Event::Scalar : Event::Error;
}

bool Reader::Impl::parseLiteral(Value& out) {
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

bool Reader::Impl::parseNumber(Value& out) {
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
        if (isDigit(next) || next == '.' || next == 'e' || next == 'E' || next == '+' || next == '-' || isLetter(next))
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

bool Reader::Impl::parseString(std::string& out) {
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
            if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(escape, "invalid \\u escape: unpaired low surrogate");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                long low = text_.substr(pos_, 2) == "\\u" ? hex4(pos_ + 2) : -1;
                if (low < 0xDC00 || low > 0xDFFF) return fail(escape, "invalid \\u escape: unpaired high surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                pos_ += 6;
            }
            utf8::append(out, static_cast<std::uint32_t>(cp));
            continue;
        }
        const std::size_t n = utf8::sequenceLength(text_, pos_);
        if (n == 0) return fail(pos_, "invalid UTF-8 in string");
        out.append(text_.substr(pos_, n));
        pos_ += n;
    }
}

bool Reader::Impl::checkDuplicateKeys(const Frame& frame) {
    const auto& keys = frame.keys;
    if (keys.size() < 2) return true;
    std::vector<std::size_t> order(keys.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    // Sorting keeps this O(n log n) even for objects with very many keys.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return keys[a].first < keys[b].first; });
    std::size_t first = keys.size();  // earliest repeated occurrence in the file
    for (std::size_t k = 1; k < order.size(); ++k)
        if (keys[order[k]].first == keys[order[k - 1]].first) first = std::min(first, order[k]);
    if (first == keys.size()) return true;
    fail(keys[first].second, "duplicate key " + quote(keys[first].first, 64));
    return false;
}

Reader::Reader(std::string_view text, int maxDepth) : impl_(new Impl(text, maxDepth)) {}
Reader::~Reader() { delete impl_; }
Event Reader::next() { return impl_->next(); }
Value& Reader::scalar() { return impl_->scalar_; }
std::string& Reader::key() { return impl_->key_; }
std::size_t Reader::depth() const { return impl_->stack_.size(); }
std::size_t Reader::offset() const { return impl_->pos_; }
std::size_t Reader::errorOffset() const { return impl_->error_.offset; }
const std::string& Reader::errorMessage() const { return impl_->error_.message; }

}  // namespace ap::json
