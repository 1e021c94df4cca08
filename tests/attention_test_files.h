// Attention files built by the tests themselves: .npy headers (with sparse
// data, so a 65,536² head costs no disk), and .npz archives whose members
// are stored or deflated, with the sizes their headers declare chosen by
// the test (zip bombs, lying headers, repeated names).
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace testfiles {

// A version 1.0 .npy header for a C-order array, padded to 64 bytes as
// numpy pads it. `dict` replaces the whole dictionary when not empty.
inline std::string npyHeader(const std::string& descr, const std::vector<long long>& shape,
                             const std::string& dict = {}) {
    std::string d = dict;
    if (d.empty()) {
        std::string s = "(";
        for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
        s += shape.size() == 1 ? ",)" : ")";
        d = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s + ", }";
    }
    std::size_t total = 10 + d.size() + 1;
    d.append((64 - total % 64) % 64, ' ');
    d += '\n';
    std::string h = "\x93NUMPY";
    h += char(1);
    h += char(0);
    h += char(d.size() & 0xFF);
    h += char((d.size() >> 8) & 0xFF);
    return h + d;
}

// Writes `header` and then `dataBytes` zero bytes as a sparse file.
inline bool writeSparse(const std::string& path, const std::string& header, std::uint64_t dataBytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return false;
    bool ok = ::write(fd, header.data(), header.size()) == ssize_t(header.size()) &&
              ::ftruncate(fd, off_t(header.size() + dataBytes)) == 0;
    return ::close(fd) == 0 && ok;
}

struct ZipMember {
    std::string name;
    std::string compressed;  // the bytes stored in the archive
    std::uint32_t crc = 0;
    std::uint64_t size = 0;  // the inflated size the headers declare
    std::uint16_t method = 0;
};

inline ZipMember storedMember(const std::string& name, const std::string& bytes) {
    ZipMember m{name, bytes, std::uint32_t(crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), uInt(bytes.size()))),
                bytes.size(), 0};
    return m;
}

// `prefix` followed by `zeros` zero bytes, deflated a chunk at a time (a
// member of gigabytes costs megabytes here).
inline ZipMember deflatedMember(const std::string& name, const std::string& prefix, std::uint64_t zeros) {
    ZipMember m;
    m.name = name;
    m.method = 8;
    m.size = prefix.size() + zeros;
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    std::vector<unsigned char> zero(1 << 20, 0), out(1 << 20);
    std::uint32_t crc = std::uint32_t(crc32(0, reinterpret_cast<const Bytef*>(prefix.data()), uInt(prefix.size())));
    const auto pump = [&](const unsigned char* in, std::size_t n, int flush) {
        z.next_in = const_cast<unsigned char*>(in);
        z.avail_in = uInt(n);
        do {
            z.next_out = out.data();
            z.avail_out = uInt(out.size());
            deflate(&z, flush);
            m.compressed.append(reinterpret_cast<const char*>(out.data()), out.size() - z.avail_out);
        } while (z.avail_out == 0);
    };
    pump(reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size(), Z_NO_FLUSH);
    for (std::uint64_t left = zeros; left > 0;) {
        const std::size_t n = std::size_t(std::min<std::uint64_t>(left, zero.size()));
        crc = std::uint32_t(crc32(crc, zero.data(), uInt(n)));
        pump(zero.data(), n, Z_NO_FLUSH);
        left -= n;
    }
    pump(nullptr, 0, Z_FINISH);
    deflateEnd(&z);
    m.crc = crc;
    return m;
}

// A zip archive of the members (Zip64 fields where sizes pass 4 GiB).
inline std::string zipArchive(const std::vector<ZipMember>& members) {
    std::string out, central;
    const auto u16 = [](std::string& s, unsigned v) {
        s += char(v & 0xFF);
        s += char((v >> 8) & 0xFF);
    };
    const auto u32 = [&](std::string& s, std::uint32_t v) {
        u16(s, v & 0xFFFF);
        u16(s, v >> 16);
    };
    const auto u64 = [&](std::string& s, std::uint64_t v) {
        u32(s, std::uint32_t(v));
        u32(s, std::uint32_t(v >> 32));
    };
    for (const ZipMember& m : members) {
        const std::uint64_t offset = out.size();
        const bool big = m.size >= 0xFFFFFFFFull || m.compressed.size() >= 0xFFFFFFFFull;
        std::string extra;
        if (big) {
            u16(extra, 1);
            u16(extra, 16);
            u64(extra, m.size);
            u64(extra, m.compressed.size());
        }
        u32(out, 0x04034b50);
        u16(out, 45);
        u16(out, 0);
        u16(out, m.method);
        u16(out, 0);
        u16(out, 0);
        u32(out, m.crc);
        u32(out, big ? 0xFFFFFFFFu : std::uint32_t(m.compressed.size()));
        u32(out, big ? 0xFFFFFFFFu : std::uint32_t(m.size));
        u16(out, unsigned(m.name.size()));
        u16(out, unsigned(extra.size()));
        out += m.name + extra + m.compressed;
        u32(central, 0x02014b50);
        u16(central, 45);
        u16(central, 45);
        u16(central, 0);
        u16(central, m.method);
        u16(central, 0);
        u16(central, 0);
        u32(central, m.crc);
        u32(central, big ? 0xFFFFFFFFu : std::uint32_t(m.compressed.size()));
        u32(central, big ? 0xFFFFFFFFu : std::uint32_t(m.size));
        u16(central, unsigned(m.name.size()));
        u16(central, unsigned(extra.size()));
        u16(central, 0);
        u16(central, 0);
        u16(central, 0);
        u32(central, 0);
        u32(central, std::uint32_t(offset));
        central += m.name + extra;
    }
    const std::uint64_t cdOffset = out.size();
    out += central;
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, unsigned(members.size()));
    u16(out, unsigned(members.size()));
    u32(out, std::uint32_t(central.size()));
    u32(out, std::uint32_t(cdOffset));
    u16(out, 0);
    return out;
}

inline bool writeFile(const std::string& path, const std::string& bytes) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    return std::fclose(f) == 0 && ok;
}

}  // namespace testfiles
