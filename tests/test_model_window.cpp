// The model window driven as a user drives it, on tiny random-weight
// checkpoints made by torch (tests/transformer/make_checkpoints.py) with a
// WordPiece vocabulary over their ids (tests/model_window/add_tokenizers.py):
// typing updates the grid, stale results are dropped, switching heads off
// moves the predictions as the torch reference says, a head opened in the
// playground computes the head's weights, and a folder given to the
// program opens this window.
#include "attention/attention.h"
#include "cli/cli.h"
#include "import/attention_import.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/model/change_view.h"
#include "widgets/model/head_view.h"
#include "widgets/model/head_view_panel.h"
#include "widgets/model/model_window.h"
#include "widgets/model/predictions_view.h"
#include "widgets/model_view/model_grid_view.h"
#include "widgets/playground/main_window.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMouseEvent>
#include <QTabWidget>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

namespace {

QString checkpoint(const char* model) { return QStringLiteral(AP_MODEL_WINDOW_FIXTURES "/") + QLatin1String(model); }

QString readText(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

struct Reference {
    std::vector<int> ids;
    int position = 0;
    std::vector<double> probabilities, ablatedProbabilities;
    ui::HeadSet ablate;
};

Reference readReference(const QString& dir) {
    Reference r;
    const QByteArray bytes = readText(dir + QStringLiteral("/reference.json")).toUtf8();
    const auto doc = QJsonDocument::fromJson(bytes).object();
    for (const auto v : doc[QStringLiteral("ids")].toArray()) r.ids.push_back(v.toInt());
    r.position = doc[QStringLiteral("position")].toInt();
    for (const auto v : doc[QStringLiteral("probabilities")].toArray()) r.probabilities.push_back(v.toDouble());
    for (const auto v : doc[QStringLiteral("ablated_probabilities")].toArray())
        r.ablatedProbabilities.push_back(v.toDouble());
    for (const auto v : doc[QStringLiteral("ablate")].toArray())
        r.ablate.insert({v.toArray().at(0).toInt(), v.toArray().at(1).toInt()});
    return r;
}

double largestDifference(const ap::import::AttentionTensor& a, const QString& npz) {
    const auto ref = ap::import::readAttentionFile(npz.toStdString());
    if (!ref.ok || ref.value->layers != a.layers || ref.value->heads != a.heads || ref.value->keys != a.keys)
        return 1e9;
    double worst = 0;
    for (int l = 0; l < a.layers; ++l)
        for (int h = 0; h < a.heads; ++h) {
            ap::Matrix x, y;
            if (!a.slice(l, h, x) || !ref.value->slice(l, h, y)) return 1e9;
            worst = std::max(worst, double((x - y).cwiseAbs().maxCoeff()));
        }
    return worst;
}

// Jensen-Shannon divergence in bits of two rows, written out here apart from
// the engine's.
double divergenceBits(const ap::Matrix& a, const ap::Matrix& b, int row) {
    double d = 0;
    for (int k = 0; k < a.cols(); ++k) {
        const double p = a(row, k), q = b(row, k), m = 0.5 * (p + q);
        if (p > 0) d += 0.5 * p * std::log2(p / m);
        if (q > 0) d += 0.5 * q * std::log2(q / m);
    }
    return d;
}

// Loads `model`, types its text and waits for the answer.
bool loadAndType(ui::ModelWindow& w, const char* model) {
    QSignalSpy loaded(&w, &ui::ModelWindow::modelLoaded);
    w.loadModel(checkpoint(model));
    if (!loaded.wait(20000)) return false;
    QSignalSpy shown(&w, &ui::ModelWindow::resultShown);
    w.textBox()->setText(readText(checkpoint(model) + QStringLiteral("/window_text.txt")));
    w.runNow();
    while (shown.wait(10000))
        if (shown.last().at(0).toULongLong() == w.latestRequest()) return true;
    return false;
}

}  // namespace

class TestModelWindow : public QObject {
    Q_OBJECT
private slots:
    void typingUpdatesTheGrid();
    void staleResultNeverReplacesANewerOne();
    void ablationMovesTheNextTokenAsTorchSays();
    void ablationMovesTheMaskPredictionsAsTorchSays();
    void ablationBadgesAndChangeMapFollowTorch();
    void wordsGatherPieces();
    void headViewHoverKeepsOneTokensLines();
    void headInPlaygroundReproducesTheHead();
    void folderArgumentOpensTheModelWindow();
    void badFolderShowsOneMessage();
    void aCancelledOrFailedLoadKeepsTheModel();
};

void TestModelWindow::typingUpdatesTheGrid() {
    ui::ModelWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(loadAndType(w, "gpt2"));
    QVERIFY2(w.windowTitle().contains(QStringLiteral("gpt2")), qPrintable(w.windowTitle()));
    const QString dir = checkpoint("gpt2");
    const Reference ref = readReference(dir);
    QCOMPARE(w.result()->ids, ref.ids);
    // The attention shown is the model's, every layer and head.
    QVERIFY(largestDifference(*w.result()->tensor, dir + QStringLiteral("/reference.npz")) < 1e-4);
    QTRY_COMPARE(w.grid()->readyTiles(), w.grid()->rows() * w.grid()->columns());
    QTRY_COMPARE(w.headView()->data().rows(), int(ref.ids.size()));

    // Two more words typed: one request after the pause, the grid follows.
    QSignalSpy shown(&w, &ui::ModelWindow::resultShown);
    const quint64 before = w.latestRequest();
    QTest::keyClicks(w.textBox(), QStringLiteral(" w5 w6"));
    QTRY_VERIFY_WITH_TIMEOUT(w.latestRequest() > before && !shown.isEmpty() &&
                                 shown.last().at(0).toULongLong() == w.latestRequest(),
                             10000);
    QCOMPARE(w.latestRequest(), before + 1);  // the key strokes coalesced into one request
    QCOMPARE(int(w.result()->ids.size()), int(ref.ids.size()) + 2);
    QTRY_COMPARE(w.headView()->data().rows(), int(ref.ids.size()) + 2);
    QCOMPARE(w.grid()->readyTiles(), w.grid()->rows() * w.grid()->columns());
}

void TestModelWindow::staleResultNeverReplacesANewerOne() {
    ui::ModelWindow w;
    QVERIFY(loadAndType(w, "gpt2"));
    const ui::ModelResultPtr shown = w.result();
    // Two texts in a row: only the second one's result may be shown.
    QSignalSpy shownSpy(&w, &ui::ModelWindow::resultShown);
    w.textBox()->setText(QStringLiteral("w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16"));
    w.runNow();
    const quint64 first = w.latestRequest();
    w.textBox()->setText(QStringLiteral("w3 w6"));
    w.runNow();
    QTRY_VERIFY_WITH_TIMEOUT(!shownSpy.isEmpty() && shownSpy.last().at(0).toULongLong() == w.latestRequest(), 10000);
    for (const auto& call : shownSpy) QVERIFY(call.at(0).toULongLong() != first);
    QCOMPARE(w.result()->ids, (std::vector<int>{3, 6}));
    // A late answer to an older request (as the worker would send it if it
    // finished the first text last) is dropped.
    QSignalSpy dropped(&w, &ui::ModelWindow::staleResultDropped);
    const ui::ModelResultPtr newest = w.result();
    emit w.worker()->resultReady(first, shown);
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(w.result(), newest);
}

void TestModelWindow::ablationMovesTheNextTokenAsTorchSays() {
    ui::ModelWindow w;
    QVERIFY(loadAndType(w, "gpt2"));
    const QString dir = checkpoint("gpt2");
    const Reference ref = readReference(dir);
    QCOMPARE(w.result()->predictedAt, ref.position);
    QCOMPARE(int(w.result()->top.size()), 10);
    for (const ui::TokenPrediction& p : w.result()->top)
        QVERIFY(std::abs(p.probability - ref.probabilities[std::size_t(p.id)]) < 1e-4);

    QSignalSpy shown(&w, &ui::ModelWindow::resultShown);
    w.setAblated(ref.ablate);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toULongLong() == w.latestRequest(), 10000);
    QCOMPARE(w.grid()->ablated(), ref.ablate);
    double moved = 0;
    for (const ui::TokenPrediction& p : w.result()->top) {
        QVERIFY(std::abs(p.probability - ref.ablatedProbabilities[std::size_t(p.id)]) < 1e-4);
        QVERIFY(std::abs(p.unablated - ref.probabilities[std::size_t(p.id)]) < 1e-4);
        moved = std::max(moved, std::abs(double(p.probability) - double(p.unablated)));
    }
    QVERIFY(moved > 1e-3);
    // Most probable first.
    for (std::size_t i = 1; i < w.result()->top.size(); ++i)
        QVERIFY(w.result()->top[i - 1].probability >= w.result()->top[i].probability);
    // Later layers' attention follows; the table shows the change.
    QVERIFY(largestDifference(*w.result()->tensor, dir + QStringLiteral("/reference_ablated.npz")) < 1e-4);
    QVERIFY(w.result()->largestChange > 1e-3);
    QVERIFY(!w.predictions()->table()->item(0, 2)->text().isEmpty());

    // Ctrl+click on a crossed-out head switches it on again.
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // The grid takes the result's shape once the worker has read it, after
    // resultShown: wait for it before clicking a tile.
    QTRY_COMPARE(w.grid()->rows(), w.result()->tensor->layers + 1);
    const auto [layer, head] = *ref.ablate.begin();
    QTest::mouseClick(w.grid(), Qt::LeftButton, Qt::ControlModifier, w.grid()->tileRect(layer, head).center());
    QCOMPARE(int(w.ablated().size()), int(ref.ablate.size()) - 1);
}

void TestModelWindow::ablationMovesTheMaskPredictionsAsTorchSays() {
    ui::ModelWindow w;
    QVERIFY(loadAndType(w, "bert"));
    const QString dir = checkpoint("bert");
    const Reference ref = readReference(dir);
    QCOMPARE(w.result()->ids, ref.ids);
    QCOMPARE(w.result()->predictedAt, ref.position);
    for (const ui::TokenPrediction& p : w.result()->top)
        QVERIFY(std::abs(p.probability - ref.probabilities[std::size_t(p.id)]) < 1e-4);
    QSignalSpy shown(&w, &ui::ModelWindow::resultShown);
    w.setAblated(ref.ablate);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toULongLong() == w.latestRequest(), 10000);
    for (const ui::TokenPrediction& p : w.result()->top)
        QVERIFY(std::abs(p.probability - ref.ablatedProbabilities[std::size_t(p.id)]) < 1e-4);
    QVERIFY(w.predictions()->caption().contains(QStringLiteral("[MASK]")));

    // Without a [MASK] there is nothing to predict.
    w.textBox()->setText(QStringLiteral("w3 w4 w5"));
    w.runNow();
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toULongLong() == w.latestRequest(), 10000);
    QCOMPARE(w.result()->predictedAt, -1);
    QVERIFY(w.result()->top.empty());
}

// Each head's tile carries the change from the run with every head on, as
// torch's two runs give it; the Change tab shows the difference map.
void TestModelWindow::ablationBadgesAndChangeMapFollowTorch() {
    ui::ModelWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(loadAndType(w, "gpt2"));
    const QString dir = checkpoint("gpt2");
    const Reference ref = readReference(dir);
    ui::ModelGridView* grid = w.grid();
    QTRY_COMPARE(grid->readyTiles(), grid->rows() * grid->columns());
    const int layers = grid->rows() - 1, heads = grid->columns() - 2;
    // Every head on: no badges, no difference map.
    QVERIFY(w.result()->headMaxChange.empty());
    for (int l = 0; l < layers; ++l)
        for (int h = 0; h < heads; ++h) {
            QCOMPARE(grid->change(l, h), 0.0f);
            QVERIFY(grid->badgeText(l, h).isEmpty());
        }
    QCOMPARE(w.changeView()->shownHead(), (std::pair<int, int>{-1, -1}));

    QSignalSpy shown(&w, &ui::ModelWindow::resultShown);
    w.setAblated(ref.ablate);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toULongLong() == w.latestRequest(), 10000);
    const auto before = ap::import::readAttentionFile((dir + QStringLiteral("/reference.npz")).toStdString());
    const auto after = ap::import::readAttentionFile((dir + QStringLiteral("/reference_ablated.npz")).toStdString());
    QVERIFY(before.ok && after.ok);
    int firstOff = layers;
    for (const auto& [l, h] : ref.ablate) firstOff = std::min(firstOff, l);
    int badges = 0;
    for (int l = 0; l < layers; ++l)
        for (int h = 0; h < heads; ++h) {
            ap::Matrix a, b;
            QCOMPARE(before.value->slice(l, h, a).message, std::string());
            QCOMPARE(after.value->slice(l, h, b).message, std::string());
            const double largest = (b - a).cwiseAbs().maxCoeff();
            double divergence = 0;
            for (int q = 0; q < a.rows(); ++q) divergence += divergenceBits(a, b, q);
            divergence /= double(a.rows());
            QVERIFY2(std::abs(grid->change(l, h) - largest) < 1e-4, qPrintable(QStringLiteral("%1:%2").arg(l).arg(h)));
            QVERIFY(std::abs(w.result()->headDivergence[std::size_t(l * heads + h)] - divergence) < 1e-4);
            // A layer up to the first head off keeps its weights (the head's
            // output is zeroed after them): no badge there.
            if (l <= firstOff) QVERIFY(grid->badgeText(l, h).isEmpty());
            if (largest >= 0.01) {
                QCOMPARE(grid->badgeText(l, h), QLocale().toString(double(grid->change(l, h)), 'f', 2));
                ++badges;
            }
        }
    QVERIFY(badges > 0);

    // The Change tab: the chosen head's weights with the heads off minus
    // with every head on.
    const int layer = layers - 1, head = heads - 1;
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(layer, head).center());
    QCOMPARE(w.changeView()->shownHead(), (std::pair<int, int>{layer, head}));
    const ui::HeatmapData& map = w.changeView()->heatmap()->data();
    ap::Matrix a, b;
    QVERIFY(before.value->slice(layer, head, a).ok);
    QVERIFY(after.value->slice(layer, head, b).ok);
    QCOMPARE(map.rows(), int(a.rows()));
    QVERIFY((map.values - (b - a)).cwiseAbs().maxCoeff() < 1e-4);
    QCOMPARE(map.minValue, -map.maxValue);

    // Every head on again: the badges go.
    w.setAblated({});
    QTRY_VERIFY_WITH_TIMEOUT(shown.last().at(0).toULongLong() == w.latestRequest(), 10000);
    for (int l = 0; l < layers; ++l)
        for (int h = 0; h < heads; ++h) QVERIFY(grid->badgeText(l, h).isEmpty());
    QCOMPARE(w.changeView()->shownHead(), (std::pair<int, int>{-1, -1}));
}

void TestModelWindow::wordsGatherPieces() {
    ui::ModelWindow w;
    QVERIFY(loadAndType(w, "gpt2"));
    const ui::ModelResultPtr tokens = w.result();
    QVERIFY(tokens->tokens.join(QString()).contains(ui::kContinuationMark));
    QSignalSpy shown(&w, &ui::ModelWindow::resultShown);
    w.setWords(true);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toULongLong() == w.latestRequest(), 10000);
    const auto& words = *w.result()->tensor;
    const auto& pieces = *tokens->tensor;
    const QStringList typed = w.textBox()->text().split(QLatin1Char(' '));
    QCOMPARE(words.queries, int(typed.size()));
    QCOMPARE(QString::fromStdString(words.queryLabel(1)), typed.at(1));
    // Word rows are still distributions; a word's weight on another is the
    // sum over the other's pieces, averaged over its own.
    ap::Matrix wm, tm;
    QVERIFY(words.slice(1, 2, wm).ok);
    QVERIFY(pieces.slice(1, 2, tm).ok);
    for (int i = 0; i < wm.rows(); ++i) QVERIFY(std::abs(wm.row(i).sum() - 1.0f) < 1e-5f);
    // Tokens 1 and 2 form word 1; token 0 is word 0.
    QVERIFY(std::abs(wm(1, 0) - 0.5f * (tm(1, 0) + tm(2, 0))) < 1e-6f);
    QVERIFY(std::abs(wm(0, 1) - (tm(0, 1) + tm(0, 2))) < 1e-6f);
}

void TestModelWindow::headViewHoverKeepsOneTokensLines() {
    ui::ModelWindow w;
    QVERIFY(loadAndType(w, "gpt2"));
    ui::HeadView* view = w.headViewPanel()->view();
    w.headViewPanel()->showHead(1, 2);
    QCOMPARE(view->heads(), (std::vector<int>{2}));
    const int all = view->visibleLines();
    // Causal: query i reaches at most i + 1 keys.
    QVERIFY(all > 0 && all <= int(w.result()->ids.size() * (w.result()->ids.size() + 1) / 2));
    view->setHovered(3, false);
    QVERIFY(view->visibleLines() <= 4);
    QVERIFY(view->visibleLines() > 0);
    view->setHovered(-1, false);
    QCOMPARE(view->visibleLines(), all);
    // The mouse: a token in the left column is a query, in the right a key
    // (rows of at most 22 pixels from y = 8, as HeadView lays them out).
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.tabs()->setCurrentWidget(w.headViewPanel());
    QTRY_VERIFY(view->isVisible());
    const int n = std::max(view->tensor()->queries, view->tensor()->keys);
    const double row = std::clamp((view->height() - 16.0) / n, 2.0, 22.0);
    const auto hover = [&](int token, bool key) {
        const QPointF at(key ? view->width() - 10 : 10, 8 + row * (token + 0.5));
        QMouseEvent move(QEvent::MouseMove, at, view->mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(view, &move);
    };
    hover(2, false);
    QCOMPARE(view->hoveredToken(), 2);
    QVERIFY(!view->hoveredKey());
    QVERIFY(view->visibleLines() <= 3);
    hover(1, true);
    QCOMPARE(view->hoveredToken(), 1);
    QVERIFY(view->hoveredKey());
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(view, &leave);
    QCOMPARE(view->hoveredToken(), -1);
    QCOMPARE(view->visibleLines(), all);
    // Choosing a grid tile shows its head there.
    QTRY_COMPARE(w.grid()->rows(), w.result()->tensor->layers + 1);
    QTest::mouseClick(w.grid(), Qt::LeftButton, {}, w.grid()->tileRect(2, 1).center());
    QCOMPARE(view->layer(), 2);
    QCOMPARE(view->heads(), (std::vector<int>{1}));
}

void TestModelWindow::headInPlaygroundReproducesTheHead() {
    for (const char* model : {"gpt2", "llama"}) {
        ui::ModelWindow w;
        QSignalSpy loaded(&w, &ui::ModelWindow::modelLoaded);
        w.loadModel(checkpoint(model));
        QVERIFY(loaded.wait(20000));
        QSignalSpy shown(&w, &ui::ModelWindow::resultShown);
        QSignalSpy scene(&w, &ui::ModelWindow::openInPlayground);
        w.textBox()->setText(readText(checkpoint(model) + QStringLiteral("/window_text.txt")));
        w.runNow();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toULongLong() == w.latestRequest(), 10000);
        w.openHeadInPlayground(1, 3);
        QVERIFY(scene.wait(10000));
        const ap::Scene s = scene.last().at(0).value<ap::Scene>();
        ap::AttentionResult r;
        QVERIFY(ap::computeAttention(s, {}, r).ok);
        ap::Matrix head;
        QVERIFY(w.result()->tensor->slice(1, 3, head).ok);
        QVERIFY2((r.weightsMean - head).cwiseAbs().maxCoeff() < 1e-4, model);
        QCOMPARE(int(s.queryTokens.size()), int(w.result()->ids.size()));
    }
}

void TestModelWindow::folderArgumentOpensTheModelWindow() {
    const QByteArray dir = checkpoint("gpt2").toLocal8Bit();
    char program[] = "attention-playground";
    char* argv[] = {program, const_cast<char*>(dir.constData()), nullptr};
    QCOMPARE(app::classify(2, argv), app::Invocation::Window);

    ui::MainWindow main;
    main.openFileInBackground(checkpoint("gpt2"));
    auto* w = main.findChild<ui::ModelWindow*>();
    QVERIFY(w);
    QSignalSpy shown(w, &ui::ModelWindow::resultShown);
    QVERIFY(shown.wait(20000));
    QVERIFY(w->windowTitle().contains(QStringLiteral("gpt2")));
    // Its heads open in this window's playground.
    const QString before = QString::fromStdString(main.scene().title);
    w->openHeadInPlayground(0, 1);
    QTRY_VERIFY_WITH_TIMEOUT(QString::fromStdString(main.scene().title) != before, 10000);
    QCOMPARE(main.scene().queries.rows(), qsizetype(w->result()->ids.size()));
}

void TestModelWindow::badFolderShowsOneMessage() {
    QTemporaryDir empty;
    ui::ModelWindow w;
    QSignalSpy failed(&w, &ui::ModelWindow::loadFailed);
    w.loadModel(empty.path());
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.last().at(0).toString().contains(QStringLiteral("config.json")),
             qPrintable(failed.last().at(0).toString()));
    QVERIFY(!w.textBox()->isEnabled());
}

// Cancel while a second checkpoint opens, or a folder that does not open:
// the model open before stays, and typing still runs it.
void TestModelWindow::aCancelledOrFailedLoadKeepsTheModel() {
    ui::ModelWindow w;
    QVERIFY(loadAndType(w, "gpt2"));
    QSignalSpy loaded(&w, &ui::ModelWindow::modelLoaded);
    QSignalSpy failed(&w, &ui::ModelWindow::loadFailed);
    // These checkpoints open in a few milliseconds: on a busy machine the
    // worker may have BERT in before Cancel, which is then too late and the
    // load completes. Then GPT-2 again, and another try.
    bool cancelled = false;
    for (int attempt = 0; attempt < 5 && !cancelled; ++attempt) {
        w.loadModel(checkpoint("bert"));
        QVERIFY(w.isLoading() && !w.textBox()->isEnabled());
        w.cancelLoading();
        cancelled = !w.isLoading();
        if (!cancelled) {
            QVERIFY(loaded.wait(10000));
            QCOMPARE(w.info().modelType, QStringLiteral("bert"));
            QVERIFY(loadAndType(w, "gpt2"));
            loaded.clear();
        }
    }
    QVERIFY(cancelled);
    QVERIFY(w.textBox()->isEnabled());
    QVERIFY2(w.windowTitle().contains(QStringLiteral("gpt2")), qPrintable(w.windowTitle()));
    QTemporaryDir empty;
    w.loadModel(empty.path());
    QVERIFY(failed.wait(10000));
    QVERIFY(w.textBox()->isEnabled());
    QVERIFY2(w.windowTitle().contains(QStringLiteral("gpt2")), qPrintable(w.windowTitle()));
    // The worker runs GPT-2 still: its attention is causal, BERT's is not.
    QSignalSpy shown(&w, &ui::ModelWindow::resultShown);
    w.textBox()->setText(QStringLiteral("w3 w4 w5 w6"));
    w.runNow();
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toULongLong() == w.latestRequest(), 10000);
    QCOMPARE(loaded.count(), 0);
    ap::Matrix head;
    QVERIFY(w.result()->tensor->slice(0, 0, head));
    QVERIFY(head.rows() == 4 && head.cols() == 4);
    QCOMPARE(head.triangularView<Eigen::StrictlyUpper>().toDenseMatrix().cwiseAbs().maxCoeff(), 0.0f);
}

QTEST_MAIN(TestModelWindow)
#include "test_model_window.moc"
