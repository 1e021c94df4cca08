// The playground window driven as a user drives it, under the offscreen
// platform: edits go in through the widgets, and the views must then hold
// what the engine computes for the edited scene.
#include "attention/attention.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/playground/controls_panel.h"
#include "widgets/playground/head_grid_view.h"
#include "widgets/common/heatmap_view.h"
#include "main_window_views.h"
#include "widgets/playground/main_window.h"
#include "widgets/playground/matrix_editor.h"
#include "widgets/playground/output_view.h"
#include "document/scene_document.h"
#include "io/scene_io.h"
#include "translation/seq2seq.h"
#include "widgets/training/training_panel.h"
#include "render/title_text.h"
#include "isolated_settings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QSlider>
#include <QDoubleSpinBox>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QScreen>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace ui;

namespace {

// The heatmap must hold exactly what the engine computes for the scene.
void expectHeatmapMatchesEngine(MainWindow& w, HeadChoice head = {}) {
    ap::AttentionResult expected;
    QVERIFY(ap::computeAttention(w.scene(), {}, expected).ok);
    const ap::Matrix& want = head.isMean() ? expected.weightsMean : expected.heads[size_t(head.head)].weights;
    const HeatmapData& got = w.heatmapView()->data();
    QCOMPARE(got.rows(), int(want.rows()));
    QCOMPARE(got.columns(), int(want.cols()));
    for (int r = 0; r < got.rows(); ++r)
        for (int c = 0; c < got.columns(); ++c) QCOMPARE(got.values(r, c), want(r, c));
    QVERIFY((got.mask == expected.mask).all());
}

QString data(const char* name) { return QStringLiteral(AP_TEST_DATA_DIR "/") + QLatin1String(name); }

}  // namespace

class TestWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { isolateSettings(); }
    void startsOnTheBuiltInExample();
    void typingIntoAQueryCellRecomputes();
    void controlsUpdateTheViews();
    void headsShowAGridAndClickSelects();
    void maskModeClickMasksAndUndoUnmasks();
    void clickingAKeyLabelPadsTheKey();
    void clickingARowFillsTheBarChart();
    void thousandRapidEditsEndInTheFinalState();
    void openSaveRoundTrip();
    void ctrlCCopiesTheSelectionAsTsv();
    void docksDoNotOverlapAtTheSmallestSize();
    void badSceneKeepsTheOpenOne();
    void openingInTheBackground();
    void cancelledOpenKeepsTheScene();
    void aNewerSceneWinsOverAFileBeingRead_data();
    void aNewerSceneWinsOverAFileBeingRead();
    void nonAsciiFileNamesOpenAndSave();
    void longTitlesAreCut();
    void exportFromTheWindow_data();
    void exportFromTheWindow();
    void csvExport();
    void modelsPassTheTester();
    void trainingWindowOpensAPairInThePlayground();
};

void TestWindow::startsOnTheBuiltInExample() {
    MainWindow w;
    Views views(w);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // The first window fits the screen (the offscreen one is 800×800), or
    // is no larger than its docks need where the screen is smaller still
    // (400×400 at QT_SCALE_FACTOR=2).
    const QSize room = w.screen()->availableGeometry().size().expandedTo(w.minimumSizeHint());
    QVERIFY2(w.width() <= room.width() && w.height() <= room.height(),
             qPrintable(QStringLiteral("%1×%2 with room for %3×%4")
                            .arg(w.width())
                            .arg(w.height())
                            .arg(room.width())
                            .arg(room.height())));
    QVERIFY(views.wait());
    QCOMPARE(w.heatmapView()->data().rowLabels, (QStringList{"I", "am", "a", "student"}));
    QCOMPARE(w.heatmapView()->data().columnLabels, (QStringList{"Je", "suis", "étudiant"}));
    expectHeatmapMatchesEngine(w);
    QVERIFY(!w.document()->isModified());
}

void TestWindow::typingIntoAQueryCellRecomputes() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    const QVector<float> before(w.heatmapView()->data().values.data(),
                                w.heatmapView()->data().values.data() + w.heatmapView()->data().values.size());
    QTableView* view = w.matrixEditor(0)->view();
    const QModelIndex idx = view->model()->index(1, 2);
    view->setCurrentIndex(idx);
    view->setFocus();
    // Typing on a selected cell starts its editor, as in a spreadsheet.
    QTest::keyClick(view, Qt::Key_Minus);
    auto* editor = view->viewport()->findChild<QLineEdit*>();
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("3.5"));
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits from a queued call.
    QTRY_COMPARE(w.scene().queries(1, 2), -3.5f);
    QVERIFY(w.document()->isModified());
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
    const QVector<float> after(w.heatmapView()->data().values.data(),
                               w.heatmapView()->data().values.data() + w.heatmapView()->data().values.size());
    QVERIFY(before != after);
    // Undo restores the number and the picture.
    w.document()->undoStack()->undo();
    QCOMPARE(w.scene().queries(1, 2), 0.2f);
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
}

void TestWindow::controlsUpdateTheViews() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    ControlsPanel* c = w.controlsPanel();
    auto* scoring = c->findChild<QComboBox*>(QStringLiteral("scoringCombo"));
    QVERIFY(scoring);
    // Choose additive through the combo box, as a user would.
    scoring->setFocus();
    while (scoring->currentData().toInt() != int(ap::Scoring::Additive)) {
        const int before = scoring->currentIndex();
        QTest::keyClick(scoring, Qt::Key_Down);
        QVERIFY(scoring->currentIndex() != before);
    }
    QCOMPARE(w.scene().scoring, ap::Scoring::Additive);
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
    QVERIFY(w.heatmapView()->data().title.contains(QStringLiteral("additive")));

    // Normalization: hard attention makes every row one-hot.
    auto* norm = c->findChild<QComboBox*>(QStringLiteral("normalizationCombo"));
    QVERIFY(norm);
    norm->setFocus();
    while (norm->currentData().toInt() != int(ap::Normalization::Hard)) QTest::keyClick(norm, Qt::Key_Down);
    QCOMPARE(w.scene().normalization, ap::Normalization::Hard);
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
    for (int r = 0; r < w.heatmapView()->data().rows(); ++r)
        QCOMPARE(w.heatmapView()->data().values.row(r).sum(), 1.0f);
    // Hard attention ignores the temperature, so its controls are off.
    auto* temp = c->findChild<QDoubleSpinBox*>(QStringLiteral("temperatureSpin"));
    QVERIFY(temp);
    QVERIFY(!temp->isEnabled());
    QVERIFY(!c->findChild<QSlider*>(QStringLiteral("temperatureSlider"))->isEnabled());

    // Back to softmax, then the temperature box: T = 0.1 sharpens the rows.
    while (norm->currentData().toInt() != int(ap::Normalization::Softmax)) QTest::keyClick(norm, Qt::Key_Up);
    QVERIFY(temp->isEnabled());
    temp->setFocus();
    temp->selectAll();
    QTest::keyClicks(temp, QStringLiteral("0.1"));
    QTest::keyClick(temp, Qt::Key_Return);
    QCOMPARE(w.scene().temperature, 0.1f);
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);

    // The causal preset masks key j > query i.
    auto* mask = c->findChild<QComboBox*>(QStringLiteral("maskPresetCombo"));
    QVERIFY(mask);
    mask->setFocus();
    QTest::keyClick(mask, Qt::Key_Down);
    QVERIFY(w.scene().mask.causal);
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
    QVERIFY(w.heatmapView()->data().isMasked(0, 1));
    QCOMPARE(w.heatmapView()->data().values(0, 1), 0.0f);
}

void TestWindow::headsShowAGridAndClickSelects() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndOpen(QStringLiteral(AP_RESOURCES_DIR "/scenes/multi-head.json")));
    QVERIFY(w.headGridView()->isVisible());
    QCOMPARE(int(w.headGridView()->tiles().size()), 3);  // two heads and the mean
    expectHeatmapMatchesEngine(w);
    QSignalSpy spy(w.headGridView(), &HeadGridView::headSelected);
    QTest::mouseClick(w.headGridView(), Qt::LeftButton, {}, w.headGridView()->tileRect(1).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(w.currentHead().head, 1);
    expectHeatmapMatchesEngine(w, HeadChoice{1});

    // Heads through the controls: 1 head makes the grid go away.
    auto* heads = w.controlsPanel()->findChild<QComboBox*>(QStringLiteral("headsCombo"));
    QVERIFY(heads);
    heads->setFocus();
    QTest::keyClick(heads, Qt::Key_Home);
    QCOMPARE(w.scene().heads, 1);
    QVERIFY(views.wait());
    QVERIFY(!w.headGridView()->isVisible());
    expectHeatmapMatchesEngine(w);
}

void TestWindow::maskModeClickMasksAndUndoUnmasks() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    w.setMaskEditMode(true);
    HeatmapView* map = w.heatmapView();
    QVERIFY(w.maskEditMode() && map->maskEditMode());
    QVERIFY(!map->data().isMasked(2, 1));
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellCenter(2, 1));
    QVERIFY(w.document()->isCellMasked(2, 1));
    QVERIFY(views.wait());
    QVERIFY(map->data().isMasked(2, 1));
    QCOMPARE(map->data().values(2, 1), 0.0f);
    expectHeatmapMatchesEngine(w);
    w.document()->undoStack()->undo();
    QVERIFY(!w.document()->isCellMasked(2, 1));
    QVERIFY(views.wait());
    QVERIFY(!map->data().isMasked(2, 1));
    expectHeatmapMatchesEngine(w);
    // Out of the mode, a click selects and masks nothing.
    w.setMaskEditMode(false);
    QVERIFY(!map->maskEditMode());
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellCenter(3, 1));
    QVERIFY(!w.document()->isCellMasked(3, 1));
    QCOMPARE(w.selectedQuery(), 3);
}

// Lesson 6: a click on a key's label above the heatmap pads the key (the
// K table's command, one undo step); another click unpads it.
void TestWindow::clickingAKeyLabelPadsTheKey() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    HeatmapView* map = w.heatmapView();
    const int query = w.selectedQuery();
    QVERIFY(!w.document()->isKeyPadded(1));
    QTest::mouseClick(map, Qt::LeftButton, {}, map->columnLabelCenter(1));
    QVERIFY(w.document()->isKeyPadded(1));
    QCOMPARE(w.document()->undoStack()->undoText(),
             QStringLiteral("Pad key “%1”").arg(QString::fromStdString(w.document()->scene().keyTokens[1])));
    QCOMPARE(w.selectedQuery(), query);  // a label click selects no query
    QVERIFY(views.wait());
    for (int r = 0; r < map->data().rows(); ++r) {
        QVERIFY(map->data().isMasked(r, 1));
        QCOMPARE(map->data().values(r, 1), 0.0f);
    }
    expectHeatmapMatchesEngine(w);
    QTest::mouseClick(map, Qt::LeftButton, {}, map->columnLabelCenter(1));
    QVERIFY(!w.document()->isKeyPadded(1));
    QVERIFY(views.wait());
    QVERIFY(!map->data().isMasked(0, 1));
    w.document()->undoStack()->undo();
    QVERIFY(w.document()->isKeyPadded(1));
    // The title above the labels and the cells below them pad nothing.
    QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(map->columnLabelCenter(2).x(), 2));
    QVERIFY(!w.document()->isKeyPadded(2));
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellCenter(0, 2));
    QVERIFY(!w.document()->isKeyPadded(2));
}

void TestWindow::clickingARowFillsTheBarChart() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    HeatmapView* map = w.heatmapView();
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellCenter(3, 0));
    QCOMPARE(w.selectedQuery(), 3);
    const QVector<double> bars = w.barChartView()->barValues();
    QCOMPARE(bars.size(), 3);
    for (int c = 0; c < 3; ++c) QCOMPARE(float(bars[c]), map->data().values(3, c));
    QVERIFY(w.barChartView()->title().contains(QStringLiteral("student")));
}

void TestWindow::thousandRapidEditsEndInTheFinalState() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    SceneDocument* doc = w.document();
    // Edits arrive far faster than results: requests coalesce, stale
    // results are dropped, and the last edit's result is what stays.
    for (int i = 0; i < 1000; ++i) {
        doc->setCell(MatrixRole::Q, i % 4, (i / 4) % 4, float((i * 37) % 101) / 25.0f - 2.0f,
                     SceneDocument::Merge::Never);
        if (i % 100 == 0) doc->setTemperature(0.5f + float(i) / 1000.0f);
        if (i % 50 == 0) QCoreApplication::processEvents();
    }
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
    QCOMPARE(w.outputView()->model()->rowCount(), 4);
    ap::AttentionResult expected;
    QVERIFY(ap::computeAttention(w.scene(), {}, expected).ok);
    for (int c = 0; c < expected.output.cols(); ++c)
        QCOMPARE(w.outputView()->model()->index(3, c).data(Qt::EditRole).toFloat(), expected.output(3, c));
}

void TestWindow::ctrlCCopiesTheSelectionAsTsv() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    QTableView* table = w.outputView()->tableView();
    OutputModel* m = w.outputView()->model();
    QVERIFY(m->rowCount() >= 2 && m->columnCount() >= 2);
    table->setFocus();
    table->selectionModel()->select(QItemSelection(m->index(0, 0), m->index(1, 1)),
                                    QItemSelectionModel::ClearAndSelect);
    QApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    for (int r = 0; r < 2; ++r) {
        const QStringList cells = lines[r].split(QLatin1Char('\t'));
        QCOMPARE(cells.size(), 2);
        for (int c = 0; c < 2; ++c) QCOMPARE(cells[c].toFloat(), m->index(r, c).data(Qt::EditRole).toFloat());
    }
}

void TestWindow::docksDoNotOverlapAtTheSmallestSize() {
    MainWindow w;
    w.resize(1024, 640);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCoreApplication::processEvents();
    QVERIFY(w.width() <= 1024 && w.height() <= 640);
    const QList<QDockWidget*> docks = w.findChildren<QDockWidget*>();
    QVERIFY(docks.size() >= 4);
    // A dock behind another in a tab group is parked outside the window.
    auto shown = [](QDockWidget* d) { return d->isVisible() && !d->visibleRegion().isEmpty(); };
    for (QDockWidget* a : docks) {
        if (!shown(a)) continue;
        // Every dock inside the window, none over another.
        const QRect g = a->geometry();
        QVERIFY2(w.rect().contains(g), qPrintable(QStringLiteral("%1 at %2,%3 %4x%5 in %6x%7, floating %8")
                                                      .arg(a->objectName())
                                                      .arg(g.x())
                                                      .arg(g.y())
                                                      .arg(g.width())
                                                      .arg(g.height())
                                                      .arg(w.width())
                                                      .arg(w.height())
                                                      .arg(a->isFloating())));
        for (QDockWidget* b : docks)
            if (a != b && shown(b))
                QVERIFY2(!a->geometry().intersects(b->geometry()),
                         qPrintable(a->objectName() + QStringLiteral(" overlaps ") + b->objectName()));
    }
}

void TestWindow::openSaveRoundTrip() {
    QTemporaryDir dir;
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndOpen(QStringLiteral(AP_RESOURCES_DIR "/scenes/padded-batch.json")));
    QVERIFY(w.heatmapView()->data().isMasked(0, 3));
    w.document()->setTemperature(2.0f);
    const QString path = dir.filePath(QStringLiteral("saved.json"));
    QVERIFY(w.saveFile(path));
    QVERIFY(!w.document()->isModified());
    const ap::SceneReadResult read = ap::readSceneFile(path.toStdString());
    QVERIFY2(read.ok, read.error.c_str());
    QCOMPARE(ap::sceneToJson(read.value), ap::sceneToJson(w.scene()));
    MainWindow w2;
    QVERIFY(w2.openFile(path));
    QCOMPARE(ap::sceneToJson(w2.scene()), ap::sceneToJson(w.scene()));
    QCOMPARE(w2.scene().temperature, 2.0f);
}

void TestWindow::badSceneKeepsTheOpenOne() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    const std::string before = ap::sceneToJson(w.scene());
    QVERIFY(!w.openFile(data("cli/ragged.json")));
    QVERIFY(w.lastError().contains(QStringLiteral("ragged.json")));
    QVERIFY(w.lastError().contains(QStringLiteral("queries.matrix[1]")));
    QCOMPARE(ap::sceneToJson(w.scene()), before);
}

void TestWindow::openingInTheBackground() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    QSignalSpy failed(&w, &MainWindow::openFailed);
    // A bad file: the message names it, and the open scene stays.
    const std::string before = ap::sceneToJson(w.scene());
    w.openFileInBackground(data("cli/ragged.json"));
    QVERIFY(w.isOpening());
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(!w.isOpening());
    QVERIFY(w.lastError().contains(QStringLiteral("ragged.json")));
    QCOMPARE(ap::sceneToJson(w.scene()), before);
    // A good one replaces the scene and the views show it.
    const QString path = QStringLiteral(AP_RESOURCES_DIR "/scenes/padded-batch.json");
    w.openFileInBackground(path);
    QTRY_COMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), path);
    QVERIFY(views.wait());
    QCOMPARE(w.document()->filePath(), path);
    QVERIFY(!w.document()->isModified());
    QVERIFY(w.heatmapView()->data().isMasked(0, 3));
    QVERIFY(w.lastError().isEmpty());
}

void TestWindow::cancelledOpenKeepsTheScene() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    const std::string before = ap::sceneToJson(w.scene());
    w.openFileInBackground(QStringLiteral(AP_RESOURCES_DIR "/scenes/multi-head.json"));
    w.cancelOpening();
    QVERIFY(!w.isOpening());
    // Whatever the reader does later is dropped.
    QTest::qWait(300);
    QCOMPARE(opened.count(), 0);
    QCOMPARE(ap::sceneToJson(w.scene()), before);
    QVERIFY(w.controlsPanel()->isEnabled());
}

// New, a lesson or a scene handed over by another window, chosen while a
// file is still being read: the file is given up, so that it cannot replace
// the newer scene when it arrives.
void TestWindow::aNewerSceneWinsOverAFileBeingRead_data() {
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("title");
    QTest::newRow("File > New") << QStringLiteral("new") << QString();
    QTest::newRow("a lesson") << QStringLiteral("lesson") << QStringLiteral("Lesson 1: the four steps of attention");
    QTest::newRow("another window") << QStringLiteral("setScene") << QStringLiteral("handed over");
}

void TestWindow::aNewerSceneWinsOverAFileBeingRead() {
    QFETCH(QString, how);
    QFETCH(QString, title);
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    const auto actions = w.findChildren<QAction*>();
    const auto action = [&](auto matches) -> QAction* {
        for (QAction* a : actions)
            if (matches(a)) return a;
        return nullptr;
    };
    QAction* newAction = action([](QAction* a) { return a->shortcut() == QKeySequence(QKeySequence::New); });
    QAction* lesson = w.findChild<QAction*>(QStringLiteral("lessonAction1"));
    QVERIFY(newAction && lesson);
    QSignalSpy opened(&w, &MainWindow::fileOpened);
    w.openFileInBackground(QStringLiteral(AP_RESOURCES_DIR "/scenes/multi-head.json"));
    QVERIFY(w.isOpening());
    if (how == QLatin1String("new")) {
        newAction->trigger();
        title = QString::fromStdString(ap::builtInExample().title);
    } else if (how == QLatin1String("lesson")) {
        lesson->trigger();
    } else {
        ap::Scene scene = ap::builtInExample();
        scene.title = title.toStdString();
        w.setScene(std::move(scene));
    }
    QVERIFY(!w.isOpening());
    QVERIFY(w.controlsPanel()->isEnabled());
    QTest::qWait(300);  // whatever the reader does later is dropped
    QCOMPARE(opened.count(), 0);
    QCOMPARE(QString::fromStdString(w.scene().title), title);
}

void TestWindow::nonAsciiFileNamesOpenAndSave() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scène ☃ 注意.json"));
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    w.document()->setTemperature(1.5f);
    QVERIFY2(w.saveFile(path), qPrintable(w.lastError()));
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QFileInfo(path).fileName()});
    MainWindow w2;
    QSignalSpy opened(&w2, &MainWindow::fileOpened);
    w2.openFileInBackground(path);
    QTRY_COMPARE(opened.count(), 1);
    QCOMPARE(w2.scene().temperature, 1.5f);
}

void TestWindow::longTitlesAreCut() {
    // Views draw at most a line of a title: a 10 MiB one is cut before any
    // text is measured.
    const QString cut = shortTitle(std::string(10 << 20, 'x'));
    QCOMPARE(cut.size(), kMaxShownTitleChars + 1);
    QCOMPARE(cut.back(), QChar(0x2026));
    // Multi-byte characters are never split.
    const QString snow = shortTitle(std::string(2000, 'a') + "☃");
    QVERIFY(!snow.contains(QChar(0xfffd)));
    QCOMPARE(shortTitle("short ☃"), QStringLiteral("short ☃"));
    // The heatmap shows the scene's title in its own title.
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    QVERIFY(w.document()->setTitle(QStringLiteral("Ünïcode title")));
    QVERIFY(views.wait());
    QVERIFY(w.heatmapView()->data().title.startsWith(QStringLiteral("Ünïcode title")));
}

void TestWindow::exportFromTheWindow_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("grid");
    QTest::newRow("heatmap png") << "map.png" << false;
    QTest::newRow("grid png") << "grid.png" << true;
    QTest::newRow("heatmap svg") << "map.svg" << false;
    QTest::newRow("heatmap pdf") << "map.pdf" << false;
}

void TestWindow::exportFromTheWindow() {
    QFETCH(QString, name);
    QFETCH(bool, grid);
    QTemporaryDir dir;
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndOpen(QStringLiteral(AP_RESOURCES_DIR "/scenes/multi-head.json")));
    const QString path = dir.filePath(name);
    QCOMPARE(w.exportImage(path, QSize(720, 540), grid), QString());
    QVERIFY(QFileInfo(path).size() > 1000);
    if (name.endsWith(QLatin1String(".png"))) {
        QImage image(path);
        QCOMPARE(image.size(), QSize(720, 540));
        QSet<QRgb> colors;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3) colors.insert(image.pixel(x, y));
        QVERIFY(colors.size() > 20);
    }
}

void TestWindow::csvExport() {
    QTemporaryDir dir;
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    const QString path = dir.filePath(QStringLiteral("weights.csv"));
    QCOMPARE(w.exportWeightsCsv(path), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines[0], QStringLiteral(",Je,suis,étudiant"));
    const QStringList row = lines[1].split(QLatin1Char(','));
    QCOMPARE(row[0], QStringLiteral("I"));
    QCOMPARE(row[1].toFloat(), w.heatmapView()->data().values(0, 0));
    QCOMPARE(w.exportOutputCsv(dir.filePath(QStringLiteral("out.csv"))), QString());
}

void TestWindow::modelsPassTheTester() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    QAbstractItemModelTester q(w.matrixEditor(0)->view()->model(),
                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester k(w.matrixEditor(1)->view()->model(),
                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester v(w.matrixEditor(2)->view()->model(),
                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester out(w.outputView()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    w.document()->insertToken(MatrixRole::K, 1, QStringLiteral("ne"));
    w.document()->setWidth(MatrixRole::Q, 6);
    w.document()->setKEqualsV(false);
    w.document()->removeToken(MatrixRole::Q, 0);
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
    while (w.document()->undoStack()->canUndo()) w.document()->undoStack()->undo();
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
}

void TestWindow::trainingWindowOpensAPairInThePlayground() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    TrainingPanel* panel = w.trainingPanel();
    QVERIFY(panel);
    QVERIFY(panel->corpus() && !panel->corpus()->pairs.empty());
    // An untrained model's scene for the first pair, as "Open in playground"
    // builds it; the playground then shows exactly that scene's attention.
    ap::Seq2SeqOptions options;
    ap::Seq2SeqTrainer trainer;
    QCOMPARE(QString::fromStdString(trainer.start(*panel->corpus(), options).message), QString());
    const ap::Scene scene = ap::sceneFromPair(trainer.model(), panel->corpus()->pairs.front());
    QCOMPARE(QString::fromStdString(ap::validate(scene).message), QString());
    emit panel->openInPlayground(scene);
    QCOMPARE(ap::sceneToJson(w.scene()), ap::sceneToJson(scene));
    QVERIFY(views.wait());
    expectHeatmapMatchesEngine(w);
    QCOMPARE(w.heatmapView()->data().columnLabels.size(), int(panel->corpus()->pairs.front().source.size()));
}

QTEST_MAIN(TestWindow)
#include "test_window.moc"
