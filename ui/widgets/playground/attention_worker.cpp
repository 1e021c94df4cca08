#include "widgets/playground/attention_worker.h"

#include "render/heatmap_renderer.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ui {

AttentionWorker::AttentionWorker(QObject* parent) : CoalescingWorker(1, QThread::LowPriority, parent) {
    qRegisterMetaType<ui::ScenePtr>("ui::ScenePtr");
    qRegisterMetaType<ui::ResultPtr>("ui::ResultPtr");
    qRegisterMetaType<ui::ViewSpec>("ui::ViewSpec");
    qRegisterMetaType<ui::HeatmapPtr>("ui::HeatmapPtr");
}

AttentionWorker::~AttentionWorker() { stop(); }

void AttentionWorker::request(ScenePtr scene, quint64 id, ViewSpec view) {
    post(0, id, [this, scene = std::move(scene), view](const Job& job) { compute(job, scene, view); });
}

void AttentionWorker::threadStarted() {
    // The GUI thread must win every contest for a core: on Linux, nice is per
    // thread, and the engine's OpenMP threads, made from this one, inherit
    // it. The engine still uses every core while the GUI is idle.
#ifdef __linux__
    setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
#endif
}

void AttentionWorker::threadFinishing() { pool_.clear(); }

void AttentionWorker::compute(const Job& job, const ScenePtr& scene, const ViewSpec& view) {
    // Results are reused once the GUI has let go of them, so a steady stream
    // of edits allocates nothing. A buffer the GUI still holds is never
    // dropped from the pool: the last reference to 2 x heads x Lq x Lk
    // floats must not be released on the GUI thread, where freeing hundreds
    // of megabytes would stall a repaint.
    std::shared_ptr<ap::AttentionResult> out;
    for (auto& b : pool_)
        if (b.use_count() == 1) {
            out = b;
            break;
        }
    if (!out) {
        out = std::make_shared<ap::AttentionResult>();
        pool_.push_back(out);
    }
    // Other idle buffers are freed here, on this thread: a buffer made
    // while the GUI still held a result must not double the memory for
    // good.
    std::erase_if(pool_, [&](const auto& b) { return b != out && b.use_count() == 1; });
    ap::AttentionOptions options;
    options.cancel = job.cancelFlag();
    const ap::Status status = ap::computeAttention(*scene, options, *out);
    if (status.cancelled) return;  // a newer request is pending
    if (!status.ok) {
        deliver(job, [&] { emit failed(job.id(), QString::fromStdString(status.message)); });
        return;
    }
    auto views = std::make_shared<PreparedViews>();
    views->heatmap = heatmapFromResult(*scene, *out, view.head, view.quantity);
    applyColorScale(views->heatmap, view.colorScale);
    views->heatmap.cellImage = heatmapCellImage(views->heatmap, Colormap(view.colormap));
    if (out->heads.size() > 1) {
        views->tiles = headTilesFromResult(*scene, *out, view.quantity);
        applyColorScale(views->tiles, view.colorScale);
    }
    deliver(job, [&] { emit resultReady(job.id(), scene, out, view, std::move(views)); });
}

}  // namespace ui
