// The worker for interactive computations (the playground's attention, the
// model view, the model window's forward passes), after Qt's mandelbrot
// example (renderthread.cpp): the GUI thread posts a request and never
// waits; a newer request replaces one not started yet and asks the one under
// way to give up (through a cancel flag the engine polls); every answer
// carries the id of the request it answers, and an answer to a request that
// has been replaced meanwhile never leaves the worker. The destructor stops
// and joins the thread.
//
// Requests go to lanes: each lane holds at most one request not started,
// and lanes are served lowest first (a file to open before a view of it).
// Between requests a subclass may do background work one step at a time
// (idleWorkDue / idleStep), which any request overtakes.
#pragma once

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <vector>

namespace ui {

class CoalescingWorker : public QThread {
    Q_OBJECT
public:
    // One request as its work sees it, on the worker thread.
    class Job {
    public:
        quint64 id() const { return id_; }
        // Set once a newer request wants the thread or the worker stops:
        // hand it to the engine, or poll cancelled().
        const std::atomic<bool>* cancelFlag() const { return cancel_; }
        bool cancelled() const { return cancel_->load(); }
        // False once the job's lane has a newer request (or was cleared):
        // what the job computed answers a question nobody asks any more.
        bool isCurrent() const;

    private:
        friend class CoalescingWorker;
        const CoalescingWorker* worker_ = nullptr;
        const std::atomic<bool>* cancel_ = nullptr;
        quint64 id_ = 0;
        quint64 generation_ = 0;
        int lane_ = 0;
    };
    using Work = std::function<void(const Job& job)>;

    ~CoalescingWorker() override;

    // True while a job runs (set when it is taken, cleared when it returns).
    bool isWorking() const;

protected:
    enum class Running { Cancel, LetFinish };

    CoalescingWorker(int lanes, QThread::Priority priority, QObject* parent);

    // Queues `work` for request `id` in `lane`, replacing the lane's request
    // not started yet, and starts the thread if need be. Never blocks on a
    // computation. With Running::Cancel, the job under way is asked to stop.
    void post(int lane, quint64 id, Work work, Running running = Running::Cancel);
    // Forgets the lane's request not started yet; the lane's job under way,
    // if any, is no longer current (and with Running::Cancel is asked to
    // stop).
    void clearLane(int lane, Running running = Running::LetFinish);
    // Calls `send` (which emits the answer) only while `job` is current.
    static void deliver(const Job& job, const std::function<void()>& send);

    // Stops and joins the thread (at most once). A subclass whose work uses
    // its own members calls it first in its destructor, before they go.
    void stop();

    // Guards what the GUI thread and the idle work share; idleWorkDue() is
    // called with it held. Call wake() after changing such state.
    QMutex& mutex() const { return mutex_; }
    void wake();

    // Called on the worker thread when it starts and before it ends.
    virtual void threadStarted() {}
    virtual void threadFinishing() {}
    // Background work done between requests, one short step at a time.
    virtual bool idleWorkDue() const { return false; }
    virtual void idleStep() {}

private:
    void run() final;

    struct Lane {
        Work work;
        quint64 id = 0;
        quint64 generation = 0;  // counts the lane's posts and clears
    };

    mutable QMutex mutex_;
    QWaitCondition condition_;
    std::vector<Lane> lanes_;
    const QThread::Priority priority_;
    bool abort_ = false;
    bool stopped_ = false;
    bool working_ = false;
    std::atomic<bool> cancel_{false};
};

// A CoalescingWorker whose owner posts plain work: for owners that need no
// typed requests of their own (the document layer's file reader and its
// recovery writer).
class PlainCoalescingWorker final : public CoalescingWorker {
public:
    PlainCoalescingWorker(int lanes, QThread::Priority priority, QObject* parent = nullptr)
        : CoalescingWorker(lanes, priority, parent) {}

    using CoalescingWorker::clearLane;
    using CoalescingWorker::deliver;
    using CoalescingWorker::post;
    using CoalescingWorker::Running;
    using CoalescingWorker::stop;
};

}  // namespace ui
