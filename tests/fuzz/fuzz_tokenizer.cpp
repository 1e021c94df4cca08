// The tokenizer loader and the regex matcher on arbitrary bytes. The first
// byte picks the target; the rest is split at the first "\n\n" into the
// tokenizer.json text (or the pattern) and a text to encode (or match).
// Besides "never crash, leak, hang or invoke undefined behaviour":
//  - a tokenizer.json that is not JSON is refused with the tree parser's
//    line and column (the loader streams, so this checks it kept the
//    parser's messages), and every refusal names the file;
//  - an encoding has one token string per id, every id has a vocabulary
//    string or is a special-token id, and only invalid UTF-8 fails;
//  - regex matches are ordered, non-overlapping and inside the text.
#include "io/json.h"
#include "tokenizer/regex.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/unicode.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

void fuzzTokenizer(std::string_view json, std::string_view text) {
    auto t = ap::tokenizer::Tokenizer::fromJson(json, "f.json");
    const ap::json::ParseResult parsed = ap::json::parse(json);
    if (!parsed.status.ok) {
        require(!t.ok);
        const std::string where = "f.json:" + std::to_string(parsed.line) + ":" + std::to_string(parsed.column) + ": ";
        require(t.error.rfind(where + parsed.status.message, 0) == 0);
        return;
    }
    if (!t.ok) {
        require(t.error.rfind("f.json", 0) == 0);
        return;
    }
    for (bool special : {false, true}) {
        auto e = t.value.encode(text, special);
        std::u32string decoded;
        std::size_t bad = 0;
        if (!ap::tokenizer::unicode::decodeUtf8(text, decoded, bad)) {
            require(!e.ok);
            continue;
        }
        // A model may lack its unknown token; that is the one other failure.
        if (!e.ok) {
            require(e.error.find("unknown token") != std::string::npos);
            continue;
        }
        require(e.value.ids.size() == e.value.tokens.size());
        for (std::int32_t id : e.value.ids) {
            require(id >= 0);
            (void)t.value.displayToken(id);
            (void)t.value.continuesWord(id);
        }
    }
}

void fuzzRegex(std::string_view pattern, std::string_view text) {
    auto re = ap::tokenizer::Regex::compile(pattern);
    if (!re.ok) {
        require(!re.error.empty());
        return;
    }
    const std::u32string t = ap::tokenizer::unicode::toUtf32(text);
    std::size_t last = 0;
    bool first = true;
    for (const auto& m : re.value.findAll(t)) {
        require(m.start <= m.end && m.end <= t.size());
        require(first || m.start >= last);
        last = m.end;
        first = false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view all(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t cut = all.find("\n\n");
    const std::string_view head = all.substr(0, cut);
    const std::string_view tail = cut == std::string_view::npos ? std::string_view() : all.substr(cut + 2);
    if (data[0] & 1)
        fuzzRegex(head, tail);
    else
        fuzzTokenizer(head, tail);
    return 0;
}
