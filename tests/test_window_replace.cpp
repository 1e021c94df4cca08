// What replaces the scene asks first, and what the Steps dock explains: a
// lesson chosen after an edit asks Save / Discard / Cancel as File ▸ New
// does, an unrelated scene ends the lesson, and the Steps dock explains the
// head the heatmap shows. Driven as a user drives the window, offscreen.
#include "attention/attention.h"
#include "attention/explain.h"
#include "document/scene_document.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/explain/learning_tools.h"
#include "widgets/explain/step_view.h"
#include "widgets/lessons/lessons_panel.h"
#include "widgets/playground/head_grid_view.h"
#include "main_window_views.h"
#include "widgets/playground/main_window.h"
#include "isolated_settings.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QSlider>
#include <QUndoStack>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QMessageBox>
#include <QTimer>
#include <QtTest>

using namespace ui;

namespace {

// Answers the next message box with `button` while `action` runs, and
// says whether a box was shown (and what it said).
struct Answer {
    explicit Answer(QMessageBox::StandardButton b) : button(b) {}
    QMessageBox::StandardButton button;
    bool asked = false;
    QString text;
    void during(const std::function<void()>& action) {
        QTimer timer;
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box || asked) return;
            asked = true;
            text = box->text();
            box->button(button)->click();
        });
        timer.start();
        action();
        timer.stop();
    }
};

}  // namespace

class TestWindowReplace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { isolateSettings(); }
    void choosingALessonAfterAnEditAsks();
    void goingToTheNextLessonAfterAnEditAsks();
    void anUnrelatedSceneEndsTheLesson();
    void stepsExplainTheHeadShown();
    void stepFormulasShowWholeInANarrowDock();
};

void TestWindowReplace::choosingALessonAfterAnEditAsks() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    LessonsPanel* lessons = w.learningTools()->lessonsPanel();
    QVERIFY(w.document()->setTemperature(2.5f));
    QVERIFY(w.document()->isModified());

    // Cancel keeps the edited scene, its undo history and no lesson.
    Answer cancel{QMessageBox::Cancel};
    bool started = true;
    cancel.during([&] { started = lessons->startLesson(0); });
    QVERIFY(cancel.asked);
    QVERIFY(!started);
    QCOMPARE(w.scene().temperature, 2.5f);
    QVERIFY(w.document()->isModified());
    QVERIFY(w.document()->undoStack()->canUndo());
    QCOMPARE(lessons->currentLesson(), -1);
    QVERIFY(lessons->taskText().isEmpty());

    // Discard loads the lesson.
    Answer discard{QMessageBox::Discard};
    discard.during([&] { started = lessons->startLesson(0); });
    QVERIFY(discard.asked);
    QVERIFY(started);
    QCOMPARE(lessons->currentLesson(), 0);
    QVERIFY(!w.document()->isModified());
    QCOMPARE(w.scene().temperature, 1.0f);
}

void TestWindowReplace::goingToTheNextLessonAfterAnEditAsks() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    LessonsPanel* lessons = w.learningTools()->lessonsPanel();
    // An unedited lesson scene is replaced without a question.
    Answer none{QMessageBox::Cancel};
    none.during([&] { QVERIFY(lessons->startLesson(0)); });
    QVERIFY(!none.asked);
    QVERIFY(w.document()->setTemperature(0.25f));

    // The Lessons menu's next lesson asks; Cancel stays in lesson 1.
    QAction* next = w.findChild<QAction*>(QStringLiteral("lessonAction2"));
    QVERIFY(next);
    Answer cancel{QMessageBox::Cancel};
    cancel.during([&] { next->trigger(); });
    QVERIFY(cancel.asked);
    QCOMPARE(lessons->currentLesson(), 0);
    QCOMPARE(w.scene().temperature, 0.25f);
    auto* chooser = lessons->findChild<QComboBox*>(QStringLiteral("lessonCombo"));
    QVERIFY(chooser);
    QCOMPARE(chooser->currentData().toInt(), 0);

    Answer discard{QMessageBox::Discard};
    discard.during([&] { next->trigger(); });
    QVERIFY(discard.asked);
    QCOMPARE(lessons->currentLesson(), 1);
}

void TestWindowReplace::anUnrelatedSceneEndsTheLesson() {
    MainWindow w;
    Views views(w);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    LessonsPanel* lessons = w.learningTools()->lessonsPanel();
    QVERIFY(lessons->startLesson(5));
    QVERIFY(lessons->taskText().contains(QLatin1String("causal")));
    QVERIFY(w.openFile(QStringLiteral(AP_RESOURCES_DIR "/scenes/multi-head.json")));
    QCOMPARE(lessons->currentLesson(), -1);
    QVERIFY2(lessons->taskText().isEmpty(), qPrintable(lessons->taskText()));
    QVERIFY(!lessons->shownText().contains(QLatin1String("causal mask")));
    // Lesson 5's own slider still replaces its scene without ending it.
    QVERIFY(lessons->startLesson(4));
    lessons->dimensionSlider()->setValue(6);
    QCOMPARE(lessons->currentLesson(), 4);
    QCOMPARE(int(w.scene().queries.cols()), 64);
    QVERIFY(views.wait());
}

void TestWindowReplace::stepsExplainTheHeadShown() {
    MainWindow w;
    Views views(w);
    QVERIFY(views.showAndOpen(QStringLiteral(AP_RESOURCES_DIR "/scenes/multi-head.json")));
    ap::AttentionResult r;
    QVERIFY(ap::computeAttention(w.scene(), {}, r).ok);
    QCOMPARE(int(r.heads.size()), 2);
    StepView* steps = w.learningTools()->stepView();
    auto* header = steps->findChild<QLabel*>(QStringLiteral("stepHeader"));
    QVERIFY(header);

    // The mean is shown: the dock says which head it explains.
    const int row = 1, column = 0;
    emit w.heatmapView()->cellClicked(row, column);
    QVERIFY(steps->hasExplanation());
    QCOMPARE(steps->explanation().cell.head, 0);
    QVERIFY2(header->text().contains(QLatin1String("mean")), qPrintable(header->text()));

    // Head 1 chosen in the grid: the steps explain head 1's weight, the one
    // the heatmap shows.
    QTest::mouseClick(w.headGridView(), Qt::LeftButton, {}, w.headGridView()->tileRect(1).center());
    QCOMPARE(w.currentHead().head, 1);
    emit w.heatmapView()->cellClicked(row, column);
    QCOMPARE(steps->explanation().cell.head, 1);
    QCOMPARE(steps->explanation().weight, r.heads[1].weights(row, column));
    QCOMPARE(w.heatmapView()->data().values(row, column), r.heads[1].weights(row, column));
    QVERIFY2(!header->text().contains(QLatin1String("mean")), qPrintable(header->text()));
    QVERIFY(header->text().contains(QLatin1String("head 1")));
    // And back to head 0 without a new click.
    QTest::mouseClick(w.headGridView(), Qt::LeftButton, {}, w.headGridView()->tileRect(0).center());
    QCOMPARE(steps->explanation().cell.head, 0);
    QCOMPARE(steps->explanation().weight, r.heads[0].weights(row, column));
}

// The dock's width at 1,280 × 800 is about 270 px: every formula and its
// numbers show whole (wrapped), none is cut to "q = Q[0, …".
void TestWindowReplace::stepFormulasShowWholeInANarrowDock() {
    ap::Scene s = ap::builtInExample();
    ap::ExplainOptions o;
    o.cell.query = 2;
    o.cell.key = 2;
    ap::Explanation e;
    QVERIFY(ap::explainScene(s, o, e).ok);
    StepView view;
    view.resize(270, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setExplanation(e, QStringLiteral("a → étudiant"));
    QCoreApplication::processEvents();
    auto* list = view.findChild<QTreeWidget*>(QStringLiteral("stepList"));
    QVERIFY(list);
    const int formulaWidth = list->header()->sectionSize(1);
    QVERIFY2(formulaWidth * 3 >= list->viewport()->width() * 2 - 3,
             qPrintable(QStringLiteral("%1 of %2").arg(formulaWidth).arg(list->viewport()->width())));
    const QFontMetrics fm(list->font());
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = list->topLevelItem(i);
        const QString formula = item->text(1);
        const QRect needed =
            fm.boundingRect(QRect(0, 0, formulaWidth - 8, 1 << 20), Qt::TextWordWrap | Qt::TextWrapAnywhere, formula);
        const QRect shown = list->visualItemRect(item);
        QVERIFY2(shown.height() >= needed.height(),
                 qPrintable(QStringLiteral("step %1 \"%2\": %3 px tall, the text needs %4")
                                .arg(i + 1)
                                .arg(formula)
                                .arg(shown.height())
                                .arg(needed.height())));
    }
}

QTEST_MAIN(TestWindowReplace)
#include "test_window_replace.moc"
