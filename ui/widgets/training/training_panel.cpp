#include "widgets/training/training_panel.h"

#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
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

QString percent(double fraction) { return QLocale().toString(100.0 * fraction, 'f', 1); }

QToolButton* actionButton(QAction* action, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    return button;
}

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
    session_ = new TrainingSession(this);
    connect(session_, &TrainingSession::epochFinished, this, &TrainingPanel::onEpoch);
    connect(session_, &TrainingSession::stateChanged, this, &TrainingPanel::onStateChanged);
    connect(session_, &TrainingSession::corpusChanged, this, &TrainingPanel::onCorpusChanged);
    connect(session_, &TrainingSession::splitChanged, this, [this] {
        pairModel_->setHeldOut(session_->heldOutIndices());
        updateStatus();
    });
    connect(session_, &TrainingSession::modelChanged, this, [this] { updateActions(); });
    connect(session_, &TrainingSession::failed, this,
            [this](const QString& message) { showError(tr("Training could not start: %1").arg(message)); });

    refreshTimer_ = new QTimer(this);
    refreshTimer_->setSingleShot(true);
    refreshTimer_->setInterval(kRefreshMs);
    connect(refreshTimer_, &QTimer::timeout, this, &TrainingPanel::refreshViews);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(buildCorpusBox(), 1);
    leftLayout->addWidget(buildTrainingBox());

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(buildViews());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);

    session_->setHoldout(settings_->holdoutFraction(), settings_->options().seed);
    session_->setLowercase(settings_->lowercase());
    // French-English is ready at once, so that a new user only has to press
    // Train; a missing resources directory shows its message instead.
    if (picker_->shippedCount() > 0) loadCorpusFile(picker_->pathAt(0));
    updateStatus();
    updateActions();
}

TrainingPanel::~TrainingPanel() {
    stopAligner();
    // The session joins its worker; its signals must not reach a half-gone panel.
    session_->disconnect(this);
}

void TrainingPanel::openGenerateDialog() {
    if (findChild<GenerateCorpusDialog*>()) return;  // one at a time: it is open already
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto* dialog = new GenerateCorpusDialog(this, QDir(folder).filePath(QStringLiteral("generated.tsv")));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &GenerateCorpusDialog::generated, this, [this, dialog](const QString& path) {
        // The new pairs are what the user asked for: show them at once (the
        // dialog stays for another corpus until closed).
        if (!isTraining()) chooseCorpus(path);
        (void)dialog;
    });
    dialog->open();
}

void TrainingPanel::stopAligner() {
    if (alignerCancel_) *alignerCancel_ = true;
    if (alignerThread_) {
        alignerThread_->wait();
        delete alignerThread_;
        alignerThread_ = nullptr;
    }
}

void TrainingPanel::startAligner() {
    // A superseded run is told to stop and left to finish on its own; its
    // result is dropped by the request id.
    if (alignerCancel_) *alignerCancel_ = true;
    alignment_.reset();
    const CorpusPtr corpus = session_->corpus();
    if (!corpus || corpus->pairs.empty()) return;
    const int id = ++alignerRequest_;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    alignerCancel_ = cancel;
    QThread* previous = alignerThread_;
    // The aligner sees every pair, held-out ones too: it learns from
    // co-occurrences only, never from gold links or a translation, so a
    // held-out pair teaches it nothing the evaluation checks.
    alignerThread_ = QThread::create([this, corpus, id, cancel, previous] {
        if (previous) {
            previous->wait();
            previous->deleteLater();
        }
        auto summary = std::make_shared<ap::AlignerSummary>(
            ap::alignCorpus(*corpus, ap::AlignerOptions{}, [cancel](int, int) { return !*cancel; }));
        if (*cancel) return;
        QMetaObject::invokeMethod(
            this, [this, id, summary] { onAligned(id, summary); }, Qt::QueuedConnection);
    });
    alignerThread_->start(QThread::LowPriority);
}

void TrainingPanel::onAligned(int requestId, std::shared_ptr<const ap::AlignerSummary> summary) {
    if (requestId != alignerRequest_) return;
    if (alignerThread_) {
        alignerThread_->wait();
        delete alignerThread_;
        alignerThread_ = nullptr;
    }
    alignment_ = summary->ok ? std::move(summary) : nullptr;
    refreshViews();
}

QAction* TrainingPanel::addShortcutAction(const QString& text, const QString& tip, const QKeySequence& key) {
    auto* action = new QAction(text, this);
    action->setToolTip(key.isEmpty() ? tip : tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    if (!key.isEmpty()) {
        action->setShortcut(key);
        // Only while the focus is in the panel: the main window owns the
        // window-wide shortcuts.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    addAction(action);
    return action;
}

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

    errorLabel_ = new QLabel(box);
    errorLabel_->setObjectName(QStringLiteral("trainingErrorLabel"));
    errorLabel_->setWordWrap(true);
    errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel_->setStyleSheet(QStringLiteral("color: #b00020;"));
    errorLabel_->setToolTip(tr("Why the last file or setting was refused; nothing else changed"));
    errorLabel_->hide();
    layout->addWidget(errorLabel_);

    pairModel_ = new PairListModel(this);
    pairView_ = new QListView(box);
    pairView_->setObjectName(QStringLiteral("pairList"));
    pairView_->setModel(pairModel_);
    pairView_->setUniformItemSizes(true);
    pairView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Long pairs are elided; their tooltip gives them whole.
    pairView_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    pairView_->setMinimumWidth(300);
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
           "both directions, learnt by EM from the corpus's co-occurrences alone (Brown et al. 1993)"));
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
    comparisonLayout->addWidget(lesson_);
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
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    return views;
}

void TrainingPanel::chooseCorpus(const QString& path) {
    if (QFileInfo(path).absoluteFilePath() != session_->corpusPath() && !isTraining() && !confirmDiscardModel()) {
        picker_->setCurrentPath(session_->corpusPath());
        return;
    }
    loadCorpusFile(path);
}

bool TrainingPanel::confirmDiscardModel() {
    if (!session_->hasModel()) return true;
    if (discardQuestion_) return discardQuestion_();
    return QMessageBox::question(this, tr("Discard the trained model?"),
                                 tr("Other pairs need a new model: the one trained now will be "
                                    "discarded. Save it first with Save model… to keep it."),
                                 QMessageBox::Discard | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Discard;
}

void TrainingPanel::setDiscardQuestion(std::function<bool()> question) { discardQuestion_ = std::move(question); }

QString TrainingPanel::loadCorpusFile(const QString& path) {
    const QString error = session_->loadCorpusFile(path);
    // The picker names the corpus in use, whichever way it was chosen.
    picker_->setCurrentPath(session_->corpusPath());
    showError(error);
    return error;
}

void TrainingPanel::onCorpusChanged() {
    plots_->clear();
    showsTranslation_ = false;
    translation_->clear();
    const CorpusPtr corpus = session_->corpus();
    pairModel_->setCorpus(corpus, QFileInfo(session_->corpusPath()).fileName(), session_->heldOutIndices());
    startAligner();
    if (!isTraining()) progress_->setRange(0, session_->epochsFor(settings_->options()));
    selectPair(corpus && !corpus->pairs.empty() ? 0 : -1);
    updateStatus();
}

void TrainingPanel::applySplitSettings() {
    session_->setLowercase(settings_->lowercase());
    session_->setHoldout(settings_->holdoutFraction(), settings_->options().seed);
}

QString TrainingPanel::saveModel(const QString& path) {
    const QString error = session_->saveModel(path);
    showError(error);
    return error;
}

QString TrainingPanel::loadModel(const QString& path) {
    const QString error = session_->loadModel(path);
    showError(error);
    if (error.isEmpty()) {
        plots_->clear();
        refreshViews();
    }
    return error;
}

void TrainingPanel::loadModelInBackground(const QString& path) {
    showError({});
    modelLoadBar_->load(path);
    updateActions();
}

bool TrainingPanel::isLoadingModel() const { return modelLoadBar_->isLoading(); }

void TrainingPanel::cancelModelLoad() { modelLoadBar_->cancel(); }

void TrainingPanel::showError(const QString& message) {
    errorLabel_->setText(message);
    errorLabel_->setVisible(!message.isEmpty());
}

int TrainingPanel::currentPairIndex() const {
    const QModelIndex current = pairView_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void TrainingPanel::selectPair(int index) {
    {
        const QSignalBlocker block(pairView_->selectionModel());
        const QModelIndex target = pairModel_->index(index, 0);
        pairView_->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect);
        // The view repaints the new selection itself only on signals.
        pairView_->viewport()->update();
        if (target.isValid()) pairView_->scrollTo(target);
    }
    showsTranslation_ = false;
    selectedRow_ = 0;
    refreshViews();
}

void TrainingPanel::selectTargetRow(int row) {
    selectedRow_ = row;
    heatmap_->setSelectedRow(row);
    alignerHeatmap_->setSelectedRow(row);
    refreshBarChart();
}

void TrainingPanel::translate(const QString& sentence) {
    std::vector<std::string> tokens = ap::tokenize(sentence.toStdString());
    // A model trained on lower-cased pairs knows only lower-case words.
    if (session_->lowercase())
        for (std::string& t : tokens) t = ap::lowercase(t);
    if (tokens.empty()) {
        translation_->setText(tr("Type a sentence in the source language"));
        return;
    }
    if (int(tokens.size()) > ap::limits::corpus::kMaxTokensPerSide) {
        translation_->setText(tr("At most %1 words").arg(ap::limits::corpus::kMaxTokensPerSide));
        return;
    }
    if (!model()) {
        translation_->setText(tr("Train first: there is no model yet"));
        return;
    }
    if (translateEdit_->text() != sentence) translateEdit_->setText(sentence);
    translationSource_ = tokens;
    showsTranslation_ = true;
    selectedRow_ = 0;
    refreshViews();
}

ap::Seq2SeqOptions TrainingPanel::options() const { return settings_->options(); }

void TrainingPanel::setOptions(const ap::Seq2SeqOptions& options) {
    settings_->setOptions(options);
    if (!isTraining()) progress_->setRange(0, session_->epochsFor(settings_->options()));
    applySplitSettings();
}

void TrainingPanel::startTraining() {
    if (isTraining() || !corpus()) return;
    const ap::Seq2SeqOptions options = settings_->options();
    applySplitSettings();
    const QString error = session_->start(options, settings_->guide() == TrainingSettings::GuideSource::Ibm2);
    if (!error.isEmpty()) {
        showError(tr("Cannot train: %1").arg(error));
        return;
    }
    showError(QString());
    plots_->clear();
    progress_->setRange(0, session_->plannedEpochs());
    refreshViews();
}

void TrainingPanel::pauseTraining() { session_->pause(); }

void TrainingPanel::resumeTraining() { session_->resume(); }

void TrainingPanel::stopTraining() { session_->stop(); }

void TrainingPanel::onStateChanged() {
    updateActions();
    updateStatus();
    if (!isTraining()) {
        refreshTimer_->stop();
        refreshViews();
    }
    if (wasTraining_ != isTraining()) {
        wasTraining_ = isTraining();
        emit trainingChanged(wasTraining_);
    }
}

void TrainingPanel::updateActions() {
    const TrainingSession::State state = session_->state();
    const bool idle = state == TrainingSession::State::Idle;
    const bool running = state == TrainingSession::State::Training || state == TrainingSession::State::Paused;
    loadAction_->setEnabled(idle);
    picker_->setEnabled(idle);
    settings_->setEnabled(idle);
    const bool loading = modelLoadBar_ && modelLoadBar_->isLoading();
    trainAction_->setEnabled(idle && corpus() && !loading);
    pauseAction_->setEnabled(running);
    resumeAction_->setEnabled(state == TrainingSession::State::Paused);
    stopAction_->setEnabled(running);
    playgroundAction_->setEnabled(model() && currentPairIndex() >= 0);
    saveModelAction_->setEnabled(idle && model());
    loadModelAction_->setEnabled(idle && !loading);
}

void TrainingPanel::onEpoch(const ap::EpochStats& stats) {
    // Epochs of a tiny corpus can come thousands a second: only the plot
    // data is taken per epoch, everything on screen waits for the refresh.
    plots_->addEpoch(stats);
    scheduleRefresh();
}

void TrainingPanel::scheduleRefresh() {
    if (!refreshTimer_->isActive()) refreshTimer_->start();
}

void TrainingPanel::refreshViews() {
    const std::optional<ap::EpochStats> stats = lastStats();
    progress_->setValue(stats ? stats->epoch : 0);
    updateStatus();
    refreshHeatmap();
    refreshBarChart();
    plots_->replot();
    updateActions();
}

void TrainingPanel::refreshHeatmap() {
    HeatmapData data;
    pairAttentionAer_.reset();
    const int pair = currentPairIndex();
    const ModelPtr model = this->model();
    const CorpusPtr corpus = session_->corpus();
    const std::optional<ap::EpochStats> stats = lastStats();
    const int epoch = stats ? stats->epoch : 0;
    // One pair's forward pass (or one greedy decoding) on the snapshot: a
    // fraction of a millisecond at the sizes TrainingSettings offers.
    if (showsTranslation_ && model) {
        const ap::Translation t = model->translate(translationSource_);
        data = translationHeatmap(t);
        data.title = tr("Translation · greedy decoding · epoch %1").arg(epoch);
        QStringList unknown;
        for (const std::string& s : translationSource_)
            if (!model->sourceVocabulary().contains(s)) unknown << QString::fromStdString(s);
        const QString words = joinTokens(t.tokens);
        const QString unknownList = QLocale().createSeparatedList(unknown);
        const int limit = int(t.tokens.size());
        QString text;
        if (t.finished && unknown.isEmpty())
            text = tr("→ %1").arg(words);
        else if (t.finished)
            text = tr("→ %1 · unknown words: %2").arg(words, unknownList);
        else if (unknown.isEmpty())
            text = tr("→ %1 … (no end of sentence within %n word(s))", nullptr, limit).arg(words);
        else
            text = tr("→ %1 … (no end of sentence within %n word(s)) · unknown words: %2", nullptr, limit)
                       .arg(words, unknownList);
        translation_->setText(text);
    } else if (corpus && pair >= 0 && pair < int(corpus->pairs.size())) {
        const ap::SentencePair& p = corpus->pairs[size_t(pair)];
        if (model) {
            const ap::PairAttention attention = model->teacherForcedAttention(p);
            data = pairAttentionHeatmap(p, attention);
            if (p.hasGold)
                pairAttentionAer_ =
                    ap::alignmentCounts(ap::argmaxAlignment(attention.mean, int(p.target.size())), p.gold).aer();
            const bool held = session_->isHeldOut(pair);
            if (!data.possibleMarks.empty())
                data.title = held ? tr("Held-out pair %1 · decoder → encoder attention after epoch %2 · rings: gold "
                                       "alignment (dashed: possible)")
                                        .arg(pair + 1)
                                        .arg(epoch)
                                  : tr("Pair %1 · decoder → encoder attention after epoch %2 · rings: gold alignment "
                                       "(dashed: possible)")
                                        .arg(pair + 1)
                                        .arg(epoch);
            else if (!data.marks.empty())
                data.title = held ? tr("Held-out pair %1 · decoder → encoder attention after epoch %2 · rings: gold "
                                       "alignment")
                                        .arg(pair + 1)
                                        .arg(epoch)
                                  : tr("Pair %1 · decoder → encoder attention after epoch %2 · rings: gold alignment")
                                        .arg(pair + 1)
                                        .arg(epoch);
            else
                data.title =
                    held ? tr("Held-out pair %1 · decoder → encoder attention after epoch %2").arg(pair + 1).arg(epoch)
                         : tr("Pair %1 · decoder → encoder attention after epoch %2").arg(pair + 1).arg(epoch);
            if (pairAttentionAer_) {
                const QString aer = QLocale().toString(*pairAttentionAer_, 'f', 3);
                data.title =
                    tr("%1 · AER %2", "heatmap title, then the pair's alignment error rate").arg(data.title, aer);
                // A narrow heatmap elides the title's middle, never the figure.
                data.titleKeep = QStringLiteral("AER ") + aer;
            }
        } else {
            data = goldAlignmentHeatmap(p);
            data.title = tr("Pair %1 · gold alignment (rings) · press Train to see the attention").arg(pair + 1);
        }
    } else {
        data.title = tr("No pair selected");
    }
    selectedRow_ = data.rows() > 0 ? std::clamp(selectedRow_, 0, data.rows() - 1) : -1;
    heatmap_->setData(std::move(data));
    heatmap_->setSelectedRow(selectedRow_);
    refreshAlignerHeatmap(showsTranslation_ ? -1 : pair);
    updateLesson();
}

void TrainingPanel::refreshAlignerHeatmap(int pair) {
    pairAlignerAer_.reset();
    const CorpusPtr corpus = session_->corpus();
    HeatmapData data;
    if (showsTranslation_) {
        data.title = tr("The aligner aligns corpus pairs only, not typed sentences");
    } else if (!corpus || pair < 0 || pair >= int(corpus->pairs.size())) {
        data.title = tr("No pair selected");
    } else if (!alignment_ || std::size_t(pair) >= alignment_->pairs.size()) {
        data.title = isAligning() ? tr("Aligning the corpus with IBM Model 2…") : tr("No alignment");
    } else {
        const ap::SentencePair& p = corpus->pairs[std::size_t(pair)];
        const ap::PairAlignment& a = alignment_->pairs[std::size_t(pair)];
        // The attention heatmap's rows (target words, then <eos>), so that a
        // row means the same word in both pictures; the aligner has no <eos>
        // step, its row stays empty.
        data = goldAlignmentHeatmap(p);
        data.values.topRows(a.soft.rows()) = a.soft;
        if (p.hasGold) {
            pairAlignerAer_ = ap::alignmentCounts(a.links, p.gold).aer();
            const QString aer = QLocale().toString(*pairAlignerAer_, 'f', 3);
            data.title = tr("IBM Model 2 · soft alignment · grow-diag-final-and links: AER %1").arg(aer);
            data.titleKeep = QStringLiteral("AER ") + aer;
        } else {
            data.title = tr("IBM Model 2 · soft alignment");
        }
    }
    alignerHeatmap_->setData(std::move(data));
    alignerHeatmap_->setSelectedRow(selectedRow_);
}

void TrainingPanel::updateLesson() {
    QString text = tr("Attention is not alignment. The decoder attends to whichever encoder states help it "
                      "predict the next word, and each encoder state also describes its neighbours, so the "
                      "weight may sit beside the word being translated while the translation stays right. "
                      "The aligner (right) has only the words themselves: its posteriors can rest only on "
                      "source words that occur with the target word.");
    if (pairAttentionAer_ && pairAlignerAer_) {
        const QLocale locale;
        const double gap = *pairAttentionAer_ - *pairAlignerAer_;
        if (gap > 0.005)
            text += QLatin1Char(' ') +
                    tr("Here the attention (AER %1) aligns worse than the aligner (AER %2): "
                       "look for rows whose brightest cell misses the ring.")
                        .arg(locale.toString(*pairAttentionAer_, 'f', 3), locale.toString(*pairAlignerAer_, 'f', 3));
        else if (gap < -0.005)
            text += QLatin1Char(' ') +
                    tr("Here the attention (AER %1) aligns better than the aligner (AER %2): "
                       "the model has learnt where the words are, which guided alignment "
                       "makes more likely.")
                        .arg(locale.toString(*pairAttentionAer_, 'f', 3), locale.toString(*pairAlignerAer_, 'f', 3));
        else
            text += QLatin1Char(' ') +
                    tr("Here both align equally well (AER %1).").arg(locale.toString(*pairAttentionAer_, 'f', 3));
    }
    lesson_->setText(text);
}

QString TrainingPanel::lessonText() const { return lesson_->text(); }

void TrainingPanel::refreshBarChart() {
    const HeatmapData& d = heatmap_->data();
    if (selectedRow_ < 0 || selectedRow_ >= d.rows()) {
        barChart_->clear();
        return;
    }
    std::vector<float> values(size_t(d.columns()));
    for (int c = 0; c < d.columns(); ++c) values[size_t(c)] = d.values(selectedRow_, c);
    barChart_->setRow(d.rowLabels.value(selectedRow_), d.columnLabels, std::move(values),
                      std::vector<bool>(size_t(d.columns()), false), true);
}

void TrainingPanel::updateStatus() {
    QString text;
    QString heldText;
    const std::optional<ap::EpochStats> stats = lastStats();
    const CorpusPtr corpus = session_->corpus();
    const TrainingSession::State state = session_->state();
    if (stats) {
        const ap::EpochStats& s = *stats;
        const QLocale locale;
        const QString aer = s.pairsWithGold > 0 ? locale.toString(s.aer, 'f', 3) : tr("— (no gold)");
        text = tr("Epoch %1 of %2 · loss %3 · token accuracy %4 % · exact match %5 % · AER %6")
                   .arg(locale.toString(s.epoch), locale.toString(session_->plannedEpochs()),
                        locale.toString(s.loss, 'f', 4), percent(s.tokenAccuracy), percent(s.exactMatch), aer);
        if (s.hasHeldOut) {
            const ap::Evaluation& h = s.heldOut;
            const QString heldAer = h.pairsWithGold > 0 ? locale.toString(h.aer, 'f', 3) : tr("— (no gold)");
            heldText = tr("Held out: loss %1 · token accuracy %2 % · exact match %3 % · BLEU %4 · AER %5")
                           .arg(locale.toString(h.loss, 'f', 4), percent(h.tokenAccuracy), percent(h.exactMatch),
                                locale.toString(h.bleu, 'f', 3), heldAer);
        }
    } else if (corpus) {
        const int held = int(session_->heldOutIndices().size());
        text = tr("%n pair(s) loaded", nullptr, int(corpus->pairs.size()));
        if (held > 0) heldText = tr("%n pair(s) held out for evaluation", nullptr, held);
        if (session_->hasModel()) text = tr("A model is loaded: type a sentence to translate it. %1").arg(text);
    }
    switch (state) {
    case TrainingSession::State::Training:
        if (!stats) text = tr("Starting…");
        break;
    case TrainingSession::State::Paused: text = tr("%1 · paused", "training status, then its state").arg(text); break;
    case TrainingSession::State::Stopping:
        text = tr("%1 · stopping…", "training status, then its state").arg(text);
        break;
    case TrainingSession::State::Idle:
        if (stats)
            text = session_->stoppedEarly() ? tr("%1 · stopped", "training status, then its state").arg(text)
                                            : tr("%1 · done", "training status, then its state").arg(text);
        break;
    }
    status_->setText(text);
    heldOutStatus_->setText(heldText);
}

void TrainingPanel::openSelectedPair() {
    const int pair = currentPairIndex();
    const ModelPtr m = model();
    const CorpusPtr c = session_->corpus();
    if (!m || !c || pair < 0 || pair >= int(c->pairs.size())) return;
    emit openInPlayground(ap::sceneFromPair(*m, c->pairs[size_t(pair)]));
}

QString TrainingPanel::errorText() const { return errorLabel_->text(); }

QString TrainingPanel::statusText() const { return status_->text(); }

QString TrainingPanel::heldOutText() const { return heldOutStatus_->text(); }

QString TrainingPanel::translationText() const { return translation_->text(); }

int TrainingPanel::lossPlotPointCount() const { return plots_->lossPointCount(); }

int TrainingPanel::aerPlotPointCount() const { return plots_->aerPointCount(); }

}  // namespace ui
