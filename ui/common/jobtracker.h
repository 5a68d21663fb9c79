// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <type_traits>
#include <utility>

namespace linklab {

// Runs one kind of work off the GUI thread and hands the result back on the tracker's thread.
//
// Starting a job makes the result of any earlier job stale: it is dropped, never delivered,
// so a slow first parse cannot overwrite a newer reload (generation counter). The hand-back
// goes through a QFutureWatcher that is a child of this tracker, so if the tracker (or the
// object owning it) is destroyed first, the connection dies with it and the result is dropped:
// the worker never touches a QObject, which a QPointer check from the worker thread could not
// make safe against a deletion racing on the GUI thread.
//
// The job must not capture the tracker or any QObject: it gets copies of what it needs.
//
// Two kinds of job:
// - startJob(job, done): `job()` returns one value, handed to `done`. It cannot be interrupted; cancel() drops
//   its result (and a job still queued never starts).
// - startStaged<R>(job, stage, done): `job(QPromise<R> &)` adds results as it goes (the header of a file, then
//   its symbols; a graph, then its layout), each handed to `stage` as it arrives; it reports progress with
//   promise.setProgressRange/setProgressValueAndText (re-emitted as progress()), and watches
//   promise.isCanceled(), which cancel() and a newer job set, to stop early. `done` runs once all results are in.
class JobTracker : public QObject
{
    Q_OBJECT
public:
    explicit JobTracker(QObject *parent = nullptr)
        : QObject(parent)
    {
    }

    ~JobTracker() override { cancel(); }

    template<typename Job, typename Done>
    void startJob(Job &&job, Done &&done)
    {
        using Result = std::invoke_result_t<std::decay_t<Job>>;
        cancel();
        const quint64 generation = ++m_generation;
        m_running = generation;
        auto *watcher = new QFutureWatcher<Result>(this);
        connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, done = std::forward<Done>(done)]() mutable {
                watcher->deleteLater();
                if (generation != m_running || watcher->future().isCanceled())
                    return; // stale: a newer job was started or this one was cancelled
                m_running = 0;
                m_cancel = nullptr;
                done(watcher->future().takeResult());
                Q_EMIT finished();
            });
        m_cancel = [guard = QPointer(watcher)] {
            if (guard)
                guard->future().cancel();
        };
        watcher->setFuture(QtConcurrent::run(pool(), std::forward<Job>(job)));
        Q_EMIT started();
    }

    template<typename R, typename Job, typename Stage, typename Done>
    void startStaged(Job &&job, Stage &&stage, Done &&done)
    {
        cancel();
        const quint64 generation = ++m_generation;
        m_running = generation;
        auto *watcher = new QFutureWatcher<R>(this);
        connect(watcher, &QFutureWatcherBase::resultsReadyAt, this,
            [this, watcher, generation, stage = std::forward<Stage>(stage)](int begin, int end) mutable {
                if (generation != m_running)
                    return;
                for (int i = begin; i < end; ++i)
                    stage(watcher->future().resultAt(i));
            });
        connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, watcher, generation](int value) {
            if (generation == m_running)
                Q_EMIT progress(value, watcher->progressMaximum(), watcher->progressText());
        });
        connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, done = std::forward<Done>(done)]() mutable {
                watcher->deleteLater();
                if (generation != m_running || watcher->future().isCanceled())
                    return;
                m_running = 0;
                m_cancel = nullptr;
                done();
                Q_EMIT finished();
            });
        m_cancel = [guard = QPointer(watcher)] {
            if (guard)
                guard->future().cancel(); // the job sees promise.isCanceled() and stops
        };
        watcher->setFuture(
            QtConcurrent::run(pool(), [job = std::forward<Job>(job)](QPromise<R> &promise) mutable { job(promise); }));
        Q_EMIT started();
    }

    // Drop the running job's result. A job still queued in the thread pool does not start at all;
    // one already running finishes in the background (a parse cannot be interrupted) and is ignored.
    // A staged job also sees the cancellation (promise.isCanceled()) and can stop early.
    void cancel()
    {
        if (!m_running)
            return;
        m_running = 0;
        if (m_cancel)
            m_cancel();
        m_cancel = nullptr;
        Q_EMIT cancelled();
    }

    // All jobs share one pool of at most two threads: a parse of a big library holds ~650 MB and cannot be
    // interrupted, so pressing F5 repeatedly or dropping twenty libraries must queue work, not run it all at once.
    static QThreadPool *pool()
    {
        // Owned by the application, whose destruction waits for a parse still running (as for Qt's global pool).
        static QThreadPool *shared = [] {
            auto *p = new QThreadPool(QCoreApplication::instance());
            p->setMaxThreadCount(2);
            return p;
        }();
        return shared;
    }

    bool isRunning() const { return m_running != 0; }
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void started();
    void finished(); // after the done callback of the current job ran
    void cancelled(); // cancel() (or a newer job) dropped the running one
    // A staged job's progress: `value` of `maximum` (0 and 0 when it cannot tell), and what it is doing.
    void progress(int value, int maximum, const QString &text);

private:
    quint64 m_generation = 0;
    quint64 m_running = 0; // generation of the job whose result is awaited, 0 when idle
    std::function<void()> m_cancel;
};

} // namespace linklab
