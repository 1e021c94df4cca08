// Crash recovery for the open scene. A few seconds after the scene becomes
// modified, and again after further edits, the scene is written to a
// recovery file of this process (under QStandardPaths::AppDataLocation, in
// "recovery/"); the write runs on its own thread, so a big scene never
// stalls the window. Saving the scene, undoing back to the saved state,
// opening another one or destroying the manager (a clean exit) removes the
// file. A process that is killed leaves its file behind; the next start
// finds it through orphans() and offers it for restoring.
//
// Each process guards its file with a QLockFile. A file whose lock can be
// taken belongs to a process that is gone: an orphan. Taking the lock also
// keeps a second new process from offering the same orphan.
#pragma once

#include "core/scene.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QLockFile;
class QTimer;

namespace ui {

class PlainCoalescingWorker;
class SceneDocument;

class RecoveryManager : public QObject {
    Q_OBJECT
public:
    // The delay between an edit and the write that follows it.
    static constexpr int kDefaultDelayMs = 2000;

    // A recovery file left by a process that is gone.
    struct Orphan {
        QString sceneFile;     // the recovered scene
        QString originalPath;  // the file the scene was opened from, or ""
        QDateTime written;
        std::shared_ptr<QLockFile> lock;  // held while the orphan is offered
    };

    // AppDataLocation/recovery.
    static QString defaultDirectory();

    RecoveryManager(SceneDocument* document, const QString& directory = defaultDirectory(), QObject* parent = nullptr);
    // Removes this process's recovery file: destruction is a clean exit.
    ~RecoveryManager() override;

    void setDelay(int ms);
    QString directory() const { return directory_; }
    // This process's recovery file (it exists only while there are unsaved
    // changes).
    QString recoveryFile() const;

    // Recovery files of processes that are gone, newest first. Each is
    // locked for this process until restore() or discard() or the end of
    // the Orphan.
    std::vector<Orphan> orphans() const;
    // Loads the orphan into the document as an unsaved scene (its file path
    // is the one it was opened from) and removes the orphan's files.
    // Returns "" or a message.
    QString restore(const Orphan& orphan);
    static void discard(const Orphan& orphan);

    // Writes now instead of after the delay (for a test or before a risky
    // operation).
    void flush();

signals:
    // After each recovery write, with "" or the message of a failed write.
    void written(const QString& error);
    void removed();

private:
    void onChange();
    void writeNow();
    void removeNow();

    SceneDocument* document_;
    QString directory_;
    QTimer* timer_ = nullptr;
    // Writes and removals run on it one at a time, in the order posted.
    std::unique_ptr<PlainCoalescingWorker> writer_;
    quint64 lastPost_ = 0;
    std::unique_ptr<QLockFile> lock_;
    bool fileExists_ = false;
};

}  // namespace ui
