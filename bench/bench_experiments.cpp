// One training epoch of the attention experiments, the whole run as the
// command line does it (data, one epoch over 30,000 samples, evaluation on
// the test samples). Compare BM_TimestepEpoch/threads:2 with
// bench/torch_timestep.py --threads 2.
#include "experiments/channel_experiment.h"
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
    state.counters["samples_per_s"] = benchmark::Counter(double(o.samples) * double(state.iterations()),
                                                         benchmark::Counter::kIsRate);
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
BENCHMARK(BM_ChannelRun)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true)->UseRealTime();

BENCHMARK_MAIN();
