// computeAttention (docs/math.md): each scoring kind on small cases worked
// by hand, masks, projections and heads, then properties on random scenes.
#include "attention/attention.h"
#include "random_inputs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numeric>
#include <vector>

namespace ap {
namespace {

constexpr float kTol = 1e-5f;

Matrix mat(std::initializer_list<std::initializer_list<float>> rows) {
    Matrix m(Eigen::Index(rows.size()), Eigen::Index(rows.begin()->size()));
    Eigen::Index i = 0;
    for (const auto& row : rows) {
        Eigen::Index j = 0;
        for (float x : row) m(i, j++) = x;
        ++i;
    }
    return m;
}

Scene makeScene(Matrix q, Matrix k, std::optional<Matrix> v, Scoring scoring = Scoring::ScaledDot,
                Normalization norm = Normalization::Softmax, int heads = 1) {
    Scene s;
    s.queries = std::move(q);
    s.keys = std::move(k);
    s.values = std::move(v);
    s.scoring = scoring;
    s.normalization = norm;
    s.heads = heads;
    return s;
}

AttentionResult compute(const Scene& scene, AttentionOptions options = {}) {
    AttentionResult result;
    const Status status = computeAttention(scene, options, result);
    EXPECT_TRUE(status.ok) << status.message;
    return result;
}

void expectNear(const Matrix& actual, const Matrix& expected, float tol = kTol) {
    ASSERT_EQ(actual.rows(), expected.rows());
    ASSERT_EQ(actual.cols(), expected.cols());
    for (Eigen::Index i = 0; i < actual.rows(); ++i)
        for (Eigen::Index j = 0; j < actual.cols(); ++j)
            EXPECT_NEAR(actual(i, j), expected(i, j), tol) << "at (" << i << ", " << j << ")";
}

void expectAllFinite(const AttentionResult& r) {
    for (const HeadResult& h : r.heads) {
        EXPECT_TRUE(h.weights.allFinite());
        EXPECT_TRUE(h.context.allFinite());
    }
    EXPECT_TRUE(r.weightsMean.allFinite());
    EXPECT_TRUE(r.output.allFinite());
}

// The shared small case: Q (2 x 2), K (3 x 2), V (3 x 2).
const Matrix kQ = mat({{1, 0}, {0, 2}});
const Matrix kK = mat({{1, 1}, {2, 0}, {0, 1}});
const Matrix kV = mat({{1, 0}, {0, 1}, {1, 1}});

const Scoring kAllScoring[] = {Scoring::Dot, Scoring::ScaledDot, Scoring::General, Scoring::Additive, Scoring::Cosine};
const Normalization kAllNorm[] = {Normalization::Softmax, Normalization::Hard, Normalization::TopK,
                                  Normalization::Sparsemax};

// ---- scoring kinds, worked by hand -----------------------------------------

TEST(Scoring, DotWorkedExample) {
    // Q K^T: row 0 = [1, 0] . k = [1, 2, 0]; row 1 = [0, 2] . k = [2, 0, 2].
    const AttentionResult r = compute(makeScene(kQ, kK, kV, Scoring::Dot));
    expectNear(r.heads[0].scores, mat({{1, 2, 0}, {2, 0, 2}}));
    // Row 0: exp([1, 2, 0] - 2) = [0.3678794, 1, 0.1353353], sum 1.5032147,
    // w = [0.2447285, 0.6652410, 0.0900306]; context = w0 [1, 0] + w1 [0, 1]
    // + w2 [1, 1] = [0.3347591, 0.7552716].
    expectNear(r.heads[0].weights.row(0), mat({{0.2447285f, 0.6652410f, 0.0900306f}}));
    expectNear(r.heads[0].context.row(0), mat({{0.3347591f, 0.7552716f}}));
    expectNear(r.output, r.heads[0].context);
    expectNear(r.weightsMean, r.heads[0].weights, 0.0f);
}

TEST(Scoring, ScaledDotWorkedExample) {
    // The dot scores divided by sqrt(dh) = sqrt(2).
    const AttentionResult r = compute(makeScene(kQ, kK, kV, Scoring::ScaledDot));
    expectNear(r.heads[0].scores, mat({{0.7071068f, 1.4142136f, 0}, {1.4142136f, 0, 1.4142136f}}));
    // Row 1: exp([0, -1.4142136, 0]) = [1, 0.2431167, 1], sum 2.2431167,
    // w = [0.4458083, 0.1083835, 0.4458083]; context = [w0 + w2, w1 + w2]
    // = [0.8916165, 0.5541917].
    expectNear(r.heads[0].weights.row(1), mat({{0.4458083f, 0.1083835f, 0.4458083f}}));
    expectNear(r.heads[0].context.row(1), mat({{0.8916165f, 0.5541917f}}));
}

TEST(Scoring, GeneralWorkedExample) {
    // W = [[1, 2], [0, 1]]: q^T W is [1, 2] for q = [1, 0] and [0, 2] for
    // q = [0, 2]. Scores against k = [1, 1], [2, 0], [0, 1]:
    // row 0 = [3, 2, 2], row 1 = [2, 0, 2].
    Scene s = makeScene(kQ, kK, kV, Scoring::General);
    s.headParams = {HeadParams{mat({{1, 2}, {0, 1}}), {}, {}, {}}};
    expectNear(compute(s).heads[0].scores, mat({{3, 2, 2}, {2, 0, 2}}));
    // Without W it is the identity: the dot scores.
    s.headParams.clear();
    expectNear(compute(s).heads[0].scores, mat({{1, 2, 0}, {2, 0, 2}}));
}

TEST(Scoring, AdditiveWorkedExample) {
    // da = 1: Wq = [[1, 0]] picks q's first entry, Wk = [[0, 1]] k's second,
    // v = [2]: score = 2 tanh(q_0 + k_1). The 9s and 7s are never read.
    // Row 0 (q_0 = 0.5): 2 tanh(1) = 1.5231883, 2 tanh(0) = 0,
    //   2 tanh(0.5) = 0.9242343.
    // Row 1 (q_0 = -1): 2 tanh(-0.5) = -0.9242343, 2 tanh(-1.5) = -1.8102965,
    //   2 tanh(-1) = -1.5231883.
    Scene s = makeScene(mat({{0.5f, 9}, {-1, 9}}), mat({{7, 0.5f}, {7, -0.5f}, {7, 0}}), kV, Scoring::Additive);
    HeadParams p;
    p.Wq = mat({{1, 0}});
    p.Wk = mat({{0, 1}});
    p.v = Vector::Constant(1, 2.0f);
    s.headParams = {p};
    expectNear(compute(s).heads[0].scores, mat({{1.5231883f, 0, 0.9242343f}, {-0.9242343f, -1.8102965f, -1.5231883f}}));
}

TEST(Scoring, AdditiveDefaults) {
    // Identity Wq, Wk and v = [1, 1]: score = tanh(q_0 + k_0) + tanh(q_1 + k_1).
    // q = [0.5, 0]: k = [0, 0.5] gives 2 tanh(0.5) = 0.9242343;
    // k = [-0.5, 0] gives tanh(0) + tanh(0) = 0.
    const Scene s = makeScene(mat({{0.5f, 0}}), mat({{0, 0.5f}, {-0.5f, 0}}), std::nullopt, Scoring::Additive);
    expectNear(compute(s).heads[0].scores, mat({{0.9242343f, 0}}));
}

TEST(Scoring, CosineWorkedExample) {
    // |q| = |[3, 4]| = 5. k = [4, 3]: 24 / 25 = 0.96; k = [-3, 4]: 7 / 25 =
    // 0.28; k = [1, 0]: 3 / 5 = 0.6. The zero query scores 0 everywhere, so
    // its softmax is uniform.
    const AttentionResult r =
        compute(makeScene(mat({{3, 4}, {0, 0}}), mat({{4, 3}, {-3, 4}, {1, 0}}), kV, Scoring::Cosine));
    expectNear(r.heads[0].scores, mat({{0.96f, 0.28f, 0.6f}, {0, 0, 0}}));
    expectNear(r.heads[0].weights.row(1), mat({{1.0f / 3, 1.0f / 3, 1.0f / 3}}));
}

TEST(Scoring, CosineIgnoresLengths) {
    const Matrix q = randomMatrix(6, 8, 1), k = randomMatrix(9, 8, 2), v = randomMatrix(9, 4, 3);
    const AttentionResult base = compute(makeScene(q, k, v, Scoring::Cosine, Normalization::Softmax, 2));
    const AttentionResult scaled =
        compute(makeScene(q * 7.0f, k * 7.0f, v, Scoring::Cosine, Normalization::Softmax, 2));
    Matrix mixed = q;
    mixed.row(2) *= 49.0f;
    const AttentionResult oneRow = compute(makeScene(mixed, k, v, Scoring::Cosine, Normalization::Softmax, 2));
    for (int h = 0; h < 2; ++h) {
        expectNear(scaled.heads[std::size_t(h)].weights, base.heads[std::size_t(h)].weights);
        expectNear(oneRow.heads[std::size_t(h)].weights, base.heads[std::size_t(h)].weights);
    }
}

TEST(Heads, TwoHeadsWorkedExample) {
    // d = 2, h = 2, dh = 1, dot scoring. Head 0 sees column 0: q = 1,
    // k = [1, 0] -> scores [1, 0]; head 1 sees column 1: q = 2, k = [0, 1]
    // -> scores [0, 2].
    // Head 0: softmax([1, 0]) = [0.7310586, 0.2689414]; V column 0 = [1, 2]
    //   -> context 0.7310586 + 2 * 0.2689414 = 1.2689414.
    // Head 1: softmax([0, 2]) = [0.1192029, 0.8807971]; V column 1 = [10, 20]
    //   -> context 1.192029 + 17.615942 = 18.807971.
    // Mean weights: [(0.7310586 + 0.1192029) / 2, (0.2689414 + 0.8807971) / 2]
    //   = [0.4251308, 0.5748692].
    const AttentionResult r = compute(makeScene(mat({{1, 2}}), mat({{1, 0}, {0, 1}}), mat({{1, 10}, {2, 20}}),
                                                Scoring::Dot, Normalization::Softmax, 2));
    ASSERT_EQ(r.heads.size(), 2u);
    expectNear(r.heads[0].scores, mat({{1, 0}}));
    expectNear(r.heads[1].scores, mat({{0, 2}}));
    expectNear(r.heads[0].context, mat({{1.2689414f}}));
    expectNear(r.heads[1].context, mat({{18.807971f}}), 1e-4f);
    expectNear(r.output, mat({{1.2689414f, 18.807971f}}), 1e-4f);
    expectNear(r.weightsMean, mat({{0.4251308f, 0.5748692f}}));
}

// h heads give what h one-head runs on the column blocks give, for every
// scoring kind (with distinct parameters per head where the kind has any).
TEST(Heads, EqualSeparateOneHeadRuns) {
    const int heads = 3, dh = 2, dvh = 3, lq = 5, lk = 7;
    const Matrix q = randomMatrix(lq, heads * dh, 10), k = randomMatrix(lk, heads * dh, 11);
    const Matrix v = randomMatrix(lk, heads * dvh, 12);
    for (Scoring scoring : kAllScoring) {
        Scene all = makeScene(q, k, v, scoring, Normalization::Softmax, heads);
        all.mask.causal = true;
        for (int h = 0; h < heads; ++h) {
            HeadParams p;
            if (scoring == Scoring::General) p.W = randomMatrix(dh, dh, 20 + unsigned(h));
            if (scoring == Scoring::Additive) {
                p.Wq = randomMatrix(4, dh, 30 + unsigned(h));
                p.Wk = randomMatrix(4, dh, 40 + unsigned(h));
                p.v = randomMatrix(4, 1, 50 + unsigned(h)).col(0);
            }
            all.headParams.push_back(p);
        }
        const AttentionResult r = compute(all);
        Matrix meanByHand = Matrix::Zero(lq, lk);
        for (int h = 0; h < heads; ++h) {
            Scene one =
                makeScene(q.middleCols(h * dh, dh), k.middleCols(h * dh, dh), v.middleCols(h * dvh, dvh), scoring);
            one.mask.causal = true;
            one.headParams = {all.headParams[std::size_t(h)]};
            const AttentionResult single = compute(one);
            const HeadResult& head = r.heads[std::size_t(h)];
            SCOPED_TRACE(std::string(toString(scoring)) + " head " + std::to_string(h));
            expectNear(head.scores, single.heads[0].scores);
            expectNear(head.weights, single.heads[0].weights);
            expectNear(head.context, single.heads[0].context);
            expectNear(r.output.middleCols(h * dvh, dvh), single.output);
            meanByHand += single.heads[0].weights / float(heads);
        }
        expectNear(r.weightsMean, meanByHand);
    }
}

// ---- masks -----------------------------------------------------------------

TEST(Mask, CausalPattern) {
    // Lq = 3, Lk = 4: key j is masked for query i where j > i.
    Scene s = makeScene(randomMatrix(3, 2, 1), randomMatrix(4, 2, 2), std::nullopt);
    s.mask.causal = true;
    const AttentionResult r = compute(s);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 4; ++j) {
            EXPECT_EQ(r.mask(i, j), j > i) << i << ", " << j;
            if (j > i) {
                EXPECT_EQ(r.heads[0].weights(i, j), 0.0f);
            }
        }
    // Query 0 sees only key 0.
    EXPECT_EQ(r.heads[0].weights(0, 0), 1.0f);
    // Masked cells keep their raw score.
    const Matrix raw = (s.queries * s.keys.transpose()) / std::sqrt(2.0f);
    expectNear(r.heads[0].scores, raw);
    EXPECT_TRUE(r.fullyMaskedRows.empty());
}

TEST(Mask, UnionOfPaddingAndCells) {
    // Padding masks key 1 for every query, the cell (0, 2) key 2 for query 0,
    // so query 0 sees only key 0 and query 1 sees keys 0 and 2.
    Scene s = makeScene(kQ, kK, kV, Scoring::Dot);
    s.mask.keyPadding = {false, true, false};
    s.mask.cells = {{0, 2}};
    const AttentionResult r = compute(s);
    const MaskMatrix expected = (MaskMatrix(2, 3) << false, true, true, false, true, false).finished();
    EXPECT_TRUE((r.mask == expected).all());
    expectNear(r.heads[0].weights.row(0), mat({{1, 0, 0}}), 0.0f);
    // Query 1, dot scores [2, 0, 2] with key 1 masked: [0.5, 0, 0.5];
    // context 0.5 [1, 0] + 0.5 [1, 1] = [1, 0.5].
    expectNear(r.heads[0].weights.row(1), mat({{0.5f, 0, 0.5f}}));
    EXPECT_EQ(r.heads[0].weights(1, 1), 0.0f);
    expectNear(r.heads[0].context.row(1), mat({{1, 0.5f}}));
}

TEST(Mask, CellsInAnyOrderWithRepeats) {
    // Cells (2, 0), (0, 1), (2, 0) again, (1, 2), (0, 0): row 0 keeps key 2,
    // row 1 keys 0 and 1, row 2 keys 1 and 2.
    Scene s = makeScene(randomMatrix(3, 2, 140), randomMatrix(3, 2, 141), std::nullopt);
    s.mask.cells = {{2, 0}, {0, 1}, {2, 0}, {1, 2}, {0, 0}};
    const AttentionResult r = compute(s);
    const MaskMatrix expected =
        (MaskMatrix(3, 3) << true, true, false, false, false, true, true, false, false).finished();
    EXPECT_TRUE((r.mask == expected).all());
    EXPECT_EQ(r.heads[0].weights(0, 2), 1.0f);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            if (expected(i, j)) {
                EXPECT_EQ(r.heads[0].weights(i, j), 0.0f);
            }
}

TEST(Mask, FullyMaskedRowsAreZeroAndListed) {
    for (Normalization norm : kAllNorm) {
        // Key 0 padded and causal: query 0 has nothing left; so has query 2
        // through its cells.
        Scene s =
            makeScene(randomMatrix(4, 4, 5), randomMatrix(4, 4, 6), randomMatrix(4, 6, 7), Scoring::ScaledDot, norm, 2);
        s.mask.causal = true;
        s.mask.keyPadding = {true, false, false, false};
        s.mask.cells = {{2, 1}, {2, 2}};
        s.projections.Wo = randomMatrix(6, 3, 8);
        const AttentionResult r = compute(s);
        EXPECT_EQ(r.fullyMaskedRows, (std::vector<int>{0, 2})) << toString(norm);
        for (int row : {0, 2}) {
            for (const HeadResult& h : r.heads) {
                for (int j = 0; j < 4; ++j) EXPECT_EQ(h.weights(row, j), 0.0f);
                for (int c = 0; c < 3; ++c) EXPECT_EQ(h.context(row, c), 0.0f);
            }
            for (int c = 0; c < 3; ++c) EXPECT_EQ(r.output(row, c), 0.0f);
            for (int j = 0; j < 4; ++j) EXPECT_EQ(r.weightsMean(row, j), 0.0f);
        }
        expectAllFinite(r);
        // The other rows sum to 1.
        for (int row : {1, 3}) EXPECT_NEAR(r.heads[1].weights.row(row).sum(), 1.0f, kTol);
    }
}

// A plain reference: loops in double, for every normalization a softmax
// over the mask, so that the blocked, multi-threaded engine is checked on a
// size that spans many row blocks.
Matrix referenceCausalSoftmax(const Matrix& q, const Matrix& k, int lk, int head, int dh) {
    Matrix w(q.rows(), lk);
    for (Eigen::Index i = 0; i < q.rows(); ++i) {
        std::vector<double> s(std::size_t(lk), 0.0);
        double m = -1e300;
        for (int j = 0; j <= std::min<int>(int(i), lk - 1); ++j) {
            double dot = 0;
            for (int c = 0; c < dh; ++c) dot += double(q(i, head * dh + c)) * double(k(j, head * dh + c));
            s[std::size_t(j)] = dot / std::sqrt(double(dh));
            m = std::max(m, s[std::size_t(j)]);
        }
        double sum = 0;
        for (int j = 0; j < lk; ++j) sum += j <= i ? std::exp(s[std::size_t(j)] - m) : 0.0;
        for (int j = 0; j < lk; ++j) w(i, j) = j <= i ? float(std::exp(s[std::size_t(j)] - m) / sum) : 0.0f;
    }
    return w;
}

TEST(Attention, LargeCausalMatchesReference) {
    const int lq = 203, lk = 190, heads = 4, dh = 8;
    const Matrix q = randomMatrix(lq, heads * dh, 60), k = randomMatrix(lk, heads * dh, 61);
    const Matrix v = randomMatrix(lk, heads * 5, 62);
    Scene s = makeScene(q, k, v, Scoring::ScaledDot, Normalization::Softmax, heads);
    s.mask.causal = true;
    for (int threads : {1, 2, 3}) {
        AttentionOptions options;
        options.threads = threads;
        const AttentionResult r = compute(s, options);
        for (int h = 0; h < heads; ++h) {
            const Matrix w = referenceCausalSoftmax(q, k, lk, h, dh);
            expectNear(r.heads[std::size_t(h)].weights, w, 2e-6f);
            const Matrix context = w * v.middleCols(h * 5, 5);
            expectNear(r.heads[std::size_t(h)].context, context, 1e-5f);
        }
    }
}

// ---- projections -----------------------------------------------------------

TEST(Projections, MatchProductsDoneByHand) {
    const Matrix xq = randomMatrix(4, 3, 70), xk = randomMatrix(5, 3, 71), xv = randomMatrix(5, 2, 72);
    Projections p{randomMatrix(3, 4, 73), randomMatrix(3, 4, 74), randomMatrix(2, 6, 75), randomMatrix(6, 3, 76)};
    Scene projected = makeScene(xq, xk, xv, Scoring::ScaledDot, Normalization::Softmax, 2);
    projected.projections = p;
    const AttentionResult r = compute(projected);

    const AttentionResult byHand =
        compute(makeScene(xq * p.Wq, xk * p.Wk, Matrix(xv * p.Wv), Scoring::ScaledDot, Normalization::Softmax, 2));
    for (int h = 0; h < 2; ++h) {
        expectNear(r.heads[std::size_t(h)].scores, byHand.heads[std::size_t(h)].scores);
        expectNear(r.heads[std::size_t(h)].context, byHand.heads[std::size_t(h)].context);
    }
    expectNear(r.output, byHand.output * p.Wo);
    EXPECT_EQ(r.output.cols(), 3);
}

TEST(Projections, WorkedExample) {
    // Xq = [[1, 2]], Wq = [[1, 0], [0, 0.5]] -> Q = [[1, 1]];
    // Xk = [[2, 0], [0, 4]], Wk = [[0.5, 0], [0, 0.25]] -> K = [[1, 0], [0, 1]];
    // dot scores [1, 1] -> weights [0.5, 0.5]. No values: V = Xk Wv with
    // Wv = [[1], [0.5]] -> V = [[2], [2]], context [2]; Wo = [[3]] -> output [6].
    Scene s = makeScene(mat({{1, 2}}), mat({{2, 0}, {0, 4}}), std::nullopt, Scoring::Dot);
    s.projections = {mat({{1, 0}, {0, 0.5f}}), mat({{0.5f, 0}, {0, 0.25f}}), mat({{1}, {0.5f}}), mat({{3}})};
    const AttentionResult r = compute(s);
    expectNear(r.heads[0].scores, mat({{1, 1}}));
    expectNear(r.heads[0].context, mat({{2}}));
    expectNear(r.output, mat({{6}}));
}

TEST(Projections, ValuesAbsentUseTheKeysInput) {
    // Without values and without Wv, V is the keys input Xk, not Xk Wk.
    const Matrix xq = randomMatrix(3, 4, 80), xk = randomMatrix(6, 4, 81);
    Scene s = makeScene(xq, xk, std::nullopt);
    s.projections.Wk = randomMatrix(4, 4, 82);
    const AttentionResult r = compute(s);
    expectNear(r.heads[0].context, r.heads[0].weights * xk);
}

// ---- properties ------------------------------------------------------------

TEST(Properties, RowsSumToOneForEveryKind) {
    const Matrix q = randomMatrix(9, 6, 90), k = randomMatrix(11, 6, 91), v = randomMatrix(11, 6, 92);
    for (Scoring scoring : kAllScoring)
        for (Normalization norm : kAllNorm) {
            Scene s = makeScene(q, k, v, scoring, norm, 3);
            s.mask.keyPadding.assign(11, false);
            s.mask.keyPadding[4] = true;
            s.topK = 3;
            const AttentionResult r = compute(s);
            for (const HeadResult& h : r.heads)
                for (int i = 0; i < 9; ++i) {
                    EXPECT_NEAR(h.weights.row(i).sum(), 1.0f, kTol) << toString(scoring) << "/" << toString(norm);
                    EXPECT_EQ(h.weights(i, 4), 0.0f);
                }
        }
}

TEST(Properties, PermutingKeysPermutesWeights) {
    const int lk = 8;
    const Matrix q = randomMatrix(5, 4, 100), k = randomMatrix(lk, 4, 101), v = randomMatrix(lk, 4, 102);
    std::vector<int> perm(lk);
    std::iota(perm.begin(), perm.end(), 0);
    ap::Random shuffler(103);
    ap::shuffle(perm, shuffler);
    Matrix pk(lk, 4), pv(lk, 4);
    for (int j = 0; j < lk; ++j) {
        pk.row(j) = k.row(perm[std::size_t(j)]);
        pv.row(j) = v.row(perm[std::size_t(j)]);
    }
    for (Scoring scoring : kAllScoring)
        for (Normalization norm : kAllNorm) {
            const AttentionResult a = compute(makeScene(q, k, v, scoring, norm, 2));
            const AttentionResult b = compute(makeScene(q, pk, pv, scoring, norm, 2));
            SCOPED_TRACE(std::string(toString(scoring)) + "/" + toString(norm));
            for (int h = 0; h < 2; ++h) {
                for (int i = 0; i < 5; ++i)
                    for (int j = 0; j < lk; ++j)
                        EXPECT_NEAR(b.heads[std::size_t(h)].weights(i, j),
                                    a.heads[std::size_t(h)].weights(i, perm[std::size_t(j)]), kTol);
                expectNear(b.heads[std::size_t(h)].context, a.heads[std::size_t(h)].context);
            }
        }
}

TEST(Properties, LargeScoresStayFinite) {
    // Entries of size ~50 and ~500 over d = 16 give dot scores near 1e4 and 1e6.
    for (float scale : {50.0f, 500.0f})
        for (Scoring scoring : kAllScoring)
            for (Normalization norm : kAllNorm) {
                Scene s = makeScene(randomMatrix(7, 16, 110, scale), randomMatrix(9, 16, 111, scale),
                                    randomMatrix(9, 8, 112), scoring, norm, 1);
                s.mask.causal = true;
                s.temperature = 0.5f;
                const AttentionResult r = compute(s);
                SCOPED_TRACE(std::string(toString(scoring)) + "/" + toString(norm));
                if (scoring == Scoring::Dot) {
                    EXPECT_GT(r.heads[0].scores.cwiseAbs().maxCoeff(), scale * scale);
                }
                expectAllFinite(r);
                for (int i = 0; i < 7; ++i) EXPECT_NEAR(r.heads[0].weights.row(i).sum(), 1.0f, kTol);
            }
}

TEST(Properties, WeightsMeanIsTheMeanOfHeads) {
    Scene s = makeScene(randomMatrix(6, 8, 120), randomMatrix(6, 8, 121), std::nullopt, Scoring::Dot,
                        Normalization::Sparsemax, 4);
    s.mask.causal = true;
    const AttentionResult r = compute(s);
    Matrix mean = Matrix::Zero(6, 6);
    for (const HeadResult& h : r.heads) mean += h.weights;
    expectNear(r.weightsMean, mean / 4.0f);
}

// ---- status and reuse ------------------------------------------------------

TEST(Status, InvalidSceneIsRejectedWithAMessage) {
    AttentionResult r;
    Scene s = makeScene(kQ, kK, kV, Scoring::Dot, Normalization::Softmax, 3);  // 3 does not divide d = 2
    Status st = computeAttention(s, {}, r);
    EXPECT_FALSE(st.ok);
    EXPECT_FALSE(st.cancelled);
    EXPECT_NE(st.message.find("heads"), std::string::npos) << st.message;

    s.heads = 1;
    s.temperature = 0.0f;
    st = computeAttention(s, {}, r);
    EXPECT_FALSE(st.ok);
    EXPECT_NE(st.message.find("temperature"), std::string::npos) << st.message;
}

TEST(Status, CancelBeforeTheCall) {
    std::atomic<bool> cancel{true};
    AttentionOptions options;
    options.cancel = &cancel;
    AttentionResult r;
    const Status st = computeAttention(makeScene(kQ, kK, kV), options, r);
    EXPECT_FALSE(st.ok);
    EXPECT_TRUE(st.cancelled);
    EXPECT_EQ(st.message, "cancelled");

    cancel = false;
    EXPECT_TRUE(computeAttention(makeScene(kQ, kK, kV), options, r).ok);
}

TEST(Result, ReusedAcrossShapes) {
    Scene big = makeScene(randomMatrix(70, 12, 130), randomMatrix(80, 12, 131), randomMatrix(80, 6, 132),
                          Scoring::ScaledDot, Normalization::Softmax, 3);
    big.mask.causal = true;
    Scene small = makeScene(randomMatrix(5, 4, 133), randomMatrix(7, 4, 134), std::nullopt, Scoring::Additive,
                            Normalization::TopK, 1);
    small.mask.keyPadding = {false, false, true, false, false, false, true};
    small.projections.Wo = randomMatrix(4, 2, 135);

    AttentionResult reused;
    for (const Scene* s : {&big, &small, &big}) {
        ASSERT_TRUE(computeAttention(*s, {}, reused).ok);
        const AttentionResult fresh = compute(*s);
        ASSERT_EQ(reused.heads.size(), fresh.heads.size());
        for (std::size_t h = 0; h < fresh.heads.size(); ++h) {
            expectNear(reused.heads[h].scores, fresh.heads[h].scores, 0.0f);
            expectNear(reused.heads[h].weights, fresh.heads[h].weights, 0.0f);
            expectNear(reused.heads[h].context, fresh.heads[h].context, 0.0f);
        }
        EXPECT_TRUE((reused.mask == fresh.mask).all());
        expectNear(reused.weightsMean, fresh.weightsMean, 0.0f);
        expectNear(reused.output, fresh.output, 0.0f);
        EXPECT_EQ(reused.fullyMaskedRows, fresh.fullyMaskedRows);
    }
}

}  // namespace
}  // namespace ap
