// Engine benchmarks. BM_ScaledDotCausal is the configuration that
// bench/torch_attention.py times in PyTorch (no projections), so the two
// medians compare directly:
//   bench_engine --benchmark_filter=ScaledDotCausal --benchmark_repetitions=10
//                --benchmark_report_aggregates_only=true
#include "attention/attention.h"
#include "attention/normalization.h"
#include "random_inputs.h"

#include <benchmark/benchmark.h>

#include <vector>

namespace {

ap::Scene causalScene(int tokens, int width, int heads, ap::Scoring scoring) {
    ap::Scene s;
    s.queries = randomMatrix(tokens, width, 1);
    s.keys = randomMatrix(tokens, width, 2);
    s.values = randomMatrix(tokens, width, 3);
    s.heads = heads;
    s.scoring = scoring;
    s.mask.causal = true;
    return s;
}

// One full computation per iteration into a reused result, as the
// application recomputes after an edit.
void runScene(benchmark::State& state, const ap::Scene& scene) {
    ap::AttentionResult result;
    const ap::AttentionOptions options;
    if (!ap::computeAttention(scene, options, result).ok) {
        state.SkipWithError("invalid scene");
        return;
    }
    for (auto _ : state) {
        benchmark::DoNotOptimize(ap::computeAttention(scene, options, result).ok);
        benchmark::ClobberMemory();
    }
    const auto cells = std::int64_t(scene.heads) * scene.queryCount() * scene.keyCount();
    // Items: attention cells (query, key, head) scored and normalized.
    state.SetItemsProcessed(state.iterations() * cells);
}

void BM_ScaledDotCausal(benchmark::State& state) {
    runScene(state, causalScene(int(state.range(0)), int(state.range(1)), int(state.range(2)), ap::Scoring::ScaledDot));
}
BENCHMARK(BM_ScaledDotCausal)
    ->ArgNames({"tokens", "width", "heads"})
    ->ArgsProduct({{64, 256, 512, 1024, 2048}, {64, 512}, {1, 8}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Bahdanau scoring costs Lq * Lk * da tanh evaluations per head.
void BM_AdditiveCausal(benchmark::State& state) {
    runScene(state, causalScene(int(state.range(0)), int(state.range(1)), int(state.range(2)), ap::Scoring::Additive));
}
BENCHMARK(BM_AdditiveCausal)
    ->ArgNames({"tokens", "width", "heads"})
    ->Args({64, 64, 1})
    ->Args({256, 64, 1})
    ->Args({256, 512, 8})
    ->Args({512, 64, 1})
    ->Args({1024, 64, 8})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The row normalizer alone on an unmasked row of n scores.
void BM_SoftmaxRow(benchmark::State& state) {
    const int n = int(state.range(0));
    const ap::Matrix scores = randomMatrix(1, n, 4);
    std::vector<float> weights(static_cast<std::size_t>(n));
    ap::RowScratch scratch;
    const ap::NormalizationParams params{ap::Normalization::Softmax, 1.0f, 2};
    for (auto _ : state) {
        ap::normalizeRow(params, scores.data(), nullptr, weights.data(), n, scratch);
        benchmark::DoNotOptimize(weights.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * n);
    state.SetBytesProcessed(state.iterations() * n * std::int64_t(2 * sizeof(float)));
}
BENCHMARK(BM_SoftmaxRow)->RangeMultiplier(4)->Range(64, 4096)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
