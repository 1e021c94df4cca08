// The model view window driven as a user drives it: open a file numpy wrote,
// wait for the worker, click tiles and table rows, switch to the rollout.
#include "analysis/rollout.h"
#include "attention_test_files.h"
#include "import/attention_import.h"
#include "render/chart_text.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/message_bar.h"
#include "widgets/model_view/head_stats_table.h"
#include "widgets/model_view/model_grid_view.h"
#include "widgets/model_view/model_view_window.h"
#include "widgets/playground/main_window.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QtTest>

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

namespace {

QString fixture(const char* name) { return QStringLiteral(AP_TEST_DATA_DIR "/import/") + QLatin1String(name); }

ap::Matrix slice(const QString& path, int layer, int head) {
    const auto r = ap::import::readAttentionFile(path.toStdString());
    ap::Matrix m;
    // A failure leaves the matrix empty, which no comparison accepts.
    if (!r.ok || !r.value->slice(layer, head, m)) m.resize(0, 0);
    return m;
}

// A model view fed as the model window feeds it (showTensor).
class LiveView : public ui::ModelViewWindow {
public:
    LiveView() : ModelViewWindow(Source::Live, nullptr) {}
};

// `layers` x `heads` slices of n x n float32 cells in memory; cell values
// start at `first` and count up, so that two tensors differ everywhere.
ui::AttentionPtr memoryTensor(int layers, int heads, int n, float first) {
    auto values = std::make_shared<std::vector<float>>(std::size_t(layers) * heads * n * n);
    for (std::size_t i = 0; i < values->size(); ++i) (*values)[i] = first + float(i) * 1e-3f;
    auto t = std::make_shared<ap::import::AttentionTensor>();
    t->fileName = "memory";
    t->format = "npy";
    t->layers = layers;
    t->heads = heads;
    t->queries = t->keys = n;
    t->data = reinterpret_cast<const unsigned char*>(values->data());
    t->owner = values;
    return t;
}

}  // namespace

class TestModelView : public QObject {
    Q_OBJECT
private slots:
    void opensAndShowsTheFirstHead();
    void gridTilesStatisticsAndLinking();
    void statsTableAnnouncesOnlyTheUsersChoice();
    void rolloutTabShowsTheRollout();
    void badFileShowsOneMessage();
    void exportsViewAndStatistics();
    void maxPoolKeepsTheMaximum();
    void mainWindowOpensAttentionInTheModelView();
    void logScaleFromTheViewMenu();
    void thumbnailsFollowTheColourScale();
    void logScaleCellsReadTheirValues();
    void thumbnailProgressAndStop();
    void liveViewNeverShowsTheOldTensor();
    void stopDuringALiveUpdateKeepsTheNewGrid();
};

// While the thumbnails are built the status bar shows a bar (heads done of
// all) and Stop; both go once the grid is complete, or at once on Stop, and
// progress the worker sent before Stop reached it does not bring them back.
void TestModelView::thumbnailProgressAndStop() {
    ui::ModelViewWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto* bar = w.statusBar()->findChild<QProgressBar*>();
    auto* stop = w.statusBar()->findChild<QPushButton*>();
    QVERIFY(bar && stop);
    QVERIFY(!bar->isVisible() && !stop->isVisible());
    bool shownOnOpen = false;
    int maximumOnOpen = -1;
    bool pressStop = false;
    connect(&w, &ui::ModelViewWindow::fileOpened, &w, [&] {
        shownOnOpen = bar->isVisible() && stop->isVisible();
        maximumOnOpen = bar->maximum();
        if (pressStop) QTest::mouseClick(stop, Qt::LeftButton);
    });
    QSignalSpy opened(&w, &ui::ModelViewWindow::fileOpened);
    w.openFile(fixture("f32_2x3x6x6.npy"));
    QVERIFY(opened.wait(10000));
    QVERIFY(shownOnOpen);
    QCOMPARE(maximumOnOpen, 6);  // 2 layers x 3 heads
    QTRY_VERIFY(!bar->isVisible() && !stop->isVisible());
    QCOMPARE(bar->value(), 6);

    // 48 heads of 512 x 512 zeros: a grid that takes a while to build.
    QTemporaryDir dir;
    const std::string big = dir.filePath(QStringLiteral("big.npy")).toStdString();
    QVERIFY(testfiles::writeSparse(big, testfiles::npyHeader("<f4", {6, 8, 512, 512}), 48ull * 512 * 512 * 4));
    pressStop = true;
    w.openFile(QString::fromStdString(big));
    QVERIFY(opened.wait(10000));
    QVERIFY(shownOnOpen);
    QVERIFY(!bar->isVisible() && !stop->isVisible());
    const QString info = w.findChild<QLabel*>(QStringLiteral("modelViewInfo"))->text();
    QVERIFY2(info.startsWith(QStringLiteral("big.npy: 6 layers × 8 heads")), qPrintable(info));
    QVERIFY2(info.contains(QStringLiteral("thumbnails stopped after ")) &&
                 info.contains(QStringLiteral(" of 48 heads")),
             qPrintable(info));
    QCOMPARE(w.statsModel()->rowCount(), 0);
    // Whatever the worker had sent before the stop arrives now, and changes nothing.
    QTest::qWait(300);
    QVERIFY(!bar->isVisible() && !stop->isVisible());
}

// A live source replaces the tensor while a head view of the old one is on
// its way to the window: the head shown afterwards is the new tensor's.
void TestModelView::liveViewNeverShowsTheOldTensor() {
    LiveView w;
    QSignalSpy opened(&w, &ui::ModelViewWindow::fileOpened);
    QSignalSpy shown(&w, &ui::ModelViewWindow::viewShown);
    const ui::AttentionPtr first = memoryTensor(1, 2, 4, 0.0f), second = memoryTensor(1, 2, 4, 0.5f);
    w.showTensor(first, QStringLiteral("first"));
    QVERIFY(opened.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() >= 1, 10000);
    ap::analysis::AttentionChoice head1;
    head1.head = 1;
    w.showChoice(head1);
    // No events run: the worker answers for the first tensor meanwhile, and
    // that answer is queued when the second tensor is given.
    QTest::qSleep(300);
    w.showTensor(second, QStringLiteral("second"));
    QVERIFY(opened.wait(10000));
    ap::Matrix expected;
    QVERIFY(second->slice(0, 1, expected));
    QTRY_VERIFY_WITH_TIMEOUT(w.headView()->data().values.isApprox(expected), 10000);
    QTest::qWait(200);
    QVERIFY(w.headView()->data().values.isApprox(expected));
}

// Stop pressed while the worker already holds a newer live tensor (its
// opened() not yet in the window) stops the old grid only: the new one is
// built to the end, and its statistics fill the table.
void TestModelView::stopDuringALiveUpdateKeepsTheNewGrid() {
    LiveView w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto* bar = w.statusBar()->findChild<QProgressBar*>();
    auto* stop = w.statusBar()->findChild<QPushButton*>();
    QVERIFY(bar && stop);
    QSignalSpy opened(&w, &ui::ModelViewWindow::fileOpened);
    QSignalSpy statistics(&w, &ui::ModelViewWindow::statisticsReady);
    // 48 heads of 512 x 512: a grid that takes a while to build.
    w.showTensor(memoryTensor(6, 8, 512, 0.0f), QStringLiteral("first"));
    QVERIFY(opened.wait(10000));
    w.showTensor(memoryTensor(6, 8, 512, 0.5f), QStringLiteral("second"));
    // The worker opens the second tensor (between two thumbnails of the
    // first); the window has not heard of it yet.
    QTest::qSleep(50);
    stop->click();
    QVERIFY(opened.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(w.statsModel()->rowCount() == 48, 30000);
    QTRY_VERIFY(!bar->isVisible() && !stop->isVisible());
    const QString info = w.findChild<QLabel*>(QStringLiteral("modelViewInfo"))->text();
    QVERIFY2(info.startsWith(QStringLiteral("second: 6 layers × 8 heads")), qPrintable(info));
}

// The grid's thumbnails take the chosen colour scale as the large view
// does: switching to the logarithmic scale colours every tile again.
void TestModelView::thumbnailsFollowTheColourScale() {
    ui::ModelViewWindow w;
    QSignalSpy stats(&w, &ui::ModelViewWindow::statisticsReady);
    const QString path = fixture("f32_2x3x6x6.npy");
    w.openFile(path);
    QVERIFY(stats.wait(10000));
    QTRY_COMPARE(w.grid()->readyTiles(), 15);
    const ap::Matrix head = slice(path, 1, 2);  // 6 x 6: the tile is the head itself
    const QImage fixed = ui::thumbnailImage(head, ui::Colormap(), ui::ColorScale::Fixed);
    const QImage log = ui::thumbnailImage(head, ui::Colormap(), ui::ColorScale::Log);
    QVERIFY(fixed != log);
    QCOMPARE(w.grid()->tile(1, 2), fixed);
    w.findChild<QAction*>(QStringLiteral("modelColorScale_log"))->trigger();
    QTRY_COMPARE(w.grid()->tile(1, 2), log);
    // The aggregate tiles too: layer 1's maximum over its heads.
    ap::Matrix max = slice(path, 1, 0).cwiseMax(slice(path, 1, 1)).cwiseMax(head);
    QTRY_COMPARE(w.grid()->tile(1, 4), ui::thumbnailImage(max, ui::Colormap(), ui::ColorScale::Log));
    // A file opened later is drawn on the chosen scale from the start.
    w.openFile(fixture("stored_tokens.npz"));
    QVERIFY(stats.wait(10000));
    QTRY_VERIFY(w.grid()->readyTiles() == w.grid()->rows() * w.grid()->columns());
    QCOMPARE(w.grid()->tile(0, 0),
             ui::thumbnailImage(ui::maxPool(slice(fixture("stored_tokens.npz"), 0, 0), ui::kThumbnailCells),
                                ui::Colormap(), ui::ColorScale::Log));
}

// Zoomed in on the logarithmic scale, the cells print their small weights
// with two significant digits in the colour bar's notation, not "0.00".
void TestModelView::logScaleCellsReadTheirValues() {
    QCOMPARE(ui::formatCellValue(0.26, true, true), QStringLiteral("0.26"));
    QCOMPARE(ui::formatCellValue(0.031, true, true), QStringLiteral("0.031"));
    QCOMPARE(ui::formatCellValue(0.00031, true, true), QStringLiteral("3.1·10⁻⁴"));
    QCOMPARE(ui::formatCellValue(0.002, true, true), QStringLiteral("2·10⁻³"));
    QCOMPARE(ui::formatCellValue(0.000999, true, true), QStringLiteral("1·10⁻³"));
    QCOMPARE(ui::formatCellValue(0.0, true, true), QStringLiteral("0.00"));
    QCOMPARE(ui::formatCellValue(0.0003, true, false), QStringLiteral("0.00"));  // the linear scales as before
    // A head of 64 keys, each row's weights near 1/64: zoomed on a few cells
    // they are large enough for numbers, and none reads "0.00".
    ui::HeatmapData d;
    d.values = ap::Matrix::Constant(64, 64, 1.0f / 64);
    d.values(0, 0) = 0.0004f;
    for (int i = 0; i < 64; ++i) {
        d.rowLabels << QString::number(i);
        d.columnLabels << QString::number(i);
    }
    ui::applyColorScale(d, ui::ColorScale::Log);
    QVERIFY(!ui::layoutHeatmap(d, QSizeF(700, 600), ui::HeatmapStyle{}).numbers);  // no room at 64 columns
    // What the view draws zoomed on the top-left 4 x 4 cells.
    ui::HeatmapData zoomed = d;
    zoomed.values = d.values.topLeftCorner(4, 4);
    zoomed.rowLabels = d.rowLabels.mid(0, 4);
    zoomed.columnLabels = d.columnLabels.mid(0, 4);
    const ui::HeatmapLayout Z = ui::layoutHeatmap(zoomed, QSizeF(700, 600), ui::HeatmapStyle{});
    QVERIFY(Z.numbers);
    const QFontMetricsF fm(Z.numberFont);
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) {
            const QString text = ui::formatCellValue(zoomed.values(r, c), true, true);
            QVERIFY2(text != QStringLiteral("0.00"), qPrintable(text));
            QVERIFY(fm.horizontalAdvance(text) <= Z.cellWidth);
        }
    QCOMPARE(ui::formatCellValue(zoomed.values(0, 0), true, true), QStringLiteral("4·10⁻⁴"));
    QCOMPARE(ui::formatCellValue(zoomed.values(0, 1), true, true), QStringLiteral("0.016"));
}

// View ▸ Colour Scale ▸ Logarithmic: the shown head and the next one are
// drawn on the log scale, prepared by the worker.
void TestModelView::logScaleFromTheViewMenu() {
    ui::ModelViewWindow w;
    QSignalSpy shown(&w, &ui::ModelViewWindow::viewShown);
    w.openFile(fixture("stored_tokens.npz"));
    QVERIFY(shown.wait(5000));
    QCOMPARE(w.headView()->colorScale(), ui::ColorScale::Fixed);
    auto* log = w.findChild<QAction*>(QStringLiteral("modelColorScale_log"));
    QVERIFY(log);
    log->trigger();
    QCOMPARE(w.headView()->colorScale(), ui::ColorScale::Log);
    const ui::HeatmapData& d = w.headView()->data();
    float smallestPositive = 1.0f;
    for (float v : d.values.reshaped())
        if (v > 0) smallestPositive = std::min(smallestPositive, v);
    QCOMPARE(float(d.minValue), std::max(smallestPositive, float(ui::kLogFloor)));
    w.resize(1100, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::mouseClick(w.grid(), Qt::LeftButton, {}, w.grid()->tileRect(1, 1).center());
    QTRY_VERIFY(w.headView()->data().title.contains(QStringLiteral("layer 1 · head 1")));
    QCOMPARE(w.headView()->data().scale, ui::ColorScale::Log);
}

void TestModelView::opensAndShowsTheFirstHead() {
    ui::ModelViewWindow w;
    // Before a file, the large views say what will appear in them.
    QVERIFY(w.headView()->emptyText().contains(QStringLiteral("Ctrl+O")));
    QVERIFY(!w.rolloutView()->emptyText().isEmpty());
    QSignalSpy opened(&w, &ui::ModelViewWindow::fileOpened);
    QSignalSpy shown(&w, &ui::ModelViewWindow::viewShown);
    w.openFile(fixture("stored_tokens.npz"));
    QVERIFY(opened.wait(5000));
    QVERIFY(shown.count() > 0 || shown.wait(5000));
    QCOMPARE(w.tensor()->layers, 2);
    const ui::HeatmapData& d = w.headView()->data();
    QCOMPARE(d.rows(), 6);
    QCOMPARE(d.columnLabels.at(0), QStringLiteral("[CLS]"));
    QVERIFY2(d.title.contains(QStringLiteral("layer 0 · head 0")), qPrintable(d.title));
    QVERIFY(d.values.isApprox(slice(fixture("stored_tokens.npz"), 0, 0)));
}

void TestModelView::gridTilesStatisticsAndLinking() {
    ui::ModelViewWindow w;
    QSignalSpy stats(&w, &ui::ModelViewWindow::statisticsReady);
    w.openFile(fixture("f32_2x3x6x6.npy"));
    QVERIFY(stats.wait(10000));
    // 2 layers x 3 heads, the mean and max columns, and the "all layers" row.
    QCOMPARE(w.grid()->rows(), 3);
    QCOMPARE(w.grid()->columns(), 5);
    QTRY_COMPARE(w.grid()->readyTiles(), 15);
    QCOMPARE(w.grid()->tile(1, 2).size(), QSize(6, 6));

    QAbstractItemModelTester tester(w.statsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(w.statsModel()->rowCount(), 6);
    QCOMPARE(w.statsProxy()->rowCount(), 6);
    // It opens sorted by layer, first layer first.
    QCOMPARE(w.statsProxy()->index(0, ui::HeadStatsModel::Layer).data().toInt(), 0);
    QCOMPARE(w.statsProxy()->index(5, ui::HeadStatsModel::Layer).data().toInt(), 1);
    // Sorting by the maximum weight, largest first, puts layer 1 head 2 on top.
    w.statsTable()->sortByColumn(ui::HeadStatsModel::MaxWeight, Qt::DescendingOrder);
    const QModelIndex top = w.statsProxy()->index(0, ui::HeadStatsModel::Layer);
    QCOMPARE(top.data().toInt(), 1);
    QCOMPARE(w.statsProxy()->index(0, ui::HeadStatsModel::Head).data().toInt(), 2);
    QCOMPARE(w.statsProxy()->index(0, ui::HeadStatsModel::MaxWeight).data().toDouble(), (1000 + 200 + 55) / 8192.0);

    // Clicking tile (layer 1, head 1) selects its row and shows it large.
    QSignalSpy shown(&w, &ui::ModelViewWindow::viewShown);
    w.resize(1100, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::mouseClick(w.grid(), Qt::LeftButton, {}, w.grid()->tileRect(1, 1).center());
    QTRY_VERIFY(w.headView()->data().title.contains(QStringLiteral("layer 1 · head 1")));
    QVERIFY(w.headView()->data().values.isApprox(slice(fixture("f32_2x3x6x6.npy"), 1, 1)));
    const QModelIndex current = w.statsProxy()->mapToSource(w.statsTable()->currentIndex());
    QCOMPARE(w.statsModel()->stats().at(std::size_t(current.row())).layer, 1);
    QCOMPARE(w.statsModel()->stats().at(std::size_t(current.row())).head, 1);

    // Selecting a table row highlights its tile and shows it.
    const int row = w.statsModel()->rowOf(0, 2);
    w.statsTable()->selectionModel()->setCurrentIndex(w.statsProxy()->mapFromSource(w.statsModel()->index(row, 0)),
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(w.grid()->selectedCell(), QPoint(2, 0));
    QTRY_VERIFY(w.headView()->data().title.contains(QStringLiteral("layer 0 · head 2")));

    // The mean column of layer 0 is the mean of its three heads.
    QTest::mouseClick(w.grid(), Qt::LeftButton, {}, w.grid()->tileRect(0, 3).center());
    QTRY_VERIFY(w.headView()->data().title.contains(QStringLiteral("layer 0 · mean of 3 heads")));
    const ap::Matrix mean = (slice(fixture("f32_2x3x6x6.npy"), 0, 0) + slice(fixture("f32_2x3x6x6.npy"), 0, 1) +
                             slice(fixture("f32_2x3x6x6.npy"), 0, 2)) /
                            3.0f;
    QVERIFY(w.headView()->data().values.isApprox(mean));
    QVERIFY(!w.statsTable()->currentIndex().isValid() || w.statsTable()->selectionModel()->selectedRows().isEmpty());
}

void TestModelView::statsTableAnnouncesOnlyTheUsersChoice() {
    ui::HeadStatsTable table;
    std::vector<ap::analysis::HeadStats> stats;
    for (int layer = 0; layer < 2; ++layer)
        for (int head = 0; head < 3; ++head) {
            ap::analysis::HeadStats s;
            s.layer = layer;
            s.head = head;
            // Larger for later heads, so that sorting by it reverses the rows.
            s.maxWeight = 0.1 * (3 * layer + head + 1);
            stats.push_back(s);
        }
    table.statsModel()->setStats(stats);
    table.sortByColumn(ui::HeadStatsModel::MaxWeight, Qt::DescendingOrder);
    QSignalSpy picked(&table, &ui::HeadStatsTable::headPicked);
    const auto current = [&] {
        const QModelIndex source = table.proxy()->mapToSource(table.currentIndex());
        const ap::analysis::HeadStats& s = table.statsModel()->stats().at(std::size_t(source.row()));
        return QPoint(s.head, s.layer);
    };

    // Chosen elsewhere: selected through the sorted proxy, not announced.
    table.selectHead(0, 1);
    QCOMPARE(current(), QPoint(1, 0));
    QCOMPARE(table.selectionModel()->selectedRows().size(), 1);
    QCOMPARE(picked.count(), 0);

    // Picked by the user: announced once, as (layer, head).
    table.selectionModel()->setCurrentIndex(table.proxy()->index(0, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(picked.count(), 1);
    QCOMPARE(picked.at(0).at(0).toInt(), 1);
    QCOMPARE(picked.at(0).at(1).toInt(), 2);

    // No such head, or none: nothing selected, nothing announced.
    table.selectHead(5, 0);
    QVERIFY(table.selectionModel()->selectedRows().isEmpty());
    table.selectHead(0, 2);
    table.selectHead(-1, -1);
    QVERIFY(table.selectionModel()->selectedRows().isEmpty());
    QCOMPARE(picked.count(), 1);
}

void TestModelView::rolloutTabShowsTheRollout() {
    ui::ModelViewWindow w;
    QSignalSpy opened(&w, &ui::ModelViewWindow::fileOpened);
    w.openFile(fixture("bertviz.json"));
    QVERIFY(opened.wait(5000));
    w.showRollout();
    // Until the rollout arrives the tab says it is computing.
    auto* hint = w.findChild<QLabel*>(QStringLiteral("rolloutHint"));
    QVERIFY(hint);
    QVERIFY(!hint->isHidden());
    const auto r = ap::import::readAttentionFile(fixture("bertviz.json").toStdString());
    const ap::Result<ap::Matrix> expected = ap::analysis::attentionRollout(*r.value);
    QVERIFY(expected.ok);
    QTRY_COMPARE(w.rolloutView()->data().rows(), 6);
    QVERIFY(w.rolloutView()->data().values.isApprox(expected.value));
    QVERIFY(w.rolloutView()->data().title.contains(QStringLiteral("rollout")));
    QVERIFY(hint->isHidden());
}

void TestModelView::badFileShowsOneMessage() {
    ui::ModelViewWindow w;
    QSignalSpy failed(&w, &ui::ModelViewWindow::openFailed);
    w.openFile(fixture("truncated.npy"));
    QVERIFY(failed.wait(5000));
    QVERIFY2(w.messageBar()->text().contains(QStringLiteral("truncated.npy: data truncated")),
             qPrintable(w.messageBar()->text()));
    QVERIFY(!w.tensor());
    // The status line no longer says "Opening …".
    for (QLabel* label : w.statusBar()->findChildren<QLabel*>())
        QVERIFY2(!label->text().startsWith(QLatin1String("Opening")), qPrintable(label->text()));
}

void TestModelView::exportsViewAndStatistics() {
    ui::ModelViewWindow w;
    QSignalSpy stats(&w, &ui::ModelViewWindow::statisticsReady);
    w.openFile(fixture("f32_2x3x6x6.npy"));
    QVERIFY(stats.wait(10000));
    QTRY_VERIFY(w.headView()->data().rows() == 6);
    QTemporaryDir dir;
    for (const char* name : {"view.png", "view.svg", "view.pdf", "view.csv"}) {
        const QString path = dir.filePath(QLatin1String(name));
        QCOMPARE(w.exportView(path, QSize(600, 500)), QString());
        QVERIFY(QFileInfo(path).size() > 100);
    }
    QFile csv(dir.filePath(QStringLiteral("view.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith(",k0,k1"));
    const QString statsPath = dir.filePath(QStringLiteral("stats.csv"));
    QCOMPARE(w.exportStatistics(statsPath), QString());
    QFile statsFile(statsPath);
    QVERIFY(statsFile.open(QIODevice::ReadOnly));
    QCOMPARE(statsFile.readAll().count('\n'), 7);
}

void TestModelView::maxPoolKeepsTheMaximum() {
    ap::Matrix m = ap::Matrix::Zero(200, 300);
    m(150, 7) = 0.9f;
    const ap::Matrix p = ui::maxPool(m, 96);
    QCOMPARE(p.rows(), 96);
    QCOMPARE(p.cols(), 96);
    QCOMPARE(p.maxCoeff(), 0.9f);
    QCOMPARE(p(150 * 96 / 200, 7 * 96 / 300), 0.9f);
}

void TestModelView::mainWindowOpensAttentionInTheModelView() {
    ui::MainWindow main;
    QVERIFY(main.openFile(fixture("f32.safetensors")));
    auto* view = main.findChild<ui::ModelViewWindow*>();
    QVERIFY(view);
    QVERIFY(view->isVisible());
    QTRY_VERIFY(view->tensor() != nullptr);
    QCOMPARE(view->tensor()->format, std::string("safetensors"));
    QCOMPARE(view->filePath(), fixture("f32.safetensors"));
    // A scene still opens as a scene, with no second model view.
    QVERIFY(main.openFile(QStringLiteral(AP_RESOURCES_DIR "/scenes/multi-head.json")));
    QCOMPARE(main.findChildren<ui::ModelViewWindow*>().size(), 1);
}

QTEST_MAIN(TestModelView)
#include "test_model_view.moc"
