#include "translation/model_file.h"

#include "io/atomic_file.h"
#include "io/json_writer.h"
#include "io/text_file.h"
#include "translation/corpus_split.h"
#include "translation/model_header.h"

#include <zlib.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace ap {
namespace {

constexpr std::string_view kMagicPrefix = "attention-playground-seq2seq ";
constexpr std::string_view kMagic = "attention-playground-seq2seq 2";
constexpr std::string_view kMagicV1 = "attention-playground-seq2seq 1";
// A model of the largest widths the options allow is far below this.
constexpr std::int64_t kMaxFileBytes = 512ll * 1024 * 1024;

void appendDouble(std::string& out, double value) {
    std::uint64_t bits = std::bit_cast<std::uint64_t>(value);
    for (int b = 0; b < 8; ++b) out += char((bits >> (8 * b)) & 0xFF);
}

double readDouble(const char* p) {
    std::uint64_t bits = 0;
    for (int b = 0; b < 8; ++b) bits |= std::uint64_t(static_cast<unsigned char>(p[b])) << (8 * b);
    return std::bit_cast<double>(bits);
}

std::uint32_t crcOf(std::string_view bytes) {
    std::uint32_t crc = 0;
    // crc32_z takes size_t lengths; chunks keep older zlibs happy too.
    for (std::size_t at = 0; at < bytes.size(); at += 1u << 30) {
        const std::size_t n = std::min<std::size_t>(bytes.size() - at, 1u << 30);
        crc = std::uint32_t(crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + at), uInt(n)));
    }
    return crc;
}

// The parameter count Seq2SeqModel::initialize() lays out for these options
// and vocabulary sizes, computed without allocating anything, so that a
// header asking for huge widths or vocabularies is refused by comparing
// with the file's size first. (The block-by-block comparison after
// initialize() still checks every name and shape.)
std::int64_t expectedParameterCount(const Seq2SeqOptions& o, std::int64_t vs, std::int64_t vt) {
    const std::int64_t e = o.embedding, d = o.hidden, heads = o.heads;
    const std::int64_t encoder = o.bidirectional ? d / 2 : d;
    const auto gru = [&](std::int64_t h) { return 3 * h * e + 3 * h * h + 3 * h; };
    std::int64_t n = e * vs + e * vt + gru(encoder) + (o.bidirectional ? gru(encoder) : 0) + gru(d);
    const std::int64_t dh = d / heads;
    if (o.scoring == Scoring::General) n += heads * dh * dh;
    if (o.scoring == Scoring::Additive) n += heads * (2 * dh * dh + dh);
    if (o.scoring == Scoring::Cosine) n += 1;
    return n + vt * 2 * d + vt;
}

void appendWhole(std::string& out, long long v) { out += std::to_string(v); }

void appendShortestDouble(std::string& out, double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, ec == std::errc() ? end : buf);
}

}  // namespace

std::string modelToBytes(const Seq2SeqModel& model, bool lowercase) {
    const Seq2SeqOptions& o = model.options();
    std::string out = std::string(kMagic) + "\n";
    json::Writer w([&](std::string_view chunk) {
        out += chunk;
        return true;
    });
    std::string& h = w.out();
    h += "{\"options\":{\"hidden\":";
    appendWhole(h, o.hidden);
    h += ",\"embedding\":";
    appendWhole(h, o.embedding);
    h += ",\"heads\":";
    appendWhole(h, o.heads);
    h += ",\"bidirectional\":";
    h += o.bidirectional ? "true" : "false";
    h += ",\"initial_state\":";
    w.string(o.initialStateFromEncoder ? "encoder" : "zero");
    h += ",\"scoring\":";
    w.string(toString(o.scoring));
    h += ",\"normalization\":";
    w.string(toString(o.normalization));
    h += ",\"temperature\":";
    appendShortestDouble(h, o.temperature);  // a double: shortest text that reads back exactly
    h += "},\"lowercase\":";
    h += lowercase ? "true" : "false";
    for (const auto& [key, v] : {std::pair{"source_vocabulary", &model.sourceVocabulary()},
                                 std::pair{"target_vocabulary", &model.targetVocabulary()}}) {
        h += ",\"";
        h += key;
        h += "\":[";
        for (int i = 3; i < v->size(); ++i) {
            if (i > 3) h += ',';
            w.string(v->token(i));
            w.flushIfLarge();
        }
        h += ']';
    }
    h += ",\"parameter_count\":";
    appendWhole(h, (long long)model.parameters().size());
    h += ",\"parameter_blocks\":[";
    bool first = true;
    for (const ParameterBlock& b : model.parameterBlocks()) {
        h += first ? "{\"name\":" : ",{\"name\":";
        w.string(b.name);
        h += ",\"rows\":";
        appendWhole(h, (long long)b.rows);
        h += ",\"cols\":";
        appendWhole(h, (long long)b.cols);
        h += '}';
        first = false;
    }
    h += "]}\n";
    w.finish();
    out.reserve(out.size() + std::size_t(model.parameters().size()) * 8 + 4);
    for (Eigen::Index i = 0; i < model.parameters().size(); ++i) appendDouble(out, model.parameters()(i));
    const std::uint32_t crc = crcOf(out);
    for (int b = 0; b < 4; ++b) out += char((crc >> (8 * b)) & 0xFF);
    return out;
}

Status writeModelFile(const std::string& path, const Seq2SeqModel& model, bool lowercase) {
    return writeFileAtomically(path, modelToBytes(model, lowercase));
}

ModelReadResult parseModel(std::string_view bytes, const std::string& fileName) {
    auto fail = [&](const std::string& message) { return ModelReadResult::failure(fileName + ": " + message); };
    const std::size_t magicEnd = bytes.find('\n');
    const std::string_view magic = bytes.substr(0, magicEnd == std::string_view::npos ? 0 : magicEnd);
    if (magic != kMagic && magic != kMagicV1) {
        if (bytes.substr(0, kMagicPrefix.size()) == kMagicPrefix)
            return fail("unsupported model file version (this build reads versions 1 and 2)");
        return fail("not a model file (it must start with \"" + std::string(kMagic) + "\")");
    }
    // Version 2 ends in a CRC-32 of everything before it; version 1 has none.
    const bool checksummed = magic == kMagic;
    if (checksummed && bytes.size() < magicEnd + 1 + 4) return fail("the file is cut short");
    const std::string_view body = checksummed ? bytes.substr(0, bytes.size() - 4) : bytes;
    const std::size_t headerEnd = body.find('\n', magicEnd + 1);
    if (headerEnd == std::string_view::npos) return fail("the header line is cut short");
    const std::string_view data = body.substr(headerEnd + 1);

    // Sizes first, from the file itself: nothing below allocates more than
    // the file's own parameters can justify.
    const std::string_view headerLine = body.substr(magicEnd + 1, headerEnd - magicEnd - 1);
    ModelHeader h;
    if (Status err = parseModelHeader(headerLine, std::int64_t(data.size() / 8), h); !err) return fail(err.message);
    const std::int64_t expected = expectedParameterCount(h.options, h.vocabularies[0].size(), h.vocabularies[1].size());
    if (h.parameterCount != expected)
        return fail("parameter_count is " + std::to_string(h.parameterCount) +
                    ", but a model of these options and vocabularies has " + std::to_string(expected));
    if (data.size() != std::size_t(expected) * 8)
        return fail("the parameters take " + std::to_string(data.size()) + " bytes, expected " +
                    std::to_string(expected * 8) + " (" + std::to_string(expected) + " doubles)");

    ModelFile file;
    Seq2SeqModel& model = file.model;
    if (Status init = model.initialize(h.vocabularies[0], h.vocabularies[1], h.options); !init.ok)
        return fail(init.message);
    if (model.parameters().size() != expected)
        return fail("a model of these options has " + std::to_string(model.parameters().size()) +
                    " parameters, this reader expected " + std::to_string(expected));
    const std::vector<ParameterBlock>& blocks = model.parameterBlocks();
    if (h.blocks.size() != blocks.size())
        return fail("parameter_blocks has " + std::to_string(h.blocks.size()) + " blocks, the model has " +
                    std::to_string(blocks.size()));
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const ModelHeader::Block& b = h.blocks[i];
        if (b.name != blocks[i].name || b.rows != blocks[i].rows || b.cols != blocks[i].cols)
            return fail("parameter block " + std::to_string(i) + " is " + blocks[i].name + " " +
                        std::to_string(blocks[i].rows) + " x " + std::to_string(blocks[i].cols) + ", the file has " +
                        b.name + " " + std::to_string(b.rows) + " x " + std::to_string(b.cols));
    }
    if (checksummed) {
        const std::string_view stored = bytes.substr(bytes.size() - 4);
        std::uint32_t crc = 0;
        for (int b = 0; b < 4; ++b) crc |= std::uint32_t(static_cast<unsigned char>(stored[std::size_t(b)])) << (8 * b);
        if (crc != crcOf(body)) return fail("the checksum does not match: the file is damaged");
    }
    file.lowercase = h.lowercase;
    for (std::int64_t i = 0; i < expected; ++i) {
        const double value = readDouble(data.data() + std::size_t(i) * 8);
        if (!std::isfinite(value)) return fail("parameter " + std::to_string(i) + " is not a finite number");
        model.parameters()(Eigen::Index(i)) = value;
    }
    return ModelReadResult::success(std::move(file));
}

std::vector<std::string> matchSourceWords(const Seq2SeqModel& model, bool lowercase, std::vector<std::string> words) {
    const Vocabulary& v = model.sourceVocabulary();
    for (std::string& w : words) {
        if (lowercase) {
            w = ap::lowercase(w);
            continue;
        }
        if (v.contains(w)) continue;
        const std::string folded = ap::lowercase(w);
        for (int id = 3; id < v.size(); ++id)
            if (ap::lowercase(v.token(id)) == folded) {
                w = v.token(id);
                break;
            }
    }
    return words;
}

ModelReadResult readModelFile(const std::string& path) {
    const Result<std::string> read = readTextFile(path, kMaxFileBytes);
    if (!read.ok) return ModelReadResult::failure(path + ": " + read.error);
    return parseModel(read.value, path);
}

}  // namespace ap
