#include "widgets/model/model_window.h"

#include "render/image_export.h"
#include "widgets/common/message_bar.h"
#include "widgets/common/opening_indicator.h"
#include "widgets/model/change_view.h"
#include "widgets/model/head_view.h"
#include "widgets/model/head_view_panel.h"
#include "widgets/model/predictions_view.h"
#include "widgets/model/sentence_input.h"
#include "widgets/model_view/model_grid_view.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

namespace ui {

ModelWindow::ModelWindow(QWidget* parent) : ModelViewWindow(Source::Live, parent) {
    showModelTitle();
    sentence_ = new SentenceInput(this);

    headPanel_ = new HeadViewPanel;
    tabs()->addTab(headPanel_, tr("Head view"));
    tabs()->setTabToolTip(tabs()->count() - 1, tr("BertViz's head view: the chosen layer's heads as lines between "
                                                  "the tokens, their opacity the weight."));

    changeView_ = new ChangeView;
    tabs()->addTab(changeView_, tr("Change"));
    tabs()->setTabToolTip(tabs()->count() - 1, tr("What switching heads off did to the chosen head: its weights "
                                                  "with the heads off minus with every head on."));

    predictions_ = new PredictionsView;
    auto* dock = new QDockWidget(tr("Predictions"), this);
    dock->setObjectName(QStringLiteral("predictionsDock"));
    dock->setWidget(predictions_);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    // File menu: the model first, then the base window's export actions.
    QMenu* file = fileMenu();
    QAction* first = file->actions().value(0);
    auto* open = new QAction(tr("Open &Model…"), this);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open a Hugging Face checkpoint folder (config.json, safetensors weights, tokenizer)."));
    connect(open, &QAction::triggered, this, &ModelWindow::chooseModel);
    file->insertAction(first, open);
    auto* exportHead = new QAction(tr("Export &Head View…"), this);
    connect(exportHead, &QAction::triggered, this, &ModelWindow::exportHeadView);
    file->insertAction(file->actions().value(2), exportHead);

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    model
        ->addAction(tr("Open Head in &Playground"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this,
                    &ModelWindow::openSelectedHead)
        ->setToolTip(tr("Open the chosen head as a playground scene: its queries, keys and values for this text."));
    QAction* ablationMode = model->addAction(tr("Switch Heads Off by &Clicking"));
    ablationMode->setCheckable(true);
    ablationMode->setToolTip(tr("A click on a head switches it off or on (Ctrl+click does it at any time)."));
    connect(ablationMode, &QAction::toggled, this, [this](bool on) { grid()->setAblationMode(on); });
    model->addAction(tr("Switch &All Heads On"), this, [this] { setAblated({}); });

    loading_ = new OpeningIndicator(QString(), QString(), this);
    statusBar()->addPermanentWidget(loading_);
    connect(loading_, &OpeningIndicator::cancelRequested, this, &ModelWindow::cancelLoading);

    connect(sentence_, &SentenceInput::textSettled, this, &ModelWindow::sendRequest);
    connect(sentence_, &SentenceInput::wordsToggled, this, &ModelWindow::sendRequest);
    connect(grid(), &ModelGridView::ablateClicked, this, &ModelWindow::toggleAblation);
    connect(grid(), &ModelGridView::tileClicked, this, [this](const ap::analysis::AttentionChoice& c) {
        const bool head = c.layer >= 0 && c.head >= 0 && !c.rollout;
        if (head) headPanel_->showHead(c.layer, c.head);
        changeView_->showHead(head ? c.layer : -1, head ? c.head : -1);
    });
    grid()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(grid(), &QWidget::customContextMenuRequested, this, &ModelWindow::showGridMenu);
    connect(&worker_, &ModelWorker::loaded, this, &ModelWindow::onLoaded);
    connect(&worker_, &ModelWorker::loadFailed, this, [this](quint64 id, const QString& message) {
        if (id != loadId_) return;
        loadId_ = 0;
        loading_->hide();
        keepPreviousModel();
        messageBar()->showMessage(message);
        emit loadFailed(message);
    });
    connect(&worker_, &ModelWorker::resultReady, this, &ModelWindow::onResult);
    connect(&worker_, &ModelWorker::failed, this, [this](quint64 id, const QString& message) {
        if (id == latest_ || id == sceneId_) messageBar()->showMessage(message);
    });
    connect(&worker_, &ModelWorker::sceneReady, this, [this](quint64 id, ScenePtr scene) {
        if (id == sceneId_) emit openInPlayground(*scene);
    });
}

void ModelWindow::loadModel(const QString& dir) {
    loadId_ = nextId_++;
    loaded_ = false;
    sentence_->setEnabled(false);
    loading_->showOpening(dir);
    setWindowTitle(tr("%1 — Model").arg(QDir::toNativeSeparators(dir)));
    worker_.load(dir, loadId_);
}

void ModelWindow::cancelLoading() {
    if (loadId_ == 0) return;
    // Too late when the new model is already in: its loaded() follows.
    if (!worker_.cancelLoad(loadId_)) return;
    loadId_ = 0;
    loading_->hide();
    keepPreviousModel();
    statusBar()->showMessage(
        loaded_ ? tr("Opening the model was cancelled; %1 stays open.").arg(QDir::toNativeSeparators(info_.dir))
                : tr("Opening the model was cancelled."),
        4000);
}

void ModelWindow::keepPreviousModel() {
    // The worker keeps the model it had until a new one is in.
    loaded_ = !info_.dir.isEmpty();
    sentence_->setEnabled(loaded_);
    showModelTitle();
}

void ModelWindow::showModelTitle() {
    setWindowTitle(loaded_ ? tr("%1 — %2 — Model").arg(info_.modelType, QDir::toNativeSeparators(info_.dir))
                           : tr("Model"));
}

void ModelWindow::onLoaded(quint64 id, const ModelInfo& info) {
    if (id != loadId_) return;
    loadId_ = 0;
    loading_->hide();
    info_ = info;
    loaded_ = true;
    ablated_.clear();
    grid()->setAblated({});
    grid()->setChanges({}, {});
    showModelTitle();
    predictions_->setModel(info);
    sentence_->setEnabled(true);
    if (sentence_->text().isEmpty())
        sentence_->textBox()->setText(info.causal ? tr("The quick brown fox jumps over the lazy dog")
                                                  : tr("The capital of France is [MASK]."));
    sentence_->textBox()->setFocus();
    sendRequest();
    emit modelLoaded();
}

ModelRequest ModelWindow::currentRequest() const {
    ModelRequest r;
    r.text = sentence_->text();
    r.ablate = ablated_;
    r.words = sentence_->words();
    return r;
}

void ModelWindow::runNow() {
    sentence_->dropPending();
    sendRequest();
}

void ModelWindow::sendRequest() {
    sentence_->dropPending();
    if (!loaded_ || sentence_->text().trimmed().isEmpty()) return;
    latest_ = nextId_++;
    worker_.request(currentRequest(), latest_);
}

void ModelWindow::onResult(quint64 id, ModelResultPtr result) {
    if (id != latest_) {
        emit staleResultDropped(id);
        return;
    }
    result_ = std::move(result);
    messageBar()->hide();
    showTensor(result_->tensor, tr("%1 (%2 tokens, %3 ms)")
                                    .arg(info_.modelType)
                                    .arg(result_->ids.size())
                                    .arg(result_->seconds * 1000.0, 0, 'f', 1));
    headPanel_->setTensor(result_->tensor);
    predictions_->setResult(*result_, !ablated_.empty());
    grid()->setChanges(result_->headMaxChange, result_->headDivergence);
    changeView_->setResult(result_);
    if (!ablated_.empty() && result_->changedLayer >= 0)
        statusBar()->showMessage(
            tr("%n head(s) off; the weights that moved most: layer %1, head %2 (by %3)", nullptr, int(ablated_.size()))
                .arg(result_->changedLayer)
                .arg(result_->changedHead)
                .arg(double(result_->largestChange), 0, 'f', 3));
    emit resultShown(id);
}

void ModelWindow::toggleAblation(int layer, int head) {
    const std::pair<int, int> h{layer, head};
    if (!ablated_.erase(h)) ablated_.insert(h);
    setAblated(ablated_);
}

void ModelWindow::setAblated(HeadSet heads) {
    ablated_ = std::move(heads);
    grid()->setAblated(ablated_);
    if (ablated_.empty()) {
        statusBar()->clearMessage();
        grid()->setChanges({}, {});
    }
    sendRequest();
}

QLineEdit* ModelWindow::textBox() const { return sentence_->textBox(); }

void ModelWindow::setWords(bool words) { sentence_->setWords(words); }

void ModelWindow::openHeadInPlayground(int layer, int head) {
    if (!loaded_ || sentence_->text().trimmed().isEmpty()) return;
    sceneId_ = nextId_++;
    worker_.requestScene(currentRequest(), layer, head, sceneId_);
}

void ModelWindow::openSelectedHead() {
    const QPoint cell = grid()->selectedCell();
    if (cell.x() < 0 || cell.x() >= info_.heads || cell.y() >= info_.layers) {
        messageBar()->showMessage(tr("Choose one head in the grid first."));
        return;
    }
    openHeadInPlayground(cell.y(), cell.x());
}

void ModelWindow::showGridMenu(const QPoint& pos) {
    const QPoint cell = grid()->cellAt(pos);
    if (cell.x() < 0 || cell.x() >= info_.heads || cell.y() >= info_.layers) return;
    const int layer = cell.y(), head = cell.x();
    QMenu menu(this);
    menu.addAction(tr("Open Head in Playground"), this, [this, layer, head] { openHeadInPlayground(layer, head); });
    const bool off = ablated_.count({layer, head}) > 0;
    menu.addAction(off ? tr("Switch Head On") : tr("Switch Head Off"), this,
                   [this, layer, head] { toggleAblation(layer, head); });
    menu.exec(grid()->mapToGlobal(pos));
}

void ModelWindow::chooseModel() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Model"), info_.dir);
    if (!dir.isEmpty()) loadModel(dir);
}

void ModelWindow::exportHeadView() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Head View"), QString(),
                                                      tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    const HeadView* view = headPanel_->view();
    const QString err = exportPicture([view](QPainter& p, const QSizeF& s) { view->paintView(p, s); },
                                      QSize(800, std::max(600, view->height() * 2)), path);
    if (!err.isEmpty()) messageBar()->showMessage(err);
}

}  // namespace ui
