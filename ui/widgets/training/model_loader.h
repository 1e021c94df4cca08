// Reads translation model files on a BackgroundReader, so that a big or
// hostile file never freezes the window: cancel() or a newer load makes the
// window stop waiting at once, a dropped load's model is freed on its own
// thread, and the destructor joins every thread.
#pragma once

#include "translation/model_file.h"

#include <QObject>
#include <QString>

#include <memory>

namespace ui {

class BackgroundReader;

class ModelLoader : public QObject {
    Q_OBJECT
public:
    explicit ModelLoader(QObject* parent = nullptr);

    // Starts reading `path`; a load under way is dropped.
    void load(const QString& path);
    // Stops waiting for the load under way; emits nothing more for it.
    void cancel();
    bool isLoading() const;
    QString currentPath() const;

signals:
    // The reader's result: ok with the model, or the reader's message.
    void finished(const QString& path, std::shared_ptr<ap::ModelReadResult> result);

private:
    BackgroundReader* reader_ = nullptr;
};

}  // namespace ui
