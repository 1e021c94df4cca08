#include "transformer/checkpoint.h"

#include "core/enum_names.h"
#include "import/attention_tensor.h"
#include "io/json.h"
#include "io/text_file.h"

#include <cstring>
#include <set>
#include <sys/stat.h>

namespace ap::transformer {

constexpr EnumName<WeightType> kWeightTypeNames[] = {
    {WeightType::F32, "F32"},
    {WeightType::F16, "F16"},
    {WeightType::BF16, "BF16"},
};

const char* toString(WeightType t) { return nameIn(kWeightTypeNames, t); }

std::int64_t TensorRef::elements() const {
    std::int64_t n = 1;
    for (std::int64_t d : shape) n *= d;
    return n;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

void convertToFloat(const TensorRef& t, std::int64_t first, std::int64_t count, float* out) {
    const unsigned char* p = t.data;
    switch (t.type) {
    case WeightType::F32: std::memcpy(out, p + first * 4, std::size_t(count) * 4); break;
    case WeightType::F16:
        for (std::int64_t i = 0; i < count; ++i) out[i] = import::halfToFloat(import::loadU16(p + (first + i) * 2));
        break;
    case WeightType::BF16:
        // bfloat16 is the top half of a float32.
        for (std::int64_t i = 0; i < count; ++i) {
            const std::uint32_t bits = std::uint32_t(import::loadU16(p + (first + i) * 2)) << 16;
            std::memcpy(out + i, &bits, 4);
        }
        break;
    }
}

namespace {

Result<Checkpoint> failure(std::string message) { return Result<Checkpoint>::failure(std::move(message)); }

bool fileExists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

// One safetensors file: its header's tensors join the table, pointing into
// the mapping.
Status addFile(Checkpoint& c, const std::string& path) {
    Result<import::ByteSource> m = import::mapFile(path);
    if (!m.ok) return Status::error(path + ": " + m.error);
    const import::ByteSource& b = m.value;
    if (b.size < 8) return Status::error(path + ": not a safetensors file (shorter than its 8-byte header length)");
    const std::uint64_t headerBytes = import::loadU64(b.data);
    if (headerBytes > std::uint64_t(import::limits::kMaxHeaderBytes) || headerBytes > b.size - 8)
        return Status::error(path + ": not a safetensors file (header length " + std::to_string(headerBytes) +
                             " for a file of " + std::to_string(b.size) + " bytes)");
    const std::string_view text(reinterpret_cast<const char*>(b.data + 8), std::size_t(headerBytes));
    const json::ParseResult parsed = json::parse(text);
    if (!parsed.status.ok) return Status::error(path + ": header: " + parsed.status.message);
    if (parsed.value.type != json::Type::Object) return Status::error(path + ": header is not a JSON object");
    const std::uint64_t dataStart = 8 + headerBytes;
    const std::uint64_t dataBytes = b.size - dataStart;
    for (const json::Member& m2 : parsed.value.object) {
        if (m2.first == "__metadata__") continue;
        const json::Value& v = m2.second;
        const std::string where = path + ": tensor '" + m2.first + "'";
        const json::Value* dtype = v.find("dtype");
        const json::Value* shape = v.find("shape");
        const json::Value* offsets = v.find("data_offsets");
        if (!dtype || dtype->type != json::Type::String || !shape || shape->type != json::Type::Array || !offsets ||
            offsets->type != json::Type::Array || offsets->array.size() != 2)
            return Status::error(where + ": needs dtype, shape and data_offsets");
        TensorRef t;
        t.name = m2.first;
        t.file = path;
        int size = 0;
        if (dtype->string == "F32") {
            t.type = WeightType::F32;
            size = 4;
        } else if (dtype->string == "F16") {
            t.type = WeightType::F16;
            size = 2;
        } else if (dtype->string == "BF16") {
            t.type = WeightType::BF16;
            size = 2;
        } else {
            // Integer buffers (position ids, masks) are not weights; a
            // weight of another type is reported when it is asked for.
            continue;
        }
        std::uint64_t count = 1;
        for (const json::Value& d : shape->array) {
            if (!d.isNumber() || !d.numberIsInteger || d.number < 0 || d.number > 1e12)
                return Status::error(where + ": bad shape");
            t.shape.push_back(std::int64_t(d.number));
            count *= std::uint64_t(d.number);
            if (count > (std::uint64_t(1) << 40)) return Status::error(where + ": bad shape");
        }
        const json::Value& o0 = offsets->array[0];
        const json::Value& o1 = offsets->array[1];
        if (!o0.isNumber() || !o1.isNumber() || o0.number < 0 || o1.number < o0.number ||
            std::uint64_t(o1.number) > dataBytes || std::uint64_t(o1.number - o0.number) != count * size)
            return Status::error(where + ": data_offsets do not match its shape " + shapeText(t.shape) +
                                 " or lie past the end of the file");
        t.data = b.data + dataStart + std::uint64_t(o0.number);
        c.tensors_[t.name] = std::move(t);
    }
    c.fileBytes_ += std::int64_t(b.size);
    c.files_.push_back(std::move(m.value));
    return Status::success();
}

Result<Checkpoint> Checkpoint::open(const std::string& dir) {
    Checkpoint c;
    const std::string single = dir + "/model.safetensors";
    const std::string index = dir + "/model.safetensors.index.json";
    if (fileExists(single)) {
        c.describe_ = single;
        if (Status s = addFile(c, single); !s) return failure(s.message);
        return Result<Checkpoint>::success(std::move(c));
    }
    if (!fileExists(index))
        return failure(dir +
                       ": no model.safetensors or model.safetensors.index.json (only safetensors weights are read)");
    c.describe_ = index;
    const Result<std::string> text = readTextFile(index, 64 << 20);
    if (!text.ok) return failure(index + ": " + text.error);
    const json::ParseResult parsed = json::parse(text.value);
    if (!parsed.status.ok) return failure(index + ": " + parsed.status.message);
    const json::Value* map = parsed.value.find("weight_map");
    if (!map || map->type != json::Type::Object) return failure(index + ": no \"weight_map\" object");
    std::set<std::string> shards;
    for (const json::Member& m : map->object) {
        if (m.second.type != json::Type::String || m.second.string.find('/') != std::string::npos ||
            m.second.string.empty() || m.second.string[0] == '.')
            return failure(index + ": weight_map entry '" + m.first + "' does not name a shard in the folder");
        shards.insert(m.second.string);
    }
    for (const std::string& shard : shards)
        if (Status s = addFile(c, dir + "/" + shard); !s) return failure(s.message);
    for (const json::Member& m : map->object)
        if (c.tensors_.count(m.first) && c.tensors_[m.first].file != dir + "/" + m.second.string)
            return failure(index + ": tensor '" + m.first + "' is listed in " + m.second.string + " but lies in " +
                           c.tensors_[m.first].file);
    return Result<Checkpoint>::success(std::move(c));
}

const TensorRef* Checkpoint::find(const std::string& name) const {
    const auto it = tensors_.find(name);
    return it == tensors_.end() ? nullptr : &it->second;
}

}  // namespace ap::transformer
