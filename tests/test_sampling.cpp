// The `sample` normalizer (stochastic hard attention): the generator's
// fixed outputs, the draw by inversion, frequencies against softmax, seeds,
// masks, one-hot rows, thread-count independence and the scene fields.
#include "attention/attention.h"
#include "attention/normalization.h"
#include "attention/sampling.h"
#include "io/scene_io.h"
#include "random_inputs.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ap {
namespace {

Scene sampleScene(int lq, int lk, int d, int samples, std::uint64_t seed, int heads = 1) {
    Scene s;
    s.queries = randomMatrix(lq, d, 1);
    s.keys = randomMatrix(lk, d, 2);
    s.values = randomMatrix(lk, d, 3);
    s.heads = heads;
    s.normalization = Normalization::Sample;
    s.samples = samples;
    s.seed = seed;
    return s;
}

AttentionResult compute(const Scene& s, int threads = 1) {
    AttentionResult r;
    AttentionOptions o;
    o.threads = threads;
    const Status st = computeAttention(s, o, r);
    EXPECT_TRUE(st.ok) << st.message;
    return r;
}

// Reference outputs of SplitMix64 (Vigna's splitmix64.c) from state 1234567.
TEST(SplitMix64, ReferenceOutputs) {
    SplitMix64 g(1234567);
    EXPECT_EQ(g.next(), 6457827717110365317ull);
    EXPECT_EQ(g.next(), 3203168211198807973ull);
    EXPECT_EQ(g.next(), 9817491932198370423ull);
    EXPECT_EQ(g.next(), 4593380528125082431ull);
    EXPECT_EQ(g.next(), 16408922859458223821ull);
}

TEST(SplitMix64, UniformIsInUnitInterval) {
    SplitMix64 g(0);
    for (int n = 0; n < 10000; ++n) {
        const double u = g.uniform();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
    }
}

TEST(Sampling, StreamsDifferByHeadRowAndSeed) {
    EXPECT_NE(sampleStreamState(0, 0, 0), sampleStreamState(0, 0, 1));
    EXPECT_NE(sampleStreamState(0, 0, 1), sampleStreamState(0, 1, 0));
    EXPECT_NE(sampleStreamState(0, 0, 0), sampleStreamState(1, 0, 0));
    EXPECT_EQ(sampleStreamState(7, 2, 3), SplitMix64::mix64(SplitMix64::mix64(7) ^ ((2ull << 32) | 3ull)));
}

// Inversion by hand: p = (0.25, 0, 0.5, 0.25), cumulative (0.25, 0.25, 0.75, 1).
TEST(Sampling, DrawKeyByInversion) {
    const double c[] = {0.25, 0.25, 0.75, 1.0};
    EXPECT_EQ(drawKey(c, 4, 0.0), 0);
    EXPECT_EQ(drawKey(c, 4, 0.2499), 0);
    EXPECT_EQ(drawKey(c, 4, 0.25), 2);  // key 1 has probability 0: skipped
    EXPECT_EQ(drawKey(c, 4, 0.7499), 2);
    EXPECT_EQ(drawKey(c, 4, 0.75), 3);
    EXPECT_EQ(drawKey(c, 4, 0.999999), 3);
    // A cumulative sum whose tail is flat (trailing zero probabilities).
    const double flat[] = {0.5, 1.0, 1.0};
    EXPECT_EQ(drawKey(flat, 3, 1.0), 1);
}

TEST(Sampling, FrequenciesApproachSoftmax) {
    Scene s = sampleScene(6, 9, 4, 20000, 42);
    const AttentionResult sampled = compute(s);
    s.normalization = Normalization::Softmax;
    const AttentionResult soft = compute(s);
    for (Eigen::Index i = 0; i < 6; ++i)
        for (Eigen::Index j = 0; j < 9; ++j)
            EXPECT_NEAR(sampled.heads[0].weights(i, j), soft.heads[0].weights(i, j), 0.015) << i << "," << j;
    // Each row sums to 1 (counts / N), up to the float division.
    for (Eigen::Index i = 0; i < 6; ++i) EXPECT_NEAR(sampled.heads[0].weights.row(i).sum(), 1.0f, 1e-5f);
}

TEST(Sampling, WeightsAreCountsOverN) {
    const Scene s = sampleScene(5, 7, 4, 37, 3);
    const AttentionResult r = compute(s);
    for (Eigen::Index i = 0; i < 5; ++i)
        for (Eigen::Index j = 0; j < 7; ++j) {
            const double count = double(r.heads[0].weights(i, j)) * 37.0;
            EXPECT_NEAR(count, std::round(count), 1e-4);
        }
}

TEST(Sampling, SameSeedSameWeightsOtherSeedOtherWeights) {
    Scene s = sampleScene(8, 12, 4, 5, 99);
    const AttentionResult a = compute(s);
    const AttentionResult b = compute(s);
    EXPECT_EQ(a.heads[0].weights, b.heads[0].weights);
    s.seed = 100;
    const AttentionResult c = compute(s);
    EXPECT_NE(a.heads[0].weights, c.heads[0].weights);
}

TEST(Sampling, OneSampleIsOneHot) {
    const Scene s = sampleScene(16, 10, 4, 1, 5, 2);
    const AttentionResult r = compute(s);
    for (const HeadResult& h : r.heads)
        for (Eigen::Index i = 0; i < 16; ++i) {
            int ones = 0;
            for (Eigen::Index j = 0; j < 10; ++j) {
                const float w = h.weights(i, j);
                EXPECT_TRUE(w == 0.0f || w == 1.0f);
                ones += w == 1.0f;
            }
            EXPECT_EQ(ones, 1);
        }
}

TEST(Sampling, MaskedKeysAreNeverDrawn) {
    Scene s = sampleScene(12, 8, 4, 2000, 11, 2);
    // Make the masked keys the most likely ones: they would take most draws.
    s.keys.row(1) = s.queries.colwise().sum() * 10.0f;
    s.mask.keyPadding = {false, true, false, false, false, false, false, true};
    s.mask.causal = true;
    s.mask.cells = {{5, 0}, {5, 2}};
    for (std::uint64_t seed : {0ull, 1ull, 2ull, 12345ull}) {
        s.seed = seed;
        const AttentionResult r = compute(s);
        for (const HeadResult& h : r.heads)
            for (Eigen::Index i = 0; i < 12; ++i)
                for (Eigen::Index j = 0; j < 8; ++j)
                    if (r.mask(i, j)) {
                        EXPECT_EQ(h.weights(i, j), 0.0f) << i << "," << j;
                    }
        // Row 0 may only attend key 0 (causal); with padding on key 1, row 1 too.
        EXPECT_EQ(r.heads[0].weights(0, 0), 1.0f);
        EXPECT_EQ(r.heads[0].weights(1, 0), 1.0f);
    }
}

TEST(Sampling, FullyMaskedRowIsZero) {
    Scene s = sampleScene(3, 2, 2, 10, 0);
    s.mask.cells = {{1, 0}, {1, 1}};
    const AttentionResult r = compute(s);
    EXPECT_EQ(r.heads[0].weights.row(1).cwiseAbs().sum(), 0.0f);
    EXPECT_EQ(r.fullyMaskedRows, std::vector<int>{1});
}

// Large enough to run on several threads (above the engine's serial size).
TEST(Sampling, ThreadCountDoesNotChangeTheWeights) {
    Scene s = sampleScene(300, 256, 32, 3, 8, 4);
    s.mask.causal = true;
    const AttentionResult one = compute(s, 1);
    for (int threads : {2, 3, 8}) {
        const AttentionResult many = compute(s, threads);
        for (std::size_t h = 0; h < one.heads.size(); ++h)
            EXPECT_EQ(one.heads[h].weights, many.heads[h].weights) << threads << " threads, head " << h;
        EXPECT_EQ(one.output, many.output);
    }
}

TEST(Sampling, NormalizeRowAgreesWithTheAttentionLoop) {
    const Scene s = sampleScene(4, 6, 2, 50, 77);
    const AttentionResult r = compute(s);
    NormalizationParams p{Normalization::Sample, 1.0f, 2, 50, 77};
    RowScratch scratch;
    for (int i = 0; i < 4; ++i) {
        std::vector<float, Eigen::aligned_allocator<float>> w(6 + 16);
        normalizeRow(p, r.heads[0].scores.row(i).data(), nullptr, w.data(), 6, scratch, RowId{0, i});
        for (int j = 0; j < 6; ++j) EXPECT_EQ(w[std::size_t(j)], r.heads[0].weights(i, j));
    }
}

// ---- Scene fields ----------------------------------------------------------

const char* kBase = R"({"format": "attention-playground.scene", "version": 1,
  "queries": {"matrix": [[1, 0], [0, 1]]}, "keys": {"matrix": [[1, 0], [0, 1], [1, 1]]},
  "normalization": )";

SceneReadResult withNormalization(const std::string& n) { return parseScene(kBase + n + "}", "scene.json"); }

TEST(SampleScene, ReadsDefaultsAndFields) {
    SceneReadResult r = withNormalization(R"({"kind": "sample"})");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.normalization, Normalization::Sample);
    EXPECT_EQ(r.value.samples, 1);
    EXPECT_EQ(r.value.seed, 0u);
    r = withNormalization(R"({"kind": "sample", "temperature": 0.5, "samples": 20000, "seed": 9007199254740991})");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.value.samples, 20000);
    EXPECT_EQ(r.value.seed, 9007199254740991ull);
    EXPECT_FLOAT_EQ(r.value.temperature, 0.5f);
}

TEST(SampleScene, BadFieldsHaveTheirMessages) {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"kind": "sample", "samples": 0})", "scene.json: normalization.samples: must be a whole number >= 1"},
        {R"({"kind": "sample", "samples": 2.5})", "scene.json: normalization.samples: must be a whole number >= 1"},
        {R"({"kind": "sample", "samples": 100001})",
         "scene.json: normalization.samples: 100001 exceeds the limit of 100000"},
        {R"({"kind": "sample", "seed": -1})",
         "scene.json: normalization.seed: must be a whole number from 0 to 9007199254740991"},
        {R"({"kind": "sample", "seed": 1.5})",
         "scene.json: normalization.seed: must be a whole number from 0 to 9007199254740991"},
        {R"({"kind": "sample", "seed": "1"})",
         "scene.json: normalization.seed: must be a whole number from 0 to 9007199254740991"},
        {R"({"kind": "sample", "seed": 1e300})",
         "scene.json: normalization.seed: must be a whole number from 0 to 9007199254740991"},
        {R"({"kind": "samples"})",
         "scene.json: normalization.kind: unknown kind \"samples\" (expected softmax, hard, topk, sparsemax, sample)"},
    };
    for (const auto& [text, message] : cases) {
        const SceneReadResult r = withNormalization(text);
        EXPECT_FALSE(r.ok) << text;
        EXPECT_EQ(r.error, message) << text;
    }
}

TEST(SampleScene, ValidateChecksScenesBuiltInCode) {
    Scene s = sampleScene(2, 2, 2, 0, 0);
    EXPECT_EQ(validate(s).message, "normalization.samples: must be a whole number from 1 to 100000");
    s.samples = 1;
    s.seed = limits::kMaxSeed + 1;
    EXPECT_EQ(validate(s).message, "normalization.seed: must be a whole number from 0 to 9007199254740991");
}

TEST(SampleScene, WriterWritesSamplesAndSeedBack) {
    Scene s = sampleScene(2, 3, 2, 250, 123456789);
    const std::string text = sceneToJson(s);
    EXPECT_NE(text.find(R"("kind": "sample")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("samples": 250, "seed": 123456789)"), std::string::npos) << text;
    const SceneReadResult back = parseScene(text, "written.json");
    ASSERT_TRUE(back.ok) << back.error;
    EXPECT_EQ(back.value.samples, 250);
    EXPECT_EQ(back.value.seed, 123456789u);
    EXPECT_EQ(sceneToJson(back.value), text);
}

}  // namespace
}  // namespace ap
