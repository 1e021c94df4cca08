// The scene reader on arbitrary bytes. Besides "never crash, leak or invoke
// undefined behaviour", it checks properties a correct reader has:
//  - it fails with a message naming the file, or gives a valid scene;
//  - where the text is not JSON, its message is the tree parser's (same
//    line, column and words), so streaming changed no syntax message;
//  - a scene it accepts writes out and reads back to the same text;
//  - a small accepted scene computes, and its result either writes or is
//    refused by checkFinite(), never written with null in it.
#include "attention/attention.h"
#include "io/json.h"
#include "io/result_writer.h"
#include "io/scene_reader.h"
#include "io/scene_writer.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ap::SceneReadResult read = ap::parseScene(text, "f.json");
    const ap::json::ParseResult tree = ap::json::parse(text, ap::limits::kMaxJsonDepth);
    if (!tree.status.ok) {
        require(!read.ok);
        require(read.error ==
                "f.json:" + std::to_string(tree.line) + ":" + std::to_string(tree.column) + ": " + tree.status.message);
        return 0;
    }
    if (!read.ok) {
        require(read.error.starts_with("f.json: "));
        return 0;
    }
    require(ap::validate(read.value).message.empty());
    const std::string once = ap::sceneToJson(read.value);
    const ap::SceneReadResult back = ap::parseScene(once, "g.json");
    require(back.ok);
    require(ap::sceneToJson(back.value) == once);

    const ap::Scene& s = read.value;
    const ap::Widths w = ap::derivedWidths(s);
    const double work = double(s.queryCount()) * s.keyCount() * (w.d + w.dv + 1) * s.heads;
    if (work > 2e5) return 0;
    ap::AttentionOptions options;
    options.threads = 1;
    ap::AttentionResult result;
    const ap::Status status = ap::computeAttention(s, options, result);
    require(status.ok);
    const std::string json = ap::resultToJson(result);
    if (ap::checkFinite(result).ok) {
        require(!json.empty());
        require(json.find("null") == std::string::npos);
        require(ap::json::parse(json).status.ok);
    } else {
        require(json.empty());
    }
    return 0;
}
