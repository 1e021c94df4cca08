#include "widgets/model_view/model_view_window.h"

#include "render/csv_export.h"
#include "render/image_export.h"
#include "widgets/common/color_scale_menu.h"
#include "widgets/common/heatmap_view.h"
#include "widgets/common/message_bar.h"
#include "widgets/model_view/head_stats_table.h"
#include "widgets/model_view/model_grid_view.h"
#include "widgets/common/window_fit.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ui {

using ap::analysis::AttentionChoice;
using ap::analysis::HeadFusion;

ModelViewWindow::ModelViewWindow(QWidget* parent) : ModelViewWindow(Source::Files, parent) {}

ModelViewWindow::ModelViewWindow(Source source, QWidget* parent) : QMainWindow(parent), source_(source) {
    setWindowTitle(tr("Model view"));
    resizeWithinScreen(this, QSize(1200, 820));

    grid_ = new ModelGridView;
    headView_ = new HeatmapView;
    rolloutView_ = new HeatmapView;
    headView_->setEmptyText(source_ == Source::Files
                                ? tr("Open an attention file (Ctrl+O); the head chosen in the grid appears here.")
                                : tr("The head chosen in the grid appears here once the model has run."));
    rolloutView_->setEmptyText(tr("The rollout through every layer appears here."));
    auto* fusion = new QComboBox;
    fusion->addItem(tr("Mean of heads"), int(HeadFusion::Mean));
    fusion->addItem(tr("Maximum of heads"), int(HeadFusion::Max));
    fusion->addItem(tr("Minimum of heads"), int(HeadFusion::Min));
    fusion->setToolTip(tr("How each layer's heads are fused before the rollout (Abnar & Zuidema 2020)."));
    auto* rolloutPage = new QWidget;
    auto* rolloutLayout = new QVBoxLayout(rolloutPage);
    rolloutLayout->setContentsMargins(0, 0, 0, 0);
    auto* fusionRow = new QHBoxLayout;
    fusionRow->addWidget(new QLabel(tr("Head fusion:")));
    fusionRow->addWidget(fusion);
    fusionRow->addStretch();
    rolloutLayout->addLayout(fusionRow);
    // The rollout of a big file takes seconds: say so rather than show an
    // empty panel.
    rolloutHint_ = new QLabel(tr("Computing the rollout…"));
    rolloutHint_->setObjectName(QStringLiteral("rolloutHint"));
    rolloutHint_->hide();
    rolloutLayout->addWidget(rolloutHint_);
    rolloutLayout->addWidget(rolloutView_, 1);
    tabs_ = new QTabWidget;
    tabs_->addTab(headView_, tr("Selected tile"));
    tabs_->addTab(rolloutPage, tr("Rollout"));
    tabs_->setTabToolTip(1, tr("Attention rollout: each layer's fused heads, 0.5·A + 0.5·I with rows renormalised, "
                               "multiplied from the first layer to the last."));

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(grid_);
    splitter->addWidget(tabs_);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    messageBar_ = new MessageBar;
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(messageBar_);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    stats_ = new HeadStatsTable;
    auto* dock = new QDockWidget(tr("Head statistics"), this);
    dock->setObjectName(QStringLiteral("headStatisticsDock"));
    dock->setWidget(stats_);
    addDockWidget(Qt::BottomDockWidgetArea, dock);

    info_ = new QLabel;
    info_->setObjectName(QStringLiteral("modelViewInfo"));
    progress_ = new QProgressBar;
    progress_->setMaximumWidth(220);
    progress_->setFormat(tr("Thumbnails %v of %m"));
    progress_->setToolTip(tr("Thumbnails and statistics are built one head at a time."));
    cancel_ = new QPushButton(tr("Stop"));
    cancel_->setToolTip(tr("Stop building thumbnails and statistics."));
    statusBar()->addWidget(info_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
    showGridProgress(0, 0);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    fileMenu_ = file;
    if (source_ == Source::Files) {
        QAction* open =
            file->addAction(tr("&Open Attention…"), QKeySequence::Open, this, &ModelViewWindow::chooseAndOpen);
        open->setToolTip(tr("Open a .npy, .npz, .safetensors or BertViz JSON attention file."));
    }
    QAction* exportView = file->addAction(tr("&Export View…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                                          &ModelViewWindow::chooseAndExport);
    exportView->setToolTip(tr("Save the view on top as PNG, SVG, PDF or CSV."));
    file->addAction(tr("Export &Statistics…"), QKeySequence(), this, &ModelViewWindow::chooseAndExportStatistics)
        ->setToolTip(tr("Save the head statistics as CSV."));
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    // Weights of 1,024 tokens are mostly near 1/1024: the logarithmic scale
    // shows them. The scale is applied on the worker, with the colours.
    QMenu* view = menuBar()->addMenu(tr("&View"));
    addColorScaleMenu(view, ColorScale::Fixed, QStringLiteral("modelColorScale_"), [this](ColorScale scale) {
        worker_.setColorScale(scale);
        headView_->setColorScale(scale);
        rolloutView_->setColorScale(scale);
    });

    connect(&worker_, &ModelViewWorker::opened, this, &ModelViewWindow::onOpened);
    connect(&worker_, &ModelViewWorker::openFailed, this, [this](quint64 id, const QString& message) {
        if (id != fileId_) return;
        messageBar_->showMessage(message);
        info_->setText(tr("%1 could not be opened").arg(QFileInfo(path_).fileName()));
        emit openFailed(message);
    });
    connect(&worker_, &ModelViewWorker::tileReady, this, [this](quint64 id, int row, int column, const QImage& image) {
        if (id == fileId_) grid_->setTile(row, column, image);
    });
    connect(&worker_, &ModelViewWorker::gridProgress, this, [this](quint64 id, int done, int total) {
        if (id != fileId_) return;
        gridDone_ = done;
        if (gridStopped_ && done == total) {
            // Stop came too late: every head was read and the statistics follow.
            gridStopped_ = false;
            info_->setText(openedInfo_);
        }
        // What the worker sent before Stop reached it only corrects the count.
        if (gridStopped_)
            showStoppedInfo();
        else
            showGridProgress(done, total);
    });
    connect(&worker_, &ModelViewWorker::gridFailed, this, [this](quint64 id, const QString& message) {
        if (id != fileId_) return;
        messageBar_->showMessage(message);
        showGridProgress(0, 0);
    });
    connect(&worker_, &ModelViewWorker::statsReady, this, &ModelViewWindow::onStats);
    connect(&worker_, &ModelViewWorker::viewReady, this, &ModelViewWindow::onViewReady);
    connect(&worker_, &ModelViewWorker::viewFailed, this, [this](quint64 id, const QString& message) {
        if (id != headRequest_ && id != rolloutRequest_) return;
        messageBar_->showMessage(message);
        // Do not ask again for what failed.
        if (id == headRequest_) shownHead_ = wantedHead_, headShown_ = true;
        if (id == rolloutRequest_) shownFusion_ = wantedFusion_, rolloutShown_ = true, rolloutHint_->hide();
        requestMissing();
    });
    connect(cancel_, &QPushButton::clicked, this, [this] {
        // The grid the user sees is tensor_'s, even when a newer tensor is
        // already with the worker: that one's grid is built when it opens.
        worker_.cancelGrid(shownFileId_);
        gridStopped_ = true;
        showGridProgress(0, 0);
        showStoppedInfo();
    });
    connect(grid_, &ModelGridView::tileClicked, this, &ModelViewWindow::showChoice);
    connect(tabs_, &QTabWidget::currentChanged, this, [this] { requestMissing(); });
    connect(fusion, &QComboBox::currentIndexChanged, this, [this, fusion] {
        wantedFusion_ = HeadFusion(fusion->currentData().toInt());
        requestMissing();
    });
    connect(stats_, &HeadStatsTable::headPicked, this, [this](int layer, int head) {
        AttentionChoice c;
        c.layer = layer;
        c.head = head;
        showChoice(c);
    });
}

void ModelViewWindow::showGridProgress(int done, int total) {
    progress_->setMaximum(total);
    progress_->setValue(done);
    progress_->setVisible(done < total);
    cancel_->setVisible(done < total);
}

void ModelViewWindow::showStoppedInfo() {
    // The table stays empty: the statistics are computed once every head
    // has been read.
    info_->setText(tr("%1 · thumbnails stopped after %2 of %3 heads; the statistics need every head")
                       .arg(openedInfo_)
                       .arg(gridDone_)
                       .arg(tensor_ ? int(tensor_->sliceCount()) : 0));
}

void ModelViewWindow::openFile(const QString& path) {
    path_ = path;
    fileId_ = nextId_++;
    tensor_.reset();
    forgetViews();
    stats_->statsModel()->setStats({});
    grid_->reset(0, 0);
    // The old grid is gone, and so is its Stop.
    showGridProgress(0, 0);
    info_->setText(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    setWindowTitle(tr("%1 — Model view").arg(QFileInfo(path).fileName()));
    worker_.open(path, fileId_);
}

void ModelViewWindow::showTensor(AttentionPtr tensor, const QString& description) {
    description_ = description;
    fileId_ = nextId_++;
    forgetViews();
    worker_.show(std::move(tensor), fileId_);
}

void ModelViewWindow::forgetViews() {
    headShown_ = rolloutShown_ = false;
    // A view of the old tensor may already be queued to this thread: it must
    // not pass for the new tensor's.
    headRequest_ = rolloutRequest_ = 0;
}

void ModelViewWindow::onOpened(quint64 id, AttentionPtr tensor) {
    if (id != fileId_) return;
    shownFileId_ = id;
    const bool inPlace =
        source_ == Source::Live && tensor_ && tensor_->layers == tensor->layers && tensor_->heads == tensor->heads;
    tensor_ = std::move(tensor);
    if (!inPlace) grid_->reset(tensor_->layers, tensor_->heads);
    openedInfo_ = tr("%1: %2 layers × %3 heads, %4 queries × %5 keys, %6")
                      .arg(source_ == Source::Live ? description_ : QFileInfo(path_).fileName())
                      .arg(tensor_->layers)
                      .arg(tensor_->heads)
                      .arg(tensor_->queries)
                      .arg(tensor_->keys)
                      .arg(QString::fromUtf8(ap::import::toString(tensor_->dtype)));
    const bool square = tensor_->queries == tensor_->keys;
    tabs_->setTabEnabled(1, square);
    tabs_->setTabToolTip(1, square ? tabs_->tabToolTip(1) : tr("Rollout needs as many queries as keys."));
    info_->setText(openedInfo_);
    gridStopped_ = false;
    gridDone_ = 0;
    showGridProgress(0, int(tensor_->sliceCount()));
    if (inPlace) {
        // The tab on top stays; what it shows follows the new tensor.
        grid_->setSelected(wantedHead_);
        requestMissing();
    } else {
        showChoice(AttentionChoice{});
    }
    emit fileOpened();
}

void ModelViewWindow::showChoice(const AttentionChoice& choice) {
    wantedHead_ = choice;
    grid_->setSelected(choice);
    selectTableRow(choice);
    if (tabs_->currentIndex() != 0) tabs_->setCurrentIndex(0);
    requestMissing();
}

void ModelViewWindow::showRollout() {
    tabs_->setCurrentIndex(1);
    requestMissing();
}

void ModelViewWindow::requestMissing() {
    if (!tensor_) return;
    if (tabs_->currentIndex() == 0 && !(headShown_ && shownHead_ == wantedHead_)) {
        headRequest_ = nextId_++;
        worker_.requestView(wantedHead_, headRequest_);
    } else if (tabs_->currentIndex() == 1 && !(rolloutShown_ && shownFusion_ == wantedFusion_)) {
        AttentionChoice c;
        c.rollout = true;
        c.layer = AttentionChoice::kAll;
        c.fusion = wantedFusion_;
        rolloutRequest_ = nextId_++;
        rolloutHint_->show();
        worker_.requestView(c, rolloutRequest_);
    }
}

void ModelViewWindow::onViewReady(quint64 id, AttentionViewPtr view) {
    if (id == headRequest_) {
        headView_->setData(std::move(*view));
        shownHead_ = wantedHead_;
        headShown_ = true;
    } else if (id == rolloutRequest_) {
        rolloutView_->setData(std::move(*view));
        rolloutHint_->hide();
        shownFusion_ = wantedFusion_;
        rolloutShown_ = true;
    } else {
        return;
    }
    emit viewShown();
    requestMissing();
}

void ModelViewWindow::onStats(quint64 fileId, HeadStatsPtr stats) {
    if (fileId != fileId_) return;
    stats_->statsModel()->setStats(*stats);
    selectTableRow(wantedHead_);
    emit statisticsReady();
}

HeadStatsModel* ModelViewWindow::statsModel() const { return stats_->statsModel(); }

QSortFilterProxyModel* ModelViewWindow::statsProxy() const { return stats_->proxy(); }

void ModelViewWindow::selectTableRow(const AttentionChoice& choice) {
    if (choice.rollout)
        stats_->selectHead(-1, -1);
    else
        stats_->selectHead(choice.layer, choice.head);
}

QString ModelViewWindow::exportView(const QString& path, QSize size) const {
    const HeatmapView* view = tabs_->currentIndex() == 1 ? rolloutView_ : headView_;
    const HeatmapData& d = view->data();
    if (d.rows() == 0) return tr("%1: there is no view to export yet.").arg(path);
    if (QFileInfo(path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        return writeTextFile(path, matrixToCsv(d.values, d.rowLabels, d.columnLabels));
    if (!imageFormatForPath(path)) return tr("%1: unknown file type (use .png, .svg, .pdf or .csv).").arg(path);
    return exportHeatmap(d, view->style(), size, path);
}

QString ModelViewWindow::exportStatistics(const QString& path) const {
    if (stats_->statsModel()->rowCount() == 0) return tr("%1: the statistics are not ready yet.").arg(path);
    return writeTextFile(path, stats_->statsModel()->toCsv());
}

void ModelViewWindow::chooseAndOpen() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Attention"), QFileInfo(path_).absolutePath(),
                                     tr("Attention files (*.npy *.npz *.safetensors *.json);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
}

void ModelViewWindow::chooseAndExport() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export View"), QFileInfo(path_).absolutePath(),
        tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf);;CSV table (*.csv)"));
    if (path.isEmpty()) return;
    const QString err = exportView(path, QSize(1200, 1000));
    if (!err.isEmpty()) messageBar_->showMessage(err);
}

void ModelViewWindow::chooseAndExportStatistics() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Statistics"), QFileInfo(path_).absolutePath(),
                                                      tr("CSV table (*.csv)"));
    if (path.isEmpty()) return;
    const QString err = exportStatistics(path);
    if (!err.isEmpty()) messageBar_->showMessage(err);
}

}  // namespace ui
