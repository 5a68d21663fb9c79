// SPDX-License-Identifier: MIT
#include "common/jobtracker.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QThreadPool>

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

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"
