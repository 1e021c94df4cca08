#include "translation/model_file.h"

#include "io/json.h"
#include "io/scene_io.h"
#include "io/text_file.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <sstream>

namespace ap {
namespace {

constexpr const char* kMagic = "attention-playground-seq2seq 1";
// A model of the largest widths the options allow is far below this.
constexpr std::int64_t kMaxFileBytes = 512ll * 1024 * 1024;

std::string vocabularyJson(const Vocabulary& v) {
    std::string out = "[";
    for (int i = 3; i < v.size(); ++i) {
        if (i > 3) out += ',';
        out += json::quote(v.token(i));
    }
    return out + "]";
}

void appendDouble(std::string& out, double value) {
    std::uint64_t bits = std::bit_cast<std::uint64_t>(value);
    for (int b = 0; b < 8; ++b) out += char((bits >> (8 * b)) & 0xFF);
}

double readDouble(const char* p) {
    std::uint64_t bits = 0;
    for (int b = 0; b < 8; ++b) bits |= std::uint64_t(static_cast<unsigned char>(p[b])) << (8 * b);
    return std::bit_cast<double>(bits);
}

bool intField(const json::Value& o, const char* key, int& out) {
    const json::Value* v = o.find(key);
    if (v == nullptr || !v->isNumber() || !v->numberIsInteger) return false;
    out = int(v->number);
    return double(out) == v->number;
}

}  // namespace

std::string modelToBytes(const Seq2SeqModel& model, bool lowercase) {
    const Seq2SeqOptions& o = model.options();
    std::ostringstream header;
    header.precision(17);
    header << "{\"options\":{\"hidden\":" << o.hidden << ",\"embedding\":" << o.embedding
           << ",\"heads\":" << o.heads << ",\"bidirectional\":" << (o.bidirectional ? "true" : "false")
           << ",\"initial_state\":\"" << (o.initialStateFromEncoder ? "encoder" : "zero") << "\""
           << ",\"scoring\":\"" << toString(o.scoring) << "\",\"normalization\":\""
           << toString(o.normalization) << "\",\"temperature\":" << o.temperature << "}"
           << ",\"lowercase\":" << (lowercase ? "true" : "false")
           << ",\"source_vocabulary\":" << vocabularyJson(model.sourceVocabulary())
           << ",\"target_vocabulary\":" << vocabularyJson(model.targetVocabulary())
           << ",\"parameter_count\":" << model.parameters().size() << ",\"parameter_blocks\":[";
    bool first = true;
    for (const ParameterBlock& b : model.parameterBlocks()) {
        header << (first ? "" : ",") << "{\"name\":" << json::quote(b.name) << ",\"rows\":" << b.rows
               << ",\"cols\":" << b.cols << "}";
        first = false;
    }
    header << "]}";
    std::string out = std::string(kMagic) + "\n" + header.str() + "\n";
    out.reserve(out.size() + std::size_t(model.parameters().size()) * 8);
    for (Eigen::Index i = 0; i < model.parameters().size(); ++i) appendDouble(out, model.parameters()(i));
    return out;
}

std::string writeModelFile(const std::string& path, const Seq2SeqModel& model, bool lowercase) {
    return writeFileAtomically(path, modelToBytes(model, lowercase));
}

ModelReadResult parseModel(std::string_view bytes, const std::string& fileName) {
    ModelReadResult r;
    auto fail = [&](const std::string& message) {
        r.error = fileName + ": " + message;
        return r;
    };
    const std::size_t magicEnd = bytes.find('\n');
    if (magicEnd == std::string_view::npos || bytes.substr(0, magicEnd) != kMagic) {
        if (bytes.substr(0, 29) == std::string_view(kMagic).substr(0, 29))
            return fail("unsupported model file version (this build reads version 1)");
        return fail("not a model file (it must start with \"" + std::string(kMagic) + "\")");
    }
    const std::size_t headerEnd = bytes.find('\n', magicEnd + 1);
    if (headerEnd == std::string_view::npos) return fail("the header line is cut short");
    const json::ParseResult parsed = json::parse(bytes.substr(magicEnd + 1, headerEnd - magicEnd - 1));
    if (!parsed.ok)
        return fail("header, column " + std::to_string(parsed.column) + ": " + parsed.error);
    const json::Value& h = parsed.value;
    const json::Value* options = h.find("options");
    if (h.type != json::Type::Object || options == nullptr || options->type != json::Type::Object)
        return fail("the header has no \"options\" object");
    Seq2SeqOptions o;
    if (!intField(*options, "hidden", o.hidden)) return fail("options.hidden: not a whole number");
    if (!intField(*options, "embedding", o.embedding)) return fail("options.embedding: not a whole number");
    if (!intField(*options, "heads", o.heads)) return fail("options.heads: not a whole number");
    const json::Value* bidirectional = options->find("bidirectional");
    if (bidirectional == nullptr || bidirectional->type != json::Type::Bool)
        return fail("options.bidirectional: not true or false");
    o.bidirectional = bidirectional->boolean;
    // Files written before the zero start existed have no such key, and
    // their decoders started from the encoder.
    const json::Value* initialState = options->find("initial_state");
    if (initialState != nullptr &&
        (initialState->type != json::Type::String ||
         (initialState->string != "encoder" && initialState->string != "zero")))
        return fail("options.initial_state: not \"encoder\" or \"zero\"");
    o.initialStateFromEncoder = initialState == nullptr || initialState->string == "encoder";
    const json::Value* scoring = options->find("scoring");
    const json::Value* normalization = options->find("normalization");
    const auto kind = scoring ? scoringFromString(scoring->string) : std::nullopt;
    const auto norm = normalization ? normalizationFromString(normalization->string) : std::nullopt;
    if (!kind) return fail("options.scoring: not a scoring kind");
    if (!norm) return fail("options.normalization: not a normalization kind");
    o.scoring = *kind;
    o.normalization = *norm;
    const json::Value* temperature = options->find("temperature");
    if (temperature == nullptr || !temperature->isNumber()) return fail("options.temperature: not a number");
    o.temperature = temperature->number;
    if (Status valid = validate(o); !valid.ok) return fail("options: " + valid.message);
    const json::Value* lowercase = h.find("lowercase");
    if (lowercase == nullptr || lowercase->type != json::Type::Bool)
        return fail("lowercase: not true or false");
    r.file.lowercase = lowercase->boolean;

    Vocabulary vocabularies[2];
    const char* names[2] = {"source_vocabulary", "target_vocabulary"};
    for (int k = 0; k < 2; ++k) {
        const json::Value* v = h.find(names[k]);
        if (v == nullptr || v->type != json::Type::Array) return fail(std::string(names[k]) + ": not an array");
        for (std::size_t i = 0; i < v->array.size(); ++i) {
            const json::Value& t = v->array[i];
            if (t.type != json::Type::String || t.string.empty())
                return fail(std::string(names[k]) + "[" + std::to_string(i) + "]: not a token");
            if (vocabularies[k].add(t.string) != int(i) + 3)
                return fail(std::string(names[k]) + "[" + std::to_string(i) + "]: " + json::quote(t.string, 40) +
                            " appears twice");
        }
    }
    Seq2SeqModel& model = r.file.model;
    if (Status init = model.initialize(vocabularies[0], vocabularies[1], o); !init.ok) return fail(init.message);
    int count = 0;
    const json::Value* countValue = h.find("parameter_count");
    if (countValue == nullptr || !countValue->isNumber() || !countValue->numberIsInteger)
        return fail("parameter_count: not a whole number");
    if (countValue->number != double(model.parameters().size()))
        return fail("parameter_count is " + std::to_string((long long)countValue->number) +
                    ", but a model of these options and vocabularies has " +
                    std::to_string(model.parameters().size()));
    count = int(model.parameters().size());
    const json::Value* blocks = h.find("parameter_blocks");
    if (blocks == nullptr || blocks->type != json::Type::Array) return fail("parameter_blocks: not an array");
    const std::vector<ParameterBlock>& expected = model.parameterBlocks();
    if (blocks->array.size() != expected.size())
        return fail("parameter_blocks has " + std::to_string(blocks->array.size()) + " blocks, the model has " +
                    std::to_string(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const json::Value& b = blocks->array[i];
        const json::Value* name = b.find("name");
        int rows = 0, cols = 0;
        if (name == nullptr || name->type != json::Type::String || !intField(b, "rows", rows) ||
            !intField(b, "cols", cols))
            return fail("parameter_blocks[" + std::to_string(i) + "]: needs name, rows and cols");
        if (name->string != expected[i].name || rows != expected[i].rows || cols != expected[i].cols)
            return fail("parameter block " + std::to_string(i) + " is " + expected[i].name + " " +
                        std::to_string(expected[i].rows) + " x " + std::to_string(expected[i].cols) +
                        ", the file has " + name->string + " " + std::to_string(rows) + " x " +
                        std::to_string(cols));
    }
    const std::string_view data = bytes.substr(headerEnd + 1);
    if (data.size() != std::size_t(count) * 8)
        return fail("the parameters take " + std::to_string(data.size()) + " bytes, expected " +
                    std::to_string(std::size_t(count) * 8) + " (" + std::to_string(count) + " doubles)");
    for (int i = 0; i < count; ++i) {
        const double value = readDouble(data.data() + std::size_t(i) * 8);
        if (!std::isfinite(value)) return fail("parameter " + std::to_string(i) + " is not a finite number");
        model.parameters()(i) = value;
    }
    r.ok = true;
    return r;
}

ModelReadResult readModelFile(const std::string& path) {
    const Result<std::string> read = readTextFile(path, kMaxFileBytes);
    if (!read.ok) {
        ModelReadResult r;
        r.error = path + ": " + read.error;
        return r;
    }
    return parseModel(read.value, path);
}

}  // namespace ap
