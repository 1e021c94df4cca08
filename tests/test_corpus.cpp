// The corpus reader: tokenization, the file format, every kind of bad input
// with its exact message and line number, and the shipped corpora.
#include "translation/corpus.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace {

using ap::AlignmentLink;
using ap::CorpusReadResult;
using ap::parseCorpus;
using ap::tokenize;
using Tokens = std::vector<std::string>;

// ---------------------------------------------------------------- tokenize

TEST(Tokenize, SplitsOnSpacesAndTabs) {
    EXPECT_EQ(tokenize("Je suis  étudiant"), (Tokens{"Je", "suis", "étudiant"}));
    EXPECT_EQ(tokenize(" \t a \t b  "), (Tokens{"a", "b"}));
    EXPECT_EQ(tokenize(""), Tokens{});
    EXPECT_EQ(tokenize(" \t  "), Tokens{});
}

TEST(Tokenize, AccentedLatinStaysOneToken) {
    EXPECT_EQ(tokenize("naïve café Straße Fußball"), (Tokens{"naïve", "café", "Straße", "Fußball"}));
}

TEST(Tokenize, UnicodeWhiteSpaceSeparates) {
    EXPECT_EQ(tokenize("a\u00A0b"), (Tokens{"a", "b"}));              // no-break space
    EXPECT_EQ(tokenize("我\u3000你"), (Tokens{"我", "你"}));          // ideographic space
    EXPECT_EQ(tokenize("x\u2009y\u202Fz"), (Tokens{"x", "y", "z"}));  // thin spaces
}

TEST(Tokenize, CjkRunsSplitIntoCharacters) {
    EXPECT_EQ(tokenize("打电脑游戏"), (Tokens{"打", "电", "脑", "游", "戏"}));
    EXPECT_EQ(tokenize("我们 在家"), (Tokens{"我", "们", "在", "家"}));
    // Hiragana and Katakana too: Japanese is written without spaces as well.
    EXPECT_EQ(tokenize("すしテレビ"), (Tokens{"す", "し", "テ", "レ", "ビ"}));
    // Han beyond the Basic Multilingual Plane (extension B, 4-byte UTF-8).
    EXPECT_EQ(tokenize("\U00020000\U0002A6A5"), (Tokens{"\U00020000", "\U0002A6A5"}));
}

TEST(Tokenize, MixedCjkKeepsLatinAndDigitRunsTogether) {
    EXPECT_EQ(tokenize("我有2个"), (Tokens{"我", "有", "2", "个"}));
    EXPECT_EQ(tokenize("我有20个apple们"), (Tokens{"我", "有", "20", "个", "apple", "们"}));
    EXPECT_EQ(tokenize("I like 寿司ですよ ok"), (Tokens{"I", "like", "寿", "司", "で", "す", "よ", "ok"}));
    // Korean is written with spaces between words, so Hangul is not split.
    EXPECT_EQ(tokenize("한국어 text"), (Tokens{"한국어", "text"}));
}

TEST(Tokenize, InvalidBytesStayInsideTheirToken) {
    EXPECT_EQ(tokenize("a\xFF"
                       "b 我"),
              (Tokens{"a\xFF"
                      "b",
                      "我"}));
}

// ------------------------------------------------------------ good input

TEST(ParseCorpus, ReadsPairsCommentsBlankLinesCrlfAndBom) {
    const std::string text = "\xEF\xBB\xBF# a comment\r\n"
                             "\r\n"
                             "Je suis étudiant\tI am a student\t0-0 1-1 2-3 2?2\r\n"
                             "   \t \n"
                             "# another comment\n"
                             "Un chat noir\tA black cat\n"
                             "打电脑游戏\tplay computer game\t0-0  1-1 2-1 3-2 4-2";  // no final newline
    const CorpusReadResult r = parseCorpus(text, "data/fr-en.tsv");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.value.name, "fr-en");
    ASSERT_EQ(r.value.pairs.size(), 3u);

    const ap::SentencePair& a = r.value.pairs[0];
    EXPECT_EQ(a.line, 3);
    EXPECT_EQ(a.source, (Tokens{"Je", "suis", "étudiant"}));
    EXPECT_EQ(a.target, (Tokens{"I", "am", "a", "student"}));  // no '\r' left on "student"
    EXPECT_TRUE(a.hasGold);
    EXPECT_EQ(a.gold, (std::vector<AlignmentLink>{{0, 0, true}, {1, 1, true}, {2, 3, true}, {2, 2, false}}));

    const ap::SentencePair& b = r.value.pairs[1];
    EXPECT_EQ(b.line, 6);
    EXPECT_EQ(b.source, (Tokens{"Un", "chat", "noir"}));
    EXPECT_EQ(b.target, (Tokens{"A", "black", "cat"}));
    EXPECT_FALSE(b.hasGold);
    EXPECT_TRUE(b.gold.empty());

    const ap::SentencePair& c = r.value.pairs[2];
    EXPECT_EQ(c.line, 7);
    EXPECT_EQ(c.source, (Tokens{"打", "电", "脑", "游", "戏"}));
    EXPECT_EQ(c.gold,
              (std::vector<AlignmentLink>{{0, 0, true}, {1, 1, true}, {2, 1, true}, {3, 2, true}, {4, 2, true}}));
}

TEST(ParseCorpus, BomCountsOnlyAtTheStart) {
    // A BOM in the middle is U+FEFF, a character like any other, and the
    // line it starts is then no comment.
    const CorpusReadResult r = parseCorpus("a\tb\n\xEF\xBB\xBF# not a comment\n", "t.tsv");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "t.tsv:2: no tab between source and target (expected SOURCE<TAB>TARGET or "
                       "SOURCE<TAB>TARGET<TAB>ALIGNMENT)");
}

TEST(ParseCorpus, NameDropsDirectoryAndExtension) {
    EXPECT_EQ(parseCorpus("a\tb", "/x/y/de-en.tsv").value.name, "de-en");
    EXPECT_EQ(parseCorpus("a\tb", "pairs").value.name, "pairs");
    EXPECT_EQ(parseCorpus("a\tb", ".hidden").value.name, ".hidden");
}

TEST(ParseCorpus, LimitsThemselvesAreAccepted) {
    using namespace ap::limits::corpus;
    std::string side;
    for (int i = 0; i < kMaxTokensPerSide; ++i) side += "w ";
    const std::string longToken(kMaxTokenBytes, 'x');
    const CorpusReadResult r = parseCorpus(side + "\t" + longToken + "\t99-0", "t.tsv");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.pairs[0].source.size(), std::size_t(kMaxTokensPerSide));
}

TEST(ParseCorpus, AcceptsExactlyTheMaximumNumberOfPairs) {
    std::string text;
    for (int i = 0; i < ap::limits::corpus::kMaxPairs; ++i) text += "a\tb\n";
    const CorpusReadResult r = parseCorpus(text, "t.tsv");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.pairs.size(), std::size_t(ap::limits::corpus::kMaxPairs));
}

// ------------------------------------------------------------- bad input

struct BadCase {
    std::string text;
    std::string error;
};

class BadInput : public testing::TestWithParam<BadCase> {};

TEST_P(BadInput, RefusesTheFileWithTheExactMessage) {
    const CorpusReadResult r = parseCorpus(GetParam().text, "t.tsv");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, GetParam().error);
    EXPECT_TRUE(r.value.pairs.empty());  // nothing half-read survives
}

const std::string kTabHelp = " (expected SOURCE<TAB>TARGET or SOURCE<TAB>TARGET<TAB>ALIGNMENT)";
const std::string kLinkHelp = " (expected S-T for a sure link or S?T for a possible one, with 0-based token indices)";

std::string bad(const std::string& link) { return "bad alignment link \"" + link + "\"" + kLinkHelp; }

INSTANTIATE_TEST_SUITE_P(
    Fields, BadInput,
    testing::Values(BadCase{"a b c\n", "t.tsv:1: no tab between source and target" + kTabHelp},
                    // Line numbers count comments, blank lines and CRLF lines.
                    BadCase{"# c\r\n\r\na\tb\r\n  \r\nno tab here\r\n",
                            "t.tsv:5: no tab between source and target" + kTabHelp},
                    BadCase{"a\tb\nc\t\n", "t.tsv:2: target is empty"},
                    BadCase{"a\t   \t0-0\n", "t.tsv:1: target is empty"}, BadCase{"\tb\n", "t.tsv:1: source is empty"},
                    BadCase{"a\tb\t0-0\tmore\n", "t.tsv:1: 4 tab-separated fields, expected 2 or 3 (SOURCE, TARGET and "
                                                 "optionally ALIGNMENT)"},
                    BadCase{"a\tb\t\n", "t.tsv:1: alignment field is empty (leave out its tab when a pair has no "
                                        "alignment)"},
                    BadCase{"a\tb\t  \n", "t.tsv:1: alignment field is empty (leave out its tab when a pair has no "
                                          "alignment)"}));

INSTANTIATE_TEST_SUITE_P(
    Links, BadInput,
    testing::Values(
        BadCase{"a b\tx y\t0-0 1:1\n", "t.tsv:1: " + bad("1:1")}, BadCase{"a b\tx y\t0-\n", "t.tsv:1: " + bad("0-")},
        BadCase{"a b\tx y\t?1\n", "t.tsv:1: " + bad("?1")}, BadCase{"a b\tx y\t-1-0\n", "t.tsv:1: " + bad("-1-0")},
        BadCase{"a b\tx y\t0-0-1\n", "t.tsv:1: " + bad("0-0-1")}, BadCase{"a b\tx y\ta-b\n", "t.tsv:1: " + bad("a-b")},
        BadCase{"a b\tx y\t0,0\n", "t.tsv:1: " + bad("0,0")},
        BadCase{"a b\tx y\t0-0,1-1\n", "t.tsv:1: " + bad("0-0,1-1")},
        BadCase{"a b\tx y\t+0-1\n", "t.tsv:1: " + bad("+0-1")},
        BadCase{"a b c\tx y z w\t0-0 3-0\n", "t.tsv:1: alignment link 3-0 is out of range (source has 3 tokens, target "
                                             "has 4)"},
        BadCase{"a\tx y\t0?2\n", "t.tsv:1: alignment link 0?2 is out of range (source has 1 token, target has "
                                 "2)"},
        BadCase{"a\tx\t99999999999-0\n", "t.tsv:1: alignment link 99999999999-0 is out of range (source has 1 token, "
                                         "target has 1)"},
        BadCase{"ok\tok\t0-0\na b\tx y\t0-0 1-1 0-0\n", "t.tsv:2: alignment link 0-0 is given twice"},
        BadCase{"a b\tx y\t1?1 00?1 1?01\n", "t.tsv:1: alignment link 1?01 is given twice"},
        BadCase{"a b\tx y\t0-0 0?0\n", "t.tsv:1: alignment links 0-0 and 0?0 join the same tokens (a link is either "
                                       "sure or possible)"}));

INSTANTIATE_TEST_SUITE_P(
    Encoding, BadInput,
    testing::Values(BadCase{"ok\tok\n\xC3(\tb\n", "t.tsv:2: invalid UTF-8 at byte 1 of the line (0xC3)"},
                    // Latin-1 "é", in a comment: comments must be UTF-8 too.
                    BadCase{"# caf\xE9\n", "t.tsv:1: invalid UTF-8 at byte 6 of the line (0xE9)"},
                    // Overlong forms, a surrogate, beyond U+10FFFF, a lone continuation
                    // byte, a sequence cut short by the end of the text and of the line.
                    BadCase{"a\xC0\xAF\tb\n", "t.tsv:1: invalid UTF-8 at byte 2 of the line (0xC0)"},
                    BadCase{"a\xE0\x80\xAF\tb\n", "t.tsv:1: invalid UTF-8 at byte 2 of the line (0xE0)"},
                    BadCase{"a\xED\xA0\x80\tb\n", "t.tsv:1: invalid UTF-8 at byte 2 of the line (0xED)"},
                    BadCase{"a\xF4\x90\x80\x80\tb\n", "t.tsv:1: invalid UTF-8 at byte 2 of the line (0xF4)"},
                    BadCase{"a\xBF\tb\n", "t.tsv:1: invalid UTF-8 at byte 2 of the line (0xBF)"},
                    BadCase{"a\tb\xE6\x89", "t.tsv:1: invalid UTF-8 at byte 4 of the line (0xE6)"},
                    BadCase{"a\tb\xE6\x89\n", "t.tsv:1: invalid UTF-8 at byte 4 of the line (0xE6)"},
                    BadCase{"a\x01"
                            "b\tc\n",
                            "t.tsv:1: control character U+0001 at byte 2 of the line"},
                    BadCase{"a\rb\tc\n", "t.tsv:1: control character U+000D at byte 2 of the line"},
                    BadCase{"a\tb\r\r\n", "t.tsv:1: control character U+000D at byte 4 of the line"},
                    BadCase{std::string("a\tb\0c\n", 6), "t.tsv:1: control character U+0000 at byte 4 of the line"},
                    BadCase{"a\tb\xC2\x85\n", "t.tsv:1: control character U+0085 at byte 4 of the line"}));

std::string words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "w ";
    return s;
}

INSTANTIATE_TEST_SUITE_P(
    Limits, BadInput,
    testing::Values(BadCase{"", "t.tsv: contains no sentence pairs"},
                    BadCase{"# only a comment\n\n   \n", "t.tsv: contains no sentence pairs"},
                    BadCase{words(101) + "\tb\n", "t.tsv:1: source has 101 tokens, over the limit of 100"},
                    BadCase{"a\t" + words(150) + "\n", "t.tsv:1: target has 150 tokens, over the limit of 100"},
                    BadCase{"a " + std::string(257, 'x') + "\tb\n",
                            "t.tsv:1: source token 1 is 257 bytes long, over the limit of 256"},
                    BadCase{"a\t" + std::string(300, 'x') + "\n",
                            "t.tsv:1: target token 0 is 300 bytes long, over the limit of 256"}));

TEST(ParseCorpus, RefusesMorePairsThanTheLimit) {
    std::string text = "# header\n";
    for (int i = 0; i <= ap::limits::corpus::kMaxPairs; ++i) text += "a\tb\n";
    const CorpusReadResult r = parseCorpus(text, "t.tsv");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "t.tsv:100002: more than 100000 sentence pairs, the limit");
}

TEST(ParseCorpus, RefusesTextOverTheSizeLimit) {
    std::string text(std::size_t(ap::limits::corpus::kMaxFileBytes) + 1, '#');
    const CorpusReadResult r = parseCorpus(text, "t.tsv");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "t.tsv: text is 17 MiB, over the limit of 16 MiB");
}

// ------------------------------------------------------------------ files

class CorpusFile : public testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("ap-test-corpus-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        const std::string path = (dir_ / name).string();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    std::filesystem::path dir_;
};

TEST_F(CorpusFile, ReadsAGoodFile) {
    const std::string path = write("toy.tsv", "# toy\nJe suis étudiant\tI am a student\t0-0 1-1 2-3 2?2\n");
    const CorpusReadResult r = ap::readCorpusFile(path);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.name, "toy");
    ASSERT_EQ(r.value.pairs.size(), 1u);
    EXPECT_EQ(r.value.pairs[0].line, 2);
}

TEST_F(CorpusFile, BadLineNamesThePathAndLine) {
    const std::string path = write("bad.tsv", "a\tb\n\nc\td\t0-1\n");
    const CorpusReadResult r = ap::readCorpusFile(path);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, path + ":3: alignment link 0-1 is out of range (source has 1 token, "
                              "target has 1)");
}

TEST_F(CorpusFile, MissingFile) {
    const std::string path = (dir_ / "absent.tsv").string();
    const CorpusReadResult r = ap::readCorpusFile(path);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, path + ": cannot open: No such file or directory");
}

TEST_F(CorpusFile, RefusesAFileOverTheSizeLimit) {
    const std::string path = write("big.tsv", "");
    // Sparse: the size check comes before any byte is read.
    std::filesystem::resize_file(path, std::uintmax_t(ap::limits::corpus::kMaxFileBytes) + 1);
    const CorpusReadResult r = ap::readCorpusFile(path);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, path + ": file is 17 MiB, over the limit of 16 MiB");
}

TEST_F(CorpusFile, AcceptsAFileAtTheSizeLimit) {
    std::string text = "a\tb\n";
    text += std::string(std::size_t(ap::limits::corpus::kMaxFileBytes) - text.size(), '\n');
    const CorpusReadResult r = ap::readCorpusFile(write("full.tsv", text));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.pairs.size(), 1u);
}

// -------------------------------------------------------- shipped corpora

struct Shipped {
    const char* file;
    std::size_t minPairs;
};

class ShippedCorpus : public testing::TestWithParam<Shipped> {};

TEST_P(ShippedCorpus, LoadsWithGoldAlignmentForEveryPair) {
    const CorpusReadResult r = ap::readCorpusFile(std::string(AP_RESOURCES_DIR "/corpora/") + GetParam().file);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_GE(r.value.pairs.size(), GetParam().minPairs);
    std::set<std::pair<Tokens, Tokens>> seen;
    for (const ap::SentencePair& p : r.value.pairs) {
        SCOPED_TRACE("line " + std::to_string(p.line));
        EXPECT_TRUE(p.hasGold);
        const bool anySure = std::any_of(p.gold.begin(), p.gold.end(), [](const AlignmentLink& l) { return l.sure; });
        EXPECT_TRUE(anySure);
        // A pair twice would weigh double in training and in the metrics.
        EXPECT_TRUE(seen.insert({p.source, p.target}).second) << "pair repeated";
    }
}

INSTANTIATE_TEST_SUITE_P(Resources, ShippedCorpus,
                         testing::Values(Shipped{"fr-en.tsv", 60}, Shipped{"zh-en.tsv", 60}, Shipped{"de-en.tsv", 40}),
                         [](const testing::TestParamInfo<Shipped>& info) {
                             std::string name = info.param.file;
                             name = name.substr(0, name.find('.'));
                             name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
                             return name;
                         });

const ap::SentencePair* findPair(const ap::Corpus& c, const Tokens& source) {
    for (const ap::SentencePair& p : c.pairs)
        if (p.source == source) return &p;
    return nullptr;
}

TEST(ShippedExamples, FrenchStudent) {
    const CorpusReadResult r = ap::readCorpusFile(AP_RESOURCES_DIR "/corpora/fr-en.tsv");
    ASSERT_TRUE(r.ok) << r.error;
    const ap::SentencePair* p = findPair(r.value, {"Je", "suis", "étudiant"});
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->target, (Tokens{"I", "am", "a", "student"}));
    // "a" has no French counterpart: possible link to the noun it introduces.
    EXPECT_EQ(p->gold, (std::vector<AlignmentLink>{{0, 0, true}, {1, 1, true}, {2, 3, true}, {2, 2, false}}));
}

TEST(ShippedExamples, ChineseComputerGame) {
    const CorpusReadResult r = ap::readCorpusFile(AP_RESOURCES_DIR "/corpora/zh-en.tsv");
    ASSERT_TRUE(r.ok) << r.error;
    const ap::SentencePair* p = findPair(r.value, {"打", "电", "脑", "游", "戏"});
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->target, (Tokens{"play", "computer", "game"}));
    EXPECT_EQ(p->gold,
              (std::vector<AlignmentLink>{{0, 0, true}, {1, 1, true}, {2, 1, true}, {3, 2, true}, {4, 2, true}}));
}

}  // namespace
