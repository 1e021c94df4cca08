#include "import/bertviz_reader.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

namespace ap::import {
namespace {

class Parser {
public:
    Parser(const char* p, std::size_t n) : begin_(p), p_(p), end_(p + n) {}

    std::string error;
    std::vector<float> values;
    std::vector<std::int64_t> dims;
    bool haveAttention = false;
    std::vector<std::string> tokens, left, right;

    bool document() {
        skip();
        if (!eat('{')) return fail("expected a JSON object with an \"attention\" key");
        skip();
        if (eat('}')) return finish();
        for (;;) {
            skip();
            std::string key;
            if (!string(key)) return false;
            skip();
            if (!eat(':')) return fail("expected ':' after a key");
            skip();
            if (key == "attention") {
                if (haveAttention) return fail("\"attention\" given twice");
                haveAttention = true;
                if (p_ >= end_ || *p_ != '[') return fail("\"attention\" must be a nested list of numbers");
                path_.clear();
                if (!tensor(0)) return false;
            } else if (key == "tokens" || key == "left_text" || key == "right_text") {
                std::vector<std::string>& list = key == "tokens" ? tokens : key == "left_text" ? left : right;
                if (!stringList(key, list)) return false;
            } else if (!skipValue(0)) {
                return false;
            }
            skip();
            if (eat(',')) continue;
            if (eat('}')) return finish();
            return fail("expected ',' or '}'");
        }
    }

    std::size_t offset() const { return std::size_t(p_ - begin_); }

private:
    bool finish() {
        skip();
        if (p_ != end_) return fail("unexpected text after the JSON object");
        return true;
    }
    bool fail(const std::string& message) {
        if (error.empty()) error = message + " at byte offset " + std::to_string(offset());
        return false;
    }
    void skip() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }
    bool eat(char c) {
        if (p_ < end_ && *p_ == c) {
            ++p_;
            return true;
        }
        return false;
    }
    std::string pathText() const {
        std::string s = "attention";
        for (std::int64_t i : path_) s += "[" + std::to_string(i) + "]";
        return s;
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    bool hex4(std::uint32_t& v) {
        if (end_ - p_ < 4) return fail("truncated \\u escape");
        v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hex(*p_++);
            if (h < 0) return fail("bad \\u escape");
            v = v * 16 + std::uint32_t(h);
        }
        return true;
    }
    bool string(std::string& out) {
        if (!eat('"')) return fail("expected a string");
        for (;;) {
            if (p_ >= end_) return fail("unterminated string");
            const char c = *p_++;
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
            if (out.size() > std::size_t(limits::kMaxTokenBytes))
                return fail("string longer than " + std::to_string(limits::kMaxTokenBytes) + " bytes");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (p_ >= end_) return fail("unterminated string");
            const char e = *p_++;
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                std::uint32_t v = 0;
                if (!hex4(v)) return false;
                if (v >= 0xD800 && v <= 0xDBFF) {
                    std::uint32_t lo = 0;
                    if (!eat('\\') || !eat('u') || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return fail("unpaired surrogate in a \\u escape");
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                }
                if (!appendUtf8(v, out)) return fail("unpaired surrogate in a \\u escape");
                break;
            }
            default: return fail("bad escape in a string");
            }
        }
    }
    bool stringList(const std::string& key, std::vector<std::string>& out) {
        out.clear();
        if (!eat('[')) return fail("\"" + key + "\" must be a list of strings");
        skip();
        if (eat(']')) return true;
        for (;;) {
            skip();
            std::string s;
            if (p_ < end_ && *p_ != '"')
                return fail("\"" + key + "\"[" + std::to_string(out.size()) + "] is not a string");
            if (!string(s)) return false;
            out.push_back(std::move(s));
            if (out.size() > std::size_t(limits::kMaxTokens)) return fail("\"" + key + "\" has too many tokens");
            skip();
            if (eat(',')) continue;
            if (eat(']')) return true;
            return fail("expected ',' or ']' in \"" + key + "\"");
        }
    }
    // A JSON number; NaN and Infinity (which Python's json module writes)
    // are named as such.
    bool number(double& v) {
        const char* start = p_;
        for (const char* w : {"NaN", "Infinity", "-Infinity"})
            if (std::size_t(end_ - p_) >= std::strlen(w) && std::memcmp(p_, w, std::strlen(w)) == 0)
                return fail(pathText() + ": " + (w[0] == 'N' ? "NaN" : "an infinity"));
        if (p_ < end_ && *p_ == '-') ++p_;
        if (p_ >= end_ || *p_ < '0' || *p_ > '9') {
            p_ = start;
            return fail(pathText() + ": not a number");
        }
        while (p_ < end_ &&
               ((*p_ >= '0' && *p_ <= '9') || *p_ == '.' || *p_ == 'e' || *p_ == 'E' || *p_ == '+' || *p_ == '-'))
            ++p_;
        const auto r = std::from_chars(start, p_, v);
        if (r.ec != std::errc() || r.ptr != p_) {
            p_ = start;
            return fail(pathText() + ": not a number");
        }
        return true;
    }
    bool tensor(std::size_t depth) {
        if (depth >= 6) return fail(pathText() + ": more than 6 nested lists");
        ++p_;  // '['
        if (dims.size() <= depth) dims.resize(depth + 1, -1);
        std::int64_t count = 0;
        skip();
        if (!eat(']')) {
            path_.push_back(0);
            for (;;) {
                skip();
                path_.back() = count;
                if (p_ < end_ && *p_ == '[') {
                    if (leafDepth_ >= 0 && std::int64_t(depth) + 1 > leafDepth_)
                        return fail(pathText() + ": a list where a number was expected (ragged lists)");
                    if (!tensor(depth + 1)) return false;
                } else {
                    if (leafDepth_ < 0) leafDepth_ = std::int64_t(depth);
                    if (leafDepth_ != std::int64_t(depth))
                        return fail(pathText() + ": a number where a list was expected (ragged lists)");
                    double v = 0;
                    if (!number(v)) return false;
                    const float f = float(v);
                    if (!std::isfinite(f)) return fail(pathText() + ": beyond the float32 range");
                    values.push_back(f);
                }
                ++count;
                skip();
                if (eat(',')) continue;
                if (eat(']')) break;
                return fail(pathText() + ": expected ',' or ']'");
            }
            path_.pop_back();
        }
        if (dims[depth] < 0)
            dims[depth] = count;
        else if (dims[depth] != count)
            return fail(pathText() + ": " + std::to_string(count) + " entries where the lists before it have " +
                        std::to_string(dims[depth]) + " (ragged lists)");
        return true;
    }
    bool skipValue(int depth) {
        if (depth > 64) return fail("nested too deeply");
        skip();
        if (p_ >= end_) return fail("unexpected end of the data");
        if (*p_ == '"') {
            // Strings elsewhere may be long; they are only skipped.
            ++p_;
            while (p_ < end_ && *p_ != '"') {
                if (*p_ == '\\') ++p_;
                ++p_;
            }
            if (p_ >= end_) return fail("unterminated string");
            ++p_;
            return true;
        }
        if (*p_ == '{' || *p_ == '[') {
            const char close = *p_ == '{' ? '}' : ']';
            const bool object = *p_ == '{';
            ++p_;
            skip();
            if (eat(close)) return true;
            for (;;) {
                skip();
                if (object) {
                    if (!skipValue(depth + 1)) return false;
                    skip();
                    if (!eat(':')) return fail("expected ':'");
                }
                if (!skipValue(depth + 1)) return false;
                skip();
                if (eat(',')) continue;
                if (eat(close)) return true;
                return fail("expected ',' or a closing bracket");
            }
        }
        for (const char* w : {"true", "false", "null"})
            if (std::size_t(end_ - p_) >= std::strlen(w) && std::memcmp(p_, w, std::strlen(w)) == 0) {
                p_ += std::strlen(w);
                return true;
            }
        double v;
        path_.clear();
        return number(v);
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    std::vector<std::int64_t> path_;
    std::int64_t leafDepth_ = -1;
};

}  // namespace

ReadResult readBertViz(const ByteSource& bytes, const std::string& fileName) {
    ReadResult r;
    const auto fail = [&](const std::string& message) {
        r.error = fileName + ": " + message;
        return r;
    };
    Parser parser(reinterpret_cast<const char*>(bytes.data), bytes.size);
    if (!parser.document()) return fail(parser.error);
    if (!parser.haveAttention) return fail("no \"attention\" key");
    std::vector<std::int64_t> dims = parser.dims;
    if (parser.values.empty()) return fail("\"attention\" holds no numbers");
    std::int64_t product = 1;
    for (std::int64_t d : dims) product *= d < 0 ? 0 : d;
    if (product != std::int64_t(parser.values.size()))
        return fail("\"attention\": lists nested to different depths (ragged lists)");
    // bertviz takes one [batch, heads, q, k] tensor per layer.
    if (dims.size() == 5 && dims[1] == 1 && dims[0] != 1) dims.erase(dims.begin() + 1);
    auto t = std::make_shared<AttentionTensor>();
    std::string err = assignShape(dims, *t);
    if (!err.empty()) return fail("\"attention\": " + err);
    err = assignTokens(*t, std::move(parser.tokens), "\"tokens\"", std::move(parser.left), std::move(parser.right));
    if (!err.empty()) return fail(err);
    auto buffer = std::make_shared<std::vector<float>>(std::move(parser.values));
    t->data = reinterpret_cast<const unsigned char*>(buffer->data());
    t->owner = buffer;
    t->dtype = DType::F32;
    t->offsetIn = "the parsed \"attention\" values";
    t->fileName = fileName;
    t->format = "bertviz";
    t->arrayName = "attention";
    r.ok = true;
    r.tensor = std::move(t);
    return r;
}

}  // namespace ap::import
