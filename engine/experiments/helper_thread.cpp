#include "experiments/helper_thread.h"

namespace ap {

HelperThread::HelperThread() : thread_([this] { loop(); }) {}

HelperThread::~HelperThread() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void HelperThread::runPair(const std::function<void()>& helper, const std::function<void()>& own) {
    {
        std::lock_guard lock(mutex_);
        task_ = &helper;
        finished_ = false;
    }
    wake_.notify_one();
    own();
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return finished_; });
}

void HelperThread::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return quit_ || task_ != nullptr; });
        if (quit_) return;
        const std::function<void()>* task = task_;
        task_ = nullptr;
        lock.unlock();
        (*task)();
        lock.lock();
        finished_ = true;
        done_.notify_one();
    }
}

}  // namespace ap
