// The translation model: gradients against central finite differences (in
// double, as the model computes), determinism, a short training run, greedy
// decoding, and the exported scene against ap::computeAttention.
#include "attention/attention.h"
#include "core/random.h"
#include "translation/attention_layer.h"
#include "translation/gru.h"
#include "translation/metrics.h"
#include "translation/corpus_split.h"
#include "translation/guided_alignment.h"
#include "translation/model_file.h"
#include "translation/seq2seq.h"
#include "translation/vocabulary.h"
#include "gradient_check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr ap::Scoring kAllScorings[] = {ap::Scoring::Dot, ap::Scoring::ScaledDot, ap::Scoring::General,
                                        ap::Scoring::Additive, ap::Scoring::Cosine};
constexpr ap::Normalization kTrainable[] = {ap::Normalization::Softmax, ap::Normalization::Sparsemax};

// Uniform on [-scale, scale).
MatrixXd randomMatrix(Index rows, Index cols, ap::Random& rng, double scale = 1.0) {
    MatrixXd m(rows, cols);
    for (Index i = 0; i < m.size(); ++i) m.data()[i] = rng.symmetric(scale);
    return m;
}

// ---------------------------------------------------------------- GRU cell

TEST(GruGradient, ParametersInputsAndInitialState) {
    ap::Random rng(11);
    const int I = 4, H = 5, T = 6;
    const ap::GruCell cell(I, H);
    const Index P = cell.parameterCount();
    ASSERT_EQ(P, 3 * H * (I + H + 1));
    // x = [params; vec(X); h0]; L = sum(G .* states), so dL/dstates = G.
    VectorXd x(P + I * T + H);
    x.head(P) = randomMatrix(P, 1, rng, 0.8);
    x.segment(P, I * T) = randomMatrix(I * T, 1, rng);
    x.tail(H) = randomMatrix(H, 1, rng, 0.9);
    const MatrixXd G = randomMatrix(H, T, rng);
    auto f = [&](const VectorXd& v) {
        MatrixXd states;
        ap::GruCache cache;
        cell.forward(v.data(), Eigen::Map<const MatrixXd>(v.data() + P, I, T), v.tail(H), states, cache);
        return (G.array() * states.array()).sum();
    };
    MatrixXd states;
    ap::GruCache cache;
    cell.forward(x.data(), Eigen::Map<const MatrixXd>(x.data() + P, I, T), x.tail(H), states, cache);
    VectorXd analytic = VectorXd::Zero(x.size());
    MatrixXd dX;
    VectorXd dh0;
    cell.backward(x.data(), cache, G, analytic.data(), dX, dh0);
    analytic.segment(P, I * T) = Eigen::Map<const VectorXd>(dX.data(), I * T);
    analytic.tail(H) = dh0;
    expectGradient(f, x, analytic,
                   {{"W", cell.offsetW(), 3 * H * I},
                    {"U", cell.offsetU(), 3 * H * H},
                    {"b", cell.offsetB(), 3 * H},
                    {"inputs", P, I * T},
                    {"h0", P + I * T, H}},
                   "GRU");
}

TEST(GruCell, StepMatchesSequence) {
    ap::Random rng(3);
    const ap::GruCell cell(3, 4);
    const VectorXd params = randomMatrix(cell.parameterCount(), 1, rng);
    const MatrixXd X = randomMatrix(3, 5, rng);
    const VectorXd h0 = randomMatrix(4, 1, rng, 0.5);
    MatrixXd states;
    ap::GruCache cache;
    cell.forward(params.data(), X, h0, states, cache);
    VectorXd h = h0, next;
    for (Index t = 0; t < X.cols(); ++t) {
        cell.step(params.data(), X.col(t), h, next);
        h = next;
        EXPECT_LT((h - states.col(t)).norm(), 1e-12) << "step " << t;
    }
}

// --------------------------------------------------- softmax and sparsemax

TEST(NormalizeScores, SoftmaxAndSparsemaxJacobians) {
    ap::Random rng(5);
    for (ap::Normalization kind : kTrainable) {
        for (int trial = 0; trial < 4; ++trial) {
            const int n = 6;
            const double invT = trial % 2 ? 1.0 : 1.0 / 0.6;
            VectorXd s = randomMatrix(n, 1, rng, 2.0);
            if (trial == 3) s(4) = s(1);  // a tie
            const VectorXd g = randomMatrix(n, 1, rng);
            auto f = [&](const VectorXd& v) {
                VectorXd w(n);
                ap::normalizeScores(kind, invT, v.data(), w.data(), n);
                return g.dot(w);
            };
            VectorXd w(n), ds(n);
            ap::normalizeScores(kind, invT, s.data(), w.data(), n);
            EXPECT_NEAR(w.sum(), 1.0, 1e-12);
            EXPECT_GE(w.minCoeff(), 0.0);
            ap::normalizeScoresBackward(kind, invT, w.data(), g.data(), ds.data(), n);
            expectGradient(f, s, ds, {{"scores", 0, n}},
                           std::string(ap::toString(kind)) + " trial " + std::to_string(trial));
        }
    }
}

TEST(NormalizeScores, SparsemaxKnownValuesAndExactZeros) {
    // z = (0, -0.5, -3): support {0, 1}, tau = (0 - 0.5 - 1) / 2 = -0.75,
    // w = (0.75, 0.25, 0).
    const double s[3] = {2.0, 1.5, -1.0};
    double w[3];
    ap::normalizeScores(ap::Normalization::Sparsemax, 1.0, s, w, 3);
    EXPECT_DOUBLE_EQ(w[0], 0.75);
    EXPECT_DOUBLE_EQ(w[1], 0.25);
    EXPECT_EQ(w[2], 0.0);
    // Off the support the Jacobian is 0; on it, g minus its support mean.
    const double g[3] = {1.0, 3.0, 7.0};
    double ds[3];
    ap::normalizeScoresBackward(ap::Normalization::Sparsemax, 1.0, w, g, ds, 3);
    EXPECT_DOUBLE_EQ(ds[0], -1.0);
    EXPECT_DOUBLE_EQ(ds[1], 1.0);
    EXPECT_EQ(ds[2], 0.0);
}

// ------------------------------------------------------- attention layer

// Sparsemax is differentiable away from the points where a weight is about
// to enter or leave the support; check that finite differences of size
// ~1e-6 stay on one side.
bool awayFromSparsemaxKinks(const ap::AttentionLayerCache& cache, double invT) {
    for (std::size_t h = 0; h < cache.scores.size(); ++h)
        for (Index t = 0; t < cache.scores[h].cols(); ++t) {
            const auto s = cache.scores[h].col(t);
            const auto w = cache.weights[h].col(t);
            Index inSupport = 0;
            w.maxCoeff(&inSupport);
            const double tau = (s(inSupport) - s.maxCoeff()) * invT - w(inSupport);
            for (Index j = 0; j < s.size(); ++j) {
                const double margin = (s(j) - s.maxCoeff()) * invT - tau;
                if (std::abs(margin) < 1e-4) return false;
            }
        }
    return true;
}

// The model's backward() after `ws` holds forward() on `pair`, against
// central differences of forward(), parameter block by block.
void expectModelGradient(const ap::Seq2SeqModel& model, const ap::EncodedPair& pair, ap::Seq2SeqWorkspace& ws,
                         const std::string& what) {
    VectorXd analytic = VectorXd::Zero(model.parameters().size());
    model.backward(ws, analytic.data());
    auto f = [&](const VectorXd& v) {
        ap::Seq2SeqModel probe = model;
        probe.parameters() = v;
        ap::Seq2SeqWorkspace w;
        return probe.forward(pair, w);
    };
    std::vector<Block> blocks;
    for (const ap::ParameterBlock& b : model.parameterBlocks()) blocks.push_back({b.name, b.offset, b.size()});
    expectGradient(f, model.parameters(), analytic, blocks, what);
}

struct LayerCase {
    ap::Scoring scoring;
    ap::Normalization normalization;
    int heads;
    bool tiedKeys;
    double queryScale;
};

void checkLayer(const LayerCase& c, std::uint64_t seed) {
    ap::Random rng(seed);
    const int d = 6, T = 3, n = 4;
    const double temperature = 0.7;
    const ap::AttentionLayer layer(c.scoring, c.normalization, d, c.heads, temperature);
    const Index P = layer.parameterCount();
    VectorXd x(P + d * T + d * n);
    x.head(P) = randomMatrix(P, 1, rng, 0.7);
    x.segment(P, d * T) = randomMatrix(d * T, 1, rng, c.queryScale);
    MatrixXd K = randomMatrix(d, n, rng);
    if (c.tiedKeys) K.col(2) = K.col(1);  // equal keys: tied scores for every kind
    x.tail(d * n) = Eigen::Map<const VectorXd>(K.data(), d * n);
    const MatrixXd G = randomMatrix(d, T, rng);
    auto run = [&](const VectorXd& v, MatrixXd& context, ap::AttentionLayerCache& cache) {
        layer.forward(v.data(), Eigen::Map<const MatrixXd>(v.data() + P, d, T),
                      Eigen::Map<const MatrixXd>(v.data() + P + d * T, d, n), context, cache);
    };
    auto f = [&](const VectorXd& v) {
        MatrixXd context;
        ap::AttentionLayerCache cache;
        run(v, context, cache);
        return (G.array() * context.array()).sum();
    };
    MatrixXd context;
    ap::AttentionLayerCache cache;
    run(x, context, cache);
    const std::string what = std::string(ap::toString(c.scoring)) + "/" + ap::toString(c.normalization) + " heads " +
                             std::to_string(c.heads) + (c.tiedKeys ? " tied" : "") + " scale " +
                             std::to_string(c.queryScale);
    if (c.normalization == ap::Normalization::Sparsemax) {
        ASSERT_TRUE(awayFromSparsemaxKinks(cache, 1.0 / temperature)) << what;
    }
    if (c.tiedKeys) {
        for (int h = 0; h < c.heads; ++h)
            EXPECT_EQ(cache.scores[std::size_t(h)].row(1), cache.scores[std::size_t(h)].row(2)) << what;
    }
    VectorXd analytic = VectorXd::Zero(x.size());
    MatrixXd dQ, dK;
    layer.backward(x.data(), cache, G, analytic.data(), dQ, dK);
    analytic.segment(P, d * T) = Eigen::Map<const VectorXd>(dQ.data(), d * T);
    analytic.tail(d * n) = Eigen::Map<const VectorXd>(dK.data(), d * n);
    std::vector<Block> blocks = {{"queries", P, d * T}, {"keys", P + d * T, d * n}};
    for (int h = 0; h < c.heads; ++h) {
        const std::string head = "head" + std::to_string(h) + ".";
        const Index dh = layer.headWidth(), da = layer.additiveWidth();
        if (c.scoring == ap::Scoring::General) blocks.push_back({head + "W", layer.offsetW(h), dh * dh});
        if (c.scoring == ap::Scoring::Additive) {
            blocks.push_back({head + "Wq", layer.offsetWq(h), da * dh});
            blocks.push_back({head + "Wk", layer.offsetWk(h), da * dh});
            blocks.push_back({head + "v", layer.offsetV(h), da});
        }
    }
    if (c.scoring == ap::Scoring::Cosine) blocks.push_back({"log_scale", layer.offsetLogScale(), 1});
    expectGradient(f, x, analytic, blocks, what);
}

TEST(AttentionLayerGradient, EveryScoringKindAtRandomPoints) {
    std::uint64_t seed = 100;
    for (ap::Scoring scoring : kAllScorings)
        for (ap::Normalization normalization : kTrainable)
            for (int heads : {1, 2}) checkLayer({scoring, normalization, heads, false, 1.0}, seed++);
}

TEST(AttentionLayerGradient, TiedScores) {
    std::uint64_t seed = 200;
    for (ap::Scoring scoring : kAllScorings)
        for (ap::Normalization normalization : kTrainable) checkLayer({scoring, normalization, 2, true, 1.0}, seed++);
}

TEST(AttentionLayerGradient, SparsemaxWithExactZeros) {
    // Large queries spread the scores, so sparsemax puts exact zeros on
    // some keys: the gradient must be 0 through them and still right for
    // the rest.
    std::uint64_t seed = 300;
    for (ap::Scoring scoring : kAllScorings) {
        checkLayer({scoring, ap::Normalization::Sparsemax, 1, false, 4.0}, seed);
        ap::Random rng(seed++);
        const ap::AttentionLayer layer(scoring, ap::Normalization::Sparsemax, 6, 1, 0.7);
        // Same draws as checkLayer: find how many weights are exactly 0.
        VectorXd params = randomMatrix(layer.parameterCount(), 1, rng, 0.7);
        const MatrixXd Q = randomMatrix(6, 3, rng, 4.0);
        const MatrixXd K = randomMatrix(6, 4, rng);
        MatrixXd context;
        ap::AttentionLayerCache cache;
        layer.forward(params.data(), Q, K, context, cache);
        EXPECT_GT((cache.weights[0].array() == 0.0).count(), 0) << ap::toString(scoring);
    }
}

TEST(AttentionLayer, ContextIsWeightedSumOfKeyHeadBlocks) {
    ap::Random rng(8);
    const ap::AttentionLayer layer(ap::Scoring::Dot, ap::Normalization::Softmax, 4, 2, 1.0);
    const MatrixXd Q = randomMatrix(4, 2, rng), K = randomMatrix(4, 3, rng);
    MatrixXd context;
    ap::AttentionLayerCache cache;
    layer.forward(nullptr, Q, K, context, cache);
    for (int h = 0; h < 2; ++h) {
        const MatrixXd expected = K.middleRows(2 * h, 2) * cache.weights[std::size_t(h)];
        EXPECT_LT((context.middleRows(2 * h, 2) - expected).norm(), 1e-12);
        // Head h's scores use only its block of rows.
        const MatrixXd scores = K.middleRows(2 * h, 2).transpose() * Q.middleRows(2 * h, 2);
        EXPECT_LT((cache.scores[std::size_t(h)] - scores).norm(), 1e-12);
    }
}

// ------------------------------------------------------------ the model

ap::SentencePair makePair(const std::string& source, const std::string& target, const std::string& gold = {}) {
    ap::SentencePair p;
    auto split = [](const std::string& s) {
        std::istringstream in(s);
        std::vector<std::string> out;
        for (std::string t; in >> t;) out.push_back(t);
        return out;
    };
    p.source = split(source);
    p.target = split(target);
    for (const std::string& link : split(gold)) {
        const std::size_t sep = link.find_first_of("-?");
        p.gold.push_back({std::stoi(link.substr(0, sep)), std::stoi(link.substr(sep + 1)), link[sep] == '-'});
    }
    p.hasGold = !gold.empty();
    return p;
}

ap::Corpus tinyCorpus() {
    ap::Corpus c;
    c.name = "tiny";
    c.pairs = {
        makePair("je suis étudiant", "i am a student", "0-0 1-1 2?2 2-3"),
        makePair("tu es étudiant", "you are a student", "0-0 1-1 2?2 2-3"),
        makePair("je suis grand", "i am tall", "0-0 1-1 2-2"),
        makePair("tu es grand", "you are tall", "0-0 1-1 2-2"),
        makePair("le chat noir", "the black cat", "0-0 1-2 2-1"),
        makePair("le chien noir", "the black dog", "0-0 1-2 2-1"),
        makePair("le chat dort", "the cat sleeps", "0-0 1-1 2-2"),
        makePair("le chien mange", "the dog eats", "0-0 1-1 2-2"),
    };
    for (std::size_t i = 0; i < c.pairs.size(); ++i) c.pairs[i].line = int(i) + 1;
    return c;
}

ap::Seq2SeqOptions smallOptions(ap::Scoring scoring, ap::Normalization normalization, int heads) {
    ap::Seq2SeqOptions o;
    o.hidden = 8;
    o.embedding = 5;
    o.heads = heads;
    o.scoring = scoring;
    o.normalization = normalization;
    o.seed = 17;
    return o;
}

TEST(Seq2SeqGradient, EveryParameterBlockForEveryScoringKind) {
    const ap::Corpus corpus = tinyCorpus();
    for (ap::Scoring scoring : kAllScorings)
        for (ap::Normalization normalization : kTrainable)
            for (int heads : {1, 2}) {
                for (int encoderKind = 0; encoderKind < 4; ++encoderKind) {
                    const bool bidirectional = encoderKind % 2 == 0;
                    const bool fromEncoder = encoderKind >= 2;
                    ap::Seq2SeqOptions options = smallOptions(scoring, normalization, heads);
                    options.bidirectional = bidirectional;
                    options.initialStateFromEncoder = fromEncoder;
                    ap::Seq2SeqModel model;
                    ASSERT_EQ(model.initialize(corpus, options).message, "");
                    // Move off the initial point (identity W, zero biases) so that
                    // every block is checked at a generic point.
                    // Sparsemax has no derivative where a weight crosses 0, so
                    // the point is redrawn until it is away from those kinks.
                    const VectorXd initial = model.parameters();
                    const ap::EncodedPair pair = model.encode(corpus.pairs[4]);
                    ap::Seq2SeqWorkspace ws;
                    const std::string what = std::string(ap::toString(scoring)) + "/" + ap::toString(normalization) +
                                             " heads " + std::to_string(heads) +
                                             (bidirectional ? " bidirectional" : " forward encoder") +
                                             (fromEncoder ? ", s_0 from the encoder" : ", s_0 = 0");
                    bool smooth = false;
                    for (unsigned draw = 0; draw < 20 && !smooth; ++draw) {
                        ap::Random rng(23 + draw);
                        model.parameters() = initial + randomMatrix(initial.size(), 1, rng, 0.1);
                        model.forward(pair, ws);
                        smooth = normalization != ap::Normalization::Sparsemax ||
                                 awayFromSparsemaxKinks(ws.attentionCache, 1.0);
                    }
                    ASSERT_TRUE(smooth) << what;
                    expectModelGradient(model, pair, ws, what);
                }
            }
}

TEST(Seq2SeqModel, ParameterBlocksTileTheVector) {
    ap::Seq2SeqModel model;
    ASSERT_EQ(
        model.initialize(tinyCorpus(), smallOptions(ap::Scoring::Additive, ap::Normalization::Softmax, 2)).message, "");
    Index next = 0;
    for (const ap::ParameterBlock& b : model.parameterBlocks()) {
        EXPECT_EQ(b.offset, next) << b.name;
        next += b.size();
    }
    EXPECT_EQ(next, model.parameters().size());
    EXPECT_EQ(model.parameterBlocks().back().name, "output.b");
}

TEST(Seq2SeqModel, RefusesBadOptionsAndCorpora) {
    ap::Seq2SeqModel model;
    ap::Seq2SeqOptions o;
    o.hidden = 10;
    o.heads = 3;
    EXPECT_NE(model.initialize(tinyCorpus(), o).message.find("must divide hidden"), std::string::npos);
    o = {};
    o.hidden = 15;
    o.heads = 1;
    EXPECT_NE(model.initialize(tinyCorpus(), o).message.find("must be even"), std::string::npos);
    o.bidirectional = false;
    EXPECT_EQ(model.initialize(tinyCorpus(), o).message, "");
    o = {};
    o.normalization = ap::Normalization::Hard;
    EXPECT_NE(model.initialize(tinyCorpus(), o).message.find("softmax or sparsemax"), std::string::npos);
    o = {};
    o.adam.learningRate = -1;
    EXPECT_NE(model.initialize(tinyCorpus(), o).message.find("learning rate"), std::string::npos);
    ap::Corpus empty;
    empty.name = "empty.tsv";
    EXPECT_EQ(model.initialize(empty, {}).message, "empty.tsv: the corpus has no pairs");
    ap::Corpus blank = tinyCorpus();
    blank.pairs[2].source.clear();
    EXPECT_EQ(model.initialize(blank, {}).message, "tiny:3: a pair needs at least one source and one target token");
}

TEST(Vocabulary, SpecialsFirstThenOrderOfAppearance) {
    ap::Vocabulary v;
    EXPECT_EQ(v.size(), 3);
    EXPECT_EQ(v.id("<bos>"), ap::Vocabulary::kBos);
    EXPECT_EQ(v.id("<eos>"), ap::Vocabulary::kEos);
    EXPECT_EQ(v.id("never seen"), ap::Vocabulary::kUnk);
    EXPECT_EQ(v.add("chat"), 3);
    EXPECT_EQ(v.add("noir"), 4);
    EXPECT_EQ(v.add("chat"), 3);
    EXPECT_EQ(v.encode({"noir", "chien", "chat"}), (std::vector<int>{4, ap::Vocabulary::kUnk, 3}));
    EXPECT_EQ(v.decode({3, 1}), (std::vector<std::string>{"chat", "<eos>"}));
}

TEST(Seq2SeqTraining, SameSeedSameRunBitForBit) {
    ap::Seq2SeqOptions o = smallOptions(ap::Scoring::Additive, ap::Normalization::Softmax, 2);
    o.epochs = 3;
    ap::Seq2SeqModel a, b, c;
    const ap::TrainSummary ra = ap::train(tinyCorpus(), o, {}, nullptr, &a);
    const ap::TrainSummary rb = ap::train(tinyCorpus(), o, {}, nullptr, &b);
    ASSERT_TRUE(ra.status.ok && rb.status.ok);
    ASSERT_EQ(ra.epochs.size(), 3u);
    ASSERT_EQ(rb.epochs.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(ra.epochs[i].loss, rb.epochs[i].loss);
        EXPECT_EQ(ra.epochs[i].trainLoss, rb.epochs[i].trainLoss);
        EXPECT_EQ(ra.epochs[i].aer, rb.epochs[i].aer);
    }
    EXPECT_TRUE(a.parameters() == b.parameters());
    o.seed += 1;
    ASSERT_TRUE(ap::train(tinyCorpus(), o, {}, nullptr, &c).status.ok);
    EXPECT_FALSE(a.parameters() == c.parameters());
}

TEST(Seq2SeqTraining, AutomaticEpochsFollowTheCorpusSize) {
    EXPECT_EQ(ap::automaticEpochs(71), ap::kMaxAutomaticEpochs);  // capped
    EXPECT_EQ(ap::automaticEpochs(1000), 30);
    EXPECT_EQ(ap::automaticEpochs(2700), 12);  // ceil(30000 / 2700)
    EXPECT_EQ(ap::automaticEpochs(30000), 1);
    EXPECT_EQ(ap::automaticEpochs(1000000), 1);
    ap::Seq2SeqOptions o = smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1);
    o.epochs = 0;
    EXPECT_TRUE(ap::validate(o).ok);
    EXPECT_EQ(ap::resolvedEpochs(o, 8), ap::kMaxAutomaticEpochs);
    ap::Seq2SeqTrainer trainer;
    ASSERT_EQ(trainer.start(tinyCorpus(), o).message, "");
    EXPECT_EQ(trainer.model().options().epochs, ap::automaticEpochs(tinyCorpus().pairs.size()));
    o.epochs = 7;
    EXPECT_EQ(ap::resolvedEpochs(o, 8), 7);
    o.epochs = -1;
    EXPECT_FALSE(ap::validate(o).ok);
}

TEST(Seq2SeqTraining, LinearDecayChangesTheRunAndOnlyTheStepSize) {
    // With the decay the later updates are smaller, so the runs part.
    ap::Seq2SeqOptions o = smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1);
    o.epochs = 4;
    o.decayLearningRate = true;
    ap::Seq2SeqModel decayed, constant;
    const ap::TrainSummary a = ap::train(tinyCorpus(), o, {}, nullptr, &decayed);
    o.decayLearningRate = false;
    const ap::TrainSummary b = ap::train(tinyCorpus(), o, {}, nullptr, &constant);
    ASSERT_TRUE(a.status.ok && b.status.ok);
    EXPECT_FALSE(decayed.parameters() == constant.parameters());
    // A whole run of decayed steps moves the parameters less far.
    ap::Seq2SeqModel initial;
    ASSERT_EQ(initial.initialize(tinyCorpus(), o).message, "");
    EXPECT_LT((decayed.parameters() - initial.parameters()).norm(),
              (constant.parameters() - initial.parameters()).norm());
}

TEST(Seq2SeqTraining, LossFallsOnATinyCorpus) {
    ap::Seq2SeqOptions o;
    o.hidden = 16;
    o.embedding = 8;
    o.epochs = 15;
    o.seed = 3;
    std::vector<ap::EpochStats> seen;
    const ap::TrainSummary r = ap::train(tinyCorpus(), o, [&](const ap::EpochStats& s, const ap::Seq2SeqModel&) {
        seen.push_back(s);
        return true;
    });
    ASSERT_TRUE(r.status.ok) << r.status.message;
    ASSERT_EQ(seen.size(), 15u);
    EXPECT_EQ(seen.front().epoch, 1);
    EXPECT_EQ(seen.back().epoch, 15);
    EXPECT_LT(seen.back().loss, 0.5 * seen.front().loss);
    EXPECT_LT(seen.back().trainLoss, seen.front().trainLoss);
    EXPECT_GT(seen.back().tokenAccuracy, seen.front().tokenAccuracy);
    EXPECT_EQ(seen.back().pairsWithGold, 8);
    EXPECT_GE(seen.back().seconds, seen.front().seconds);
}

TEST(Seq2SeqTraining, CallbackStopsAndCancelInterrupts) {
    ap::Seq2SeqOptions o = smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1);
    o.epochs = 5;
    int calls = 0;
    ap::TrainSummary r =
        ap::train(tinyCorpus(), o, [&](const ap::EpochStats&, const ap::Seq2SeqModel&) { return ++calls < 2; });
    EXPECT_TRUE(r.status.ok);
    EXPECT_FALSE(r.status.cancelled);
    EXPECT_EQ(r.epochs.size(), 2u);

    std::atomic<bool> cancel{true};
    ap::Seq2SeqTrainer trainer;
    ASSERT_EQ(trainer.start(tinyCorpus(), o).message, "");
    ap::EpochStats stats;
    EXPECT_FALSE(trainer.runEpoch(stats, &cancel));
    EXPECT_EQ(trainer.epochsDone(), 0);
    cancel = false;
    EXPECT_TRUE(trainer.runEpoch(stats, &cancel));
    EXPECT_EQ(trainer.epochsDone(), 1);
    EXPECT_EQ(stats.epoch, 1);

    cancel = true;
    r = ap::train(tinyCorpus(), o, {}, &cancel);
    EXPECT_TRUE(r.status.cancelled);
    EXPECT_TRUE(r.epochs.empty());
}

TEST(Seq2SeqDecoding, GreedyTranslationShape) {
    const ap::Corpus corpus = tinyCorpus();
    for (int epochs : {1, 40}) {
        ap::Seq2SeqOptions o = smallOptions(ap::Scoring::General, ap::Normalization::Softmax, 2);
        o.hidden = 16;
        o.epochs = epochs;
        ap::Seq2SeqModel model;
        ASSERT_TRUE(ap::train(corpus, o, {}, nullptr, &model).status.ok);
        for (const ap::SentencePair& pair : corpus.pairs) {
            const ap::Translation t = model.translate(pair.source);
            const Index steps = Index(t.tokens.size()) + (t.finished ? 1 : 0);
            EXPECT_LE(t.tokens.size(), 2 * pair.source.size() + 5);
            if (!t.finished) {
                EXPECT_EQ(t.tokens.size(), 2 * pair.source.size() + 5);
            }
            ASSERT_EQ(t.heads.size(), 2u);
            EXPECT_EQ(t.mean.rows(), steps);
            EXPECT_EQ(t.mean.cols(), Index(pair.source.size()));
            for (const ap::Matrix& h : t.heads) {
                EXPECT_EQ(h.rows(), steps);
                EXPECT_EQ(h.cols(), Index(pair.source.size()));
                for (Index r = 0; r < h.rows(); ++r) EXPECT_NEAR(h.row(r).sum(), 1.0f, 1e-5f);
            }
        }
        if (epochs == 40) {
            // Trained to the end, the tiny corpus is learnt by heart.
            EXPECT_EQ(model.translate(corpus.pairs[4].source).tokens, corpus.pairs[4].target);
        }
    }
    // Unknown words are read as <unk> and keep their spelling in the result.
    ap::Seq2SeqModel model;
    ASSERT_EQ(model.initialize(corpus, smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1)).message, "");
    const ap::Translation t = model.translate({"le", "zèbre"});
    EXPECT_EQ(t.sourceTokens, (std::vector<std::string>{"le", "zèbre"}));
    EXPECT_EQ(t.mean.cols(), 2);
}

TEST(Seq2SeqDecoding, TeacherForcedAttentionShape) {
    ap::Seq2SeqModel model;
    ASSERT_EQ(
        model.initialize(tinyCorpus(), smallOptions(ap::Scoring::Cosine, ap::Normalization::Sparsemax, 2)).message, "");
    const ap::SentencePair pair = tinyCorpus().pairs[0];
    const ap::PairAttention a = model.teacherForcedAttention(pair);
    EXPECT_EQ(a.targetTokens, (std::vector<std::string>{"i", "am", "a", "student", "<eos>"}));
    EXPECT_EQ(a.predictedTokens.size(), 5u);
    ASSERT_EQ(a.heads.size(), 2u);
    EXPECT_EQ(a.mean.rows(), 5);
    EXPECT_EQ(a.mean.cols(), 3);
    EXPECT_EQ(a.decoderStates.rows(), 5);
    EXPECT_EQ(a.decoderStates.cols(), 8);
    EXPECT_EQ(a.encoderStates.rows(), 3);
    EXPECT_GT(a.loss, 0.0);
    EXPECT_LT(((a.heads[0] + a.heads[1]) / 2.0f - a.mean).cwiseAbs().maxCoeff(), 1e-6f);
}

TEST(Seq2SeqScene, ComputeAttentionReproducesTheModelsWeights) {
    const ap::Corpus corpus = tinyCorpus();
    for (ap::Scoring scoring : kAllScorings)
        for (ap::Normalization normalization : kTrainable)
            for (int heads : {1, 2}) {
                ap::Seq2SeqOptions o = smallOptions(scoring, normalization, heads);
                o.epochs = 3;  // trained parameters, not the initial ones
                o.temperature = normalization == ap::Normalization::Sparsemax ? 0.5 : 1.0;
                ap::Seq2SeqModel model;
                ASSERT_TRUE(ap::train(corpus, o, {}, nullptr, &model).status.ok);
                const std::string what = std::string(ap::toString(scoring)) + "/" + ap::toString(normalization) +
                                         " heads " + std::to_string(heads);
                for (const ap::SentencePair& pair : {corpus.pairs[0], corpus.pairs[5]}) {
                    const ap::Scene scene = ap::sceneFromPair(model, pair);
                    ASSERT_EQ(ap::validate(scene).message, "") << what;
                    EXPECT_EQ(scene.keyTokens, pair.source);
                    EXPECT_EQ(scene.queryTokens.back(), "<eos>");
                    EXPECT_FALSE(scene.values.has_value());
                    ap::AttentionOptions options;
                    options.threads = 1;
                    ap::AttentionResult result;
                    const ap::Status status = ap::computeAttention(scene, options, result);
                    ASSERT_TRUE(status.ok) << what << ": " << status.message;
                    const ap::PairAttention a = model.teacherForcedAttention(pair);
                    ASSERT_EQ(result.heads.size(), a.heads.size()) << what;
                    for (std::size_t h = 0; h < a.heads.size(); ++h)
                        EXPECT_LT((result.heads[h].weights - a.heads[h]).cwiseAbs().maxCoeff(), 2e-5f)
                            << what << " head " << h;
                    EXPECT_LT((result.weightsMean - a.mean).cwiseAbs().maxCoeff(), 2e-5f) << what;
                }
            }
}

TEST(Seq2SeqEvaluation, AgreesWithTheMetricsModule) {
    // evaluate() must give the same AER as the metrics module applied to
    // the teacher-forced attention, pair by pair.
    ap::Seq2SeqOptions o = smallOptions(ap::Scoring::ScaledDot, ap::Normalization::Softmax, 1);
    o.hidden = 16;
    o.epochs = 5;
    ap::Seq2SeqModel model;
    const ap::Corpus corpus = tinyCorpus();
    ASSERT_TRUE(ap::train(corpus, o, {}, nullptr, &model).status.ok);
    ap::AlignmentCounts counts;
    long long exact = 0;
    for (const ap::SentencePair& pair : corpus.pairs) {
        const ap::PairAttention a = model.teacherForcedAttention(pair);
        counts += ap::alignmentCounts(ap::argmaxAlignment(a.mean, int(pair.target.size())), pair.gold);
        const ap::Translation t = model.translate(pair.source);
        exact += t.finished && t.tokens == pair.target;
    }
    const ap::Evaluation e = ap::evaluate(model, corpus);
    EXPECT_DOUBLE_EQ(e.aer, counts.aer());
    EXPECT_DOUBLE_EQ(e.exactMatch, double(exact) / double(corpus.pairs.size()));
    EXPECT_EQ(e.pairsWithGold, 8);
}

}  // namespace

// ------------------------------------------------------- guided alignment

TEST(GuidedAlignment, GuideFromLinksIsUniformOverLinkedSourceWords) {
    const ap::SentencePair pair = makePair("a b c", "x y z w", "0-0 1?1 2-1 2-3");
    const MatrixXd g = ap::guideFromLinks(pair);
    ASSERT_EQ(g.rows(), 3);
    ASSERT_EQ(g.cols(), 4);
    EXPECT_DOUBLE_EQ(g(0, 0), 1.0);
    EXPECT_DOUBLE_EQ(g(1, 1), 0.5);  // y: linked to b (possible) and c
    EXPECT_DOUBLE_EQ(g(2, 1), 0.5);
    EXPECT_DOUBLE_EQ(g.col(2).sum(), 0.0);  // z has no link: no guide
    EXPECT_DOUBLE_EQ(g(2, 3), 1.0);
    ap::SentencePair none = makePair("a", "x", "");
    none.hasGold = false;
    none.gold.clear();
    EXPECT_EQ(ap::guideFromLinks(none).size(), 0);
}

TEST(Seq2SeqGradient, GuidedAlignmentTermEveryScoringKind) {
    const ap::Corpus corpus = tinyCorpus();
    for (ap::Scoring scoring : kAllScorings)
        for (int heads : {1, 2}) {
            ap::Seq2SeqOptions options = smallOptions(scoring, ap::Normalization::Softmax, heads);
            options.guidedAlignment = 0.7;
            ap::Seq2SeqModel model;
            ASSERT_EQ(model.initialize(corpus, options).message, "");
            ap::Random rng(29);
            model.parameters() += randomMatrix(model.parameters().size(), 1, rng, 0.1);
            // Pair 0 has a possible link, so one guide row is split in two.
            ap::EncodedPair pair = model.encode(corpus.pairs[0]);
            pair.guide = ap::guideFromLinks(corpus.pairs[0]);
            ap::Seq2SeqWorkspace ws;
            const double loss = model.forward(pair, ws);
            // The guided term is positive: the loss exceeds the cross-entropy.
            EXPECT_GT(loss, ws.crossEntropy);
            expectModelGradient(model, pair, ws,
                                std::string("guided ") + ap::toString(scoring) + " heads " + std::to_string(heads));
        }
}

TEST(GuidedAlignment, TermEqualsHandComputedCrossEntropy) {
    const ap::Corpus corpus = tinyCorpus();
    ap::Seq2SeqOptions options = smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1);
    options.guidedAlignment = 2.0;
    ap::Seq2SeqModel model;
    ASSERT_EQ(model.initialize(corpus, options).message, "");
    ap::EncodedPair pair = model.encode(corpus.pairs[4]);
    pair.guide = ap::guideFromLinks(corpus.pairs[4]);
    ap::Seq2SeqWorkspace ws;
    const double loss = model.forward(pair, ws);
    const MatrixXd& w = ws.attentionCache.weights[0];  // n x T
    // Links 0-0 1-2 2-1: target t attends source s(t) = 0, 2, 1.
    const double T = double(pair.target.size() + 1);
    const double expected = -(std::log(w(0, 0)) + std::log(w(2, 1)) + std::log(w(1, 2))) / T;
    EXPECT_NEAR(loss - ws.crossEntropy, 2.0 * expected, 1e-12);
}

TEST(GuidedAlignment, RefusedWithSparsemax) {
    ap::Seq2SeqOptions o;
    o.guidedAlignment = 1.0;
    o.normalization = ap::Normalization::Sparsemax;
    EXPECT_NE(ap::validate(o).message.find("softmax"), std::string::npos);
    o.guidedAlignment = -1.0;
    o.normalization = ap::Normalization::Softmax;
    EXPECT_FALSE(ap::validate(o).ok);
}

TEST(GuidedAlignment, LowersTheAttentionsAlignmentErrorOnTrainingPairs) {
    const ap::Corpus corpus = tinyCorpus();
    ap::Seq2SeqOptions o = smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1);
    o.epochs = 40;
    ap::Seq2SeqTrainer plain, guided;
    ASSERT_EQ(plain.start(corpus, o).message, "");
    o.guidedAlignment = 1.0;
    ASSERT_EQ(guided.start(corpus, o).message, "");
    ap::EpochStats a, b;
    while (plain.runEpoch(a)) {}
    while (guided.runEpoch(b)) {}
    EXPECT_LT(b.aer, 0.1);
    EXPECT_LE(b.aer, a.aer);
}

// --------------------------------------------------------------- BLEU

TEST(Bleu, PerfectTranslationIsOne) {
    const std::vector<std::string> s = {"the", "black", "cat", "sleeps", "here"};
    EXPECT_DOUBLE_EQ(ap::bleuCounts(s, s).bleu(), 1.0);
}

TEST(Bleu, HandWorkedSmoothedExample) {
    // candidate "the cat sat on the mat" (6), reference "the cat is on the mat" (6):
    // unigrams: the, cat, on, the, mat match (sat not): 5/6
    // bigrams: "the cat", "on the", "the mat" match of 5: smoothed (3+1)/(5+1)
    // trigrams: "on the mat" of 4: (1+1)/(4+1)
    // 4-grams: none of 3: (0+1)/(3+1); BP = 1 (equal lengths).
    const ap::BleuCounts c =
        ap::bleuCounts({"the", "cat", "sat", "on", "the", "mat"}, {"the", "cat", "is", "on", "the", "mat"});
    EXPECT_EQ(c.matched[0], 5);
    EXPECT_EQ(c.matched[1], 3);
    EXPECT_EQ(c.matched[2], 1);
    EXPECT_EQ(c.matched[3], 0);
    const double expected =
        std::exp((std::log(5.0 / 6) + std::log(4.0 / 6) + std::log(2.0 / 5) + std::log(1.0 / 4)) / 4);
    EXPECT_NEAR(c.bleu(), expected, 1e-12);
    EXPECT_NEAR(c.bleu(), 0.4855, 1e-4);
}

TEST(Bleu, ClippingBrevityAndCorpusSums) {
    // "the the the" against "the cat": unigram matches clipped to 1 of 3.
    const ap::BleuCounts clipped = ap::bleuCounts({"the", "the", "the"}, {"the", "cat"});
    EXPECT_EQ(clipped.matched[0], 1);
    EXPECT_EQ(clipped.total[0], 3);
    // A short candidate pays the brevity penalty exp(1 - r/c) = exp(1 - 4/2).
    const ap::BleuCounts shortOne = ap::bleuCounts({"a", "b"}, {"a", "b", "c", "d"});
    const double p = std::exp((std::log(1.0) + std::log(2.0 / 2) + std::log(1.0 / 1) + std::log(1.0 / 1)) / 4);
    EXPECT_NEAR(shortOne.bleu(), std::exp(1.0 - 2.0) * p, 1e-12);
    // Corpus BLEU sums the counts before the ratios.
    ap::BleuCounts sum = clipped;
    sum += shortOne;
    EXPECT_EQ(sum.matched[0], 3);
    EXPECT_EQ(sum.total[0], 5);
    EXPECT_EQ(sum.candidateLength, 5);
    EXPECT_EQ(sum.referenceLength, 6);
    // Nothing output, or nothing matching: 0.
    EXPECT_EQ(ap::bleuCounts({}, {"a"}).bleu(), 0.0);
    EXPECT_EQ(ap::bleuCounts({"b"}, {"a"}).bleu(), 0.0);
}

// ---------------------------------------------------- held-out evaluation

TEST(CorpusSplit, SeededHoldoutIsDisjointAndRepeatable) {
    ap::Corpus c = tinyCorpus();
    const ap::HoldoutSplit a = ap::splitHoldout(c, 0.25, 5);
    const ap::HoldoutSplit b = ap::splitHoldout(c, 0.25, 5);
    EXPECT_EQ(a.heldOutIndices, b.heldOutIndices);
    ASSERT_EQ(a.heldOut.pairs.size(), 2u);
    EXPECT_EQ(a.train.pairs.size(), 6u);
    for (const ap::SentencePair& h : a.heldOut.pairs)
        for (const ap::SentencePair& t : a.train.pairs) EXPECT_NE(h.line, t.line);
    EXPECT_TRUE(std::is_sorted(a.heldOutIndices.begin(), a.heldOutIndices.end()));
    // The seed chooses: some other seed gives another split.
    bool differs = false;
    for (std::uint64_t seed = 6; seed < 16; ++seed)
        differs = differs || ap::splitHoldout(c, 0.25, seed).heldOutIndices != a.heldOutIndices;
    EXPECT_TRUE(differs);
    // Bounds: at least one held out, at least one kept.
    EXPECT_EQ(ap::splitHoldout(c, 0.01, 1).heldOut.pairs.size(), 1u);
    EXPECT_EQ(ap::splitHoldout(c, 0.0, 1).heldOut.pairs.size(), 0u);
}

TEST(CorpusSplit, HoldoutSplitsByDistinctSourceSentence) {
    // Each source sentence three times (as generated corpora repeat them):
    // a split by pair would keep most held-out sentences in training.
    ap::Corpus c;
    for (int s = 0; s < 20; ++s)
        for (int k = 0; k < 3; ++k) {
            ap::SentencePair p;
            // append(), not "s" + ...: GCC 12 warns falsely (-Wrestrict) on that
            p.source = {std::string("s").append(std::to_string(s)), "x"};
            p.target = {std::string("t").append(std::to_string(s)), std::string("v").append(std::to_string(k))};
            p.line = s * 3 + k + 1;
            c.pairs.push_back(p);
        }
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        const ap::HoldoutSplit split = ap::splitHoldout(c, 0.25, seed);
        EXPECT_EQ(split.heldOut.pairs.size(), 15u);  // 5 sentences x 3 pairs
        EXPECT_EQ(split.train.pairs.size(), 45u);
        EXPECT_EQ(ap::unseenSourceShare(split.train, split.heldOut), 1.0);
    }
    // An evaluation set that shares sentences with training says how much.
    ap::Corpus train, eval;
    train.pairs = {c.pairs[0], c.pairs[3]};
    eval.pairs = {c.pairs[1], c.pairs[6], c.pairs[9], c.pairs[4]};
    EXPECT_EQ(ap::unseenSourceShare(train, eval), 0.5);
}

TEST(CorpusSplit, LowercaseFoldsLatinGreekCyrillicAndKeepsCjk) {
    EXPECT_EQ(ap::lowercase("Le Chat ÉTÉ Œuvre Straße"), "le chat été œuvre straße");
    EXPECT_EQ(ap::lowercase("ΑΒΓ ДОМ"), "αβγ дом");
    EXPECT_EQ(ap::lowercase("我有2个"), "我有2个");
    EXPECT_EQ(ap::lowercase(std::string("A\xff"
                                        "B")),
              std::string("a\xff"
                          "b"));
}

TEST(Seq2SeqTraining, HeldOutFiguresComeWithEveryEvaluatedEpoch) {
    ap::Corpus c = tinyCorpus();
    const ap::HoldoutSplit split = ap::splitHoldout(c, 0.25, 3);
    ap::Seq2SeqOptions o = smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1);
    o.epochs = 5;
    ap::TrainerOptions t;
    t.evaluateEvery = 2;
    ap::Seq2SeqTrainer trainer;
    ASSERT_EQ(trainer.start(split.train, o, split.heldOut, t).message, "");
    std::vector<ap::EpochStats> all;
    ap::EpochStats s;
    while (trainer.runEpoch(s)) all.push_back(s);
    ASSERT_EQ(all.size(), 5u);
    EXPECT_FALSE(all[0].evaluated);
    EXPECT_TRUE(all[1].evaluated);
    EXPECT_TRUE(all[4].evaluated);  // the last always is
    EXPECT_TRUE(all[4].hasHeldOut);
    EXPECT_EQ(all[4].heldOut.pairsWithGold, 2);
    const ap::Evaluation direct = ap::evaluate(trainer.model(), split.heldOut);
    EXPECT_DOUBLE_EQ(all[4].heldOut.aer, direct.aer);
    EXPECT_DOUBLE_EQ(all[4].heldOut.bleu, direct.bleu);
}

// -------------------------------------------------------------- model file

TEST(ModelFile, RoundTripKeepsEveryParameterBitForBit) {
    const ap::Corpus corpus = tinyCorpus();
    for (ap::Scoring scoring : kAllScorings) {
        ap::Seq2SeqOptions o = smallOptions(scoring, ap::Normalization::Softmax, 2);
        ap::Seq2SeqModel model;
        ASSERT_EQ(model.initialize(corpus, o).message, "");
        const std::string bytes = ap::modelToBytes(model, true);
        const ap::ModelReadResult r = ap::parseModel(bytes, "m.apmodel");
        ASSERT_TRUE(r.ok) << r.error;
        EXPECT_TRUE(r.value.lowercase);
        EXPECT_EQ(r.value.model.parameters(), model.parameters());
        EXPECT_EQ(r.value.model.sourceVocabulary().size(), model.sourceVocabulary().size());
        EXPECT_EQ(r.value.model.targetVocabulary().token(5), model.targetVocabulary().token(5));
        EXPECT_EQ(r.value.model.translate({"le", "chat", "noir"}).tokens,
                  model.translate({"le", "chat", "noir"}).tokens);
    }
}

TEST(ModelFile, KeepsTheDecodersInitialState) {
    const ap::Corpus corpus = tinyCorpus();
    for (bool fromEncoder : {false, true}) {
        ap::Seq2SeqOptions o = smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1);
        o.initialStateFromEncoder = fromEncoder;
        ap::Seq2SeqModel model;
        ASSERT_EQ(model.initialize(corpus, o).message, "");
        ap::Random rng(5);
        model.parameters() += randomMatrix(model.parameters().size(), 1, rng, 0.3);
        const std::string bytes = ap::modelToBytes(model, false);
        const ap::ModelReadResult r = ap::parseModel(bytes, "m.apmodel");
        ASSERT_TRUE(r.ok) << r.error;
        EXPECT_EQ(r.value.model.options().initialStateFromEncoder, fromEncoder);
        const ap::Translation t = r.value.model.translate({"le", "chat", "noir"});
        const ap::Translation u = model.translate({"le", "chat", "noir"});
        EXPECT_EQ(t.tokens, u.tokens);
        EXPECT_EQ(t.mean.rows(), u.mean.rows());
        // A file of before the option (no key) started from the encoder.
        if (fromEncoder) {
            // Version 1: no CRC at the end.
            std::string legacy = bytes.substr(0, bytes.size() - 4);
            legacy[legacy.find('\n') - 1] = '1';
            const std::string key = ",\"initial_state\":\"encoder\"";
            legacy.erase(legacy.find(key), key.size());
            const ap::ModelReadResult old = ap::parseModel(legacy, "old.apmodel");
            ASSERT_TRUE(old.ok) << old.error;
            EXPECT_TRUE(old.value.model.options().initialStateFromEncoder);
            EXPECT_EQ(old.value.model.translate({"le", "chat", "noir"}).tokens, u.tokens);
            std::string bad = legacy;
            bad.insert(bad.find(",\"scoring\""), ",\"initial_state\":\"sideways\"");
            EXPECT_NE(ap::parseModel(bad, "m.apmodel").error.find("initial_state"), std::string::npos);
        }
    }
}

TEST(ModelFile, DamagedFilesAreRefusedWithAMessage) {
    const ap::Corpus corpus = tinyCorpus();
    ap::Seq2SeqModel model;
    ASSERT_EQ(model.initialize(corpus, smallOptions(ap::Scoring::Additive, ap::Normalization::Softmax, 1)).message, "");
    const std::string good = ap::modelToBytes(model, false);
    auto error = [](const std::string& bytes) { return ap::parseModel(bytes, "m.apmodel").error; };
    EXPECT_NE(error("hello\n").find("m.apmodel: not a model file"), std::string::npos);
    EXPECT_NE(error("attention-playground-seq2seq 3\n{}\n").find("version"), std::string::npos);
    EXPECT_NE(error(good.substr(0, good.size() - 8)).find("expected"), std::string::npos);
    EXPECT_NE(error(good + "x").find("bytes"), std::string::npos);
    // A shape that disagrees with the options is named.
    std::string wrongShape = good;
    // hidden 8, bidirectional: each encoder direction has 4 units, U is 12 x 4.
    const std::size_t at = wrongShape.find("\"name\":\"encoder.U\",\"rows\":12,\"cols\":4");
    ASSERT_NE(at, std::string::npos);
    wrongShape.replace(wrongShape.find("\"cols\":4", at), 8, "\"cols\":5");
    EXPECT_NE(error(wrongShape).find("encoder.U"), std::string::npos);
    std::string wrongCount = good;
    wrongCount.replace(wrongCount.find("\"parameter_count\":"), 18, "\"parameter_count\":1");
    EXPECT_NE(error(wrongCount).find("parameter_count"), std::string::npos);
    // NaN in a version 1 file (no checksum to catch it first).
    std::string nan = good.substr(0, good.size() - 4);
    nan[nan.find('\n') - 1] = '1';
    for (int b = 0; b < 8; ++b) nan[nan.size() - 8 + std::size_t(b)] = b == 7 ? char(0x7F) : b == 6 ? char(0xF8) : 0;
    EXPECT_NE(error(nan).find("not a finite number"), std::string::npos);
}

TEST(ModelFile, AnyFlippedBitIsRefused) {
    const ap::Corpus corpus = tinyCorpus();
    ap::Seq2SeqModel model;
    ASSERT_TRUE(model.initialize(corpus, smallOptions(ap::Scoring::General, ap::Normalization::Softmax, 2)).ok);
    const std::string good = ap::modelToBytes(model, false);
    ASSERT_TRUE(ap::parseModel(good, "m.apmodel").ok);
    // One bit in a parameter's low mantissa (a model that still loads
    // without the CRC), in the header, in the CRC itself.
    // The first letter of the first target token: still a valid header.
    const std::size_t header = good.find("\"target_vocabulary\":[\"") + 22;
    for (std::size_t at : {good.size() - 4 - 8 * 7, header, good.size() - 2}) {
        std::string flipped = good;
        flipped[at] = char(flipped[at] ^ (at == header ? 0x02 : 0x10));
        const ap::ModelReadResult r = ap::parseModel(flipped, "m.apmodel");
        EXPECT_FALSE(r.ok) << at;
        EXPECT_NE(r.error.find("checksum does not match"), std::string::npos) << r.error;
    }
}

TEST(ModelFile, SizesAreCheckedAgainstTheFileBeforeAnythingIsBuilt) {
    const ap::Corpus corpus = tinyCorpus();
    ap::Seq2SeqModel model;
    ASSERT_TRUE(model.initialize(corpus, smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1)).ok);
    const std::string good = ap::modelToBytes(model, false);
    auto error = [](const std::string& bytes) { return ap::parseModel(bytes, "m.apmodel").error; };
    // Widths at the limit: refused by comparing the implied count with the
    // file's size, before a model of 4096 units is built.
    std::string wide = good;
    const std::size_t hidden = wide.find("\"hidden\":") + 9;
    wide.replace(hidden, wide.find(',', hidden) - hidden, "4096");
    const std::size_t embedding = wide.find("\"embedding\":") + 12;
    wide.replace(embedding, wide.find(',', embedding) - embedding, "4096");
    EXPECT_NE(error(wide).find("parameter_count is"), std::string::npos) << error(wide);
    // A number no integer holds is a message, not undefined behaviour.
    std::string huge = good;
    huge.replace(hidden, huge.find(',', hidden) - hidden, "9223372036854775808");
    EXPECT_NE(error(huge).find("options.hidden: not a whole number"), std::string::npos) << error(huge);
    // More tokens than the file has parameters.
    std::string many = good;
    std::string tokens;
    for (int i = 0; i < 20000; ++i) tokens += ",\"w" + std::to_string(i) + "\"";
    many.insert(many.find("\"source_vocabulary\":[") + 21, tokens.substr(1) + ",");
    EXPECT_NE(error(many).find("more tokens than the file has parameters"), std::string::npos) << error(many);
    // A header key no model file has, however large, is refused as it is met.
    std::string extra = good;
    extra.insert(extra.find("\"parameter_count\""), "\"padding\":[0,0,0],");
    EXPECT_NE(error(extra).find("unknown key \"padding\""), std::string::npos) << error(extra);
}

TEST(ModelFile, SourceWordsMatchTheVocabularysCase) {
    ap::Corpus c;
    c.name = "capitalised";
    c.pairs = {makePair("Je suis étudiant", "I am a student", "0-0 1-1 2-3"),
               makePair("Paul est étudiant", "Paul is a student", "0-0 1-1 2-3")};
    ap::Seq2SeqModel model;
    ASSERT_TRUE(model.initialize(c, smallOptions(ap::Scoring::Dot, ap::Normalization::Softmax, 1)).ok);
    // A capitalised corpus, lower-casing off: "je" finds "Je", known words
    // keep their case, unknown ones stay as typed.
    EXPECT_EQ(ap::matchSourceWords(model, false, {"je", "suis", "ÉTUDIANT", "paul", "xyz"}),
              (std::vector<std::string>{"Je", "suis", "étudiant", "Paul", "xyz"}));
    // A model trained on lower-cased pairs gets lower-cased words.
    EXPECT_EQ(ap::matchSourceWords(model, true, {"Je", "SUIS"}), (std::vector<std::string>{"je", "suis"}));
}
