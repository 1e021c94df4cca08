// The step-by-step view, compare mode and the lessons, driven under the
// offscreen platform, asserting the numbers they show against the engine.
#include "attention/divergence.h"
#include "attention/explain.h"
#include "document/scene_document.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/message_bar.h"
#include "widgets/compare/compare_side.h"
#include "widgets/compare/compare_window.h"
#include "widgets/explain/step_view.h"
#include "widgets/lessons/lessons.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/explain/learning_tools.h"
#include "widgets/playground/controls_panel.h"
#include "main_window_views.h"
#include "widgets/playground/main_window.h"
#include "widgets/playground/matrix_editor.h"
#include "document/matrix_model.h"
#include "isolated_settings.h"

#include <QtTest>

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QDockWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QUndoStack>

using namespace ui;

namespace {

ap::AttentionResult compute(const ap::Scene& s) {
    ap::AttentionResult r;
    const ap::Status st = ap::computeAttention(s, {}, r);
    if (!st.ok) qWarning("%s", st.message.c_str());
    return r;
}

template <typename W>
W* child(QObject* parent, const char* name) {
    return parent->findChild<W*>(QLatin1String(name));
}

void chooseData(QComboBox* combo, int value) {
    const int i = combo->findData(value);
    QVERIFY(i >= 0);
    combo->setCurrentIndex(i);
    emit combo->activated(i);
}

}  // namespace

class TestExplainUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { isolateSettings(); }
    void windowStepsFollowSelectionAndEdits();
    void windowStepHoverHighlightsTablesAndHeatmap();
    void windowSamplingShowsOneHotRowsAndBars();
    void windowLessonsMenuLoadsALesson();
    void stepViewShowsTheEngineSteps();
    void stepViewCopiesTextAndLatex();
    void stepViewHoverReportsTheNumbersUsed();
    void compareShowsDifferencesAndDivergences();
    void compareSynchronisesSelectionAndHover();
    void compareExports();
    void compareReportsShapeMismatchInTheMessageBar();
    void compareResampleShortcutActsOnFocusedSide();
    void everyLessonLoadsAndItsTaskCanBeDone();
    void lessonFiveSliderShowsSaturation();
    // Not a check: writes the README's pictures when AP_SCREENSHOT_DIR is set.
    void screenshots();
};

void TestExplainUi::stepViewShowsTheEngineSteps() {
    const ap::Scene s = ap::builtInExample();
    ap::ExplainOptions o;
    o.cell.query = 2;
    o.cell.key = 2;
    ap::Explanation e;
    QVERIFY(ap::explainScene(s, o, e).ok);
    StepView view;
    view.setExplanation(e, QStringLiteral("a → étudiant"));
    QCOMPARE(view.stepCount(), int(e.steps.size()));
    // The scaled-dot and softmax steps, in order, with their numbers.
    QStringList names;
    for (const auto& st : e.steps) names << QString::fromStdString(st.name);
    QCOMPARE(names.mid(0, 5), (QStringList{"query", "key", "products", "dot", "score"}));
    QVERIFY(names.contains("exponentials"));
    const int weightStep = int(names.indexOf("weight"));
    QVERIFY(view.stepTitle(weightStep).endsWith(QStringLiteral("Weight")));
    QVERIFY2(view.stepFormula(weightStep).endsWith(QString::number(double(e.weight), 'g', 6)),
             qPrintable(view.stepFormula(weightStep)));
    auto* header = child<QLabel>(&view, "stepHeader");
    QVERIFY(header->text().contains(QString::number(double(e.weight), 'g', 6)));
    // The built-in example's aligned weight of "a" (test_scene_io): 0.81 for étudiant is
    // "student"; "a" spreads over suis and étudiant.
    const ap::AttentionResult r = compute(s);
    QCOMPARE(e.weight, r.heads[0].weights(2, 2));
    view.clear(QStringLiteral("nothing"));
    QCOMPARE(view.stepCount(), 0);
    QVERIFY(!view.hasExplanation());
}

void TestExplainUi::stepViewCopiesTextAndLatex() {
    ap::Scene s = ap::builtInExample();
    s.normalization = ap::Normalization::Sparsemax;
    ap::Explanation e;
    ap::ExplainOptions o;
    o.cell.query = 3;
    o.cell.key = 2;
    QVERIFY(ap::explainScene(s, o, e).ok);
    StepView view;
    view.setExplanation(e, QStringLiteral("student → étudiant"));
    QTest::mouseClick(child<QPushButton>(&view, "copyTextButton"), Qt::LeftButton);
    const QString text = QGuiApplication::clipboard()->text();
    QVERIFY(text.startsWith(QStringLiteral("student → étudiant")));
    QVERIFY(text.contains(QStringLiteral("τ = ")));
    QCOMPARE(text.count(QLatin1Char('\n')), 1 + 2 * view.stepCount());
    QTest::mouseClick(child<QPushButton>(&view, "copyLatexButton"), Qt::LeftButton);
    const QString latex = QGuiApplication::clipboard()->text();
    QVERIFY(latex.startsWith(QStringLiteral("\\begin{align*}")));
    QVERIFY(latex.contains(QStringLiteral("\\tau")));
    QVERIFY(latex.trimmed().endsWith(QStringLiteral("\\end{align*}")));
}

void TestExplainUi::stepViewHoverReportsTheNumbersUsed() {
    ap::Scene s = ap::builtInExample();
    ap::Explanation e;
    ap::ExplainOptions o;
    o.cell.query = 1;
    o.cell.key = 0;
    QVERIFY(ap::explainScene(s, o, e).ok);
    StepView view;
    view.setExplanation(e, QStringLiteral("am → Je"));
    std::vector<ap::ExplainUse> got;
    int signals_ = 0;
    connect(&view, &StepView::stepHovered, this, [&](const std::vector<ap::ExplainUse>& u) {
        got = u;
        ++signals_;
    });
    auto* list = child<QTreeWidget>(&view, "stepList");
    emit list->itemEntered(list->topLevelItem(0), 0);  // the query vector
    QCOMPARE(signals_, 1);
    QCOMPARE(int(got.size()), 1);
    QVERIFY(got[0].table == ap::ExplainTable::Queries);
    QCOMPARE(got[0].row, 1);
    QCOMPARE(got[0].firstColumn, 0);
    QCOMPARE(got[0].columns, 4);
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(list->viewport(), &leave);
    QCOMPARE(signals_, 2);
    QVERIFY(got.empty());
}

void TestExplainUi::compareShowsDifferencesAndDivergences() {
    const ap::Scene s = ap::builtInExample();
    CompareWindow w(s);
    w.show();
    QTRY_COMPARE(int(w.differences().jensenShannon.size()), 4);
    // B starts with sparsemax: the engine's numbers, independently.
    ap::Scene b = s;
    b.normalization = ap::Normalization::Sparsemax;
    ap::RowDifferences expected;
    QVERIFY(ap::compareRows(compute(s).weightsMean, compute(b).weightsMean, expected));
    QVERIFY(w.differenceView()->data().values == expected.difference);
    QCOMPARE(w.differenceView()->data().minValue, -w.differenceView()->data().maxValue);
    QVERIFY(w.differenceView()->style().colormap.kind() == Colormap::Kind::Diverging);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(w.differences().jensenShannon[std::size_t(i)], expected.jensenShannon[std::size_t(i)]);
        QCOMPARE(w.rowTable()->item(i, 1)->text(), QLocale().toString(expected.jensenShannon[std::size_t(i)], 'f', 4));
        QCOMPARE(w.rowTable()->item(i, 2)->text(),
                 QLocale().toString(expected.maxAbsDifference[std::size_t(i)], 'f', 4));
        QVERIFY(expected.jensenShannon[std::size_t(i)] > 0.0);
    }
    // Back to softmax on B: the two agree everywhere.
    chooseData(child<QComboBox>(w.sideB()->controls(), "normalizationCombo"), int(ap::Normalization::Softmax));
    QTRY_VERIFY(w.differences().jensenShannon.size() == 4 && w.differences().maxAbsDifference[0] == 0.0);
    for (double j : w.differences().jensenShannon) QCOMPARE(j, 0.0);
    // Scaled vs unscaled on A: A changes, B does not.
    chooseData(child<QComboBox>(w.sideA()->controls(), "scoringCombo"), int(ap::Scoring::Dot));
    QCOMPARE(w.sideA()->document()->scene().scoring, ap::Scoring::Dot);
    QCOMPARE(w.sideB()->document()->scene().scoring, ap::Scoring::ScaledDot);
    QTRY_VERIFY(w.differences().maxAbsDifference[0] > 0.0);
    // Heads: 4 on B (d = 4); the mean weights are compared.
    chooseData(child<QComboBox>(w.sideB()->controls(), "headsCombo"), 4);
    QCOMPARE(w.sideB()->document()->scene().heads, 4);
    QTRY_VERIFY(w.sideB()->result() && w.sideB()->result()->heads.size() == 4);
    ap::Scene a4 = s;
    a4.scoring = ap::Scoring::Dot;
    ap::Scene b4 = s;
    b4.heads = 4;
    QTRY_VERIFY(ap::compareRows(compute(a4).weightsMean, compute(b4).weightsMean, expected) &&
                w.differenceView()->data().values == expected.difference);
}

void TestExplainUi::compareSynchronisesSelectionAndHover() {
    CompareWindow w(ap::builtInExample());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_COMPARE(int(w.differences().jensenShannon.size()), 4);
    HeatmapView* a = w.sideA()->heatmap();
    QTest::mouseClick(a, Qt::LeftButton, {}, a->cellCenter(2, 1));
    QCOMPARE(w.selectedRow(), 2);
    QCOMPARE(w.sideB()->heatmap()->selectedRow(), 2);
    QCOMPARE(w.differenceView()->selectedRow(), 2);
    QCOMPARE(w.rowTable()->currentRow(), 2);
    w.rowTable()->setCurrentCell(3, 0);
    QCOMPARE(a->selectedRow(), 3);
    HeatmapView* d = w.differenceView();
    // A move event sent to the view: QTest::mouseMove goes through the
    // cursor, which the offscreen platform misplaces at QT_SCALE_FACTOR=2.
    const QPointF over = d->cellCenter(1, 2);
    QMouseEvent move(QEvent::MouseMove, over, d->mapToGlobal(over), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(d, &move);
    QTRY_VERIFY(a->style().hoveredCell.has_value());
    QCOMPARE(*a->style().hoveredCell, QPoint(2, 1));
    QCOMPARE(*w.sideB()->heatmap()->style().hoveredCell, QPoint(2, 1));
}

void TestExplainUi::compareResampleShortcutActsOnFocusedSide() {
    CompareWindow w(ap::builtInExample());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    for (CompareSide* side : {w.sideA(), w.sideB()})
        chooseData(child<QComboBox>(side->controls(), "normalizationCombo"), int(ap::Normalization::Sample));
    const std::uint64_t seedA = w.sideA()->document()->scene().seed;
    const std::uint64_t seedB = w.sideB()->document()->scene().seed;
    // With focus in A, the shortcut resamples A only (two window-wide
    // button shortcuts would be ambiguous, and neither would fire).
    w.activateWindow();
    w.sideA()->heatmap()->setFocus();
    QTRY_VERIFY(w.sideA()->heatmap()->hasFocus());
    QTest::keyClick(w.sideA()->heatmap(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(w.sideA()->document()->scene().seed != seedA);
    QCOMPARE(w.sideB()->document()->scene().seed, seedB);
    const std::uint64_t newSeedA = w.sideA()->document()->scene().seed;
    w.sideB()->heatmap()->setFocus();
    QTRY_VERIFY(w.sideB()->heatmap()->hasFocus());
    QTest::keyClick(w.sideB()->heatmap(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(w.sideB()->document()->scene().seed != seedB);
    QCOMPARE(w.sideA()->document()->scene().seed, newSeedA);
}

void TestExplainUi::compareExports() {
    CompareWindow w(ap::builtInExample());
    QTRY_COMPARE(int(w.differences().jensenShannon.size()), 4);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("diff.png"));
    QCOMPARE(w.exportDifference(png, QSize(400, 300)), QString());
    QImage image(png);
    QCOMPARE(image.size(), QSize(400, 300));
    const QString csv = dir.filePath(QStringLiteral("rows.csv"));
    QCOMPARE(w.exportRowsCsv(csv), QString());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines[0].contains(QStringLiteral("js_divergence")));
    QVERIFY(lines[3].startsWith(QStringLiteral("a,")));
    QCOMPARE(w.exportDifference(dir.filePath(QStringLiteral("diff.svg"))), QString());
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("diff.svg"))));
}

void TestExplainUi::compareReportsShapeMismatchInTheMessageBar() {
    CompareWindow w(ap::builtInExample());
    QTRY_COMPARE(int(w.differences().jensenShannon.size()), 4);
    QCOMPARE(w.messageBar()->text(), QString());
    // A fifth query on B only: the two cannot be compared, and the window
    // says so in its message bar.
    QVERIFY(w.sideB()->document()->insertToken(MatrixRole::Q, 4));
    QTRY_VERIFY(w.messageBar()->text().contains(QStringLiteral("different shapes")));
    QVERIFY(w.differences().jensenShannon.empty());
    // The same shapes again: compared, and the message goes.
    QVERIFY(w.sideB()->document()->removeToken(MatrixRole::Q, 4));
    QTRY_COMPARE(int(w.differences().jensenShannon.size()), 4);
    QCOMPARE(w.messageBar()->text(), QString());
}

void TestExplainUi::everyLessonLoadsAndItsTaskCanBeDone() {
    SceneDocument doc;
    LessonsPanel panel(&doc);
    auto* task = child<QLabel>(&panel, "lessonTask");
    QCOMPARE(int(lessons().size()), 7);
    for (int n = 0; n < 7; ++n) {
        QVERIFY2(panel.startLesson(n), qPrintable(QString::number(n)));
        QCOMPARE(panel.currentLesson(), n);
        QVERIFY(QString::fromStdString(doc.scene().title).startsWith(QStringLiteral("Lesson %1").arg(n + 1)));
        QVERIFY(!panel.shownText().isEmpty());
        panel.evaluate(doc.scene(), compute(doc.scene()));
        QVERIFY2(!panel.taskDone(), qPrintable(QStringLiteral("lesson %1 starts done").arg(n + 1)));
        QVERIFY(task->text().startsWith(QStringLiteral("Try this")));

        // What a learner would do.
        switch (n) {
        case 0: {  // "a" towards étudiant: its query onto étudiant's key
            const float row[] = {0.0f, 0.4f, 2.0f, 0.6f};
            for (int c = 0; c < 4; ++c) QVERIFY(doc.setCell(MatrixRole::Q, 2, c, row[c]));
            break;
        }
        case 1:
            QVERIFY(doc.setNormalization(ap::Normalization::Sample));
            QVERIFY(doc.setSamples(20000));
            break;
        case 2: QVERIFY(doc.setScoring(ap::Scoring::Cosine)); break;
        case 3: {  // "sat" becomes half of "cat"
            const ap::Matrix x = doc.scene().queries;
            for (int c = 0; c < 4; ++c) {
                QVERIFY(doc.setCell(MatrixRole::Q, 2, c, 0.5f * x(1, c)));
                if (!doc.selfAttention()) QVERIFY(doc.setCell(MatrixRole::K, 2, c, 0.5f * x(1, c)));
            }
            break;
        }
        case 4:
            panel.dimensionSlider()->setValue(8);  // d = 256
            QCOMPARE(int(doc.scene().queries.cols()), 256);
            QVERIFY(doc.setScoring(ap::Scoring::Dot));
            break;
        case 5:
            QVERIFY(doc.setKeyPadding(4, true));
            QVERIFY(doc.setKeyPadding(5, true));
            panel.evaluate(doc.scene(), compute(doc.scene()));
            QVERIFY(!panel.taskDone());  // the causal mask is still missing
            QVERIFY(doc.setCausal(true));
            break;
        case 6: QVERIFY(doc.setHeads(2)); break;
        }
        panel.evaluate(doc.scene(), compute(doc.scene()));
        QVERIFY2(panel.taskDone(), qPrintable(QStringLiteral("lesson %1 not done").arg(n + 1)));
        QVERIFY(task->text().startsWith(QStringLiteral("✔")));
    }
}

void TestExplainUi::lessonFiveSliderShowsSaturation() {
    SceneDocument doc;
    LessonsPanel panel(&doc);
    QVERIFY(panel.startLesson(4));
    panel.dimensionSlider()->setValue(2);  // d = 4
    const double small = meanRowMaximum(doc.scene(), ap::Scoring::Dot);
    panel.dimensionSlider()->setValue(10);  // d = 1024
    QCOMPARE(int(doc.scene().queries.cols()), 1024);
    const double unscaled = meanRowMaximum(doc.scene(), ap::Scoring::Dot);
    const double scaled = meanRowMaximum(doc.scene(), ap::Scoring::ScaledDot);
    // Without the scale softmax saturates (one-hot rows); with it, it does not.
    QVERIFY(unscaled > 0.99);
    QVERIFY(scaled < 0.8);
    QVERIFY(small < unscaled);
    QVERIFY(panel.dimensionSummary().contains(QStringLiteral("d = 1024")));
    QVERIFY(panel.dimensionSummary().contains(QLocale().toString(unscaled, 'f', 2)));
}

void TestExplainUi::windowStepsFollowSelectionAndEdits() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    LearningTools* tools = w.learningTools();
    QVERIFY(tools->stepsDock()->isVisibleTo(&w) || tools->lessonsDock()->isVisibleTo(&w));
    HeatmapView* h = w.heatmapView();
    QTest::mouseClick(h, Qt::LeftButton, {}, h->cellCenter(2, 2));
    StepView* steps = tools->stepView();
    QVERIFY(steps->hasExplanation());
    QCOMPARE(steps->explanation().cell.query, 2);
    QCOMPARE(steps->explanation().cell.key, 2);
    QCOMPARE(steps->explanation().weight, w.currentResult()->heads[0].weights(2, 2));
    QCOMPARE(w.selectedQuery(), 2);
    // An edit recomputes, and the steps follow with the new numbers.
    const float before = steps->explanation().weight;
    QVERIFY(w.document()->setCell(MatrixRole::Q, 2, 2, 3.0f));
    QVERIFY(views.wait());
    QCOMPARE(steps->explanation().weight, w.currentResult()->heads[0].weights(2, 2));
    QVERIFY(steps->explanation().weight != before);
    QCOMPARE(steps->explanation().steps[0].value[2], 3.0);  // the edited query entry
    // Rows 4096 wide stay cheap: vectors are cut to a few entries.
    for (const auto& st : steps->explanation().steps) QVERIFY(st.value.size() <= 12);
}

void TestExplainUi::windowStepHoverHighlightsTablesAndHeatmap() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    HeatmapView* h = w.heatmapView();
    QTest::mouseClick(h, Qt::LeftButton, {}, h->cellCenter(1, 0));
    auto* list = w.learningTools()->stepView()->findChild<QTreeWidget*>(QStringLiteral("stepList"));
    QVERIFY(list && list->topLevelItemCount() > 5);
    emit list->itemEntered(list->topLevelItem(1), 0);  // the key vector
    MatrixModel* k = w.matrixEditor(1)->model();
    QVERIFY(k->isHighlighted(0, 0) && k->isHighlighted(0, 3));
    QVERIFY(!k->isHighlighted(1, 0));
    QVERIFY(!w.matrixEditor(0)->model()->isHighlighted(1, 0));
    QCOMPARE(k->data(k->index(0, 0), Qt::BackgroundRole).value<QBrush>().color(), MatrixModel::highlightTint());
    int exps = -1;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (w.learningTools()->stepView()->explanation().steps[std::size_t(i)].name == "exponentials") exps = i;
    QVERIFY(exps > 0);
    emit list->itemEntered(list->topLevelItem(exps), 0);  // the whole row in the heatmap
    QVERIFY(!k->isHighlighted(0, 0));
    QVERIFY(h->style().highlight.has_value());
    QCOMPARE(*h->style().highlight, QRect(0, 1, 3, 1));
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(list->viewport(), &leave);
    QVERIFY(!h->style().highlight.has_value());
}

void TestExplainUi::windowSamplingShowsOneHotRowsAndBars() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    chooseData(w.controlsPanel()->findChild<QComboBox*>(QStringLiteral("normalizationCombo")),
               int(ap::Normalization::Sample));
    QCOMPARE(w.scene().normalization, ap::Normalization::Sample);
    QVERIFY(views.wait());
    // N = 1: one-hot rows in the heatmap.
    const HeatmapData& d = w.heatmapView()->data();
    for (int r = 0; r < d.rows(); ++r) {
        int ones = 0;
        for (int c = 0; c < d.columns(); ++c) {
            QVERIFY(d.values(r, c) == 0.0f || d.values(r, c) == 1.0f);
            ones += d.values(r, c) == 1.0f;
        }
        QCOMPARE(ones, 1);
    }
    // The bars: sampled frequencies beside the softmax probabilities.
    w.selectQuery(2);
    ap::Scene soft = w.scene();
    soft.normalization = ap::Normalization::Softmax;
    ap::AttentionResult sr = compute(soft);
    QVector<double> ref = w.barChartView()->referenceValues();
    QCOMPARE(ref.size(), 3);
    for (int j = 0; j < 3; ++j) QCOMPARE(float(ref[j]), sr.heads[0].weights(2, j));
    // More draws: the frequencies approach the probabilities.
    auto* samples = w.controlsPanel()->findChild<QSpinBox*>(QStringLiteral("samplesSpin"));
    samples->setValue(20000);
    QCOMPARE(w.scene().samples, 20000);
    QVERIFY(views.wait());
    const QVector<double> bars = w.barChartView()->barValues();
    for (int j = 0; j < 3; ++j) QVERIFY(std::fabs(bars[j] - ref[j]) < 0.015);
    // Resample: a new seed, undoable.
    const std::uint64_t seed = w.scene().seed;
    QTest::mouseClick(w.controlsPanel()->findChild<QPushButton*>(QStringLiteral("resampleButton")), Qt::LeftButton);
    QVERIFY(w.scene().seed != seed);
    w.document()->undoStack()->undo();
    QCOMPARE(w.scene().seed, seed);
    // Back to softmax: no second series.
    chooseData(w.controlsPanel()->findChild<QComboBox*>(QStringLiteral("normalizationCombo")),
               int(ap::Normalization::Softmax));
    QVERIFY(views.wait());
    QVERIFY(w.barChartView()->referenceValues().isEmpty());
}

void TestExplainUi::windowLessonsMenuLoadsALesson() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndWait());
    auto* action = w.findChild<QAction*>(QStringLiteral("lessonAction1"));
    QVERIFY(action);
    action->trigger();
    QVERIFY(views.wait());
    QCOMPARE(QString::fromStdString(w.scene().title), QStringLiteral("Lesson 1: the four steps of attention"));
    LessonsPanel* panel = w.learningTools()->lessonsPanel();
    QVERIFY(!panel->taskDone());
    const float row[] = {0.0f, 0.4f, 2.0f, 0.6f};
    for (int c = 0; c < 4; ++c) QVERIFY(w.document()->setCell(MatrixRole::Q, 2, c, row[c]));
    QVERIFY(views.wait());
    QVERIFY(panel->taskDone());
    QVERIFY(panel->taskText().startsWith(QStringLiteral("✔")));
}

void TestExplainUi::screenshots() {
    const QString dir = qEnvironmentVariable("AP_SCREENSHOT_DIR");
    if (dir.isEmpty()) QSKIP("set AP_SCREENSHOT_DIR to write the README's screenshots");
    {
        MainWindow w;
        Views views(w);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(views.wait());
        HeatmapView* h = w.heatmapView();
        QTest::mouseClick(h, Qt::LeftButton, {}, h->cellCenter(2, 2));
        auto* list = w.learningTools()->stepView()->findChild<QTreeWidget*>(QStringLiteral("stepList"));
        emit list->itemEntered(list->topLevelItem(1), 0);
        QTest::qWait(200);
        QVERIFY(w.grab().save(dir + QStringLiteral("/steps.png")));
        chooseData(w.controlsPanel()->findChild<QComboBox*>(QStringLiteral("normalizationCombo")),
                   int(ap::Normalization::Sample));
        w.controlsPanel()->findChild<QSpinBox*>(QStringLiteral("samplesSpin"))->setValue(200);
        QVERIFY(views.wait());
        w.selectQuery(2);
        QTest::qWait(200);
        QVERIFY(w.grab().save(dir + QStringLiteral("/sampling.png")));
        w.findChild<QAction*>(QStringLiteral("lessonAction5"))->trigger();
        w.learningTools()->lessonsPanel()->dimensionSlider()->setValue(7);
        QVERIFY(views.wait());
        QTest::qWait(200);
        QVERIFY(w.grab().save(dir + QStringLiteral("/lessons.png")));
    }
    CompareWindow c(ap::builtInExample());
    c.resize(1400, 800);
    c.show();
    QVERIFY(QTest::qWaitForWindowExposed(&c));
    QTRY_COMPARE(int(c.differences().jensenShannon.size()), 4);
    c.selectRow(2);
    QTest::qWait(200);
    QVERIFY(c.grab().save(dir + QStringLiteral("/compare.png")));
}

QTEST_MAIN(TestExplainUi)
#include "test_explain_ui.moc"
