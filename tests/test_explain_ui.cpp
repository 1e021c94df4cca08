// The step-by-step view, compare mode and the lessons, driven under the
// offscreen platform, asserting the numbers they show against the engine.
#include "attention/divergence.h"
#include "attention/explain.h"
#include "document/scene_document.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/compare/compare_side.h"
#include "widgets/compare/compare_window.h"
#include "widgets/explain/step_view.h"
#include "widgets/lessons/lessons.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/playground/controls_panel.h"

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
    void stepViewShowsTheEngineSteps();
    void stepViewCopiesTextAndLatex();
    void stepViewHoverReportsTheNumbersUsed();
    void compareShowsDifferencesAndDivergences();
    void compareSynchronisesSelectionAndHover();
    void compareExports();
    void everyLessonLoadsAndItsTaskCanBeDone();
    void lessonFiveSliderShowsSaturation();
};

void TestExplainUi::stepViewShowsTheEngineSteps() {
    const ap::Scene s = ap::builtInExample();
    ap::ExplainOptions o;
    o.query = 2;
    o.key = 2;
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
    o.query = 3;
    o.key = 2;
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
    o.query = 1;
    o.key = 0;
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
    QTest::mouseMove(d, d->cellCenter(1, 2));
    QTRY_VERIFY(a->style().hoveredCell.has_value());
    QCOMPARE(*a->style().hoveredCell, QPoint(2, 1));
    QCOMPARE(*w.sideB()->heatmap()->style().hoveredCell, QPoint(2, 1));
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
        case 2:
            QVERIFY(doc.setScoring(ap::Scoring::Cosine));
            break;
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
        case 6:
            QVERIFY(doc.setHeads(2));
            break;
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

QTEST_MAIN(TestExplainUi)
#include "test_explain_ui.moc"
