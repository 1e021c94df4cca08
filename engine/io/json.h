// A small, strict JSON reader (RFC 8259): a pull tokenizer (Reader) that
// hands out one event at a time, so that a reader of a large file keeps only
// what it needs, and a tree (parse) built on it for small documents. Both
// report the line and column of a syntax error and bound the nesting depth.
// Numbers keep their double value and their float value rounded once; NaN
// and Infinity are not JSON and are rejected by the tokenizer itself.
#pragma once

#include "core/status.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ap::json {

enum class Type { Null, Bool, Number, String, Array, Object };

struct Member;

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
    // Members in file order. Member is complete only below; std::vector
    // allows that (C++17), std::pair<std::string, Value> here would not.
    std::vector<Member> object;

    const Value* find(std::string_view key) const;  // null if absent
    bool isNumber() const { return type == Type::Number; }
};

struct Member {
    std::string first;  // the key
    Value second;
};

// The tree, or the reason there is none and where it lies.
struct ParseResult {
    Status status;   // the message alone, without the place
    Value value;     // null on failure
    int line = 0;    // 1-based, where the error is
    int column = 0;  // 1-based, in characters (UTF-8 code points)
};

ParseResult parse(std::string_view text, int maxDepth = 64);

enum class Event { ObjectBegin, ObjectEnd, ArrayBegin, ArrayEnd, Key, Scalar, End, Error };

// The tokenizer. next() gives the document's events in order: containers as
// Begin ... End, an object's members as Key then the member's value, strings,
// numbers, booleans and null as Scalar; End once after the whole document, or
// Error (then errorOffset() and errorMessage() say where and what, and every
// later call gives Error again). Duplicate keys are an Error at the end of
// their object. A leading UTF-8 byte order mark is skipped.
class Reader {
public:
    Reader(std::string_view text, int maxDepth = 64);
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    Event next();
    // The scalar of the last Scalar event (type, boolean, number, numberFloat,
    // numberIsInteger, string); the key of the last Key event.
    Value& scalar();
    std::string& key();
    // Open containers around the current position.
    std::size_t depth() const;
    // Bytes consumed so far.
    std::size_t offset() const;
    std::size_t errorOffset() const;
    const std::string& errorMessage() const;

private:
    struct Impl;
    Impl* impl_;
};

// Builds, as a tree, the value whose first event (`first`: a Scalar or an
// ObjectBegin/ArrayBegin) the reader has just returned, reading up to its
// end. False on a syntax error; the reader's errorOffset() and
// errorMessage() say where and what. With it a reader of a large document
// can stream the parts that are big and take the rest as trees.
bool readTree(Reader& reader, Event first, Value& out);

// 1-based line and column (in code points) of a byte offset, as an editor
// shows them; a leading byte order mark is not counted.
struct Location {
    int line = 1;
    int column = 1;
};
Location locate(std::string_view text, std::size_t offset);

const char* typeName(Type t);

// `text` as a JSON string literal, quotes included: control characters,
// quotes and backslashes escaped, UTF-8 kept. Longer than `maxBytes`, it is
// cut at a character boundary and ends in "..." (for echoing input in
// messages, which must stay one short line).
std::string quote(std::string_view text, std::size_t maxBytes = std::string_view::npos);

}  // namespace ap::json
