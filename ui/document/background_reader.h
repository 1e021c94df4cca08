// Reads one file at a time on a thread of its own, so that opening a big or
// hostile file never blocks the window (a reader cannot be interrupted).
// Each load carries an id; cancel() or a newer load makes the window stop
// waiting at once, and a dropped load's result is freed on its own thread
// when the reader returns. The destructor joins every thread. SceneLoader
// and the translation window's model loader are built on it.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace ui {

class BackgroundReader : public QObject {
    Q_OBJECT
public:
    // Runs on the reader's thread; what it returns reaches finished().
    using Read = std::function<std::shared_ptr<void>(const QString& path)>;

    explicit BackgroundReader(QObject* parent = nullptr);
    ~BackgroundReader() override;

    // Starts reading `path`; a load under way is dropped. Returns the id
    // finished() will carry.
    quint64 load(const QString& path, Read read);
    // Stops waiting for the load under way; emits nothing more for it.
    void cancel();
    bool isLoading() const { return loading_; }
    QString currentPath() const { return path_; }

signals:
    // The newest load's result (never a dropped one's).
    void finished(quint64 id, const QString& path, std::shared_ptr<void> result);

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
