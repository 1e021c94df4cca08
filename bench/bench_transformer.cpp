// The transformer forward pass on a checkpoint (docs/transformers.md): open
// time, then REPEATS runs on TOKENS token ids with every layer's attention
// kept; prints one JSON line with the median, the fastest run and the
// resident memory against the weights' file size. Compare with
// bench/torch_transformer.py on the same checkpoint and thread count.
// With EDIT=last every run changes the last id and reuses the rest from the
// run before (ForwardOptions::reusePrefix), as the model window does while
// the user types at the end of the text; EDIT=full (the default) runs every
// token each time.
//   bench_transformer MODEL_DIR [TOKENS=128] [REPEATS=9] [THREADS=2] [EDIT=full|last]
#include "transformer/forward.h"
#include "transformer/model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

namespace {

long rssKiB() {
    std::ifstream f("/proc/self/status");
    std::string l;
    while (std::getline(f, l))
        if (l.rfind("VmRSS:", 0) == 0) return std::stol(l.substr(6));
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_transformer MODEL_DIR [TOKENS] [REPEATS] [THREADS] [full|last]\n");
        return 2;
    }
    const int tokens = argc > 2 ? std::atoi(argv[2]) : 128;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 9;
    const int threads = argc > 4 ? std::atoi(argv[4]) : 2;
    const bool editLast = argc > 5 && std::string(argv[5]) == "last";
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    const auto model = ap::transformer::Model::open(argv[1]);
    const double openMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    if (!model.ok) {
        std::fprintf(stderr, "%s\n", model.error.c_str());
        return 2;
    }
    // Deterministic ids spread over the vocabulary.
    std::vector<int> ids(static_cast<std::size_t>(tokens));
    for (int i = 0; i < tokens; ++i)
        ids[std::size_t(i)] = int((1103515245ull * unsigned(i + 1) + 12345ull) % unsigned(model.value->config().vocab));
    ap::transformer::Forward forward(model.value);
    ap::transformer::ForwardOptions options;
    options.threads = threads;
    options.reusePrefix = editLast;
    ap::transformer::ForwardResult result;
    // Wall time, and the process's CPU time (all threads): on a shared,
    // busy machine the second says more about the work done.
    std::vector<double> ms, cpuMs;
    for (int r = 0; r < repeats + 1; ++r) {
        if (editLast) ids.back() = (ids.back() + 1) % model.value->config().vocab;
        const std::clock_t c0 = std::clock();
        const ap::Status s = forward.run(ids, options, result);
        const double cpu = double(std::clock() - c0) * 1000.0 / CLOCKS_PER_SEC;
        if (!s.ok) {
            std::fprintf(stderr, "%s\n", s.message.c_str());
            return 2;
        }
        if (r > 0) {  // the first run warms the page cache
            ms.push_back(result.seconds * 1000.0);
            cpuMs.push_back(cpu);
        }
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpuMs.begin(), cpuMs.end());
    std::printf("{\"model_type\": \"%s\", \"tokens\": %d, \"threads\": %d, \"edit\": \"%s\", \"reused_tokens\": %d, "
                "\"open_ms\": %.1f, \"median_ms\": %.2f, "
                "\"min_ms\": %.2f, \"median_cpu_ms\": %.1f, \"rss_mib\": %.1f, \"weights_mib\": %.1f}\n",
                model.value->config().modelType.c_str(), tokens, threads, editLast ? "last" : "full",
                result.reusedTokens, openMs, ms[ms.size() / 2], ms.front(), cpuMs[cpuMs.size() / 2], rssKiB() / 1024.0,
                double(model.value->checkpoint().fileBytes()) / (1 << 20));
    return 0;
}
