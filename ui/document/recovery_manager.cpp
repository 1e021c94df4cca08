#include "document/recovery_manager.h"

#include "concurrent/coalescing_worker.h"
#include "document/scene_document.h"
#include "document/scene_file.h"
#include "io/scene_io.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace ui {
namespace {

// scene-<pid>.json holds the scene, scene-<pid>.origin the path it was
// opened from (UTF-8), scene-<pid>.lock the owner's QLockFile.
QString baseName(qint64 pid) { return QStringLiteral("scene-%1").arg(pid); }

QString withSuffix(const QString& sceneFile, const char* suffix) {
    QString base = sceneFile;
    base.chop(int(qstrlen(".json")));
    return base + QLatin1String(suffix);
}

void removeFiles(const QString& sceneFile) {
    QFile::remove(sceneFile);
    QFile::remove(withSuffix(sceneFile, ".origin"));
}

}  // namespace

QString RecoveryManager::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

RecoveryManager::RecoveryManager(SceneDocument* document, const QString& directory, QObject* parent)
    : QObject(parent), document_(document), directory_(directory) {
    QDir().mkpath(directory_);
    lock_ = std::make_unique<QLockFile>(withSuffix(recoveryFile(), ".lock"));
    lock_->setStaleLockTime(0);
    lock_->tryLock(0);
    timer_ = new QTimer(this);
    timer_->setSingleShot(true);
    timer_->setInterval(kDefaultDelayMs);
    connect(timer_, &QTimer::timeout, this, &RecoveryManager::writeNow);
    writer_ = std::make_unique<PlainCoalescingWorker>(1, QThread::LowPriority);
    writer_->setObjectName(QStringLiteral("RecoveryWriter"));
    connect(document_, &SceneDocument::sceneChanged, this, &RecoveryManager::onChange);
    connect(document_, &SceneDocument::modifiedChanged, this, &RecoveryManager::onChange);
}

RecoveryManager::~RecoveryManager() {
    timer_->stop();
    // A write under way finishes first (work not started is dropped); then
    // the file goes, here, so that a clean exit leaves nothing behind.
    writer_->stop();
    removeFiles(recoveryFile());
}

void RecoveryManager::setDelay(int ms) { timer_->setInterval(ms); }

QString RecoveryManager::recoveryFile() const {
    return QDir(directory_).filePath(baseName(QCoreApplication::applicationPid()) + QStringLiteral(".json"));
}

void RecoveryManager::onChange() {
    if (!document_->isModified()) {
        timer_->stop();
        removeNow();
        return;
    }
    // Not restarted by each edit: during a long run of edits the file is
    // still written every delay.
    if (!timer_->isActive()) timer_->start();
}

void RecoveryManager::flush() {
    if (document_->isModified()) writeNow();
}

void RecoveryManager::writeNow() {
    timer_->stop();
    if (!document_->isModified()) return;
    std::shared_ptr<const ap::Scene> scene = document_->snapshot();
    const QString origin = document_->filePath();
    const QString file = recoveryFile();
    fileExists_ = true;
    // One lane, let finish: a later removal waits for an earlier write and
    // never races it, and a write not started yet gives way to a newer
    // write or a removal, which makes it moot.
    writer_->post(
        0, ++lastPost_,
        [this, scene = std::move(scene), origin, file](const PlainCoalescingWorker::Job&) mutable {
            QString error = writeFileAtomically(withSuffix(file, ".origin"), origin.toStdString());
            if (error.isEmpty()) error = writeSceneFile(file, *scene);
            scene.reset();  // a big scene is freed here, not on the GUI thread
            QMetaObject::invokeMethod(
                this, [this, error] { emit written(error); }, Qt::QueuedConnection);
        },
        PlainCoalescingWorker::Running::LetFinish);
}

void RecoveryManager::removeNow() {
    if (!fileExists_) return;
    fileExists_ = false;
    writer_->post(
        0, ++lastPost_,
        [this, file = recoveryFile()](const PlainCoalescingWorker::Job&) {
            removeFiles(file);
            QMetaObject::invokeMethod(
                this, [this] { emit removed(); }, Qt::QueuedConnection);
        },
        PlainCoalescingWorker::Running::LetFinish);
}

std::vector<RecoveryManager::Orphan> RecoveryManager::orphans() const {
    std::vector<Orphan> found;
    const QDir dir(directory_);
    const QString own = QFileInfo(recoveryFile()).fileName();
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("scene-*.json")}, QDir::Files, QDir::Time);
    for (const QFileInfo& info : files) {
        if (info.fileName() == own) continue;
        auto lock = std::make_shared<QLockFile>(withSuffix(info.filePath(), ".lock"));
        // Only a dead owner makes a lock stale, never its age: a running
        // window keeps its lock however long it runs.
        lock->setStaleLockTime(0);
        if (!lock->tryLock(0)) continue;
        Orphan o;
        o.sceneFile = info.filePath();
        QFile origin(withSuffix(info.filePath(), ".origin"));
        if (origin.open(QIODevice::ReadOnly)) o.originalPath = QString::fromUtf8(origin.readAll());
        o.written = info.lastModified();
        o.lock = std::move(lock);
        found.push_back(std::move(o));
    }
    return found;
}

QString RecoveryManager::restore(const Orphan& orphan) {
    ap::SceneReadResult read = readSceneFile(orphan.sceneFile);
    if (!read.ok) return QString::fromStdString(read.error);
    document_->resetScene(std::move(read.value), orphan.originalPath);
    // Unsaved: the recovered changes still have to be saved.
    document_->undoStack()->resetClean();
    discard(orphan);
    return {};
}

void RecoveryManager::discard(const Orphan& orphan) {
    removeFiles(orphan.sceneFile);
    // The lock file goes when the last holder of the Orphan lets go.
}

}  // namespace ui
