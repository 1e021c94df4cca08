// Runs the engine off the GUI thread, after Qt's mandelbrot example
// (renderthread.cpp): requests coalesce so only the newest is computed, a
// newer request cancels the computation under way, each result carries the
// id of the request it answers, and the destructor stops and joins the thread.
#pragma once

#include "attention/attention.h"
#include "render/colormap.h"
#include "render/head_grid_renderer.h"
#include "render/heatmap_data.h"
#include "core/scene.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <memory>

namespace ui {

using ScenePtr = std::shared_ptr<const ap::Scene>;
using ResultPtr = std::shared_ptr<const ap::AttentionResult>;
// What the worker prepares for the views besides the result: the main
// heatmap and, with several heads, the grid's tiles. The receiver may move
// from it; the worker never touches it again.
struct PreparedViews {
    HeatmapData heatmap;
    std::vector<HeadTile> tiles;
};
using HeatmapPtr = std::shared_ptr<PreparedViews>;

// Which heatmap the window shows. The worker prepares it with the result
// (values, labels and the cell image), so that at thousands of tokens the
// GUI thread copies and colours nothing.
struct ViewSpec {
    HeadChoice head;
    HeatmapQuantity quantity = HeatmapQuantity::Weights;
    Colormap::Kind colormap = Colormap::Kind::Viridis;
    ColorScale colorScale = ColorScale::Fixed;
    bool operator==(const ViewSpec& o) const {
        return head.head == o.head.head && quantity == o.quantity && colormap == o.colormap &&
               colorScale == o.colorScale;
    }
};

class AttentionWorker : public QThread {
    Q_OBJECT
public:
    explicit AttentionWorker(QObject* parent = nullptr);
    ~AttentionWorker() override;

    // Never blocks on a computation: it only swaps the pending request.
    void request(ScenePtr scene, quint64 id, ViewSpec view = {});

signals:
    // `heatmap` holds the views asked for with the request.
    void resultReady(quint64 id, ui::ScenePtr scene, ui::ResultPtr result, ui::ViewSpec view, ui::HeatmapPtr heatmap);
    void failed(quint64 id, const QString& message);

protected:
    void run() override;

private:
    QMutex mutex_;
    QWaitCondition condition_;
    ScenePtr pending_;
    quint64 pendingId_ = 0;
    ViewSpec pendingView_;
    bool abort_ = false;
    std::atomic<bool> cancel_{false};
};

}  // namespace ui
