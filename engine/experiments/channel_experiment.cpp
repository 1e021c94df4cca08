#include "experiments/channel_experiment.h"

#include "core/adam.h"
#include "experiments/run_reports.h"
#include "core/random.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace ap {
namespace {

ChannelSnapshot evaluate(const ChannelModel& model, const Eigen::VectorXd& params, const ChannelData& test,
                         ChannelWorkspace& ws) {
    ChannelSnapshot s;
    Eigen::VectorXd p;
    Eigen::MatrixXd excitation;
    model.predict(params.data(), test.pooled, p, excitation, ws);
    const int C = model.channels();
    const Eigen::Index M = test.pooled.cols();
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(C);
    Eigen::VectorXd perClass[2] = {Eigen::VectorXd::Zero(C), Eigen::VectorXd::Zero(C)};
    int classCount[2] = {0, 0};
    int correct = 0;
    double loss = 0.0;
    for (Eigen::Index i = 0; i < M; ++i) {
        const int label = test.y[std::size_t(i)] > 0.5 ? 1 : 0;
        correct += int((p(i) > 0.5) == (label == 1));
        const double q = std::clamp(p(i), 1e-12, 1.0 - 1e-12);
        loss -= label ? std::log(q) : std::log(1.0 - q);
        sum += excitation.col(i);
        perClass[label] += excitation.col(i);
        ++classCount[label];
    }
    s.channelWeights.assign(sum.data(), sum.data() + C);
    for (double& v : s.channelWeights) v /= double(M);
    for (int k = 0; k < 2; ++k) {
        s.classWeights[k].assign(std::size_t(C), 0.0);
        for (int c = 0; c < C && classCount[k] > 0; ++c)
            s.classWeights[k][std::size_t(c)] = perClass[k](c) / classCount[k];
    }
    s.peakChannel = argmax(s.channelWeights);
    s.accuracy = double(correct) / double(M);
    s.testLoss = loss / double(M);
    return s;
}

}  // namespace

ChannelData makeChannelData(int samples, int channels, int informative, Random& random) {
    constexpr int pixels = kChannelImageSide * kChannelImageSide;
    ChannelData d;
    d.pooled.resize(channels, samples);
    d.y.resize(std::size_t(samples));
    for (int s = 0; s < samples; ++s) {
        const int label = random.bit();
        d.y[std::size_t(s)] = label;
        for (int c = 0; c < channels; ++c) {
            double sum = 0.0;
            for (int i = 0; i < pixels; ++i) sum += random.normal();
            // Shifting every pixel of channel K shifts its mean by the same.
            d.pooled(c, s) = sum / pixels + (c == informative ? (label ? 0.5 : -0.5) : 0.0);
        }
    }
    return d;
}

Status validate(const ChannelOptions& o) {
    if (o.channels < 1 || o.channels > 4096) return Status::error("channels must be from 1 to 4096");
    if (o.informative < 0 || o.informative >= o.channels)
        return Status::error("the informative channel must be from 0 to " + std::to_string(o.channels - 1) +
                             " (channels - 1)");
    if (o.samples < 1 || o.samples > 10000000) return Status::error("samples must be from 1 to 10000000");
    if (o.testSamples < 1 || o.testSamples > 1000000) return Status::error("test samples must be from 1 to 1000000");
    if (double(o.samples) * o.channels > 2.0e8) return Status::error("samples x channels must be at most 200000000");
    if (o.epochs < 1 || o.epochs > 10000) return Status::error("epochs must be from 1 to 10000");
    if (o.batch < 1 || o.batch > 65536) return Status::error("the batch size must be from 1 to 65536");
    if (!(o.learningRate > 0.0) || !(o.learningRate <= 10.0))
        return Status::error("the learning rate must be in (0, 10]");
    if (o.snapshotEvery < 0) return Status::error("snapshotEvery must not be negative");
    return Status::success();
}

ChannelSummary runChannelExperiment(const ChannelOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    ChannelSummary summary;
    if (!acceptOptions(options, summary)) return summary;

    Random random(options.seed);
    const ChannelData train = makeChannelData(options.samples, options.channels, options.informative, random);
    const ChannelData test = makeChannelData(options.testSamples, options.channels, options.informative, random);
    const ChannelModel model(options.channels, options.activation);
    const Eigen::Index P = model.parameterCount();
    // Aligned storage, so that vectorised sums add in the same order on every run.
    Eigen::VectorXd params(P), grad(P);
    model.initialize(params.data(), random);
    Adam<double> adam(AdamOptions::keras(options.learningRate), P);
    ChannelWorkspace ws;
    Eigen::MatrixXd batchX;
    std::vector<double> batchY;
    trainInBatches(
        options, random, summary,
        [&](const std::uint32_t* index, int count) {
            batchX.resize(options.channels, count);
            batchY.resize(std::size_t(count));
            for (int i = 0; i < count; ++i) {
                batchX.col(i) = train.pooled.col(index[i]);
                batchY[std::size_t(i)] = train.y[index[i]];
            }
            grad.setZero();
            const double loss =
                model.lossAndGradient(params.data(), batchX, batchY.data(), 1.0 / count, grad.data(), ws);
            adam.step(params, grad);
            return loss;
        },
        [&] { return evaluate(model, params, test, ws); });
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace ap
