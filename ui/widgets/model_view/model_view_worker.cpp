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
    colormap_ = Colormap(kind);
}

void ModelViewWorker::setColorScale(ColorScale scale) {
    QMutexLocker lock(&mutex_);
    colorScale_ = scale;
}

QImage ModelViewWorker::colour(const ap::Matrix& m, const Colormap& map) {
    QImage image(int(m.cols()), int(m.rows()), QImage::Format_RGB32);
    for (int i = 0; i < image.height(); ++i) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(i));
        for (int j = 0; j < image.width(); ++j) line[j] = map.rgbAt(double(m(i, j)));
    }
    return image;
}

void ModelViewWorker::thumbnailStep(const AttentionPtr& t, quint64 fileId, int index) {
    const int layer = index / t->heads, head = index % t->heads;
    ap::Matrix slice;
    const std::string err = t->slice(layer, head, slice);
    t->releaseSlice(layer, head);
    Colormap map;
    {
        QMutexLocker lock(&mutex_);
        map = colormap_;
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
    emit tileReady(fileId, layer, head, colour(pooled, map));
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
        emit tileReady(fileId, layer, t->heads, colour(layerMean_[std::size_t(layer)] / float(t->heads), map));
        emit tileReady(fileId, layer, t->heads + 1, colour(layerMax_[std::size_t(layer)], map));
        layerMean_[std::size_t(layer)].resize(0, 0);
        layerMax_[std::size_t(layer)].resize(0, 0);
    }
    const int total = int(t->sliceCount());
    emit gridProgress(fileId, index + 1, total);
    if (index + 1 == total) {
        for (int h = 0; h < t->heads; ++h)
            emit tileReady(fileId, t->layers, h, colour(headMean_[std::size_t(h)] / float(t->layers), map));
        emit tileReady(fileId, t->layers, t->heads, colour(allMean_ / float(total), map));
        emit tileReady(fileId, t->layers, t->heads + 1, colour(allMax_, map));
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
            while (!abort_ && !pendingOpen_ && !pendingTensor_ && !pendingView_ && !gridWork())
                condition_.wait(&mutex_);
            if (abort_) return;
            openPath = std::move(pendingOpen_);
            pendingOpen_.reset();
            given = std::move(pendingTensor_);
            pendingTensor_.reset();
            openId = pendingOpenId_;
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
                r.ok = true;
                r.tensor = std::move(given);
            } else {
                r = ap::import::readAttentionFile(QFile::encodeName(*openPath).toStdString());
            }
            QMutexLocker lock(&mutex_);
            if (!r.ok) {
                lock.unlock();
                emit openFailed(openId, QString::fromStdString(r.error));
                continue;
            }
            tensor_ = r.tensor;
            fileId_ = openId;
            nextSlice_ = 0;
            gridCancelled_ = false;
            stats_.assign(std::size_t(tensor_->sliceCount()), {});
            layerMean_.assign(std::size_t(tensor_->layers), {});
            layerMax_.assign(std::size_t(tensor_->layers), {});
            headMean_.assign(std::size_t(tensor_->heads), {});
            headMax_.assign(std::size_t(tensor_->heads), {});
            lock.unlock();
            emit opened(openId, r.tensor);
            continue;
        }
        if (view) {
            if (!tensor_) continue;
            ap::Matrix values;
            const std::string err = ap::analysis::attentionMatrix(*tensor_, *view, values, &cancelView_);
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
