#include "widgets/playground/main_window.h"

#include "document/recovery_manager.h"
#include "document/scene_document.h"
#include "document/scene_loader.h"
#include "import/attention_import.h"
#include "io/scene_io.h"
#include "render/csv_export.h"
#include "render/image_export.h"
#include "widgets/common/bar_chart_view.h"
#include "widgets/common/export_dialog.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/message_bar.h"
#include "widgets/common/opening_indicator.h"
#include "widgets/common/recent_files.h"
#include "widgets/compare/compare_window.h"
#include "widgets/explain/learning_tools.h"
#include "widgets/help/whats_this.h"
#include "widgets/model/model_window.h"
#include "widgets/model_view/model_view_window.h"
#include "widgets/playground/controls_panel.h"
#include "widgets/playground/head_grid_view.h"
#include "widgets/playground/matrix_editor.h"
#include "widgets/playground/output_view.h"
#include "widgets/playground/playground_presenter.h"
#include "widgets/training/training_panel.h"
#include "widgets/training/training_window.h"
#include "widgets/common/window_fit.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QUndoStack>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    document_ = new SceneDocument(this);
    createCentralViews();
    createDocks();
    presenter_ = new PlaygroundPresenter(document_, {heatmap_, headGrid_, barChart_, output_}, this);
    createMenus();
    createStatusBar();
    connectPresenter();
    connectControls();
    installWhatsThis(this);
    connect(document_, &SceneDocument::sceneChanged, this, [this] { syncControls(); });
    connect(document_, &SceneDocument::modesChanged, this, [this] { syncControls(); });
    connect(document_, &SceneDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document_, &SceneDocument::filePathChanged, this, &MainWindow::updateTitle);
    loader_ = new SceneLoader(this);
    connect(loader_, &SceneLoader::loaded, this,
            [this](quint64, const QString& path, std::shared_ptr<ap::Scene> scene) { onSceneLoaded(path, scene); });
    connect(loader_, &SceneLoader::failed, this,
            [this](quint64, const QString& path, const QString& message) { onSceneLoadFailed(path, message); });
    recovery_ = new RecoveryManager(document_, RecoveryManager::defaultDirectory(), this);
    connect(recovery_, &RecoveryManager::written, this, [this](const QString& error) {
        if (!error.isEmpty()) showError(tr("The recovery copy could not be written: %1").arg(error));
    });

    // 1360×880 where there is room; on a smaller screen (a 1280×800
    // laptop) the whole window, frame and panel included, stays visible.
    resizeWithinScreen(this, QSize(1360, 880));
    readSettings();
    updateTitle();
    syncControls();
    presenter_->requestCompute();
}

MainWindow::~MainWindow() {
    // The editors hold the document; Qt deletes children in the order they
    // were made, which is the document first. Delete the views before it,
    // and the presenter (which fills the views) before them.
    delete loader_;
    delete recovery_;
    delete presenter_;
    qDeleteAll(findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly));
    delete trainingWindow_;
    delete takeCentralWidget();
    delete document_;
}

const ap::Scene& MainWindow::scene() const { return document_->scene(); }

ResultPtr MainWindow::currentResult() const { return presenter_->currentResult(); }

quint64 MainWindow::latestRequestId() const { return presenter_->latestRequestId(); }

HeadChoice MainWindow::currentHead() const { return presenter_->currentHead(); }

int MainWindow::selectedQuery() const { return presenter_->selectedQuery(); }

bool MainWindow::isBusyIndicatorVisible() const { return busy_->isVisible(); }

void MainWindow::createCentralViews() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    messages_ = new MessageBar(central);
    layout->addWidget(messages_);
    auto* mapSplitter = new QSplitter(Qt::Horizontal, central);
    heatmap_ = new HeatmapView(mapSplitter);
    heatmap_->setToolTip(QString());
    heatmap_->setWhatsThis(tr("Attention weights: one row per query, one column per key. Click a row to see its "
                              "weights as bars; in mask edit mode (M) a click masks or unmasks the cell."));
    headGrid_ = new HeadGridView(mapSplitter);
    headGrid_->setToolTip(tr("Every head and their mean; click one to show it in the main heatmap"));
    mapSplitter->addWidget(heatmap_);
    mapSplitter->addWidget(headGrid_);
    mapSplitter->setStretchFactor(0, 3);
    mapSplitter->setStretchFactor(1, 2);
    layout->addWidget(mapSplitter, 1);
    setCentralWidget(central);

    connect(heatmap_, &HeatmapView::cellClicked, this, [this](int row, int column) {
        if (maskEditMode_) {
            document_->toggleMaskCell(row, column);
        } else {
            if (learning_) learning_->selectCell(row, column);
            selectQuery(row);
        }
    });
    connect(heatmap_, &HeatmapView::rowActivated, this, &MainWindow::selectQuery);
    // A key's label pads it, as its box in the K table does (one undo step).
    setKeyLabelAction();
    connect(heatmap_, &HeatmapView::columnLabelClicked, this,
            [this](int key) { document_->setKeyPadding(key, !document_->isKeyPadded(key)); });
}

void MainWindow::setKeyLabelAction() {
    heatmap_->setColumnLabelAction(tr("Click to pad this key (mask it for every query), click again to unpad it."));
}

void MainWindow::createStatusBar() {
    status_ = new QLabel(this);
    statusBar()->addWidget(status_, 1);
    busy_ = new QProgressBar(this);
    busy_->setRange(0, 0);  // an activity indicator: the engine gives no fraction
    busy_->setMaximumWidth(140);
    busy_->setToolTip(tr("The engine is computing on its worker thread"));
    busy_->hide();
    statusBar()->addPermanentWidget(busy_);
    createLoadingIndicator();
}

void MainWindow::createLoadingIndicator() {
    loading_ = new OpeningIndicator(tr("The scene file is read on a worker thread; the window stays usable"),
                                    tr("Stop opening the file and keep the open scene (Esc)"), this);
    connect(loading_, &OpeningIndicator::cancelRequested, this, &MainWindow::cancelOpening);
    statusBar()->addPermanentWidget(loading_);
}

void MainWindow::connectPresenter() {
    // The learning tools see each result before the views show it, and let
    // go of it when the presenter does.
    connect(presenter_, &PlaygroundPresenter::resultArrived, this, [this] {
        if (learning_)
            learning_->setResult(presenter_->resultScene(), presenter_->currentResult(),
                                 presenter_->currentHead().head);
    });
    connect(presenter_, &PlaygroundPresenter::resultReleased, this, [this] {
        if (learning_) learning_->setResult(nullptr, nullptr, presenter_->currentHead().head);
    });
    // A head chosen in the grid is the head the Steps dock explains.
    connect(headGrid_, &HeadGridView::headSelected, this, [this](HeadChoice head) {
        if (learning_) learning_->setHead(head.head);
    });
    connect(presenter_, &PlaygroundPresenter::barChartRowChanged, this, [this](int row, bool weights) {
        if (learning_) learning_->updateBarReference(row, weights);
    });
    connect(presenter_, &PlaygroundPresenter::viewsUpdated, this, [this](quint64 id) {
        updateStatus();
        emit viewsUpdated(id);
    });
    connect(presenter_, &PlaygroundPresenter::failed, this, &MainWindow::showError);
    connect(presenter_, &PlaygroundPresenter::busyChanged, busy_, &QWidget::setVisible);
}

void MainWindow::connectControls() {
    connectToDocument(
        controls_, document_, this, [this](const QString& message) { showError(message); }, [this] { syncControls(); });
    connect(controls_, &ControlsPanel::maskEditModeToggled, this, &MainWindow::setMaskEditMode);
    connect(controls_, &ControlsPanel::showScoresToggled, this, &MainWindow::setShowScores);
}

void MainWindow::syncControls() {
    ControlsState st = controlsStateOf(*document_);
    st.maskEditMode = maskEditMode_;
    st.showScores = presenter_->showScores();
    controls_->setState(st);
}

void MainWindow::selectQuery(int row) {
    const int selected = std::max(0, row);
    if (learning_ && learning_->selectedQuery() != selected) learning_->selectCell(selected);
    presenter_->selectQuery(row);
}

void MainWindow::selectHead(HeadChoice head) {
    if (learning_) learning_->setHead(head.head);
    presenter_->selectHead(head);
}

void MainWindow::setMaskEditMode(bool on) {
    if (maskEditMode_ == on) return;
    maskEditMode_ = on;
    heatmap_->setMaskEditMode(on);
    syncControls();
    if (on)
        status_->setText(tr("Mask edit mode: click a cell to mask or unmask it (M to leave)"));
    else
        updateStatus();
}

void MainWindow::updateUndoActions() {
    const QUndoStack* stack = document_->undoStack();
    undo_->setEnabled(stack->canUndo());
    redo_->setEnabled(stack->canRedo());
    undo_->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
    redo_->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
}

void MainWindow::updateStatus() {
    const ResultPtr result = presenter_->currentResult();
    const ScenePtr scene = presenter_->resultScene();
    if (!result || !scene || maskEditMode_) return;
    // Whole sentences per case, so that each language can order them.
    const QLocale locale;
    const QString queries = locale.toString(scene->queryCount());
    const QString keys = locale.toString(scene->keyCount());
    const int heads = scene->heads;
    const int fullyMasked = int(result->fullyMaskedRows.size());
    status_->setText(fullyMasked == 0 ? tr("%1 queries × %2 keys · %n head(s)", nullptr, heads).arg(queries, keys)
                                      : tr("%1 queries × %2 keys · %3 · %n fully masked row(s)", nullptr, fullyMasked)
                                            .arg(queries, keys, tr("%n head(s)", nullptr, heads)));
}

void MainWindow::setShowScores(bool on) {
    if (presenter_->showScores() == on) return;
    presenter_->setShowScores(on);
    syncControls();
}

QString MainWindow::lastError() const { return messages_->text(); }

void MainWindow::showError(const QString& message) {
    if (!message.isEmpty()) messages_->showMessage(message, MessageBar::Level::Error);
}

void MainWindow::updateTitle() {
    const QString path = document_->filePath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    // The desktop adds the application's display name after it.
    setWindowTitle(name + QStringLiteral("[*]"));
    setWindowModified(document_->isModified());
}

// --- Training window ---------------------------------------------------------

TrainingPanel* MainWindow::trainingPanel() {
    if (!training_) {
        auto* window = new TrainingWindow(this);
        trainingWindow_ = window;
        training_ = window->panel();
        connect(training_, &TrainingPanel::openInPlayground, this, [this](const ap::Scene& s) { setScene(s); });
        installWhatsThis(trainingWindow_);
    }
    return training_;
}

void MainWindow::showTrainingWindow() {
    trainingPanel();
    trainingWindow_->show();
    trainingWindow_->raise();
    trainingWindow_->activateWindow();
}

// --- Window events -------------------------------------------------------------

void MainWindow::changeEvent(QEvent* event) {
    // Texts set once from tr() are switched by retranslateWidgets(); these
    // are built with numbers and names, so they are built again.
    if (event->type() == QEvent::LanguageChange && presenter_) {
        setKeyLabelAction();
        updateTitle();
        updateUndoActions();
        if (maskEditMode_)
            status_->setText(tr("Mask edit mode: click a cell to mask or unmask it (M to leave)"));
        else
            updateStatus();
        presenter_->refresh();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::createLearningTools() {
    PlaygroundParts parts;
    parts.window = this;
    parts.document = document_;
    parts.heatmap = heatmap_;
    parts.barChart = barChart_;
    parts.confirmReplace = [this] { return confirmReplace(); };
    for (int r = 0; r < 3; ++r) parts.tables[std::size_t(r)] = editors_[r]->model();
    learning_ = new LearningTools(parts);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    if (training_) training_->stopTraining();
    writeSettings();
    if (trainingWindow_) trainingWindow_->close();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) return;
    event->acceptProposedAction();
    if (maybeSave()) openFileInBackground(urls.first().toLocalFile());
}

}  // namespace ui
