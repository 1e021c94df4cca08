// MainWindow: opening, saving and exporting files, and offering the scenes
// that crash recovery kept (the rest of the window is in main_window.cpp
// and the files it names).
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

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QStatusBar>

#include <limits>

namespace ui {
// --- Files ----------------------------------------------------------------

bool MainWindow::maybeSave() {
    if (!document_->isModified()) return true;
    const auto answer =
        QMessageBox::warning(this, tr("Unsaved Changes"), tr("The scene has unsaved changes. Save them first?"),
                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

bool MainWindow::confirmReplace() {
    if (!maybeSave()) return false;
    dropPendingOpen();
    return true;
}

void MainWindow::newScene() {
    if (confirmReplace()) document_->newScene();
}

bool MainWindow::openFile(const QString& path) {
    dropPendingOpen();
    if (openIfAttentionFile(path)) return true;
    QString error;
    if (!document_->load(path, &error)) {
        showError(error);
        return false;
    }
    opened(path);
    return true;
}

void MainWindow::opened(const QString& path) {
    messages_->hide();
    recent_->add(path);
    rememberDir(path);
    emit fileOpened(path);
}

// Attention exported from a model opens in its own model view window.
bool MainWindow::openIfAttentionFile(const QString& path) {
    if (!ap::import::isAttentionFile(QFile::encodeName(path).toStdString())) return false;
    auto* view = new ModelViewWindow(this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->openFile(path);
    view->show();
    rememberDir(path);
    return true;
}

ModelWindow* MainWindow::openModel(const QString& dir) {
    auto* window = new ModelWindow(this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    connect(window, &ModelWindow::openInPlayground, this, [this](const ap::Scene& scene) { setScene(scene); });
    window->loadModel(dir);
    window->show();
    return window;
}

void MainWindow::openModelDialog() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Model"), startDir());
    if (!dir.isEmpty()) openModel(dir);
}

void MainWindow::openFileInBackground(const QString& path) {
    // A folder is a model checkpoint (config.json, weights, tokenizer).
    if (QFileInfo(path).isDir()) {
        openModel(path);
        return;
    }
    if (openIfAttentionFile(path)) return;
    messages_->hide();
    loader_->load(path);
    setLoading(true, path);
}

void MainWindow::cancelOpening() {
    if (!loader_->isLoading()) return;
    dropPendingOpen();
    statusBar()->showMessage(tr("Opening was cancelled; the open scene is unchanged"), 3000);
}

void MainWindow::dropPendingOpen() {
    if (!loader_->isLoading()) return;
    loader_->cancel();
    setLoading(false);
}

bool MainWindow::isOpening() const { return loader_->isLoading(); }

void MainWindow::setLoading(bool loading, const QString& path) {
    if (loading)
        loading_->showOpening(path);
    else
        loading_->hide();
    // Edits made now would be replaced by the file: hold them off. Menus,
    // views and Cancel stay live.
    controls_->setEnabled(!loading);
    inputs_->setEnabled(!loading);
}

void MainWindow::onSceneLoaded(const QString& path, std::shared_ptr<ap::Scene> scene) {
    setLoading(false);
    // Asked before the load began; ask again if something changed since.
    if (document_->isModified() && !maybeSave()) return;
    document_->resetScene(std::move(*scene), path);
    opened(path);
}

void MainWindow::onSceneLoadFailed(const QString& path, const QString& message) {
    setLoading(false);
    showError(message);
    emit openFailed(path, message);
}

void MainWindow::setScene(ap::Scene scene) {
    if (const ap::Status valid = ap::validate(scene); !valid.ok) {
        showError(tr("The scene is not valid: %1").arg(QString::fromStdString(valid.message)));
        return;
    }
    if (!confirmReplace()) return;
    document_->resetScene(std::move(scene));
    raise();
    activateWindow();
}

void MainWindow::openExample(const QString& path) {
    if (maybeSave() && openFile(path))
        document_->resetScene(document_->scene());  // an example is a new, untitled scene
}

void MainWindow::openDialog() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Scene"), startDir(),
        tr("Scenes and attention files (*.json *.npy *.npz *.safetensors);;All files (*)"));
    if (!path.isEmpty()) openFileInBackground(path);
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

bool MainWindow::save() { return document_->filePath().isEmpty() ? saveAs() : saveFile(document_->filePath()); }

bool MainWindow::saveAs() {
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save Scene"), QDir(startDir()).filePath(QStringLiteral("scene.json")),
                                     tr("Scenes (*.json)"));
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
    return saveFile(path);
}

// --- Export ---------------------------------------------------------------

QString MainWindow::exportImage(const QString& path, QSize size, bool wholeGrid) {
    const ResultPtr result = presenter_->currentResult();
    if (!result) return tr("%1: nothing has been computed yet").arg(path);
    if (wholeGrid && result->heads.size() > 1)
        return exportPicture([this](QPainter& p, const QSizeF& s) { headGrid_->paintGrid(p, s); }, size, path);
    // The drawing of the command line's export: no hover or selection marks.
    HeatmapStyle style = heatmap_->style();
    style.selectedRow = -1;
    style.hoveredCell.reset();
    return exportHeatmap(heatmap_->data(), style, size, path);
}

void MainWindow::exportDialog() {
    const ResultPtr result = presenter_->currentResult();
    ExportDialog dialog(heatmap_->size().expandedTo(QSize(640, 480)), result && result->heads.size() > 1, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString format = ExportDialog::lastFormat();
    QString filter = ExportDialog::filterFor(format);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Image"),
                                                      QDir(startDir()).filePath(QStringLiteral("heatmap.") + format),
                                                      ExportDialog::filters(), &filter);
    if (path.isEmpty()) return;
    rememberDir(path);
    ExportDialog::rememberFormat(QFileInfo(path).suffix());
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
    // In device pixels, so that the copy is as sharp as the screen (twice
    // the size at a device pixel ratio of 2).
    const qreal dpr = devicePixelRatioF();
    QImage image = renderHeatmapImage(heatmap_->data(), style, (QSizeF(heatmap_->size()) * dpr).toSize());
    image.setDevicePixelRatio(dpr);
    QApplication::clipboard()->setImage(image);
    statusBar()->showMessage(tr("Heatmap copied to the clipboard"), 3000);
}

QString MainWindow::exportWeightsCsv(const QString& path) {
    const HeatmapData& d = heatmap_->data();
    return writeTextFile(path, matrixToCsv(d.values, d.rowLabels, d.columnLabels));
}

QString MainWindow::exportOutputCsv(const QString& path) {
    const ResultPtr result = presenter_->currentResult();
    if (!result) return tr("%1: nothing has been computed yet").arg(path);
    QStringList columns;
    for (int c = 0; c < result->output.cols(); ++c) columns << QString::number(c);
    return writeTextFile(path, matrixToCsv(result->output, queryLabels(*presenter_->resultScene()), columns));
}

void MainWindow::exportCsvDialog(bool weights) {
    const QString path = QFileDialog::getSaveFileName(
        this, weights ? tr("Export Weights") : tr("Export Output"),
        QDir(startDir()).filePath(weights ? QStringLiteral("weights.csv") : QStringLiteral("output.csv")),
        tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    rememberDir(path);
    const QString err = weights ? exportWeightsCsv(path) : exportOutputCsv(path);
    if (!err.isEmpty()) showError(err);
}

// --- Crash recovery --------------------------------------------------------------

void MainWindow::offerRecovery() {
    orphans_ = recovery_->orphans();
    offerNextOrphan();
}

void MainWindow::offerNextOrphan() {
    if (orphans_.empty()) return;
    const RecoveryManager::Orphan& o = orphans_.front();
    const QString when = QLocale().toString(o.written, QLocale::ShortFormat);
    const QString text =
        o.originalPath.isEmpty()
            ? tr("Attention Playground was not closed normally. An untitled scene with unsaved changes, "
                 "last copied at %1, was recovered. Restore it?")
                  .arg(when)
            : tr("Attention Playground was not closed normally. Unsaved changes to %1, last copied at %2, "
                 "were recovered. Restore them?")
                  .arg(QDir::toNativeSeparators(o.originalPath), when);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Recover Unsaved Scene"), text, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("recoveryQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* restore = box->addButton(tr("&Restore"), QMessageBox::AcceptRole);
    restore->setToolTip(tr("Open the recovered scene as an unsaved scene"));
    QPushButton* discard = box->addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    discard->setToolTip(tr("Delete the recovered copy for good"));
    box->setDefaultButton(restore);
    connect(box, &QMessageBox::finished, this, [this, box, restore, discard] {
        RecoveryManager::Orphan orphan = std::move(orphans_.front());
        orphans_.erase(orphans_.begin());
        if (box->clickedButton() == restore) {
            if (confirmReplace()) {
                const QString error = recovery_->restore(orphan);
                if (!error.isEmpty()) showError(error);
            }
        } else if (box->clickedButton() == discard) {
            RecoveryManager::discard(orphan);
        }
        // Closed without an answer: the copy stays for the next start.
        QTimer::singleShot(0, this, &MainWindow::offerNextOrphan);
    });
    box->open();
}

}  // namespace ui
