#include "concurrent/job_worker.h"

#include <QMutexLocker>

namespace ui {

JobWorker::JobWorker(QObject* parent) : QThread(parent) {}

JobWorker::~JobWorker() {
    {
        QMutexLocker lock(&mutex_);
        abort_ = true;
        cancel_ = true;
        condition_.wakeAll();
    }
    wait();
}

quint64 JobWorker::startJob(Job job) {
    QMutexLocker lock(&mutex_);
    pending_ = std::move(job);
    pendingId_ = ++lastId_;
    paused_ = false;
    stopPending_ = false;
    busy_ = true;
    cancel_ = true;  // a run under way gives way to the new one
    if (!isRunning())
        QThread::start(QThread::LowPriority);
    else
        condition_.wakeAll();
    return pendingId_;
}

void JobWorker::pause() {
    QMutexLocker lock(&mutex_);
    if (busy_) paused_ = true;
}

void JobWorker::resume() {
    QMutexLocker lock(&mutex_);
    paused_ = false;
    condition_.wakeAll();
}

void JobWorker::stop() {
    QMutexLocker lock(&mutex_);
    cancel_ = true;
    stopPending_ = bool(pending_);  // a run not picked up yet would clear cancel_
    paused_ = false;
    condition_.wakeAll();
}

bool JobWorker::isRunningJob() const {
    QMutexLocker lock(&mutex_);
    return busy_;
}

bool JobWorker::isPaused() const {
    QMutexLocker lock(&mutex_);
    return busy_ && paused_;
}

void JobWorker::waitWhilePaused() {
    QMutexLocker lock(&mutex_);
    while (paused_ && !cancel_ && !abort_) condition_.wait(&mutex_);
}

void JobWorker::reportProgress(int done, int total, double loss) {
    if (done < total && sinceProgress_.isValid() && sinceProgress_.elapsed() < kProgressMs) return;
    sinceProgress_.start();
    emit progress(currentId_, done, total, loss);
}

void JobWorker::reportSnapshot(const QVariant& snapshot) { emit this->snapshot(currentId_, snapshot); }

void JobWorker::reportFailure(const QString& message) { emit failed(currentId_, message); }

void JobWorker::run() {
    for (;;) {
        Job job;
        {
            QMutexLocker lock(&mutex_);
            while (!pending_ && !abort_) condition_.wait(&mutex_);
            if (abort_) return;
            job = std::move(pending_);
            pending_ = nullptr;
            currentId_ = pendingId_;
            cancel_ = stopPending_;
            stopPending_ = false;
        }
        sinceProgress_.invalidate();
        const bool completed = job(*this);
        const quint64 id = currentId_;
        {
            QMutexLocker lock(&mutex_);
            if (!pending_) {  // a startJob() meanwhile keeps its run marked as due
                busy_ = false;
                paused_ = false;
            }
        }
        emit runFinished(id, completed);
    }
}

}  // namespace ui
