#include "translation/metrics.h"

#include <gtest/gtest.h>

namespace {

using ap::AlignmentLink;

AlignmentLink sure(int s, int t) { return {s, t, true}; }
AlignmentLink possible(int s, int t) { return {s, t, false}; }

TEST(Aer, MixedSureAndPossible) {
    // Gold: S = {0-0, 1-1}, P = S ∪ {2-2}. Predicted A = {0-0, 2-2, 1-2}.
    // |A| = 3, |S| = 2, |A∩S| = 1 (0-0), |A∩P| = 2 (0-0, 2-2).
    // AER = 1 - (1 + 2) / (3 + 2) = 1 - 3/5 = 0.4.
    const std::vector<AlignmentLink> gold = {sure(0, 0), sure(1, 1), possible(2, 2)};
    const std::vector<AlignmentLink> predicted = {sure(0, 0), sure(2, 2), sure(1, 2)};
    const ap::AlignmentCounts c = ap::alignmentCounts(predicted, gold);
    EXPECT_EQ(c.predicted, 3);
    EXPECT_EQ(c.sure, 2);
    EXPECT_EQ(c.predictedSure, 1);
    EXPECT_EQ(c.predictedPossible, 2);
    EXPECT_DOUBLE_EQ(c.aer(), 0.4);
}

TEST(Aer, PerfectAndPossibleLinksDoNotHurt) {
    const std::vector<AlignmentLink> gold = {sure(0, 0), sure(1, 1), possible(2, 2)};
    // A = S: 1 - (2 + 2) / (2 + 2) = 0.
    EXPECT_DOUBLE_EQ(ap::alignmentErrorRate({sure(0, 0), sure(1, 1)}, gold), 0.0);
    // A = P: |A| = 3, |A∩S| = 2, |A∩P| = 3: 1 - (2 + 3) / (3 + 2) = 0.
    EXPECT_DOUBLE_EQ(ap::alignmentErrorRate({sure(0, 0), sure(1, 1), sure(2, 2)}, gold), 0.0);
    // A = {0-0} only: |A| = 1, |A∩S| = 1, |A∩P| = 1: 1 - 2 / 3 = 1/3.
    EXPECT_DOUBLE_EQ(ap::alignmentErrorRate({sure(0, 0)}, gold), 1.0 - 2.0 / 3.0);
}

TEST(Aer, DisjointIsOne) {
    // A = {1-0}, S = {0-0}: nothing in common: 1 - 0 / (1 + 1) = 1.
    EXPECT_DOUBLE_EQ(ap::alignmentErrorRate({sure(1, 0)}, {sure(0, 0)}), 1.0);
}

TEST(Aer, OnlyPossibleGold) {
    // S = {}, P = {0?0}; A = {0-0, 1-0}: |A| = 2, |S| = 0, |A∩S| = 0,
    // |A∩P| = 1: 1 - 1 / 2 = 0.5.
    EXPECT_DOUBLE_EQ(ap::alignmentErrorRate({sure(0, 0), sure(1, 0)}, {possible(0, 0)}), 0.5);
}

TEST(Aer, LinksAreSets) {
    // A repeated predicted link counts once; a link given sure and possible
    // is sure. A = {0-0}, S = {0-0}: AER 0, |A| = 1.
    const ap::AlignmentCounts c = ap::alignmentCounts({sure(0, 0), sure(0, 0)}, {possible(0, 0), sure(0, 0)});
    EXPECT_EQ(c.predicted, 1);
    EXPECT_EQ(c.sure, 1);
    EXPECT_DOUBLE_EQ(c.aer(), 0.0);
}

TEST(Aer, EmptyIsZero) {
    EXPECT_DOUBLE_EQ(ap::alignmentErrorRate({}, {}), 0.0);
    // Nothing predicted, one sure link to find: 1 - 0 / (0 + 1) = 1.
    EXPECT_DOUBLE_EQ(ap::alignmentErrorRate({}, {sure(0, 0)}), 1.0);
}

TEST(Aer, CorpusSumsCountsRatherThanAveragingRates) {
    // Pair 1: A = {0-0}, S = {0-0}: counts (|A|, |S|, ∩S, ∩P) = (1, 1, 1, 1), AER 0.
    // Pair 2: A = {1-0, 0-1}, S = {0-0}: (2, 1, 0, 0), AER 1.
    // Corpus: (3, 2, 1, 1): 1 - (1 + 1) / (3 + 2) = 0.6, not the mean 0.5.
    ap::AlignmentCounts total = ap::alignmentCounts({sure(0, 0)}, {sure(0, 0)});
    total += ap::alignmentCounts({sure(1, 0), sure(0, 1)}, {sure(0, 0)});
    EXPECT_EQ(total.predicted, 3);
    EXPECT_EQ(total.sure, 2);
    EXPECT_DOUBLE_EQ(total.aer(), 0.6);
}

TEST(ArgmaxAlignment, OneLinkPerRowTiesToLowestColumnRowsLimited) {
    ap::Matrix w(4, 3);
    w << 0.7f, 0.2f, 0.1f,  // -> source 0
        0.4f, 0.4f, 0.2f,   // tie -> source 0
        0.1f, 0.1f, 0.8f,   // -> source 2
        0.0f, 1.0f, 0.0f;   // the <eos> step, left out with rows = 3
    const std::vector<AlignmentLink> links = ap::argmaxAlignment(w, 3);
    ASSERT_EQ(links.size(), 3u);
    EXPECT_EQ(links[0], sure(0, 0));
    EXPECT_EQ(links[1], sure(0, 1));
    EXPECT_EQ(links[2], sure(2, 2));
}

TEST(ArgmaxAlignment, ZeroRowGivesNoLink) {
    ap::Matrix w = ap::Matrix::Zero(2, 2);
    w(1, 1) = 1.0f;
    const std::vector<AlignmentLink> links = ap::argmaxAlignment(w, 2);
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0], sure(1, 1));
}

TEST(TokenMetrics, AccuracyCountsPositions) {
    // "I am a" against "I am the student": positions 0 and 1 match: 2 of 4.
    const std::vector<std::string> predicted = {"I", "am", "a"};
    const std::vector<std::string> reference = {"I", "am", "the", "student"};
    EXPECT_EQ(ap::matchingTokens(predicted, reference), 2);
    EXPECT_DOUBLE_EQ(ap::tokenAccuracy(2, 4), 0.5);
    EXPECT_DOUBLE_EQ(ap::tokenAccuracy(0, 0), 0.0);
    // A shifted prediction matches nothing position by position.
    EXPECT_EQ(ap::matchingTokens({"x", "I", "am"}, {"I", "am"}), 0);
}

TEST(TokenMetrics, ExactMatchNeedsSameLength) {
    EXPECT_TRUE(ap::exactMatch({"I", "am"}, {"I", "am"}));
    EXPECT_FALSE(ap::exactMatch({"I", "am", "am"}, {"I", "am"}));
    EXPECT_FALSE(ap::exactMatch({"I"}, {"I", "am"}));
}

}  // namespace
