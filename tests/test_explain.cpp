// explainCell / explainScene: hand-worked steps for each scoring kind, and
// on random scenes, for every scoring kind x normalization x head, the
// headline numbers equal a separate computeAttention() bit for bit and each
// step's numbers lead to the next.
#include "attention/explain.h"
#include "io/explain_writer.h"
#include "random_inputs.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ap {
namespace {

const ExplainStep* step(const Explanation& e, const std::string& name) {
    for (const ExplainStep& s : e.steps)
        if (s.name == name) return &s;
    return nullptr;
}

double value(const Explanation& e, const std::string& name) {
    const ExplainStep* s = step(e, name);
    EXPECT_NE(s, nullptr) << "no step " << name;
    return s ? s->value.front() : NAN;
}

Explanation explain(const Scene& s, int i, int j, int h = 0) {
    ExplainOptions o;
    o.cell.query = i;
    o.cell.key = j;
    o.cell.head = h;
    o.maxEntries = 4096;
    Explanation e;
    const Status st = explainScene(s, o, e);
    EXPECT_TRUE(st.ok) << st.message;
    return e;
}

Scene tiny(Scoring scoring) {
    Scene s;
    s.queries.resize(1, 2);
    s.queries << 1.0f, 2.0f;
    s.keys.resize(2, 2);
    s.keys << 3.0f, 4.0f, 0.0f, 1.0f;
    s.scoring = scoring;
    return s;
}

TEST(Explain, DotByHand) {
    const Explanation e = explain(tiny(Scoring::Dot), 0, 0);
    const ExplainStep* p = step(e, "products");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->value, (std::vector<double>{3.0, 8.0}));
    EXPECT_EQ(e.score, 11.0f);
    // Scores 11 and 2: w0 = 1 / (1 + e^-9).
    EXPECT_DOUBLE_EQ(value(e, "row maximum"), 11.0);
    EXPECT_NEAR(value(e, "sum"), 1.0 + std::exp(-9.0), 1e-12);
    EXPECT_NEAR(e.weight, 1.0 / (1.0 + std::exp(-9.0)), 1e-7);
    // Context row = weighted keys (V = K).
    EXPECT_NEAR(e.context[0], 3.0 * e.weight, 1e-5);
}

TEST(Explain, ScaledDotDividesBySqrtOfHeadWidth) {
    const Explanation e = explain(tiny(Scoring::ScaledDot), 0, 0);
    EXPECT_DOUBLE_EQ(value(e, "dot"), 11.0);
    EXPECT_NEAR(e.score, 11.0 / std::sqrt(2.0), 1e-6);
}

TEST(Explain, GeneralShowsWk) {
    Scene s = tiny(Scoring::General);
    HeadParams p;
    p.W.resize(2, 2);
    p.W << 0.0f, 1.0f, 2.0f, 0.0f;  // W k = (4, 6)
    s.headParams = {p};
    const Explanation e = explain(s, 0, 0);
    EXPECT_EQ(step(e, "W k")->value, (std::vector<double>{4.0, 6.0}));
    EXPECT_FLOAT_EQ(e.score, 16.0f);
}

TEST(Explain, AdditiveShowsEveryStage) {
    const Explanation e = explain(tiny(Scoring::Additive), 0, 1);
    EXPECT_EQ(step(e, "Wq q")->value, (std::vector<double>{1.0, 2.0}));
    EXPECT_EQ(step(e, "Wk k")->value, (std::vector<double>{0.0, 1.0}));
    EXPECT_EQ(step(e, "Wq q + Wk k")->value, (std::vector<double>{1.0, 3.0}));
    EXPECT_NEAR(step(e, "tanh")->value[1], std::tanh(3.0), 1e-12);
    EXPECT_NEAR(e.score, std::tanh(1.0) + std::tanh(3.0), 1e-5);
}

TEST(Explain, CosineShowsNorms) {
    const Explanation e = explain(tiny(Scoring::Cosine), 0, 0);
    EXPECT_NEAR(value(e, "norm q"), std::sqrt(5.0), 1e-12);
    EXPECT_NEAR(value(e, "norm k"), 5.0, 1e-12);
    EXPECT_NEAR(e.score, 11.0 / (5.0 * std::sqrt(5.0)), 1e-6);
}

TEST(Explain, MaskSaysWhy) {
    Scene s = tiny(Scoring::Dot);
    s.queries.resize(2, 2);
    s.queries << 1, 2, 3, 4;
    s.mask.causal = true;
    s.mask.keyPadding = {false, true};
    s.mask.cells = {{1, 1}};
    const Explanation e = explain(s, 0, 1);
    EXPECT_TRUE(e.masked);
    EXPECT_EQ(e.weight, 0.0f);
    const std::string& f = step(e, "mask")->formula;
    EXPECT_NE(f.find("causal"), std::string::npos) << f;
    EXPECT_NE(f.find("key padding"), std::string::npos) << f;
    EXPECT_EQ(f.find("cells"), std::string::npos) << f;
    const Explanation e2 = explain(s, 1, 1);
    EXPECT_NE(step(e2, "mask")->formula.find("cells"), std::string::npos);
    EXPECT_EQ(step(e2, "mask")->formula.find("causal"), std::string::npos);
    const Explanation e3 = explain(s, 1, 0);
    EXPECT_FALSE(e3.masked);
    EXPECT_EQ(e3.weight, 1.0f);
}

TEST(Explain, OutOfRangeIsAMessage) {
    const Scene s = tiny(Scoring::Dot);
    ExplainOptions o;
    o.cell.key = 5;
    Explanation e;
    const Status st = explainScene(s, o, e);
    EXPECT_FALSE(st.ok);
    EXPECT_EQ(st.message, "key 5 is out of range (2 keys)");
}

TEST(Explain, VectorsAreCapped) {
    Scene s;
    s.queries = randomMatrix(2, 4, 1);
    s.keys = randomMatrix(300, 4, 2);
    ExplainOptions o;
    o.maxEntries = 10;
    Explanation e;
    ASSERT_TRUE(explainScene(s, o, e).ok);
    const ExplainStep* ex = step(e, "exponentials");
    EXPECT_EQ(ex->value.size(), 10u);
    EXPECT_EQ(ex->total, 300);
    EXPECT_NE(ex->formula.find("290 more"), std::string::npos);
}

// ---- Agreement with computeAttention on random scenes ----------------------

struct Case {
    Scoring scoring;
    Normalization norm;
};

Scene randomScene(int variant, int heads, Scoring scoring, Normalization norm) {
    Scene s;
    const int lq = 5 + variant, lk = 7, d = 4 * heads, dv = 2 * heads;
    s.queries = randomMatrix(lq, variant == 2 ? 3 : d, 10 + unsigned(variant));
    s.keys = randomMatrix(lk, variant == 2 ? 5 : d, 20 + unsigned(variant));
    s.values = randomMatrix(lk, dv, 30 + unsigned(variant));
    s.heads = heads;
    s.scoring = scoring;
    s.normalization = norm;
    s.temperature = variant == 1 ? 0.5f : 1.3f;
    s.topK = 3;
    s.samples = 64;
    s.seed = 5 + unsigned(variant);
    if (variant == 1) {
        s.mask.causal = true;
        s.mask.keyPadding = {false, false, false, false, false, true, false};
        s.mask.cells = {{3, 0}, {2, 0}, {2, 1}, {2, 2}};
    }
    if (variant == 2) {
        s.projections.Wq = randomMatrix(3, d, 40);
        s.projections.Wk = randomMatrix(5, d, 41);
        s.projections.Wv = randomMatrix(dv, dv, 42);
        s.projections.Wo = randomMatrix(dv, 3, 43);
        s.headParams.resize(std::size_t(heads));
        for (int h = 0; h < heads; ++h) {
            s.headParams[std::size_t(h)].W = randomMatrix(4, 4, 50 + unsigned(h));
            s.headParams[std::size_t(h)].Wq = randomMatrix(6, 4, 60 + unsigned(h));
            s.headParams[std::size_t(h)].Wk = randomMatrix(6, 4, 70 + unsigned(h));
            s.headParams[std::size_t(h)].v = randomMatrix(6, 1, 80 + unsigned(h));
        }
    }
    return s;
}

void checkSteps(const Scene& s, const Explanation& e, int j) {
    const double tol = 1e-4 * (1.0 + std::fabs(e.score));
    switch (s.scoring) {
    case Scoring::Dot: {
        double sum = 0;
        for (double p : step(e, "products")->value) sum += p;
        EXPECT_NEAR(sum, e.score, tol);
        break;
    }
    case Scoring::ScaledDot: {
        const double dh = double(step(e, "query")->total);
        EXPECT_NEAR(value(e, "dot") / std::sqrt(dh), e.score, tol);
        break;
    }
    case Scoring::General: {
        const auto& q = step(e, "query")->value;
        const auto& wk = step(e, "W k")->value;
        double sum = 0;
        for (std::size_t c = 0; c < q.size(); ++c) sum += q[c] * wk[c];
        EXPECT_NEAR(sum, e.score, tol);
        break;
    }
    case Scoring::Additive: {
        const auto& t = step(e, "tanh")->value;
        const HeadParams* p = s.headParams.empty() ? nullptr : &s.headParams[std::size_t(e.cell.head)];
        double sum = 0;
        for (std::size_t a = 0; a < t.size(); ++a) sum += (p ? double(p->v(Eigen::Index(a))) : 1.0) * t[a];
        EXPECT_NEAR(sum, e.score, tol);
        break;
    }
    case Scoring::Cosine: {
        const double nq = value(e, "norm q"), nk = value(e, "norm k");
        EXPECT_NEAR(nq > 0 && nk > 0 ? value(e, "dot") / (nq * nk) : 0.0, e.score, 1e-5);
        break;
    }
    }
    EXPECT_NEAR(value(e, "temperature"), double(e.score) / s.temperature, 1e-5 * (1 + std::fabs(e.score)));
    EXPECT_EQ(value(e, "mask"), e.masked ? 1.0 : 0.0);
    if (step(e, "fully masked")) {
        EXPECT_EQ(e.weight, 0.0f);
        return;
    }
    EXPECT_EQ(value(e, "weight"), double(e.weight));
    if (e.masked) {
        EXPECT_EQ(e.weight, 0.0f);
        return;
    }
    switch (s.normalization) {
    case Normalization::Softmax:
    case Normalization::TopK:
        EXPECT_NEAR(step(e, "exponentials")->value[std::size_t(j)] / value(e, "sum"), e.weight, 1e-6);
        break;
    case Normalization::Hard: EXPECT_EQ(e.weight, value(e, "argmax") == j ? 1.0f : 0.0f); break;
    case Normalization::Sparsemax:
        EXPECT_NEAR(std::max(step(e, "z")->value[std::size_t(j)] - value(e, "tau"), 0.0), e.weight, 1e-6);
        break;
    case Normalization::Sample:
        // The draws are the engine's own: counts / N is the weight exactly.
        EXPECT_EQ(float(step(e, "counts")->value[std::size_t(j)] / double(s.samples)), e.weight);
        break;
    }
}

TEST(Explain, AgreesWithComputeForEveryKindNormalizationAndHead) {
    const Scoring scorings[] = {Scoring::Dot, Scoring::ScaledDot, Scoring::General, Scoring::Additive, Scoring::Cosine};
    const Normalization norms[] = {Normalization::Softmax, Normalization::Hard, Normalization::TopK,
                                   Normalization::Sparsemax, Normalization::Sample};
    int checked = 0;
    for (int variant = 0; variant < 3; ++variant)
        for (int heads : {1, 2})
            for (Scoring sc : scorings)
                for (Normalization nm : norms) {
                    const Scene s = randomScene(variant, heads, sc, nm);
                    AttentionResult r;
                    AttentionOptions threads;
                    threads.threads = 3;
                    ASSERT_TRUE(computeAttention(s, threads, r).ok);
                    for (int h = 0; h < heads; ++h)
                        for (int i = 0; i < s.queryCount(); ++i)
                            for (int j : {0, 3, 6}) {
                                SCOPED_TRACE(std::string(toString(sc)) + " " + toString(nm) + " variant " +
                                             std::to_string(variant) + " head " + std::to_string(h) + " cell " +
                                             std::to_string(i) + "," + std::to_string(j));
                                const Explanation e = explain(s, i, j, h);
                                EXPECT_EQ(e.score, r.heads[std::size_t(h)].scores(i, j));
                                EXPECT_EQ(e.weight, r.heads[std::size_t(h)].weights(i, j));
                                EXPECT_EQ(e.masked, r.mask(i, j));
                                ASSERT_EQ(Eigen::Index(e.context.size()), r.heads[std::size_t(h)].context.cols());
                                for (std::size_t c = 0; c < e.context.size(); ++c)
                                    EXPECT_EQ(e.context[c], r.heads[std::size_t(h)].context(i, Eigen::Index(c)));
                                for (std::size_t c = 0; c < e.output.size(); ++c)
                                    EXPECT_EQ(e.output[c], r.output(i, Eigen::Index(c)));
                                checkSteps(s, e, j);
                                ++checked;
                            }
                }
    EXPECT_GT(checked, 1000);
}

TEST(Explain, JsonCarriesTheContractKeys) {
    const Explanation e = explain(tiny(Scoring::Dot), 0, 0);
    const std::string j = explanationToJson(e);
    for (const char* key : {"\"score\": 11", "\"weight\": ", "\"context\": [", "\"steps\": [", "\"name\": \"products\"",
                            "\"formula\": ", "\"value\": [3, 8]"})
        EXPECT_NE(j.find(key), std::string::npos) << key << " in " << j;
    EXPECT_EQ(j.find('\n'), std::string::npos);
    const std::string latex = explanationToLatex(e);
    EXPECT_NE(latex.find("\\begin{align*}"), std::string::npos);
    EXPECT_NE(latex.find("\\sum_d q_d k_d"), std::string::npos);
}

}  // namespace
}  // namespace ap
