#include "widgets/training/model_loader.h"

#include <QFile>
#include <QThread>

namespace ui {

ModelLoader::ModelLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<ap::ModelReadResult>>("std::shared_ptr<ap::ModelReadResult>");
}

ModelLoader::~ModelLoader() {
    for (QThread* t : threads_) {
        t->wait();
        delete t;
    }
}

void ModelLoader::load(const QString& path) {
    reap();
    const quint64 id = ++*current_;
    loading_ = true;
    path_ = path;
    const std::string name = QFile::encodeName(path).toStdString();
    // The destructor joins this thread before the loader goes, so `this`
    // outlives it.
    QThread* thread = QThread::create([this, current = current_, id, path, name] {
        auto read = std::make_shared<ap::ModelReadResult>(ap::readModelFile(name));
        if (current->load() != id) return;  // dropped: the model is freed here
        QMetaObject::invokeMethod(
            this,
            [this, id, path, read] {
                if (id != current_->load() || !loading_) return;
                loading_ = false;
                emit finished(path, read);
            },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("ModelLoader"));
    threads_.push_back(thread);
    thread->start(QThread::LowPriority);
}

void ModelLoader::cancel() {
    loading_ = false;
    ++*current_;
    reap();
}

void ModelLoader::reap() {
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
