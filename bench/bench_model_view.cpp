// How the model view feels on a large attention file (README "Attention
// from real models"), measured in-process under the offscreen platform:
//  - first view: from openFile() to the first large heatmap on screen;
//  - grid: until every thumbnail and the statistics are in;
//  - GUI stalls: a 1 ms heartbeat on the GUI thread meanwhile; the longest
//    gap is the longest time the window could not react;
//  - resident memory (VmRSS) after the first view and after the grid.
// Usage: bench_model_view FILE [--repeat N]; prints one JSON object per run.
#include "widgets/common/heatmap_view.h"
#include "widgets/model_view/model_view_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <cstdio>

namespace {

long residentKiB() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_model_view FILE [--repeat N]\n");
        return 2;
    }
    const int repeat = args.size() >= 4 && args.at(2) == QLatin1String("--repeat") ? args.at(3).toInt() : 1;
    for (int run = 0; run < repeat; ++run) {
        ui::ModelViewWindow window;
        window.resize(1400, 900);
        window.show();
        QElapsedTimer clock;
        qint64 firstView = -1, grid = -1, longestGap = 0, lastBeat = 0;
        long rssFirst = -1;
        QTimer heartbeat;
        heartbeat.setInterval(1);
        QObject::connect(&heartbeat, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            longestGap = std::max(longestGap, now - lastBeat);
            lastBeat = now;
        });
        QEventLoop loop;
        QObject::connect(&window, &ui::ModelViewWindow::viewShown, [&] {
            if (firstView >= 0) return;
            window.headView()->repaint();
            firstView = clock.elapsed();
            rssFirst = residentKiB();
        });
        QObject::connect(&window, &ui::ModelViewWindow::statisticsReady, [&] {
            grid = clock.elapsed();
            loop.quit();
        });
        QObject::connect(&window, &ui::ModelViewWindow::openFailed, [&](const QString& m) {
            std::fprintf(stderr, "%s\n", qPrintable(m));
            loop.exit(2);
        });
        clock.start();
        heartbeat.start();
        window.openFile(args.at(1));
        if (loop.exec() != 0) return 2;
        std::printf("{\"first_view_ms\": %lld, \"grid_ms\": %lld, \"longest_gui_gap_ms\": %lld, "
                    "\"rss_first_view_kib\": %ld, \"rss_after_grid_kib\": %ld}\n",
                    firstView, grid, longestGap, rssFirst, residentKiB());
        std::fflush(stdout);
    }
    return 0;
}
