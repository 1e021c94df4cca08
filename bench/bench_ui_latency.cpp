// How the live window feels, measured in-process under the offscreen
// platform (README "Performance"):
//  1. edit -> repainted heatmap: the time from a cell edit to the end of the
//     heatmap's repaint showing that edit's result (64 tokens, 8 heads);
//  2. GUI stalls: a 1 ms heartbeat timer on the GUI thread while edits at
//     2,048 tokens are computed; the longest gap between beats is the
//     longest time the GUI thread could not react;
//  3. zoom and pan frames: the time of one zoom or pan step of the heatmap
//     including its synchronous repaint (2,048 tokens, 8 heads).
// Prints one JSON object per case. Figures are medians over many edits.
#include "widgets/common/heatmap_view.h"
#include "widgets/playground/main_window.h"
#include "random_inputs.h"
#include "document/scene_document.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <ctime>

#include <algorithm>
#include <memory>
#include <cstdio>
#include <vector>

namespace {

// The calling thread's CPU time in milliseconds.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// A decoder's self-attention: causal, values = keys.
ap::Scene latencyScene(int tokens, int width, int heads, std::uint64_t seed) {
    ap::Scene s = randomScene(tokens, width, heads, seed);
    s.title = "latency";
    s.values = s.keys;
    s.mask.causal = true;
    return s;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// Waits (running the event loop) until the views show the newest request.
void waitForViews(ui::MainWindow& w) {
    if (w.currentResult() && w.property("shown").toULongLong() == w.latestRequestId()) return;
    QEventLoop loop;
    auto c = QObject::connect(&w, &ui::MainWindow::viewsUpdated, &loop, [&](quint64 id) {
        if (id == w.latestRequestId()) loop.quit();
    });
    loop.exec();
    QObject::disconnect(c);
}

// The window at a typical size, showing `scene`'s first result.
std::unique_ptr<ui::MainWindow> openWindow(ap::Scene scene) {
    auto w = std::make_unique<ui::MainWindow>();
    w->resize(1400, 900);
    w->show();
    w->setScene(std::move(scene));
    waitForViews(*w);
    return w;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("attention-playground-bench"));
    const int edits = argc > 1 ? std::max(10, atoi(argv[1])) : 300;

    const QByteArray only = qgetenv("AP_BENCH_CASE");  // "latency", "stall" or "zoom" runs one case
    if (only.isEmpty() || only == "latency") {
        const auto window = openWindow(latencyScene(64, 64, 8, 1));
        ui::MainWindow& w = *window;
        std::vector<double> ms;
        QElapsedTimer clock;
        for (int i = 0; i < edits; ++i) {
            clock.start();
            w.document()->setCell(ui::MatrixRole::Q, i % 64, (i * 7) % 64, float(i % 13) * 0.1f,
                                  ui::SceneDocument::Merge::Never);
            waitForViews(w);
            const double a = clock.nsecsElapsed() / 1e6;
            w.heatmapView()->repaint();  // synchronous: the paint the user sees
            ms.push_back(clock.nsecsElapsed() / 1e6);
            if (getenv("AP_DEBUG")) fprintf(stderr, "%.2f %.2f\n", a, ms.back());
        }
        std::printf("{\"case\": \"edit_to_repaint\", \"tokens\": 64, \"heads\": 8, \"edits\": %d, "
                    "\"median_ms\": %.3f, \"p90_ms\": %.3f, \"max_ms\": %.3f}\n",
                    edits, percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 1.0));
        std::fflush(stdout);
    }
    if (only.isEmpty() || only == "stall") {
        const auto window = openWindow(latencyScene(2048, 64, 8, 2));
        ui::MainWindow& w = *window;
        std::vector<double> gaps;
        QElapsedTimer beat;
        beat.start();
        QTimer heartbeat;
        heartbeat.setTimerType(Qt::PreciseTimer);
        heartbeat.setInterval(1);
        // Thread CPU time across each gap tells a busy GUI thread (CPU ~ gap)
        // from a starved or blocked one (CPU << gap).
        double cpuAtBeat = threadCpuMs();
        std::vector<double> busyInLongGaps;
        QObject::connect(&heartbeat, &QTimer::timeout, [&] {
            const double gap = beat.nsecsElapsed() / 1e6;
            const double cpu = threadCpuMs();
            gaps.push_back(gap);
            if (gap > 16.0) busyInLongGaps.push_back(cpu - cpuAtBeat);
            if (gap > 16.0 && getenv("AP_DEBUG"))
                fprintf(stderr, "gap %.1f ms, GUI thread busy %.1f ms\n", gap, cpu - cpuAtBeat);
            cpuAtBeat = cpu;
            beat.start();
        });
        heartbeat.start();
        const int bigEdits = std::max(10, edits / 10);
        for (int i = 0; i < bigEdits; ++i) {
            w.document()->setCell(ui::MatrixRole::Q, (i * 97) % 2048, i % 64, float(i % 5),
                                  ui::SceneDocument::Merge::Never);
            QElapsedTimer t;
            t.start();
            waitForViews(w);
            const double a = t.nsecsElapsed() / 1e6;
            w.heatmapView()->repaint();
            if (getenv("AP_DEBUG")) fprintf(stderr, "big %.2f %.2f\n", a, t.nsecsElapsed() / 1e6);
        }
        heartbeat.stop();
        std::printf("{\"case\": \"gui_stall\", \"tokens\": 2048, \"heads\": 8, \"edits\": %d, "
                    "\"median_gap_ms\": %.3f, \"p99_gap_ms\": %.3f, \"max_gap_ms\": %.3f}\n",
                    bigEdits, percentile(gaps, 0.5), percentile(gaps, 0.99), percentile(gaps, 1.0));
    }
    if (only.isEmpty() || only == "zoom") {
        const auto window = openWindow(latencyScene(2048, 64, 8, 3));
        ui::HeatmapView* view = window->heatmapView();
        std::vector<double> ms, cpuMs;
        QElapsedTimer clock;
        // Wall time, and the GUI thread's CPU time, which other processes on
        // a shared machine inflate far less.
        auto frame = [&](auto&& step) {
            clock.start();
            const double cpu0 = threadCpuMs();
            step();
            view->repaint();
            ms.push_back(clock.nsecsElapsed() / 1e6);
            cpuMs.push_back(threadCpuMs() - cpu0);
        };
        const int rounds = std::max(2, edits / 50);
        for (int r = 0; r < rounds; ++r) {
            // In to 1/16 of the map in four steps, pan around, and back out.
            for (int z = 0; z < 4; ++z) frame([&] { view->zoomIn(QPointF(700 + 37 * r, 900)); });
            for (int p = 0; p < 40; ++p) frame([&] { view->panBy(p % 20 < 10 ? 13 : -13, p % 10 < 5 ? 7 : -7); });
            for (int z = 0; z < 4; ++z) frame([&] { view->zoomOut(); });
        }
        std::printf("{\"case\": \"zoom_pan_frame\", \"tokens\": 2048, \"heads\": 8, \"frames\": %d, "
                    "\"median_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, "
                    "\"cpu_median_ms\": %.3f, \"cpu_p99_ms\": %.3f}\n",
                    int(ms.size()), percentile(ms, 0.5), percentile(ms, 0.99), percentile(ms, 1.0),
                    percentile(cpuMs, 0.5), percentile(cpuMs, 0.99));
    }
    return 0;
}
