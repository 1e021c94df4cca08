// The model window's latency (README "Performance", docs/model-window.md):
// the time from the last key stroke in the text box to the picture shown,
// measured in-process under the offscreen platform on a checkpoint folder
// given as the argument (made by tests/transformer/make_checkpoints.py with
// a tokenizer from tests/model_window/add_tokenizers.py). Each edit changes
// the last word of a 64-token text (then, in a second series, the first
// word: every row is computed again); two times are taken per edit:
//  - "view": the large head's heatmap shows the new text's attention (the
//    debounce of ModelWindow::kDebounceMs included, as a user waits for it);
//  - "grid": every tile of the layers x heads grid has been replaced too;
// and when the model worker's result reached the window ("result").
// Prints one JSON object with the medians and the 90th percentiles, and the
// forward passes' median time (ModelResult::seconds).
//
//   bench_model_window CHECKPOINT_DIR [EDITS]
#include "widgets/model/model_window.h"
#include "widgets/model_view/model_grid_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5))];
}

// Runs the event loop until `done` or 30 s; returns whether it was done.
template <class F>
bool spinUntil(F done) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > 30000) return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_model_window CHECKPOINT_DIR [EDITS]\n");
        return 2;
    }
    const int edits = argc > 2 ? std::max(3, std::atoi(argv[2])) : 40;
    ui::ModelWindow w;
    w.resize(1280, 800);
    w.show();
    bool loaded = false, failed = false;
    QObject::connect(&w, &ui::ModelWindow::modelLoaded, [&] { loaded = true; });
    QObject::connect(&w, &ui::ModelWindow::loadFailed, [&](const QString& m) {
        std::fprintf(stderr, "%s\n", qPrintable(m));
        failed = true;
    });
    w.loadModel(QString::fromLocal8Bit(argv[1]));
    if (!spinUntil([&] { return loaded || failed; }) || failed) return 1;

    // 64 tokens: 63 words and the one that changes, at the end (typing on:
    // a causal model reuses the rows of the unchanged prefix) or at the
    // start (an edit that changes every row: the whole pass).
    QStringList words;
    for (int i = 0; i < 63; ++i) words << QStringLiteral("w%1").arg(100 + i);
    quint64 shownId = 0;
    bool viewShown = false;
    QElapsedTimer t;
    double resultAt = 0;
    QObject::connect(&w, &ui::ModelWindow::resultShown, [&](quint64 id) {
        shownId = id;
        resultAt = double(t.nsecsElapsed()) / 1e6;
    });
    QObject::connect(&w, &ui::ModelViewWindow::viewShown, [&] { viewShown = true; });
    struct Times {
        std::vector<double> view, grid, forward, result;
    };
    int tokens = 0;
    const auto measure = [&](bool atStart, Times& times) {
        for (int e = 0; e < edits + 2; ++e) {
            const QString word = QStringLiteral("w%1").arg(200 + e % 7);
            const QString text = atStart ? word + QLatin1Char(' ') + words.join(QLatin1Char(' '))
                                         : words.join(QLatin1Char(' ')) + QLatin1Char(' ') + word;
            viewShown = false;
            shownId = 0;
            // Drop the tiles so that "grid" waits for the new ones.
            w.grid()->reset(w.grid()->rows() - 1, w.grid()->columns() - 2);
            t.start();
            w.textBox()->setText(text);  // the last key stroke
            if (!spinUntil([&] { return shownId != 0 && shownId == w.latestRequest() && viewShown; })) return false;
            const double v = double(t.nsecsElapsed()) / 1e6;
            if (!spinUntil([&] { return w.grid()->readyTiles() == w.grid()->rows() * w.grid()->columns(); }))
                return false;
            const double g = double(t.nsecsElapsed()) / 1e6;
            tokens = int(w.result()->ids.size());
            if (e >= 2) {  // the first two warm the buffers
                times.view.push_back(v);
                times.grid.push_back(g);
                times.forward.push_back(w.result()->seconds * 1000.0);
                times.result.push_back(resultAt);
            }
        }
        return true;
    };
    Times end, start;
    if (!measure(false, end) || !measure(true, start)) return 1;
    const ui::ModelInfo& info = w.info();
    std::printf(
        "{\"model_type\": \"%s\", \"layers\": %d, \"heads\": %d, \"hidden\": %d, \"tokens\": %d, "
        "\"edits\": %d, \"debounce_ms\": %d, \"view_median_ms\": %.1f, \"view_p90_ms\": %.1f, "
        "\"grid_median_ms\": %.1f, \"grid_p90_ms\": %.1f, \"forward_median_ms\": %.1f, \"result_median_ms\": %.1f, "
        "\"first_word_view_median_ms\": %.1f, \"first_word_view_p90_ms\": %.1f, "
        "\"first_word_grid_median_ms\": %.1f, \"first_word_forward_median_ms\": %.1f}\n",
        qPrintable(info.modelType), info.layers, info.heads, info.hidden, tokens, int(end.view.size()),
        ui::ModelWindow::kDebounceMs, percentile(end.view, 0.5), percentile(end.view, 0.9), percentile(end.grid, 0.5),
        percentile(end.grid, 0.9), percentile(end.forward, 0.5), percentile(end.result, 0.5),
        percentile(start.view, 0.5), percentile(start.view, 0.9), percentile(start.grid, 0.5),
        percentile(start.forward, 0.5));
    return 0;
}
