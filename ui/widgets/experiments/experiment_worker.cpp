#include "widgets/experiments/experiment_worker.h"

#include <QMutexLocker>

namespace ui {

ExperimentWorker::ExperimentWorker(QObject* parent) : QThread(parent) {}

ExperimentWorker::~ExperimentWorker() {
    {
        QMutexLocker lock(&mutex_);
        abort_ = true;
        cancel_ = true;
        condition_.wakeAll();
    }
    wait();
}

quint64 ExperimentWorker::startJob(Job job) {
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

void ExperimentWorker::pause() {
    QMutexLocker lock(&mutex_);
    if (busy_) paused_ = true;
}

void ExperimentWorker::resume() {
    QMutexLocker lock(&mutex_);
    paused_ = false;
    condition_.wakeAll();
}

void ExperimentWorker::stop() {
    QMutexLocker lock(&mutex_);
    cancel_ = true;
    stopPending_ = bool(pending_);  // a run not picked up yet would clear cancel_
    paused_ = false;
    condition_.wakeAll();
}

bool ExperimentWorker::isRunningJob() const {
    QMutexLocker lock(&mutex_);
    return busy_;
}

bool ExperimentWorker::isPaused() const {
    QMutexLocker lock(&mutex_);
    return busy_ && paused_;
}

void ExperimentWorker::waitWhilePaused() {
    QMutexLocker lock(&mutex_);
    while (paused_ && !cancel_ && !abort_) condition_.wait(&mutex_);
}

void ExperimentWorker::reportProgress(int done, int total, double loss) {
    if (done < total && sinceProgress_.isValid() && sinceProgress_.elapsed() < kProgressMs) return;
    sinceProgress_.start();
    emit progress(currentId_, done, total, loss);
}

void ExperimentWorker::reportSnapshot(const QVariant& snapshot) { emit this->snapshot(currentId_, snapshot); }

void ExperimentWorker::reportFailure(const QString& message) { emit failed(currentId_, message); }

void ExperimentWorker::run() {
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
