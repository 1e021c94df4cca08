#include "concurrent/coalescing_worker.h"

#include <QMutexLocker>

namespace ui {

bool CoalescingWorker::Job::isCurrent() const {
    QMutexLocker lock(&worker_->mutex_);
    return !worker_->abort_ && worker_->lanes_[std::size_t(lane_)].generation == generation_;
}

bool CoalescingWorker::isWorking() const {
    QMutexLocker lock(&mutex_);
    return working_;
}

CoalescingWorker::CoalescingWorker(int lanes, QThread::Priority priority, QObject* parent)
    : QThread(parent), lanes_(std::size_t(lanes)), priority_(priority) {}

CoalescingWorker::~CoalescingWorker() { stop(); }

void CoalescingWorker::stop() {
    {
        QMutexLocker lock(&mutex_);
        if (stopped_) return;
        stopped_ = true;
        abort_ = true;
        cancel_ = true;
        condition_.wakeOne();
    }
    wait();
}

void CoalescingWorker::post(int lane, quint64 id, Work work, Running running) {
    QMutexLocker lock(&mutex_);
    if (abort_) return;
    Lane& l = lanes_[std::size_t(lane)];
    l.work = std::move(work);
    l.id = id;
    ++l.generation;
    if (running == Running::Cancel) cancel_ = true;
    if (!isRunning())
        start(priority_);
    else
        condition_.wakeOne();
}

void CoalescingWorker::clearLane(int lane, Running running) {
    QMutexLocker lock(&mutex_);
    Lane& l = lanes_[std::size_t(lane)];
    l.work = nullptr;
    ++l.generation;
    if (running == Running::Cancel) cancel_ = true;
}

void CoalescingWorker::deliver(const Job& job, const std::function<void()>& send) {
    // Emitting outside the lock: a direct connection may post again. A
    // request posted between the check and the emit is caught by the
    // receiver, which compares ids anyway.
    if (job.isCurrent()) send();
}

void CoalescingWorker::wake() {
    QMutexLocker lock(&mutex_);
    if (isRunning()) condition_.wakeOne();
}

void CoalescingWorker::run() {
    threadStarted();
    for (;;) {
        Work work;
        Job job;
        {
            QMutexLocker lock(&mutex_);
            const auto pending = [&]() -> Lane* {
                for (Lane& l : lanes_)
                    if (l.work) return &l;
                return nullptr;
            };
            while (!abort_ && !pending() && !idleWorkDue()) condition_.wait(&mutex_);
            if (abort_) break;
            if (Lane* l = pending()) {
                work = std::move(l->work);
                l->work = nullptr;
                job.worker_ = this;
                job.cancel_ = &cancel_;
                job.id_ = l->id;
                job.generation_ = l->generation;
                job.lane_ = int(l - lanes_.data());
                cancel_ = false;
                working_ = true;
            }
        }
        if (work) {
            work(job);
            QMutexLocker lock(&mutex_);
            working_ = false;
        } else {
            idleStep();
        }
    }
    threadFinishing();
}

}  // namespace ui
