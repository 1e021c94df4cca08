// The translation window's training flow, driven through the panel's
// widgets under the offscreen platform: load, train, the heatmap holds the
// model's attention, pause, resume, stop, translate, open in playground,
// held-out pairs and curves, model files, the pair list model.
#include "training_test_support.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/message_bar.h"
#include "render/resources_dir.h"
#include "widgets/training/pair_list_model.h"
#include "widgets/training/training_panel.h"
#include "widgets/training/training_plots.h"
#include "widgets/training/training_settings.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QAbstractItemModelTester>
#include <QListView>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <optional>

using ui::TrainingPanel;

namespace {

// Four pairs over a tiny vocabulary, with sure and possible gold links; the
// last pair has no gold alignment.
const char* kSmallCorpus = "# tiny corpus for the UI test\n"
                           "a b\tx y\t0-0 1-1\n"
                           "b a\ty x\t0-0 1-1\n"
                           "\n"
                           "c a b\tz x y\t0-0 1?1 2-2 1?2\n"
                           "a c\tx w z\n";

QStringList labels(const std::vector<std::string>& tokens) {
    QStringList out;
    for (const std::string& t : tokens) out << QString::fromStdString(t);
    return out;
}

std::vector<QPoint> links(const ap::SentencePair& pair, bool sure) {
    std::vector<QPoint> out;
    for (const ap::AlignmentLink& l : pair.gold)
        if (l.sure == sure) out.emplace_back(l.source, l.target);
    return out;
}

// Clicks Train and waits for the run to end; the timeout is generous so
// that a loaded machine does not fail the test.
bool trainToEnd(TrainingPanel& panel, int epochs, int hidden) {
    ap::Seq2SeqOptions options = panel.options();
    options.epochs = epochs;
    options.hidden = hidden;
    options.heads = 1;
    panel.setOptions(options);
    QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
    if (!panel.isTraining()) return false;
    return QTest::qWaitFor([&] { return !panel.isTraining(); }, 120000);
}

}  // namespace

class TestTrainingUi : public QObject {
    Q_OBJECT
private slots:
    void init();
    void resourcesAreFound();
    void shippedCorporaLoad();
    void loadsPairsWithGoldMarks();
    void badCorpusShowsLineAndKeepsPrevious();
    void invalidSettingsAreRefused();
    void trainingShowsTheModelsAttention();
    void pauseAndResume();
    void stopEndsLongRun();
    void translateShowsTokensAndAttention();
    void openInPlaygroundEmitsValidScene();
    void screenshotAfterTraining();
    void pairListModelPassesTester();
    void heldOutPairsAreMarkedAndEvaluated();
    void modelSaveLoadAndDiscardQuestion();

private:
    std::optional<QTemporaryDir> dir_;
    QString smallPath_;
};

void TestTrainingUi::init() {
    dir_.emplace();
    QVERIFY(dir_->isValid());
    smallPath_ = writeFile(*dir_, QStringLiteral("small.tsv"), kSmallCorpus);
}

void TestTrainingUi::resourcesAreFound() {
    QVERIFY(QFileInfo::exists(ui::resourcesDir() + QStringLiteral("/corpora/fr-en.tsv")));
}

void TestTrainingUi::shippedCorporaLoad() {
    TrainingPanel panel;
    // French-English is there from the start.
    QVERIFY(panel.corpus());
    QCOMPARE(QString::fromStdString(panel.corpus()->name), QStringLiteral("fr-en"));
    QVERIFY(panel.corpus()->pairs.size() >= 60);
    auto* list = panel.findChild<QListView*>(QStringLiteral("pairList"));
    QCOMPARE(list->model()->rowCount(), int(panel.corpus()->pairs.size()));
    QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("Je suis étudiant → I am a student"));

    auto* combo = panel.findChild<QComboBox*>(QStringLiteral("corpusCombo"));
    const char* names[] = {"fr-en", "zh-en", "de-en"};
    for (int i : {1, 2, 0}) {
        combo->setCurrentIndex(i);
        QCOMPARE(QString::fromStdString(panel.corpus()->name), QLatin1String(names[i]));
        QVERIFY(panel.errorText().isEmpty());
        QCOMPARE(panel.currentPairIndex(), 0);
    }
}

void TestTrainingUi::loadsPairsWithGoldMarks() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(smallPath_), QString());
    QCOMPARE(int(panel.corpus()->pairs.size()), 4);
    auto* combo = panel.findChild<QComboBox*>(QStringLiteral("corpusCombo"));
    QCOMPARE(combo->currentText(), QStringLiteral("small.tsv"));

    // Before training the heatmap shows the gold alignment alone.
    panel.selectPair(2);
    const ap::SentencePair& pair = panel.corpus()->pairs[2];
    const ui::HeatmapData& d = panel.heatmapView()->data();
    QCOMPARE(d.rowLabels, (QStringList{"z", "x", "y", "<eos>"}));
    QCOMPARE(d.columnLabels, (QStringList{"c", "a", "b"}));
    QVERIFY(d.values.isZero());
    QCOMPARE(d.marks, (std::vector<QPoint>{{0, 0}, {2, 2}}));
    QCOMPARE(d.possibleMarks, (std::vector<QPoint>{{1, 1}, {1, 2}}));
    QCOMPARE(d.marks, links(pair, true));

    // A pair without gold has no marks.
    panel.selectPair(3);
    QVERIFY(panel.heatmapView()->data().marks.empty());
    QVERIFY(panel.heatmapView()->data().possibleMarks.empty());
    QVERIFY(!button(panel, "openInPlaygroundButton")->isEnabled());
}

void TestTrainingUi::badCorpusShowsLineAndKeepsPrevious() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(smallPath_), QString());
    const QString bad = writeFile(*dir_, QStringLiteral("bad.tsv"),
                                  "# header\n"
                                  "a b\tx y\t0-0 1-1\n"
                                  "a b\tx y\t0-0 5-1\n");
    const QString message = panel.loadCorpusFile(bad);
    QVERIFY2(message.contains(QStringLiteral("bad.tsv:3")), qPrintable(message));
    QCOMPARE(panel.errorText(), message);
    QVERIFY(panel.findChild<ui::MessageBar*>(QStringLiteral("trainingMessageBar"))->isVisibleTo(&panel));
    // The previous corpus stays, in the list and in the combo box.
    QCOMPARE(int(panel.corpus()->pairs.size()), 4);
    QCOMPARE(panel.findChild<QListView*>(QStringLiteral("pairList"))->model()->rowCount(), 4);
    QCOMPARE(panel.findChild<QComboBox*>(QStringLiteral("corpusCombo"))->currentText(), QStringLiteral("small.tsv"));

    // A good file clears the message.
    panel.findChild<QComboBox*>(QStringLiteral("corpusCombo"))->setCurrentIndex(0);
    QCOMPARE(QString::fromStdString(panel.corpus()->name), QStringLiteral("fr-en"));
    QVERIFY(panel.errorText().isEmpty());
}

void TestTrainingUi::invalidSettingsAreRefused() {
    TrainingPanel panel;
    ap::Seq2SeqOptions options = panel.options();
    options.hidden = 8;
    options.heads = 3;
    panel.setOptions(options);
    QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
    QVERIFY(!panel.isTraining());
    QVERIFY2(panel.errorText().contains(QStringLiteral("divide")), qPrintable(panel.errorText()));
}

void TestTrainingUi::trainingShowsTheModelsAttention() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(smallPath_), QString());
    panel.selectPair(2);
    QVERIFY(trainToEnd(panel, 5, 8));

    QVERIFY(panel.lastStats());
    QCOMPARE(panel.lastStats()->epoch, 5);
    QCOMPARE(panel.lossPlotPointCount(), 5);
    QCOMPARE(panel.aerPlotPointCount(), 5);
    QCOMPARE(panel.findChild<QProgressBar*>(QStringLiteral("trainingProgress"))->value(), 5);
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("Epoch 5 of 5")), qPrintable(panel.statusText()));
    QVERIFY(button(panel, "trainButton")->isEnabled());
    QVERIFY(!button(panel, "stopButton")->isEnabled());
    QVERIFY(panel.model());
    QCOMPARE(panel.model()->options().hidden, 8);

    // The heatmap holds exactly the snapshot's attention for the pair.
    auto check = [&](int index) {
        QCOMPARE(panel.currentPairIndex(), index);
        const ap::SentencePair& pair = panel.corpus()->pairs[size_t(index)];
        const ap::PairAttention expected = panel.model()->teacherForcedAttention(pair);
        const ui::HeatmapData& d = panel.heatmapView()->data();
        QCOMPARE(d.rowLabels, labels(expected.targetTokens));
        QCOMPARE(d.columnLabels, labels(expected.sourceTokens));
        QCOMPARE(d.values.rows(), expected.mean.rows());
        QCOMPARE(d.values.cols(), expected.mean.cols());
        QVERIFY(d.values == expected.mean);
        QVERIFY(!d.values.isZero());
        QCOMPARE(d.marks, links(pair, true));
        QCOMPARE(d.possibleMarks, links(pair, false));
    };
    check(2);

    // Selecting another pair in the list updates the heatmap.
    {
        auto* list = panel.findChild<QListView*>(QStringLiteral("pairList"));
        list->setCurrentIndex(list->model()->index(0, 0));
    }
    check(0);
    QCOMPARE(panel.heatmapView()->data().rowLabels, (QStringList{"x", "y", "<eos>"}));

    // A click on a heatmap row shows that target word's weights.
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    ui::HeatmapView* heatmap = panel.heatmapView();
    QTest::mouseClick(heatmap, Qt::LeftButton, {}, heatmap->cellCenter(1, 0));
    QCOMPARE(heatmap->selectedRow(), 1);
    const QVector<double> bars = panel.barChartView()->barValues();
    QCOMPARE(bars.size(), 2);
    for (int c = 0; c < 2; ++c) QCOMPARE(float(bars[c]), heatmap->data().values(1, c));
}

void TestTrainingUi::pauseAndResume() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(smallPath_), QString());
    ap::Seq2SeqOptions options = panel.options();
    options.epochs = 1000000;
    options.hidden = 8;
    panel.setOptions(options);
    QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.lastStats().has_value(), 60000);

    QTest::mouseClick(button(panel, "pauseButton"), Qt::LeftButton);
    QVERIFY(panel.isPaused());
    QVERIFY(panel.isTraining());
    QVERIFY(button(panel, "resumeButton")->isEnabled());
    QVERIFY(!button(panel, "trainButton")->isEnabled());
    QVERIFY(panel.statusText().endsWith(QStringLiteral("paused")));
    // Let the epoch under way and the queued snapshots arrive; after that
    // no epoch may come while paused.
    QTest::qWait(500);
    const int pausedAt = panel.lastStats()->epoch;
    QTest::qWait(500);
    QCOMPARE(panel.lastStats()->epoch, pausedAt);

    QTest::mouseClick(button(panel, "resumeButton"), Qt::LeftButton);
    QVERIFY(!panel.isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(panel.lastStats()->epoch > pausedAt, 60000);

    // Stop works from a pause too.
    QTest::mouseClick(button(panel, "pauseButton"), Qt::LeftButton);
    QTest::mouseClick(button(panel, "stopButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 60000);
    QVERIFY(panel.lastStats()->epoch < options.epochs);
}

void TestTrainingUi::stopEndsLongRun() {
    TrainingPanel panel;  // French-English
    QSignalSpy changes(&panel, &TrainingPanel::trainingChanged);
    ap::Seq2SeqOptions options = panel.options();
    options.epochs = 10000;
    panel.setOptions(options);
    QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
    QVERIFY(panel.isTraining());
    QTRY_VERIFY_WITH_TIMEOUT(panel.lastStats().has_value(), 60000);

    QTest::mouseClick(button(panel, "stopButton"), Qt::LeftButton);
    QVERIFY(!button(panel, "stopButton")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 60000);
    QVERIFY(panel.lastStats()->epoch < 10000);
    QVERIFY(panel.statusText().endsWith(QStringLiteral("stopped")));
    QCOMPARE(changes.count(), 2);
    QCOMPARE(changes.at(0).at(0).toBool(), true);
    QCOMPARE(changes.at(1).at(0).toBool(), false);
    // Idle again: everything that is locked while training is back.
    QVERIFY(button(panel, "trainButton")->isEnabled());
    QVERIFY(button(panel, "loadPairsButton")->isEnabled());
    QVERIFY(!button(panel, "pauseButton")->isEnabled());
    QVERIFY(panel.findChild<QComboBox*>(QStringLiteral("corpusCombo"))->isEnabled());
    // The stopped model is kept and shown.
    QCOMPARE(panel.lossPlotPointCount(), panel.lastStats()->epoch);
    const ap::SentencePair& pair = panel.corpus()->pairs[0];
    QVERIFY(panel.heatmapView()->data().values == panel.model()->teacherForcedAttention(pair).mean);
}

void TestTrainingUi::translateShowsTokensAndAttention() {
    TrainingPanel panel;  // French-English
    auto* edit = panel.findChild<QLineEdit*>(QStringLiteral("translateEdit"));
    edit->setText(QStringLiteral("Je suis étudiant"));
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(panel.translationText().contains(QStringLiteral("Train first")));
    QVERIFY(!panel.showsTranslation());

    QVERIFY(trainToEnd(panel, 3, 16));
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(panel.showsTranslation());
    const ap::Translation expected = panel.model()->translate({"Je", "suis", "étudiant"});
    const ui::HeatmapData& d = panel.heatmapView()->data();
    QCOMPARE(d.columnLabels, (QStringList{"Je", "suis", "étudiant"}));
    QStringList rows = labels(expected.tokens);
    if (expected.finished) rows << QStringLiteral("<eos>");
    QCOMPARE(d.rowLabels, rows);
    QVERIFY(d.values == expected.mean);
    QVERIFY(d.marks.empty());
    QVERIFY(panel.translationText().startsWith(QStringLiteral("→ ") + labels(expected.tokens).join(' ')));

    // Typed in lower case, "je" is the corpus's "Je": the translate
    // command's rule (ap::matchSourceWords), not an unknown word.
    panel.translate(QStringLiteral("je suis étudiant"));
    QCOMPARE(panel.heatmapView()->data().columnLabels, (QStringList{"Je", "suis", "étudiant"}));
    QVERIFY(panel.heatmapView()->data().values == expected.mean);
    QVERIFY2(!panel.translationText().contains(QStringLiteral("unknown")), qPrintable(panel.translationText()));
    QVERIFY(panel.translationText().startsWith(QStringLiteral("→ ") + labels(expected.tokens).join(' ')));

    // Unknown words are named; picking a pair leaves the translation.
    panel.translate(QStringLiteral("Je suis xyzzy"));
    QVERIFY(panel.translationText().contains(QStringLiteral("unknown words: xyzzy")));
    panel.selectPair(1);
    QVERIFY(!panel.showsTranslation());
    QCOMPARE(panel.heatmapView()->data().columnLabels, labels(panel.corpus()->pairs[1].source));
}

void TestTrainingUi::openInPlaygroundEmitsValidScene() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(smallPath_), QString());
    QVERIFY(!button(panel, "openInPlaygroundButton")->isEnabled());
    QVERIFY(trainToEnd(panel, 2, 8));
    panel.selectPair(2);

    std::optional<ap::Scene> scene;
    connect(&panel, &TrainingPanel::openInPlayground, this, [&](const ap::Scene& s) { scene = s; });
    QTest::mouseClick(button(panel, "openInPlaygroundButton"), Qt::LeftButton);
    QVERIFY(scene.has_value());
    QCOMPARE(QString::fromStdString(ap::validate(*scene).message), QString());
    QCOMPARE(scene->keyTokens, (std::vector<std::string>{"c", "a", "b"}));
    QCOMPARE(scene->queryTokens, (std::vector<std::string>{"z", "x", "y", "<eos>"}));
    QCOMPARE(scene->queryCount(), 4);
    QCOMPARE(scene->keyCount(), 3);
}

void TestTrainingUi::screenshotAfterTraining() {
    // The panel grabbed after training: the pictures are not blank. With
    // AP_TRAINING_SCREENSHOTS=DIR they are kept there for a person to look at.
    QTemporaryDir scratch;
    QString out = qEnvironmentVariable("AP_TRAINING_SCREENSHOTS");
    if (out.isEmpty()) out = scratch.path();
    TrainingPanel panel;
    panel.resize(1400, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(trainToEnd(panel, 60, 32));
    panel.selectPair(0);
    panel.selectTargetRow(3);
    QTest::qWait(100);
    QVERIFY(panel.grab().save(out + QStringLiteral("/training-fr-en.png")));

    // Switching away from a trained model asks first; a modal box would wait
    // for a click that never comes, so the test answers "discard".
    int asked = 0;
    panel.setDiscardQuestion([&asked] {
        ++asked;
        return true;
    });
    panel.findChild<QComboBox*>(QStringLiteral("corpusCombo"))->setCurrentIndex(1);
    QCOMPARE(asked, 1);
    QCOMPARE(QString::fromStdString(panel.corpus()->name), QStringLiteral("zh-en"));
    QVERIFY(trainToEnd(panel, 40, 32));
    panel.selectPair(int(panel.corpus()->pairs.size()) - 1);
    QTest::qWait(100);
    QVERIFY(panel.grab().save(out + QStringLiteral("/training-zh-en.png")));
    panel.translate(QString::fromStdString(panel.corpus()->pairs[3].source.front()) + QStringLiteral("打电脑游戏"));
    QTest::qWait(100);
    QVERIFY(panel.grab().save(out + QStringLiteral("/training-zh-en-translation.png")));
    for (const char* name : {"training-fr-en.png", "training-zh-en.png", "training-zh-en-translation.png"}) {
        const QImage shot(out + QLatin1Char('/') + QLatin1String(name));
        QVERIFY(shot.width() >= 1000);
        QSet<QRgb> colors;
        for (int y = 0; y < shot.height(); y += 7)
            for (int x = 0; x < shot.width(); x += 7) colors.insert(shot.pixel(x, y));
        QVERIFY(colors.size() > 50);
    }
}

void TestTrainingUi::pairListModelPassesTester() {
    ui::PairListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ap::CorpusReadResult read = ap::readCorpusFile(smallPath_.toStdString());
    QVERIFY(read.ok);
    auto corpus = std::make_shared<const ap::Corpus>(read.value);
    model.setCorpus(corpus, QStringLiteral("small.tsv"), {1, 3});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0, 0).data(ui::PairListModel::HeldOutRole).toBool(), false);
    QCOMPARE(model.index(1, 0).data(ui::PairListModel::HeldOutRole).toBool(), true);
    QVERIFY(model.index(1, 0).data().toString().contains(QStringLiteral("held out")));
    QVERIFY(model.index(2, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("0-0 1?1 2-2 1?2")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setHeldOut({0});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, 0).data(ui::PairListModel::HeldOutRole).toBool(), true);
    QCOMPARE(model.index(1, 0).data(ui::PairListModel::HeldOutRole).toBool(), false);
    model.setCorpus(nullptr, QString(), {});
    QCOMPARE(model.rowCount(), 0);
}

void TestTrainingUi::heldOutPairsAreMarkedAndEvaluated() {
    TrainingPanel panel;
    panel.setDiscardQuestion([] { return true; });
    QCOMPARE(panel.loadCorpusFile(smallPath_), QString());
    // 25 % of four pairs: one held out, marked in the list.
    panel.settings()->setHoldoutFraction(0.25);
    QCOMPARE(int(panel.session()->heldOutIndices().size()), 1);
    const int held = panel.session()->heldOutIndices().front();
    QVERIFY(panel.pairModel()->index(held, 0).data(ui::PairListModel::HeldOutRole).toBool());
    QVERIFY(panel.heldOutText().contains(QStringLiteral("1 pair")));
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QPoint trainAt = button(panel, "trainButton")->mapTo(&panel, QPoint(0, 0));
    const QPoint stopAt = button(panel, "stopButton")->mapTo(&panel, QPoint(0, 0));
    QVERIFY(trainToEnd(panel, 4, 8));
    QCoreApplication::processEvents();
    // The status text grew by a line; the buttons did not move.
    QCOMPARE(button(panel, "trainButton")->mapTo(&panel, QPoint(0, 0)), trainAt);
    QCOMPARE(button(panel, "stopButton")->mapTo(&panel, QPoint(0, 0)), stopAt);
    QVERIFY(panel.lastStats()->hasHeldOut);
    // Training and held-out curves, side by side.
    QCOMPARE(panel.plots()->heldOutExactMatchPointCount(), 4);
    QVERIFY2(panel.heldOutText().startsWith(QStringLiteral("Held out:")), qPrintable(panel.heldOutText()));
    QVERIFY(panel.heldOutText().contains(QStringLiteral("BLEU")));
    // Lower-casing keeps the split and the pairs, and drops the model.
    panel.settings()->setLowercase(true);
    QVERIFY(!panel.model());
    QCOMPARE(int(panel.corpus()->pairs.size()), 4);
}

void TestTrainingUi::modelSaveLoadAndDiscardQuestion() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(smallPath_), QString());
    QVERIFY(!button(panel, "saveModelButton")->isEnabled());
    QVERIFY(trainToEnd(panel, 3, 8));
    QVERIFY(button(panel, "saveModelButton")->isEnabled());
    const QString file = dir_->filePath(QStringLiteral("m.apmodel"));
    QCOMPARE(panel.saveModel(file), QString());
    const ap::Translation before = panel.model()->translate({"a", "b"});

    // Switching corpus asks first; "no" keeps corpus and model.
    int asked = 0;
    panel.setDiscardQuestion([&] {
        ++asked;
        return false;
    });
    auto* combo = panel.findChild<QComboBox*>(QStringLiteral("corpusCombo"));
    combo->setCurrentIndex(0);
    QCOMPARE(asked, 1);
    QCOMPARE(int(panel.corpus()->pairs.size()), 4);
    QVERIFY(panel.model());
    QCOMPARE(combo->currentText(), QStringLiteral("small.tsv"));
    // "yes" switches and drops the model.
    panel.setDiscardQuestion([&] {
        ++asked;
        return true;
    });
    combo->setCurrentIndex(0);
    QCOMPARE(asked, 2);
    QCOMPARE(QString::fromStdString(panel.corpus()->name), QStringLiteral("fr-en"));
    QVERIFY(!panel.model());

    // The saved model comes back and translates as before.
    QCOMPARE(panel.loadModel(file), QString());
    QVERIFY(panel.model());
    const ap::Translation after = panel.model()->translate({"a", "b"});
    QCOMPARE(after.tokens, before.tokens);
    // A broken file is refused with its name.
    const QString bad = writeFile(*dir_, QStringLiteral("bad.apmodel"), "not a model\n");
    QVERIFY(panel.loadModel(bad).contains(QStringLiteral("bad.apmodel")));
    QVERIFY(panel.errorText().contains(QStringLiteral("not a model file")));
}

QTEST_MAIN(TestTrainingUi)
#include "test_training_ui.moc"
