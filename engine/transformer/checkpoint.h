// A checkpoint's weights: model.safetensors, or the shards that
// model.safetensors.index.json lists. Every file is memory-mapped and never
// read whole; a tensor is a pointer into its mapping, so pages come in from
// the disk only when a forward pass touches them.
#pragma once

#include "core/status.h"
#include "import/byte_source.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ap::transformer {

enum class WeightType { F32, F16, BF16 };
const char* toString(WeightType t);  // "F32", "F16", "BF16"

struct TensorRef {
    std::string name;
    std::string file;  // the safetensors file it lies in, for messages
    WeightType type = WeightType::F32;
    std::vector<std::int64_t> shape;
    const unsigned char* data = nullptr;  // little-endian, C order, in the mapping

    std::int64_t elements() const;
};

class Checkpoint {
public:
    // Maps DIR/model.safetensors, or every shard of
    // DIR/model.safetensors.index.json. Errors name the file.
    static Result<Checkpoint> open(const std::string& dir);

    // The tensor called `name`, or null.
    const TensorRef* find(const std::string& name) const;
    // The weights' file name(s) for messages ("DIR/model.safetensors").
    const std::string& describe() const { return describe_; }
    std::int64_t fileBytes() const { return fileBytes_; }

private:
    std::vector<import::ByteSource> files_;  // keeps the mappings alive
    std::map<std::string, TensorRef> tensors_;
    std::string describe_;
    std::int64_t fileBytes_ = 0;

    friend Status addFile(Checkpoint& c, const std::string& path);
};

// "(768, 2304)"
std::string shapeText(const std::vector<std::int64_t>& shape);

// Element i of a tensor as float (F16 and BF16 widened exactly).
void convertToFloat(const TensorRef& t, std::int64_t first, std::int64_t count, float* out);

}  // namespace ap::transformer
