#include "widgets/training/training_panel.h"

#include "widgets/common/bar_chart_view.h"
#include "widgets/common/heatmap_view.h"
#include "render/resources_dir.h"
#include "widgets/training/training_heatmap.h"
#include "widgets/training/training_plots.h"
#include "widgets/training/training_settings.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {
namespace {

QString joined(const std::vector<std::string>& tokens) {
    QStringList parts;
    for (const std::string& t : tokens)
        parts << QString::fromStdString(t);
    return parts.join(QLatin1Char(' '));
}

QString goldText(const ap::SentencePair& pair) {
    QStringList links;
    for (const ap::AlignmentLink& l : pair.gold)
        links << QStringLiteral("%1%2%3").arg(l.source).arg(l.sure ? QLatin1Char('-') : QLatin1Char('?')).arg(l.target);
    return links.join(QLatin1Char(' '));
}

QString percent(double fraction) {
    return QString::number(100.0 * fraction, 'f', 1);
}

QToolButton* actionButton(QAction* action, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    return button;
}

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
    worker_ = new TrainingWorker(this);
    connect(worker_, &TrainingWorker::epochFinished, this, &TrainingPanel::onEpoch);
    connect(worker_, &TrainingWorker::trainingFinished, this, &TrainingPanel::onTrainingFinished);
    connect(worker_, &TrainingWorker::failed, this, [this](const QString& message) {
        showError(tr("Training could not start: %1").arg(message));
    });

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

    // French-English is ready at once, so that a new user only has to press
    // Train; a missing resources directory shows its message instead.
    if (corpusCombo_->count() > 0)
        loadShipped(0);
    updateStatus();
    updateActions();
}

TrainingPanel::~TrainingPanel() {
    // Join the worker before the members its queued signals would touch go.
    worker_->disconnect(this);
    delete worker_;
}

QAction* TrainingPanel::addShortcutAction(const QString& text, const QString& tip, const QKeySequence& key) {
    auto* action = new QAction(text, this);
    action->setToolTip(key.isEmpty() ? tip
                                     : tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
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

    corpusCombo_ = new QComboBox(box);
    corpusCombo_->setObjectName(QStringLiteral("corpusCombo"));
    corpusCombo_->setToolTip(tr("The shipped corpora, and the files loaded with Load pairs…"));
    const QString corpora = resourcesDir() + QStringLiteral("/corpora/");
    const struct { const char* file; QString name; } shipped[] = {
        {"fr-en.tsv", tr("French → English")},
        {"zh-en.tsv", tr("Chinese → English")},
        {"de-en.tsv", tr("German → English")},
    };
    for (const auto& s : shipped) {
        const QString path = corpora + QLatin1String(s.file);
        corpusCombo_->addItem(s.name, path);
        corpusCombo_->setItemData(corpusCombo_->count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    connect(corpusCombo_, &QComboBox::currentIndexChanged, this, &TrainingPanel::loadShipped);

    loadAction_ = addShortcutAction(tr("Load pairs…"),
                                    tr("Open a corpus file: source TAB target [TAB gold alignment] a line"),
                                    QKeySequence(Qt::CTRL | Qt::Key_L));
    loadAction_->setObjectName(QStringLiteral("loadPairs"));
    connect(loadAction_, &QAction::triggered, this, [this] {
        const QString start = corpusPath_.isEmpty() ? resourcesDir() : QFileInfo(corpusPath_).absolutePath();
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load sentence pairs"), start, tr("Sentence pairs (*.tsv);;All files (*)"));
        if (!path.isEmpty())
            loadCorpusFile(path);
    });

    auto* label = new QLabel(tr("&Corpus:"), box);
    label->setBuddy(corpusCombo_);
    auto* row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(corpusCombo_, 1);
    row->addWidget(actionButton(loadAction_, box));
    layout->addLayout(row);

    errorLabel_ = new QLabel(box);
    errorLabel_->setObjectName(QStringLiteral("trainingErrorLabel"));
    errorLabel_->setWordWrap(true);
    errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel_->setStyleSheet(QStringLiteral("color: #b00020;"));
    errorLabel_->setToolTip(tr("Why the last file or setting was refused; nothing else changed"));
    errorLabel_->hide();
    layout->addWidget(errorLabel_);

    pairList_ = new QListWidget(box);
    pairList_->setObjectName(QStringLiteral("pairList"));
    pairList_->setUniformItemSizes(true);
    // Long pairs are elided; their tooltip gives them whole.
    pairList_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    pairList_->setMinimumWidth(300);
    pairList_->setToolTip(tr("The pairs of the corpus: select one to see its attention"));
    connect(pairList_, &QListWidget::currentRowChanged, this, &TrainingPanel::selectPair);
    // Clicking the current pair again leaves a typed translation for it.
    connect(pairList_, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { selectPair(pairList_->row(item)); });
    layout->addWidget(pairList_, 1);

    playgroundAction_ = addShortcutAction(
        tr("Open in playground"),
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
    layout->addWidget(settings_);

    trainAction_ = addShortcutAction(tr("Train"), tr("Train a new model from the seed on these pairs"),
                                     QKeySequence(Qt::Key_F5));
    trainAction_->setObjectName(QStringLiteral("train"));
    connect(trainAction_, &QAction::triggered, this, &TrainingPanel::startTraining);
    // One key toggles pause and resume (two enabled actions on one key would
    // be ambiguous), so F6 belongs to Pause and does both.
    pauseAction_ = addShortcutAction(tr("Pause"), tr("Pause after the epoch under way; again to resume"),
                                     QKeySequence(Qt::Key_F6));
    pauseAction_->setObjectName(QStringLiteral("pause"));
    connect(pauseAction_, &QAction::triggered, this, [this] {
        if (state_ == State::Paused)
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

    auto* buttons = new QHBoxLayout;
    for (QAction* a : {trainAction_, pauseAction_, resumeAction_, stopAction_})
        buttons->addWidget(actionButton(a, box));
    buttons->addStretch(1);
    layout->addLayout(buttons);

    progress_ = new QProgressBar(box);
    progress_->setObjectName(QStringLiteral("trainingProgress"));
    progress_->setFormat(tr("epoch %v of %m"));
    progress_->setRange(0, settings_->options().epochs);
    progress_->setValue(0);
    progress_->setToolTip(tr("Epochs done of those asked for"));
    layout->addWidget(progress_);

    status_ = new QLabel(box);
    status_->setObjectName(QStringLiteral("trainingStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setToolTip(tr("After the last epoch: loss (cross-entropy per token), token accuracy "
                           "(teacher forced), exact match (greedy translation equals the target) "
                           "and AER (alignment error rate of the argmax attention, Och & Ney 2003)"));
    layout->addWidget(status_);
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
    connect(translateEdit_, &QLineEdit::returnPressed, this,
            [this] { translate(translateEdit_->text()); });
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
    split->addWidget(heatmap_);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    return views;
}

void TrainingPanel::loadShipped(int comboIndex) {
    if (comboIndex >= 0)
        loadCorpusFile(corpusCombo_->itemData(comboIndex).toString());
}

QString TrainingPanel::loadCorpusFile(const QString& path) {
    QString error;
    if (isTraining()) {
        error = tr("Stop training before loading other pairs");
    } else {
        ap::CorpusReadResult read = ap::readCorpusFile(path.toStdString());
        if (read.ok) {
            corpus_ = std::make_shared<const ap::Corpus>(std::move(read.value));
            corpusPath_ = QFileInfo(path).absoluteFilePath();
        } else {
            error = QString::fromStdString(read.error);
        }
    }
    // The combo box names the corpus in use, whichever way it was chosen.
    {
        const QSignalBlocker block(corpusCombo_);
        int index = -1;
        for (int i = 0; i < corpusCombo_->count() && index < 0; ++i)
            if (QFileInfo(corpusCombo_->itemData(i).toString()).absoluteFilePath() == corpusPath_)
                index = i;
        if (index < 0 && !corpusPath_.isEmpty()) {
            corpusCombo_->addItem(QFileInfo(corpusPath_).fileName(), corpusPath_);
            index = corpusCombo_->count() - 1;
            corpusCombo_->setItemData(index, QDir::toNativeSeparators(corpusPath_), Qt::ToolTipRole);
        }
        corpusCombo_->setCurrentIndex(index);
    }
    showError(error);
    if (!error.isEmpty())
        return error;

    // A model belongs to the vocabulary of the corpus it was trained on.
    model_.reset();
    lastStats_.reset();
    plots_->clear();
    showsTranslation_ = false;
    translation_->clear();
    fillPairList();
    return {};
}

void TrainingPanel::showError(const QString& message) {
    errorLabel_->setText(message);
    errorLabel_->setVisible(!message.isEmpty());
}

void TrainingPanel::fillPairList() {
    {
        const QSignalBlocker block(pairList_);
        pairList_->clear();
        const QString file = QFileInfo(corpusPath_).fileName();
        for (const ap::SentencePair& p : corpus_->pairs) {
            const QString text = tr("%1 → %2").arg(joined(p.source), joined(p.target));
            auto* item = new QListWidgetItem(text, pairList_);
            const QString where = p.hasGold ? tr("%1, line %2 · gold alignment %3").arg(file).arg(p.line).arg(goldText(p))
                                            : tr("%1, line %2 · no gold alignment").arg(file).arg(p.line);
            item->setToolTip(text + QLatin1Char('\n') + where);
        }
    }
    selectPair(corpus_->pairs.empty() ? -1 : 0);
}

int TrainingPanel::currentPairIndex() const {
    return pairList_->currentRow();
}

void TrainingPanel::selectPair(int index) {
    {
        const QSignalBlocker block(pairList_);
        pairList_->setCurrentRow(index);
    }
    if (QListWidgetItem* item = pairList_->currentItem())
        pairList_->scrollToItem(item);
    showsTranslation_ = false;
    selectedRow_ = 0;
    refreshViews();
}

void TrainingPanel::selectTargetRow(int row) {
    selectedRow_ = row;
    heatmap_->setSelectedRow(row);
    refreshBarChart();
}

void TrainingPanel::translate(const QString& sentence) {
    const std::vector<std::string> tokens = ap::tokenize(sentence.toStdString());
    if (tokens.empty()) {
        translation_->setText(tr("Type a sentence in the source language"));
        return;
    }
    if (int(tokens.size()) > ap::corpus_limits::kMaxTokensPerSide) {
        translation_->setText(tr("At most %1 words").arg(ap::corpus_limits::kMaxTokensPerSide));
        return;
    }
    if (!model_) {
        translation_->setText(tr("Train first: there is no model yet"));
        return;
    }
    if (translateEdit_->text() != sentence)
        translateEdit_->setText(sentence);
    translationSource_ = tokens;
    showsTranslation_ = true;
    selectedRow_ = 0;
    refreshViews();
}

ap::Seq2SeqOptions TrainingPanel::options() const {
    return settings_->options();
}

void TrainingPanel::setOptions(const ap::Seq2SeqOptions& options) {
    settings_->setOptions(options);
    if (!isTraining())
        progress_->setRange(0, settings_->options().epochs);
}

void TrainingPanel::startTraining() {
    if (isTraining() || !corpus_)
        return;
    const ap::Seq2SeqOptions options = settings_->options();
    if (const std::string error = ap::validate(options); !error.empty()) {
        showError(tr("Cannot train: %1").arg(QString::fromStdString(error)));
        return;
    }
    showError(QString());
    model_.reset();
    lastStats_.reset();
    plots_->clear();
    plannedEpochs_ = options.epochs;
    progress_->setRange(0, plannedEpochs_);
    worker_->start(corpus_, options);
    setState(State::Training);
    refreshViews();
}

void TrainingPanel::pauseTraining() {
    if (state_ != State::Training)
        return;
    worker_->pause();
    setState(State::Paused);
}

void TrainingPanel::resumeTraining() {
    if (state_ != State::Paused)
        return;
    worker_->resume();
    setState(State::Training);
}

void TrainingPanel::stopTraining() {
    if (state_ != State::Training && state_ != State::Paused)
        return;
    worker_->stop();
    setState(State::Stopping);
}

void TrainingPanel::setState(State state) {
    const bool wasTraining = isTraining();
    state_ = state;
    updateActions();
    updateStatus();
    if (wasTraining != isTraining())
        emit trainingChanged(isTraining());
}

void TrainingPanel::updateActions() {
    const bool idle = state_ == State::Idle;
    loadAction_->setEnabled(idle);
    corpusCombo_->setEnabled(idle);
    settings_->setEnabled(idle);
    trainAction_->setEnabled(idle && corpus_);
    pauseAction_->setEnabled(state_ == State::Training || state_ == State::Paused);
    resumeAction_->setEnabled(state_ == State::Paused);
    stopAction_->setEnabled(state_ == State::Training || state_ == State::Paused);
    playgroundAction_->setEnabled(model_ && currentPairIndex() >= 0);
}

void TrainingPanel::onEpoch(const ap::EpochStats& stats, ModelPtr snapshot) {
    if (state_ == State::Idle)
        return;
    // Epochs of a tiny corpus can come thousands a second: only the plot
    // data is taken per epoch, everything on screen waits for the refresh.
    model_ = std::move(snapshot);
    lastStats_ = stats;
    plots_->addEpoch(stats);
    scheduleRefresh();
}

void TrainingPanel::onTrainingFinished(bool completed) {
    // The worker's word counts: a Stop that came after the last epoch did
    // not stop anything.
    stoppedEarly_ = !completed;
    refreshTimer_->stop();
    setState(State::Idle);
    refreshViews();
}

void TrainingPanel::scheduleRefresh() {
    if (!refreshTimer_->isActive())
        refreshTimer_->start();
}

void TrainingPanel::refreshViews() {
    progress_->setValue(lastStats_ ? lastStats_->epoch : 0);
    updateStatus();
    refreshHeatmap();
    refreshBarChart();
    plots_->replot();
    updateActions();
}

void TrainingPanel::refreshHeatmap() {
    HeatmapData data;
    const int pair = currentPairIndex();
    const int epoch = lastStats_ ? lastStats_->epoch : 0;
    // One pair's forward pass (or one greedy decoding) on the snapshot: a
    // fraction of a millisecond at the sizes TrainingSettings offers.
    if (showsTranslation_ && model_) {
        const ap::Translation t = model_->translate(translationSource_);
        data = translationHeatmap(t);
        data.title = tr("Translation · greedy decoding · epoch %1").arg(epoch);
        QString text = tr("→ %1").arg(joined(t.tokens));
        if (!t.finished)
            text += tr(" … (no end of sentence within %1 words)").arg(t.tokens.size());
        QStringList unknown;
        for (const std::string& s : translationSource_)
            if (!model_->sourceVocabulary().contains(s))
                unknown << QString::fromStdString(s);
        if (!unknown.isEmpty())
            text += tr(" · unknown words: %1").arg(unknown.join(QStringLiteral(", ")));
        translation_->setText(text);
    } else if (corpus_ && pair >= 0 && pair < int(corpus_->pairs.size())) {
        const ap::SentencePair& p = corpus_->pairs[size_t(pair)];
        if (model_) {
            data = pairAttentionHeatmap(p, model_->teacherForcedAttention(p));
            data.title = tr("Pair %1 · decoder → encoder attention after epoch %2").arg(pair + 1).arg(epoch);
            if (!data.marks.empty())
                data.title += tr(" · rings: gold alignment");
            if (!data.possibleMarks.empty())
                data.title += tr(" (dashed: possible)");
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
}

void TrainingPanel::refreshBarChart() {
    const HeatmapData& d = heatmap_->data();
    if (selectedRow_ < 0 || selectedRow_ >= d.rows()) {
        barChart_->clear();
        return;
    }
    std::vector<float> values(size_t(d.columns()));
    for (int c = 0; c < d.columns(); ++c)
        values[size_t(c)] = d.values(selectedRow_, c);
    barChart_->setRow(d.rowLabels.value(selectedRow_), d.columnLabels, std::move(values),
                      std::vector<bool>(size_t(d.columns()), false), true);
}

void TrainingPanel::updateStatus() {
    QString text;
    if (lastStats_) {
        const ap::EpochStats& s = *lastStats_;
        const QString aer = s.pairsWithGold > 0 ? QString::number(s.aer, 'f', 3) : tr("— (no gold)");
        text = tr("Epoch %1 of %2 · loss %3 · token accuracy %4 % · exact match %5 % · AER %6")
                   .arg(s.epoch)
                   .arg(plannedEpochs_)
                   .arg(s.loss, 0, 'f', 4)
                   .arg(percent(s.tokenAccuracy), percent(s.exactMatch), aer);
    } else if (corpus_) {
        text = tr("%n pair(s) loaded", nullptr, int(corpus_->pairs.size()));
    }
    switch (state_) {
    case State::Training:
        if (!lastStats_)
            text = tr("Starting…");
        break;
    case State::Paused: text += tr(" · paused"); break;
    case State::Stopping: text += tr(" · stopping…"); break;
    case State::Idle:
        if (lastStats_)
            text += stoppedEarly_ ? tr(" · stopped") : tr(" · done");
        break;
    }
    status_->setText(text);
}

void TrainingPanel::openSelectedPair() {
    const int pair = currentPairIndex();
    if (!model_ || !corpus_ || pair < 0 || pair >= int(corpus_->pairs.size()))
        return;
    emit openInPlayground(ap::sceneFromPair(*model_, corpus_->pairs[size_t(pair)]));
}

QString TrainingPanel::errorText() const {
    return errorLabel_->text();
}

QString TrainingPanel::statusText() const {
    return status_->text();
}

QString TrainingPanel::translationText() const {
    return translation_->text();
}

int TrainingPanel::lossPlotPointCount() const {
    return plots_->lossPointCount();
}

int TrainingPanel::aerPlotPointCount() const {
    return plots_->aerPointCount();
}

}  // namespace ui
