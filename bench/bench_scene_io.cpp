// Reading and writing speed of the scene and result files, in MB/s of text.
//
//   bench_scene_io                      built-in scene of 512 x 512 queries
//   AP_BENCH_SCENE=big.json bench_scene_io   a file of yours (e.g. the one
//                                       scripts/make_big_scene.py writes)
//
// BM_ReadScene parses text already in memory (the tokenizer and the reader,
// not the disk); BM_ParseTree builds the JSON tree of the same text, as the
// reader did before it streamed; BM_WriteResult streams a result's text to a
// sink that drops it.
#include "attention/attention.h"
#include "core/random.h"
#include "io/json.h"
#include "io/scene_io.h"
#include "io/text_file.h"

#include <benchmark/benchmark.h>

#include <cstdlib>

namespace {

const std::string& sceneText() {
    static const std::string text = [] {
        if (const char* path = std::getenv("AP_BENCH_SCENE")) {
            ap::Result<std::string> file = ap::readTextFile(path, ap::limits::kMaxFileBytes);
            if (!file.ok) {
                std::fprintf(stderr, "%s: %s\n", path, file.error.c_str());
                std::exit(2);
            }
            return file.value;
        }
        ap::Scene s;
        ap::Random random(1);
        s.queries.resize(512, 512);
        s.keys.resize(16, 512);
        for (ap::Matrix* m : {&s.queries, &s.keys})
            for (Eigen::Index i = 0; i < m->size(); ++i) m->data()[i] = float(int(random.below(22)) - 9) / 10.0f;
        return ap::sceneToJson(s);
    }();
    return text;
}

void BM_ReadScene(benchmark::State& state) {
    const std::string& text = sceneText();
    for (auto _ : state) {
        ap::SceneReadResult r = ap::parseScene(text, "bench.json");
        if (!r.ok) state.SkipWithError(r.error.c_str());
        benchmark::DoNotOptimize(r.value.queries.data());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(text.size()));
}
BENCHMARK(BM_ReadScene)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ParseTree(benchmark::State& state) {
    const std::string& text = sceneText();
    for (auto _ : state) {
        ap::json::ParseResult r = ap::json::parse(text, ap::limits::kMaxJsonDepth);
        benchmark::DoNotOptimize(r.status.ok);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(text.size()));
}
BENCHMARK(BM_ParseTree)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_WriteResult(benchmark::State& state) {
    const ap::SceneReadResult read = ap::parseScene(sceneText(), "bench.json");
    ap::AttentionResult result;
    if (!ap::computeAttention(read.value, {}, result).ok) {
        state.SkipWithError("the bench scene does not compute");
        return;
    }
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const ap::Status s = ap::writeResult(result, {}, [&](std::string_view chunk) {
            bytes += std::int64_t(chunk.size());
            return true;
        });
        benchmark::DoNotOptimize(s.ok);
    }
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_WriteResult)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
