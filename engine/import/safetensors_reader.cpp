#include "import/safetensors_reader.h"

#include "io/json.h"

#include <string_view>

namespace ap::import {
namespace {

// A JSON list of token strings held in a metadata string, read with the
// pull reader so that a list of millions of numbers costs nothing.
Status parseTokenList(const std::string& text, const std::string& key, std::vector<std::string>& out) {
    const std::string where = "__metadata__[\"" + key + "\"]";
    json::Reader reader(text, 4);
    if (reader.next() != json::Event::ArrayBegin) return Status::error(where + ": not a JSON list of strings");
    for (;;) {
        const json::Event e = reader.next();
        if (e == json::Event::ArrayEnd) break;
        if (e == json::Event::Error)
            return Status::error(where + ": not a JSON list of strings (" + reader.errorMessage() + ")");
        if (e != json::Event::Scalar || reader.scalar().type != json::Type::String)
            return Status::error(where + "[" + std::to_string(out.size()) + "]: not a string");
        if (out.size() >= std::size_t(limits::kMaxTokens))
            return Status::error(where + ": more than " + std::to_string(limits::kMaxTokens) + " tokens");
        if (reader.scalar().string.size() > std::size_t(limits::kMaxTokenBytes))
            return Status::error(where + "[" + std::to_string(out.size()) + "]: token too long");
        out.push_back(std::move(reader.scalar().string));
    }
    if (reader.next() != json::Event::End) return Status::error(where + ": not a JSON list of strings");
    return {};
}

// What the header says about one tensor; only the numbers are kept.
struct TensorEntry {
    std::string name;
    bool isObject = false, haveDtype = false, haveShape = false, offsetsOk = false, shapeOk = true;
    std::string dtype;
    std::vector<std::int64_t> shape;
    std::uint64_t offsets[2] = {0, 0};
};

// The header read with the JSON pull reader, one event at a time: a header
// of 16 MiB (the limit) costs its own bytes, not a tree of them. Keeps the
// entry of "attentions" (or of the only tensor) and the token strings.
class HeaderReader {
public:
    explicit HeaderReader(std::string_view text) : text_(text), reader_(text, 8) {}

    TensorEntry attentions, first;
    bool haveAttentions = false;
    int tensors = 0;
    bool haveMetadata = false, metadataIsObject = true;
    std::string metaError;
    std::vector<std::pair<std::string, std::string>> tokenStrings;  // key -> JSON text

    Status read() {
        if (reader_.next() != json::Event::ObjectBegin) return syntaxOr("header is not a JSON object");
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ObjectEnd) break;
            if (e != json::Event::Key) return syntaxOr("header is not a JSON object");
            const std::string key = reader_.key();
            if (key == "__metadata__") {
                haveMetadata = true;
                if (Status s = metadata(); !s) return s;
                continue;
            }
            ++tensors;
            TensorEntry entry;
            entry.name = key;
            if (Status s = tensor(entry); !s) return s;
            if (key == "attentions") {
                attentions = std::move(entry);
                haveAttentions = true;
            } else if (tensors == 1 || first.name.empty()) {
                first = std::move(entry);
            }
        }
        if (reader_.next() != json::Event::End) return syntaxOr("text after the header object");
        return {};
    }

private:
    // `message`, or the JSON reader's own when the text does not parse.
    Status syntaxOr(const std::string& message) {
        if (reader_.errorMessage().empty()) return Status::error(message);
        const json::Location at = json::locate(text_, reader_.errorOffset());
        return Status::error("header JSON does not parse at line " + std::to_string(at.line) + ", column " +
                             std::to_string(at.column) + ": " + reader_.errorMessage());
    }
    Status skip(json::Event e) {
        if (e == json::Event::Scalar) return {};
        if (e != json::Event::ObjectBegin && e != json::Event::ArrayBegin) return syntaxOr("header: expected a value");
        for (int depth = 1; depth > 0;) {
            const json::Event n = reader_.next();
            if (n == json::Event::ObjectBegin || n == json::Event::ArrayBegin) ++depth;
            if (n == json::Event::ObjectEnd || n == json::Event::ArrayEnd) --depth;
            if (n == json::Event::Error || n == json::Event::End) return syntaxOr("header: bad JSON");
        }
        return {};
    }
    Status metadata() {
        const json::Event open = reader_.next();
        if (open != json::Event::ObjectBegin) {
            metadataIsObject = false;
            return skip(open);
        }
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ObjectEnd) return {};
            if (e != json::Event::Key) return syntaxOr("__metadata__ is not an object");
            const std::string key = reader_.key();
            const json::Event v = reader_.next();
            if (key != "tokens" && key != "query_tokens" && key != "key_tokens") {
                if (Status s = skip(v); !s) return s;
                continue;
            }
            if (v != json::Event::Scalar || reader_.scalar().type != json::Type::String) {
                if (metaError.empty())
                    metaError = "__metadata__[\"" + key + "\"]: must be a string holding a JSON list";
                if (Status s = skip(v); !s) return s;
                continue;
            }
            tokenStrings.emplace_back(key, std::move(reader_.scalar().string));
        }
    }
    Status tensor(TensorEntry& t) {
        const json::Event open = reader_.next();
        if (open != json::Event::ObjectBegin) return skip(open);
        t.isObject = true;
        for (;;) {
            const json::Event e = reader_.next();
            if (e == json::Event::ObjectEnd) return {};
            if (e != json::Event::Key) return syntaxOr("header: bad tensor entry");
            const std::string key = reader_.key();
            const json::Event v = reader_.next();
            if (key == "dtype" && v == json::Event::Scalar && reader_.scalar().type == json::Type::String) {
                t.dtype = reader_.scalar().string;
                t.haveDtype = true;
            } else if ((key == "shape" || key == "data_offsets") && v == json::Event::ArrayBegin) {
                std::vector<double> numbers;
                bool whole = true;
                for (;;) {
                    const json::Event n = reader_.next();
                    if (n == json::Event::ArrayEnd) break;
                    if (n != json::Event::Scalar) {
                        if (Status s = skip(n); !s) return s;
                        whole = false;
                        continue;
                    }
                    const json::Value& x = reader_.scalar();
                    if (!x.isNumber() || !x.numberIsInteger || x.number < 0) whole = false;
                    if (numbers.size() < 9) numbers.push_back(x.isNumber() ? x.number : -1.0);
                }
                if (key == "shape") {
                    t.haveShape = true;
                    t.shapeOk = whole;
                    for (double d : numbers) {
                        if (d > double(std::int64_t(1) << 40)) t.shapeOk = false;
                        t.shape.push_back(t.shapeOk ? std::int64_t(d) : 0);
                    }
                } else if (numbers.size() == 2 && whole && numbers[0] <= 1.8e19 && numbers[1] <= 1.8e19) {
                    t.offsetsOk = true;
                    t.offsets[0] = std::uint64_t(numbers[0]);
                    t.offsets[1] = std::uint64_t(numbers[1]);
                }
            } else if (Status s = skip(v); !s) {
                return s;
            }
        }
    }

    std::string_view text_;
    json::Reader reader_;
};

}  // namespace

ReadResult readSafetensors(const ByteSource& bytes, const std::string& fileName) {
    const auto fail = [&](const std::string& message) { return readFailure(fileName, message); };
    if (bytes.size < 8) return fail("not a safetensors file (shorter than the 8-byte header length)");
    const std::uint64_t headerLength = loadU64(bytes.data);
    if (headerLength > std::uint64_t(limits::kMaxHeaderBytes))
        return fail("header length " + std::to_string(headerLength) + " at offset 0 is larger than the limit of " +
                    std::to_string(limits::kMaxHeaderBytes) + " bytes (not a safetensors file?)");
    if (headerLength > bytes.size - 8)
        return fail("header of " + std::to_string(headerLength) + " bytes runs past the end of the file at " +
                    std::to_string(bytes.size) + " (truncated)");
    const std::string_view text(reinterpret_cast<const char*>(bytes.data + 8), std::size_t(headerLength));
    HeaderReader header(text);
    if (Status s = header.read(); !s) return fail(s.message);
    const std::uint64_t dataStart = 8 + headerLength;
    const std::uint64_t dataSize = bytes.size - dataStart;

    if (!header.haveAttentions && header.tensors != 1) return fail("no tensor 'attentions'");
    const TensorEntry& entry = header.haveAttentions ? header.attentions : header.first;
    const std::string name = entry.name;
    const std::string where = "tensor '" + name + "'";
    if (!entry.isObject) return fail(where + ": not an object");
    if (!entry.haveDtype) return fail(where + ": no \"dtype\" string");
    if (!entry.haveShape) return fail(where + ": no \"shape\" list");
    if (!entry.offsetsOk) return fail(where + ": \"data_offsets\" must be a list [begin, end]");
    auto t = std::make_shared<AttentionTensor>();
    if (entry.dtype == "F32")
        t->dtype = DType::F32;
    else if (entry.dtype == "F16")
        t->dtype = DType::F16;
    else if (entry.dtype == "F64")
        t->dtype = DType::F64;
    else if (entry.dtype == "BF16")
        t->dtype = DType::BF16;
    else
        return fail(where + ": dtype " + json::quote(entry.dtype, 32) + " is not supported (F16, BF16, F32 or F64)");
    if (!entry.shapeOk) return fail(where + ": \"shape\" must hold whole numbers");
    if (entry.shape.size() > 8) return fail(where + ": \"shape\" has too many dimensions");
    const std::vector<std::int64_t>& dims = entry.shape;
    if (Status s = assignShape(dims, *t); !s) return fail(where + ": " + s.message);
    const std::uint64_t off[2] = {entry.offsets[0], entry.offsets[1]};
    const std::uint64_t need = std::uint64_t(t->sliceCount()) * std::uint64_t(t->sliceBytes());
    if (off[0] > off[1])
        return fail(where + ": data_offsets [" + std::to_string(off[0]) + ", " + std::to_string(off[1]) +
                    "] end before they begin");
    if (off[1] > dataSize)
        return fail(where + ": data ends at offset " + std::to_string(dataStart + off[1]) +
                    ", beyond the end of the file at " + std::to_string(bytes.size) + " (truncated)");
    if (off[1] - off[0] != need)
        return fail(where + ": data_offsets span " + std::to_string(off[1] - off[0]) + " bytes, but shape " +
                    shapeText(dims) + " of " + toString(t->dtype) + " needs " + std::to_string(need));
    t->data = bytes.data + dataStart + off[0];
    t->dataOffset = dataStart + off[0];
    t->owner = bytes.owner;
    t->mapped = bytes.mapped;

    std::vector<std::string> tokens, queryTokens, keyTokens;
    if (header.haveMetadata && !header.metadataIsObject) return fail("__metadata__ is not an object");
    if (!header.metaError.empty()) return fail(header.metaError);
    for (const auto& [key, textList] : header.tokenStrings) {
        std::vector<std::string>& list = key == "tokens" ? tokens : key == "query_tokens" ? queryTokens : keyTokens;
        list.clear();
        if (Status s = parseTokenList(textList, key, list); !s) return fail(s.message);
    }
    return finishRead(std::move(t), fileName, "safetensors", name, std::move(tokens), "__metadata__[\"tokens\"]",
                      std::move(queryTokens), std::move(keyTokens));
}

}  // namespace ap::import
