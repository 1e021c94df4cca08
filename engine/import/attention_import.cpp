#include "import/attention_import.h"

#include "core/enum_names.h"
#include "import/bertviz_reader.h"
#include "import/npy_reader.h"
#include "import/safetensors_reader.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

namespace ap::import {
namespace {

std::string lowerExtension(const std::string& name) {
    const std::size_t dot = name.find_last_of('.');
    const std::size_t slash = name.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string ext = name.substr(dot + 1);
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// A top-level "attention" key: the string followed by optional space and a
// colon. Scene files never have it.
bool hasAttentionKey(std::string_view text) {
    static constexpr std::string_view key = "\"attention\"";
    std::size_t pos = 0;
    while ((pos = text.find(key, pos)) != std::string_view::npos) {
        std::size_t q = pos + key.size();
        while (q < text.size() && (text[q] == ' ' || text[q] == '\n' || text[q] == '\r' || text[q] == '\t')) ++q;
        if (q < text.size() && text[q] == ':') return true;
        pos += key.size();
    }
    return false;
}

}  // namespace

constexpr EnumName<FileKind> kFileKindNames[] = {
    {FileKind::Npy, "npy"},
    {FileKind::Npz, "npz"},
    {FileKind::Safetensors, "safetensors"},
    {FileKind::BertVizJson, "bertviz"},
    {FileKind::Scene, "scene"},
    {FileKind::Unknown, "unknown"},
};

const char* toString(FileKind k) { return nameIn(kFileKindNames, k); }

FileKind detectKind(const ByteSource& b, const std::string& fileName) {
    const unsigned char* p = b.data;
    if (b.size >= 6 && std::memcmp(p, "\x93NUMPY", 6) == 0) return FileKind::Npy;
    if (b.size >= 4 && p[0] == 'P' && p[1] == 'K' && ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6)))
        return FileKind::Npz;
    if (b.size >= 9 && p[8] == '{' && loadU64(p) <= b.size - 8) return FileKind::Safetensors;
    std::size_t i = 0;
    if (b.size >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) i = 3;
    while (i < b.size && std::isspace(p[i])) ++i;
    if (i < b.size && p[i] == '{') {
        const std::string_view text(reinterpret_cast<const char*>(p), b.size);
        const std::string_view head = text.substr(0, 4096);
        if (head.find("\"attention-playground.scene\"") != std::string_view::npos) return FileKind::Scene;
        if (hasAttentionKey(text)) return FileKind::BertVizJson;
        return FileKind::Scene;
    }
    const std::string ext = lowerExtension(fileName);
    if (ext == "npy") return FileKind::Npy;
    if (ext == "npz") return FileKind::Npz;
    if (ext == "safetensors") return FileKind::Safetensors;
    if (ext == "json") return FileKind::Scene;
    return FileKind::Unknown;
}

bool isAttentionFile(const std::string& path) {
    const std::string ext = lowerExtension(path);
    if (ext == "npy" || ext == "npz" || ext == "safetensors") return true;
    Result<ByteSource> m = mapFile(path);
    if (!m.ok) return false;
    const FileKind k = detectKind(m.value, path);
    return k == FileKind::Npy || k == FileKind::Npz || k == FileKind::Safetensors || k == FileKind::BertVizJson;
}

Status checkAllValues(const AttentionTensor& t) {
    Matrix slice;
    for (int l = 0; l < t.layers; ++l)
        for (int h = 0; h < t.heads; ++h)
            if (Status s = t.slice(l, h, slice); !s) return s;
    return {};
}

ReadResult readAttentionBytes(const ByteSource& bytes, const std::string& fileName, const ImportOptions& options) {
    ReadResult r;
    switch (detectKind(bytes, fileName)) {
    case FileKind::Npy: r = readNpy(bytes, fileName); break;
    case FileKind::Npz: r = readNpz(bytes, fileName, options.npz); break;
    case FileKind::Safetensors: r = readSafetensors(bytes, fileName); break;
    case FileKind::BertVizJson: r = readBertViz(bytes, fileName); break;
    case FileKind::Scene:
        return readFailure(fileName, "a JSON file without an \"attention\" key (not BertViz-style attention)");
    case FileKind::Unknown:
        return readFailure(fileName, "not an attention file (expected .npy, .npz, .safetensors or BertViz-style JSON)");
    }
    if (r.ok && options.checkAllValues)
        if (Status s = checkAllValues(*r.value); !s) return ReadResult::failure(s.message);
    return r;
}

ReadResult readAttentionFile(const std::string& path, const ImportOptions& options) {
    Result<ByteSource> m = mapFile(path);
    if (!m.ok) return readFailure(path, m.error);
    return readAttentionBytes(m.value, path, options);
}

}  // namespace ap::import
