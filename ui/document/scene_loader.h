// Reads scene files on a worker thread, so that opening a big file never
// blocks the window. Each load carries an id; cancel() or a newer load makes
// the window stop waiting at once, and the dropped load's result is freed on
// its own thread when the reader returns. The destructor joins every thread.
#pragma once

#include "core/scene.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace ui {

class SceneLoader : public QObject {
    Q_OBJECT
public:
    explicit SceneLoader(QObject* parent = nullptr);
    ~SceneLoader() override;

    // Starts reading `path`; a load under way is dropped. Returns the id the
    // signals will carry.
    quint64 load(const QString& path);
    // Stops waiting for the load under way; emits nothing more for it.
    void cancel();
    bool isLoading() const { return loading_; }
    QString currentPath() const { return path_; }

signals:
    void loaded(quint64 id, const QString& path, std::shared_ptr<ap::Scene> scene);
    void failed(quint64 id, const QString& path, const QString& message);

private:
    void reap();

    // The newest load's id, shared with the reader threads so that a dropped
    // load is recognised where it finishes.
    std::shared_ptr<std::atomic<quint64>> current_ = std::make_shared<std::atomic<quint64>>(0);
    bool loading_ = false;
    QString path_;
    std::vector<QThread*> threads_;
};

}  // namespace ui
