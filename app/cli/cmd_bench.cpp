// bench SCENE.json [--repeat N] [--threads N]: times the engine in-process;
// the last line is JSON with median_ms, min_ms, max_ms and repeat.
#include "command_line.h"
#include "command_output.h"
#include "scene_input.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace app {

int runBench(const QStringList& args) {
    CommandLine cl(QStringLiteral("bench"), QStringLiteral("SCENE.json"), QStringLiteral("The scene file."));
    const QCommandLineOption repeat(QStringLiteral("repeat"),
                                    QStringLiteral("Timed runs (default 20), after one warm-up."), QStringLiteral("N"),
                                    QStringLiteral("20"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Engine threads (default: all cores)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    cl.addOptions({repeat, threads});
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    int n = 0, t = 0;
    if (!cl.intOption(repeat, 1, 1000000, n) || !cl.intOption(threads, 0, 256, t)) return kBadInput;
    ap::Scene scene;
    ap::AttentionResult result;
    if (!loadAndCompute(cl.input, scene, result))  // also the warm-up run
        return kBadInput;
    ap::AttentionOptions options;
    options.threads = t;
    std::vector<double> ms;
    ms.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        const auto start = std::chrono::steady_clock::now();
        // The warm-up run above has checked the scene.
        static_cast<void>(ap::computeAttention(scene, options, result));
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    const double median = n % 2 ? ms[size_t(n / 2)] : (ms[size_t(n / 2 - 1)] + ms[size_t(n / 2)]) / 2;
    printOut(
        QStringLiteral("%1: %2 x %3 tokens, %4 head(s), %5, %6: median %7 ms over %8 runs (min %9 ms)")
            .arg(cl.input)
            .arg(scene.queryCount())
            .arg(scene.keyCount())
            .arg(scene.heads)
            .arg(QString::fromUtf8(ap::toString(scene.scoring)), QString::fromUtf8(ap::toString(scene.normalization)))
            .arg(median, 0, 'f', 3)
            .arg(n)
            .arg(ms.front(), 0, 'f', 3));
    const bool written = printJsonLine([&](ap::json::InlineObjectWriter& o) {
        o.key("median_ms").number(median);
        o.key("min_ms").number(ms.front());
        o.key("max_ms").number(ms.back());
        o.key("repeat").number(double(n));
        o.key("queries").number(double(scene.queryCount()));
        o.key("keys").number(double(scene.keyCount()));
        o.key("heads").number(double(scene.heads));
        o.key("scoring").string(ap::toString(scene.scoring));
        o.key("normalization").string(ap::toString(scene.normalization));
    });
    return written ? kOk : kWriteFailed;
}

}  // namespace app
