#include "import/bertviz_reader.h"

#include "io/json.h"

#include <cmath>
#include <string_view>
#include <vector>

namespace ap::import {
namespace {

// The layouts "attention" may have, for the message when it has neither.
constexpr const char* kLayouts =
    "\"attention\" must be [layers][heads][queries][keys] numbers (optionally [layers][1][heads]...) or "
    "BertViz's head-view list of {\"name\", \"attn\", \"left_text\", \"right_text\"} objects";

// Reads the document with the engine's pull reader (so the BOM and UTF-8
// rules are those of every other JSON file): the numbers of the attention
// go straight into one float32 buffer, nothing else is kept but the tokens.
class BertVizParser {
public:
    explicit BertVizParser(std::string_view text) : text_(text), reader_(text, 16) {}

    std::string error;
    std::vector<float> values;
    std::vector<std::int64_t> dims;
    bool haveAttention = false;
    std::vector<std::string> tokens, left, right;

    bool document() {
        if (reader_.next() != json::Event::ObjectBegin) return fail("expected a JSON object with an \"attention\" key");
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ObjectEnd) break;
            if (e != json::Event::Key) return fail("expected a key");
            const std::string key = reader_.key();
            if (key == "attention") {
                haveAttention = true;
                if (!attention()) return false;
            } else if (key == "tokens" || key == "left_text" || key == "right_text") {
                if (!stringList(key, key == "tokens" ? tokens : key == "left_text" ? left : right)) return false;
            } else if (!skipValue(reader_.next())) {
                return false;
            }
        }
        if (reader_.next() != json::Event::End) return fail("unexpected text after the JSON object");
        return true;
    }

private:
    bool fail(const std::string& message) {
        if (!error.empty()) return false;
        const std::size_t at = reader_.errorMessage().empty() ? reader_.offset() : reader_.errorOffset();
        error = (reader_.errorMessage().empty() ? message : message + ": " + reader_.errorMessage()) +
                " at byte offset " + std::to_string(at);
        return false;
    }
    // A syntax error of the reader, named by where it happened.
    bool failRead(const std::string& where) {
        const std::string_view rest = text_.substr(std::min(reader_.errorOffset(), text_.size()));
        if (rest.starts_with("NaN") || rest.starts_with("nan")) return failPlain(where + ": NaN");
        if (rest.starts_with("Infinity") || rest.starts_with("-Infinity")) return failPlain(where + ": an infinity");
        return fail(where);
    }
    bool failPlain(const std::string& message) {
        if (error.empty()) error = message + " at byte offset " + std::to_string(reader_.errorOffset());
        return false;
    }
    std::string pathText() const {
        std::string s = "attention";
        for (std::int64_t i : path_) {  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "[" + ...
            s += '[';
            s += std::to_string(i);
            s += ']';
        }
        return s;
    }
    bool skipValue(json::Event e) {
        if (e == json::Event::Scalar) return true;
        if (e != json::Event::ObjectBegin && e != json::Event::ArrayBegin) return fail("expected a value");
        for (int depth = 1; depth > 0;) {
            const json::Event n = reader_.next();
            if (n == json::Event::ObjectBegin || n == json::Event::ArrayBegin) ++depth;
            if (n == json::Event::ObjectEnd || n == json::Event::ArrayEnd) --depth;
            if (n == json::Event::Error || n == json::Event::End) return fail("bad JSON");
        }
        return true;
    }
    bool stringList(const std::string& key, std::vector<std::string>& out) {
        out.clear();
        if (reader_.next() != json::Event::ArrayBegin) return fail("\"" + key + "\" must be a list of strings");
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ArrayEnd) return true;
            if (e != json::Event::Scalar || reader_.scalar().type != json::Type::String)
                return fail("\"" + key + "\"[" + std::to_string(out.size()) + "] is not a string");
            if (reader_.scalar().string.size() > std::size_t(limits::kMaxTokenBytes))
                return fail("\"" + key + "\"[" + std::to_string(out.size()) + "]: longer than " +
                            std::to_string(limits::kMaxTokenBytes) + " bytes");
            out.push_back(std::move(reader_.scalar().string));
            if (out.size() > std::size_t(limits::kMaxTokens)) return fail("\"" + key + "\" has too many tokens");
        }
    }
    // "attention": nested numbers, or the head view's list of objects (the
    // first one is read: bertviz puts the whole attention, "all", first).
    bool attention() {
        const json::Event open = reader_.next();
        if (open == json::Event::Error) return failRead("attention");
        if (open != json::Event::ArrayBegin) return fail(kLayouts);
        const json::Event first = reader_.next();
        if (first == json::Event::ObjectBegin) {
            bool read = false;
            for (json::Event e = first;; e = reader_.next()) {
                if (e == json::Event::ArrayEnd) break;
                if (e != json::Event::ObjectBegin) return fail(kLayouts);
                if (!read ? !headViewEntry() : !skipValue(e)) return false;
                read = true;
            }
            return true;
        }
        return tensorAfterOpen(0, first);
    }
    bool headViewEntry() {
        bool haveAttn = false;
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ObjectEnd) break;
            if (e != json::Event::Key) return fail("expected a key");
            const std::string key = reader_.key();
            if (key == "attn") {
                const json::Event open = reader_.next();
                if (open != json::Event::ArrayBegin)
                    return fail("\"attn\" must be [layers][heads][queries][keys] numbers");
                haveAttn = true;
                if (!tensorAfterOpen(0, reader_.next())) return false;
            } else if (key == "left_text" || key == "right_text") {
                if (!stringList(key, key == "left_text" ? left : right)) return false;
            } else if (!skipValue(reader_.next())) {
                return false;
            }
        }
        if (!haveAttn) return fail("the first \"attention\" entry has no \"attn\" (" + std::string(kLayouts) + ")");
        return true;
    }
    // A list whose '[' has been read; `e` is the event after it.
    bool tensorAfterOpen(std::size_t depth, json::Event e) {
        if (depth >= 6) return fail(pathText() + ": more than 6 nested lists");
        if (dims.size() <= depth) dims.resize(depth + 1, -1);
        std::int64_t count = 0;
        path_.push_back(0);
        for (;; e = reader_.next()) {
            if (e == json::Event::ArrayEnd) break;
            path_.back() = count;
            if (e == json::Event::ArrayBegin) {
                if (leafDepth_ >= 0 && std::int64_t(depth) + 1 > leafDepth_)
                    return fail(pathText() + ": a list where a number was expected (ragged lists)");
                if (!tensorAfterOpen(depth + 1, reader_.next())) return false;
            } else if (e == json::Event::Scalar && reader_.scalar().isNumber()) {
                if (leafDepth_ < 0) leafDepth_ = std::int64_t(depth);
                if (leafDepth_ != std::int64_t(depth))
                    return fail(pathText() + ": a number where a list was expected (ragged lists)");
                const float f = reader_.scalar().numberFloat;
                if (!std::isfinite(f)) return fail(pathText() + ": beyond the float32 range");
                values.push_back(f);
            } else if (e == json::Event::Error) {
                return failRead(pathText());
            } else {
                return fail(pathText() + ": not a number (" + std::string(kLayouts) + ")");
            }
            ++count;
        }
        path_.pop_back();
        if (dims[depth] < 0)
            dims[depth] = count;
        else if (dims[depth] != count)
            return fail(pathText() + ": " + std::to_string(count) + " entries where the lists before it have " +
                        std::to_string(dims[depth]) + " (ragged lists)");
        return true;
    }

    std::string_view text_;
    json::Reader reader_;
    std::vector<std::int64_t> path_;
    std::int64_t leafDepth_ = -1;
};

}  // namespace

ReadResult readBertViz(const ByteSource& bytes, const std::string& fileName) {
    const auto fail = [&](const std::string& message) { return readFailure(fileName, message); };
    BertVizParser parser(std::string_view(reinterpret_cast<const char*>(bytes.data), bytes.size));
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
    if (Status s = assignShape(dims, *t); !s) return fail("\"attention\": " + s.message);
    auto buffer = std::make_shared<std::vector<float>>(std::move(parser.values));
    t->data = reinterpret_cast<const unsigned char*>(buffer->data());
    t->owner = buffer;
    t->dtype = DType::F32;
    t->offsetIn = "the parsed \"attention\" values";
    return finishRead(std::move(t), fileName, "bertviz", "attention", std::move(parser.tokens), "\"tokens\"",
                      std::move(parser.left), std::move(parser.right));
}

}  // namespace ap::import
