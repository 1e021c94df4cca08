// Reads one file at a time off the GUI thread, so that opening a big or
// hostile file never blocks the window. Each load carries an id; cancel() or
// a newer load makes the window stop waiting at once, and a dropped load's
// result is freed on the worker when the reader returns. A reader cannot be
// interrupted, so a load that finds the worker still reading a dropped file
// gets a worker of its own rather than wait behind it. The destructor stops
// and joins every worker. SceneLoader and the translation window's model
// loader are built on it.
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace ui {

class PlainCoalescingWorker;

class BackgroundReader : public QObject {
    Q_OBJECT
public:
    // Runs on the worker; what it returns reaches finished().
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
    // Sets aside the current worker if it is still reading a dropped file.
    void retireBusyWorker();
    // Deletes the set-aside workers whose read has returned.
    void reap();

    quint64 lastId_ = 0;
    bool loading_ = false;
    QString path_;
    std::unique_ptr<PlainCoalescingWorker> worker_;
    std::vector<std::unique_ptr<PlainCoalescingWorker>> retired_;
};

}  // namespace ui
