#include "io/attention_writer.h"

#include "core/utf8.h"
#include "io/atomic_file.h"
#include "io/json_writer.h"

#include <zlib.h>

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

// A .npy v1.0 header (numpy.lib.format): magic, length, the dict padded
// with spaces to a multiple of 64 bytes, newline-terminated.
std::string npyHeader(const std::string& descr, const std::vector<std::int64_t>& shape) {
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < shape.size(); ++i)
        dict += std::to_string(shape[i]) + (shape.size() == 1 || i + 1 < shape.size() ? ", " : "");
    if (shape.size() == 1) dict.resize(dict.size() - 1);
    dict += "), }";
    const std::size_t total = (10 + dict.size() + 1 + 63) / 64 * 64;
    dict.append(total - 10 - dict.size() - 1, ' ');
    dict += '\n';
    std::string h = "\x93NUMPY";
    h += '\x01';
    h += '\x00';
    h += char(dict.size() & 0xFF);
    h += char(dict.size() >> 8);
    return h + dict;
}

std::string floatsBytes(const AttentionArray& a) {
    return std::string(reinterpret_cast<const char*>(a.data), std::size_t(elements(a.shape)) * 4);
}

// A numpy unicode array ('<U n'): UTF-32LE code points, NUL-padded.
std::string tokensNpy(const std::vector<std::string>& tokens) {
    std::vector<std::u32string> wide;
    std::size_t width = 1;
    for (const std::string& t : tokens) {
        std::u32string w;
        for (std::size_t i = 0; i < t.size();) {
            const char32_t cp = utf8::decode(t, i);
            w += cp == utf8::kInvalid ? char32_t(0xFFFD) : cp;
        }
        width = std::max(width, w.size());
        wide.push_back(std::move(w));
    }
    std::string out = npyHeader("<U" + std::to_string(width), {std::int64_t(tokens.size())});
    for (const std::u32string& w : wide)
        for (std::size_t i = 0; i < width; ++i) {
            const std::uint32_t cp = i < w.size() ? std::uint32_t(w[i]) : 0;
            for (int b = 0; b < 4; ++b) out += char((cp >> (8 * b)) & 0xFF);
        }
    return out;
}

void put16(std::string& s, std::uint32_t v) {
    s += char(v & 0xFF);
    s += char((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
    put16(s, v & 0xFFFF);
    put16(s, v >> 16);
}

// A zip archive of stored (uncompressed) entries, as numpy.savez writes.
Status writeZip(AtomicFile& f, const std::string& path,
                const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string central;
    std::uint64_t offset = 0;
    for (const auto& [name, bytes] : entries) {
        if (bytes.size() >= 0xFFFFFFFFull || offset >= 0xFFFFFFFFull)
            return Status::error(path + ": the attention is too large for a .npz file (over 4 GiB); use .safetensors");
        const std::uint32_t crc = std::uint32_t(crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
        std::string local;
        put32(local, 0x04034b50);
        put16(local, 20);    // version needed
        put16(local, 0);     // flags
        put16(local, 0);     // stored
        put16(local, 0);     // time
        put16(local, 0x21);  // date: 1980-01-01
        put32(local, crc);
        put32(local, std::uint32_t(bytes.size()));
        put32(local, std::uint32_t(bytes.size()));
        put16(local, std::uint32_t(name.size()));
        put16(local, 0);
        local += name;
        std::string c;
        put32(c, 0x02014b50);
        put16(c, 20);
        put16(c, 20);
        put16(c, 0);
        put16(c, 0);
        put16(c, 0);
        put16(c, 0x21);
        put32(c, crc);
        put32(c, std::uint32_t(bytes.size()));
        put32(c, std::uint32_t(bytes.size()));
        put16(c, std::uint32_t(name.size()));
        put16(c, 0);
        put16(c, 0);
        put16(c, 0);
        put16(c, 0);
        put32(c, 0);
        put32(c, std::uint32_t(offset));
        c += name;
        central += c;
        f.write(local);
        f.write(bytes);
        offset += local.size() + bytes.size();
    }
    std::string end;
    put32(end, 0x06054b50);
    put16(end, 0);
    put16(end, 0);
    put16(end, std::uint32_t(entries.size()));
    put16(end, std::uint32_t(entries.size()));
    put32(end, std::uint32_t(central.size()));
    put32(end, std::uint32_t(offset));
    put16(end, 0);
    f.write(central);
    f.write(end);
    return Status::success();
}

}  // namespace

bool isAttentionFileName(const std::string& path) {
    return endsWith(path, ".npy") || endsWith(path, ".npz") || endsWith(path, ".safetensors");
}

Status writeAttentionFile(const std::string& path, const AttentionArray& a) {
    if (!isAttentionFileName(path))
        return Status::error(path + ": unknown output type (use .npz, .npy or .safetensors)");
    AtomicFile f;
    if (Status s = f.open(path); !s) return s;
    if (endsWith(path, ".npy")) {
        f.write(npyHeader("<f4", a.shape));
        f.write(std::string_view(reinterpret_cast<const char*>(a.data), std::size_t(elements(a.shape)) * 4));
    } else if (endsWith(path, ".npz")) {
        std::vector<std::pair<std::string, std::string>> entries;
        entries.emplace_back("attentions.npy", npyHeader("<f4", a.shape) + floatsBytes(a));
        if (!a.tokens.empty()) entries.emplace_back("tokens.npy", tokensNpy(a.tokens));
        if (Status s = writeZip(f, path, entries); !s) return s;
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
        std::string len;
        put32(len, std::uint32_t(header.size()));
        put32(len, 0);
        f.write(len);
        f.write(header);
        f.write(std::string_view(reinterpret_cast<const char*>(a.data), std::size_t(bytes)));
    }
    return f.commit();
}

}  // namespace ap
