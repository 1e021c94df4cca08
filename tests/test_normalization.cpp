// The row normalizers of docs/math.md on single rows: worked examples
// with the arithmetic in the comments, then properties on random rows.
#include "attention/normalization.h"
#include "core/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <utility>
#include <vector>

namespace ap {
namespace {

constexpr float kTol = 1e-6f;

struct Row {
    std::vector<float> weights;
    bool anyUnmasked = false;
};

Row normalize(Normalization kind, const std::vector<float>& scores, const std::vector<bool>& mask = {},
              float temperature = 1.0f, int k = 2) {
    RowScratch scratch;
    const int n = int(scores.size());
    // std::vector<bool> packs bits; the normalizer reads one byte per key.
    std::unique_ptr<bool[]> maskBytes;
    if (!mask.empty()) {
        maskBytes.reset(new bool[std::size_t(n)]);
        for (int j = 0; j < n; ++j) maskBytes[std::size_t(j)] = mask[std::size_t(j)];
    }
    Row row;
    // Poisoned so that a weight the normalizer forgets to write shows up.
    row.weights.assign(std::size_t(n), std::numeric_limits<float>::quiet_NaN());
    row.anyUnmasked = normalizeRow(NormalizationParams{kind, temperature, k}, scores.data(), maskBytes.get(),
                                   row.weights.data(), n, scratch);
    return row;
}

void expectWeights(const std::vector<float>& actual, const std::vector<float>& expected, float tol = kTol) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t j = 0; j < expected.size(); ++j) EXPECT_NEAR(actual[j], expected[j], tol) << "key " << j;
}

float sum(const std::vector<float>& w) { return std::accumulate(w.begin(), w.end(), 0.0f); }

int nonZeros(const std::vector<float>& w) {
    return int(std::count_if(w.begin(), w.end(), [](float x) { return x != 0.0f; }));
}

std::vector<float> randomScores(ap::Random& gen, int n, float scale = 1.0f) {
    std::vector<float> s(static_cast<std::size_t>(n));
    for (float& x : s) x = float(scale * gen.normal());
    return s;
}

std::vector<bool> randomMask(ap::Random& gen, int n, double p) {
    std::vector<bool> m(static_cast<std::size_t>(n));
    for (std::size_t j = 0; j < m.size(); ++j) m[j] = gen.uniform() < p;
    m[gen.below(m.size())] = false;  // at least one key stays visible
    return m;
}

const Normalization kAll[] = {Normalization::Softmax, Normalization::Hard, Normalization::TopK,
                              Normalization::Sparsemax};

// ---- worked examples -------------------------------------------------------

TEST(Softmax, WorkedExample) {
    // s = [1, 2, 3], T = 1. Subtracting the max: exp([-2, -1, 0]) =
    // [0.1353353, 0.3678794, 1], sum 1.5032147, so
    // w = [0.0900306, 0.2447285, 0.6652410].
    expectWeights(normalize(Normalization::Softmax, {1, 2, 3}).weights, {0.0900306f, 0.2447285f, 0.6652410f});
}

TEST(Softmax, TemperatureDividesScores) {
    // s/T = [0.5, 1, 1.5] with T = 2: exp([-1, -0.5, 0]) =
    // [0.3678794, 0.6065307, 1], sum 1.9744101, so
    // w = [0.1863237, 0.3071959, 0.5064804].
    expectWeights(normalize(Normalization::Softmax, {1, 2, 3}, {}, 2.0f).weights, {0.1863237f, 0.3071959f, 0.5064804f});
}

TEST(Softmax, MaskedKeyIsLeftOut) {
    // Key 1 (score 5) is masked, the rest is the row [1, 2, 3] above.
    const Row r = normalize(Normalization::Softmax, {1, 5, 2, 3}, {false, true, false, false});
    EXPECT_TRUE(r.anyUnmasked);
    expectWeights(r.weights, {0.0900306f, 0.0f, 0.2447285f, 0.6652410f});
    EXPECT_EQ(r.weights[1], 0.0f);
}

TEST(Hard, WorkedExampleTiesGoToLowestIndex) {
    // The maximum 2 is at keys 1 and 2: the lower index wins.
    expectWeights(normalize(Normalization::Hard, {0.5f, 2, 2, -1}).weights, {0, 1, 0, 0});
    // With key 1 masked, key 2 is the largest unmasked.
    expectWeights(normalize(Normalization::Hard, {0.5f, 2, 2, -1}, {false, true, false, false}).weights, {0, 0, 1, 0});
}

TEST(TopK, WorkedExample) {
    // k = 2 keeps keys 1 and 2 of [0, 1, 2]: exp([-1, 0]) / (1 + e^-1) =
    // [0.2689414, 0.7310586].
    expectWeights(normalize(Normalization::TopK, {0, 1, 2}, {}, 1.0f, 2).weights, {0, 0.2689414f, 0.7310586f});
}

TEST(TopK, TiesGoToLowestIndex) {
    // Three keys tie at 2 for two places: keys 1 and 2 are kept, equal
    // scores share the mass evenly.
    expectWeights(normalize(Normalization::TopK, {1, 2, 2, 2}, {}, 1.0f, 2).weights, {0, 0.5f, 0.5f, 0});
    // One place left after the strict winner 3 (key 2): the tie at 2 goes to key 0.
    // exp([-1, 0]) / (1 + e^-1) = [0.2689414, 0.7310586].
    expectWeights(normalize(Normalization::TopK, {2, 1, 3, 2}, {}, 1.0f, 2).weights, {0.2689414f, 0, 0.7310586f, 0});
}

TEST(TopK, KAtLeastUnmaskedCountIsSoftmax) {
    // Three unmasked keys and k = 3: plain softmax of [1, 2, 3].
    expectWeights(normalize(Normalization::TopK, {1, 2, 9, 3}, {false, false, true, false}, 1.0f, 3).weights,
                  {0.0900306f, 0.2447285f, 0, 0.6652410f});
    expectWeights(normalize(Normalization::TopK, {1, 2, 3}, {}, 1.0f, 50).weights,
                  {0.0900306f, 0.2447285f, 0.6652410f});
}

TEST(Sparsemax, WorkedExample) {
    // z = s - max = [0, -0.5, -2], sorted the same. Support test
    // 1 + k z_(k) > sum_{r<=k} z_(r): k=1: 1 > 0 yes; k=2: 0 > -0.5 yes;
    // k=3: -5 > -2.5 no. tau = (-0.5 - 1) / 2 = -0.75, p = max(z - tau, 0)
    // = [0.75, 0.25, 0].
    const Row r = normalize(Normalization::Sparsemax, {1, 0.5f, -1});
    expectWeights(r.weights, {0.75f, 0.25f, 0});
    EXPECT_EQ(r.weights[2], 0.0f);
}

TEST(Sparsemax, DenseWhenScoresAreClose) {
    // z = [-0.2, -0.1, 0]; sorted [0, -0.1, -0.2]: k=3: 1 - 0.6 = 0.4 >
    // -0.3, so all three are in the support; tau = (-0.3 - 1) / 3 =
    // -0.4333333, p = [0.2333333, 0.3333333, 0.4333333].
    expectWeights(normalize(Normalization::Sparsemax, {0.1f, 0.2f, 0.3f}).weights,
                  {0.2333333f, 0.3333333f, 0.4333333f});
}

TEST(Sparsemax, Temperature) {
    // T = 2: z = ([1, 0.5, -1] - 1) / 2 = [0, -0.25, -1]. k=2: 1 - 0.5 =
    // 0.5 > -0.25 yes; k=3: 1 - 3 = -2 > -1.25 no. tau = (-0.25 - 1) / 2 =
    // -0.625, p = [0.625, 0.375, 0].
    expectWeights(normalize(Normalization::Sparsemax, {1, 0.5f, -1}, {}, 2.0f).weights, {0.625f, 0.375f, 0});
}

TEST(Sparsemax, MaskedKeyIsLeftOut) {
    // The masked 7 would take all the mass; without it this is the first example.
    expectWeights(normalize(Normalization::Sparsemax, {1, 7, 0.5f, -1}, {false, true, false, false}).weights,
                  {0.75f, 0, 0.25f, 0});
}

// ---- every normalizer ------------------------------------------------------

TEST(AllNormalizers, FullyMaskedRowIsZero) {
    for (Normalization kind : kAll) {
        const Row r = normalize(kind, {1, 2, 3}, {true, true, true});
        EXPECT_FALSE(r.anyUnmasked) << toString(kind);
        for (float w : r.weights) EXPECT_EQ(w, 0.0f) << toString(kind);
    }
}

TEST(AllNormalizers, SingleUnmaskedKeyTakesEverything) {
    for (Normalization kind : kAll) {
        const Row r = normalize(kind, {4, -3, 8}, {true, false, true});
        expectWeights(r.weights, {0, 1, 0});
        EXPECT_EQ(r.weights[0], 0.0f);
        EXPECT_EQ(r.weights[2], 0.0f);
    }
}

TEST(AllNormalizers, RandomRowsSumToOneAndMaskedAreZero) {
    ap::Random gen(42);
    for (int trial = 0; trial < 200; ++trial) {
        const int n = 1 + int(gen.below(70));
        const auto scores = randomScores(gen, n, 3.0f);
        const auto mask = randomMask(gen, n, trial % 2 ? 0.4 : 0.0);
        const int k = 1 + int(gen.below(5));
        for (Normalization kind : kAll) {
            const Row r = normalize(kind, scores, mask, 0.7f, k);
            EXPECT_TRUE(r.anyUnmasked);
            EXPECT_NEAR(sum(r.weights), 1.0f, 1e-5f) << toString(kind) << " n=" << n;
            for (int j = 0; j < n; ++j) {
                EXPECT_GE(r.weights[std::size_t(j)], 0.0f);
                if (mask[std::size_t(j)]) {
                    EXPECT_EQ(r.weights[std::size_t(j)], 0.0f) << toString(kind);
                }
            }
            if (kind == Normalization::Hard) {
                EXPECT_EQ(nonZeros(r.weights), 1);
                // The one is at the first largest unmasked score.
                int best = -1;
                for (int j = 0; j < n; ++j)
                    if (!mask[std::size_t(j)] && (best < 0 || scores[std::size_t(j)] > scores[std::size_t(best)]))
                        best = j;
                EXPECT_EQ(r.weights[std::size_t(best)], 1.0f);
            }
            if (kind == Normalization::TopK) {
                EXPECT_LE(nonZeros(r.weights), k);
            }
        }
    }
}

TEST(TopK, KeepsTheKLargest) {
    ap::Random gen(7);
    for (int trial = 0; trial < 100; ++trial) {
        const int n = 5 + int(gen.below(40));
        const auto scores = randomScores(gen, n);
        const int k = 1 + int(gen.below(4));
        const Row r = normalize(Normalization::TopK, scores, {}, 1.0f, k);
        EXPECT_EQ(nonZeros(r.weights), k);
        // Every kept score is at least every dropped one.
        float lowestKept = std::numeric_limits<float>::infinity();
        float highestDropped = -std::numeric_limits<float>::infinity();
        for (int j = 0; j < n; ++j) {
            if (r.weights[std::size_t(j)] > 0.0f)
                lowestKept = std::min(lowestKept, scores[std::size_t(j)]);
            else
                highestDropped = std::max(highestDropped, scores[std::size_t(j)]);
        }
        EXPECT_GE(lowestKept, highestDropped);
    }
}

TEST(Sparsemax, LiesOnTheSimplexWithExactZeros) {
    ap::Random gen(11);
    int rowsWithZeros = 0;
    for (int trial = 0; trial < 100; ++trial) {
        const int n = 2 + int(gen.below(60));
        const auto scores = randomScores(gen, n, 2.0f);
        const Row r = normalize(Normalization::Sparsemax, scores);
        EXPECT_NEAR(sum(r.weights), 1.0f, 1e-5f);
        for (float w : r.weights) EXPECT_GE(w, 0.0f);
        rowsWithZeros += nonZeros(r.weights) < n;
        // Within the support, p_j - p_l = z_j - z_l: it is a Euclidean projection.
        int first = -1;
        for (int j = 0; j < n; ++j) {
            if (r.weights[std::size_t(j)] == 0.0f) continue;
            if (first < 0) {
                first = j;
                continue;
            }
            EXPECT_NEAR(r.weights[std::size_t(j)] - r.weights[std::size_t(first)],
                        scores[std::size_t(j)] - scores[std::size_t(first)], 1e-5f);
        }
    }
    // With spread-out scores most rows are sparse.
    EXPECT_GT(rowsWithZeros, 50);
}

TEST(Temperature, SmallApproachesHardLargeApproachesUniform) {
    // Distinct scores 0.1 apart in [-1, 0.9]: at T = 1e-3 the runner-up has
    // weight about exp(-100). At T = 1e4, z = s / T spans 1.9e-4: softmax
    // weights are 0.05 (1 +- 1.9e-4), within 1e-5; sparsemax weights are
    // 0.05 + z_j - mean(z), within 1e-4.
    ap::Random gen(3);
    std::vector<float> scores(20);
    for (std::size_t j = 0; j < scores.size(); ++j) scores[j] = 0.1f * float(j) - 1.0f;
    ap::shuffle(scores, gen);
    const std::vector<float> hard = normalize(Normalization::Hard, scores).weights;
    for (Normalization kind : {Normalization::Softmax, Normalization::TopK, Normalization::Sparsemax}) {
        expectWeights(normalize(kind, scores, {}, 1e-3f, 3).weights, hard, 1e-6f);
    }
    for (const auto& [kind, tol] :
         {std::pair{Normalization::Softmax, 1e-5f}, std::pair{Normalization::Sparsemax, 1e-4f}}) {
        const auto w = normalize(kind, scores, {}, 1e4f).weights;
        for (float x : w) EXPECT_NEAR(x, 1.0f / 20.0f, tol) << toString(kind);
    }
    // Top-k spreads evenly over its k keys.
    const auto w = normalize(Normalization::TopK, scores, {}, 1e4f, 4).weights;
    for (std::size_t j = 0; j < w.size(); ++j) {
        if (w[j] != 0.0f) {
            EXPECT_NEAR(w[j], 0.25f, 1e-5f);
        }
    }
    EXPECT_EQ(nonZeros(w), 4);
}

TEST(Stability, LargeScoresStayFinite) {
    ap::Random gen(5);
    for (float scale : {1e4f, 1e6f, 1e30f}) {
        for (int trial = 0; trial < 20; ++trial) {
            const int n = 3 + int(gen.below(40));
            auto scores = randomScores(gen, n, scale);
            const auto mask = randomMask(gen, n, 0.3);
            for (Normalization kind : kAll) {
                for (float t : {1e-3f, 1.0f, 1e4f}) {
                    const Row r = normalize(kind, scores, mask, t, 3);
                    for (float w : r.weights) EXPECT_TRUE(std::isfinite(w)) << toString(kind) << " scale " << scale;
                    EXPECT_NEAR(sum(r.weights), 1.0f, 1e-5f) << toString(kind) << " scale " << scale;
                }
            }
        }
    }
}

TEST(Stability, InfiniteAndNaNScoresGiveFiniteWeights) {
    const float inf = std::numeric_limits<float>::infinity();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (Normalization kind : kAll) {
        // The two +inf keys outrank everything and share the mass.
        expectWeights(normalize(kind, {1, inf, 3, inf}, {}, 1.0f, 2).weights,
                      kind == Normalization::Hard ? std::vector<float>{0, 1, 0, 0}
                                                  : std::vector<float>{0, 0.5f, 0, 0.5f});
        // A NaN key ranks below every number.
        const Row r = normalize(kind, {nan, 2, 2}, {}, 1.0f, 2);
        EXPECT_EQ(r.weights[0], 0.0f) << toString(kind);
        EXPECT_NEAR(sum(r.weights), 1.0f, 1e-6f) << toString(kind);
        // All unmasked keys at -inf are tied.
        expectWeights(normalize(kind, {-inf, 5, -inf}, {false, true, false}, 1.0f, 2).weights,
                      kind == Normalization::Hard ? std::vector<float>{1, 0, 0} : std::vector<float>{0.5f, 0, 0.5f});
    }
}

TEST(Permutation, WeightsFollowTheKeys) {
    ap::Random gen(9);
    for (int trial = 0; trial < 50; ++trial) {
        const int n = 2 + int(gen.below(30));
        // Distinct values so that tie-breaking by index plays no part.
        std::vector<float> scores(static_cast<std::size_t>(n));
        for (int j = 0; j < n; ++j) scores[std::size_t(j)] = 0.37f * float(j) - 2.0f;
        ap::shuffle(scores, gen);
        const auto mask = randomMask(gen, n, 0.3);
        std::vector<int> perm(static_cast<std::size_t>(n));
        std::iota(perm.begin(), perm.end(), 0);
        ap::shuffle(perm, gen);
        std::vector<float> permutedScores(static_cast<std::size_t>(n));
        std::vector<bool> permutedMask(static_cast<std::size_t>(n));
        for (int j = 0; j < n; ++j) {
            permutedScores[std::size_t(j)] = scores[std::size_t(perm[std::size_t(j)])];
            permutedMask[std::size_t(j)] = mask[std::size_t(perm[std::size_t(j)])];
        }
        for (Normalization kind : kAll) {
            const auto w = normalize(kind, scores, mask, 1.0f, 3).weights;
            const auto pw = normalize(kind, permutedScores, permutedMask, 1.0f, 3).weights;
            for (int j = 0; j < n; ++j)
                EXPECT_NEAR(pw[std::size_t(j)], w[std::size_t(perm[std::size_t(j)])], 1e-6f) << toString(kind);
        }
    }
}

TEST(RowExtent, FindsLastUnmaskedKeyAndHoles) {
    const bool causal[12] = {false, false, false, true, true, true, true, true, true, true, true, true};
    RowExtent e = rowExtent(causal, 12);
    EXPECT_EQ(e.end, 3);
    EXPECT_TRUE(e.dense);
    const bool holes[5] = {false, true, false, true, true};
    e = rowExtent(holes, 5);
    EXPECT_EQ(e.end, 3);
    EXPECT_FALSE(e.dense);
    const bool all[9] = {true, true, true, true, true, true, true, true, true};
    EXPECT_EQ(rowExtent(all, 9).end, 0);
    e = rowExtent(nullptr, 4);
    EXPECT_EQ(e.end, 4);
    EXPECT_TRUE(e.dense);
}

TEST(RowExtent, GivenExtentMatchesComputedOne) {
    // A caller that knows the extent (the attention loop) gets the same row.
    const std::vector<float> scores = {0.3f, -1.0f, 2.0f, 0.5f, 9.0f, 9.0f};
    const bool mask[6] = {false, true, false, false, true, true};
    for (Normalization kind : kAll) {
        RowScratch scratch;
        std::vector<float> a(6), b(6);
        const NormalizationParams p{kind, 0.5f, 2};
        normalizeRow(p, scores.data(), mask, a.data(), 6, scratch);
        normalizeRow(p, scores.data(), mask, b.data(), 6, RowExtent{4, false}, scratch);
        EXPECT_EQ(a, b) << toString(kind);
    }
}

}  // namespace
}  // namespace ap
