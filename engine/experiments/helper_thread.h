// One extra thread that runs a task while the caller runs another, then
// joins it: the two halves of every mini-batch. A condition variable (not
// an OpenMP barrier) hands the work over, so a waiting thread sleeps rather
// than spins; on a machine busy with other work, spinning threads would
// take the cores the other half needs.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace ap {

class HelperThread {
public:
    HelperThread();
    ~HelperThread();
    HelperThread(const HelperThread&) = delete;
    HelperThread& operator=(const HelperThread&) = delete;

    // Runs `helper` on the extra thread and `own` on this one; returns when
    // both are done.
    void runPair(const std::function<void()>& helper, const std::function<void()>& own);

private:
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_, done_;
    const std::function<void()>* task_ = nullptr;
    bool finished_ = false;
    bool quit_ = false;
    std::thread thread_;
};

}  // namespace ap
