// SPDX-License-Identifier: MIT
#include "common/jobtracker.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <memory>

using linklab::JobTracker;

namespace {
// Run everything the pool still has, then deliver what the workers posted back to this thread.
void drainPool()
{
    JobTracker::pool()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}
} // namespace

class TestJobTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deliversOnOwnerThread();
    void newerJobMakesOlderStale();
    void cancelDropsResult();
    void destroyedTrackerDropsResult();
    void stagedDeliversEachStageAndProgress();
    void cancelReachesStagedJob();
};

void TestJobTracker::initTestCase()
{
    // The stale-result test blocks one worker while another runs: the tracker's pool has two.
    QCOMPARE(JobTracker::pool()->maxThreadCount(), 2);
}

void TestJobTracker::deliversOnOwnerThread()
{
    JobTracker tracker;
    QSignalSpy finished(&tracker, &JobTracker::finished);
    QThread *doneThread = nullptr;
    QThread *jobThread = nullptr;
    int result = 0;
    auto jobThreadSlot = std::make_shared<QThread *>(nullptr);
    tracker.startJob(
        [jobThreadSlot] {
            *jobThreadSlot = QThread::currentThread();
            return 42;
        },
        [&](int value) {
            result = value;
            doneThread = QThread::currentThread();
        });
    QVERIFY(tracker.isRunning());
    QVERIFY(finished.wait());
    jobThread = *jobThreadSlot;
    QCOMPARE(result, 42);
    QCOMPARE(doneThread, QThread::currentThread());
    QVERIFY(jobThread != QThread::currentThread());
    QVERIFY(!tracker.isRunning());
}

void TestJobTracker::newerJobMakesOlderStale()
{
    JobTracker tracker;
    QSignalSpy finished(&tracker, &JobTracker::finished);
    QList<int> delivered;
    auto gate = std::make_shared<QSemaphore>();
    auto firstStarted = std::make_shared<QSemaphore>();
    tracker.startJob(
        [gate, firstStarted] {
            firstStarted->release();
            gate->acquire(); // hold the first (slow) job until the second one is done
            return 1;
        },
        [&](int value) { delivered.append(value); });
    firstStarted->acquire();
    tracker.startJob([] { return 2; }, [&](int value) { delivered.append(value); });
    QVERIFY(finished.wait());
    QCOMPARE(delivered, QList<int> {2});

    gate->release();
    drainPool();
    QCOMPARE(delivered, QList<int> {2});
    QCOMPARE(finished.size(), 1);
    QCOMPARE(tracker.generation(), quint64(2));
    QVERIFY(tracker.findChildren<QObject *>().isEmpty()); // watchers cleaned up
}

void TestJobTracker::cancelDropsResult()
{
    JobTracker tracker;
    bool delivered = false;
    auto gate = std::make_shared<QSemaphore>();
    tracker.startJob(
        [gate] {
            gate->acquire();
            return 1;
        },
        [&](int) { delivered = true; });
    tracker.cancel();
    QVERIFY(!tracker.isRunning());
    gate->release();
    drainPool();
    QVERIFY(!delivered);
}

void TestJobTracker::destroyedTrackerDropsResult()
{
    bool delivered = false;
    auto gate = std::make_shared<QSemaphore>();
    {
        JobTracker tracker;
        tracker.startJob(
            [gate] {
                gate->acquire();
                return 1;
            },
            [&](int) { delivered = true; });
    }
    gate->release();
    drainPool();
    QVERIFY(!delivered);
}

void TestJobTracker::stagedDeliversEachStageAndProgress()
{
    // A staged job hands back each result as it is added (the header of a file, then its symbols), in order,
    // on the tracker's thread, with its progress re-emitted; `done` runs once, after the last stage.
    JobTracker tracker;
    QSignalSpy finished(&tracker, &JobTracker::finished);
    QSignalSpy progress(&tracker, &JobTracker::progress);
    QStringList stages;
    bool stagesOnOwnerThread = true;
    int doneAfter = -1;
    tracker.startStaged<QString>(
        [](QPromise<QString> &promise) {
            promise.setProgressRange(0, 3);
            for (int i = 1; i <= 3; ++i) {
                promise.addResult(QStringLiteral("stage %1").arg(i));
                promise.setProgressValueAndText(i, QStringLiteral("%1 of 3").arg(i));
            }
        },
        [&](const QString &stage) {
            stages.append(stage);
            stagesOnOwnerThread = stagesOnOwnerThread && QThread::currentThread() == thread();
        },
        [&] { doneAfter = int(stages.size()); });
    QVERIFY(finished.wait());
    QCOMPARE(stages, (QStringList {QStringLiteral("stage 1"), QStringLiteral("stage 2"), QStringLiteral("stage 3")}));
    QVERIFY(stagesOnOwnerThread);
    QCOMPARE(doneAfter, 3);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 3);
    QCOMPARE(progress.last().at(1).toInt(), 3);
    QCOMPARE(progress.last().at(2).toString(), QStringLiteral("3 of 3"));
    QVERIFY(!tracker.isRunning());
}

void TestJobTracker::cancelReachesStagedJob()
{
    // cancel() is seen by the running job (promise.isCanceled()), which stops early; nothing more is delivered.
    JobTracker tracker;
    QSignalSpy cancelled(&tracker, &JobTracker::cancelled);
    auto started = std::make_shared<QSemaphore>();
    auto stoppedAt = std::make_shared<std::atomic<int>>(-1);
    bool done = false;
    int stages = 0;
    tracker.startStaged<int>(
        [started, stoppedAt](QPromise<int> &promise) {
            started->release();
            for (int i = 0; i < 1'000'000'000; ++i) {
                if (promise.isCanceled()) {
                    stoppedAt->store(i);
                    return;
                }
                QThread::yieldCurrentThread();
            }
        },
        [&](int) { ++stages; }, [&] { done = true; });
    started->acquire();
    tracker.cancel();
    QCOMPARE(cancelled.size(), 1);
    drainPool(); // returns only because the job saw the cancellation
    QVERIFY(stoppedAt->load() >= 0);
    QVERIFY(!done);
    QCOMPARE(stages, 0);
    QVERIFY(!tracker.isRunning());
}

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"
