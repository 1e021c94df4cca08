// Reads scene files on a BackgroundReader, so that opening a big file never
// blocks the window: each load carries an id, cancel() or a newer load makes
// the window stop waiting at once, and the destructor joins every thread.
#pragma once

#include "core/scene.h"

#include <QObject>
#include <QString>

#include <memory>

namespace ui {

class BackgroundReader;

class SceneLoader : public QObject {
    Q_OBJECT
public:
    explicit SceneLoader(QObject* parent = nullptr);

    // Starts reading `path`; a load under way is dropped. Returns the id the
    // signals will carry.
    quint64 load(const QString& path);
    // Stops waiting for the load under way; emits nothing more for it.
    void cancel();
    bool isLoading() const;
    QString currentPath() const;

signals:
    void loaded(quint64 id, const QString& path, std::shared_ptr<ap::Scene> scene);
    void failed(quint64 id, const QString& path, const QString& message);

private:
    BackgroundReader* reader_ = nullptr;
};

}  // namespace ui
