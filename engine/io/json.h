// A small, strict JSON reader (RFC 8259) for scene files: it keeps the
// document in a compact tree, reports the line and column of a syntax error,
// and bounds depth and size so that no input can allocate without bound.
// Numbers keep their double value; NaN and Infinity are not JSON and are
// rejected by the parser itself.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ap::json {

enum class Type { Null, Bool, Number, String, Array, Object };

struct Value {
    Type type = Type::Null;
    bool boolean = false;
    double number = 0.0;
    bool numberIsInteger = false;  // written without fraction or exponent
    // The number's text rounded once, straight to float; +-infinity beyond the
    // float range. Not float(number): rounding twice, through double, moves
    // a few values (7.038531e-26) to the neighbouring float.
    float numberFloat = 0.0f;
    std::string string;
    std::vector<Value> array;
    std::vector<std::pair<std::string, Value>> object;  // in file order

    const Value* find(std::string_view key) const;  // null if absent
    bool isNumber() const { return type == Type::Number; }
};

struct ParseResult {
    bool ok = false;
    Value value;
    int line = 0;    // 1-based, where the error is
    int column = 0;  // 1-based, in characters (UTF-8 code points)
    std::string error;
};

ParseResult parse(std::string_view text, int maxDepth = 64);

const char* typeName(Type t);

// `text` as a JSON string literal, quotes included: control characters,
// quotes and backslashes escaped, UTF-8 kept. Longer than `maxBytes`, it is
// cut at a character boundary and ends in "..." (for echoing input in
// messages, which must stay one short line).
std::string quote(std::string_view text, std::size_t maxBytes = std::string_view::npos);

}  // namespace ap::json
