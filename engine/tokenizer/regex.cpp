// Parsing into a tree, then compiling the tree into a little program for a
// backtracking machine (the classic design: Split tries its first branch and
// remembers the second). Counted repetitions are unrolled; a loop whose body
// can match the empty string runs at most once, so no pattern can spin.
#include "tokenizer/regex_internal.h"

#include "tokenizer/unicode.h"

#include <limits>

namespace ap::tokenizer {

namespace {

using namespace regex_detail;
using unicode::Category;

bool itemMatches(const ClassItem& item, char32_t c) {
    bool in = false;
    switch (item.kind) {
    case ClassItem::Range: in = c >= item.lo && c <= item.hi; break;
    case ClassItem::Categories: in = (item.mask >> static_cast<int>(unicode::category(c))) & 1u; break;
    case ClassItem::Space: in = unicode::isWhitespace(c); break;
    case ClassItem::Word: in = unicode::isWordCharacter(c); break;
    case ClassItem::Digit: in = unicode::category(c) == Category::Nd; break;
    }
    return in != item.negated;
}

bool classMatches(const CharClass& cls, char32_t c) {
    bool in = false;
    for (const auto& item : cls.items)
        if (itemMatches(item, c) || (cls.caseInsensitive && itemMatches(item, unicode::foldCase(c)))) {
            in = true;
            break;
        }
    return in != cls.negated;
}

bool nullable(const Node& n) {
    switch (n.kind) {
    case Node::Literal:
    case Node::Class:
    case Node::Any: return false;
    case Node::Concat:
        for (const auto& c : n.children)
            if (!nullable(c)) return false;
        return true;
    case Node::Alternation:
        for (const auto& c : n.children)
            if (nullable(c)) return true;
        return false;
    case Node::Repeat: return n.min == 0 || nullable(n.children[0]);
    default: return true;
    }
}

class Compiler {
public:
    explicit Compiler(regex_detail::Program& program) : program_(program) {}

    // Unrolled repetitions multiply: ((a{1000}){1000}){1000} would be 10^9
    // instructions. Past this size the pattern is refused.
    static constexpr std::size_t kMaxInstructions = 200000;
    bool tooLarge = false;

    int compileProgram(const Node& root) {
        const int index = static_cast<int>(program_.code.size());
        program_.code.emplace_back();
        std::vector<Inst> code;
        emit(root, code);
        code.push_back(Inst{Op::Match});
        program_.code[index] = std::move(code);
        return index;
    }

private:
    static int here(const std::vector<Inst>& code) { return static_cast<int>(code.size()); }

    void emit(const Node& n, std::vector<Inst>& code) {
        if (code.size() > kMaxInstructions) tooLarge = true;
        if (tooLarge) return;
        switch (n.kind) {
        case Node::Empty: break;
        case Node::Literal: code.push_back(Inst{Op::Char, n.caseInsensitive, n.ch}); break;
        case Node::Class: code.push_back(Inst{Op::Class, false, 0, n.classIndex}); break;
        case Node::Any: code.push_back(Inst{Op::Any}); break;
        case Node::Concat:
            for (const auto& c : n.children) emit(c, code);
            break;
        case Node::Alternation: {
            std::vector<int> jumps;
            for (std::size_t k = 0; k < n.children.size(); ++k) {
                if (k + 1 < n.children.size()) {
                    const int split = here(code);
                    code.push_back(Inst{Op::Split, false, 0, split + 1, 0});
                    emit(n.children[k], code);
                    jumps.push_back(here(code));
                    code.push_back(Inst{Op::Jump});
                    code[split].y = here(code);
                } else {
                    emit(n.children[k], code);
                }
            }
            for (int j : jumps) code[j].x = here(code);
            break;
        }
        case Node::Repeat: emitRepeat(n, code); break;
        case Node::Look: {
            const int sub = compileProgram(n.children[0]);
            code.push_back(Inst{Op::Look, n.negated, 0, sub});
            break;
        }
        default: code.push_back(Inst{Op::Assert, false, 0, static_cast<int>(n.kind)}); break;
        }
    }

    // Split's first branch is the preferred one: the body when greedy.
    void optional(const Node& body, bool greedy, std::vector<Inst>& code, std::vector<int>& exits) {
        const int split = here(code);
        code.push_back(Inst{Op::Split});
        emit(body, code);
        exits.push_back(split);
        if (greedy)
            code[split].x = split + 1;
        else
            code[split].y = split + 1;
    }

    void emitRepeat(const Node& n, std::vector<Inst>& code) {
        const Node& body = n.children[0];
        for (int k = 0; k < n.min; ++k) emit(body, code);
        int max = n.max;
        if (max < 0 && nullable(body)) max = n.min + 1;
        std::vector<int> exits;
        if (max < 0) {
            const int loop = here(code);
            code.push_back(Inst{Op::Split});
            emit(body, code);
            code.push_back(Inst{Op::Jump, false, 0, loop});
            if (n.greedy) {
                code[loop].x = loop + 1;
                code[loop].y = here(code);
            } else {
                code[loop].x = here(code);
                code[loop].y = loop + 1;
            }
            return;
        }
        for (int k = n.min; k < max; ++k) optional(body, n.greedy, code, exits);
        for (int e : exits) (n.greedy ? code[e].y : code[e].x) = here(code);
    }

    regex_detail::Program& program_;
};

bool isWordAt(std::u32string_view t, std::size_t i) { return i < t.size() && unicode::isWordCharacter(t[i]); }

// A match attempt that backtracks more than this gives up and fails, as
// Oniguruma's retry limit makes it fail, so that no pattern can hang.
constexpr std::size_t kMaxSteps = 10'000'000;

bool run(const regex_detail::Program& program, int index, std::u32string_view text, std::size_t pos, std::size_t& end,
         std::size_t& steps) {
    const std::vector<Inst>& code = program.code[static_cast<std::size_t>(index)];
    struct Thread {
        int pc;
        std::size_t pos;
    };
    std::vector<Thread> stack;
    stack.push_back({0, pos});
    while (!stack.empty()) {
        int pc = stack.back().pc;
        std::size_t p = stack.back().pos;
        stack.pop_back();
        for (bool alive = true; alive;) {
            if (++steps > kMaxSteps) return false;
            const Inst& in = code[static_cast<std::size_t>(pc)];
            switch (in.op) {
            case Op::Char:
                alive = p < text.size() &&
                        (text[p] == in.ch || (in.flag && unicode::foldCase(text[p]) == unicode::foldCase(in.ch)));
                ++p;
                ++pc;
                break;
            case Op::Class:
                alive = p < text.size() && classMatches(program.classes[static_cast<std::size_t>(in.x)], text[p]);
                ++p;
                ++pc;
                break;
            case Op::Any:
                alive = p < text.size() && text[p] != '\n';
                ++p;
                ++pc;
                break;
            case Op::Split:
                stack.push_back({in.y, p});
                pc = in.x;
                break;
            case Op::Jump: pc = in.x; break;
            case Op::Look: {
                std::size_t ignored = 0;
                alive = run(program, in.x, text, p, ignored, steps) != in.flag;
                ++pc;
                break;
            }
            case Op::Assert: {
                switch (static_cast<Node::Kind>(in.x)) {
                case Node::LineStart: alive = p == 0 || text[p - 1] == '\n'; break;
                case Node::LineEnd: alive = p == text.size() || text[p] == '\n'; break;
                case Node::TextStart: alive = p == 0; break;
                case Node::TextEnd: alive = p == text.size(); break;
                case Node::WordBoundary: alive = (p > 0 && isWordAt(text, p - 1)) != isWordAt(text, p); break;
                default: alive = (p > 0 && isWordAt(text, p - 1)) == isWordAt(text, p); break;
                }
                ++pc;
                break;
            }
            case Op::Match: end = p; return true;
            }
        }
    }
    return false;
}

}  // namespace

Result<Regex> Regex::compile(std::string_view pattern) {
    auto program = std::make_shared<Program>();
    std::u32string text;
    std::size_t bad = 0;
    if (!unicode::decodeUtf8(pattern, text, bad)) return Result<Regex>::failure("pattern is not valid UTF-8");
    Node root;
    if (Status s = regex_detail::parseRegex(std::move(text), *program, root); !s)
        return Result<Regex>::failure(s.message);
    Compiler compiler(*program);
    compiler.compileProgram(root);
    if (compiler.tooLarge) return Result<Regex>::failure("pattern too large once its repetitions are unrolled");
    Regex regex;
    regex.program_ = std::move(program);
    return Result<Regex>::success(std::move(regex));
}

Regex Regex::literal(std::u32string_view literal) {
    auto program = std::make_shared<Program>();
    Node root{Node::Concat};
    for (char32_t c : literal) {
        Node n{Node::Literal};
        n.ch = c;
        root.children.push_back(n);
    }
    Compiler(*program).compileProgram(root);
    Regex regex;
    regex.program_ = std::move(program);
    return regex;
}

bool Regex::search(std::u32string_view text, std::size_t from, Span& match) const {
    if (!program_) return false;
    for (std::size_t start = from; start <= text.size(); ++start) {
        std::size_t end = 0;
        std::size_t steps = 0;
        if (run(*program_, 0, text, start, end, steps)) {
            match = {start, end};
            return true;
        }
    }
    return false;
}

std::vector<Regex::Span> Regex::findAll(std::u32string_view text) const {
    std::vector<Span> out;
    std::size_t from = 0;
    Span m;
    while (from <= text.size() && search(text, from, m)) {
        out.push_back(m);
        from = m.end > m.start ? m.end : m.end + 1;
    }
    return out;
}

}  // namespace ap::tokenizer
