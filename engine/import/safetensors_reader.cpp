#include "import/safetensors_reader.h"

#include "io/json.h"

#include <string_view>

namespace ap::import {
namespace {

std::string parseTokenList(const std::string& text, const std::string& key, std::vector<std::string>& out) {
    const json::ParseResult parsed = json::parse(text, 4);
    const std::string where = "__metadata__[\"" + key + "\"]";
    if (!parsed.ok) return where + ": not a JSON list of strings (" + parsed.error + ")";
    if (parsed.value.type != json::Type::Array) return where + ": not a JSON list of strings";
    if (parsed.value.array.size() > std::size_t(limits::kMaxTokens))
        return where + ": more than " + std::to_string(limits::kMaxTokens) + " tokens";
    for (std::size_t i = 0; i < parsed.value.array.size(); ++i) {
        const json::Value& v = parsed.value.array[i];
        if (v.type != json::Type::String) return where + "[" + std::to_string(i) + "]: not a string";
        if (v.string.size() > std::size_t(limits::kMaxTokenBytes))
            return where + "[" + std::to_string(i) + "]: token too long";
        out.push_back(v.string);
    }
    return {};
}

}  // namespace

ReadResult readSafetensors(const ByteSource& bytes, const std::string& fileName) {
    ReadResult r;
    const auto fail = [&](const std::string& message) {
        r.error = fileName + ": " + message;
        return r;
    };
    if (bytes.size < 8) return fail("not a safetensors file (shorter than the 8-byte header length)");
    const std::uint64_t headerLength = loadU64(bytes.data);
    if (headerLength > std::uint64_t(limits::kMaxHeaderBytes))
        return fail("header length " + std::to_string(headerLength) + " at offset 0 is larger than the limit of " +
                    std::to_string(limits::kMaxHeaderBytes) + " bytes (not a safetensors file?)");
    if (headerLength > bytes.size - 8)
        return fail("header of " + std::to_string(headerLength) + " bytes runs past the end of the file at " +
                    std::to_string(bytes.size) + " (truncated)");
    const std::string_view text(reinterpret_cast<const char*>(bytes.data + 8), std::size_t(headerLength));
    const json::ParseResult parsed = json::parse(text, 8);
    if (!parsed.ok)
        return fail("header JSON does not parse at line " + std::to_string(parsed.line) + ", column " +
                    std::to_string(parsed.column) + ": " + parsed.error);
    if (parsed.value.type != json::Type::Object) return fail("header is not a JSON object");
    const std::uint64_t dataStart = 8 + headerLength;
    const std::uint64_t dataSize = bytes.size - dataStart;

    const json::Value* tensor = parsed.value.find("attentions");
    std::string name = "attentions";
    if (!tensor) {
        int count = 0;
        for (const auto& [k, v] : parsed.value.object)
            if (k != "__metadata__") {
                ++count;
                tensor = &v;
                name = k;
            }
        if (count != 1) return fail("no tensor 'attentions'");
    }
    const std::string where = "tensor '" + name + "'";
    if (tensor->type != json::Type::Object) return fail(where + ": not an object");
    const json::Value* dtype = tensor->find("dtype");
    const json::Value* shape = tensor->find("shape");
    const json::Value* offsets = tensor->find("data_offsets");
    if (!dtype || dtype->type != json::Type::String) return fail(where + ": no \"dtype\" string");
    if (!shape || shape->type != json::Type::Array) return fail(where + ": no \"shape\" list");
    if (!offsets || offsets->type != json::Type::Array || offsets->array.size() != 2)
        return fail(where + ": \"data_offsets\" must be a list [begin, end]");
    auto t = std::make_shared<AttentionTensor>();
    if (dtype->string == "F32")
        t->dtype = DType::F32;
    else if (dtype->string == "F16")
        t->dtype = DType::F16;
    else if (dtype->string == "F64")
        t->dtype = DType::F64;
    else if (dtype->string == "BF16")
        t->dtype = DType::BF16;
    else
        return fail(where + ": dtype " + json::quote(dtype->string, 32) + " is not supported (F16, BF16, F32 or F64)");
    std::vector<std::int64_t> dims;
    for (const json::Value& d : shape->array) {
        if (!d.isNumber() || !d.numberIsInteger || d.number < 0 || d.number > double(std::int64_t(1) << 40))
            return fail(where + ": \"shape\" must hold whole numbers");
        dims.push_back(std::int64_t(d.number));
        if (dims.size() > 8) return fail(where + ": \"shape\" has too many dimensions");
    }
    std::string err = assignShape(dims, *t);
    if (!err.empty()) return fail(where + ": " + err);
    std::uint64_t off[2];
    for (int i = 0; i < 2; ++i) {
        const json::Value& o = offsets->array[std::size_t(i)];
        if (!o.isNumber() || !o.numberIsInteger || o.number < 0 || o.number > 1.8e19)
            return fail(where + ": \"data_offsets\" must hold whole numbers");
        off[i] = std::uint64_t(o.number);
    }
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
    if (const json::Value* meta = parsed.value.find("__metadata__")) {
        if (meta->type != json::Type::Object) return fail("__metadata__ is not an object");
        for (auto [key, list] : {std::pair{"tokens", &tokens}, std::pair{"query_tokens", &queryTokens},
                                 std::pair{"key_tokens", &keyTokens}}) {
            const json::Value* v = meta->find(key);
            if (!v) continue;
            if (v->type != json::Type::String)
                return fail(std::string("__metadata__[\"") + key + "\"]: must be a string holding a JSON list");
            err = parseTokenList(v->string, key, *list);
            if (!err.empty()) return fail(err);
        }
    }
    err = assignTokens(*t, std::move(tokens), "__metadata__[\"tokens\"]", std::move(queryTokens), std::move(keyTokens));
    if (!err.empty()) return fail(err);
    t->fileName = fileName;
    t->format = "safetensors";
    t->arrayName = name;
    r.ok = true;
    r.tensor = std::move(t);
    return r;
}

}  // namespace ap::import
