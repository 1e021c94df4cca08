#include "widgets/training/training_panel.h"

#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/window_fit.h"
#include "render/resources_dir.h"
#include "widgets/training/corpus_picker.h"
#include "widgets/training/generate_corpus_dialog.h"
#include "widgets/training/model_load_bar.h"
#include "widgets/training/pair_list_model.h"
#include "widgets/training/training_heatmap.h"
#include "widgets/training/training_plots.h"
#include "widgets/training/training_settings.h"
#include "translation/corpus_split.h"
#include "translation/metrics.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QListView>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {
namespace {

QToolButton* actionButton(QAction* action, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    return button;
}

}  // namespace

QWidget* TrainingPanel::buildCorpusBox() {
    auto* box = new QGroupBox(tr("Sentence pairs"), this);
    auto* layout = new QVBoxLayout(box);

    loadAction_ =
        addShortcutAction(tr("Load pairs…"), tr("Open a corpus file: source TAB target [TAB gold alignment] a line"),
                          QKeySequence(Qt::CTRL | Qt::Key_L));
    loadAction_->setObjectName(QStringLiteral("loadPairs"));
    connect(loadAction_, &QAction::triggered, this, [this] {
        const QString current = session_->corpusPath();
        const QString start = current.isEmpty() ? resourcesDir() : QFileInfo(current).absolutePath();
        const QString path = QFileDialog::getOpenFileName(this, tr("Load sentence pairs"), start,
                                                          tr("Sentence pairs (*.tsv);;All files (*)"));
        if (!path.isEmpty()) chooseCorpus(path);
    });
    generateAction_ = addShortcutAction(tr("Generate corpus…"),
                                        tr("Write a corpus of any size from a toy grammar (French, German or "
                                           "Chinese to English, with gold alignments) and train on it"),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    generateAction_->setObjectName(QStringLiteral("generateCorpus"));
    connect(generateAction_, &QAction::triggered, this, &TrainingPanel::openGenerateDialog);
    picker_ = new CorpusPicker(loadAction_, generateAction_, box);
    connect(picker_, &CorpusPicker::chosen, this, &TrainingPanel::chooseCorpus);
    layout->addWidget(picker_);

    pairModel_ = new PairListModel(this);
    pairView_ = new QListView(box);
    pairView_->setObjectName(QStringLiteral("pairList"));
    pairView_->setModel(pairModel_);
    pairView_->setUniformItemSizes(true);
    pairView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Long pairs are elided; their tooltip gives them whole.
    pairView_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    pairView_->setMinimumWidth(240);
    pairView_->setToolTip(tr("The pairs of the corpus: select one to see its attention; held-out "
                             "pairs are marked and never trained on"));
    connect(pairView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { selectPair(current.isValid() ? current.row() : -1); });
    // Clicking the current pair again leaves a typed translation for it.
    connect(pairView_, &QListView::clicked, this, [this](const QModelIndex& index) { selectPair(index.row()); });
    layout->addWidget(pairView_, 1);

    playgroundAction_ =
        addShortcutAction(tr("Open in playground"),
                          tr("Open the selected pair as a scene: the trained decoder states as queries, the encoder "
                             "states as keys and values"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    playgroundAction_->setObjectName(QStringLiteral("openInPlayground"));
    connect(playgroundAction_, &QAction::triggered, this, &TrainingPanel::openSelectedPair);
    layout->addWidget(actionButton(playgroundAction_, box), 0, Qt::AlignLeft);
    return box;
}

QWidget* TrainingPanel::buildTrainingBox() {
    auto* box = new QGroupBox(tr("Training"), this);
    auto* layout = new QVBoxLayout(box);
    settings_ = new TrainingSettings(box);
    connect(settings_, &TrainingSettings::splitSettingsChanged, this, &TrainingPanel::applySplitSettings);
    layout->addWidget(settings_);
    return box;
}

QWidget* TrainingPanel::buildRunControls() {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);

    trainAction_ =
        addShortcutAction(tr("Train"), tr("Train a new model from the seed on these pairs"), QKeySequence(Qt::Key_F5));
    trainAction_->setObjectName(QStringLiteral("train"));
    connect(trainAction_, &QAction::triggered, this, &TrainingPanel::startTraining);
    // One key toggles pause and resume (two enabled actions on one key would
    // be ambiguous), so F6 belongs to Pause and does both.
    pauseAction_ = addShortcutAction(tr("Pause"), tr("Pause after the epoch under way; again to resume"),
                                     QKeySequence(Qt::Key_F6));
    pauseAction_->setObjectName(QStringLiteral("pause"));
    connect(pauseAction_, &QAction::triggered, this, [this] {
        if (isPaused())
            resumeTraining();
        else
            pauseTraining();
    });
    resumeAction_ = addShortcutAction(tr("Resume"), tr("Go on training (F6)"), QKeySequence());
    resumeAction_->setObjectName(QStringLiteral("resume"));
    connect(resumeAction_, &QAction::triggered, this, &TrainingPanel::resumeTraining);
    stopAction_ = addShortcutAction(tr("Stop"), tr("Stop training; the model keeps what it learnt"),
                                    QKeySequence(Qt::SHIFT | Qt::Key_F5));
    stopAction_->setObjectName(QStringLiteral("stop"));
    connect(stopAction_, &QAction::triggered, this, &TrainingPanel::stopTraining);

    saveModelAction_ = addShortcutAction(tr("Save model…"), tr("Keep the trained model in a file"),
                                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    saveModelAction_->setObjectName(QStringLiteral("saveModel"));
    connect(saveModelAction_, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save model"), QString(),
                                                          tr("Translation models (*.apmodel);;All files (*)"));
        if (!path.isEmpty()) saveModel(path);
    });
    loadModelAction_ = addShortcutAction(tr("Load model…"), tr("Load a model saved before, to translate with it"),
                                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    loadModelAction_->setObjectName(QStringLiteral("loadModel"));
    connect(loadModelAction_, &QAction::triggered, this, [this] {
        if (!confirmDiscardModel()) return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Load model"), QString(),
                                                          tr("Translation models (*.apmodel);;All files (*)"));
        if (!path.isEmpty()) loadModelInBackground(path);
    });

    // The buttons have a row of their own and the status a fixed height
    // below them, so that nothing moves while the status text changes.
    auto* buttons = new QHBoxLayout;
    for (QAction* a : {trainAction_, pauseAction_, resumeAction_, stopAction_})
        buttons->addWidget(actionButton(a, box));
    buttons->addStretch(1);
    layout->addLayout(buttons);
    auto* modelButtons = new QHBoxLayout;
    for (QAction* a : {saveModelAction_, loadModelAction_}) modelButtons->addWidget(actionButton(a, box));
    modelButtons->addStretch(1);
    layout->addLayout(modelButtons);
    modelLoadBar_ = new ModelLoadBar(box);
    connect(modelLoadBar_, &ModelLoadBar::finished, this,
            [this](const QString&, std::shared_ptr<ap::ModelReadResult> read) {
                const QString error = session_->adoptModel(std::move(*read));
                showError(error);
                if (error.isEmpty()) {
                    plots_->clear();
                    refreshViews();
                }
                updateActions();
                emit modelLoadFinished(error);
            });
    connect(modelLoadBar_, &ModelLoadBar::cancelled, this, &TrainingPanel::updateActions);
    layout->addWidget(modelLoadBar_);

    progress_ = new QProgressBar(box);
    progress_->setObjectName(QStringLiteral("trainingProgress"));
    progress_->setFormat(tr("epoch %v of %m"));
    progress_->setRange(0, session_->epochsFor(settings_->options()));
    progress_->setValue(0);
    progress_->setToolTip(tr("Epochs done of those asked for"));
    layout->addWidget(progress_);

    status_ = new QLabel(box);
    status_->setObjectName(QStringLiteral("trainingStatus"));
    status_->setWordWrap(true);
    status_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    status_->setFixedHeight(3 * status_->fontMetrics().lineSpacing() + 4);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setToolTip(tr("After the last epoch: loss (cross-entropy per token), token accuracy "
                           "(teacher forced), exact match (greedy translation equals the target) "
                           "and AER (alignment error rate of the argmax attention, Och & Ney 2003)"));
    layout->addWidget(status_);

    heldOutStatus_ = new QLabel(box);
    heldOutStatus_->setObjectName(QStringLiteral("heldOutStatus"));
    heldOutStatus_->setWordWrap(true);
    heldOutStatus_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    heldOutStatus_->setFixedHeight(2 * heldOutStatus_->fontMetrics().lineSpacing() + 4);
    heldOutStatus_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    heldOutStatus_->setToolTip(tr("The same figures on the held-out pairs, which the model never "
                                  "trained on, with BLEU of their greedy translations"));
    layout->addWidget(heldOutStatus_);
    return box;
}

QWidget* TrainingPanel::buildViews() {
    auto* views = new QWidget(this);
    auto* layout = new QVBoxLayout(views);
    layout->setContentsMargins(0, 0, 0, 0);

    translateEdit_ = new QLineEdit(views);
    translateEdit_->setObjectName(QStringLiteral("translateEdit"));
    translateEdit_->setMaxLength(2000);
    translateEdit_->setClearButtonEnabled(true);
    translateEdit_->setPlaceholderText(tr("a source sentence, then Enter"));
    translateEdit_->setToolTip(tr("Type a sentence in the source language and press Enter: the "
                                  "latest model translates it greedily and the heatmap shows its "
                                  "attention"));
    connect(translateEdit_, &QLineEdit::returnPressed, this, [this] { translate(translateEdit_->text()); });
    auto* label = new QLabel(tr("T&ranslate:"), views);
    label->setBuddy(translateEdit_);
    translation_ = new QLabel(views);
    translation_->setObjectName(QStringLiteral("translationLabel"));
    translation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    translation_->setToolTip(tr("The greedy translation of the typed sentence"));
    translation_->setMinimumWidth(120);
    auto* row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(translateEdit_, 2);
    row->addWidget(translation_, 3);
    layout->addLayout(row);

    heatmap_ = new HeatmapView(views);
    heatmap_->setObjectName(QStringLiteral("trainingHeatmap"));
    connect(heatmap_, &HeatmapView::cellClicked, this, [this](int r, int) { selectTargetRow(r); });
    alignerHeatmap_ = new HeatmapView(views);
    alignerHeatmap_->setObjectName(QStringLiteral("alignerHeatmap"));
    alignerHeatmap_->setToolTip(
        tr("The statistical aligner's soft alignment of the same pair: IBM Model 2 posteriors, the mean of "
           "both directions, learnt by EM from the co-occurrences of every pair of the corpus, held-out ones "
           "included (Brown et al. 1993). A held-out pair's title adds the AER of the same aligner trained on "
           "the training pairs only, as the model was"));
    connect(alignerHeatmap_, &HeatmapView::cellClicked, this, [this](int r, int) { selectTargetRow(r); });
    lesson_ = new QLabel(views);
    lesson_->setObjectName(QStringLiteral("attentionLessonLabel"));
    lesson_->setWordWrap(true);
    lesson_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* pictures = new QSplitter(Qt::Horizontal, views);
    pictures->addWidget(heatmap_);
    pictures->addWidget(alignerHeatmap_);
    pictures->setChildrenCollapsible(false);
    auto* comparison = new QWidget(views);
    auto* comparisonLayout = new QVBoxLayout(comparison);
    comparisonLayout->setContentsMargins(0, 0, 0, 0);
    comparisonLayout->addWidget(pictures, 1);
    // The lesson scrolls within a few lines: at full length it took the
    // learning curves' height on a low screen.
    auto* lessonScroll = scrollingContainer(lesson_, views);
    lessonScroll->setObjectName(QStringLiteral("attentionLessonScroll"));
    lessonScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    lessonScroll->setMaximumHeight(4 * lesson_->fontMetrics().lineSpacing() + 4);
    comparisonLayout->addWidget(lessonScroll);
    barChart_ = new BarChartView(views);
    barChart_->setObjectName(QStringLiteral("trainingBarChart"));
    barChart_->setToolTip(tr("The selected target word's weights over the source words (click a "
                             "heatmap row to choose it)"));
    plots_ = new TrainingPlots(views);

    auto* bottom = new QSplitter(Qt::Horizontal, views);
    bottom->addWidget(barChart_);
    bottom->addWidget(plots_);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical, views);
    split->addWidget(comparison);
    split->addWidget(bottom);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    return views;
}

}  // namespace ui
