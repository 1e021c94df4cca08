#include "import/npy_reader.h"

#include <cstring>
#include <limits>

namespace ap::import {
namespace {

// The header is a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (12, 12, 1024, 1024), }
// numpy writes it with repr(); this reads that subset of Python syntax.
class DictParser {
public:
    DictParser(const char* p, std::size_t n) : p_(p), end_(p + n) {}

    Status parse(NpyArray& out) {
        bool haveDescr = false, haveOrder = false, haveShape = false;
        skipSpace();
        if (!eat('{')) return Status::error("header: expected '{' at the start of the dict");
        for (;;) {
            skipSpace();
            if (eat('}')) break;
            std::string key;
            if (!readString(key)) return Status::error("header: expected a quoted key");
            skipSpace();
            if (!eat(':')) return Status::error("header: expected ':' after '" + key + "'");
            skipSpace();
            // numpy's own reader (ast.literal_eval) would keep the last
            // of a repeated key; a header written by numpy never repeats
            // one, so a repeat is damage and is refused.
            if ((key == "descr" && haveDescr) || (key == "fortran_order" && haveOrder) || (key == "shape" && haveShape))
                return Status::error("header: '" + key + "' appears twice");
            if (key == "descr") {
                if (!readString(out.descr)) return Status::error("header: 'descr' must be a string such as '<f4'");
                haveDescr = true;
            } else if (key == "fortran_order") {
                if (!readBool(out.fortranOrder)) return Status::error("header: 'fortran_order' must be True or False");
                haveOrder = true;
            } else if (key == "shape") {
                if (Status s = readShape(out.shape); !s) return s;
                haveShape = true;
            } else {
                return Status::error("header: unknown key '" + key + "'");
            }
            skipSpace();
            if (eat(',')) continue;
            skipSpace();
            if (eat('}')) break;
            return Status::error("header: expected ',' or '}'");
        }
        if (!haveDescr) return Status::error("header: no 'descr' key");
        if (!haveOrder) return Status::error("header: no 'fortran_order' key");
        if (!haveShape) return Status::error("header: no 'shape' key");
        return {};
    }

private:
    void skipSpace() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }
    bool eat(char c) {
        if (p_ < end_ && *p_ == c) {
            ++p_;
            return true;
        }
        return false;
    }
    bool readString(std::string& s) {
        if (p_ >= end_ || (*p_ != '\'' && *p_ != '"')) return false;
        const char quote = *p_++;
        while (p_ < end_ && *p_ != quote) {
            if (*p_ == '\\') return false;  // numpy's keys and dtypes never need escapes
            s += *p_++;
            if (s.size() > 64) return false;
        }
        return eat(quote);
    }
    bool readWord(const char* w) {
        const std::size_t n = std::strlen(w);
        if (std::size_t(end_ - p_) >= n && std::memcmp(p_, w, n) == 0) {
            p_ += n;
            return true;
        }
        return false;
    }
    bool readBool(bool& b) {
        if (readWord("True")) return b = true, true;
        if (readWord("False")) return b = false, true;
        return false;
    }
    Status readShape(std::vector<std::int64_t>& shape) {
        if (!eat('(')) return Status::error("header: 'shape' must be a tuple");
        for (;;) {
            skipSpace();
            if (eat(')')) break;
            if (p_ >= end_ || *p_ < '0' || *p_ > '9') return Status::error("header: 'shape' must hold whole numbers");
            std::int64_t v = 0;
            while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
                v = v * 10 + (*p_++ - '0');
                if (v > (std::int64_t(1) << 40)) return Status::error("header: a dimension of 'shape' is too large");
            }
            if (p_ < end_ && *p_ == 'L') ++p_;  // Python 2 longs
            shape.push_back(v);
            if (shape.size() > 32) return Status::error("header: 'shape' has more than 32 dimensions");
            skipSpace();
            if (eat(',')) continue;
            skipSpace();
            if (eat(')')) break;
            return Status::error("header: expected ',' or ')' in 'shape'");
        }
        return {};
    }

    const char* p_;
    const char* end_;
};

}  // namespace

Status parseNpyHeader(const unsigned char* p, std::size_t size, NpyArray& out) {
    static const unsigned char magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (size < 10 || std::memcmp(p, magic, 6) != 0)
        return Status::error("not a .npy file (no \\x93NUMPY magic at offset 0)");
    const int major = p[6];
    std::size_t headerLength = 0, headerStart = 0;
    if (major == 1) {
        headerLength = loadU16(p + 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (size < 12) return Status::error("truncated header at offset 8");
        headerLength = loadU32(p + 8);
        headerStart = 12;
    } else {
        return Status::error("unsupported .npy format version " + std::to_string(major) + "." + std::to_string(p[7]));
    }
    if (headerLength > std::size_t(limits::kMaxHeaderBytes))
        return Status::error("header length " + std::to_string(headerLength) + " is too large");
    if (headerStart + headerLength > size)
        return Status::error("header ends at offset " + std::to_string(headerStart + headerLength) +
                             ", beyond the end of the data at " + std::to_string(size) + " (truncated)");
    if (Status s = DictParser(reinterpret_cast<const char*>(p + headerStart), headerLength).parse(out); !s) return s;
    std::int64_t count = 1;
    for (std::int64_t d : out.shape) {
        if (d != 0 && count > std::numeric_limits<std::int64_t>::max() / 16 / d)
            return Status::error("header: shape " + shapeText(out.shape) + " is too large");
        count *= d;
    }
    out.elementCount = count;
    out.dataOffset = headerStart + headerLength;
    out.data = p + out.dataOffset;
    out.availableBytes = size - out.dataOffset;
    return {};
}

Status npyAsAttention(const NpyArray& a, std::uint64_t baseOffset, AttentionTensor& t) {
    if (a.fortranOrder)
        return Status::error("Fortran-order arrays are not supported; save with np.ascontiguousarray()");
    if (a.descr == "<f4" || a.descr == "f4")
        t.dtype = DType::F32;
    else if (a.descr == "<f2" || a.descr == "f2")
        t.dtype = DType::F16;
    else if (a.descr == "<f8" || a.descr == "f8")
        t.dtype = DType::F64;
    else if (a.descr == ">f4" || a.descr == ">f2" || a.descr == ">f8")
        return Status::error("dtype '" + a.descr + "' is big-endian; expected little-endian '<f2', '<f4' or '<f8'");
    else
        return Status::error("dtype '" + a.descr +
                             "' is not supported; expected float16 '<f2', float32 '<f4' or float64 '<f8'");
    if (Status s = assignShape(a.shape, t); !s) return s;
    const std::uint64_t need = std::uint64_t(a.elementCount) * std::uint64_t(byteSize(t.dtype));
    if (need > a.availableBytes)
        return Status::error("data truncated: shape " + shapeText(a.shape) + " of " + toString(t.dtype) + " needs " +
                             std::to_string(need) + " bytes from offset " + std::to_string(baseOffset + a.dataOffset) +
                             ", but only " + std::to_string(a.availableBytes) + " are there");
    t.data = a.data;
    t.dataOffset = baseOffset + a.dataOffset;
    return {};
}

Status npyAsStrings(const NpyArray& a, std::vector<std::string>& out) {
    if (a.fortranOrder && a.shape.size() > 1) return Status::error("Fortran-order arrays are not supported");
    if (a.descr.size() < 3 || (a.descr[0] != '<' && a.descr[0] != '|') || a.descr[1] != 'U')
        return Status::error("dtype '" + a.descr +
                             "' is not a numpy unicode array ('<U...'); save tokens with np.array(list_of_str)");
    std::int64_t width = 0;
    for (std::size_t i = 2; i < a.descr.size(); ++i) {
        if (a.descr[i] < '0' || a.descr[i] > '9')
            return Status::error("dtype '" + a.descr + "' is not a numpy unicode array");
        width = width * 10 + (a.descr[i] - '0');
        if (width > limits::kMaxTokenBytes)
            return Status::error("dtype '" + a.descr + "': tokens longer than " +
                                 std::to_string(limits::kMaxTokenBytes) + " characters");
    }
    std::int64_t n = 0;
    if (a.shape.size() == 1)
        n = a.shape[0];
    else if (a.shape.size() == 2 && a.shape[0] == 1)
        n = a.shape[1];
    else
        return Status::error("shape " + shapeText(a.shape) + ": tokens must be a list (one dimension)");
    if (n > limits::kMaxTokens) return Status::error("more than " + std::to_string(limits::kMaxTokens) + " tokens");
    const std::uint64_t need = std::uint64_t(n) * std::uint64_t(width) * 4;
    if (need > a.availableBytes)
        return Status::error("data truncated: " + std::to_string(n) + " tokens need " + std::to_string(need) +
                             " bytes, but only " + std::to_string(a.availableBytes) + " are there");
    out.clear();
    out.reserve(std::size_t(n));
    for (std::int64_t i = 0; i < n; ++i) {
        std::string s;
        const unsigned char* p = a.data + i * width * 4;
        std::int64_t len = width;
        while (len > 0 && loadU32(p + (len - 1) * 4) == 0) --len;
        for (std::int64_t c = 0; c < len; ++c)
            if (!appendUtf8(loadU32(p + c * 4), s))
                return Status::error("token " + std::to_string(i) + " holds an invalid code point at offset " +
                                     std::to_string(a.dataOffset + std::uint64_t((i * width + c) * 4)));
        out.push_back(std::move(s));
    }
    return {};
}

ReadResult readNpy(const ByteSource& bytes, const std::string& fileName) {
    NpyArray a;
    Status s = parseNpyHeader(bytes.data, bytes.size, a);
    auto t = std::make_shared<AttentionTensor>();
    if (s) s = npyAsAttention(a, 0, *t);
    if (!s) return readFailure(fileName, s.message);
    t->owner = bytes.owner;
    t->mapped = bytes.mapped;
    return finishRead(std::move(t), fileName, "npy", "array", {}, {}, {}, {});
}

}  // namespace ap::import
