// Head statistics, rollout and flow on cases worked by hand.
#include "analysis/head_stats.h"
#include "analysis/rollout.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace ap;
using namespace ap::analysis;

namespace {

Matrix m2(float a, float b, float c, float d) {
    Matrix m(2, 2);
    m << a, b, c, d;
    return m;
}

// A float32 tensor held in memory, [layers][heads][2][2].
std::shared_ptr<import::AttentionTensor> tensor(int layers, int heads, const std::vector<Matrix>& slices,
                                                std::vector<std::string> tokens = {}) {
    auto buffer = std::make_shared<std::vector<float>>();
    for (const Matrix& s : slices) buffer->insert(buffer->end(), s.data(), s.data() + s.size());
    auto t = std::make_shared<import::AttentionTensor>();
    t->fileName = "hand.npy";
    t->arrayName = "array";
    t->layers = layers;
    t->heads = heads;
    t->queries = int(slices.front().rows());
    t->keys = int(slices.front().cols());
    t->data = reinterpret_cast<const unsigned char*>(buffer->data());
    t->owner = buffer;
    t->queryTokens = t->keyTokens = std::move(tokens);
    return t;
}

void expectMatrixNear(const Matrix& got, const Matrix& want, float tolerance = 1e-6f) {
    ASSERT_EQ(got.rows(), want.rows());
    ASSERT_EQ(got.cols(), want.cols());
    for (Eigen::Index i = 0; i < got.rows(); ++i)
        for (Eigen::Index j = 0; j < got.cols(); ++j) EXPECT_NEAR(got(i, j), want(i, j), tolerance) << i << "," << j;
}

}  // namespace

TEST(Separator, Rule) {
    for (const char* yes : {"[SEP]", "[cls]", "</s>", "<s>", "Ġ,", "\xE2\x96\x81.", ".", "...", "。", "?!", " ; "})
        EXPECT_TRUE(isSeparatorToken(yes)) << yes;
    for (const char* no : {"cat", "##s", "", "a.", "Ġ", "[MASK]", "1"}) EXPECT_FALSE(isSeparatorToken(no)) << no;
}

TEST(HeadStats, HandWorked) {
    // Row 0 puts everything on [CLS]; row 1 splits evenly between [CLS] and "cat".
    const Matrix a = m2(1, 0, 0.5f, 0.5f);
    const HeadStats s = headStats(a, {true, false});
    EXPECT_NEAR(s.entropy, std::log(2.0) / 2, 1e-9);
    EXPECT_NEAR(s.meanDistance, 0.25, 1e-9);     // (0 + 0.5 * |1 - 0|) / 2
    EXPECT_NEAR(s.firstTokenShare, 0.75, 1e-9);  // (1 + 0.5) / 2
    EXPECT_NEAR(s.separatorShare, 0.75, 1e-9);
    EXPECT_NEAR(s.maxWeight, 1.0, 1e-9);
    const HeadStats uniform = headStats(Matrix::Constant(4, 4, 0.25f), {});
    EXPECT_NEAR(uniform.entropy, std::log(4.0), 1e-6);
    // |i - j| summed over a 4 x 4 grid is 20, each weight 1/4, over 4 rows.
    EXPECT_NEAR(uniform.meanDistance, 20 * 0.25 / 4, 1e-6);
    EXPECT_NEAR(uniform.separatorShare, 0.0, 1e-9);
}

TEST(HeadStats, EveryHeadOfATensorUsesTheKeyTokens) {
    auto t = tensor(1, 2, {m2(1, 0, 0.5f, 0.5f), m2(0, 1, 0, 1)}, {"[CLS]", "cat"});
    const Result<std::vector<HeadStats>> s = computeHeadStats(*t);
    ASSERT_TRUE(s.ok) << s.error;
    ASSERT_EQ(s.value.size(), 2u);
    EXPECT_EQ(s.value[1].layer, 0);
    EXPECT_EQ(s.value[1].head, 1);
    EXPECT_NEAR(s.value[0].separatorShare, 0.75, 1e-9);
    EXPECT_NEAR(s.value[1].firstTokenShare, 0.0, 1e-9);
    EXPECT_NEAR(s.value[1].meanDistance, 0.5, 1e-9);
}

TEST(Rollout, HandWorkedTwoLayers) {
    // Â1 = 0.5 A1 + 0.5 I = [[.75, .25], [0, 1]], Â2 = [[1, 0], [.25, .75]];
    // R = Â2 Â1 = [[.75, .25], [.1875, .8125]]. (Â1 Â2 would give
    // [[.8125, .1875], [.25, .75]]: the order is checked too.)
    const std::vector<Matrix> layers = {m2(0.5f, 0.5f, 0, 1), m2(1, 0, 0.5f, 0.5f)};
    expectMatrixNear(rolloutProduct(layers, 0.5), m2(0.75f, 0.25f, 0.1875f, 0.8125f));
    auto t = tensor(2, 1, layers);
    const Result<Matrix> s = attentionRollout(*t);
    ASSERT_TRUE(s.ok) << s.error;
    expectMatrixNear(s.value, m2(0.75f, 0.25f, 0.1875f, 0.8125f));
}

TEST(Rollout, RowsAreRenormalisedAndResidualWeighsTheIdentity) {
    // 0.5 [[1, 1], [0, 0]] + 0.5 I = [[1, .5], [0, .5]] -> rows / sums.
    expectMatrixNear(addResidual(m2(1, 1, 0, 0), 0.5), m2(2.0f / 3, 1.0f / 3, 0, 1));
    expectMatrixNear(addResidual(m2(0.2f, 0.8f, 0.6f, 0.4f), 0.0), m2(0.2f, 0.8f, 0.6f, 0.4f));
    expectMatrixNear(addResidual(m2(0.2f, 0.8f, 0.6f, 0.4f), 1.0), m2(1, 0, 0, 1));
}

TEST(Rollout, HeadFusion) {
    auto t = tensor(1, 2, {m2(1, 0, 0.2f, 0.8f), m2(0, 1, 0.6f, 0.4f)});
    Matrix fused;
    ASSERT_EQ(fuseLayer(*t, 0, HeadFusion::Mean, fused).message, "");
    expectMatrixNear(fused, m2(0.5f, 0.5f, 0.4f, 0.6f));
    ASSERT_EQ(fuseLayer(*t, 0, HeadFusion::Max, fused).message, "");
    expectMatrixNear(fused, m2(1, 1, 0.6f, 0.8f));
    ASSERT_EQ(fuseLayer(*t, 0, HeadFusion::Min, fused).message, "");
    expectMatrixNear(fused, m2(0, 0, 0.2f, 0.4f));
    RolloutOptions o;
    o.residual = 0.0;
    o.fusion = HeadFusion::Max;
    const Result<Matrix> s = attentionRollout(*t, o);
    ASSERT_TRUE(s.ok);
    expectMatrixNear(s.value, m2(0.5f, 0.5f, 0.6f / 1.4f, 0.8f / 1.4f));
}

TEST(Rollout, RefusesCrossAttention) {
    auto t = tensor(1, 1, {Matrix::Constant(2, 3, 1.0f / 3)});
    const Result<Matrix> s = attentionRollout(*t);
    EXPECT_FALSE(s.ok);
    EXPECT_NE(s.error.find("2 queries and 3 keys"), std::string::npos) << s.error;
}

TEST(Flow, HandWorked) {
    // One layer: the flow from i to j is the one edge's capacity Â[i][j].
    const std::vector<Matrix> one = {m2(0.5f, 0.5f, 0, 1)};
    expectMatrixNear(flowFromLayers(one, 0.5), m2(0.75f, 0.25f, 0, 1));
    // Two layers of two tokens: the paths i -> k -> j share no edge, so the
    // flow is sum_k min(Â2[i][k], Â1[k][j]).
    const std::vector<Matrix> two = {m2(0.5f, 0.5f, 0, 1), m2(1, 0, 0.5f, 0.5f)};
    // (0,0): min(1,.75) + min(0,0) = .75   (0,1): min(1,.25) + min(0,1) = .25
    // (1,0): min(.25,.75) + min(.75,0) = .25  (1,1): min(.25,.25) + min(.75,1) = 1
    expectMatrixNear(flowFromLayers(two, 0.5), m2(0.75f, 0.25f, 0.25f, 1.0f), 1e-6f);
    auto t = tensor(2, 1, two);
    const Result<Matrix> s = attentionFlow(*t);
    ASSERT_TRUE(s.ok) << s.error;
    expectMatrixNear(s.value, m2(0.75f, 0.25f, 0.25f, 1.0f), 1e-6f);
}

TEST(Flow, RefusedBeyondItsLimit) {
    auto t = tensor(1, 1, {Matrix::Constant(40, 40, 1.0f / 40)});
    const Result<Matrix> s = attentionFlow(*t);
    EXPECT_FALSE(s.ok);
    EXPECT_NE(s.error.find("limited to 32 tokens"), std::string::npos) << s.error;
}
