// The tokenizers' parts one by one: Unicode tables, the regex matcher, the
// normalizers and the pre-tokenizers, on inputs worked out by hand.
#include "io/json.h"
#include "tokenizer/pipeline.h"
#include "tokenizer/regex.h"
#include "tokenizer/unicode.h"

#include <gtest/gtest.h>

using namespace ap::tokenizer;
using unicode::Category;

namespace {

std::u32string u(std::string_view s) { return unicode::toUtf32(s); }
std::string s8(std::u32string_view s) { return unicode::toUtf8(s); }

std::vector<std::string> matches(std::string_view pattern, std::string_view text) {
    auto re = Regex::compile(pattern);
    EXPECT_TRUE(re.ok) << re.error;
    const std::u32string t = u(text);
    std::vector<std::string> out;
    for (const auto& m : re.value.findAll(t)) out.push_back(s8(t.substr(m.start, m.end - m.start)));
    return out;
}

ap::json::Value parse(std::string_view text) {
    auto p = ap::json::parse(text);
    EXPECT_TRUE(p.status.ok) << p.status.message;
    return p.value;
}

std::string normalized(std::string_view config, std::string_view text) {
    auto n = detail::loadNormalizer(parse(config), "test");
    EXPECT_TRUE(n.ok) << n.error;
    std::u32string t = u(text);
    n.value->normalize(t);
    return s8(t);
}

std::vector<std::string> preTokenized(std::string_view config, std::string_view text) {
    auto p = detail::loadPreTokenizer(parse(config), "test");
    EXPECT_TRUE(p.ok) << p.error;
    std::vector<detail::Piece> pieces(1);
    pieces[0].text = u(text);
    pieces[0].atStart = true;
    p.value->split(pieces);
    std::vector<std::string> out;
    for (const auto& piece : pieces) out.push_back(s8(piece.text));
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST(TokenizerUnicode, Categories) {
    EXPECT_EQ(unicode::category(U'A'), Category::Lu);
    EXPECT_EQ(unicode::category(U'a'), Category::Ll);
    EXPECT_EQ(unicode::category(U'\u4E2D'), Category::Lo);
    EXPECT_EQ(unicode::category(U'\u0663'), Category::Nd);
    EXPECT_EQ(unicode::category(U'\u2167'), Category::Nl);
    EXPECT_EQ(unicode::category(U'\u0301'), Category::Mn);
    EXPECT_EQ(unicode::category(U'!'), Category::Po);
    EXPECT_EQ(unicode::category(U'\U0001F600'), Category::So);
    EXPECT_EQ(unicode::category(U'\uE000'), Category::Co);
    EXPECT_EQ(unicode::category(U'\u0378'), Category::Cn);
    EXPECT_EQ(unicode::category(U'\U00020000'), Category::Lo);
    EXPECT_STREQ(unicode::unicodeVersion(), "14.0.0");
    EXPECT_TRUE(unicode::isWhitespace(0x85));
    EXPECT_TRUE(unicode::isWhitespace(0x3000));
    EXPECT_FALSE(unicode::isWhitespace(0x200B));
    EXPECT_FALSE(unicode::isWhitespace(0xFEFF));
    EXPECT_TRUE(unicode::isChineseCharacter(0x20001));
    EXPECT_FALSE(unicode::isChineseCharacter(0x3042));
    EXPECT_TRUE(unicode::isBertPunctuation(U'$'));  // ASCII, though a symbol
    EXPECT_TRUE(unicode::isBertPunctuation(U'\u3001'));
}

TEST(TokenizerUnicode, NormalizationForms) {
    using unicode::Form;
    EXPECT_EQ(s8(unicode::normalize(u("e\u0301"), Form::NFC)), "\u00e9");
    EXPECT_EQ(s8(unicode::normalize(u("\u00e9"), Form::NFD)), "e\u0301");
    EXPECT_EQ(s8(unicode::normalize(u("\ufb01\u2460"), Form::NFKC)), "fi1");
    EXPECT_EQ(s8(unicode::normalize(u("\ufb01"), Form::NFC)), "\ufb01");
    // Hangul by arithmetic, both ways.
    EXPECT_EQ(s8(unicode::normalize(u("\u1100\u1161\u11a8"), Form::NFC)), "\uac01");
    EXPECT_EQ(s8(unicode::normalize(u("\uac01"), Form::NFD)), "\u1100\u1161\u11a8");
    // Marks are put in canonical order, then composed where nothing blocks.
    EXPECT_EQ(s8(unicode::normalize(u("o\u0302\u0323"), Form::NFC)), "\u1ed9");
    EXPECT_EQ(s8(unicode::normalize(u("q\u0307\u0323"), Form::NFC)), "q\u0323\u0307");
    // A composition exclusion stays decomposed.
    EXPECT_EQ(s8(unicode::normalize(u("\u0958"), Form::NFC)), "\u0915\u093c");
    EXPECT_EQ(s8(unicode::normalize(u("\u212b"), Form::NFC)), "\u00c5");  // the angstrom sign
    EXPECT_EQ(s8(unicode::normalize(u("\u0301a"), Form::NFC)), "\u0301a");
    std::u32string lower;
    unicode::appendLowercase(U'\u0130', lower);
    unicode::appendLowercase(U'\u03a3', lower);
    unicode::appendLowercase(U'\u00c9', lower);
    EXPECT_EQ(s8(lower), "i\u0307\u03c3\u00e9");
    EXPECT_EQ(unicode::foldCase(U'\u017f'), U's');
}

TEST(TokenizerRegex, Gpt2Pattern) {
    const char* gpt2 = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
    EXPECT_EQ(matches(gpt2, "Hello world's  123!!\n\n"), (Strings{"Hello", " world", "'s", " ", " 123", "!!", "\n\n"}));
    EXPECT_EQ(matches(gpt2, "a \u0085b"), (Strings{"a", " ", "\u0085", "b"}));  // U+0085 is \s
}

TEST(TokenizerRegex, Llama3Pattern) {
    const char* llama3 =
        R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
    EXPECT_EQ(matches(llama3, "IT'S 12345 ok!!\n\nx"), (Strings{"IT", "'S", " ", "123", "45", " ok", "!!\n\n", "x"}));
    EXPECT_EQ(matches(llama3, "'\u017f"), (Strings{"'\u017f"}));  // case folding: ſ folds to s
    EXPECT_EQ(matches(llama3, "  \n  x"), (Strings{"  \n", " ", " x"}));
}

TEST(TokenizerRegex, Constructs) {
    EXPECT_EQ(matches("a{2,3}", "aaaaaaa"), (Strings{"aaa", "aaa"}));
    EXPECT_EQ(matches("a+?", "aaa"), (Strings{"a", "a", "a"}));
    EXPECT_EQ(matches("(?:ab|a)c", "abc ac"), (Strings{"abc", "ac"}));
    EXPECT_EQ(matches("x(?=y)", "xy xz"), (Strings{"x"}));
    EXPECT_EQ(matches("[^a-c\\d]+", "abxy12z"), (Strings{"xy", "z"}));
    EXPECT_EQ(matches("\\P{L}+", "ab12!c"), (Strings{"12!"}));
    EXPECT_EQ(matches("(?i)abc", "ABC aBc"), (Strings{"ABC", "aBc"}));
    EXPECT_EQ(matches("\\bx\\b", "x ax x"), (Strings{"x", "x"}));
    EXPECT_EQ(matches("a*", "baa").size(), 3u);  // empty, "aa", empty at the end
    for (const char* bad : {"(?<=a)b", "a{3,1}", "(a", "[a", "\\p{Han}", "a)", "*a", "\\1"})
        EXPECT_FALSE(Regex::compile(bad).ok) << bad;
    EXPECT_NE(Regex::compile("(?<=a)b").error.find("lookbehind"), std::string::npos);
}

TEST(TokenizerRegex, HostilePatternsAreBounded) {
    // Nesting that would exhaust the stack, repetitions that would unroll to
    // a billion instructions, and exponential backtracking.
    // Built by append: GCC 12 takes the inlined operator+ chain for an
    // out-of-bounds copy (-Warray-bounds, a false positive).
    std::string deep(500, '(');
    deep.append(1, 'a').append(500, ')');
    EXPECT_NE(Regex::compile(deep).error.find("nested deeper"), std::string::npos);
    EXPECT_NE(Regex::compile("((a{1000}){1000}){1000}").error.find("too large"), std::string::npos);
    auto slow = Regex::compile("(a|a|aa)*c");
    ASSERT_TRUE(slow.ok);
    const std::u32string text(40, U'a');
    EXPECT_TRUE(slow.value.findAll(text).empty());  // gives up instead of running for ages
}

TEST(TokenizerNormalizers, EachType) {
    EXPECT_EQ(normalized(R"({"type":"NFC"})", "e\u0301"), "\u00e9");
    EXPECT_EQ(normalized(R"({"type":"NFKD"})", "\u00e9\ufb01"), "e\u0301fi");
    EXPECT_EQ(normalized(R"({"type":"Lowercase"})", "\u0130STANBUL"), "i\u0307stanbul");
    EXPECT_EQ(normalized(R"({"type":"Strip","strip_left":true,"strip_right":true})", " \u3000hi\n "), "hi");
    EXPECT_EQ(normalized(R"({"type":"Strip","strip_left":false,"strip_right":true})", "  hi  "), "  hi");
    EXPECT_EQ(normalized(R"({"type":"StripAccents"})", "e\u0301\u00e9"), "e\u00e9");  // marks only
    EXPECT_EQ(normalized(R"({"type":"Prepend","prepend":"\u2581"})", "a"), "\u2581a");
    EXPECT_EQ(normalized(R"({"type":"Prepend","prepend":"\u2581"})", ""), "");
    EXPECT_EQ(normalized(R"({"type":"Replace","pattern":{"Regex":" {2,}"},"content":" "})", "a   b  c d"), "a b c d");
    EXPECT_EQ(normalized(R"({"type":"Replace","pattern":{"String":"."},"content":"!"})", "a.b"), "a!b");
    EXPECT_EQ(normalized(R"({"type":"Sequence","normalizers":[{"type":"NFD"},{"type":"StripAccents"},
                          {"type":"Lowercase"}]})",
                         "\u00c9t\u00c9"),
              "ete");
    // clean_text drops controls and U+FFFD and makes whitespace a space;
    // CJK ideographs get spaces around them; accents go, then case.
    EXPECT_EQ(normalized(R"({"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,
                          "strip_accents":null,"lowercase":true})",
                         "\u00dcn\u00efc\u00f6d\u00e9\t\u4e2d\x01\ufffd!"),
              "unicode  \u4e2d !");
    EXPECT_EQ(normalized(R"({"type":"BertNormalizer","clean_text":false,"handle_chinese_chars":false,
                          "strip_accents":false,"lowercase":true})",
                         "\u00c9\t"),
              "\u00e9\t");
}

TEST(TokenizerPreTokenizers, SplitBehaviours) {
    // The library's own example for its delimiter behaviours.
    auto split = [](const char* behavior) {
        return preTokenized(std::string(R"({"type":"Split","pattern":{"String":"-"},"invert":false,"behavior":")") +
                                behavior + "\"}",
                            "the-final--countdown");
    };
    EXPECT_EQ(split("Removed"), (Strings{"the", "final", "countdown"}));
    EXPECT_EQ(split("Isolated"), (Strings{"the", "-", "final", "-", "-", "countdown"}));
    EXPECT_EQ(split("MergedWithPrevious"), (Strings{"the-", "final-", "-", "countdown"}));
    EXPECT_EQ(split("MergedWithNext"), (Strings{"the", "-final", "-", "-countdown"}));
    EXPECT_EQ(split("Contiguous"), (Strings{"the", "-", "final", "--", "countdown"}));
    EXPECT_EQ(preTokenized(R"({"type":"Split","pattern":{"Regex":"\\d+"},"invert":true,"behavior":"Removed"})",
                           "ab12cd345"),
              (Strings{"12", "345"}));
}

TEST(TokenizerPreTokenizers, EachType) {
    EXPECT_EQ(preTokenized(R"({"type":"Digits","individual_digits":true})", "a123b"),
              (Strings{"a", "1", "2", "3", "b"}));
    EXPECT_EQ(preTokenized(R"({"type":"Digits","individual_digits":false})", "a123b"), (Strings{"a", "123", "b"}));
    EXPECT_EQ(preTokenized(R"({"type":"Punctuation","behavior":"Isolated"})", "hi!?x"), (Strings{"hi", "!", "?", "x"}));
    EXPECT_EQ(preTokenized(R"({"type":"Whitespace"})", "Hello, world!! x"),
              (Strings{"Hello", ",", "world", "!!", "x"}));
    EXPECT_EQ(preTokenized(R"({"type":"WhitespaceSplit"})", " a\tb\u3000c "), (Strings{"a", "b", "c"}));
    EXPECT_EQ(preTokenized(R"({"type":"BertPreTokenizer"})", " Hi,there! \u3001x"),
              (Strings{"Hi", ",", "there", "!", "\u3001", "x"}));
    EXPECT_EQ(preTokenized(R"({"type":"CharDelimiterSplit","delimiter":"|"})", "a|b||c"), (Strings{"a", "b", "c"}));
    // Byte-level: the prefix space, the GPT-2 split, then bytes as characters.
    EXPECT_EQ(preTokenized(R"({"type":"ByteLevel","add_prefix_space":true,"use_regex":true})", "hi\n\u00e4"),
              (Strings{"\u0120hi", "\u010a", "\u00c3\u00a4"}));
    EXPECT_EQ(preTokenized(R"({"type":"ByteLevel","add_prefix_space":false,"use_regex":false})", "a b"),
              (Strings{"a\u0120b"}));
    EXPECT_EQ(preTokenized(R"({"type":"Sequence","pretokenizers":[{"type":"WhitespaceSplit"},
                            {"type":"Digits","individual_digits":true}]})",
                           "a1 b2"),
              (Strings{"a", "1", "b", "2"}));
}

TEST(TokenizerPreTokenizers, MetaspacePrependSchemes) {
    auto meta = [](const char* scheme, bool secondPiece) {
        auto p = detail::loadPreTokenizer(
            parse(std::string(R"({"type":"Metaspace","replacement":"\u2581","split":true,"prepend_scheme":")") +
                  scheme + "\"}"),
            "test");
        EXPECT_TRUE(p.ok) << p.error;
        std::vector<detail::Piece> pieces(1);
        pieces[0].text = u("hi you");
        pieces[0].atStart = !secondPiece;
        p.value->split(pieces);
        Strings out;
        for (const auto& piece : pieces) out.push_back(s8(piece.text));
        return out;
    };
    EXPECT_EQ(meta("always", false), (Strings{"\u2581hi", "\u2581you"}));
    EXPECT_EQ(meta("always", true), (Strings{"\u2581hi", "\u2581you"}));
    EXPECT_EQ(meta("first", false), (Strings{"\u2581hi", "\u2581you"}));
    EXPECT_EQ(meta("first", true), (Strings{"hi", "\u2581you"}));  // not at the start of the input
    EXPECT_EQ(meta("never", false), (Strings{"hi", "\u2581you"}));
}
