// One training epoch of the attention experiments, the whole run as the
// command line does it (data, one epoch over 30,000 samples, evaluation on
// the test samples). Compare BM_TimestepEpoch/threads:2 with
// bench/torch_timestep.py --threads 2; BM_SpatialBatch is one mini-batch
// of 64 distorted digits through both spatial models, forward and backward.
#include "experiments/channel_experiment.h"
#include "core/random.h"
#include "experiments/digit_data.h"
#include "experiments/spatial_model.h"
#include "experiments/timestep_experiment.h"

#include <benchmark/benchmark.h>

static void BM_TimestepEpoch(benchmark::State& state) {
    ap::TimestepOptions o;
    o.threads = int(state.range(0));
    o.placement = state.range(1) ? ap::AttentionPlacement::BeforeLstm : ap::AttentionPlacement::AfterLstm;
    for (auto _ : state) {
        const ap::TimestepSummary s = ap::runTimestepExperiment(o);
        benchmark::DoNotOptimize(s.final.accuracy);
    }
    state.counters["samples_per_s"] =
        benchmark::Counter(double(o.samples) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TimestepEpoch)
    ->ArgNames({"threads", "before"})
    ->Args({2, 0})
    ->Args({1, 0})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

static void BM_ChannelRun(benchmark::State& state) {
    ap::ChannelOptions o;  // 20,000 images, 2 epochs
    for (auto _ : state) {
        const ap::ChannelSummary s = ap::runChannelExperiment(o);
        benchmark::DoNotOptimize(s.final.accuracy);
    }
}
BENCHMARK(BM_ChannelRun)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

// One batch of 64 digits, forward and backward, for the transformer network
// (range 1) or the baseline (0), on one thread.
static void BM_SpatialBatch(benchmark::State& state) {
    ap::SpatialShape shape;
    shape.transformer = state.range(0) != 0;
    const ap::SpatialNet<float> net(shape);
    ap::Random random(1);
    Eigen::VectorXf params(net.parameterCount()), grad(net.parameterCount());
    net.initialize(params.data(), random);
    const ap::DigitSet digits = ap::makeDigits(64, ap::Distortion::All, random);
    std::vector<float> images(digits.images.begin(), digits.images.end());
    for (float& v : images) v /= 255.0f;
    ap::SpatialWorkspace<float> ws;
    for (auto _ : state) {
        grad.setZero();
        benchmark::DoNotOptimize(
            net.lossAndGradient(params.data(), images.data(), digits.labels.data(), 64, 1.0f / 64, grad.data(), ws));
    }
    state.counters["samples_per_s"] =
        benchmark::Counter(64.0 * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SpatialBatch)
    ->ArgName("transformer")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

BENCHMARK_MAIN();
