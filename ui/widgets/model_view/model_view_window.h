// The model view of imported attention: a layers x heads grid of
// thumbnails (with the mean and maximum over heads and over layers), the
// chosen tile large, the attention rollout, and the per-head statistics in
// a sortable table linked to the grid. Everything is computed by a worker
// thread; the window only draws. The attention comes from a file, or live
// from a model (the model window derives from this one and hands each new
// result to showTensor()).
#pragma once

#include "analysis/aggregate.h"
#include "widgets/model_view/model_view_worker.h"

#include <QMainWindow>

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;

namespace ui {

class HeadStatsModel;
class HeadStatsTable;
class HeatmapView;
class MessageBar;
class ModelGridView;

class ModelViewWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ModelViewWindow(QWidget* parent = nullptr);

    // Opens the file on the worker; fileOpened() or openFailed() follows.
    void openFile(const QString& path);
    // Shows attention computed elsewhere; fileOpened() follows. While the
    // shape stays the same the grid keeps its tiles until the new ones
    // replace them and the chosen tile stays chosen, so that a live source
    // updates the picture in place. `description` names the source in the
    // status bar.
    void showTensor(AttentionPtr tensor, const QString& description);
    AttentionPtr tensor() const { return tensor_; }
    QString filePath() const { return path_; }

    // Shows a tile's choice large (and selects it in the grid and table).
    void showChoice(const ap::analysis::AttentionChoice& choice);
    void showRollout();

    // Writes the view on top (the tile or the rollout) as PNG, SVG, PDF or
    // CSV by the file's suffix; returns "" or a message naming the file.
    QString exportView(const QString& path, QSize size) const;
    QString exportStatistics(const QString& path) const;

    ModelGridView* grid() const { return grid_; }
    HeatmapView* headView() const { return headView_; }
    HeatmapView* rolloutView() const { return rolloutView_; }
    HeadStatsTable* statsTable() const { return stats_; }
    HeadStatsModel* statsModel() const;
    QSortFilterProxyModel* statsProxy() const;
    QTabWidget* tabs() const { return tabs_; }
    MessageBar* messageBar() const { return messageBar_; }

signals:
    // The tensor is in (file or live); its grid and views follow.
    void fileOpened();
    void openFailed(const QString& message);
    void viewShown();
    void statisticsReady();

protected:
    enum class Source { Files, Live };
    ModelViewWindow(Source source, QWidget* parent);
    QMenu* fileMenu() const { return fileMenu_; }

private:
    void onOpened(quint64 id, AttentionPtr tensor);
    void onViewReady(quint64 id, AttentionViewPtr view);
    void onStats(quint64 fileId, HeadStatsPtr stats);
    void requestMissing();
    // A new tensor is coming: the large views must be asked for again.
    void forgetViews();
    // The thumbnails' bar and Stop, shown while done < total.
    void showGridProgress(int done, int total);
    // The status line after Stop: the tensor and how many heads were read.
    void showStoppedInfo();
    void selectTableRow(const ap::analysis::AttentionChoice& choice);
    void chooseAndOpen();
    void chooseAndExport();
    void chooseAndExportStatistics();

    ModelViewWorker worker_;
    Source source_ = Source::Files;
    AttentionPtr tensor_;
    QString path_;
    QString description_;
    quint64 fileId_ = 0;
    // The id of tensor_, which may lag fileId_ while a newer one is read.
    quint64 shownFileId_ = 0;
    quint64 nextId_ = 1;
    quint64 headRequest_ = 0, rolloutRequest_ = 0;
    ap::analysis::AttentionChoice wantedHead_, shownHead_;
    bool headShown_ = false;
    ap::analysis::HeadFusion wantedFusion_ = ap::analysis::HeadFusion::Mean,
                             shownFusion_ = ap::analysis::HeadFusion::Mean;
    bool rolloutShown_ = false;
    // Stop was pressed: the grid of this tensor stays as far as it got.
    bool gridStopped_ = false;
    int gridDone_ = 0;
    // The status line's description of the tensor shown.
    QString openedInfo_;

    ModelGridView* grid_ = nullptr;
    HeatmapView* headView_ = nullptr;
    HeatmapView* rolloutView_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    HeadStatsTable* stats_ = nullptr;
    MessageBar* messageBar_ = nullptr;
    QLabel* info_ = nullptr;
    QLabel* rolloutHint_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QMenu* fileMenu_ = nullptr;
};

}  // namespace ui
