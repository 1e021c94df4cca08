// The pattern parser: recursive descent over the pattern's code points into
// the tree of regex_internal.h. Escapes and groups follow Oniguruma's syntax.
#include "tokenizer/regex_internal.h"

#include "tokenizer/unicode.h"

namespace ap::tokenizer::regex_detail {

namespace {

class Parser {
public:
    Parser(std::u32string pattern, Program& program) : p_(std::move(pattern)), program_(program) {}

    bool parse(Node& out) {
        out = alternation(false);
        if (!error_.empty()) return false;
        if (pos_ < p_.size()) return fail("unbalanced ')'");
        return true;
    }
    const std::string& error() const { return error_; }

private:
    bool fail(std::string message) {
        if (error_.empty()) error_ = message + " at character " + std::to_string(pos_ + 1);
        return false;
    }
    bool more() const { return pos_ < p_.size() && error_.empty(); }
    bool lookingAt(std::u32string_view s) const { return std::u32string_view(p_).substr(pos_).starts_with(s); }

    Node alternation(bool ci) {
        Node alt{Node::Alternation};
        alt.children.push_back(concatenation(ci));
        while (more() && p_[pos_] == '|') {
            ++pos_;
            alt.children.push_back(concatenation(ci));
        }
        return alt.children.size() == 1 ? std::move(alt.children[0]) : alt;
    }

    Node concatenation(bool& ci) {
        Node seq{Node::Concat};
        while (more() && p_[pos_] != '|' && p_[pos_] != ')') {
            // (?i) switches case-insensitivity on for the rest of the group.
            if (lookingAt(U"(?i)")) {
                pos_ += 4;
                ci = true;
                continue;
            }
            if (lookingAt(U"(?-i)")) {
                pos_ += 5;
                ci = false;
                continue;
            }
            Node atom = this->atom(ci);
            if (!error_.empty()) break;
            quantifiers(atom);
            seq.children.push_back(std::move(atom));
        }
        return seq;
    }
    Node concatenation(bool&& ci) { return concatenation(ci); }

    void quantifiers(Node& atom) {
        while (more()) {
            int min = 0, max = -1;
            const char32_t c = p_[pos_];
            if (c == '*') {
                ++pos_;
            } else if (c == '+') {
                min = 1;
                ++pos_;
            } else if (c == '?') {
                max = 1;
                ++pos_;
            } else if (c == '{' && counted(min, max)) {
            } else {
                return;
            }
            Node rep{Node::Repeat};
            rep.min = min;
            rep.max = max;
            if (more() && p_[pos_] == '?') {
                rep.greedy = false;
                ++pos_;
            } else if (more() && p_[pos_] == '+') {
                fail("possessive quantifiers are not supported");
                return;
            }
            rep.children.push_back(std::move(atom));
            atom = std::move(rep);
        }
    }

    // {m}, {m,}, {m,n}; anything else is a literal '{' as in Oniguruma.
    bool counted(int& min, int& max) {
        std::size_t k = pos_ + 1;
        auto number = [&](int& v) {
            const std::size_t start = k;
            v = 0;
            while (k < p_.size() && p_[k] >= '0' && p_[k] <= '9' && v < 100000) v = v * 10 + int(p_[k++] - '0');
            return k > start;
        };
        if (!number(min)) return false;
        max = min;
        if (k < p_.size() && p_[k] == ',') {
            ++k;
            if (!number(max)) max = -1;
        }
        if (k >= p_.size() || p_[k] != '}') return false;
        if (max >= 0 && max < min) return fail("repetition {m,n} with n < m");
        if (min > 1000 || max > 1000) return fail("repetition count above 1000");
        pos_ = k + 1;
        return true;
    }

    Node atom(bool ci) {
        const char32_t c = p_[pos_++];
        switch (c) {
        case '(': return group(ci);
        case '[': return classNode(ci);
        case '.': return Node{Node::Any};
        case '^': return Node{Node::LineStart};
        case '$': return Node{Node::LineEnd};
        case '\\': return escape(ci);
        case '*':
        case '+':
        case '?': fail("nothing to repeat"); return Node();
        default: {
            Node n{Node::Literal};
            n.ch = c;
            n.caseInsensitive = ci;
            return n;
        }
        }
    }

    // Groups recurse; a pattern nested deeper than any real one is refused
    // before it can exhaust the stack.
    Node group(bool ci) {
        if (++depth_ > 100) {
            fail("groups nested deeper than 100");
            return Node();
        }
        struct Leave {
            int& d;
            ~Leave() { --d; }
        } leave{depth_};
        Node inner;
        if (lookingAt(U"?:")) {
            pos_ += 2;
            inner = alternation(ci);
        } else if (lookingAt(U"?i:") || lookingAt(U"?-i:")) {
            const bool on = p_[pos_ + 1] == 'i';
            pos_ += on ? 3 : 4;
            inner = alternation(on);
        } else if (lookingAt(U"?=") || lookingAt(U"?!")) {
            const bool negated = p_[pos_ + 1] == '!';
            pos_ += 2;
            Node look{Node::Look};
            look.negated = negated;
            look.children.push_back(alternation(ci));
            inner = std::move(look);
        } else if (lookingAt(U"?<=") || lookingAt(U"?<!")) {
            fail("lookbehind is not supported");
            return Node();
        } else if (lookingAt(U"?<") || lookingAt(U"?P<")) {
            while (pos_ < p_.size() && p_[pos_] != '>') ++pos_;
            ++pos_;
            inner = alternation(ci);
        } else if (lookingAt(U"?")) {
            fail("unsupported group '(?" +
                 std::string(1, static_cast<char>(pos_ + 1 < p_.size() ? p_[pos_ + 1] : ' ')) + "'");
            return Node();
        } else {
            inner = alternation(ci);
        }
        if (!error_.empty()) return Node();
        if (pos_ >= p_.size() || p_[pos_] != ')') {
            fail("missing ')'");
            return Node();
        }
        ++pos_;
        return inner;
    }

    int hexDigits(std::size_t maxDigits) {
        int v = 0;
        std::size_t n = 0;
        while (n < maxDigits && pos_ < p_.size()) {
            const char32_t h = p_[pos_];
            int d = h >= '0' && h <= '9'   ? int(h - '0')
                    : h >= 'a' && h <= 'f' ? int(h - 'a' + 10)
                    : h >= 'A' && h <= 'F' ? int(h - 'A' + 10)
                                           : -1;
            if (d < 0) break;
            v = v * 16 + d;
            ++pos_;
            ++n;
        }
        if (n == 0) fail("expected hexadecimal digits");
        return v;
    }

    // \p{..} after the 'p' or 'P': a mask of general categories.
    bool property(std::uint32_t& mask, bool& negated) {
        std::string name;
        if (pos_ < p_.size() && p_[pos_] == '{') {
            ++pos_;
            if (pos_ < p_.size() && p_[pos_] == '^') {
                negated = !negated;
                ++pos_;
            }
            while (pos_ < p_.size() && p_[pos_] != '}') name += static_cast<char>(p_[pos_++] & 0x7F);
            if (pos_ >= p_.size()) return fail("missing '}' in \\p{...}");
            ++pos_;
        } else if (pos_ < p_.size()) {
            name = static_cast<char>(p_[pos_++] & 0x7F);
        }
        static const char* const names[] = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl",
                                            "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc",
                                            "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"};
        static const std::pair<const char*, const char*> groups[] = {{"Letter", "L"}, {"Mark", "M"},
                                                                     {"Number", "N"}, {"Punctuation", "P"},
                                                                     {"Symbol", "S"}, {"Separator", "Z"},
                                                                     {"Other", "C"}};
        for (const auto& [longName, shortName] : groups)
            if (name == longName) name = shortName;
        mask = 0;
        for (int k = 0; k < 30; ++k)
            if (name == names[k] || (name.size() == 1 && names[k][0] == name[0])) mask |= 1u << k;
        if (name == "L&") mask = 0b111;
        if (mask == 0) return fail("unsupported property \\p{" + name + "}");
        return true;
    }

    // An escape that stands for a set (\s, \p{L}...), as a class item; false
    // if the escape is not one.
    bool setEscape(char32_t e, ClassItem& item) {
        switch (e) {
        case 's':
        case 'S':
            item.kind = ClassItem::Space;
            item.negated = e == 'S';
            return true;
        case 'w':
        case 'W':
            item.kind = ClassItem::Word;
            item.negated = e == 'W';
            return true;
        case 'd':
        case 'D':
            item.kind = ClassItem::Digit;
            item.negated = e == 'D';
            return true;
        case 'p':
        case 'P':
            item.kind = ClassItem::Categories;
            item.negated = e == 'P';
            property(item.mask, item.negated);
            return true;
        default: return false;
        }
    }

    // The character a non-set escape stands for.
    char32_t charEscape(char32_t e) {
        switch (e) {
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'f': return '\f';
        case 'v': return '\v';
        case 'a': return 7;
        case 'e': return 27;
        case '0': return 0;
        case 'x':
            if (pos_ < p_.size() && p_[pos_] == '{') {
                ++pos_;
                const int v = hexDigits(6);
                if (pos_ >= p_.size() || p_[pos_] != '}') fail("missing '}' in \\x{...}");
                ++pos_;
                return static_cast<char32_t>(v);
            }
            return static_cast<char32_t>(hexDigits(2));
        case 'u': return static_cast<char32_t>(hexDigits(4));
        default:
            if ((e >= '1' && e <= '9') || e == 'k' || e == 'g') fail("backreferences are not supported");
            return e;
        }
    }

    Node escape(bool ci) {
        if (pos_ >= p_.size()) {
            fail("pattern ends with '\\'");
            return Node();
        }
        const char32_t e = p_[pos_++];
        switch (e) {
        case 'A': return Node{Node::TextStart};
        case 'z':
        case 'Z': return Node{Node::TextEnd};
        case 'b': return Node{Node::WordBoundary};
        case 'B': return Node{Node::NotWordBoundary};
        default: break;
        }
        ClassItem item;
        if (setEscape(e, item)) {
            CharClass cls;
            cls.items.push_back(item);
            return addClass(std::move(cls));
        }
        Node n{Node::Literal};
        n.ch = charEscape(e);
        n.caseInsensitive = ci;
        return n;
    }

    Node addClass(CharClass cls) {
        Node n{Node::Class};
        n.classIndex = static_cast<int>(program_.classes.size());
        program_.classes.push_back(std::move(cls));
        return n;
    }

    Node classNode(bool ci) {
        CharClass cls;
        cls.caseInsensitive = ci;
        if (pos_ < p_.size() && p_[pos_] == '^') {
            cls.negated = true;
            ++pos_;
        }
        bool first = true;
        while (true) {
            if (pos_ >= p_.size()) {
                fail("missing ']'");
                return Node();
            }
            char32_t c = p_[pos_];
            if (c == ']' && !first) {
                ++pos_;
                break;
            }
            first = false;
            if (c == '[') {
                fail("nested classes are not supported");
                return Node();
            }
            ++pos_;
            if (c == '\\') {
                if (pos_ >= p_.size()) break;
                const char32_t e = p_[pos_++];
                ClassItem item;
                if (setEscape(e, item)) {
                    cls.items.push_back(item);
                    continue;
                }
                c = charEscape(e);
            }
            char32_t hi = c;
            if (pos_ + 1 < p_.size() && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
                ++pos_;
                hi = p_[pos_++];
                if (hi == '\\' && pos_ < p_.size()) hi = charEscape(p_[pos_++]);
                if (hi < c) {
                    fail("class range out of order");
                    return Node();
                }
            }
            ClassItem range;
            range.lo = c;
            range.hi = hi;
            cls.items.push_back(range);
        }
        return addClass(std::move(cls));
    }

    std::u32string p_;
    Program& program_;
    std::size_t pos_ = 0;
    std::string error_;
    int depth_ = 0;
};

}  // namespace

Status parseRegex(std::u32string pattern, Program& program, Node& root) {
    Parser parser(std::move(pattern), program);
    if (parser.parse(root)) return {};
    return Status::error(parser.error());
}

}  // namespace ap::tokenizer::regex_detail
