// The translation window beside its statistical aligner, driven under the
// offscreen platform: the aligner's soft alignment and both AERs for the
// selected pair, the text that compares them, the guide of guided
// alignment (gold links or IBM Model 2), the automatic epochs, and
// Generate corpus… from the corpus picker's menu and the main window's
// Translation menu.
#include "training_test_support.h"
#include "translation/aligner.h"
#include "translation/trained_aligner.h"
#include "translation/metrics.h"
#include "translation/seq2seq.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/playground/main_window.h"
#include "widgets/training/generate_corpus_dialog.h"
#include "widgets/training/training_panel.h"
#include "widgets/training/training_settings.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <optional>

using ui::TrainingPanel;

namespace {

// Six pairs over a tiny vocabulary; the last has no gold alignment.
const char* kCorpus = "le chat dort\tthe cat sleeps\t0-0 1-1 2-2\n"
                      "le chien dort\tthe dog sleeps\t0-0 1-1 2-2\n"
                      "le chat mange\tthe cat eats\t0-0 1-1 2-2\n"
                      "un chien mange\ta dog eats\t0-0 1-1 2-2\n"
                      "un chat noir dort\ta black cat sleeps\t0-0 1-2 2-1 3-3\n"
                      "le chien noir mange\tthe black dog eats\n";

// The same pairs with no alignment column at all.
const char* kCorpusWithoutGold = "le chat dort\tthe cat sleeps\n"
                                 "le chien dort\tthe dog sleeps\n"
                                 "le chat mange\tthe cat eats\n"
                                 "un chien mange\ta dog eats\n"
                                 "un chat noir dort\ta black cat sleeps\n"
                                 "le chien noir mange\tthe black dog eats\n";

bool waitForAlignment(TrainingPanel& panel) {
    return QTest::qWaitFor([&] { return panel.alignment() != nullptr; }, 60000);
}

bool train(TrainingPanel& panel, int epochs) {
    ap::Seq2SeqOptions options = panel.options();
    options.epochs = epochs;
    options.hidden = 8;
    options.heads = 1;
    panel.setOptions(options);
    QTest::mouseClick(button(panel, "trainButton"), Qt::LeftButton);
    if (!panel.isTraining()) return false;
    return QTest::qWaitFor([&] { return !panel.isTraining(); }, 120000);
}

QString aerText(double aer) { return QLocale().toString(aer, 'f', 3); }

}  // namespace

class TestTrainingUiAlignment : public QObject {
    Q_OBJECT
private slots:
    void init();
    void alignerHeatmapShowsPosteriorsAndAer();
    void heldOutPairShowsTheAlignerTrainedWithoutIt();
    void attentionAerAndLessonAfterTraining();
    void heldOutLessonComparesWithTheTrainingOnlyAligner();
    void guideChoiceIsUsedByTheWorker();
    void automaticEpochsShowTheirCount();
    void generateCorpusFromThePickersMenu();
    void generateCorpusFromTheMainWindowMenu();

private:
    std::optional<QTemporaryDir> dir_;
    QString path_, noGoldPath_;
};

void TestTrainingUiAlignment::init() {
    dir_.emplace();
    QVERIFY(dir_->isValid());
    path_ = writeFile(*dir_, QStringLiteral("pairs.tsv"), kCorpus);
    noGoldPath_ = writeFile(*dir_, QStringLiteral("nogold.tsv"), kCorpusWithoutGold);
}

void TestTrainingUiAlignment::alignerHeatmapShowsPosteriorsAndAer() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(path_), QString());
    QVERIFY(waitForAlignment(panel));
    // The same run as the engine's: IBM Model 2 with its defaults on every pair.
    const ap::AlignerSummary expected = ap::alignCorpus(*panel.corpus(), ap::AlignerOptions{});
    QVERIFY(expected.status.ok);
    for (int pair : {4, 1}) {
        panel.selectPair(pair);
        const ap::SentencePair& p = panel.corpus()->pairs[size_t(pair)];
        const ui::HeatmapData& d = panel.alignerHeatmapView()->data();
        // Rows as in the attention heatmap: the target words, then <eos>.
        QCOMPARE(d.rows(), int(p.target.size()) + 1);
        QCOMPARE(d.columns(), int(p.source.size()));
        QCOMPARE(d.rowLabels.last(), QStringLiteral("<eos>"));
        const ap::Matrix& soft = expected.pairs[size_t(pair)].soft;
        QVERIFY(d.values.topRows(soft.rows()) == soft);
        QVERIFY(d.values.row(d.rows() - 1).isZero());
        QVERIFY(!soft.isZero());
        QCOMPARE(int(d.marks.size()), int(p.gold.size()));
        const double aer = ap::alignmentCounts(expected.pairs[size_t(pair)].links, p.gold).aer();
        QVERIFY(panel.pairAlignerAer());
        QCOMPARE(*panel.pairAlignerAer(), aer);
        QVERIFY2(d.title.endsWith(QStringLiteral("AER ") + aerText(aer)), qPrintable(d.title));
        QCOMPARE(d.titleKeep, QStringLiteral("AER ") + aerText(aer));
        // No model yet: no attention AER, and the lesson makes no comparison.
        QVERIFY(!panel.pairAttentionAer());
        QVERIFY(panel.lessonText().startsWith(QStringLiteral("Attention is not alignment.")));
        QVERIFY(!panel.lessonText().contains(QStringLiteral("Here")));
    }
    // A pair without gold links has posteriors but no AER.
    panel.selectPair(5);
    QVERIFY(!panel.pairAlignerAer());
    QVERIFY(!panel.alignerHeatmapView()->data().values.isZero());
    QVERIFY(!panel.alignerHeatmapView()->data().title.contains(QStringLiteral("AER")));

    // Lower-casing gives a new corpus, aligned anew.
    panel.settings()->setLowercase(true);
    QVERIFY(waitForAlignment(panel));
    QCOMPARE(int(panel.alignment()->pairs.size()), 6);
}

// A held-out pair's title gives, beside the aligner run on every pair, the
// AER of the aligner trained on the training pairs only (the engine's
// alignHeldOut on the same split); a training pair's does not.
void TestTrainingUiAlignment::heldOutPairShowsTheAlignerTrainedWithoutIt() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(path_), QString());
    QVERIFY(waitForAlignment(panel));
    panel.settings()->setHoldoutFraction(0.5);
    QVERIFY(waitForAlignment(panel));
    const std::vector<int> held = panel.session()->heldOutIndices();
    QVERIFY(!held.empty());
    ap::Corpus train, eval;
    for (int k = 0; k < int(panel.corpus()->pairs.size()); ++k)
        (std::binary_search(held.begin(), held.end(), k) ? eval : train)
            .pairs.push_back(panel.corpus()->pairs[size_t(k)]);
    const ap::AlignerSummary expected = ap::alignHeldOut(train, eval, ap::AlignerOptions{});
    QVERIFY(expected.status.ok);
    int checked = 0;
    for (std::size_t k = 0; k < held.size(); ++k) {
        const ap::SentencePair& p = panel.corpus()->pairs[size_t(held[k])];
        if (!p.hasGold) continue;
        panel.selectPair(held[k]);
        const double aer = ap::alignmentCounts(expected.pairs[k].links, p.gold).aer();
        QVERIFY(panel.pairAlignerAerTrainOnly());
        QCOMPARE(*panel.pairAlignerAerTrainOnly(), aer);
        QVERIFY(panel.pairAlignerAer());
        const ui::HeatmapData& d = panel.alignerHeatmapView()->data();
        QVERIFY2(d.title.endsWith(QStringLiteral("trained on the training pairs only: AER ") + aerText(aer)),
                 qPrintable(d.title));
        QVERIFY(d.title.contains(QStringLiteral("AER ") + aerText(*panel.pairAlignerAer())));
        QVERIFY(d.title.endsWith(d.titleKeep));
        ++checked;
    }
    QVERIFY(checked > 0);
    for (int k = 0; k < 5; ++k) {
        if (std::binary_search(held.begin(), held.end(), k)) continue;
        panel.selectPair(k);
        QVERIFY(panel.pairAlignerAer());
        QVERIFY(!panel.pairAlignerAerTrainOnly());
        QVERIFY(!panel.alignerHeatmapView()->data().title.contains(QStringLiteral("training pairs only")));
        break;
    }
}

void TestTrainingUiAlignment::attentionAerAndLessonAfterTraining() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(path_), QString());
    QVERIFY(waitForAlignment(panel));
    QVERIFY(train(panel, 3));
    panel.selectPair(4);
    const ap::SentencePair& p = panel.corpus()->pairs[4];
    const ap::PairAttention attention = panel.model()->teacherForcedAttention(p);
    const double aer = ap::alignmentCounts(ap::argmaxAlignment(attention.mean, int(p.target.size())), p.gold).aer();
    QVERIFY(panel.pairAttentionAer());
    QCOMPARE(*panel.pairAttentionAer(), aer);
    QVERIFY2(panel.heatmapView()->data().title.endsWith(QStringLiteral("AER ") + aerText(aer)),
             qPrintable(panel.heatmapView()->data().title));
    QCOMPARE(panel.heatmapView()->data().titleKeep, QStringLiteral("AER ") + aerText(aer));
    // A row chosen in one picture is chosen in both.
    panel.selectTargetRow(2);
    QCOMPARE(panel.heatmapView()->selectedRow(), 2);
    QCOMPARE(panel.alignerHeatmapView()->selectedRow(), 2);
    // The lesson names both figures of this pair.
    QVERIFY(panel.pairAlignerAer());
    const QString lesson = panel.lessonText();
    QVERIFY2(lesson.contains(aerText(aer)), qPrintable(lesson));
    if (std::abs(aer - *panel.pairAlignerAer()) > 0.005)
        QVERIFY2(lesson.contains(aerText(*panel.pairAlignerAer())), qPrintable(lesson));
    // A typed sentence has no gold and no aligner picture.
    panel.translate(QStringLiteral("le chat dort"));
    QVERIFY(!panel.pairAttentionAer());
    QVERIFY(!panel.pairAlignerAer());
    QCOMPARE(panel.alignerHeatmapView()->data().rows(), 0);
}

// The lesson under the pictures is honest about who saw the pair: the
// aligner was run on every pair, so for a held-out pair, which the model
// never trained on, the attention is compared with the aligner trained on
// the training pairs only, and the all-pairs figure is named as such.
void TestTrainingUiAlignment::heldOutLessonComparesWithTheTrainingOnlyAligner() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(path_), QString());
    panel.settings()->setHoldoutFraction(0.5);
    QVERIFY(waitForAlignment(panel));
    QVERIFY(train(panel, 3));
    QVERIFY(waitForAlignment(panel));
    const std::vector<int> held = panel.session()->heldOutIndices();
    int checked = 0;
    for (int pair : held) {
        if (!panel.corpus()->pairs[size_t(pair)].hasGold) continue;
        panel.selectPair(pair);
        QVERIFY(panel.pairAttentionAer() && panel.pairAlignerAer() && panel.pairAlignerAerTrainOnly());
        const QString lesson = panel.lessonText();
        QVERIFY2(lesson.contains(QStringLiteral("held out")), qPrintable(lesson));
        QVERIFY2(lesson.contains(QStringLiteral("aligner trained on the training pairs only")), qPrintable(lesson));
        QVERIFY2(lesson.contains(QStringLiteral("this one included")), qPrintable(lesson));
        QVERIFY2(lesson.contains(aerText(*panel.pairAlignerAer())), qPrintable(lesson));
        // Whichever is better, the figure compared with the attention is the
        // training-only aligner's (it equals the attention's when equal).
        QVERIFY2(lesson.contains(aerText(*panel.pairAlignerAerTrainOnly())), qPrintable(lesson));
        ++checked;
    }
    QVERIFY(checked > 0);
    // A training pair: both saw it, and the lesson says the aligner ran on
    // every pair.
    for (int k = 0; k < int(panel.corpus()->pairs.size()); ++k) {
        if (std::binary_search(held.begin(), held.end(), k) || !panel.corpus()->pairs[size_t(k)].hasGold) continue;
        panel.selectPair(k);
        const QString lesson = panel.lessonText();
        QVERIFY2(!lesson.contains(QStringLiteral("held out:")), qPrintable(lesson));
        QVERIFY2(lesson.contains(QStringLiteral("every pair")), qPrintable(lesson));
        break;
    }
}

void TestTrainingUiAlignment::guideChoiceIsUsedByTheWorker() {
    TrainingPanel panel;
    panel.setDiscardQuestion([] { return true; });
    auto* guide = panel.findChild<QComboBox*>(QStringLiteral("trainGuideCombo"));
    auto* weight = panel.findChild<QDoubleSpinBox*>(QStringLiteral("trainGuidedSpin"));
    QVERIFY(guide && weight);
    // The guide means something only with guided alignment on.
    weight->setValue(0.0);
    QVERIFY(!guide->isEnabled());
    weight->setValue(1.0);
    QVERIFY(guide->isEnabled());
    QCOMPARE(guide->count(), 2);

    // Without gold links the gold guide guides nothing: the run equals the
    // unguided one bit for bit. The IBM Model 2 guide changes it, and equals
    // the engine trained with the aligner's links.
    QCOMPARE(panel.loadCorpusFile(noGoldPath_), QString());
    auto run = [&](double lambda, ui::TrainingSettings::GuideSource source) {
        ap::Seq2SeqOptions o = panel.options();
        o.guidedAlignment = lambda;
        panel.setOptions(o);
        panel.settings()->setGuide(source);
        QVERIFY(train(panel, 4));
    };
    using Source = ui::TrainingSettings::GuideSource;
    run(0.0, Source::Gold);
    const Eigen::VectorXd unguided = panel.model()->parameters();
    run(1.0, Source::Gold);
    QVERIFY(panel.model()->parameters() == unguided);
    guide->setCurrentIndex(guide->findData(int(Source::Ibm2)));
    QVERIFY(panel.settings()->guide() == Source::Ibm2);
    run(1.0, Source::Ibm2);
    const Eigen::VectorXd windowed = panel.model()->parameters();
    QVERIFY(windowed != unguided);

    ap::TrainerOptions trainerOptions;
    const ap::AlignerSummary aligned = ap::alignCorpus(*panel.corpus(), ap::AlignerOptions{});
    for (const ap::PairAlignment& a : aligned.pairs) trainerOptions.guideLinks.push_back(a.links);
    ap::Seq2SeqTrainer trainer;
    QCOMPARE(trainer.start(*panel.corpus(), panel.options(), ap::Corpus{}, trainerOptions).message, std::string());
    ap::EpochStats stats;
    while (trainer.runEpoch(stats)) {}
    QVERIFY(trainer.model().parameters() == windowed);
}

void TestTrainingUiAlignment::automaticEpochsShowTheirCount() {
    TrainingPanel panel;
    QCOMPARE(panel.loadCorpusFile(path_), QString());
    auto* epochs = panel.findChild<QSpinBox*>(QStringLiteral("trainEpochsSpin"));
    QVERIFY(epochs);
    // The default is automatic: the spin box says so, the bar counts the
    // epochs that the engine will choose for the training pairs.
    QCOMPARE(panel.options().epochs, 0);
    QCOMPARE(epochs->text(), QStringLiteral("Automatic"));
    auto* progress = panel.findChild<QProgressBar*>(QStringLiteral("trainingProgress"));
    QCOMPARE(progress->maximum(), ap::automaticEpochs(6));
    panel.settings()->setHoldoutFraction(0.5);
    QCOMPARE(progress->maximum(), ap::automaticEpochs(3));
    epochs->setValue(7);
    QCOMPARE(panel.options().epochs, 7);
}

void TestTrainingUiAlignment::generateCorpusFromThePickersMenu() {
    TrainingPanel panel;
    QAction* action = panel.generateCorpusAction();
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    QVERIFY(action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)));
    auto* menu = panel.findChild<QMenu*>(QStringLiteral("corpusMenu"));
    QVERIFY(menu);
    QVERIFY(menu->actions().contains(action));
    QCOMPARE(button(panel, "loadPairsButton")->menu(), menu);

    action->trigger();
    auto* dialog = panel.findChild<ui::GenerateCorpusDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    // A second trigger does not open a second dialog.
    action->trigger();
    QCOMPARE(panel.findChildren<ui::GenerateCorpusDialog*>().size(), 1);

    const QString out = dir_->filePath(QStringLiteral("generated.tsv"));
    dialog->setOutputFile(out);
    ap::GrammarOptions o = dialog->options();
    o.pairs = 40;
    o.seed = 5;
    dialog->setOptions(o);
    dialog->generate();
    // The written corpus becomes the window's corpus.
    QVERIFY(QTest::qWaitFor([&] { return panel.session()->corpusPath() == out; }, 60000));
    QCOMPARE(int(panel.corpus()->pairs.size()), 40);
    QVERIFY(panel.corpus()->pairs.front().hasGold);
    dialog->close();
}

void TestTrainingUiAlignment::generateCorpusFromTheMainWindowMenu() {
    ui::MainWindow window;
    QAction* item = nullptr;
    for (QAction* a : window.menuBar()->findChildren<QAction*>(QStringLiteral("generateCorpusMenuAction"))) item = a;
    QVERIFY(item);
    QVERIFY(!item->toolTip().isEmpty());
    item->trigger();
    TrainingPanel* panel = window.trainingPanel();
    QVERIFY(panel->window()->isVisible());
    auto* dialog = panel->findChild<ui::GenerateCorpusDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->close();
}

QTEST_MAIN(TestTrainingUiAlignment)
#include "test_training_ui_alignment.moc"
