// The coalescing worker's contract, with jobs the test holds at will:
// requests posted while a job runs coalesce into the newest, a result that
// answers a replaced request never arrives, every answer carries its
// request's id, the job under way sees the cancel flag a newer request
// raises, lanes are served in order, and the destructor joins a running job.
// Also the document layer's file reader built on it: a read that cannot be
// interrupted never holds up the next load.
#include "concurrent/coalescing_worker.h"
#include "document/background_reader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

using ui::CoalescingWorker;

namespace {

// A worker whose work the test writes: each job records that it ran, may
// block on `gate` (after releasing `started`), and answers id * 10 + lane.
class ProbeWorker : public CoalescingWorker {
    Q_OBJECT
public:
    using Body = std::function<void(const Job& job)>;
    using CoalescingWorker::Running;

    explicit ProbeWorker(int lanes = 1) : CoalescingWorker(lanes, QThread::InheritPriority, nullptr) {}
    ~ProbeWorker() override { stop(); }

    void request(quint64 id, int lane = 0, Body body = {}, Running running = Running::Cancel) {
        post(
            lane, id,
            [this, lane, body = std::move(body)](const Job& job) {
                {
                    QMutexLocker lock(&ranMutex_);
                    ran_.push_back(job.id());
                }
                if (body) body(job);
                deliver(job, [&] { emit answered(job.id(), qint64(job.id()) * 10 + lane); });
            },
            running);
    }
    void clear(int lane, Running running = Running::LetFinish) { clearLane(lane, running); }

    std::vector<quint64> ran() const {
        QMutexLocker lock(&ranMutex_);
        return ran_;
    }

signals:
    void answered(quint64 id, qint64 value);

private:
    mutable QMutex ranMutex_;
    std::vector<quint64> ran_;
};

// The answers as the GUI thread receives them (queued, as a window does),
// received even after the worker is gone.
struct Answers {
    QObject receiver;
    std::vector<std::pair<quint64, qint64>> list;
    explicit Answers(ProbeWorker& w) {
        QObject::connect(
            &w, &ProbeWorker::answered, &receiver, [this](quint64 id, qint64 value) { list.emplace_back(id, value); },
            Qt::QueuedConnection);
    }
};

// A job that holds the thread until the test opens the gate.
ProbeWorker::Body holdUntil(QSemaphore& started, QSemaphore& gate) {
    return [&started, &gate](const CoalescingWorker::Job&) {
        started.release();
        gate.acquire();
    };
}

}  // namespace

class TestCoalescingWorker : public QObject {
    Q_OBJECT
private slots:
    void requestsWhileBusyCoalesceIntoTheNewest();
    void anAnswerCarriesItsRequestsId();
    void aNewerRequestRaisesTheCancelFlag();
    void letFinishLeavesTheRunningJobAlone();
    void lanesAreServedInOrderAndClearedLanesDropTheirJob();
    void destructorJoinsARunningJob();
    void clearingWithCancelStopsTheRunningJob();
    void aReadLeftBehindDoesNotHoldUpTheNextLoad();
};

void TestCoalescingWorker::requestsWhileBusyCoalesceIntoTheNewest() {
    ProbeWorker w;
    Answers answers(w);
    QSemaphore started, gate;
    w.request(1, 0, holdUntil(started, gate));
    QVERIFY(started.tryAcquire(1, 10000));
    for (quint64 id = 2; id <= 100; ++id) w.request(id);
    gate.release();
    QTRY_COMPARE(answers.list.size(), std::size_t(1));
    // Job 1 ran to its end but answered a replaced request: dropped. Of
    // 2..100 only the newest was ever started.
    QCOMPARE(w.ran(), (std::vector<quint64>{1, 100}));
    QCOMPARE(answers.list.front().first, quint64(100));
    QTest::qWait(50);
    QCOMPARE(answers.list.size(), std::size_t(1));
}

void TestCoalescingWorker::anAnswerCarriesItsRequestsId() {
    ProbeWorker w;
    Answers answers(w);
    // One at a time, each answered before the next is posted: none stale.
    for (quint64 id : {7, 3, 42}) {
        const std::size_t before = answers.list.size();
        w.request(id);
        QTRY_COMPARE(answers.list.size(), before + 1);
        QCOMPARE(answers.list.back().first, id);
        QCOMPARE(answers.list.back().second, qint64(id) * 10);
    }
}

void TestCoalescingWorker::aNewerRequestRaisesTheCancelFlag() {
    ProbeWorker w;
    Answers answers(w);
    QSemaphore started;
    std::atomic<bool> sawCancel{false}, secondStartedCancelled{true};
    w.request(1, 0, [&](const CoalescingWorker::Job& job) {
        started.release();
        QElapsedTimer t;
        t.start();
        while (!job.cancelled() && t.elapsed() < 10000) QThread::msleep(1);
        sawCancel = job.cancelled() && job.cancelFlag()->load();
    });
    QVERIFY(started.tryAcquire(1, 10000));
    w.request(2, 0, [&](const CoalescingWorker::Job& job) { secondStartedCancelled = job.cancelled(); });
    QTRY_COMPARE(answers.list.size(), std::size_t(1));
    QVERIFY(sawCancel);
    QVERIFY(!secondStartedCancelled);  // a job starts with the flag down
    QCOMPARE(answers.list.front().first, quint64(2));
}

void TestCoalescingWorker::letFinishLeavesTheRunningJobAlone() {
    ProbeWorker w(2);
    Answers answers(w);
    QSemaphore started, gate;
    std::atomic<bool> cancelledAtEnd{true};
    w.request(1, 0, [&](const CoalescingWorker::Job& job) {
        started.release();
        gate.acquire();
        cancelledAtEnd = job.cancelled();
    });
    QVERIFY(started.tryAcquire(1, 10000));
    w.request(2, 1, {}, ProbeWorker::Running::LetFinish);
    gate.release();
    QTRY_COMPARE(answers.list.size(), std::size_t(2));
    QVERIFY(!cancelledAtEnd);
    // Another lane's request does not make lane 0's job stale.
    QCOMPARE(answers.list[0], (std::pair<quint64, qint64>{1, 10}));
    QCOMPARE(answers.list[1], (std::pair<quint64, qint64>{2, 21}));
}

void TestCoalescingWorker::lanesAreServedInOrderAndClearedLanesDropTheirJob() {
    ProbeWorker w(3);
    Answers answers(w);
    QSemaphore started, gate;
    w.request(1, 2, holdUntil(started, gate));
    QVERIFY(started.tryAcquire(1, 10000));
    w.request(2, 2);
    w.request(3, 1);
    w.request(4, 0);
    w.clear(2);  // forgets request 2; the answer to 1 is stale already
    gate.release();
    QTRY_COMPARE(answers.list.size(), std::size_t(2));
    QCOMPARE(w.ran(), (std::vector<quint64>{1, 4, 3}));
    QCOMPARE(answers.list[0].first, quint64(4));
    QCOMPARE(answers.list[1].first, quint64(3));
}

void TestCoalescingWorker::destructorJoinsARunningJob() {
    auto* w = new ProbeWorker;
    Answers answers(*w);
    QSemaphore started;
    std::atomic<bool> finished{false};
    w->request(1, 0, [&](const CoalescingWorker::Job& job) {
        started.release();
        QElapsedTimer t;
        t.start();
        while (!job.cancelled() && t.elapsed() < 10000) QThread::msleep(1);
        QThread::msleep(50);  // still busy after the flag: the join must wait
        finished = true;
    });
    QVERIFY(started.tryAcquire(1, 10000));
    QElapsedTimer t;
    t.start();
    delete w;
    QVERIFY(finished);
    QVERIFY(t.elapsed() < 5000);  // the cancel flag ended the job, not its timeout
    QCoreApplication::processEvents();
    QVERIFY(answers.list.empty());  // a stopping worker answers nothing
}

void TestCoalescingWorker::clearingWithCancelStopsTheRunningJob() {
    ProbeWorker w;
    Answers answers(w);
    QSemaphore started, gate;
    std::atomic<bool> sawCancel{false};
    QVERIFY(!w.isWorking());
    w.request(1, 0, [&](const CoalescingWorker::Job& job) {
        started.release();
        gate.acquire();
        sawCancel = job.cancelled();
    });
    QVERIFY(started.tryAcquire(1, 10000));
    QVERIFY(w.isWorking());
    w.clear(0, ProbeWorker::Running::Cancel);
    gate.release();
    QTRY_VERIFY(!w.isWorking());
    QVERIFY(sawCancel);
    QTest::qWait(20);
    QVERIFY(answers.list.empty());  // a cleared lane's job answers nothing
}

void TestCoalescingWorker::aReadLeftBehindDoesNotHoldUpTheNextLoad() {
    ui::BackgroundReader reader;
    QSignalSpy finished(&reader, &ui::BackgroundReader::finished);
    QSemaphore started, gate;
    // Opened whatever happens, before the reader joins its workers.
    const auto open = qScopeGuard([&] { gate.release(); });
    reader.load(QStringLiteral("stuck"), [&](const QString&) {
        started.release();
        gate.acquire();
        return std::shared_ptr<void>(std::make_shared<int>(1));
    });
    QVERIFY(started.tryAcquire(1, 10000));
    const quint64 id = reader.load(QStringLiteral("next"),
                                   [](const QString&) { return std::shared_ptr<void>(std::make_shared<int>(2)); });
    QVERIFY(reader.isLoading());
    // Answered while the first read still blocks its worker.
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished[0][0].value<quint64>(), id);
    QCOMPARE(finished[0][1].toString(), QStringLiteral("next"));
    QCOMPARE(*std::static_pointer_cast<int>(finished[0][2].value<std::shared_ptr<void>>()), 2);
    QVERIFY(!reader.isLoading());
    gate.release();
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);  // the dropped read never arrives
}

QTEST_GUILESS_MAIN(TestCoalescingWorker)
#include "test_coalescing_worker.moc"
