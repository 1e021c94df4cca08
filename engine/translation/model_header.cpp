#include "translation/model_header.h"

#include "io/json.h"

#include <climits>
#include <cstdint>

namespace ap {
namespace {

// More blocks than any model of the options can have (16 heads).
constexpr std::size_t kMaxBlocks = 1024;

// The keys the header has given so far.
struct Seen {
    bool hidden = false, embedding = false, heads = false, bidirectional = false, initialState = false, scoring = false,
         normalization = false, temperature = false, lowercase = false, count = false, blocks = false;
    bool vocabulary[2] = {false, false};
};

class HeaderParser {
public:
    HeaderParser(std::string_view text, std::int64_t maxTokens) : reader_(text), maxTokens_(maxTokens) {}

    // The keys parse() has met, for the caller's check that none is missing.
    Seen seen;

    // Fails with the message (without the file name).
    Status parse(ModelHeader& h) {
        if (reader_.next() != json::Event::ObjectBegin) return fail("the header is not a JSON object");
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ObjectEnd) break;
            if (e != json::Event::Key) return fail("the header is not a JSON object");
            const std::string key = reader_.key();
            Status err;
            if (key == "options") {
                err = options(h);
            } else if (key == "lowercase") {
                err = boolean("lowercase", h.lowercase);
                seen.lowercase = true;
            } else if (key == "source_vocabulary" || key == "target_vocabulary") {
                const int k = key == "source_vocabulary" ? 0 : 1;
                err = vocabulary(key, h.vocabularies[k]);
                seen.vocabulary[k] = true;
            } else if (key == "parameter_count") {
                err = whole("parameter_count", std::int64_t(1) << 40, h.parameterCount);
                seen.count = true;
            } else if (key == "parameter_blocks") {
                err = blocks(h.blocks);
                seen.blocks = true;
            } else {
                return fail("unknown key " + json::quote(key, 40) + " in the header");
            }
            if (!err) return err;
        }
        if (reader_.next() != json::Event::End) return fail("text after the header object");
        return {};
    }

private:
    Status fail(const std::string& message) {
        if (reader_.errorMessage().empty()) return Status::error(message);
        return Status::error("header, byte " + std::to_string(reader_.errorOffset()) + ": " + reader_.errorMessage());
    }
    Status whole(const std::string& name, std::int64_t max, std::int64_t& out) {
        if (reader_.next() != json::Event::Scalar) return fail(name + ": not a whole number");
        const json::Value& v = reader_.scalar();
        // Compared as doubles before any conversion: 9223372036854775808
        // must not reach an integer cast.
        if (!v.isNumber() || !v.numberIsInteger || !(v.number >= 0) || v.number > double(max))
            return fail(name + ": not a whole number from 0 to " + std::to_string(max));
        out = std::int64_t(v.number);
        return {};
    }
    Status wholeInt(const std::string& name, int& out) {
        std::int64_t v = 0;
        if (Status err = whole(name, INT_MAX, v); !err) return err;
        out = int(v);
        return {};
    }
    Status boolean(const std::string& name, bool& out) {
        if (reader_.next() != json::Event::Scalar || reader_.scalar().type != json::Type::Bool)
            return fail(name + ": not true or false");
        out = reader_.scalar().boolean;
        return {};
    }
    Status string(const std::string& name, std::string& out) {
        if (reader_.next() != json::Event::Scalar || reader_.scalar().type != json::Type::String)
            return fail(name + ": not a string");
        out = reader_.scalar().string;
        return {};
    }
    Status options(ModelHeader& h) {
        if (reader_.next() != json::Event::ObjectBegin) return fail("options: not an object");
        Seq2SeqOptions& o = h.options;
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ObjectEnd) return {};
            if (e != json::Event::Key) return fail("options: not an object");
            const std::string key = reader_.key();
            Status err;
            std::string text;
            if (key == "hidden") {
                err = wholeInt("options.hidden", o.hidden);
                seen.hidden = true;
            } else if (key == "embedding") {
                err = wholeInt("options.embedding", o.embedding);
                seen.embedding = true;
            } else if (key == "heads") {
                err = wholeInt("options.heads", o.heads);
                seen.heads = true;
            } else if (key == "bidirectional") {
                err = boolean("options.bidirectional", o.bidirectional);
                seen.bidirectional = true;
            } else if (key == "initial_state") {
                err = string("options.initial_state", text);
                if (err.ok && text != "encoder" && text != "zero")
                    err = fail("options.initial_state: not \"encoder\" or \"zero\"");
                o.initialStateFromEncoder = text == "encoder";
                seen.initialState = true;
            } else if (key == "scoring") {
                err = string("options.scoring", text);
                const auto kind = scoringFromString(text);
                if (err.ok && !kind) err = fail("options.scoring: not a scoring kind");
                if (kind) o.scoring = *kind;
                seen.scoring = true;
            } else if (key == "normalization") {
                err = string("options.normalization", text);
                const auto kind = normalizationFromString(text);
                if (err.ok && !kind) err = fail("options.normalization: not a normalization kind");
                if (kind) o.normalization = *kind;
                seen.normalization = true;
            } else if (key == "temperature") {
                if (reader_.next() != json::Event::Scalar || !reader_.scalar().isNumber())
                    return fail("options.temperature: not a number");
                o.temperature = reader_.scalar().number;
                seen.temperature = true;
            } else {
                return fail("unknown key " + json::quote(key, 40) + " in options");
            }
            if (!err) return err;
        }
    }
    Status vocabulary(const std::string& name, Vocabulary& v) {
        if (reader_.next() != json::Event::ArrayBegin) return fail(name + ": not an array");
        for (std::size_t i = 0;; ++i) {
            const json::Event e = reader_.next();
            if (e == json::Event::ArrayEnd) return {};
            const std::string at = name + "[" + std::to_string(i) + "]";
            if (e != json::Event::Scalar || reader_.scalar().type != json::Type::String ||
                reader_.scalar().string.empty())
                return fail(at + ": not a token");
            // Every token has at least one embedding parameter in the file.
            if (++tokens_ > maxTokens_)
                return fail(name + ": more tokens than the file has parameters for (" + std::to_string(maxTokens_) +
                            ")");
            if (v.add(reader_.scalar().string) != int(i) + 3)
                return fail(at + ": " + json::quote(reader_.scalar().string, 40) + " appears twice");
        }
    }
    Status blocks(std::vector<ModelHeader::Block>& out) {
        if (reader_.next() != json::Event::ArrayBegin) return fail("parameter_blocks: not an array");
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ArrayEnd) return {};
            const std::string at = "parameter_blocks[" + std::to_string(out.size()) + "]";
            if (out.size() >= kMaxBlocks) return fail("parameter_blocks: more than " + std::to_string(kMaxBlocks));
            if (e != json::Event::ObjectBegin) return fail(at + ": needs name, rows and cols");
            ModelHeader::Block b;
            for (;;) {
                const json::Event m = reader_.next();
                if (m == json::Event::ObjectEnd) break;
                if (m != json::Event::Key) return fail(at + ": needs name, rows and cols");
                const std::string key = reader_.key();
                Status err;
                if (key == "name")
                    err = string(at + ".name", b.name);
                else if (key == "rows")
                    err = whole(at + ".rows", INT_MAX, b.rows);
                else if (key == "cols")
                    err = whole(at + ".cols", INT_MAX, b.cols);
                else
                    return fail("unknown key " + json::quote(key, 40) + " in " + at);
                if (!err) return err;
            }
            if (b.name.empty() || b.rows < 0 || b.cols < 0) return fail(at + ": needs name, rows and cols");
            out.push_back(std::move(b));
        }
    }

    json::Reader reader_;
    std::int64_t maxTokens_;
    std::int64_t tokens_ = 0;
};

}  // namespace

Status parseModelHeader(std::string_view text, std::int64_t maxTokens, ModelHeader& h) {
    HeaderParser parser(text, maxTokens);
    if (Status err = parser.parse(h); !err) return err;
    const Seen& seen = parser.seen;
    if (!seen.hidden) return Status::error("options.hidden: not a whole number");
    if (!seen.embedding) return Status::error("options.embedding: not a whole number");
    if (!seen.heads) return Status::error("options.heads: not a whole number");
    if (!seen.bidirectional) return Status::error("options.bidirectional: not true or false");
    if (!seen.scoring) return Status::error("options.scoring: not a scoring kind");
    if (!seen.normalization) return Status::error("options.normalization: not a normalization kind");
    if (!seen.temperature) return Status::error("options.temperature: not a number");
    // Files written before the zero start existed have no such key, and
    // their decoders started from the encoder.
    if (!seen.initialState) h.options.initialStateFromEncoder = true;
    if (Status valid = validate(h.options); !valid.ok) return Status::error("options: " + valid.message);
    if (!seen.lowercase) return Status::error("lowercase: not true or false");
    if (!seen.vocabulary[0]) return Status::error("source_vocabulary: not an array");
    if (!seen.vocabulary[1]) return Status::error("target_vocabulary: not an array");
    if (!seen.count) return Status::error("parameter_count: not a whole number");
    if (!seen.blocks) return Status::error("parameter_blocks: not an array");
    return {};
}

}  // namespace ap
