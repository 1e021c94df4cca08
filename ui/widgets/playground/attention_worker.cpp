#include "widgets/playground/attention_worker.h"

#include "render/heatmap_renderer.h"

#include <QMutexLocker>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ui {

AttentionWorker::AttentionWorker(QObject* parent) : QThread(parent) {
    qRegisterMetaType<ui::ScenePtr>("ui::ScenePtr");
    qRegisterMetaType<ui::ResultPtr>("ui::ResultPtr");
    qRegisterMetaType<ui::ViewSpec>("ui::ViewSpec");
    qRegisterMetaType<ui::HeatmapPtr>("ui::HeatmapPtr");
}

AttentionWorker::~AttentionWorker() {
    {
        QMutexLocker lock(&mutex_);
        abort_ = true;
        cancel_ = true;
        condition_.wakeOne();
    }
    wait();
}

void AttentionWorker::request(ScenePtr scene, quint64 id, ViewSpec view) {
    QMutexLocker lock(&mutex_);
    pending_ = std::move(scene);
    pendingId_ = id;
    pendingView_ = view;
    // The computation under way answers an older request: stop it early.
    cancel_ = true;
    if (!isRunning())
        start(QThread::LowPriority);
    else
        condition_.wakeOne();
}

void AttentionWorker::run() {
    // The GUI thread must win every contest for a core: on Linux, nice is per
    // thread, and the engine's OpenMP threads, made from this one, inherit
    // it. The engine still uses every core while the GUI is idle.
#ifdef __linux__
    setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
#endif
    // Results are reused once the GUI has let go of them, so a steady stream
    // of edits allocates nothing. A buffer is never dropped here: the last
    // reference to 2 x heads x Lq x Lk floats must not be released on the GUI
    // thread, where freeing hundreds of megabytes would stall a repaint.
    std::vector<std::shared_ptr<ap::AttentionResult>> pool;
    for (;;) {
        ScenePtr scene;
        quint64 id = 0;
        ViewSpec view;
        {
            QMutexLocker lock(&mutex_);
            while (!pending_ && !abort_) condition_.wait(&mutex_);
            if (abort_) return;
            scene = std::move(pending_);
            pending_.reset();
            id = pendingId_;
            view = pendingView_;
            cancel_ = false;
        }
        std::shared_ptr<ap::AttentionResult> out;
        for (auto& b : pool)
            if (b.use_count() == 1) {
                out = b;
                break;
            }
        if (!out) {
            out = std::make_shared<ap::AttentionResult>();
            pool.push_back(out);
        }
        // Other idle buffers are freed here, on this thread: a buffer made
        // while the GUI still held a result must not double the memory for
        // good.
        std::erase_if(pool, [&](const auto& b) { return b != out && b.use_count() == 1; });
        ap::AttentionOptions options;
        options.cancel = &cancel_;
        const ap::Status status = ap::computeAttention(*scene, options, *out);
        if (status.cancelled) continue;  // a newer request is pending
        if (!status.ok) {
            emit failed(id, QString::fromStdString(status.message));
        } else {
            auto views = std::make_shared<PreparedViews>();
            views->heatmap = heatmapFromResult(*scene, *out, view.head, view.quantity);
            applyColorScale(views->heatmap, view.colorScale);
            views->heatmap.cellImage = heatmapCellImage(views->heatmap, Colormap(view.colormap));
            if (out->heads.size() > 1) {
                views->tiles = headTilesFromResult(*scene, *out, view.quantity);
                applyColorScale(views->tiles, view.colorScale);
            }
            emit resultReady(id, scene, out, view, std::move(views));
        }
    }
}

}  // namespace ui
