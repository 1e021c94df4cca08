#include "attention_worker.h"

#include "heatmap_renderer.h"

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
    // Two results in rotation: the GUI may still hold the previous one, and a
    // buffer the GUI has released is reused without new allocations.
    std::shared_ptr<ap::AttentionResult> buffers[2] = {std::make_shared<ap::AttentionResult>(),
                                                       std::make_shared<ap::AttentionResult>()};
    for (;;) {
        ScenePtr scene;
        quint64 id = 0;
        ViewSpec view;
        {
            QMutexLocker lock(&mutex_);
            while (!pending_ && !abort_)
                condition_.wait(&mutex_);
            if (abort_)
                return;
            scene = std::move(pending_);
            pending_.reset();
            id = pendingId_;
            view = pendingView_;
            cancel_ = false;
        }
        std::shared_ptr<ap::AttentionResult> out;
        for (auto& b : buffers)
            if (b.use_count() == 1) { out = b; break; }
        if (!out)
            out = std::make_shared<ap::AttentionResult>();
        ap::AttentionOptions options;
        options.cancel = &cancel_;
        const ap::Status status = ap::computeAttention(*scene, options, *out);
        if (status.cancelled)
            continue;  // a newer request is pending
        if (!status.ok) {
            emit failed(id, QString::fromStdString(status.message));
        } else {
            auto heatmap = std::make_shared<HeatmapData>(heatmapFromResult(*scene, *out, view.head, view.quantity));
            heatmap->cellImage = heatmapCellImage(*heatmap, Colormap(view.colormap));
            emit resultReady(id, scene, out, view, std::move(heatmap));
        }
        // Keep the newest buffer in rotation for the next request.
        if (out != buffers[0] && out != buffers[1])
            buffers[1] = out;
        std::swap(buffers[0], buffers[1]);
    }
}

}  // namespace ui
