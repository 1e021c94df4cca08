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

std::string npyBytes(const NpyArray& a) {
    // "(3, 4)"; a 1-D shape keeps its comma, as Python's tuples: "(3,)".
    std::string shape = "(";
    for (std::size_t i = 0; i < a.shape.size(); ++i) {
        if (i > 0) shape += ", ";
        shape += std::to_string(a.shape[i]);
    }
    if (a.shape.size() == 1) shape += ",";
    shape += ")";
    std::string header = "{'descr': '" + a.descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // The magic, version and length take 10 bytes; the header is padded with
    // spaces and ends in a newline so that the data starts on a multiple of
    // 64 (the format's specification, NEP 1).
    const std::size_t total = (10 + header.size() + 1 + 63) / 64 * 64;
    header.append(total - 10 - header.size() - 1, ' ');
    header.push_back('\n');
    std::string out("\x93NUMPY\x01\x00", 8);
    put16(out, std::uint32_t(header.size()));
    out += header;
    out.append(a.bytes);
    return out;
}

Status writeNpz(const std::string& path, const std::vector<NpyArray>& arrays) {
    std::string archive, directory;
    for (const NpyArray& a : arrays) {
        const std::string entry = npyBytes(a);
        const std::string name = a.name + ".npy";
        if (entry.size() >= std::numeric_limits<std::uint32_t>::max() ||
            archive.size() >= std::numeric_limits<std::uint32_t>::max() - entry.size() - 1024)
            return Status::error(path + ": the arrays are too large for a zip file without the Zip64 extension");
        const std::uint32_t crc =
            std::uint32_t(crc32(0L, reinterpret_cast<const Bytef*>(entry.data()), uInt(entry.size())));
        const std::uint32_t offset = std::uint32_t(archive.size());
        // Local file header (APPNOTE.TXT 4.3.7), stored, no extra field.
        put32(archive, 0x04034b50);
        put16(archive, 20), put16(archive, 0), put16(archive, 0), put16(archive, 0), put16(archive, kDosDate);
        put32(archive, crc), put32(archive, std::uint32_t(entry.size())), put32(archive, std::uint32_t(entry.size()));
        put16(archive, std::uint32_t(name.size())), put16(archive, 0);
        archive += name;
        archive += entry;
        // Its central directory record (4.3.12).
        put32(directory, 0x02014b50);
        put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, 0);
        put16(directory, 0), put16(directory, kDosDate);
        put32(directory, crc), put32(directory, std::uint32_t(entry.size())),
            put32(directory, std::uint32_t(entry.size()));
        put16(directory, std::uint32_t(name.size())), put16(directory, 0), put16(directory, 0);
        put16(directory, 0), put16(directory, 0), put32(directory, 0), put32(directory, offset);
        directory += name;
    }
    const std::uint32_t directoryOffset = std::uint32_t(archive.size());
    archive += directory;
    // End of central directory (4.3.16).
    put32(archive, 0x06054b50);
    put16(archive, 0), put16(archive, 0);
    put16(archive, std::uint32_t(arrays.size())), put16(archive, std::uint32_t(arrays.size()));
    put32(archive, std::uint32_t(directory.size())), put32(archive, directoryOffset);
    put16(archive, 0);
    const std::string error = writeFileAtomically(path, archive);
    return error.empty() ? Status::success() : Status::error(error);
}

}  // namespace ap
