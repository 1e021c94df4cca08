// Tokenizers on real vocabularies: loading a checkpoint's tokenizer (GPT-2
// 50k, Llama 2 32k, Llama 3 128k with 280k merges, Qwen 3 151k, BERT 30k),
// the memory the loaded tokenizer holds, and encoding speed on mixed text.
// The vocabularies are the ones the reference test's fixture writes into the
// build tree: run `ctest -R tokenizer_reference_data` first.
#include "tokenizer/tokenizer.h"

#include <benchmark/benchmark.h>

#include <malloc.h>

#include <string>

namespace {

const std::string kDir = AP_TOKENIZER_REFERENCE_DIR;

// Heap in use, in MiB (glibc's count of allocated bytes: unlike the
// resident size it does not depend on what earlier runs left free).
double heapMiB() {
    const struct mallinfo2 m = mallinfo2();
    return double(m.uordblks + m.hblkhd) / (1024.0 * 1024.0);
}

std::string sampleText() {
    std::string s =
        "Attention is all you need. The dominant sequence transduction models are based on complex recurrent "
        "or convolutional neural networks that include an encoder and a decoder. 深度学习是机器学习的分支。 "
        "def attention(q, k, v):\n    return softmax(q @ k.T / sqrt(d)) @ v\n Prices rose 12.5% in 2023; "
        "see https://example.com/report?id=42 for details. Ça va? Привет, мир! 😀👍🏽\n";
    std::string out;
    while (out.size() < 8192) out += s;
    return out;
}

void BM_Load(benchmark::State& state, const std::string& name) {
    double rss = 0;  // what the loaded tokenizer holds
    for (auto _ : state) {
        const double before = heapMiB();
        auto t = ap::tokenizer::Tokenizer::load(kDir + "/" + name);
        if (!t.ok) {
            state.SkipWithError(t.error.c_str());
            return;
        }
        rss = heapMiB() - before;
        benchmark::DoNotOptimize(t.value.vocabSize());
    }
    state.counters["held_MiB"] = rss;
}

void BM_Encode(benchmark::State& state, const std::string& name) {
    auto t = ap::tokenizer::Tokenizer::load(kDir + "/" + name);
    if (!t.ok) {
        state.SkipWithError(t.error.c_str());
        return;
    }
    const std::string text = sampleText();
    std::size_t tokens = 0;
    for (auto _ : state) {
        auto e = t.value.encode(text);
        tokens = e.value.ids.size();
        benchmark::DoNotOptimize(e.value.ids.data());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(text.size()));
    state.counters["tokens"] = double(tokens);
    state.counters["tokens_per_s"] = benchmark::Counter(double(tokens), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK_CAPTURE(BM_Load, gpt2, std::string("gpt2"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Load, llama2, std::string("llama2"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Load, llama3, std::string("llama3"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Load, qwen3, std::string("qwen3"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Load, bert, std::string("bert"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Encode, gpt2, std::string("gpt2"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Encode, llama2, std::string("llama2"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Encode, llama3, std::string("llama3"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Encode, qwen3, std::string("qwen3"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Encode, bert, std::string("bert"))->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
