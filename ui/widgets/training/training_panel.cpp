#include "widgets/training/training_panel.h"

#include "concurrent/coalescing_worker.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/message_bar.h"
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
#include "translation/trained_aligner.h"

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
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {
TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
    session_ = new TrainingSession(this);
    connect(session_, &TrainingSession::epochFinished, this, &TrainingPanel::onEpoch);
    connect(session_, &TrainingSession::stateChanged, this, &TrainingPanel::onStateChanged);
    connect(session_, &TrainingSession::corpusChanged, this, &TrainingPanel::onCorpusChanged);
    connect(session_, &TrainingSession::splitChanged, this, [this] {
        pairModel_->setHeldOut(session_->heldOutIndices());
        updateStatus();
        // The training-only aligner follows the split.
        startAligner();
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

    // The pairs and settings scroll on their own where the screen is lower
    // than they are: the pictures and curves beside them, and the run's
    // buttons below them, keep their room.
    auto* leftScroll = scrollingContainer(left, this);
    leftScroll->setObjectName(QStringLiteral("trainingSettingsScroll"));
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftScroll->setMinimumWidth(left->minimumSizeHint().width() + leftScroll->verticalScrollBar()->sizeHint().width());

    auto* leftColumn = new QWidget(this);
    auto* leftColumnLayout = new QVBoxLayout(leftColumn);
    leftColumnLayout->setContentsMargins(0, 0, 0, 0);
    leftColumnLayout->addWidget(leftScroll, 1);
    leftColumnLayout->addWidget(buildRunControls());

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(leftColumn);
    splitter->addWidget(buildViews());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    // The window's messages span its width above both columns: in the
    // narrow settings column a wrapped message took the fields' height.
    messageBar_ = new MessageBar(this);
    messageBar_->setObjectName(QStringLiteral("trainingMessageBar"));
    messageBar_->setToolTip(tr("Why the last file or setting was refused; nothing else changed"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(messageBar_);
    layout->addWidget(splitter, 1);

    session_->setHoldout(settings_->holdoutFraction(), settings_->options().seed);
    session_->setLowercase(settings_->lowercase());
    // French-English is ready at once, so that a new user only has to press
    // Train; a missing resources directory shows its message instead.
    if (picker_->shippedCount() > 0) loadCorpusFile(picker_->pathAt(0));
    updateStatus();
    updateActions();
}

TrainingPanel::~TrainingPanel() {
    aligner_.reset();  // cancels the run under way and joins the thread
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

void TrainingPanel::startAligner() {
    // A superseded run is told to stop; its result is dropped on the worker
    // and, should one slip past, by the request id.
    alignment_.reset();
    heldOutAlignment_.reset();
    const quint64 id = ++alignerRequest_;
    const CorpusPtr corpus = session_->corpus();
    if (!corpus || corpus->pairs.empty()) {
        if (aligner_) aligner_->clearLane(0, PlainCoalescingWorker::Running::Cancel);
        aligning_ = false;
        return;
    }
    if (!aligner_) {
        aligner_ = std::make_unique<PlainCoalescingWorker>(1, QThread::LowPriority);
        aligner_->setObjectName(QStringLiteral("Aligner"));
    }
    aligning_ = true;
    // The aligner sees every pair, held-out ones too, as word aligners are
    // run on the text they align: it learns from co-occurrences only, never
    // from gold links or a translation. The held-out pairs are also aligned
    // by the aligner trained on the training pairs alone, which is how the
    // attention model meets them.
    const std::vector<int> heldOut = session_->heldOutIndices();
    aligner_->post(0, id, [this, corpus, heldOut, id](const PlainCoalescingWorker::Job& job) {
        const auto go = [&job](int, int) { return !job.cancelled(); };
        auto summary = std::make_shared<ap::AlignerSummary>(ap::alignCorpus(*corpus, ap::AlignerOptions{}, go));
        if (job.cancelled()) return;
        std::shared_ptr<HeldOutAlignment> held;
        if (!heldOut.empty()) {
            ap::Corpus train, eval;
            train.name = eval.name = corpus->name;
            std::vector<bool> isHeld(corpus->pairs.size(), false);
            for (int k : heldOut) isHeld[std::size_t(k)] = true;
            for (std::size_t k = 0; k < corpus->pairs.size(); ++k)
                (isHeld[k] ? eval : train).pairs.push_back(corpus->pairs[k]);
            held = std::make_shared<HeldOutAlignment>();
            held->indices = heldOut;
            held->summary = ap::alignHeldOut(train, eval, ap::AlignerOptions{}, go);
            if (job.cancelled()) return;
            if (!held->summary.status.ok) held.reset();
        }
        PlainCoalescingWorker::deliver(job, [&] {
            QMetaObject::invokeMethod(
                this, [this, id, summary, held] { onAligned(id, summary, held); }, Qt::QueuedConnection);
        });
    });
}

void TrainingPanel::onAligned(quint64 requestId, std::shared_ptr<const ap::AlignerSummary> summary,
                              std::shared_ptr<const HeldOutAlignment> heldOut) {
    if (requestId != alignerRequest_) return;
    aligning_ = false;
    alignment_ = summary->status.ok ? std::move(summary) : nullptr;
    heldOutAlignment_ = std::move(heldOut);
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
    if (message.isEmpty())
        messageBar_->hide();
    else
        messageBar_->showMessage(message, MessageBar::Level::Error);
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
    // The words as typed; refreshHeatmap() matches them to the model's
    // vocabulary as the translate command does.
    std::vector<std::string> tokens = ap::tokenize(sentence.toStdString());
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

}  // namespace ui
