// Engine-level timing of an attention file (README "Attention from real
// models"): open (header only), one slice (the last layer's last head),
// head statistics over every slice, rollout; resident memory after each. Usage: bench_import FILE. Prints one JSON
// line.
#include "import/attention_import.h"
#include "analysis/head_stats.h"
#include "analysis/rollout.h"
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
static long rssKiB() {
    std::ifstream f("/proc/self/status");
    std::string l;
    while (std::getline(f, l))
        if (l.rfind("VmRSS:", 0) == 0) return std::stol(l.substr(6));
    return -1;
}
int main(int, char** argv) {
    using C = std::chrono::steady_clock;
    auto t0 = C::now();
    auto r = ap::import::readAttentionFile(argv[1]);
    auto t1 = C::now();
    if (!r.ok) {
        std::puts(r.error.c_str());
        return 2;
    }
    ap::Matrix m;
    const ap::import::AttentionTensor& t = *r.value;
    const ap::Status e = t.slice(t.layers - 1, t.heads - 1, m);
    t.releaseSlice(t.layers - 1, t.heads - 1);
    auto t2 = C::now();
    long rss1 = rssKiB();
    auto s = ap::analysis::computeHeadStats(t);
    auto t3 = C::now();
    long rss2 = rssKiB();
    auto ro = ap::analysis::attentionRollout(t);
    auto t4 = C::now();
    auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    std::printf("{\"open_ms\": %.2f, \"last_slice_ms\": %.2f, \"rss_after_slice_kib\": %ld, \"head_stats_ms\": %.0f, "
                "\"rss_after_stats_kib\": %ld, \"rollout_ms\": %.0f, \"rss_end_kib\": %ld, \"ok\": %d}\n",
                ms(t0, t1), ms(t1, t2), rss1, ms(t2, t3), rss2, ms(t3, t4), rssKiB(), int(e.ok && s.ok && ro.ok));
}
