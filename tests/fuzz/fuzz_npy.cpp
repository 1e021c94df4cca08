// libFuzzer target for the npy attention reader. The input is copied into a
// buffer of exactly its size, so any read past the end is caught.
#include "import/npy_reader.h"
#include "fuzz_attention_common.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ap::import::ByteSource bytes = ap::import::copyBytes(data, size);
    exerciseTensor(ap::import::readNpy(bytes, "fuzz.npy"));
    return 0;
}
