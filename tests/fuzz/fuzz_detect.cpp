// libFuzzer target for the choice of reader (detectKind) and the one entry
// point the window and the command line use (readAttentionBytes). The first
// byte picks the file name's extension, so that the name-based fallback is
// reached too; the rest is the file.
#include "fuzz_attention_common.h"
#include "import/attention_import.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const char* const names[] = {"fuzz.npy", "fuzz.npz", "fuzz.safetensors", "fuzz.json", "fuzz", "fuzz.NPZ"};
    if (size == 0) return 0;
    const char* name = names[data[0] % (sizeof names / sizeof names[0])];
    const ap::import::ByteSource bytes = ap::import::copyBytes(data + 1, size - 1);
    const ap::import::FileKind kind = ap::import::detectKind(bytes, name);
    ap::import::ImportOptions options;
    options.npz.maxInflatedBytes = 16u << 20;  // a fuzzer's memory limit is far below the default
    options.npz.headerOnly = (data[0] & 0x80) != 0;
    const ap::import::ReadResult r = ap::import::readAttentionBytes(bytes, name, options);
    // Scenes and unknown bytes are refused, never read as attention.
    if (r.ok && (kind == ap::import::FileKind::Scene || kind == ap::import::FileKind::Unknown)) std::abort();
    if (options.npz.headerOnly && r.ok && r.value->format == "npz" && r.value->data == nullptr) {
        ap::Matrix m;
        if (r.value->slice(0, 0, m).ok) std::abort();  // a header-only tensor has no values
        return 0;
    }
    exerciseTensor(r);
    return 0;
}
