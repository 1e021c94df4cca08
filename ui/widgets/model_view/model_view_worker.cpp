#include "widgets/model_view/model_view_worker.h"

#include "import/attention_import.h"
#include "render/attention_heatmap.h"
#include "render/heatmap_renderer.h"

#include <QFile>
#include <QMutexLocker>

#include <algorithm>
#include <limits>

namespace ui {

ap::Matrix maxPool(const ap::Matrix& m, int cells) {
    const int rows = int(m.rows()), cols = int(m.cols());
    const int outRows = std::min(rows, cells), outCols = std::min(cols, cells);
    if (outRows == rows && outCols == cols) return m;
    ap::Matrix out = ap::Matrix::Constant(outRows, outCols, -std::numeric_limits<float>::infinity());
    for (int i = 0; i < rows; ++i) {
        const int oi = int(std::int64_t(i) * outRows / rows);
        const float* row = m.data() + std::int64_t(i) * cols;
        float* dst = out.data() + std::int64_t(oi) * outCols;
        for (int j = 0; j < cols; ++j) {
            const int oj = int(std::int64_t(j) * outCols / cols);
            dst[oj] = std::max(dst[oj], row[j]);
        }
    }
    return out;
}

QImage thumbnailImage(const ap::Matrix& pooled, const Colormap& map, ColorScale scale) {
    HeatmapData d;
    d.values = pooled;
    d.quantity = HeatmapQuantity::Weights;
    applyColorScale(d, scale);
    return heatmapCellImage(d, map);
}

ModelViewWorker::ModelViewWorker(QObject* parent) : CoalescingWorker(2, QThread::LowPriority, parent) {
    qRegisterMetaType<ui::AttentionPtr>("ui::AttentionPtr");
    qRegisterMetaType<ui::HeadStatsPtr>("ui::HeadStatsPtr");
    qRegisterMetaType<ui::AttentionViewPtr>("ui::AttentionViewPtr");
}

ModelViewWorker::~ModelViewWorker() { stop(); }

void ModelViewWorker::postOpen(quint64 id, std::function<ap::import::ReadResult()> read) {
    clearLane(kViewLane);
    post(kOpenLane, id, [this, read = std::move(read)](const Job& job) { openJob(job, read()); });
}

void ModelViewWorker::open(const QString& path, quint64 id) {
    postOpen(id, [path] { return ap::import::readAttentionFile(QFile::encodeName(path).toStdString()); });
}

void ModelViewWorker::show(AttentionPtr tensor, quint64 id) {
    postOpen(id, [tensor = std::move(tensor)] { return ap::import::ReadResult::success(tensor); });
}

void ModelViewWorker::requestView(const ap::analysis::AttentionChoice& choice, quint64 id) {
    // A rollout under way answers an older request: it is cancelled.
    post(kViewLane, id, [this, choice](const Job& job) { viewJob(job, choice); });
}

void ModelViewWorker::cancelGrid(quint64 fileId) {
    QMutexLocker lock(&mutex());
    if (fileId == fileId_) gridCancelled_ = true;
}

void ModelViewWorker::setColormap(Colormap::Kind kind) {
    {
        QMutexLocker lock(&mutex());
        if (colormap_.kind() == kind) return;
        colormap_ = Colormap(kind);
        recolour_ = true;
    }
    wake();
}

void ModelViewWorker::setColorScale(ColorScale scale) {
    {
        QMutexLocker lock(&mutex());
        if (colorScale_ == scale) return;
        colorScale_ = scale;
        recolour_ = true;
    }
    wake();
}

void ModelViewWorker::emitTile(quint64 fileId, int row, int column, ap::Matrix pooled, const Colormap& map,
                               ColorScale scale) {
    const QImage image = thumbnailImage(pooled, map, scale);
    if (keepTiles_) keptTiles_[std::size_t(row * (tensor_->heads + 2) + column)] = std::move(pooled);
    emit tileReady(fileId, row, column, image);
}

void ModelViewWorker::startGrid() {
    nextSlice_ = 0;
    gridCancelled_ = false;
    stats_.assign(std::size_t(tensor_->sliceCount()), {});
    layerMean_.assign(std::size_t(tensor_->layers), {});
    layerMax_.assign(std::size_t(tensor_->layers), {});
    headMean_.assign(std::size_t(tensor_->heads), {});
    headMax_.assign(std::size_t(tensor_->heads), {});
    const std::int64_t tiles = std::int64_t(tensor_->layers + 1) * (tensor_->heads + 2);
    const std::int64_t cells =
        std::int64_t(std::min(tensor_->queries, kThumbnailCells)) * std::min(tensor_->keys, kThumbnailCells);
    keepTiles_ = tiles * cells * std::int64_t(sizeof(float)) <= kKeptThumbnailBytes;
    keptTiles_.assign(keepTiles_ ? std::size_t(tiles) : 0, {});
}

void ModelViewWorker::recolourGrid() {
    Colormap map;
    ColorScale scale = ColorScale::Fixed;
    {
        QMutexLocker lock(&mutex());
        map = colormap_;
        scale = colorScale_;
    }
    if (!keepTiles_) {
        // Too many tiles to keep: read the slices again, in the new colours.
        QMutexLocker lock(&mutex());
        if (nextSlice_ > 0 && !gridCancelled_) startGrid();
        return;
    }
    const int columns = tensor_->heads + 2;
    for (std::size_t i = 0; i < keptTiles_.size(); ++i)
        if (keptTiles_[i].size() != 0)
            emit tileReady(fileId_, int(i) / columns, int(i) % columns, thumbnailImage(keptTiles_[i], map, scale));
}

void ModelViewWorker::thumbnailStep(const AttentionPtr& t, quint64 fileId, int index) {
    const int layer = index / t->heads, head = index % t->heads;
    ap::Matrix slice;
    const std::string err = t->slice(layer, head, slice).message;
    t->releaseSlice(layer, head);
    Colormap map;
    ColorScale scale = ColorScale::Fixed;
    {
        QMutexLocker lock(&mutex());
        map = colormap_;
        scale = colorScale_;
        if (!err.empty()) gridCancelled_ = true;
    }
    if (!err.empty()) {
        emit gridFailed(fileId, QString::fromStdString(err));
        return;
    }
    std::vector<bool> separators(std::size_t(t->keys), false);
    for (std::size_t j = 0; j < t->keyTokens.size(); ++j)
        separators[j] = ap::analysis::isSeparatorToken(t->keyTokens[j]);
    ap::analysis::HeadStats s = ap::analysis::headStats(slice, separators);
    s.layer = layer;
    s.head = head;
    stats_[std::size_t(index)] = s;
    const ap::Matrix pooled = maxPool(slice, kThumbnailCells);
    emitTile(fileId, layer, head, pooled, map, scale);
    // Aggregate tiles combine the pooled tiles: exact for the maximum, and
    // for the mean an upper bound of the pooled mean (the large view is exact).
    const auto accumulate = [&](ap::Matrix& mean, ap::Matrix& max, bool first) {
        if (first) {
            mean = pooled;
            max = pooled;
        } else {
            mean += pooled;
            max = max.cwiseMax(pooled);
        }
    };
    accumulate(layerMean_[std::size_t(layer)], layerMax_[std::size_t(layer)], head == 0);
    accumulate(headMean_[std::size_t(head)], headMax_[std::size_t(head)], layer == 0);
    accumulate(allMean_, allMax_, index == 0);
    if (head == t->heads - 1) {
        emitTile(fileId, layer, t->heads, layerMean_[std::size_t(layer)] / float(t->heads), map, scale);
        emitTile(fileId, layer, t->heads + 1, std::move(layerMax_[std::size_t(layer)]), map, scale);
        layerMean_[std::size_t(layer)].resize(0, 0);
        layerMax_[std::size_t(layer)].resize(0, 0);
    }
    const int total = int(t->sliceCount());
    emit gridProgress(fileId, index + 1, total);
    if (index + 1 == total) {
        for (int h = 0; h < t->heads; ++h)
            emitTile(fileId, t->layers, h, headMean_[std::size_t(h)] / float(t->layers), map, scale);
        emitTile(fileId, t->layers, t->heads, allMean_ / float(total), map, scale);
        emitTile(fileId, t->layers, t->heads + 1, allMax_, map, scale);
        emit statsReady(fileId, std::make_shared<const std::vector<ap::analysis::HeadStats>>(stats_));
        headMean_.clear();
        headMax_.clear();
    }
}

bool ModelViewWorker::idleWorkDue() const {
    return tensor_ && (recolour_ || (!gridCancelled_ && nextSlice_ < int(tensor_->sliceCount())));
}

void ModelViewWorker::idleStep() {
    bool recolour = false;
    {
        QMutexLocker lock(&mutex());
        recolour = recolour_;
        recolour_ = false;
    }
    if (recolour)
        recolourGrid();
    else
        thumbnailStep(tensor_, fileId_, nextSlice_++);
}

void ModelViewWorker::openJob(const Job& job, const ap::import::ReadResult& r) {
    if (!r.ok) {
        deliver(job, [&] { emit openFailed(job.id(), QString::fromStdString(r.error)); });
        return;
    }
    {
        QMutexLocker lock(&mutex());
        tensor_ = r.value;
        fileId_ = job.id();
        recolour_ = false;
        startGrid();
    }
    deliver(job, [&] { emit opened(job.id(), r.value); });
}

void ModelViewWorker::viewJob(const Job& job, const ap::analysis::AttentionChoice& choice) {
    if (!tensor_) return;
    ap::Matrix values;
    const std::string err = ap::analysis::attentionMatrix(*tensor_, choice, values, job.cancelFlag()).message;
    if (!err.empty()) {
        deliver(job, [&] { emit viewFailed(job.id(), QString::fromStdString(err)); });
        return;
    }
    if (values.size() == 0) return;  // cancelled by a newer request
    auto data = std::make_shared<HeatmapData>(heatmapFromAttention(*tensor_, choice, std::move(values)));
    Colormap map;
    ColorScale scale = ColorScale::Fixed;
    {
        QMutexLocker lock(&mutex());
        map = colormap_;
        scale = colorScale_;
    }
    applyColorScale(*data, scale);
    data->cellImage = heatmapCellImage(*data, map);
    deliver(job, [&] { emit viewReady(job.id(), std::move(data)); });
}

}  // namespace ui
