#include "translation/aligner.h"
#include "corpus_test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using ap::AlignmentLink;

// IBM Model 1 without the NULL word on two pairs, forward direction
// p(English | French):
//   la maison / the house,   la fleur / the flower.
// Start: all t equal, so each English word's posterior is 1/2 on each French
// word.
// Iteration 1 counts: c(the|la) = 1/2 + 1/2 = 1, c(house|la) = c(flower|la)
// = 1/2, c(the|maison) = c(house|maison) = 1/2, likewise for fleur. Totals:
// la 2, maison 1, fleur 1, so
//   t(the|la) = 1/2, t(house|la) = t(flower|la) = 1/4,
//   t(the|maison) = t(house|maison) = 1/2 (and the same for fleur).
// Iteration 2 posteriors in pair 1: "the": 1/2 vs 1/2 -> 1/2, 1/2;
// "house": t(house|la) = 1/4 vs t(house|maison) = 1/2 -> 1/3, 2/3.
// Counts: c(the|la) = 1, c(house|la) = c(flower|la) = 1/3, total 5/3:
//   t(the|la) = 3/5, t(house|la) = t(flower|la) = 1/5;
// c(the|maison) = 1/2, c(house|maison) = 2/3, total 7/6:
//   t(the|maison) = 3/7, t(house|maison) = 4/7.
TEST(Ibm1, HandWorkedTwoSentenceCorpus) {
    const ap::Corpus c = corpusOf("la maison\tthe house\nla fleur\tthe flower\n");
    ap::AlignerOptions o;
    o.model = ap::AlignmentModel::Ibm1;
    o.nullWord = false;
    o.iterations = 1;
    ap::AlignerSummary s = ap::alignCorpus(c, o);
    ASSERT_TRUE(s.status.ok) << s.status.message;
    EXPECT_NEAR(s.forwardTable.probability("la", "the"), 0.5, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("la", "house"), 0.25, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("la", "flower"), 0.25, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("maison", "the"), 0.5, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("maison", "house"), 0.5, 1e-12);
    EXPECT_EQ(s.forwardTable.probability("maison", "flower"), 0.0);  // never met

    o.iterations = 2;
    s = ap::alignCorpus(c, o);
    ASSERT_TRUE(s.status.ok) << s.status.message;
    EXPECT_NEAR(s.forwardTable.probability("la", "the"), 3.0 / 5.0, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("la", "house"), 1.0 / 5.0, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("la", "flower"), 1.0 / 5.0, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("maison", "the"), 3.0 / 7.0, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("maison", "house"), 4.0 / 7.0, 1e-12);
    EXPECT_NEAR(s.forwardTable.probability("fleur", "flower"), 4.0 / 7.0, 1e-12);
    // The posteriors after iteration 2 use the iteration-2 table: "house"
    // in pair 1 is 1/5 vs 4/7 -> (7/27, 20/27).
    EXPECT_NEAR(s.pairs[0].forward(1, 0), (1.0 / 5) / (1.0 / 5 + 4.0 / 7), 1e-6);
    EXPECT_NEAR(s.pairs[0].forward(1, 1), (4.0 / 7) / (1.0 / 5 + 4.0 / 7), 1e-6);
    // The Viterbi links: the-la, house-maison.
    EXPECT_EQ(s.pairs[0].forwardLinks, (std::vector<AlignmentLink>{sureLink(0, 0), sureLink(1, 1)}));
}

TEST(Ibm1, LogLikelihoodNeverDecreases) {
    const ap::CorpusReadResult r = ap::readCorpusFile(AP_RESOURCES_DIR "/corpora/fr-en.tsv");
    ASSERT_TRUE(r.ok) << r.error;
    ap::AlignerOptions o;
    o.model = ap::AlignmentModel::Ibm1;
    const ap::AlignerSummary s = ap::alignCorpus(r.value, o);
    ASSERT_TRUE(s.status.ok);
    for (std::size_t k = 1; k < s.forwardLogLikelihood.size(); ++k)
        EXPECT_GE(s.forwardLogLikelihood[k], s.forwardLogLikelihood[k - 1] - 1e-12);
}

class EveryModel : public ::testing::TestWithParam<ap::AlignmentModel> {};

TEST_P(EveryModel, PosteriorsSumToOnePerWord) {
    const ap::CorpusReadResult r = ap::readCorpusFile(AP_RESOURCES_DIR "/corpora/de-en.tsv");
    ASSERT_TRUE(r.ok) << r.error;
    for (bool null : {true, false}) {
        ap::AlignerOptions o;
        o.model = GetParam();
        o.nullWord = null;
        const ap::AlignerSummary s = ap::alignCorpus(r.value, o);
        ASSERT_TRUE(s.status.ok) << s.status.message;
        ASSERT_EQ(s.pairs.size(), r.value.pairs.size());
        for (const ap::PairAlignment& p : s.pairs) {
            for (int t = 0; t < p.forward.rows(); ++t) {
                EXPECT_NEAR(p.forward.row(t).sum() + p.forwardNull[std::size_t(t)], 1.0, 1e-5);
                if (!null) {
                    EXPECT_EQ(p.forwardNull[std::size_t(t)], 0.0f);
                }
            }
            for (int i = 0; i < p.reverse.cols(); ++i)
                EXPECT_NEAR(p.reverse.col(i).sum() + p.reverseNull[std::size_t(i)], 1.0, 1e-5);
            EXPECT_TRUE((p.forward.array() >= 0).all());
        }
    }
}

TEST_P(EveryModel, DeterministicAndLowercaseFoldsBothSides) {
    const ap::Corpus c = corpusOf("Le chat\tThe cat\nle chien\tthe dog\nLE CHAT\tTHE CAT\n");
    ap::AlignerOptions o;
    o.model = GetParam();
    o.lowercase = true;
    const ap::AlignerSummary a = ap::alignCorpus(c, o), b = ap::alignCorpus(c, o);
    ASSERT_TRUE(a.status.ok && b.status.ok);
    for (std::size_t p = 0; p < a.pairs.size(); ++p) {
        EXPECT_EQ(a.pairs[p].forward, b.pairs[p].forward);
        EXPECT_EQ(a.pairs[p].links, b.pairs[p].links);
    }
    EXPECT_EQ(a.forwardTable.from.count("le"), 1u);
    EXPECT_EQ(a.forwardTable.from.count("LE"), 0u);
    EXPECT_EQ(a.forwardTable.to.count("the"), 1u);
    // Pairs 1 and 3 are the same once folded.
    EXPECT_EQ(a.pairs[0].forward, a.pairs[2].forward);
}

INSTANTIATE_TEST_SUITE_P(Aligner, EveryModel,
                         ::testing::Values(ap::AlignmentModel::Ibm1, ap::AlignmentModel::Ibm2,
                                           ap::AlignmentModel::FastAlign));

TEST(FoldCase, AsciiLatin1AndBeyond) {
    EXPECT_EQ(ap::foldCase("ÉTUDIANT Être ÇA"), "étudiant être ça");
    EXPECT_EQ(ap::foldCase("FUSSBALL Öl ÜBER Ä"), "fussball öl über ä");
    EXPECT_EQ(ap::foldCase("ŒUVRE Ÿ ĞÜL"), "œuvre ÿ ğül");
    EXPECT_EQ(ap::foldCase("ΑΘΗΝΑ МОСКВА"), "αθηνα москва");
    EXPECT_EQ(ap::foldCase("我有2个 ×"), "我有2个 ×");  // no case, and × is no letter
    EXPECT_EQ(ap::foldCase(std::string("A\xFF"
                                       "B")),
              std::string("a\xFF"
                          "b"));  // stray byte kept
}

// Symmetrisation on a 3 x 3 grid (source x target).
TEST(Symmetrize, IntersectionUnionAndGrowDiagFinalAnd) {
    using S = ap::Symmetrization;
    // forward (one source per target): 0-0, 1-1, 1-2
    // reverse (one target per source): 0-0, 1-1, 2-2
    const std::vector<AlignmentLink> f = {sureLink(0, 0), sureLink(1, 1), sureLink(1, 2)};
    const std::vector<AlignmentLink> r = {sureLink(0, 0), sureLink(1, 1), sureLink(2, 2)};
    EXPECT_EQ(ap::symmetrize(f, r, 3, 3, S::None), f);
    EXPECT_EQ(ap::symmetrize(f, r, 3, 3, S::Intersect), (std::vector<AlignmentLink>{sureLink(0, 0), sureLink(1, 1)}));
    EXPECT_EQ(ap::symmetrize(f, r, 3, 3, S::Union),
              (std::vector<AlignmentLink>{sureLink(0, 0), sureLink(1, 1), sureLink(1, 2), sureLink(2, 2)}));
    // grow-diag: from {0-0, 1-1}, the union point 1-2 neighbours 1-1 and
    // target 2 is unaligned: added. 2-2 then neighbours 1-1 (diagonally) and
    // 1-2, and source 2 is unaligned: added too.
    EXPECT_EQ(ap::symmetrize(f, r, 3, 3, S::GrowDiagFinalAnd),
              (std::vector<AlignmentLink>{sureLink(0, 0), sureLink(1, 1), sureLink(1, 2), sureLink(2, 2)}));
}

TEST(Symmetrize, FinalAndNeedsBothWordsUnaligned) {
    using S = ap::Symmetrization;
    // 4 x 4. Intersection {0-0}. Forward also has 3-3 (far from 0-0: not
    // grown) whose words are both unaligned: final-and adds it. Reverse has
    // 3-0 — far away, and target 0 is aligned — so it stays out; union
    // point 1-1 is diagonal to 0-0 with both words unaligned: grown.
    const std::vector<AlignmentLink> f = {sureLink(0, 0), sureLink(1, 1), sureLink(3, 3)};
    const std::vector<AlignmentLink> r = {sureLink(0, 0), sureLink(3, 0)};
    EXPECT_EQ(ap::symmetrize(f, r, 4, 4, S::GrowDiagFinalAnd),
              (std::vector<AlignmentLink>{sureLink(0, 0), sureLink(1, 1), sureLink(3, 3)}));
    EXPECT_EQ(ap::symmetrize(f, r, 4, 4, S::Intersect), (std::vector<AlignmentLink>{sureLink(0, 0)}));
}

TEST(Aligner, PrecisionRecallAndAerAgainstGold) {
    // One pair "a b" / "x y" with gold 0-0 sure and 1?1 possible; whatever
    // the aligner finds, the summary's figures must match the counts.
    const ap::Corpus c = corpusOf("a b\tx y\t0-0 1?1\na c\tx z\t0-0 1-1\n");
    ap::AlignerOptions o;
    o.model = ap::AlignmentModel::Ibm1;
    const ap::AlignerSummary s = ap::alignCorpus(c, o);
    ASSERT_TRUE(s.status.ok);
    EXPECT_EQ(s.pairsWithGold, 2);
    EXPECT_EQ(s.counts.sure, 3);
    // The aligner finds the diagonal: A = {0-0, 1-1} in both pairs.
    EXPECT_EQ(s.pairs[0].links, (std::vector<AlignmentLink>{sureLink(0, 0), sureLink(1, 1)}));
    EXPECT_EQ(s.pairs[1].links, (std::vector<AlignmentLink>{sureLink(0, 0), sureLink(1, 1)}));
    // |A| = 4, |S| = 3, |A∩S| = 3, |A∩P| = 4: precision 4/4, recall 3/3,
    // AER = 1 - (3 + 4) / (4 + 3) = 0.
    EXPECT_DOUBLE_EQ(s.precision(), 1.0);
    EXPECT_DOUBLE_EQ(s.recall(), 1.0);
    EXPECT_DOUBLE_EQ(s.aer(), 0.0);
}

TEST(Aligner, RefusesBadOptions) {
    const ap::Corpus c = corpusOf("a\tb\n");
    ap::AlignerOptions o;
    o.iterations = 0;
    EXPECT_FALSE(ap::alignCorpus(c, o).status.ok);
    o.iterations = 1;
    o.fastAlignNullProbability = 1.0;
    EXPECT_FALSE(ap::alignCorpus(c, o).status.ok);
    EXPECT_FALSE(ap::alignCorpus(ap::Corpus{}, ap::AlignerOptions{}).status.ok);
}

TEST(Aligner, CancelStops) {
    const ap::Corpus c = corpusOf("a b\tx y\n");
    int calls = 0;
    const ap::AlignerSummary s = ap::alignCorpus(c, {}, [&](int, int) { return ++calls < 3; });
    EXPECT_FALSE(s.status.ok);
    EXPECT_EQ(s.status.message, "cancelled");
    EXPECT_EQ(calls, 3);
}

// IBM Model 2 with grow-diag-final-and, 10 iterations, on the shipped
// corpora: no worse than a reference implementation's AER + 0.02.
TEST(Aligner, ShippedCorporaMeetTheReference) {
    const std::pair<const char*, double> targets[] = {{"fr-en", 0.034}, {"de-en", 0.120}, {"zh-en", 0.146}};
    for (const auto& [name, reference] : targets) {
        const ap::Corpus corpus = shippedCorpus(std::string(name) + ".tsv");
        ASSERT_FALSE(corpus.pairs.empty()) << name;
        const ap::AlignerSummary s = ap::alignCorpus(corpus, ap::AlignerOptions{});
        ASSERT_TRUE(s.status.ok) << s.status.message;
        EXPECT_LE(s.aer(), reference + 0.02) << name;
        EXPECT_EQ(s.pairsWithGold, int(corpus.pairs.size()));
    }
}

}  // namespace
