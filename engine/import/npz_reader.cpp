#include "import/npz_reader.h"

#include "import/npy_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace ap::import {
namespace {

// Zip structures, after PKWARE's APPNOTE.TXT (sections 4.3.7, 4.3.12,
// 4.3.14-16 and 4.5.3 for the Zip64 extra field).
constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50, kEnd64Sig = 0x06064b50,
                        kEnd64LocatorSig = 0x07064b50;

struct Entry {
    std::string name;
    std::uint16_t flags = 0, method = 0;
    std::uint32_t crc = 0;
    std::uint64_t compressedSize = 0, size = 0, localOffset = 0;
};

struct Archive {
    std::vector<Entry> entries;
};

std::string at(std::uint64_t offset) { return " at offset " + std::to_string(offset); }

Status readCentralDirectory(const ByteSource& b, Archive& out) {
    const unsigned char* p = b.data;
    const std::uint64_t n = b.size;
    if (n < 22) return Status::error("not a zip archive (too short for an end-of-central-directory record)");
    // The end record is the last thing in the file, followed by a comment of
    // at most 65535 bytes.
    std::uint64_t end = n - 22;
    const std::uint64_t lowest = n - 22 > 65535 ? n - 22 - 65535 : 0;
    for (;;) {
        if (loadU32(p + end) == kEndSig && end + 22 + loadU16(p + end + 20) == n) break;
        if (end == lowest) return Status::error("not a zip archive (no end-of-central-directory record)");
        --end;
    }
    std::uint64_t count = loadU16(p + end + 10);
    std::uint64_t cdSize = loadU32(p + end + 12);
    std::uint64_t cdOffset = loadU32(p + end + 16);
    if (count == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
        if (end < 20 || loadU32(p + end - 20) != kEnd64LocatorSig)
            return Status::error("Zip64 locator missing" + at(end));
        const std::uint64_t rec = loadU64(p + end - 20 + 8);
        if (rec > n || n - rec < 56 || loadU32(p + rec) != kEnd64Sig)
            return Status::error("Zip64 end record offset " + std::to_string(rec) + " is beyond the file or invalid");
        count = loadU64(p + rec + 32);
        cdSize = loadU64(p + rec + 40);
        cdOffset = loadU64(p + rec + 48);
    }
    if (cdOffset > n || cdSize > n - cdOffset)
        return Status::error("central directory (offset " + std::to_string(cdOffset) + ", " + std::to_string(cdSize) +
                             " bytes) is beyond the end of the file at " + std::to_string(n));
    if (count > 4096) return Status::error("more than 4096 entries");
    std::uint64_t pos = cdOffset;
    const std::uint64_t cdEnd = cdOffset + cdSize;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (cdEnd - pos < 46 || loadU32(p + pos) != kCentralSig)
            return Status::error("bad central directory entry" + at(pos));
        Entry e;
        e.flags = loadU16(p + pos + 8);
        e.method = loadU16(p + pos + 10);
        e.crc = loadU32(p + pos + 16);
        e.compressedSize = loadU32(p + pos + 20);
        e.size = loadU32(p + pos + 24);
        const std::uint64_t nameLen = loadU16(p + pos + 28), extraLen = loadU16(p + pos + 30),
                            commentLen = loadU16(p + pos + 32);
        e.localOffset = loadU32(p + pos + 42);
        if (cdEnd - pos - 46 < nameLen + extraLen + commentLen)
            return Status::error("central directory entry truncated" + at(pos));
        e.name.assign(reinterpret_cast<const char*>(p + pos + 46), nameLen);
        // Zip64 extra field: the 8-byte values whose 4-byte fields are full.
        std::uint64_t x = pos + 46 + nameLen;
        const std::uint64_t xEnd = x + extraLen;
        while (xEnd - x >= 4) {
            const std::uint16_t id = loadU16(p + x), len = loadU16(p + x + 2);
            if (xEnd - x - 4 < len) return Status::error("extra field truncated" + at(x));
            if (id == 0x0001) {
                std::uint64_t f = x + 4;
                const std::uint64_t fEnd = f + len;
                for (std::uint64_t* v : {&e.size, &e.compressedSize, &e.localOffset}) {
                    if (*v != 0xFFFFFFFF) continue;
                    if (fEnd - f < 8) return Status::error("Zip64 extra field truncated" + at(x));
                    *v = loadU64(p + f);
                    f += 8;
                }
            }
            x += 4 + len;
        }
        out.entries.push_back(std::move(e));
        pos += 46 + nameLen + extraLen + commentLen;
    }
    return {};
}

// Inflates the first `want` bytes of a deflated entry straight into `dst`
// (want bytes; want = e.size for the whole entry, which is then checked
// against its CRC-32). The output is never copied or regrown: one buffer of
// the size the header declares, and an entry that inflates to more or less
// than that is refused. Fails with ": what is wrong".
Status inflateInto(const unsigned char* in, const Entry& e, std::uint64_t want, unsigned char* dst) {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return Status::error(": zlib could not start");
    const bool whole = want == e.size;
    std::uint64_t inLeft = e.compressedSize, produced = 0;
    std::uint32_t crc = 0;
    int rc = Z_OK;
    bool larger = false;
    while (produced < want) {
        if (z.avail_in == 0 && inLeft > 0) {
            const std::uint64_t chunk = std::min<std::uint64_t>(inLeft, 1u << 30);
            z.next_in = const_cast<unsigned char*>(in);
            z.avail_in = uInt(chunk);
            in += chunk;
            inLeft -= chunk;
        }
        // A megabyte at a time, so the CRC reads what inflate just wrote
        // while it is still in the cache.
        const std::uint64_t room = std::min<std::uint64_t>(want - produced, 1u << 20);
        z.next_out = dst + produced;
        z.avail_out = uInt(room);
        rc = inflate(&z, Z_NO_FLUSH);
        const std::uint64_t got = room - z.avail_out;
        if (whole) crc = std::uint32_t(crc32_z(crc, dst + produced, got));
        produced += got;
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && (z.avail_in > 0 || inLeft > 0))) break;
        if (got == 0 && z.avail_in == 0 && inLeft == 0) break;  // input ran out
    }
    if (whole && produced == want && rc != Z_STREAM_END) {
        // Everything declared is there: the stream must end now.
        unsigned char extra;
        if (z.avail_in == 0 && inLeft > 0) {
            const std::uint64_t chunk = std::min<std::uint64_t>(inLeft, 1u << 30);
            z.next_in = const_cast<unsigned char*>(in);
            z.avail_in = uInt(chunk);
            inLeft -= chunk;
        }
        z.next_out = &extra;
        z.avail_out = 1;
        rc = inflate(&z, Z_NO_FLUSH);
        larger = z.avail_out == 0;
    }
    inflateEnd(&z);
    if (larger)
        return Status::error(": inflates to more than the " + std::to_string(e.size) + " bytes its header declares");
    if (produced < want || (whole && rc != Z_STREAM_END))
        return Status::error(": deflated data is corrupt or truncated (" + std::to_string(produced) + " of " +
                             std::to_string(e.size) + " bytes inflated)");
    if (whole && crc != e.crc) return Status::error(": CRC-32 does not match (corrupt data)");
    return {};
}

// Returns the entry's bytes: in place when stored, inflated when deflated.
Status entryBytes(const ByteSource& b, const Entry& e, const NpzOptions& options, ByteSource& out,
                  std::uint64_t& fileOffset) {
    const unsigned char* p = b.data;
    const std::uint64_t n = b.size;
    const std::string where = "entry '" + e.name + "'";
    if (e.flags & 1) return Status::error(where + " is encrypted");
    if (e.localOffset > n || n - e.localOffset < 30 || loadU32(p + e.localOffset) != kLocalSig)
        return Status::error(where + ": local header offset " + std::to_string(e.localOffset) +
                             " is beyond the file or invalid");
    const std::uint64_t start = e.localOffset + 30 + loadU16(p + e.localOffset + 26) + loadU16(p + e.localOffset + 28);
    if (start > n || n - start < e.compressedSize)
        return Status::error(where + ": data from offset " + std::to_string(start) + " (" +
                             std::to_string(e.compressedSize) + " bytes) runs past the end of the file at " +
                             std::to_string(n) + " (truncated)");
    fileOffset = start;
    if (e.method == 0) {
        if (e.size != e.compressedSize) return Status::error(where + ": stored entry with different sizes");
        out.data = p + start;
        out.size = std::size_t(e.size);
        out.owner = b.owner;
        out.mapped = b.mapped;
        return {};
    }
    if (e.method != 8)
        return Status::error(where + ": compression method " + std::to_string(e.method) +
                             " is not supported (only stored or deflated)");
    if (e.size > options.maxInflatedBytes)
        return Status::error(where + ": inflates to " + std::to_string(e.size) + " bytes, more than the limit of " +
                             std::to_string(options.maxInflatedBytes));
    auto buffer =
        std::shared_ptr<unsigned char[]>(new (std::nothrow) unsigned char[std::max<std::uint64_t>(e.size, 1)]);
    if (!buffer)
        return Status::error(where + ": inflates to " + std::to_string(e.size) +
                             " bytes, more memory than this process can have");
    if (Status s = inflateInto(p + start, e, e.size, buffer.get()); !s) return Status::error(where + s.message);
    out.data = buffer.get();
    out.size = std::size_t(e.size);
    out.owner = std::move(buffer);
    fileOffset = ~std::uint64_t(0);
    return {};
}

Status readStrings(const ByteSource& b, const Entry& e, const NpzOptions& options, std::vector<std::string>& out) {
    ByteSource bytes;
    std::uint64_t offset = 0;
    if (Status s = entryBytes(b, e, options, bytes, offset); !s) return s;
    NpyArray a;
    Status s = parseNpyHeader(bytes.data, bytes.size, a);
    if (s) s = npyAsStrings(a, out);
    return s ? s : Status::error("array '" + e.name.substr(0, e.name.size() - 4) + "': " + s.message);
}

// The .npy header of a deflated entry, inflating no more than it: the
// first 64 KiB, or as much as the header says it takes.
Status readHeaderOnly(const ByteSource& b, const Entry& e, AttentionTensor& t) {
    const std::string where = "entry '" + e.name + "'";
    std::uint64_t start = 0;
    if (e.flags & 1) return Status::error(where + " is encrypted");
    const unsigned char* p = b.data;
    if (e.localOffset > b.size || b.size - e.localOffset < 30 || loadU32(p + e.localOffset) != kLocalSig)
        return Status::error(where + ": local header offset " + std::to_string(e.localOffset) +
                             " is beyond the file or invalid");
    start = e.localOffset + 30 + loadU16(p + e.localOffset + 26) + loadU16(p + e.localOffset + 28);
    if (start > b.size || b.size - start < e.compressedSize)
        return Status::error(where + ": data from offset " + std::to_string(start) +
                             " runs past the end of the file (truncated)");
    std::uint64_t want = std::min<std::uint64_t>(e.size, 64u << 10);
    std::vector<unsigned char> head(std::size_t(std::max<std::uint64_t>(want, 1)));
    if (Status s = inflateInto(p + start, e, want, head.data()); !s) return Status::error(where + s.message);
    if (want >= 12 && head[6] >= 1 && head[6] <= 3) {
        const std::uint64_t need =
            head[6] == 1 ? 10 + std::uint64_t(loadU16(head.data() + 8)) : 12 + std::uint64_t(loadU32(head.data() + 8));
        if (need > want && need <= e.size && need <= std::uint64_t(limits::kMaxHeaderBytes) + 12) {
            want = need;
            head.assign(std::size_t(want), 0);
            if (Status s = inflateInto(p + start, e, want, head.data()); !s) return Status::error(where + s.message);
        }
    }
    NpyArray a;
    Status s = parseNpyHeader(head.data(), std::size_t(want), a);
    if (s) {
        a.availableBytes = e.size - a.dataOffset;
        s = npyAsAttention(a, 0, t);
    }
    if (!s) return Status::error("array 'attentions': " + s.message);
    t.data = nullptr;  // not read: slice() says so
    t.offsetIn = "the inflated entry 'attentions.npy'";
    return {};
}

}  // namespace

ReadResult readNpz(const ByteSource& bytes, const std::string& fileName, const NpzOptions& options) {
    const auto fail = [&](const std::string& message) { return readFailure(fileName, message); };
    Archive archive;
    if (Status s = readCentralDirectory(bytes, archive); !s) return fail(s.message);
    const auto find = [&](const char* name) -> const Entry* {
        // The last of equal names, as numpy's zipfile-based reader does.
        for (auto e = archive.entries.rbegin(); e != archive.entries.rend(); ++e)
            if (e->name == std::string(name) + ".npy") return &*e;
        return nullptr;
    };
    const Entry* weights = find("attentions");
    if (!weights) {
        std::string names;
        for (const Entry& e : archive.entries) names += (names.empty() ? "" : ", ") + e.name;
        return fail("no array 'attentions' (the archive holds: " + (names.empty() ? std::string("nothing") : names) +
                    ")");
    }
    auto t = std::make_shared<AttentionTensor>();
    if (options.headerOnly && weights->method == 8) {
        if (Status s = readHeaderOnly(bytes, *weights, *t); !s) return fail(s.message);
    } else {
        ByteSource entry;
        std::uint64_t fileOffset = 0;
        if (Status s = entryBytes(bytes, *weights, options, entry, fileOffset); !s) return fail(s.message);
        NpyArray a;
        Status s = parseNpyHeader(entry.data, entry.size, a);
        const bool inPlace = fileOffset != ~std::uint64_t(0);
        if (s) s = npyAsAttention(a, inPlace ? fileOffset : 0, *t);
        if (!s) return fail("array 'attentions': " + s.message);
        if (!inPlace) t->offsetIn = "the inflated entry 'attentions.npy'";
        t->owner = entry.owner;
        t->mapped = entry.mapped;
    }
    std::vector<std::string> tokens, queryTokens, keyTokens;
    for (auto [name, list] :
         {std::pair{"tokens", &tokens}, std::pair{"query_tokens", &queryTokens}, std::pair{"key_tokens", &keyTokens}}) {
        if (const Entry* e = find(name)) {
            if (Status s = readStrings(bytes, *e, options, *list); !s) return fail(s.message);
        }
    }
    return finishRead(std::move(t), fileName, "npz", "attentions", std::move(tokens), "array 'tokens'",
                      std::move(queryTokens), std::move(keyTokens));
}

}  // namespace ap::import
