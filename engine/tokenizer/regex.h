// A small backtracking regular-expression matcher on code points, for the
// patterns that tokenizer.json files carry (the Split pre-tokenizer, the
// Replace normalizer). It follows Oniguruma, which the Hugging Face library
// uses for them: leftmost-first alternation, greedy or lazy quantifiers
// (? * + {m,n}), groups ((...), (?:...), (?i:...), (?i), named groups),
// lookahead ((?=...), (?!...)), classes with ranges, negation and the
// escapes \s \S \d \D \w \W \p{..} \P{..}, anchors ^ $ \A \z \b \B.
// \s is Unicode's White_Space; \p takes general categories (L, Lu, N, Nd...).
// Not supported (refused when compiled, with a message): lookbehind,
// backreferences, atomic groups, script names such as \p{Han}.
#pragma once

#include "core/status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ap::tokenizer {

class Regex {
public:
    struct Span {
        std::size_t start = 0, end = 0;  // code point indices, end exclusive
    };

    // An error names what is wrong and where (a code point index).
    static Result<Regex> compile(std::string_view pattern);
    // A pattern matching `literal` exactly.
    static Regex literal(std::u32string_view literal);

    // The leftmost match starting at `from` or later.
    bool search(std::u32string_view text, std::size_t from, Span& match) const;
    // The successive non-overlapping matches, as Oniguruma's search loop
    // finds them (an empty match moves the search on by one character).
    std::vector<Span> findAll(std::u32string_view text) const;

    struct Program;

private:
    std::shared_ptr<const Program> program_;
};

}  // namespace ap::tokenizer
