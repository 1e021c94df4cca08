// Sub-word tokens gathered into words: labels, and attention between words
// (sum over the keys' tokens, mean over the queries' tokens).
#include "analysis/word_groups.h"
#include "core/random.h"

#include <gtest/gtest.h>

namespace {

TEST(WordGroups, JoinsContinuationsAndDropsTheirMark) {
    const auto g =
        ap::analysis::groupWords({false, false, true, true, false}, {"[CLS]", "play", "##ing", "##s", "go"}, "##");
    EXPECT_EQ(g.words(), 3);
    EXPECT_EQ(g.labels, (std::vector<std::string>{"[CLS]", "playings", "go"}));
    EXPECT_EQ(g.wordOf, (std::vector<int>{0, 1, 1, 1, 2}));
    EXPECT_EQ(g.firstToken, (std::vector<int>{0, 1, 4}));
    // The first token never continues anything.
    EXPECT_EQ(ap::analysis::groupWords({true, true}, {"a", "b"}).words(), 1);
}

TEST(WordGroups, AttentionSumsKeysAndAveragesQueries) {
    const int T = 5, slices = 3;
    ap::Random rng(7);
    std::vector<float> a(std::size_t(slices) * T * T);
    for (int s = 0; s < slices; ++s)
        for (int i = 0; i < T; ++i) {
            float sum = 0;
            for (int j = 0; j < T; ++j) sum += a[std::size_t((s * T + i) * T + j)] = float(rng.uniform());
            for (int j = 0; j < T; ++j) a[std::size_t((s * T + i) * T + j)] /= sum;
        }
    const auto g = ap::analysis::groupWords({false, false, true, false, true}, {"a", "b", "c", "d", "e"});
    ASSERT_EQ(g.words(), 3);  // {0}, {1, 2}, {3, 4}
    const auto w = ap::analysis::wordAttention(a, slices, T, g);
    ASSERT_EQ(w.size(), std::size_t(slices * 9));
    const auto A = [&](int s, int i, int j) { return a[std::size_t((s * T + i) * T + j)]; };
    const auto W = [&](int s, int i, int j) { return w[std::size_t((s * 3 + i) * 3 + j)]; };
    for (int s = 0; s < slices; ++s) {
        EXPECT_NEAR(W(s, 0, 0), A(s, 0, 0), 1e-6);
        EXPECT_NEAR(W(s, 0, 1), A(s, 0, 1) + A(s, 0, 2), 1e-6);
        EXPECT_NEAR(W(s, 1, 2), 0.5f * (A(s, 1, 3) + A(s, 1, 4) + A(s, 2, 3) + A(s, 2, 4)), 1e-6);
        EXPECT_NEAR(W(s, 2, 0), 0.5f * (A(s, 3, 0) + A(s, 4, 0)), 1e-6);
        for (int i = 0; i < 3; ++i) EXPECT_NEAR(W(s, i, 0) + W(s, i, 1) + W(s, i, 2), 1.0f, 1e-5);
    }
}

}  // namespace
