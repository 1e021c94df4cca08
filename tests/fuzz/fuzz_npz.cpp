// libFuzzer target for the npz attention reader. The input is copied into a
// buffer of exactly its size, so any read past the end is caught.
#include "import/npz_reader.h"
#include "fuzz_attention_common.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ap::import::ByteSource bytes = ap::import::copyBytes(data, size);
    // Bound what a small deflated entry may inflate to, as a fuzzer's
    // memory limit is far below the reader's default.
    ap::import::NpzOptions options;
    options.maxInflatedBytes = 16u << 20;
    exerciseTensor(ap::import::readNpz(bytes, "fuzz.npz", options));
    return 0;
}
