// The internals shared by the pattern parser (regex_parse.cpp) and the
// matcher (regex.cpp): the parse tree, the character classes and the
// backtracking machine's instructions.
#pragma once

#include "tokenizer/regex.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ap::tokenizer {

namespace regex_detail {

// One test inside a class: a range, a category mask, or a named class.
struct ClassItem {
    enum Kind { Range, Categories, Space, Word, Digit } kind = Range;
    char32_t lo = 0, hi = 0;
    std::uint32_t mask = 0;
    bool negated = false;
};

struct CharClass {
    std::vector<ClassItem> items;
    bool negated = false;
    bool caseInsensitive = false;
};

struct Node {
    enum Kind {
        Empty,
        Literal,
        Class,
        Any,
        Concat,
        Alternation,
        Repeat,
        Look,
        LineStart,
        LineEnd,
        TextStart,
        TextEnd,
        WordBoundary,
        NotWordBoundary
    } kind = Empty;
    char32_t ch = 0;
    bool caseInsensitive = false;
    int classIndex = -1;
    int min = 0, max = 0;  // Repeat; max < 0: unbounded
    bool greedy = true;
    bool negated = false;  // Look
    std::vector<Node> children;

    Node() = default;
    explicit Node(Kind k) : kind(k) {}
};

enum class Op : std::uint8_t { Char, Class, Any, Split, Jump, Look, Assert, Match };

struct Inst {
    Op op = Op::Match;
    bool flag = false;  // Char: case-insensitive; Look: negated
    char32_t ch = 0;
    int x = 0, y = 0;  // Split: first, second; Jump: x; Class: x; Look: x = program; Assert: x = Node::Kind

    explicit Inst(Op o, bool f = false, char32_t c = 0, int x0 = 0, int y0 = 0) : op(o), flag(f), ch(c), x(x0), y(y0) {}
};

struct Program {
    std::vector<CharClass> classes;
    std::vector<std::vector<Inst>> code;  // [0] the pattern, then one per lookahead
};

// Parses `pattern` into `root`, adding its classes to `program`;
// fails with the message on a pattern outside the supported subset.
Status parseRegex(std::u32string pattern, Program& program, Node& root);

}  // namespace regex_detail

struct Regex::Program : regex_detail::Program {};

}  // namespace ap::tokenizer
