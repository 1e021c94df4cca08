// The window at the documented limits, measured in-process under the
// offscreen platform (README "The window at the limits"):
//   memory FILE|-  the peak and current resident memory (VmHWM, VmRSS from
//                  /proc/self/status) after the first result and after each
//                  of a few edits, for a scene FILE or, with "-", a random
//                  scene of 4,096 tokens, width 64 and 16 heads;
//   open FILE      File > Open of FILE: the longest GUI-thread stall (a 1 ms
//                  heartbeat timer) from the start of the load until the
//                  views show the opened scene, and the time that takes;
//   open-sync FILE the same through the synchronous MainWindow::openFile,
//                  the way every open worked before loading moved to a
//                  worker thread.
// Prints one JSON object per line.
#include "random_inputs.h"
#include "document/scene_document.h"
#include "widgets/playground/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

// kB of a /proc/self/status field.
long statusKb(const char* field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field)) return line.mid(int(qstrlen(field)) + 1).trimmed().split(' ').first().toLong();
    return -1;
}

void report(const char* step) {
    std::printf("{\"case\": \"memory\", \"step\": \"%s\", \"VmHWM_MiB\": %.0f, \"VmRSS_MiB\": %.0f}\n", step,
                double(statusKb("VmHWM:")) / 1024.0, double(statusKb("VmRSS:")) / 1024.0);
    std::fflush(stdout);
}

// Records the newest request the views show; wait() runs the event loop
// until that is the window's newest request.
struct Views {
    explicit Views(ui::MainWindow& window) : w(window) {
        QObject::connect(&w, &ui::MainWindow::viewsUpdated, &w, [this](quint64 id) { shown = id; });
    }
    void wait() {
        while (shown != w.latestRequestId() || w.isOpening())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    ui::MainWindow& w;
    quint64 shown = 0;
};

int memoryCase(const QString& file) {
    ui::MainWindow w;
    Views views(w);
    w.resize(1400, 900);
    w.show();
    views.wait();
    if (file == QLatin1String("-")) {
        w.setScene(randomScene(4096, 64, 16, 1));
    } else if (!w.openFile(file)) {
        std::fprintf(stderr, "%s\n", qPrintable(w.lastError()));
        return 2;
    }
    views.wait();
    report("first result");
    w.document()->setTemperature(2.0f);
    views.wait();
    report("edit 1 (temperature)");
    w.document()->setCell(ui::MatrixRole::Q, 0, 0, 0.5f);
    views.wait();
    report("edit 2 (a cell)");
    w.document()->setTemperature(0.5f);
    views.wait();
    report("edit 3 (temperature)");
    w.selectHead(ui::HeadChoice{3});
    report("head 3 shown");
    return 0;
}

int openCase(const QString& file, bool background) {
    ui::MainWindow w;
    Views views(w);
    w.resize(1400, 900);
    w.show();
    views.wait();
    QElapsedTimer beat, total;
    qint64 longest = 0;
    QTimer heartbeat;
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] { longest = std::max(longest, beat.restart()); });
    bool failed = false;
    QObject::connect(&w, &ui::MainWindow::openFailed, [&](const QString&, const QString& m) {
        std::fprintf(stderr, "%s\n", qPrintable(m));
        failed = true;
    });
    QEventLoop loop;
    QObject::connect(&w, &ui::MainWindow::openFailed, &loop, &QEventLoop::quit);
    QObject::connect(&w, &ui::MainWindow::viewsUpdated, &loop, [&](quint64 id) {
        if (id == w.latestRequestId() && !w.isOpening()) loop.quit();
    });
    heartbeat.start();
    beat.start();
    total.start();
    if (background)
        w.openFileInBackground(file);
    else
        w.openFile(file);
    const qint64 call = total.elapsed();  // how long the call itself blocked
    loop.exec();
    std::printf("{\"case\": \"%s\", \"file_MiB\": %.1f, \"call_ms\": %lld, \"longest_stall_ms\": %lld, "
                "\"until_shown_ms\": %lld}\n",
                background ? "open" : "open-sync", double(QFile(file).size()) / 1048576.0, qint64(call),
                qint64(longest), qint64(total.elapsed()));
    return failed ? 2 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("attention-playground-bench"));
    const QStringList args = QApplication::arguments();
    if (args.size() == 3 && args[1] == QLatin1String("memory")) return memoryCase(args[2]);
    if (args.size() == 3 && args[1] == QLatin1String("open")) return openCase(args[2], true);
    if (args.size() == 3 && args[1] == QLatin1String("open-sync")) return openCase(args[2], false);
    std::fprintf(stderr, "usage: bench_window_limits memory FILE|- | open FILE | open-sync FILE\n");
    return 2;
}
