// The worker for long jobs that can be paused and stopped (training the
// translator, the experiments): one job at a time on its own thread, after
// Qt's mandelbrot example. The GUI only flips flags under a mutex and never
// waits for the engine. Every run has an id; what a run reports carries it,
// so a window drops what a run it has replaced still sends. The destructor
// stops and joins the thread.
#pragma once

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QVariant>
#include <QWaitCondition>

#include <atomic>
#include <functional>

namespace ui {

class JobWorker : public QThread {
    Q_OBJECT
public:
    // The work of one run, called on the worker thread. It passes
    // cancelFlag() to the engine, calls waitWhilePaused() and the report
    // functions from the engine's callbacks, and returns whether it ran to
    // the end.
    using Job = std::function<bool(JobWorker& worker)>;

    explicit JobWorker(QObject* parent = nullptr);
    ~JobWorker() override;

    // Queues a run and returns its id. A run under way is cancelled first,
    // so runs never overlap.
    quint64 startJob(Job job);
    // Pause holds the run at its next batch; stop ends it there (and ends a
    // pause).
    void pause();
    void resume();
    void stop();
    bool isRunningJob() const;
    bool isPaused() const;

    // For the job, on the worker thread.
    const std::atomic<bool>* cancelFlag() const { return &cancel_; }
    void waitWhilePaused();
    // Progress is passed on at most every kProgressMs (and always for the
    // last batch), so a fast run does not flood the GUI's event queue.
    void reportProgress(int done, int total, double loss);
    void reportSnapshot(const QVariant& snapshot);
    void reportFailure(const QString& message);

    static constexpr int kProgressMs = 30;

signals:
    void progress(quint64 run, int done, int total, double loss);
    void snapshot(quint64 run, const QVariant& data);
    void failed(quint64 run, const QString& message);
    // Every startJob() ends in exactly one runFinished.
    void runFinished(quint64 run, bool completed);

protected:
    void run() override;

private:
    mutable QMutex mutex_;
    QWaitCondition condition_;
    Job pending_;
    quint64 pendingId_ = 0;
    quint64 lastId_ = 0;
    std::atomic<quint64> currentId_{0};
    bool abort_ = false;
    bool paused_ = false;
    bool stopPending_ = false;
    bool busy_ = false;
    std::atomic<bool> cancel_{false};
    QElapsedTimer sinceProgress_;
};

}  // namespace ui
