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

ModelViewWorker::ModelViewWorker(QObject* parent) : QThread(parent) {
    qRegisterMetaType<ui::AttentionPtr>("ui::AttentionPtr");
    qRegisterMetaType<ui::HeadStatsPtr>("ui::HeadStatsPtr");
    qRegisterMetaType<ui::AttentionViewPtr>("ui::AttentionViewPtr");
}

ModelViewWorker::~ModelViewWorker() {
    {
        QMutexLocker lock(&mutex_);
        abort_ = true;
        cancelView_ = true;
        condition_.wakeOne();
    }
    wait();
}

void ModelViewWorker::open(const QString& path, quint64 id) {
    QMutexLocker lock(&mutex_);
    pendingOpen_ = path;
    pendingTensor_.reset();
    pendingOpenId_ = id;
    pendingView_.reset();
    cancelView_ = true;
    if (!isRunning())
        start(QThread::LowPriority);
    else
        condition_.wakeOne();
}

void ModelViewWorker::show(AttentionPtr tensor, quint64 id) {
    QMutexLocker lock(&mutex_);
    pendingOpen_.reset();
    pendingTensor_ = std::move(tensor);
    pendingOpenId_ = id;
    pendingView_.reset();
    cancelView_ = true;
    if (!isRunning())
        start(QThread::LowPriority);
    else
        condition_.wakeOne();
}

void ModelViewWorker::requestView(const ap::analysis::AttentionChoice& choice, quint64 id) {
    QMutexLocker lock(&mutex_);
    pendingView_ = choice;
    pendingViewId_ = id;
    cancelView_ = true;  // a rollout under way answers an older request
    if (!isRunning())
        start(QThread::LowPriority);
    else
        condition_.wakeOne();
}

void ModelViewWorker::cancelGrid() {
    QMutexLocker lock(&mutex_);
    gridCancelled_ = true;
}

void ModelViewWorker::setColormap(Colormap::Kind kind) {
    QMutexLocker lock(&mutex_);
    if (colormap_.kind() == kind) return;
    colormap_ = Colormap(kind);
    recolour_ = true;
    condition_.wakeOne();
}

void ModelViewWorker::setColorScale(ColorScale scale) {
    QMutexLocker lock(&mutex_);
    if (colorScale_ == scale) return;
    colorScale_ = scale;
    recolour_ = true;
    if (isRunning()) condition_.wakeOne();
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
        QMutexLocker lock(&mutex_);
        map = colormap_;
        scale = colorScale_;
    }
    if (!keepTiles_) {
        // Too many tiles to keep: read the slices again, in the new colours.
        QMutexLocker lock(&mutex_);
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
        QMutexLocker lock(&mutex_);
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

void ModelViewWorker::run() {
    for (;;) {
        std::optional<QString> openPath;
        AttentionPtr given;
        quint64 openId = 0;
        std::optional<ap::analysis::AttentionChoice> view;
        quint64 viewId = 0;
        {
            QMutexLocker lock(&mutex_);
            const auto gridWork = [&] { return tensor_ && !gridCancelled_ && nextSlice_ < int(tensor_->sliceCount()); };
            const auto recolour = [&] { return recolour_ && tensor_; };
            while (!abort_ && !pendingOpen_ && !pendingTensor_ && !pendingView_ && !gridWork() && !recolour())
                condition_.wait(&mutex_);
            if (abort_) return;
            openPath = std::move(pendingOpen_);
            pendingOpen_.reset();
            given = std::move(pendingTensor_);
            pendingTensor_.reset();
            openId = pendingOpenId_;
            if (!openPath && !given && !pendingView_ && recolour()) {
                recolour_ = false;
                lock.unlock();
                recolourGrid();
                continue;
            }
            if (!openPath && !given) {
                view = pendingView_;
                pendingView_.reset();
                viewId = pendingViewId_;
            }
            cancelView_ = false;
        }
        if (openPath || given) {
            ap::import::ReadResult r;
            if (given) {
                r = ap::import::ReadResult::success(std::move(given));
            } else {
                r = ap::import::readAttentionFile(QFile::encodeName(*openPath).toStdString());
            }
            QMutexLocker lock(&mutex_);
            if (!r.ok) {
                lock.unlock();
                emit openFailed(openId, QString::fromStdString(r.error));
                continue;
            }
            tensor_ = r.value;
            fileId_ = openId;
            recolour_ = false;
            startGrid();
            lock.unlock();
            emit opened(openId, r.value);
            continue;
        }
        if (view) {
            if (!tensor_) continue;
            ap::Matrix values;
            const std::string err = ap::analysis::attentionMatrix(*tensor_, *view, values, &cancelView_).message;
            if (!err.empty()) {
                emit viewFailed(viewId, QString::fromStdString(err));
                continue;
            }
            if (values.size() == 0) continue;  // cancelled by a newer request
            auto data = std::make_shared<HeatmapData>(heatmapFromAttention(*tensor_, *view, std::move(values)));
            Colormap map;
            ColorScale scale = ColorScale::Fixed;
            {
                QMutexLocker lock(&mutex_);
                map = colormap_;
                scale = colorScale_;
            }
            applyColorScale(*data, scale);
            data->cellImage = heatmapCellImage(*data, map);
            emit viewReady(viewId, std::move(data));
            continue;
        }
        thumbnailStep(tensor_, fileId_, nextSlice_++);
    }
}

}  // namespace ui
