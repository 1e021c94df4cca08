// The translation window as a window: closing it stops a run under way
// (rather than training on unseen), Load model… reads the file off the GUI
// thread with a busy bar and Cancel, and the window fits the screen, its
// panel scrolling where the screen is lower than the panel.
#include "training_test_support.h"
#include "widgets/common/window_fit.h"
#include "widgets/training/training_panel.h"
#include "widgets/training/training_window.h"

#include <QGuiApplication>
#include <QLabel>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using ui::TrainingPanel;
using ui::TrainingWindow;

namespace {

const char* kCorpus = "a b\tx y\t0-0 1-1\nb a\ty x\t0-0 1-1\nc a b\tz x y\t0-0 1-1 2-2\na c\tx w z\n";

}  // namespace

class TestTrainingWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        corpus_ = writeFile(dir_, QStringLiteral("small.tsv"), kCorpus);
    }
    void closingTheWindowStopsTraining();
    void loadModelRunsOffTheGuiThread();
    void windowFitsTheScreen();

private:
    QTemporaryDir dir_;
    QString corpus_;
};

void TestTrainingWindow::closingTheWindowStopsTraining() {
    TrainingWindow window;
    TrainingPanel* panel = window.panel();
    QCOMPARE(panel->loadCorpusFile(corpus_), QString());
    ap::Seq2SeqOptions o = panel->options();
    o.epochs = 100000;  // far longer than the test
    o.hidden = 8;
    o.heads = 1;
    panel->setOptions(o);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    panel->startTraining();
    QVERIFY(panel->isTraining());
    QVERIFY(QTest::qWaitFor([&] { return panel->lastStats().has_value(); }, 60000));
    window.close();
    QVERIFY(!window.isVisible());
    QVERIFY(QTest::qWaitFor([&] { return !panel->isTraining(); }, 60000));
    const int epochs = panel->lastStats()->epoch;
    QTest::qWait(300);
    QCOMPARE(panel->lastStats()->epoch, epochs);
    QVERIFY(panel->model());  // what was trained stays
}

void TestTrainingWindow::loadModelRunsOffTheGuiThread() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(corpus_), QString());
    ap::Seq2SeqOptions o = panel.options();
    o.epochs = 2;
    o.hidden = 8;
    o.heads = 1;
    panel.setOptions(o);
    panel.startTraining();
    QVERIFY(QTest::qWaitFor([&] { return !panel.isTraining(); }, 120000));
    const QString file = dir_.filePath(QStringLiteral("m.apmodel"));
    QCOMPARE(panel.saveModel(file), QString());
    const ap::Translation before = panel.model()->translate({"a", "b"});

    panel.show();
    QSignalSpy done(&panel, &TrainingPanel::modelLoadFinished);
    panel.loadModelInBackground(file);
    // The call returns at once: the busy bar shows and Load model… waits.
    QVERIFY(panel.isLoadingModel());
    auto* bar = panel.findChild<QWidget*>(QStringLiteral("modelLoadBar"));
    QVERIFY(bar && bar->isVisible());
    QVERIFY(bar->findChild<QLabel*>(QStringLiteral("modelLoadLabel"))->text().contains(QLatin1String("m.apmodel")));
    QVERIFY(!button(panel, "loadModelButton")->isEnabled());
    QVERIFY(done.wait(60000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString());
    QVERIFY(!panel.isLoadingModel());
    QVERIFY(!bar->isVisible());
    QVERIFY(button(panel, "loadModelButton")->isEnabled());
    QCOMPARE(panel.model()->translate({"a", "b"}).tokens, before.tokens);

    // A broken file: the reader's message, naming the file, is shown.
    const QString bad = writeFile(dir_, QStringLiteral("bad.apmodel"), "not a model\n");
    panel.loadModelInBackground(bad);
    QVERIFY(done.wait(60000));
    const QString error = done.takeFirst().at(0).toString();
    QVERIFY2(error.contains(QLatin1String("bad.apmodel")), qPrintable(error));
    QCOMPARE(panel.errorText(), error);
    QVERIFY(panel.model());  // the loaded model stays

    // Cancel: nothing arrives, the model stays, Load model… is live again.
    panel.loadModelInBackground(file);
    QTest::mouseClick(bar->findChild<QToolButton*>(QStringLiteral("modelLoadCancel")), Qt::LeftButton);
    QVERIFY(!panel.isLoadingModel());
    QVERIFY(button(panel, "loadModelButton")->isEnabled());
    QTest::qWait(200);
    QCOMPARE(done.count(), 0);
}

void TestTrainingWindow::windowFitsTheScreen() {
    TrainingWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QSize room = ui::availableWindowSize(&window);
    QVERIFY2(window.width() <= room.width() && window.height() <= room.height(),
             qPrintable(QStringLiteral("%1x%2 on %3x%4")
                            .arg(window.width())
                            .arg(window.height())
                            .arg(room.width())
                            .arg(room.height())));
    // Lower than the panel: the panel keeps its minimum and scrolls.
    window.resize(room.width(), 400);
    QTest::qWait(50);
    auto* scroll = window.findChild<QScrollArea*>();
    QVERIFY(scroll);
    QVERIFY(window.panel()->height() >= window.panel()->minimumSizeHint().height());
    if (window.panel()->minimumSizeHint().height() > scroll->viewport()->height())
        QVERIFY(scroll->verticalScrollBar()->isVisible());
}

QTEST_MAIN(TestTrainingWindow)
#include "test_training_window.moc"
