// The attention experiments: hand-written gradients against central finite
// differences, the data generators, seeded determinism, cancellation, and
// short training runs that must find the informative step or channel.
#include "core/adam.h"
#include "experiments/channel_experiment.h"
#include "experiments/lstm.h"
#include "core/random.h"
#include "experiments/time_attention.h"
#include "experiments/timestep_experiment.h"
#include "experiments/timestep_model.h"
#include "gradient_check.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

VectorXd randomVector(Index n, double scale, ap::Random& r) {
    VectorXd v(n);
    ap::fillNormal(v, r, scale);
    return v;
}

MatrixXd randomMatrix(Index rows, Index cols, double scale, ap::Random& r) {
    MatrixXd m(rows, cols);
    ap::fillNormal(m, r, scale);
    return m;
}

// ------------------------------------------------------------------- LSTM

// A scalar loss of the states: sum of states * R for a fixed random R,
// so that every state gets a different upstream gradient.
void checkLstm(const VectorXd& params, const MatrixXd& x, int batch, int units, const std::string& what) {
    const ap::BatchedLstm<double> lstm(int(x.rows()), units);
    ap::Random r(99);
    const MatrixXd R = randomMatrix(units, x.cols(), 1.0, r);
    const Index P = lstm.parameterCount();
    VectorXd all(P + x.size());
    all << params, x.reshaped();
    auto f = [&](const VectorXd& v) {
        ap::LstmCache<double> cache;
        MatrixXd states;
        lstm.forward(v.data(), v.tail(x.size()).reshaped(x.rows(), x.cols()), batch, states, cache);
        return states.cwiseProduct(R).sum();
    };
    ap::LstmCache<double> cache;
    MatrixXd states, dX;
    lstm.forward(params.data(), x, batch, states, cache);
    VectorXd grad = VectorXd::Zero(P + x.size());
    lstm.backward(params.data(), states, R, batch, cache, grad.data(), &dX);
    grad.tail(x.size()) = dX.reshaped();
    expectGradient(f, all, grad,
                   {{"Wx", lstm.offsetWx(), lstm.offsetWh() - lstm.offsetWx()},
                    {"Wh", lstm.offsetWh(), lstm.offsetB() - lstm.offsetWh()},
                    {"b", lstm.offsetB(), P - lstm.offsetB()},
                    {"x", P, x.size()}},
                   what);
}

TEST(LstmGradient, RandomPoints) {
    ap::Random r(1);
    for (int trial = 0; trial < 3; ++trial) {
        const int D = 3, U = 4, T = 5, B = 3;
        const ap::BatchedLstm<double> lstm(D, U);
        checkLstm(randomVector(lstm.parameterCount(), 0.5, r), randomMatrix(D, T * B, 1.0, r), B, U,
                  "random point " + std::to_string(trial));
    }
}

TEST(LstmGradient, SpecialPoints) {
    ap::Random r(2);
    const int D = 2, U = 3, T = 4, B = 2;
    const ap::BatchedLstm<double> lstm(D, U);
    // All parameters zero: every gate is 1/2, the candidate 0.
    checkLstm(VectorXd::Zero(lstm.parameterCount()), randomMatrix(D, T * B, 1.0, r), B, U, "zero parameters");
    // Zero inputs, one step: only the biases act, h_0 = c_0 = 0.
    checkLstm(randomVector(lstm.parameterCount(), 0.5, r), MatrixXd::Zero(D, 1 * B), B, U, "one step, zero input");
    // Inputs of N(0, 10^2) as in the experiment: saturated gates.
    checkLstm(randomVector(lstm.parameterCount(), 0.5, r), randomMatrix(D, T * B, 10.0, r), B, U, "saturated gates");
}

// -------------------------------------------------------- time attention

void checkAttention(int T, int groups, int samples, bool shared, double inputScale, const VectorXd& params,
                    const std::string& what) {
    const ap::TimeAttention<double> att(T, groups, shared);
    ap::Random r(7);
    const MatrixXd s = randomMatrix(T, groups * samples, inputScale, r);
    const MatrixXd R = randomMatrix(T, groups * samples, 1.0, r);
    const Index P = att.parameterCount();
    VectorXd all(P + s.size());
    all << params, s.reshaped();
    auto f = [&](const VectorXd& v) {
        ap::TimeAttentionCache<double> cache;
        MatrixXd out;
        att.forward(v.data(), v.tail(s.size()).reshaped(s.rows(), s.cols()), out, cache);
        return out.cwiseProduct(R).sum();
    };
    ap::TimeAttentionCache<double> cache;
    MatrixXd out, dS;
    att.forward(params.data(), s, out, cache);
    VectorXd grad = VectorXd::Zero(all.size());
    att.backward(params.data(), R, cache, grad.data(), dS);
    grad.tail(s.size()) = dS.reshaped();
    expectGradient(f, all, grad, {{"W", 0, Index(T) * T}, {"b", Index(T) * T, T}, {"series", P, s.size()}}, what);
}

TEST(TimeAttentionGradient, PerSeriesAndShared) {
    ap::Random r(3);
    for (bool shared : {false, true}) {
        const int T = 5;
        checkAttention(T, 3, 2, shared, 1.0, randomVector(Index(T) * (T + 1), 0.5, r),
                       shared ? "shared, random" : "per series, random");
        // W = 0, b = 0: uniform weights 1/T, the softmax Jacobian at its centre.
        checkAttention(T, 3, 2, shared, 1.0, VectorXd::Zero(Index(T) * (T + 1)),
                       shared ? "shared, uniform" : "per series, uniform");
        // Large scores: weights near one-hot.
        checkAttention(T, 2, 2, shared, 10.0, randomVector(Index(T) * (T + 1), 1.0, r),
                       shared ? "shared, peaked" : "per series, peaked");
    }
}

TEST(TimeAttention, WeightsSumToOneAndSharedRepeatsTheMean) {
    ap::Random r(4);
    const int T = 6, G = 4, B = 3;
    const VectorXd params = randomVector(Index(T) * (T + 1), 1.0, r);
    const MatrixXd s = randomMatrix(T, G * B, 3.0, r);
    for (bool shared : {false, true}) {
        const ap::TimeAttention<double> att(T, G, shared);
        ap::TimeAttentionCache<double> cache;
        MatrixXd out;
        att.forward(params.data(), s, out, cache);
        for (Index c = 0; c < s.cols(); ++c) {
            EXPECT_NEAR(cache.weights.col(c).sum(), 1.0, 1e-12);
            EXPECT_NEAR(cache.applied.col(c).sum(), 1.0, 1e-12);
            EXPECT_GE(cache.applied.col(c).minCoeff(), 0.0);
        }
        EXPECT_TRUE(out.isApprox(s.cwiseProduct(cache.applied)));
        if (shared)
            for (int b = 0; b < B; ++b) {
                const VectorXd mean = cache.weights.middleCols(b * G, G).rowwise().mean();
                for (int g = 0; g < G; ++g) EXPECT_TRUE(cache.applied.col(b * G + g).isApprox(mean));
            }
    }
}

// ------------------------------------------------------- the whole model

void checkModel(const ap::TimestepShape& shape, bool zeroParams, const std::string& what) {
    const ap::TimestepModel<double> model(shape);
    ap::Random r(5);
    const int B = 3;
    VectorXd params(model.parameterCount());
    model.initialize(params.data(), r);
    if (zeroParams)
        params.setZero();
    else
        params += randomVector(params.size(), 0.1, r);  // biases away from their initial zeros
    std::vector<double> x(std::size_t(B) * shape.steps * shape.inputDim);
    for (double& v : x) v = r.normal();
    const std::vector<double> y = {1.0, 0.0, 1.0};
    ap::TimestepWorkspace<double> ws;
    auto f = [&](const VectorXd& v) {
        VectorXd scratch = VectorXd::Zero(v.size());
        return model.lossAndGradient(v.data(), x.data(), y.data(), B, 1.0, scratch.data(), ws);
    };
    VectorXd grad = VectorXd::Zero(params.size());
    model.lossAndGradient(params.data(), x.data(), y.data(), B, 1.0, grad.data(), ws);
    const ap::BatchedLstm<double> lstm(shape.inputDim, shape.units);
    const Index a = model.offsetAttention(), o = model.offsetOutput(), T = shape.steps;
    expectGradient(f, params, grad,
                   {{"LSTM Wx", lstm.offsetWx(), lstm.offsetWh()},
                    {"LSTM Wh", lstm.offsetWh(), lstm.offsetB() - lstm.offsetWh()},
                    {"LSTM b", lstm.offsetB(), a - lstm.offsetB()},
                    {"attention W", a, T * T},
                    {"attention b", a + T * T, T},
                    {"output w", o, model.outputWeights()},
                    {"output b", o + model.outputWeights(), 1}},
                   what);
}

TEST(TimestepModelGradient, EveryParameterBlockForEveryVariant) {
    for (auto placement : {ap::AttentionPlacement::AfterLstm, ap::AttentionPlacement::BeforeLstm})
        for (bool shared : {false, true}) {
            ap::TimestepShape shape;
            shape.steps = 4;
            shape.inputDim = 3;
            shape.units = 5;
            shape.placement = placement;
            shape.shared = shared;
            const std::string what = std::string(placement == ap::AttentionPlacement::AfterLstm ? "after" : "before") +
                                     (shared ? ", shared" : ", per series");
            checkModel(shape, false, what + ", random point");
            checkModel(shape, true, what + ", zero parameters");
        }
}

TEST(TimestepModel, FloatAndDoubleAgree) {
    ap::TimestepShape shape;
    shape.steps = 5;
    shape.units = 6;
    const ap::TimestepModel<double> md(shape);
    const ap::TimestepModel<float> mf(shape);
    ap::Random r(6);
    std::vector<double> pd(std::size_t(md.parameterCount()));
    md.initialize(pd.data(), r);
    const std::vector<float> pf(pd.begin(), pd.end());
    std::vector<double> xd(std::size_t(4 * 5 * 2));
    for (double& v : xd) v = r.normal();
    const std::vector<float> xf(xd.begin(), xd.end());
    std::vector<double> prd(4), ad(20);
    std::vector<float> prf(4), af(20);
    ap::TimestepWorkspace<double> wd;
    ap::TimestepWorkspace<float> wf;
    md.predict(pd.data(), xd.data(), 4, prd.data(), ad.data(), wd);
    mf.predict(pf.data(), xf.data(), 4, prf.data(), af.data(), wf);
    for (int i = 0; i < 4; ++i) EXPECT_NEAR(prd[std::size_t(i)], prf[std::size_t(i)], 1e-5);
    for (int i = 0; i < 20; ++i) EXPECT_NEAR(ad[std::size_t(i)], af[std::size_t(i)], 1e-5);
}

// ------------------------------------------------------ channel attention

void checkChannel(ap::ExcitationActivation act, const VectorXd& params, const MatrixXd& pooled,
                  const std::string& what) {
    const ap::ChannelModel model(int(pooled.rows()), act);
    std::vector<double> y(std::size_t(pooled.cols()));
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = double(i % 2);
    ap::ChannelWorkspace ws;
    auto f = [&](const VectorXd& v) {
        VectorXd scratch = VectorXd::Zero(v.size());
        return model.lossAndGradient(v.data(), pooled, y.data(), 1.0, scratch.data(), ws);
    };
    VectorXd grad = VectorXd::Zero(params.size());
    model.lossAndGradient(params.data(), pooled, y.data(), 1.0, grad.data(), ws);
    expectGradient(f, params, grad,
                   {{"FC1 W", model.offsetW1(), model.offsetB1() - model.offsetW1()},
                    {"FC1 b", model.offsetB1(), model.offsetW2() - model.offsetB1()},
                    {"FC2 W", model.offsetW2(), model.offsetB2() - model.offsetW2()},
                    {"FC2 b", model.offsetB2(), model.offsetOut() - model.offsetB2()},
                    {"output w", model.offsetOut(), model.channels()},
                    {"output b", model.offsetOut() + model.channels(), 1}},
                   what);
}

TEST(ChannelModelGradient, EveryActivationAtRandomAndSpecialPoints) {
    for (auto act : {ap::ExcitationActivation::HardSigmoid, ap::ExcitationActivation::HardSwish,
                     ap::ExcitationActivation::Sigmoid}) {
        ap::Random r(8);
        const int C = 8;
        const ap::ChannelModel model(C, act);
        const std::string name = ap::toString(act);
        for (int trial = 0; trial < 3; ++trial) {
            // Pre-activations of order 1: inside the linear part of relu6 and
            // of the hard activations (kinks are hit with probability 0).
            checkChannel(act, randomVector(model.parameterCount(), 0.7, r), randomMatrix(C, 5, 1.0, r),
                         name + ", random point " + std::to_string(trial));
        }
        // The flat and saturated regions of each activation (kinks
        // themselves have no derivative for differences to check).
        VectorXd special = randomVector(model.parameterCount(), 0.7, r);
        special.segment(model.offsetB2(), C).setConstant(5.0);  // beyond +3: hard activations saturated or linear
        checkChannel(act, special, randomMatrix(C, 5, 0.1, r), name + ", excitation beyond +3");
        special.segment(model.offsetB2(), C).setConstant(-5.0);  // beyond -3: flat, zero gradient
        checkChannel(act, special, randomMatrix(C, 5, 0.1, r), name + ", excitation below -3");
        special.segment(model.offsetB1(), model.reduced()).setConstant(8.0);  // relu6 saturated at 6
        checkChannel(act, special, randomMatrix(C, 5, 0.1, r), name + ", relu6 saturated");
    }
}

TEST(ChannelModel, ActivationsMatchTheirDefinitions) {
    const ap::ChannelModel hs(4, ap::ExcitationActivation::HardSigmoid);
    const ap::ChannelModel hw(4, ap::ExcitationActivation::HardSwish);
    const ap::ChannelModel sg(4, ap::ExcitationActivation::Sigmoid);
    EXPECT_DOUBLE_EQ(hs.activate(0.0), 0.5);
    EXPECT_DOUBLE_EQ(hs.activate(-4.0), 0.0);
    EXPECT_DOUBLE_EQ(hs.activate(4.0), 1.0);
    EXPECT_DOUBLE_EQ(hs.activate(1.5), 0.75);
    EXPECT_DOUBLE_EQ(hw.activate(1.5), 1.5 * 0.75);
    EXPECT_DOUBLE_EQ(hw.activate(4.0), 4.0);
    EXPECT_DOUBLE_EQ(hw.activate(-4.0), 0.0);
    EXPECT_DOUBLE_EQ(sg.activate(0.0), 0.5);
    EXPECT_TRUE(ap::excitationFromString("hard_swish") == ap::ExcitationActivation::HardSwish);
    EXPECT_FALSE(ap::excitationFromString("relu").has_value());
    EXPECT_EQ(hs.reduced(), 1);
    EXPECT_EQ(ap::ChannelModel(16, ap::ExcitationActivation::Sigmoid).reduced(), 4);
}

// ------------------------------------------------------------------ data

TEST(TimestepData, InformativeStepHoldsTheLabelAndTheRestIsNoiseOfScaleTen) {
    ap::Random r(9);
    const int n = 4000, T = 6, D = 3, K = 4;
    const ap::TimestepData d = ap::makeTimestepData(n, T, D, K, r);
    double sum = 0.0, sumSq = 0.0;
    int ones = 0, count = 0;
    for (int s = 0; s < n; ++s) {
        const float y = d.y[std::size_t(s)];
        ASSERT_TRUE(y == 0.0f || y == 1.0f);
        ones += int(y);
        for (int t = 0; t < T; ++t)
            for (int k = 0; k < D; ++k) {
                const float v = d.x[(std::size_t(s) * T + t) * D + k];
                if (t == K) {
                    EXPECT_EQ(v, y);
                } else {
                    sum += v;
                    sumSq += double(v) * v;
                    ++count;
                }
            }
    }
    EXPECT_NEAR(sum / count, 0.0, 0.2);
    EXPECT_NEAR(std::sqrt(sumSq / count), 10.0, 0.2);
    EXPECT_NEAR(double(ones) / n, 0.5, 0.03);
}

TEST(ChannelData, InformativeChannelIsShiftedByTheLabel) {
    ap::Random r(10);
    const int n = 4000, C = 6, K = 1;
    const ap::ChannelData d = ap::makeChannelData(n, C, K, r);
    double shifted[2] = {0, 0}, other = 0.0, otherSq = 0.0;
    int counts[2] = {0, 0};
    for (int s = 0; s < n; ++s) {
        const int y = int(d.y[std::size_t(s)]);
        shifted[y] += d.pooled(K, s);
        ++counts[y];
        other += d.pooled(0, s);
        otherSq += d.pooled(0, s) * d.pooled(0, s);
    }
    EXPECT_NEAR(shifted[1] / counts[1], 0.5, 0.02);
    EXPECT_NEAR(shifted[0] / counts[0], -0.5, 0.02);
    EXPECT_NEAR(other / n, 0.0, 0.02);
    EXPECT_NEAR(std::sqrt(otherSq / n), 1.0 / 8.0, 0.01);  // the mean of 64 N(0, 1) pixels
}

// ------------------------------------------------------ training runs

ap::TimestepOptions smallTimestep() {
    ap::TimestepOptions o;
    o.samples = 3000;
    o.testSamples = 200;
    o.units = 16;
    return o;
}

TEST(TimestepExperiment, SameSeedSameRunWithOneOrTwoThreads) {
    ap::TimestepOptions o = smallTimestep();
    o.samples = 600;
    o.seed = 42;
    const ap::TimestepSummary a = ap::runTimestepExperiment(o);
    const ap::TimestepSummary b = ap::runTimestepExperiment(o);
    o.threads = 1;
    const ap::TimestepSummary c = ap::runTimestepExperiment(o);
    o.threads = 2;
    o.seed = 43;
    const ap::TimestepSummary d = ap::runTimestepExperiment(o);
    ASSERT_TRUE(a.status.ok && b.status.ok && c.status.ok && d.status.ok);
    EXPECT_EQ(a.loss, b.loss);
    EXPECT_EQ(a.final.attention, b.final.attention);
    EXPECT_EQ(a.loss, c.loss);
    EXPECT_EQ(a.final.attention, c.final.attention);
    EXPECT_TRUE(a.final.sampleAttention == c.final.sampleAttention);
    EXPECT_NE(a.loss, d.loss);
}

TEST(TimestepExperiment, AttentionSumsToOne) {
    for (bool shared : {false, true})
        for (auto placement : {ap::AttentionPlacement::AfterLstm, ap::AttentionPlacement::BeforeLstm}) {
            ap::TimestepOptions o = smallTimestep();
            o.samples = 300;
            o.sharedAttention = shared;
            o.placement = placement;
            const ap::TimestepSummary s = ap::runTimestepExperiment(o);
            ASSERT_TRUE(s.status.ok);
            ASSERT_EQ(int(s.final.attention.size()), o.steps);
            EXPECT_NEAR(std::accumulate(s.final.attention.begin(), s.final.attention.end(), 0.0), 1.0, 1e-5);
            ASSERT_EQ(s.final.sampleAttention.rows(), o.testSamples);
            ASSERT_EQ(s.final.sampleAttention.cols(), o.steps);
            for (Index i = 0; i < s.final.sampleAttention.rows(); ++i)
                EXPECT_NEAR(s.final.sampleAttention.row(i).sum(), 1.0f, 1e-5f);
        }
}

TEST(TimestepExperiment, ShortRunPeaksAtTheInformativeStep) {
    for (const auto& [T, K] : {std::pair{10, 2}, std::pair{6, 4}}) {
        // A tenth of the default data: a larger step makes up for it.
        ap::TimestepOptions o = smallTimestep();
        o.learningRate = 1e-2;
        o.epochs = 2;
        o.steps = T;
        o.informative = K;
        const ap::TimestepSummary s = ap::runTimestepExperiment(o);
        ASSERT_TRUE(s.status.ok);
        EXPECT_EQ(s.final.peakStep, K) << "T = " << T;
        EXPECT_GE(s.final.attention[std::size_t(K)], 0.4) << "T = " << T;
        EXPECT_GT(s.final.accuracy, 0.95) << "T = " << T;
    }
}

TEST(TimestepExperiment, CallbacksAndCancel) {
    ap::TimestepOptions o = smallTimestep();
    o.samples = 640;
    o.batch = 64;
    o.snapshotEvery = 3;
    std::atomic<bool> cancel{false};
    int batches = 0, snapshots = 0, epochs = 0;
    o.cancel = &cancel;
    o.onBatch = [&](const ap::ExperimentProgress& p) {
        ++batches;
        EXPECT_EQ(p.batchesPerEpoch, 10);
        if (p.batch == 7) cancel = true;
    };
    o.onSnapshot = [&](const ap::TimestepSnapshot& s) {
        ++snapshots;
        EXPECT_EQ(s.batch % 3, 0);
    };
    o.onEpoch = [&](const ap::TimestepSnapshot&) { ++epochs; };
    const ap::TimestepSummary s = ap::runTimestepExperiment(o);
    EXPECT_TRUE(s.status.cancelled);
    EXPECT_EQ(s.status.message, "cancelled");
    EXPECT_EQ(batches, 7);
    EXPECT_EQ(snapshots, 2);
    EXPECT_EQ(epochs, 0);
    EXPECT_EQ(s.epochsRun, 0);
    EXPECT_EQ(int(s.final.attention.size()), o.steps);
}

TEST(TimestepExperiment, RefusesBadOptions) {
    ap::TimestepOptions o;
    o.informative = 10;
    EXPECT_EQ(ap::validate(o).message, "the informative step must be from 0 to 9 (steps - 1)");
    const ap::TimestepSummary s = ap::runTimestepExperiment(o);
    EXPECT_FALSE(s.status.ok);
    EXPECT_FALSE(s.status.cancelled);
    EXPECT_FALSE(s.status.message.empty());
    o = {};
    o.learningRate = std::nan("");
    EXPECT_FALSE(ap::validate(o).ok);
    o = {};
    o.units = 0;
    EXPECT_FALSE(ap::validate(o).ok);
}

TEST(ChannelExperiment, PeaksAtTheInformativeChannel) {
    // The bounded excitations (weights in 0..1) peak at K wherever K is.
    for (auto act : {ap::ExcitationActivation::HardSigmoid, ap::ExcitationActivation::Sigmoid})
        for (int K : {0, 5, 15}) {
            ap::ChannelOptions o;
            o.informative = K;
            o.activation = act;
            const ap::ChannelSummary s = ap::runChannelExperiment(o);
            ASSERT_TRUE(s.status.ok);
            EXPECT_EQ(s.final.peakChannel, K) << ap::toString(act);
            EXPECT_GE(s.final.accuracy, 0.95) << ap::toString(act);
            ASSERT_EQ(int(s.final.channelWeights.size()), o.channels);
            ASSERT_EQ(int(s.final.classWeights[1].size()), o.channels);
        }
}

TEST(ChannelExperiment, HardSwishLearnsTheTask) {
    // Hard-swish is unbounded above, so the excitation of a noise channel
    // can grow while its output weight shrinks: the accuracy is reached for
    // every K, the peak at K is not guaranteed (docs/experiments.md).
    for (int K : {0, 5, 15}) {
        ap::ChannelOptions o;
        o.informative = K;
        o.activation = ap::ExcitationActivation::HardSwish;
        const ap::ChannelSummary s = ap::runChannelExperiment(o);
        ASSERT_TRUE(s.status.ok);
        EXPECT_GE(s.final.accuracy, 0.95) << K;
    }
}

TEST(ChannelExperiment, SameSeedSameRunAndCancel) {
    ap::ChannelOptions o;
    o.samples = 2000;
    o.seed = 5;
    const ap::ChannelSummary a = ap::runChannelExperiment(o);
    const ap::ChannelSummary b = ap::runChannelExperiment(o);
    EXPECT_EQ(a.final.channelWeights, b.final.channelWeights);
    EXPECT_EQ(a.loss, b.loss);
    std::atomic<bool> cancel{true};
    o.cancel = &cancel;
    const ap::ChannelSummary c = ap::runChannelExperiment(o);
    EXPECT_TRUE(c.status.cancelled);
    EXPECT_EQ(c.epochsRun, 0);
    o = {};
    o.informative = 16;
    EXPECT_EQ(ap::validate(o).message, "the informative channel must be from 0 to 15 (channels - 1)");
}

}  // namespace

// Two steps of each Adam variant against Kingma & Ba's Algorithm 1 written
// out by hand: the paper's (epsilon added to sqrt(v_hat)) and Keras'
// (corrections folded into the step, epsilon hat added to sqrt(v)).
TEST(Adam, BothVariantsFollowTheAlgorithm) {
    for (bool epsilonHat : {false, true}) {
        ap::AdamOptions o;
        o.learningRate = 0.1;
        o.epsilon = 1e-3;
        o.epsilonHat = epsilonHat;
        o.clipNorm = 0.0;
        ap::Adam<double> adam(o, 2);
        VectorXd p(2), g(2);
        p << 1.0, -2.0;
        double m[2] = {0, 0}, v[2] = {0, 0}, expected[2] = {1.0, -2.0};
        const double grads[2][2] = {{0.5, -4.0}, {-1.0, 2.0}};
        for (int t = 1; t <= 2; ++t) {
            g << grads[t - 1][0], grads[t - 1][1];
            ASSERT_TRUE(adam.step(p, g));
            const double c1 = 1.0 - std::pow(0.9, t), c2 = 1.0 - std::pow(0.999, t);
            for (int i = 0; i < 2; ++i) {
                m[i] = 0.9 * m[i] + 0.1 * grads[t - 1][i];
                v[i] = 0.999 * v[i] + 0.001 * grads[t - 1][i] * grads[t - 1][i];
                expected[i] -= epsilonHat ? 0.1 * std::sqrt(c2) / c1 * m[i] / (std::sqrt(v[i]) + 1e-3)
                                          : 0.1 * (m[i] / c1) / (std::sqrt(v[i] / c2) + 1e-3);
                EXPECT_NEAR(p(i), expected[i], 1e-12) << "step " << t << ", epsilon hat " << epsilonHat;
            }
        }
    }
}

TEST(Adam, ClipsTheGradientAndSkipsOneThatIsNotFinite) {
    ap::AdamOptions o;
    o.clipNorm = 1.0;
    ap::Adam<double> adam(o, 2);
    VectorXd p = VectorXd::Zero(2), g(2);
    g << 3.0, 4.0;
    ASSERT_TRUE(adam.step(p, g));
    EXPECT_NEAR(g.norm(), 1.0, 1e-15);
    g << std::nan(""), 1.0;
    const VectorXd before = p;
    EXPECT_FALSE(adam.step(p, g));
    EXPECT_EQ(p, before);
    EXPECT_EQ(adam.steps(), 1);
}

// Fisher-Yates over every permutation of three items: each of the six comes
// up about equally often, and a seed repeats its order.
TEST(Random, ShuffleIsUniformAndRepeatable) {
    ap::Random random(17);
    std::vector<int> counts(6, 0);
    const int runs = 60000;
    for (int r = 0; r < runs; ++r) {
        std::vector<int> v{0, 1, 2};
        ap::shuffle(v, random);
        ++counts[std::size_t(v[0] * 2 + (v[1] > v[2] ? 1 : 0))];
    }
    for (int c : counts) EXPECT_NEAR(double(c) / runs, 1.0 / 6.0, 0.01);
    std::vector<int> a(50), b(50);
    std::iota(a.begin(), a.end(), 0);
    std::iota(b.begin(), b.end(), 0);
    ap::Random ra(5), rb(5);
    ap::shuffle(a, ra);
    ap::shuffle(b, rb);
    EXPECT_EQ(a, b);
    ap::SplitMix64 s(3);
    ap::shuffle(b, s);
    EXPECT_NE(a, b);
}
