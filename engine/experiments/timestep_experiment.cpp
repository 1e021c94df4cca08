#include "experiments/timestep_experiment.h"

#include "core/adam.h"
#include "experiments/run_reports.h"
#include "experiments/helper_thread.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <optional>

namespace ap {
namespace {

constexpr int kChunks = 2;

using Clock = std::chrono::steady_clock;

void gather(const TimestepData& data, const std::uint32_t* index, int count, std::vector<float>& x,
            std::vector<float>& y) {
    const std::size_t width = std::size_t(data.steps) * data.inputDim;
    x.resize(std::size_t(count) * width);
    y.resize(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        std::copy_n(data.x.begin() + std::ptrdiff_t(index[i] * width), width, x.begin() + std::ptrdiff_t(i * width));
        y[std::size_t(i)] = data.y[index[i]];
    }
}

TimestepSnapshot evaluate(const TimestepModel<float>& model, const Eigen::VectorXf& params, const TimestepData& test,
                          TimestepWorkspace<float>& ws) {
    const int T = test.steps, M = test.samples;
    TimestepSnapshot s;
    std::vector<float> p(std::size_t(M), 0.0f);
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> att(M, T);
    model.predict(params.data(), test.x.data(), M, p.data(), att.data(), ws);
    s.sampleAttention = att;
    s.attention.assign(std::size_t(T), 0.0);
    int correct = 0;
    double loss = 0.0;
    s.testLabels.resize(std::size_t(M));
    for (int i = 0; i < M; ++i) {
        const int label = test.y[std::size_t(i)] > 0.5f ? 1 : 0;
        s.testLabels[std::size_t(i)] = label;
        correct += int((p[std::size_t(i)] > 0.5f) == (label == 1));
        const double q = std::clamp(double(p[std::size_t(i)]), 1e-7, 1.0 - 1e-7);
        loss -= label ? std::log(q) : std::log(1.0 - q);
        for (int t = 0; t < T; ++t) s.attention[std::size_t(t)] += att(i, t);
    }
    for (double& a : s.attention) a /= M;
    s.peakStep = argmax(s.attention);
    s.accuracy = double(correct) / M;
    s.testLoss = loss / M;
    return s;
}

}  // namespace

int argmax(const std::vector<double>& values) {
    int best = 0;
    for (int i = 1; i < int(values.size()); ++i)
        if (values[std::size_t(i)] > values[std::size_t(best)]) best = i;
    return best;
}

TimestepData makeTimestepData(int samples, int steps, int inputDim, int informative, Random& random) {
    TimestepData d;
    d.samples = samples;
    d.steps = steps;
    d.inputDim = inputDim;
    d.x.resize(std::size_t(samples) * steps * inputDim);
    for (float& v : d.x) v = float(10.0 * random.normal());
    d.y.resize(std::size_t(samples));
    for (float& v : d.y) v = float(random.bit());
    for (int s = 0; s < samples; ++s)
        for (int k = 0; k < inputDim; ++k)
            d.x[(std::size_t(s) * steps + informative) * inputDim + k] = d.y[std::size_t(s)];
    return d;
}

Status validate(const TimestepOptions& o) {
    if (o.steps < 1 || o.steps > 1000) return Status::error("steps must be from 1 to 1000");
    if (o.informative < 0 || o.informative >= o.steps)
        return Status::error("the informative step must be from 0 to " + std::to_string(o.steps - 1) + " (steps - 1)");
    if (o.inputDim < 1 || o.inputDim > 256) return Status::error("the input dimension must be from 1 to 256");
    if (o.units < 1 || o.units > 1024) return Status::error("units must be from 1 to 1024");
    if (o.samples < 1 || o.samples > 10000000) return Status::error("samples must be from 1 to 10000000");
    if (o.testSamples < 1 || o.testSamples > 1000000) return Status::error("test samples must be from 1 to 1000000");
    if (double(o.samples) * o.steps * o.inputDim > 2.0e8)
        return Status::error("samples x steps x input dimension must be at most 200000000");
    if (o.epochs < 1 || o.epochs > 10000) return Status::error("epochs must be from 1 to 10000");
    if (o.batch < 1 || o.batch > 65536) return Status::error("the batch size must be from 1 to 65536");
    if (!(o.learningRate > 0.0) || !(o.learningRate <= 10.0))
        return Status::error("the learning rate must be in (0, 10]");
    if (o.threads < 1 || o.threads > 64) return Status::error("threads must be from 1 to 64");
    if (o.snapshotEvery < 0) return Status::error("snapshotEvery must not be negative");
    return Status::success();
}

TimestepSummary runTimestepExperiment(const TimestepOptions& options) {
    const auto start = Clock::now();
    TimestepSummary summary;
    if (!acceptOptions(options, summary)) return summary;

    Random random(options.seed);
    const TimestepData train =
        makeTimestepData(options.samples, options.steps, options.inputDim, options.informative, random);
    const TimestepData test =
        makeTimestepData(options.testSamples, options.steps, options.inputDim, options.informative, random);
    const TimestepShape shape{.steps = options.steps,
                              .inputDim = options.inputDim,
                              .units = options.units,
                              .placement = options.placement,
                              .shared = options.sharedAttention};
    const TimestepModel<float> model(shape);
    const Eigen::Index P = model.parameterCount();
    // Eigen's aligned storage: vectorised sums peel a different number of
    // leading entries at a different address alignment, and a seed must
    // give the same bits on every run.
    Eigen::VectorXf params(P);
    model.initialize(params.data(), random);
    Adam<float> adam(AdamOptions::keras(options.learningRate), P);

    std::array<TimestepWorkspace<float>, kChunks> ws;
    std::array<Eigen::VectorXf, kChunks> gradChunk;
    std::array<std::vector<float>, kChunks> xChunk, yChunk;
    std::array<float, kChunks> lossChunk{};
    for (auto& g : gradChunk) g.resize(P);
    Eigen::VectorXf grad(P);
    // The second half of each batch runs on a helper thread when asked for.
    std::optional<HelperThread> helper;
    if (options.threads >= 2) helper.emplace();

    const auto step = [&](const std::uint32_t* index, int count) {
        const std::array<int, kChunks> size{(count + 1) / 2, count / 2};
        const float scale = 1.0f / float(count);  // the batch mean, as Keras' loss
        auto chunk = [&](int c) {
            const std::size_t h = std::size_t(c);
            Eigen::VectorXf& g = gradChunk[h];
            g.setZero();
            lossChunk[h] = 0.0f;
            if (size[h] == 0) return;
            gather(train, index + (c == 0 ? 0 : size[0]), size[h], xChunk[h], yChunk[h]);
            lossChunk[h] = model.lossAndGradient(params.data(), xChunk[h].data(), yChunk[h].data(), size[h], scale,
                                                 g.data(), ws[h]);
        };
        if (helper) {
            helper->runPair([&] { chunk(1); }, [&] { chunk(0); });
        } else {
            chunk(0);
            chunk(1);
        }
        grad = gradChunk[0] + gradChunk[1];
        adam.step(params, grad);
        return double(lossChunk[0]) + double(lossChunk[1]);
    };
    trainInBatches(options, random, summary, step, [&] { return evaluate(model, params, test, ws[0]); });
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}

}  // namespace ap
