// Crash recovery, with a real process that is killed, a RecoveryManager
// driven directly, and the window's Restore / Discard offer.
#include "document/recovery_manager.h"
#include "document/scene_document.h"
#include "io/scene_io.h"
#include "widgets/playground/main_window.h"
#include "isolated_settings.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace ui;

namespace {

const QString kScene = QStringLiteral(AP_RESOURCES_DIR "/scenes/padded-batch.json");

ap::Scene readScene(const QString& path) {
    ap::SceneReadResult read = ap::readSceneFile(QFile::encodeName(path).toStdString());
    if (!read.ok) qWarning("%s", read.error.c_str());
    return read.value;
}

// Puts a recovery file as a killed process leaves it: scene and origin,
// and no live lock.
QString plantOrphan(const QString& dir, qint64 pid, const QString& origin) {
    QDir().mkpath(dir);
    const QString scene = QDir(dir).filePath(QStringLiteral("scene-%1.json").arg(pid));
    ap::Scene s = readScene(kScene);
    s.temperature = 3.25f;
    QFile f(scene);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(QByteArray::fromStdString(ap::sceneToJson(s)));
    f.close();
    QFile o(QDir(dir).filePath(QStringLiteral("scene-%1.origin").arg(pid)));
    if (!o.open(QIODevice::WriteOnly)) return {};
    o.write(origin.toUtf8());
    return scene;
}

}  // namespace

class TestRecovery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        isolateSettings();
        QCoreApplication::setApplicationName(QStringLiteral("test_recovery"));
        QDir(RecoveryManager::defaultDirectory()).removeRecursively();
    }
    void killedProcessLeavesARestorableScene();
    void saveUndoAndCleanExitRemoveTheFile();
    void windowOffersRestore();
    void windowDiscards();
};

void TestRecovery::killedProcessLeavesARestorableScene() {
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString scenePath = home.filePath(QStringLiteral("scene.json"));
    QVERIFY(QFile::copy(kScene, scenePath));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("AP_TEST_SET_TEMPERATURE"), QStringLiteral("2.5"));
    QProcess app;
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(AP_APP_EXECUTABLE), {scenePath});
    QVERIFY(app.waitForStarted());
    // AppDataLocation is XDG_DATA_HOME/<organization>/<application>.
    const QString dir = home.filePath(QStringLiteral("data/attention-playground/attention-playground/recovery"));
    const QString file = QDir(dir).filePath(QStringLiteral("scene-%1.json").arg(app.processId()));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 30000);
    // QSaveFile renames a complete file into place: it parses at once.
    const ap::Scene saved = readScene(file);
    const ap::Scene original = readScene(kScene);
    QCOMPARE(saved.temperature, 2.5f);
    QVERIFY(saved.queries == original.queries);
    QVERIFY(saved.keyTokens == original.keyTokens);

    // A running window's file is not an orphan: its lock is held.
    {
        SceneDocument doc;
        RecoveryManager probe(&doc, dir);
        QVERIFY(probe.orphans().empty());
    }

    app.kill();
    QVERIFY(app.waitForFinished());
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);
    QVERIFY(QFile::exists(file));

    // The next start offers it, and restoring brings the unsaved scene back.
    SceneDocument doc;
    RecoveryManager next(&doc, dir);
    std::vector<RecoveryManager::Orphan> orphans = next.orphans();
    QCOMPARE(orphans.size(), size_t(1));
    QCOMPARE(orphans[0].sceneFile, file);
    QCOMPARE(orphans[0].originalPath, scenePath);
    // Offered to one new process only.
    {
        SceneDocument other;
        RecoveryManager second(&other, dir);
        QVERIFY(second.orphans().empty());
    }
    QCOMPARE(next.restore(orphans[0]), QString());
    QCOMPARE(doc.scene().temperature, 2.5f);
    QVERIFY(doc.scene().queries == original.queries);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.filePath(), scenePath);
    QVERIFY(!QFile::exists(file));
    orphans.clear();
    QVERIFY(next.orphans().empty());
}

void TestRecovery::saveUndoAndCleanExitRemoveTheFile() {
    QTemporaryDir dir;
    SceneDocument doc;
    auto* manager = new RecoveryManager(&doc, dir.filePath(QStringLiteral("recovery")));
    manager->setDelay(20);
    const QString file = manager->recoveryFile();
    QVERIFY(!QFile::exists(file));
    QSignalSpy written(manager, &RecoveryManager::written);

    // An edit is written after the delay.
    QVERIFY(doc.setTemperature(4.0f));
    QTRY_VERIFY(QFile::exists(file));
    QTRY_VERIFY(!written.isEmpty());
    QCOMPARE(written.takeFirst().at(0).toString(), QString());
    QCOMPARE(readScene(file).temperature, 4.0f);
    // Undoing back to the saved state removes it.
    doc.undoStack()->undo();
    QVERIFY(!doc.isModified());
    QTRY_VERIFY(!QFile::exists(file));
    // Saving removes it.
    QVERIFY(doc.setTemperature(5.0f));
    QTRY_VERIFY(QFile::exists(file));
    QVERIFY(doc.save(dir.filePath(QStringLiteral("saved.json"))));
    QTRY_VERIFY(!QFile::exists(file));
    // Later edits are written again, the newest one last.
    QVERIFY(doc.setTemperature(6.0f));
    QVERIFY(doc.setTemperature(7.0f));
    QTRY_VERIFY(QFile::exists(file) && readScene(file).temperature == 7.0f);
    // A clean exit removes it.
    delete manager;
    QVERIFY(!QFile::exists(file));
    QVERIFY(!QFile::exists(
        dir.filePath(QStringLiteral("recovery/scene-%1.origin").arg(QCoreApplication::applicationPid()))));
}

// Clicks `which` on the recovery question the window shows.
static bool answerRecovery(MainWindow& w, QMessageBox::ButtonRole which) {
    QMessageBox* box = nullptr;
    for (int i = 0; i < 200 && !box; ++i) {
        box = w.findChild<QMessageBox*>(QStringLiteral("recoveryQuestion"));
        if (!box || !box->isVisible()) {
            box = nullptr;
            QTest::qWait(10);
        }
    }
    if (!box) return false;
    for (QAbstractButton* b : box->buttons()) {
        if (box->buttonRole(b) == which) {
            b->click();
            return true;
        }
    }
    return false;
}

void TestRecovery::windowOffersRestore() {
    const QString origin = QStringLiteral("/somewhere/scene.json");
    const QString orphan = plantOrphan(RecoveryManager::defaultDirectory(), 999999901, origin);
    QVERIFY(!orphan.isEmpty());
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.document()->isModified());
    w.offerRecovery();
    QVERIFY(answerRecovery(w, QMessageBox::AcceptRole));
    QCOMPARE(w.scene().temperature, 3.25f);
    QVERIFY(w.document()->isModified());
    QCOMPARE(w.document()->filePath(), origin);
    QVERIFY(!QFile::exists(orphan));
    w.document()->undoStack()->setClean();  // nothing to ask on close
}

void TestRecovery::windowDiscards() {
    const QString orphan = plantOrphan(RecoveryManager::defaultDirectory(), 999999902, QString());
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const float before = w.scene().temperature;
    w.offerRecovery();
    QVERIFY(answerRecovery(w, QMessageBox::DestructiveRole));
    QCOMPARE(w.scene().temperature, before);
    QVERIFY(!w.document()->isModified());
    QVERIFY(!QFile::exists(orphan));
}

QTEST_MAIN(TestRecovery)
#include "test_recovery.moc"
