// The JSON values and what is built on the tokenizer (json.cpp): the tree
// parser, error locations, quoting.
#include "io/json.h"

#include "core/utf8.h"

#include <algorithm>
#include <cstdio>

namespace ap::json {

const Value* Value::find(std::string_view key) const {
    for (const auto& [k, v] : object)
        if (k == key) return &v;
    return nullptr;
}

const char* typeName(Type t) {
    switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "boolean";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
    }
    return "value";
}

std::string quote(std::string_view text, std::size_t maxBytes) {
    bool cut = false;
    if (text.size() > maxBytes) {
        std::size_t end = maxBytes;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        text = text.substr(0, end);
        cut = true;
    }
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    if (cut) out += "...";
    out += '"';
    return out;
}

Location locate(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t lineStart = utf8::byteOrderMarkLength(text);
    Location at;
    for (std::size_t k = lineStart; k < offset; ++k)
        if (text[k] == '\n') {
            ++at.line;
            lineStart = k + 1;
        }
    // Columns count code points (bytes that do not continue a UTF-8 sequence),
    // as editors do.
    for (std::size_t k = lineStart; k < offset; ++k)
        if (utf8::startsCharacter(static_cast<unsigned char>(text[k]))) ++at.column;
    return at;
}

bool readTree(Reader& reader, Event first, Value& out) {
    std::vector<Value*> stack;
    std::string key;
    // Where the next value goes. Only the innermost open container grows, so
    // the pointers on the stack (to its ancestors' last members) stay valid.
    auto slot = [&]() -> Value* {
        if (stack.empty()) return &out;
        Value* top = stack.back();
        if (top->type == Type::Array) return &top->array.emplace_back();
        return &top->object.emplace_back(Member{std::move(key), Value{}}).second;
    };
    for (Event event = first;; event = reader.next()) {
        switch (event) {
        case Event::ObjectBegin:
        case Event::ArrayBegin: {
            Value* v = slot();
            v->type = event == Event::ArrayBegin ? Type::Array : Type::Object;
            stack.push_back(v);
            continue;
        }
        case Event::ObjectEnd:
        case Event::ArrayEnd: stack.pop_back(); break;
        case Event::Key: key = std::move(reader.key()); continue;
        case Event::Scalar: *slot() = std::move(reader.scalar()); break;
        case Event::End:
        case Event::Error: return false;
        }
        if (stack.empty()) return true;
    }
}

ParseResult parse(std::string_view text, int maxDepth) {
    ParseResult result;
    Reader reader(text, maxDepth);
    const Event first = reader.next();
    if (first != Event::Error && readTree(reader, first, result.value) && reader.next() == Event::End) return result;
    result.value = Value{};
    const Location at = locate(text, reader.errorOffset());
    result.line = at.line;
    result.column = at.column;
    result.status = Status::error(reader.errorMessage());
    return result;
}

}  // namespace ap::json
