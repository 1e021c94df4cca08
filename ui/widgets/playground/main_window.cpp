#include "widgets/playground/main_window.h"

#include "widgets/common/bar_chart_view.h"
#include "widgets/playground/controls_panel.h"
#include "render/csv_export.h"
#include "widgets/common/export_dialog.h"
#include "widgets/playground/head_grid_view.h"
#include "widgets/playground/head_params_editor.h"
#include "widgets/common/heatmap_view.h"
#include "render/image_export.h"
#include "widgets/playground/matrix_editor.h"
#include "widgets/common/message_bar.h"
#include "widgets/playground/output_view.h"
#include "widgets/common/recent_files.h"
#include "render/resources_dir.h"
#include "document/scene_document.h"
#include "io/scene_io.h"
#include "widgets/training/training_panel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ui {
namespace {

// d and dv after the optional in-projections: what the heads split.
std::pair<int, int> headedWidths(const ap::Scene& s) {
    const int d = s.projections.Wq.size() ? int(s.projections.Wq.cols()) : int(s.queries.cols());
    const ap::Matrix& vin = s.values ? *s.values : s.keys;
    const int dv = s.projections.Wv.size() ? int(s.projections.Wv.cols()) : int(vin.cols());
    return {d, dv};
}

QStringList queryLabels(const ap::Scene& s) {
    QStringList l;
    for (int i = 0; i < s.queryCount(); ++i) l << QString::fromStdString(s.queryLabel(i));
    return l;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    document_ = new SceneDocument(this);
    buildViews();
    buildDocks();
    buildMenus();
    connectControls();

    status_ = new QLabel(this);
    statusBar()->addWidget(status_, 1);
    busy_ = new QProgressBar(this);
    busy_->setRange(0, 0);  // an activity indicator: the engine gives no fraction
    busy_->setMaximumWidth(140);
    busy_->setToolTip(tr("The engine is computing on its worker thread"));
    busy_->hide();
    statusBar()->addPermanentWidget(busy_);
    // Shown only for computations longer than ~150 ms, so quick edits never
    // flicker.
    busyTimer_ = new QTimer(this);
    busyTimer_->setSingleShot(true);
    busyTimer_->setInterval(150);
    connect(busyTimer_, &QTimer::timeout, busy_, &QWidget::show);

    connect(&worker_, &AttentionWorker::resultReady, this, &MainWindow::onResult);
    connect(&worker_, &AttentionWorker::failed, this, &MainWindow::onFailed);
    connect(document_, &SceneDocument::sceneChanged, this, &MainWindow::onSceneChanged);
    connect(document_, &SceneDocument::modesChanged, this, [this] { syncControls(); });
    connect(document_, &SceneDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document_, &SceneDocument::filePathChanged, this, &MainWindow::updateTitle);

    resize(1360, 880);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("windowState")).toByteArray());
    updateTitle();
    syncControls();
    requestCompute();
}

MainWindow::~MainWindow() {
    // The editors hold the document; Qt deletes children in the order they
    // were made, which is the document first. Delete the views before it.
    qDeleteAll(findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly));
    delete trainingWindow_;
    delete takeCentralWidget();
    delete document_;
}

const ap::Scene& MainWindow::scene() const {
    return document_->scene();
}

void MainWindow::buildViews() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    messages_ = new MessageBar(central);
    layout->addWidget(messages_);
    mapSplitter_ = new QSplitter(Qt::Horizontal, central);
    heatmap_ = new HeatmapView(mapSplitter_);
    heatmap_->setToolTip(QString());
    heatmap_->setWhatsThis(tr("Attention weights: one row per query, one column per key. Click a row to see its "
                              "weights as bars; in mask edit mode (M) a click masks or unmasks the cell."));
    headGrid_ = new HeadGridView(mapSplitter_);
    headGrid_->setToolTip(tr("Every head and their mean; click one to show it in the main heatmap"));
    mapSplitter_->addWidget(heatmap_);
    mapSplitter_->addWidget(headGrid_);
    mapSplitter_->setStretchFactor(0, 3);
    mapSplitter_->setStretchFactor(1, 2);
    layout->addWidget(mapSplitter_, 1);
    setCentralWidget(central);

    connect(heatmap_, &HeatmapView::cellClicked, this, [this](int row, int column) {
        if (maskEditMode_)
            document_->toggleMaskCell(row, column);
        else
            selectQuery(row);
    });
    connect(headGrid_, &HeadGridView::headSelected, this, &MainWindow::selectHead);
}

void MainWindow::buildDocks() {
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    auto dock = [this](const QString& title, const QString& name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);  // for saveState()
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    controls_ = new ControlsPanel(this);
    dock(tr("Attention"), QStringLiteral("controlsDock"), controls_, Qt::LeftDockWidgetArea);

    auto* inputs = new QTabWidget(this);
    const MatrixRole roles[] = {MatrixRole::Q, MatrixRole::K, MatrixRole::V};
    const QString tips[] = {tr("Queries Q (Lq × d): one row per query token"),
                            tr("Keys K (Lk × d): one row per key token; tick a key to pad it"),
                            tr("Values V (Lk × dv): what the weights average")};
    for (int r = 0; r < 3; ++r) {
        editors_[r] = new MatrixEditor(document_, roles[r], inputs);
        const int index = inputs->addTab(editors_[r], SceneDocument::roleName(roles[r]));
        inputs->setTabToolTip(index, tips[r]);
        connect(editors_[r], &MatrixEditor::message, this, [this](const QString& m) { showError(m); });
    }
    connect(editors_[0], &MatrixEditor::currentRowChanged, this, &MainWindow::selectQuery);
    headParams_ = new HeadParamsEditor(document_, inputs);
    inputs->setTabToolTip(inputs->addTab(headParams_, tr("Scoring parameters")),
                          tr("W of general scoring; Wq, Wk and v of additive scoring, per head"));
    dock(tr("Inputs"), QStringLiteral("inputsDock"), inputs, Qt::LeftDockWidgetArea);

    barChart_ = new BarChartView(this);
    barChart_->setMinimumHeight(190);  // room for the axis, bars and key labels
    auto* bars = dock(tr("Weights of the selected query"), QStringLiteral("barDock"), barChart_, Qt::BottomDockWidgetArea);
    output_ = new OutputView(this);
    output_->setMinimumHeight(190);
    auto* out = dock(tr("Output (context)"), QStringLiteral("outputDock"), output_, Qt::BottomDockWidgetArea);
    splitDockWidget(bars, out, Qt::Horizontal);
    // The heatmap is what the window is for: give it most of the room.
    auto* controlsDock = findChild<QDockWidget*>(QStringLiteral("controlsDock"));
    auto* inputsDock = findChild<QDockWidget*>(QStringLiteral("inputsDock"));
    resizeDocks({controlsDock, inputsDock}, {340, 340}, Qt::Horizontal);
    resizeDocks({controlsDock, inputsDock}, {300, 420}, Qt::Vertical);
    resizeDocks({bars, out}, {220, 220}, Qt::Vertical);
    resizeDocks({bars, out}, {560, 340}, Qt::Horizontal);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newScene)
        ->setToolTip(tr("Start again from the built-in example"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    QMenu* recentMenu = file->addMenu(tr("Open &Recent"));
    recent_ = new RecentFiles(recentMenu, this);
    connect(recent_, &RecentFiles::openRequested, this, [this](const QString& p) {
        if (maybeSave()) openFile(p);
    });
    fillExamplesMenu(file->addMenu(tr("E&xamples")));
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addSeparator();
    file->addAction(tr("&Export Image…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::exportDialog);
    file->addAction(tr("&Copy Image"), QKeySequence(tr("Ctrl+Shift+C")), this, &MainWindow::copyImage);
    file->addAction(tr("Export &Weights as CSV…"), this, [this] { exportCsvDialog(true); });
    file->addAction(tr("Export O&utput as CSV…"), this, [this] { exportCsvDialog(false); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* mask = edit->addAction(tr("&Mask Edit Mode"));
    mask->setCheckable(true);
    mask->setShortcut(QKeySequence(tr("M")));
    mask->setToolTip(tr("Clicking a heatmap cell masks or unmasks it"));
    connect(mask, &QAction::toggled, this, &MainWindow::setMaskEditMode);
    connect(controls_, &ControlsPanel::maskEditModeToggled, mask, &QAction::setChecked);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QAction* scores = viewMenu_->addAction(tr("Show Raw &Scores"));
    scores->setCheckable(true);
    scores->setShortcut(QKeySequence(tr("Ctrl+R")));
    connect(scores, &QAction::toggled, this, &MainWindow::setShowScores);
    connect(controls_, &ControlsPanel::showScoresToggled, scores, &QAction::setChecked);
    QAction* numbers = viewMenu_->addAction(tr("Show &Numbers in Cells"));
    numbers->setCheckable(true);
    numbers->setChecked(QSettings().value(QStringLiteral("showNumbers"), true).toBool());
    heatmap_->setShowNumbers(numbers->isChecked());
    connect(numbers, &QAction::toggled, this, [this](bool on) {
        heatmap_->setShowNumbers(on);
        QSettings().setValue(QStringLiteral("showNumbers"), on);
    });
    QMenu* maps = viewMenu_->addMenu(tr("&Colours"));
    auto* group = new QActionGroup(this);
    const int saved = QSettings().value(QStringLiteral("colormap"), 0).toInt();
    for (Colormap::Kind kind : {Colormap::Kind::Viridis, Colormap::Kind::Magma}) {
        QAction* a = maps->addAction(Colormap::name(kind));
        a->setCheckable(true);
        a->setActionGroup(group);
        a->setChecked(int(kind) == saved);
        connect(a, &QAction::triggered, this, [this, kind] {
            colormap_ = kind;
            heatmap_->setColormap(kind);
            headGrid_->setColormap(kind);
            QSettings().setValue(QStringLiteral("colormap"), int(kind));
        });
    }
    colormap_ = Colormap::Kind(saved);
    heatmap_->setColormap(colormap_);
    headGrid_->setColormap(Colormap::Kind(saved));
    viewMenu_->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        viewMenu_->addAction(d->toggleViewAction());

    QMenu* translate = menuBar()->addMenu(tr("&Translation"));
    translate->addAction(tr("&Train on Sentence Pairs…"), QKeySequence(tr("Ctrl+T")), this, [this] {
        trainingPanel();
        trainingWindow_->show();
        trainingWindow_->raise();
        trainingWindow_->activateWindow();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Attention Playground"), this, [this] {
        QMessageBox::about(this, tr("About Attention Playground"),
                           tr("<b>Attention Playground %1</b><p>Edit queries, keys and values, change the "
                              "scoring and normalization, and watch attention change.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::fillExamplesMenu(QMenu* menu) {
    menu->addAction(tr("Je suis étudiant → I am a student (built in)"), this, &MainWindow::newScene);
    const QDir dir(resourcesDir() + QStringLiteral("/scenes"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (name == QLatin1String("je-suis-etudiant.json"))
            continue;  // the built-in one above
        const QString path = dir.filePath(name);
        const ap::SceneReadResult read = ap::readSceneFile(path.toStdString());
        if (!read.ok)
            continue;
        const QString title = read.value.title.empty() ? name : QString::fromStdString(read.value.title);
        menu->addAction(title, this, [this, path] {
            if (maybeSave() && openFile(path))
                document_->resetScene(document_->scene());  // an example is a new, untitled scene
        });
    }
}

void MainWindow::connectControls() {
    connect(controls_, &ControlsPanel::scoringChanged, document_, &SceneDocument::setScoring);
    connect(controls_, &ControlsPanel::normalizationChanged, document_, &SceneDocument::setNormalization);
    connect(controls_, &ControlsPanel::topKChanged, document_, &SceneDocument::setTopK);
    connect(controls_, &ControlsPanel::temperatureChanged, document_, &SceneDocument::setTemperature);
    connect(controls_, &ControlsPanel::causalChanged, document_, &SceneDocument::setCausal);
    connect(controls_, &ControlsPanel::headsChanged, this, [this](int h) {
        QString err;
        if (!document_->setHeads(h, &err)) showError(err);
    });
    connect(controls_, &ControlsPanel::selfAttentionToggled, this, [this](bool on) {
        QString err;
        if (!document_->setSelfAttention(on, &err)) showError(err);
        syncControls();
    });
    connect(controls_, &ControlsPanel::kEqualsVToggled, this, [this](bool on) {
        QString err;
        if (!document_->setKEqualsV(on, &err)) showError(err);
        syncControls();
    });
    connect(controls_, &ControlsPanel::maskEditModeToggled, this, &MainWindow::setMaskEditMode);
    connect(controls_, &ControlsPanel::showScoresToggled, this, &MainWindow::setShowScores);
}

void MainWindow::syncControls() {
    const ap::Scene& s = document_->scene();
    ControlsState st;
    st.scoring = s.scoring;
    st.normalization = s.normalization;
    st.k = s.topK;
    st.temperature = s.temperature;
    st.heads = s.heads;
    const auto [d, dv] = headedWidths(s);
    st.availableHeads = commonDivisors(d, dv);
    st.causal = s.mask.causal;
    st.maskEditMode = maskEditMode_;
    st.selfAttention = document_->selfAttention();
    st.kEqualsV = document_->kEqualsV();
    st.showScores = showScores_;
    controls_->setState(st);
}

void MainWindow::onSceneChanged(ChangeKind kind) {
    if (kind == ChangeKind::Whole) {
        head_ = HeadChoice{};
        selectedQuery_ = 0;
    }
    syncControls();
    requestCompute();
}

void MainWindow::requestCompute() {
    worker_.request(document_->snapshot(), ++requestId_, viewSpec());
    if (!busyTimer_->isActive() && !busy_->isVisible())
        busyTimer_->start();
}

bool MainWindow::isBusyIndicatorVisible() const {
    return busy_->isVisible();
}

ViewSpec MainWindow::viewSpec() const {
    ViewSpec v;
    v.head = head_;
    v.quantity = showScores_ ? HeatmapQuantity::Scores : HeatmapQuantity::Weights;
    v.colormap = colormap_;
    return v;
}

void MainWindow::onResult(quint64 id, ScenePtr scene, ResultPtr result, ViewSpec view, HeatmapPtr heatmap) {
    if (id != requestId_)
        return;  // answers an older request; a newer result is on its way
    busyTimer_->stop();
    busy_->hide();
    resultScene_ = std::move(scene);
    result_ = std::move(result);
    refreshViews(view == viewSpec() ? std::move(heatmap) : nullptr);
    status_->setText(tr("%1 queries × %2 keys · %3 head(s)%4")
                         .arg(resultScene_->queryCount())
                         .arg(resultScene_->keyCount())
                         .arg(resultScene_->heads)
                         .arg(result_->fullyMaskedRows.empty()
                                  ? QString()
                                  : tr(" · %n fully masked row(s)", nullptr, int(result_->fullyMaskedRows.size()))));
    emit viewsUpdated(id);
}

void MainWindow::onFailed(quint64 id, const QString& message) {
    if (id != requestId_)
        return;
    busyTimer_->stop();
    busy_->hide();
    showError(message);
}

void MainWindow::refreshViews(HeatmapPtr prepared) {
    if (!result_ || !resultScene_)
        return;
    const ap::Scene& s = *resultScene_;
    const ap::AttentionResult& r = *result_;
    const int heads = int(r.heads.size());
    if (!head_.isMean() && head_.head >= heads)
        head_ = HeadChoice{};
    const HeatmapQuantity q = showScores_ ? HeatmapQuantity::Scores : HeatmapQuantity::Weights;
    if (prepared && prepared->heatmap.rows() == int(r.weightsMean.rows()))
        heatmap_->setData(std::move(prepared->heatmap));
    else
        heatmap_->setData(heatmapFromResult(s, r, head_, q));
    // The tooltip gives the other quantity of the same cell, read from the
    // result itself (no copies of Lq x Lk matrices on the GUI thread).
    const bool oneHead = !head_.isMean() || heads == 1;
    const ap::HeadResult& hr = r.heads[size_t(head_.isMean() ? 0 : head_.head)];
    heatmap_->setTooltipSource(result_, oneHead ? &hr.scores : nullptr, oneHead ? &hr.weights : &r.weightsMean);
    headGrid_->setVisible(heads > 1);
    if (heads > 1) {
        if (prepared && !prepared->tiles.empty())
            headGrid_->setTiles(std::move(prepared->tiles));
        else
            headGrid_->setResult(s, r, q);
        headGrid_->setSelected(head_);
    }
    output_->setOutput(r.output, queryLabels(s), r.fullyMaskedRows);
    refreshBarChart();
}

void MainWindow::refreshBarChart() {
    const HeatmapData& d = heatmap_->data();
    if (d.rows() == 0) {
        barChart_->clear();
        return;
    }
    const int row = std::clamp(selectedQuery_, 0, d.rows() - 1);
    std::vector<float> values(size_t(d.columns()));
    std::vector<bool> masked(size_t(d.columns()));
    for (int c = 0; c < d.columns(); ++c) {
        values[size_t(c)] = d.values(row, c);
        masked[size_t(c)] = d.isMasked(row, c);
    }
    barChart_->setRow(d.rowLabels.value(row), d.columnLabels, std::move(values), std::move(masked), !showScores_);
    heatmap_->setSelectedRow(row);
}

void MainWindow::selectQuery(int row) {
    selectedQuery_ = std::max(0, row);
    refreshBarChart();
}

void MainWindow::selectHead(HeadChoice head) {
    head_ = head;
    refreshViews();
}

void MainWindow::setMaskEditMode(bool on) {
    if (maskEditMode_ == on)
        return;
    maskEditMode_ = on;
    heatmap_->setMaskEditMode(on);
    syncControls();
    status_->setText(on ? tr("Mask edit mode: click a cell to mask or unmask it (M to leave)") : QString());
}

void MainWindow::setShowScores(bool on) {
    if (showScores_ == on)
        return;
    showScores_ = on;
    syncControls();
    refreshViews();
}

QString MainWindow::lastError() const {
    return messages_->text();
}

void MainWindow::showError(const QString& message) {
    if (!message.isEmpty())
        messages_->showMessage(message, MessageBar::Level::Error);
}

void MainWindow::updateTitle() {
    const QString path = document_->filePath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    setWindowTitle(name + QStringLiteral("[*] — Attention Playground"));
    setWindowModified(document_->isModified());
}

// --- Files ----------------------------------------------------------------

bool MainWindow::maybeSave() {
    if (!document_->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved Changes"), tr("The scene has unsaved changes. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newScene() {
    if (maybeSave())
        document_->newScene();
}

bool MainWindow::openFile(const QString& path) {
    QString error;
    if (!document_->load(path, &error)) {
        showError(error);
        return false;
    }
    messages_->hide();
    recent_->add(path);
    rememberDir(path);
    return true;
}

void MainWindow::setScene(ap::Scene scene) {
    if (!maybeSave())
        return;
    const std::string problem = ap::validate(scene);
    if (!problem.empty()) {
        showError(tr("The scene is not valid: %1").arg(QString::fromStdString(problem)));
        return;
    }
    document_->resetScene(std::move(scene));
    raise();
    activateWindow();
}

void MainWindow::openDialog() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scene"), startDir(),
                                                      tr("Scenes (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::saveFile(const QString& path) {
    QString error;
    if (!document_->save(path, &error)) {
        showError(error);
        return false;
    }
    recent_->add(path);
    rememberDir(path);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 3000);
    return true;
}

bool MainWindow::save() {
    return document_->filePath().isEmpty() ? saveAs() : saveFile(document_->filePath());
}

bool MainWindow::saveAs() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save Scene"),
                                                QDir(startDir()).filePath(QStringLiteral("scene.json")),
                                                tr("Scenes (*.json)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    return saveFile(path);
}

QString MainWindow::startDir() const {
    const QString dir = QSettings().value(QStringLiteral("lastDir")).toString();
    return dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) : dir;
}

void MainWindow::rememberDir(const QString& path) {
    QSettings().setValue(QStringLiteral("lastDir"), QFileInfo(path).absolutePath());
}

// --- Export ---------------------------------------------------------------

QString MainWindow::exportImage(const QString& path, QSize size, bool wholeGrid) {
    if (!result_)
        return tr("%1: nothing has been computed yet").arg(path);
    if (wholeGrid && result_->heads.size() > 1)
        return exportPicture([this](QPainter& p, const QSizeF& s) { headGrid_->paintGrid(p, s); }, size, path);
    // The drawing of the command line's export: no hover or selection marks.
    HeatmapStyle style = heatmap_->style();
    style.selectedRow = -1;
    style.hoveredCell.reset();
    return exportHeatmap(heatmap_->data(), style, size, path);
}

void MainWindow::exportDialog() {
    ExportDialog dialog(heatmap_->size().expandedTo(QSize(640, 480)), result_ && result_->heads.size() > 1, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Image"), QDir(startDir()).filePath(QStringLiteral("heatmap.png")),
        tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    rememberDir(path);
    const QString err = exportImage(path, dialog.imageSize(), dialog.target() == ExportDialog::Target::HeadGrid);
    if (!err.isEmpty())
        showError(err);
    else
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 3000);
}

void MainWindow::copyImage() {
    HeatmapStyle style = heatmap_->style();
    style.selectedRow = -1;
    style.hoveredCell.reset();
    QApplication::clipboard()->setImage(renderHeatmapImage(heatmap_->data(), style, heatmap_->size()));
    statusBar()->showMessage(tr("Heatmap copied to the clipboard"), 3000);
}

QString MainWindow::exportWeightsCsv(const QString& path) {
    const HeatmapData& d = heatmap_->data();
    return writeTextFile(path, matrixToCsv(d.values, d.rowLabels, d.columnLabels));
}

QString MainWindow::exportOutputCsv(const QString& path) {
    if (!result_)
        return tr("%1: nothing has been computed yet").arg(path);
    QStringList columns;
    for (int c = 0; c < result_->output.cols(); ++c) columns << QString::number(c);
    return writeTextFile(path, matrixToCsv(result_->output, queryLabels(*resultScene_), columns));
}

void MainWindow::exportCsvDialog(bool weights) {
    const QString path = QFileDialog::getSaveFileName(
        this, weights ? tr("Export Weights") : tr("Export Output"),
        QDir(startDir()).filePath(weights ? QStringLiteral("weights.csv") : QStringLiteral("output.csv")),
        tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    rememberDir(path);
    const QString err = weights ? exportWeightsCsv(path) : exportOutputCsv(path);
    if (!err.isEmpty())
        showError(err);
}

// --- Training window ---------------------------------------------------------

TrainingPanel* MainWindow::trainingPanel() {
    if (!training_) {
        trainingWindow_ = new QWidget(this, Qt::Window);
        trainingWindow_->setWindowTitle(tr("Translation — Attention Playground"));
        auto* layout = new QVBoxLayout(trainingWindow_);
        layout->setContentsMargins(0, 0, 0, 0);
        training_ = new TrainingPanel(trainingWindow_);
        layout->addWidget(training_);
        trainingWindow_->resize(1200, 800);
        connect(training_, &TrainingPanel::openInPlayground, this, [this](const ap::Scene& s) { setScene(s); });
    }
    return training_;
}

// --- Window events -------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    if (training_)
        training_->stopTraining();
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("windowState"), saveState());
    if (trainingWindow_)
        trainingWindow_->close();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    if (maybeSave())
        openFile(urls.first().toLocalFile());
}

}  // namespace ui
