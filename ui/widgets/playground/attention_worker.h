// Runs the engine off the GUI thread on a CoalescingWorker: only the newest
// scene is computed, a newer one cancels the computation under way, and each
// result carries the id of the request it answers.
#pragma once

#include "attention/attention.h"
#include "render/colormap.h"
#include "render/head_grid_renderer.h"
#include "render/heatmap_data.h"
#include "core/scene.h"
#include "concurrent/coalescing_worker.h"

#include <memory>
#include <vector>

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

class AttentionWorker : public CoalescingWorker {
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
    void threadStarted() override;
    void threadFinishing() override;

private:
    void compute(const Job& job, const ScenePtr& scene, const ViewSpec& view);

    // Results are reused once the GUI has let go of them (worker thread only).
    std::vector<std::shared_ptr<ap::AttentionResult>> pool_;
};

}  // namespace ui
