// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildlog.h"
#include "builder/buildresult.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QVector>

class QProcess;

namespace linklab {

// Runs build steps: one QProcess per command, parallel steps up to `jobs` at once, every other step after all
// steps before it. A step whose output is up to date (newer than its inputs and the headers in its -MMD
// file, made by the same argv) is skipped. On a failure no new step starts, the running ones finish, and
// temporary files are removed, so the last good artifact stays. cancel() kills every child process group
// (the compiler driver and the cc1/as/ld it started). Everything is asynchronous: use the signals.
class BuildRunner : public QObject
{
    Q_OBJECT
public:
    explicit BuildRunner(QObject *parent = nullptr);
    ~BuildRunner() override; // kills what is still running

    // Starts the steps; `jobs` <= 0 means one per core. Returns false (and does nothing) while running.
    bool start(const QList<BuildStep> &steps, int jobs = 0);
    void cancel();
    bool isRunning() const { return m_running; }
    const BuildResult &result() const { return m_result; }
    // The pids of the child processes running now (each leads its own process group).
    QList<qint64> runningPids() const;

Q_SIGNALS:
    void stepStarted(int index, const QString &commandLine);
    void stepFinished(const linklab::StepResult &result);
    void progress(int done, int total);
    void finished(const linklab::BuildResult &result);

private:
    struct Running {
        int index;
        QProcess *process;
        QElapsedTimer timer;
    };

    void schedule();
    bool canStart(int index) const;
    void startStep(int index);
    void runInProcess(int index);
    void processFinished(QProcess *process);
    void completeStep(StepResult result);
    void finish();
    bool upToDate(const BuildStep &step) const;

    QList<BuildStep> m_steps;
    QList<Running> m_active;
    int m_next = 0;
    int m_done = 0;
    int m_jobs = 1;
    bool m_running = false;
    bool m_stopping = false; // a step failed or cancel() was called: start nothing new
    bool m_cancelled = false;
    QElapsedTimer m_clock;
    BuildResult m_result;
    BuildLog m_log;
    QSet<QString> m_skipped; // temporary outputs not made because the final file is up to date
    QHash<QString, QString> m_pending; // final output -> command, recorded once the rename succeeded
};

} // namespace linklab

Q_DECLARE_METATYPE(linklab::StepResult)
Q_DECLARE_METATYPE(linklab::BuildResult)
