#include "translation/aligner.h"
#include "translation/corpus.h"
#include "translation/grammar.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

const ap::GrammarKind kAll[] = {ap::GrammarKind::FrEn, ap::GrammarKind::DeEn, ap::GrammarKind::ZhEn};

ap::GrammarOptions options(ap::GrammarKind g, int pairs, std::uint64_t seed) {
    ap::GrammarOptions o;
    o.grammar = g;
    o.pairs = pairs;
    o.seed = seed;
    return o;
}

TEST(Grammar, FileReadsBackWithTheCorpusReader) {
    for (ap::GrammarKind g : kAll) {
        const ap::GrammarOptions o = options(g, 2000, 7);
        const ap::GeneratedCorpus c = ap::generateCorpus(o);
        ASSERT_TRUE(c.ok) << c.error;
        const ap::CorpusReadResult back = ap::parseCorpus(ap::corpusToTsv(c, o), "generated.tsv");
        ASSERT_TRUE(back.ok) << ap::toString(g) << ": " << back.error;
        ASSERT_EQ(back.value.pairs.size(), c.value.pairs.size());
        for (std::size_t p = 0; p < c.value.pairs.size(); ++p) {
            EXPECT_EQ(back.value.pairs[p].source, c.value.pairs[p].source);
            EXPECT_EQ(back.value.pairs[p].target, c.value.pairs[p].target);
            EXPECT_EQ(back.value.pairs[p].gold, c.value.pairs[p].gold);
        }
    }
}

// Every link in range, no link twice, every word of both sides linked
// (surely or possibly) to something, and lengths within 2..12 tokens.
TEST(Grammar, GoldLinksAreInRangeAndConsistent) {
    for (ap::GrammarKind g : kAll) {
        const ap::GeneratedCorpus c = ap::generateCorpus(options(g, 3000, 3));
        ASSERT_TRUE(c.ok);
        for (const ap::SentencePair& p : c.value.pairs) {
            ASSERT_TRUE(p.hasGold);
            EXPECT_GE(p.source.size(), 2u);
            EXPECT_LE(p.source.size(), 12u);
            EXPECT_GE(p.target.size(), 2u);
            EXPECT_LE(p.target.size(), 12u);
            std::set<std::pair<int, int>> seen;
            std::vector<int> sourceLinked(p.source.size()), targetLinked(p.target.size());
            for (const ap::AlignmentLink& l : p.gold) {
                ASSERT_GE(l.source, 0);
                ASSERT_LT(l.source, int(p.source.size()));
                ASSERT_GE(l.target, 0);
                ASSERT_LT(l.target, int(p.target.size()));
                EXPECT_TRUE(seen.insert({l.source, l.target}).second);
                sourceLinked[std::size_t(l.source)] = targetLinked[std::size_t(l.target)] = 1;
            }
            for (int k : sourceLinked) EXPECT_EQ(k, 1) << ap::toString(g) << " line " << p.line;
            for (int k : targetLinked) EXPECT_EQ(k, 1) << ap::toString(g) << " line " << p.line;
        }
    }
}

TEST(Grammar, DeterministicPerSeed) {
    for (ap::GrammarKind g : kAll) {
        const ap::GrammarOptions a = options(g, 500, 42), b = options(g, 500, 43);
        const std::string first = ap::corpusToTsv(ap::generateCorpus(a), a);
        EXPECT_EQ(first, ap::corpusToTsv(ap::generateCorpus(a), a));
        EXPECT_NE(first, ap::corpusToTsv(ap::generateCorpus(b), a));
    }
}

// The shipped corpora are in natural case and the grammars write natural
// case too (a capital at the start of each side), so a word may be
// capitalised in one and not the other ("Le" / "le"): the comparison is on
// case-folded tokens. The Chinese side is compared character by character,
// as the reader splits it.
TEST(Grammar, VocabularyCoversTheShippedCorpora) {
    for (ap::GrammarKind g : kAll) {
        const ap::GeneratedCorpus c = ap::generateCorpus(options(g, 20000, 1));
        ASSERT_TRUE(c.ok);
        std::set<std::string> source, target;
        for (const ap::SentencePair& p : c.value.pairs) {
            for (const std::string& w : p.source) source.insert(ap::foldCase(w));
            for (const std::string& w : p.target) target.insert(ap::foldCase(w));
        }
        const ap::CorpusReadResult shipped =
            ap::readCorpusFile(std::string(AP_RESOURCES_DIR "/corpora/") + ap::toString(g) + ".tsv");
        ASSERT_TRUE(shipped.ok) << shipped.error;
        for (const ap::SentencePair& p : shipped.value.pairs) {
            for (const std::string& w : p.source)
                EXPECT_EQ(source.count(ap::foldCase(w)), 1u) << ap::toString(g) << " source word " << w;
            for (const std::string& w : p.target)
                EXPECT_EQ(target.count(ap::foldCase(w)), 1u) << ap::toString(g) << " target word " << w;
        }
    }
}

TEST(Grammar, AlignerReachesLowAerOnGeneratedPairs) {
    const double ceiling[] = {0.08, 0.12, 0.20};  // fr-en, de-en, zh-en
    for (int k = 0; k < 3; ++k) {
        const ap::GeneratedCorpus c = ap::generateCorpus(options(kAll[k], 3000, 5));
        ASSERT_TRUE(c.ok);
        const ap::AlignerSummary s = ap::alignCorpus(c.value, ap::AlignerOptions{});
        ASSERT_TRUE(s.status.ok) << s.status.message;
        EXPECT_LE(s.aer(), ceiling[k]) << ap::toString(kAll[k]);
    }
}

TEST(Grammar, ShowsItsReorderings) {
    // fr-en: an adjective after its noun links crosswise (un chat noir /
    // a black cat); de-en: a verb-final clause; zh-en: a measure word.
    bool crossed = false, verbFinal = false, measure = false;
    for (const ap::SentencePair& p : ap::generateCorpus(options(ap::GrammarKind::FrEn, 500, 9)).value.pairs)
        for (const ap::AlignmentLink& a : p.gold)
            for (const ap::AlignmentLink& b : p.gold)
                crossed |= a.sure && b.sure && a.source < b.source && a.target > b.target;
    for (const ap::SentencePair& p : ap::generateCorpus(options(ap::GrammarKind::DeEn, 500, 9)).value.pairs)
        verbFinal |= (p.source.back() == "ist" || p.source.back() == "spielt" || p.source.back() == "bin") &&
                     p.source.size() > 4;
    for (const ap::SentencePair& p : ap::generateCorpus(options(ap::GrammarKind::ZhEn, 500, 9)).value.pairs)
        for (std::size_t k = 0; k + 1 < p.source.size(); ++k) measure |= p.source[k] == "只" || p.source[k] == "本";
    EXPECT_TRUE(crossed);
    EXPECT_TRUE(verbFinal);
    EXPECT_TRUE(measure);
}

TEST(Grammar, RefusesBadOptions) {
    EXPECT_FALSE(ap::generateCorpus(options(ap::GrammarKind::FrEn, 0, 1)).ok);
    EXPECT_FALSE(ap::generateCorpus(options(ap::GrammarKind::FrEn, ap::limits::corpus::kMaxPairs + 1, 1)).ok);
    EXPECT_EQ(ap::grammarFromString("fr-de"), std::nullopt);
    EXPECT_EQ(ap::grammarFromString("zh-en"), ap::GrammarKind::ZhEn);
}

}  // namespace
