// Runs the engine off the GUI thread, after Qt's mandelbrot example
// (renderthread.cpp): requests coalesce so only the newest is computed, a
// newer request cancels the computation under way, each result carries the
// id of the request it answers, and the destructor stops and joins the thread.
#pragma once

#include "attention.h"
#include "scene.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <memory>

namespace ui {

using ScenePtr = std::shared_ptr<const ap::Scene>;
using ResultPtr = std::shared_ptr<const ap::AttentionResult>;

class AttentionWorker : public QThread {
    Q_OBJECT
public:
    explicit AttentionWorker(QObject* parent = nullptr);
    ~AttentionWorker() override;

    // Never blocks on a computation: it only swaps the pending request.
    void request(ScenePtr scene, quint64 id);

signals:
    void resultReady(quint64 id, ui::ScenePtr scene, ui::ResultPtr result);
    void failed(quint64 id, const QString& message);

protected:
    void run() override;

private:
    QMutex mutex_;
    QWaitCondition condition_;
    ScenePtr pending_;
    quint64 pendingId_ = 0;
    bool abort_ = false;
    std::atomic<bool> cancel_{false};
};

}  // namespace ui
