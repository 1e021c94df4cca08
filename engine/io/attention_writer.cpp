#include "io/attention_writer.h"

#include "core/utf8.h"
#include "io/atomic_file.h"
#include "io/json_writer.h"
#include "io/npz_writer.h"

#include <algorithm>
#include <cstring>

namespace ap {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(b)) == a; });
}

std::int64_t elements(const std::vector<std::int64_t>& shape) {
    std::int64_t n = 1;
    for (std::int64_t d : shape) n *= d;
    return n;
}

// The bytes of a numpy unicode array ('<U n'): UTF-32LE code points,
// NUL-padded to the longest token; `width` receives n.
std::string tokensUtf32(const std::vector<std::string>& tokens, std::size_t& width) {
    std::vector<std::u32string> wide;
    width = 1;
    for (const std::string& t : tokens) {
        std::u32string w;
        for (std::size_t i = 0; i < t.size();) {
            const char32_t cp = utf8::decode(t, i);
            w += cp == utf8::kInvalid ? char32_t(0xFFFD) : cp;
        }
        width = std::max(width, w.size());
        wide.push_back(std::move(w));
    }
    std::string out;
    for (const std::u32string& w : wide)
        for (std::size_t i = 0; i < width; ++i) {
            const std::uint32_t cp = i < w.size() ? std::uint32_t(w[i]) : 0;
            for (int b = 0; b < 4; ++b) out += char((cp >> (8 * b)) & 0xFF);
        }
    return out;
}

}  // namespace

bool isAttentionFileName(const std::string& path) {
    return endsWith(path, ".npy") || endsWith(path, ".npz") || endsWith(path, ".safetensors");
}

Status writeAttentionFile(const std::string& path, const AttentionArray& a) {
    if (!isAttentionFileName(path))
        return Status::error(path + ": unknown output type (use .npz, .npy or .safetensors)");
    std::vector<std::size_t> shape(a.shape.begin(), a.shape.end());
    const std::string_view floats(reinterpret_cast<const char*>(a.data), std::size_t(elements(a.shape)) * 4);
    if (endsWith(path, ".npz")) {
        std::vector<NpyArray> arrays{{"attentions", "<f4", shape, floats}};
        std::size_t width = 1;
        const std::string tokens = tokensUtf32(a.tokens, width);
        if (!a.tokens.empty()) arrays.push_back({"tokens", "<U" + std::to_string(width), {a.tokens.size()}, tokens});
        return writeNpz(path, arrays);
    }
    AtomicFile f;
    if (Status s = f.open(path); !s) return s;
    if (endsWith(path, ".npy")) {
        f.write(npyHeader("<f4", shape));
        f.write(floats);
    } else {
        std::string header = "{";
        if (!a.tokens.empty()) {
            std::string list;
            json::Writer w([&](std::string_view s) {
                list += s;
                return true;
            });
            w.tokens(a.tokens);
            w.finish();
            json::Writer h([&](std::string_view s) {
                header += s;
                return true;
            });
            header += "\"__metadata__\":{\"tokens\":";
            h.string(list);
            h.finish();
            header += "},";
        }
        const std::int64_t bytes = elements(a.shape) * 4;
        header += "\"attentions\":{\"dtype\":\"F32\",\"shape\":[";
        for (std::size_t i = 0; i < a.shape.size(); ++i) header += (i ? "," : "") + std::to_string(a.shape[i]);
        header += "],\"data_offsets\":[0," + std::to_string(bytes) + "]}}";
        header.append((8 - header.size() % 8) % 8, ' ');
        // The header's length, a little-endian u64.
        std::string len(8, '\0');
        for (int b = 0; b < 8; ++b) len[std::size_t(b)] = char((std::uint64_t(header.size()) >> (8 * b)) & 0xFF);
        f.write(len);
        f.write(header);
        f.write(std::string_view(reinterpret_cast<const char*>(a.data), std::size_t(bytes)));
    }
    return f.commit();
}

}  // namespace ap
