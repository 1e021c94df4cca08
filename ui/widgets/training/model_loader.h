// Reads translation model files on a thread of their own, so that a big or
// hostile file never freezes the window (the reader cannot be interrupted).
// As SceneLoader does for scenes: each load carries an id, cancel() or a
// newer load makes the window stop waiting at once, a dropped load's model
// is freed on its own thread, and the destructor joins every thread.
#pragma once

#include "translation/model_file.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace ui {

class ModelLoader : public QObject {
    Q_OBJECT
public:
    explicit ModelLoader(QObject* parent = nullptr);
    ~ModelLoader() override;

    // Starts reading `path`; a load under way is dropped.
    void load(const QString& path);
    // Stops waiting for the load under way; emits nothing more for it.
    void cancel();
    bool isLoading() const { return loading_; }
    QString currentPath() const { return path_; }

signals:
    // The reader's result: ok with the model, or the reader's message.
    void finished(const QString& path, std::shared_ptr<ap::ModelReadResult> result);

private:
    void reap();

    std::shared_ptr<std::atomic<quint64>> current_ = std::make_shared<std::atomic<quint64>>(0);
    bool loading_ = false;
    QString path_;
    std::vector<QThread*> threads_;
};

}  // namespace ui
