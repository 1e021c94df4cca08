#include "io/npz_writer.h"

#include "io/atomic_file.h"

#include <zlib.h>

#include <cstdint>
#include <limits>

namespace ap {
namespace {

void put16(std::string& out, std::uint32_t v) {
    out.push_back(char(v & 0xff));
    out.push_back(char((v >> 8) & 0xff));
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

// 1980-01-01 00:00 in MS-DOS format, the earliest a zip can hold: the
// archive then depends on its contents only.
constexpr std::uint32_t kDosDate = (0 << 9) | (1 << 5) | 1;

}  // namespace

std::string npyHeader(const std::string& descr, const std::vector<std::size_t>& shapeDims) {
    std::string shape = "(";
    for (std::size_t d : shapeDims) shape += std::to_string(d) + ", ";
    // "(3, 4)"; a 1-D shape keeps its comma, as Python's tuples: "(3,)".
    if (!shapeDims.empty()) shape.resize(shape.size() - (shapeDims.size() > 1 ? 2 : 1));
    shape += ")";
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // The magic, version and length take 10 bytes; the header is padded with
    // spaces and ends in a newline so that the data starts on a multiple of
    // 64 (the format's specification, NEP 1).
    const std::size_t total = (10 + header.size() + 1 + 63) / 64 * 64;
    header.append(total - 10 - header.size() - 1, ' ');
    header.push_back('\n');
    std::string out("\x93NUMPY\x01\x00", 8);
    put16(out, std::uint32_t(header.size()));
    return out + header;
}

std::string npyBytes(const NpyArray& a) { return npyHeader(a.descr, a.shape) + std::string(a.bytes); }

Status writeNpz(const std::string& path, const std::vector<NpyArray>& arrays) {
    AtomicFile file;
    if (Status s = file.open(path); !s) return s;
    std::string directory;
    std::uint64_t offset = 0;
    for (const NpyArray& a : arrays) {
        const std::string header = npyHeader(a.descr, a.shape);
        const std::uint64_t size = header.size() + a.bytes.size();
        const std::string name = a.name + ".npy";
        if (size >= std::numeric_limits<std::uint32_t>::max() ||
            offset + size + 1024 >= std::numeric_limits<std::uint32_t>::max())
            return Status::error(path + ": the arrays are too large for a .npz file (over 4 GiB, no Zip64)");
        std::uint32_t crc = std::uint32_t(crc32_z(0L, reinterpret_cast<const Bytef*>(header.data()), header.size()));
        crc = std::uint32_t(crc32_z(crc, reinterpret_cast<const Bytef*>(a.bytes.data()), a.bytes.size()));
        // Local file header (APPNOTE.TXT 4.3.7), stored, no extra field.
        std::string local;
        put32(local, 0x04034b50);
        put16(local, 20), put16(local, 0), put16(local, 0), put16(local, 0), put16(local, kDosDate);
        put32(local, crc), put32(local, std::uint32_t(size)), put32(local, std::uint32_t(size));
        put16(local, std::uint32_t(name.size())), put16(local, 0);
        local += name;
        // Its central directory record (4.3.12).
        put32(directory, 0x02014b50);
        put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, 0);
        put16(directory, 0), put16(directory, kDosDate);
        put32(directory, crc), put32(directory, std::uint32_t(size)), put32(directory, std::uint32_t(size));
        put16(directory, std::uint32_t(name.size())), put16(directory, 0), put16(directory, 0);
        put16(directory, 0), put16(directory, 0), put32(directory, 0), put32(directory, std::uint32_t(offset));
        directory += name;
        file.write(local);
        file.write(header);
        file.write(a.bytes);
        offset += local.size() + size;
    }
    // End of central directory (4.3.16).
    std::string end;
    put32(end, 0x06054b50);
    put16(end, 0), put16(end, 0);
    put16(end, std::uint32_t(arrays.size())), put16(end, std::uint32_t(arrays.size()));
    put32(end, std::uint32_t(directory.size())), put32(end, std::uint32_t(offset));
    put16(end, 0);
    file.write(directory);
    file.write(end);
    return file.commit();
}

}  // namespace ap
