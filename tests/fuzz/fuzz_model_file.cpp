// libFuzzer target for the translation model reader (parseModel): sizes
// checked against the file before anything is allocated, no overflowing
// conversions, a checksum. An accepted model writes and reads back to the
// same parameters.
#include "translation/model_file.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const ap::ModelReadResult r = ap::parseModel(bytes, "fuzz.apmodel");
    if (!r.ok) {
        if (r.error.empty()) std::abort();  // a refusal always says why
        return 0;
    }
    const std::string again = ap::modelToBytes(r.value.model, r.value.lowercase);
    const ap::ModelReadResult back = ap::parseModel(again, "again.apmodel");
    if (!back.ok || back.value.model.parameters() != r.value.model.parameters()) std::abort();
    return 0;
}
