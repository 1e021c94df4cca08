#include "document/background_reader.h"

#include <QThread>

namespace ui {

BackgroundReader::BackgroundReader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<void>>("std::shared_ptr<void>");
}

BackgroundReader::~BackgroundReader() {
    // A reader cannot be interrupted; wait for it rather than leave a thread
    // writing into freed memory.
    for (QThread* t : threads_) {
        t->wait();
        delete t;
    }
}

quint64 BackgroundReader::load(const QString& path, Read read) {
    reap();
    const quint64 id = ++*current_;
    loading_ = true;
    path_ = path;
    // The destructor joins this thread before the reader object goes, so
    // `this` outlives it; a queued call left behind is dropped with it.
    QThread* thread = QThread::create([this, current = current_, id, path, read = std::move(read)] {
        std::shared_ptr<void> result = read(path);
        if (current->load() != id) return;  // dropped: the result is freed here, off the GUI thread
        QMetaObject::invokeMethod(
            this,
            [this, id, path, result] {
                if (id != current_->load() || !loading_) return;
                loading_ = false;
                emit finished(id, path, result);
            },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("BackgroundReader"));
    threads_.push_back(thread);
    thread->start(QThread::LowPriority);
    return id;
}

void BackgroundReader::cancel() {
    loading_ = false;
    ++*current_;
    reap();
}

void BackgroundReader::reap() {
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
