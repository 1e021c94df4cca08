#include "import/attention_tensor.h"

#include "core/enum_names.h"
#include "core/utf8.h"
#include "import/mapped_read.h"

#include <cmath>
#include <cstring>

namespace ap::import {

constexpr EnumName<DType> kDTypeNames[] = {
    {DType::F16, "float16"},
    {DType::F32, "float32"},
    {DType::F64, "float64"},
    {DType::BF16, "bfloat16"},
};

const char* toString(DType t) { return nameIn(kDTypeNames, t); }

int byteSize(DType t) {
    switch (t) {
    case DType::F16: return 2;
    case DType::F32: return 4;
    case DType::F64: return 8;
    case DType::BF16: return 2;
    }
    return 4;
}

std::string AttentionTensor::queryLabel(int i) const {
    if (std::size_t(i) < queryTokens.size()) return queryTokens[std::size_t(i)];
    std::string label = "q";  // appended, not "q" + ...: GCC 12 warns falsely (-Wrestrict) on that
    return label += std::to_string(i);
}

std::string AttentionTensor::keyLabel(int j) const {
    if (std::size_t(j) < keyTokens.size()) return keyTokens[std::size_t(j)];
    std::string label = "k";
    return label += std::to_string(j);
}

float halfToFloat(std::uint16_t h) {
    const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
    std::uint32_t exponent = (h >> 10) & 0x1Fu;
    std::uint32_t mantissa = h & 0x3FFu;
    std::uint32_t bits;
    if (exponent == 0x1F) {
        bits = sign | 0x7F800000u | (mantissa << 13);
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;
    } else {
        // Subnormal half: shift the mantissa up until its leading 1 is implicit.
        exponent = 113;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            --exponent;
        }
        bits = sign | (exponent << 23) | ((mantissa & 0x3FFu) << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

bool appendUtf8(std::uint32_t c, std::string& out) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    utf8::append(out, char32_t(c));
    return true;
}

std::string shapeText(const std::vector<std::int64_t>& dims) {
    std::string s = "(";
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (i) s += ", ";
        s += std::to_string(dims[i]);
    }
    if (dims.size() == 1) s += ",";
    return s + ")";
}

Status assignShape(const std::vector<std::int64_t>& dimsIn, AttentionTensor& t) {
    std::vector<std::int64_t> dims = dimsIn;
    const std::string shape = "shape " + shapeText(dimsIn);
    if (dims.size() == 5) {
        if (dims[0] != 1)
            return Status::error(shape + ": a leading batch dimension must be 1, not " + std::to_string(dims[0]));
        dims.erase(dims.begin());
    }
    if (dims.size() < 2 || dims.size() > 4)
        return Status::error(shape +
                             ": expected [layers, heads, queries, keys], [heads, queries, keys] or [queries, keys]");
    for (std::int64_t d : dims)
        if (d <= 0) return Status::error(shape + ": every dimension must be at least 1");
    while (dims.size() < 4) dims.insert(dims.begin(), 1);
    if (dims[2] > limits::kMaxTokens || dims[3] > limits::kMaxTokens)
        return Status::error(shape + ": more than " + std::to_string(limits::kMaxTokens) + " queries or keys");
    if (dims[0] > limits::kMaxSlices || dims[1] > limits::kMaxSlices || dims[0] * dims[1] > limits::kMaxSlices)
        return Status::error(shape + ": more than " + std::to_string(limits::kMaxSlices) + " layers x heads");
    t.layers = int(dims[0]);
    t.heads = int(dims[1]);
    t.queries = int(dims[2]);
    t.keys = int(dims[3]);
    return {};
}

Status assignTokens(AttentionTensor& t, std::vector<std::string> tokens, const std::string& tokensName,
                    std::vector<std::string> queryTokens, std::vector<std::string> keyTokens) {
    if (!tokens.empty()) {
        if (t.queries != t.keys)
            return Status::error(tokensName + ": one token list, but the attention has " + std::to_string(t.queries) +
                                 " queries and " + std::to_string(t.keys) + " keys; give query and key tokens apart");
        if (tokens.size() != std::size_t(t.queries))
            return Status::error(tokensName + ": " + std::to_string(tokens.size()) + " tokens, but the attention has " +
                                 std::to_string(t.queries) + " queries and keys");
        t.queryTokens = tokens;
        t.keyTokens = std::move(tokens);
    }
    if (!queryTokens.empty()) {
        if (queryTokens.size() != std::size_t(t.queries))
            return Status::error("query tokens: " + std::to_string(queryTokens.size()) +
                                 " tokens, but the attention has " + std::to_string(t.queries) + " queries");
        t.queryTokens = std::move(queryTokens);
    }
    if (!keyTokens.empty()) {
        if (keyTokens.size() != std::size_t(t.keys))
            return Status::error("key tokens: " + std::to_string(keyTokens.size()) + " tokens, but the attention has " +
                                 std::to_string(t.keys) + " keys");
        t.keyTokens = std::move(keyTokens);
    }
    return {};
}

ReadResult readFailure(const std::string& fileName, const std::string& message) {
    return ReadResult::failure(fileName + ": " + message);
}

ReadResult finishRead(std::shared_ptr<AttentionTensor> t, const std::string& fileName, std::string format,
                      std::string arrayName, std::vector<std::string> tokens, const std::string& tokensName,
                      std::vector<std::string> queryTokens, std::vector<std::string> keyTokens) {
    if (Status s = assignTokens(*t, std::move(tokens), tokensName, std::move(queryTokens), std::move(keyTokens)); !s)
        return readFailure(fileName, s.message);
    t->fileName = fileName;
    t->format = std::move(format);
    t->arrayName = std::move(arrayName);
    return ReadResult::success(std::move(t));
}

namespace {

template <typename Load>
std::int64_t convert(const unsigned char* src, std::int64_t count, float* dst, int size, Load load) {
    std::int64_t bad = -1;
    for (std::int64_t i = 0; i < count; ++i) {
        const float v = load(src + i * size);
        dst[i] = v;
        if (!std::isfinite(v) && bad < 0) bad = i;
    }
    return bad;
}

}  // namespace

Status AttentionTensor::slice(int layer, int head, Matrix& out) const {
    if (layer < 0 || layer >= layers || head < 0 || head >= heads)
        return Status::error(fileName + ": no layer " + std::to_string(layer) + ", head " + std::to_string(head));
    out.resize(queries, keys);
    return sliceRows(layer, head, 0, queries, out.data());
}

Status AttentionTensor::sliceRows(int layer, int head, int row0, int rowCount, Matrix& out) const {
    if (row0 < 0 || rowCount < 0 || row0 > queries || rowCount > queries - row0)
        return Status::error(fileName + ": no rows " + std::to_string(row0) + " to " + std::to_string(row0 + rowCount));
    out.resize(rowCount, keys);
    return sliceRows(layer, head, row0, rowCount, out.data());
}

namespace {

struct ConvertJob {
    const unsigned char* src;
    std::int64_t count;
    float* dst;
    DType dtype;
    std::int64_t bad = -1;
};

void runConvert(void* context) {
    ConvertJob& j = *static_cast<ConvertJob*>(context);
    switch (j.dtype) {
    case DType::F32:
        j.bad = convert(j.src, j.count, j.dst, 4, [](const unsigned char* p) {
            float f;
            std::memcpy(&f, p, 4);
            return f;
        });
        break;
    case DType::F16:
        j.bad = convert(j.src, j.count, j.dst, 2, [](const unsigned char* p) { return halfToFloat(loadU16(p)); });
        break;
    case DType::BF16:
        // Exact: a bfloat16 is the upper half of the float32 of the same value.
        j.bad = convert(j.src, j.count, j.dst, 2, [](const unsigned char* p) {
            const std::uint32_t bits = std::uint32_t(loadU16(p)) << 16;
            float f;
            std::memcpy(&f, &bits, 4);
            return f;
        });
        break;
    case DType::F64:
        j.bad = convert(j.src, j.count, j.dst, 8, [](const unsigned char* p) {
            double d;
            std::memcpy(&d, p, 8);
            // A finite double beyond the float range is refused as well.
            return float(d);
        });
        break;
    }
}

}  // namespace

Status AttentionTensor::sliceRows(int layer, int head, int row0, int rowCount, float* dst) const {
    if (layer < 0 || layer >= layers || head < 0 || head >= heads)
        return Status::error(fileName + ": no layer " + std::to_string(layer) + ", head " + std::to_string(head));
    if (row0 < 0 || rowCount < 0 || row0 > queries || rowCount > queries - row0)
        return Status::error(fileName + ": no rows " + std::to_string(row0) + " to " + std::to_string(row0 + rowCount));
    if (data == nullptr && rowCount > 0) return Status::error(fileName + ": only the header was read, not the values");
    const int size = byteSize(dtype);
    const std::int64_t index = std::int64_t(layer) * heads + head;
    const std::int64_t first = index * std::int64_t(queries) * keys + std::int64_t(row0) * keys;
    ConvertJob job{data + first * size, std::int64_t(rowCount) * keys, dst, dtype};
    if (mapped) {
        if (!readMapped(runConvert, &job)) return Status::error(fileName + ": " + kFileChangedMessage);
    } else {
        runConvert(&job);
    }
    const std::int64_t bad = job.bad;
    if (bad < 0) return {};
    const std::uint64_t offset = dataOffset + std::uint64_t((first + bad) * size);
    const int row = row0 + int(bad / keys), column = int(bad % keys);
    const float v = dst[bad];
    return Status::error(fileName + ": " + arrayName + "[" + std::to_string(layer) + "][" + std::to_string(head) +
                         "][" + std::to_string(row) + "][" + std::to_string(column) +
                         "]: " + (std::isnan(v) ? "NaN" : "not a finite float32 value") + " at byte offset " +
                         std::to_string(offset) + (offsetIn.empty() ? "" : " of " + offsetIn));
}

}  // namespace ap::import

namespace ap::import {

void AttentionTensor::releaseSlice(int layer, int head) const {
    if (!mapped || layer < 0 || layer >= layers || head < 0 || head >= heads) return;
    const std::int64_t index = std::int64_t(layer) * heads + head;
    releaseMappedPages(data + index * sliceBytes(), std::size_t(sliceBytes()));
}

void AttentionTensor::releaseRows(int layer, int head, int row0, int rowCount) const {
    if (!mapped || layer < 0 || layer >= layers || head < 0 || head >= heads || row0 < 0 || rowCount <= 0 ||
        row0 > queries || rowCount > queries - row0)
        return;
    const std::int64_t rowBytes = std::int64_t(keys) * byteSize(dtype);
    const std::int64_t index = std::int64_t(layer) * heads + head;
    releaseMappedPages(data + index * sliceBytes() + row0 * rowBytes, std::size_t(rowCount * rowBytes));
}

}  // namespace ap::import
