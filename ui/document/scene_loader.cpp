#include "document/scene_loader.h"

#include "document/scene_file.h"

#include <QThread>

namespace ui {

SceneLoader::SceneLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<ap::Scene>>("std::shared_ptr<ap::Scene>");
}

SceneLoader::~SceneLoader() {
    // A reader cannot be interrupted; wait for it rather than leave a thread
    // writing into freed memory.
    for (QThread* t : threads_) {
        t->wait();
        delete t;
    }
}

quint64 SceneLoader::load(const QString& path) {
    reap();
    const quint64 id = ++*current_;
    loading_ = true;
    path_ = path;
    // The destructor joins this thread before the loader goes, so `this`
    // outlives it; a queued call left behind is dropped with the loader.
    QThread* thread = QThread::create([this, current = current_, id, path] {
        auto read = std::make_shared<ap::SceneReadResult>(readSceneFile(path));
        if (current->load() != id)
            return;  // dropped: the scene is freed here, off the GUI thread
        QMetaObject::invokeMethod(
            this,
            [this, id, path, read] {
                if (id != current_->load() || !loading_)
                    return;
                loading_ = false;
                if (read->ok)
                    emit loaded(id, path, std::make_shared<ap::Scene>(std::move(read->value)));
                else
                    emit failed(id, path, QString::fromStdString(read->error));
            },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("SceneLoader"));
    threads_.push_back(thread);
    thread->start(QThread::LowPriority);
    return id;
}

void SceneLoader::cancel() {
    loading_ = false;
    ++*current_;
    reap();
}

void SceneLoader::reap() {
    for (auto it = threads_.begin(); it != threads_.end();) {
        if ((*it)->isFinished()) {
            delete *it;
            it = threads_.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace ui
