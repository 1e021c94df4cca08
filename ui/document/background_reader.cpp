#include "document/background_reader.h"

#include "concurrent/coalescing_worker.h"

namespace ui {

BackgroundReader::BackgroundReader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<void>>("std::shared_ptr<void>");
}

// The workers' destructors join them: a reader cannot be interrupted, so
// they wait for it rather than leave a thread writing into freed memory.
BackgroundReader::~BackgroundReader() = default;

quint64 BackgroundReader::load(const QString& path, Read read) {
    retireBusyWorker();
    reap();
    const quint64 id = ++lastId_;
    loading_ = true;
    path_ = path;
    if (!worker_) {
        worker_ = std::make_unique<PlainCoalescingWorker>(1, QThread::LowPriority);
        worker_->setObjectName(QStringLiteral("BackgroundReader"));
    }
    // The workers are joined before the reader goes, so `this` outlives the
    // work; a queued call left behind is dropped with the reader.
    worker_->post(0, id, [this, id, path, read = std::move(read)](const PlainCoalescingWorker::Job& job) {
        std::shared_ptr<void> result = read(path);
        // A dropped load's result is freed here, off the GUI thread.
        PlainCoalescingWorker::deliver(job, [&] {
            QMetaObject::invokeMethod(
                this,
                [this, id, path, result] {
                    if (id != lastId_ || !loading_) return;
                    loading_ = false;
                    emit finished(id, path, result);
                },
                Qt::QueuedConnection);
        });
    });
    return id;
}

void BackgroundReader::cancel() {
    loading_ = false;
    ++lastId_;
    if (worker_) worker_->clearLane(0);
    retireBusyWorker();
    reap();
}

void BackgroundReader::retireBusyWorker() {
    if (!worker_ || !worker_->isWorking()) return;
    worker_->clearLane(0);
    retired_.push_back(std::move(worker_));
}

void BackgroundReader::reap() {
    // An idle worker's destructor joins at once.
    std::erase_if(retired_, [](const std::unique_ptr<PlainCoalescingWorker>& w) { return !w->isWorking(); });
}

}  // namespace ui
