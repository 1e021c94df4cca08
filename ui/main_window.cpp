#include "main_window.h"

#include "heatmap_view.h"
#include "image_export.h"
#include "scene_io.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

namespace ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("Attention Playground"));
    heatmap_ = new HeatmapView(this);
    setCentralWidget(heatmap_);
    status_ = new QLabel(this);
    statusBar()->addWidget(status_, 1);
    // The busy indicator appears only for computations longer than ~150 ms,
    // so quick edits never flicker.
    busyTimer_ = new QTimer(this);
    busyTimer_->setSingleShot(true);
    busyTimer_->setInterval(150);
    connect(busyTimer_, &QTimer::timeout, this, [this] { status_->setText(tr("Computing…")); });
    connect(&worker_, &AttentionWorker::resultReady, this, &MainWindow::onResult);
    connect(&worker_, &AttentionWorker::failed, this, &MainWindow::onFailed);
    connect(heatmap_, &HeatmapView::cellClicked, this, [this](int row, int) { heatmap_->setSelectedRow(row); });
    createActions();
    resize(900, 650);
    setScene(ap::builtInExample());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    QAction* exportAction = file->addAction(tr("&Export Heatmap…"), this, &MainWindow::exportImage);
    exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
}

void MainWindow::setScene(ap::Scene scene) {
    scene_ = std::make_shared<const ap::Scene>(std::move(scene));
    const QString title = QString::fromStdString(scene_->title);
    setWindowTitle(title.isEmpty() ? QStringLiteral("Attention Playground")
                                   : title + QStringLiteral(" — Attention Playground"));
    recompute();
}

void MainWindow::recompute() {
    worker_.request(scene_, ++requestId_);
    if (!busyTimer_->isActive())
        busyTimer_->start();
}

void MainWindow::onResult(quint64 id, ScenePtr scene, ResultPtr result) {
    if (id != requestId_)
        return;  // answers an older request
    busyTimer_->stop();
    result_ = std::move(result);
    const HeadChoice mean;
    HeatmapData data = heatmapFromResult(*scene, *result_, mean, HeatmapQuantity::Weights);
    heatmap_->setData(std::move(data));
    status_->setText(tr("%1 queries × %2 keys, %3 head(s)")
                         .arg(scene->queryCount()).arg(scene->keyCount()).arg(scene->heads));
    emit viewsUpdated(id);
}

void MainWindow::onFailed(quint64 id, const QString& message) {
    if (id != requestId_)
        return;
    busyTimer_->stop();
    showError(message);
}

void MainWindow::showError(const QString& message) {
    lastError_ = message;
    status_->setText(message);
    if (isVisible() && !QCoreApplication::closingDown())
        QMessageBox::warning(this, tr("Attention Playground"), message);
}

bool MainWindow::openFile(const QString& path) {
    ap::SceneReadResult read = ap::readSceneFile(path.toStdString());
    if (!read.ok) {
        showError(QString::fromStdString(read.error));
        return false;
    }
    lastError_.clear();
    setScene(std::move(read.scene));
    return true;
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scene"), QString(),
                                                      tr("Scenes (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::exportImage() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Heatmap"), QStringLiteral("heatmap.png"),
                                                      tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    const QString err = exportHeatmap(heatmap_->data(), heatmap_->style(), heatmap_->size(), path);
    if (!err.isEmpty())
        showError(err);
}

}  // namespace ui
