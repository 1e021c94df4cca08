// The model view's worker thread (a CoalescingWorker): opens the attention
// file (or takes a tensor computed live by a model), then builds the large
// view asked for (newest request only, tagged with its id) and, in between,
// the thumbnails and statistics of every head one slice at a time, so that
// the first view comes before the grid is complete.
#pragma once

#include "analysis/aggregate.h"
#include "analysis/head_stats.h"
#include "import/attention_tensor.h"
#include "render/colormap.h"
#include "render/heatmap_data.h"
#include "concurrent/coalescing_worker.h"

#include <QImage>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace ui {

using AttentionPtr = std::shared_ptr<const ap::import::AttentionTensor>;
using HeadStatsPtr = std::shared_ptr<const std::vector<ap::analysis::HeadStats>>;
using AttentionViewPtr = std::shared_ptr<HeatmapData>;

// A thumbnail holds at most this many cells a side: each is the maximum of
// the block of weights it covers (max-pooling keeps a sharp diagonal or a
// single strong key visible at any size).
inline constexpr int kThumbnailCells = 96;

// Max-pools `m` to at most `cells` x `cells`.
ap::Matrix maxPool(const ap::Matrix& m, int cells);

// A thumbnail's pixels: the pooled weights on `scale` (each tile on its own
// range, as the large view of a head is), one pixel per cell.
QImage thumbnailImage(const ap::Matrix& pooled, const Colormap& map, ColorScale scale);

// The pooled tiles of a file are kept for recolouring when they take at
// most this many bytes; a larger grid is rebuilt from the file instead.
inline constexpr std::int64_t kKeptThumbnailBytes = std::int64_t(128) << 20;

class ModelViewWorker : public CoalescingWorker {
    Q_OBJECT
public:
    explicit ModelViewWorker(QObject* parent = nullptr);
    ~ModelViewWorker() override;

    // Reads the file off the GUI thread; answers with opened() or openFailed().
    void open(const QString& path, quint64 id);
    // Takes attention already in memory (a model's live result) as open()
    // takes a file's; answers with opened(). A newer call replaces a
    // pending one.
    void show(AttentionPtr tensor, quint64 id);
    // The large view of `choice`; answers with viewReady() or viewFailed().
    void requestView(const ap::analysis::AttentionChoice& choice, quint64 id);
    // Stops building thumbnails and statistics for tensor `fileId` (the id
    // given to open() or show()); nothing when the worker has moved on to a
    // newer tensor, whose grid the caller has not seen yet.
    void cancelGrid(quint64 fileId);
    void setColormap(Colormap::Kind kind);
    // The colour scale of the thumbnails and of the large views prepared
    // from now on; the grid's tiles are coloured again (tileReady).
    void setColorScale(ColorScale scale);

signals:
    void opened(quint64 id, ui::AttentionPtr tensor);
    void openFailed(quint64 id, const QString& message);
    // Tile (row, column) of the grid: rows are layers then "all layers";
    // columns are heads, then the mean and the maximum over heads.
    void tileReady(quint64 fileId, int row, int column, const QImage& image);
    void gridProgress(quint64 fileId, int done, int total);
    void statsReady(quint64 fileId, ui::HeadStatsPtr stats);
    void gridFailed(quint64 fileId, const QString& message);
    void viewReady(quint64 id, ui::AttentionViewPtr view);
    void viewFailed(quint64 id, const QString& message);

protected:
    bool idleWorkDue() const override;
    void idleStep() override;

private:
    enum Lane { kOpenLane, kViewLane };
    // Opens what `read` gives in place of the open file (a newer open or
    // show replaces it); the view asked for the old one is dropped.
    void postOpen(quint64 id, std::function<ap::import::ReadResult()> read);
    void openJob(const Job& job, const ap::import::ReadResult& r);
    void viewJob(const Job& job, const ap::analysis::AttentionChoice& choice);
    void thumbnailStep(const AttentionPtr& t, quint64 fileId, int index);
    // Colours a tile, keeps its pooled weights where they fit and emits it.
    void emitTile(quint64 fileId, int row, int column, ap::Matrix pooled, const Colormap& map, ColorScale scale);
    // Emits every kept tile again in the current colours, or, when the
    // tiles were not kept, builds the grid again from the first slice.
    void recolourGrid();
    // Worker-thread state for a grid built from the first slice.
    void startGrid();

    // Shared with the GUI thread, under mutex().
    Colormap colormap_;
    ColorScale colorScale_ = ColorScale::Fixed;
    bool recolour_ = false;

    // Worker-thread state of the open file.
    AttentionPtr tensor_;
    quint64 fileId_ = 0;
    int nextSlice_ = 0;
    bool gridCancelled_ = false;
    std::vector<ap::analysis::HeadStats> stats_;
    std::vector<ap::Matrix> layerMean_, layerMax_, headMean_, headMax_;
    ap::Matrix allMean_, allMax_;
    bool keepTiles_ = false;
    std::vector<ap::Matrix> keptTiles_;  // rows x columns of the grid, row-major
};

}  // namespace ui
