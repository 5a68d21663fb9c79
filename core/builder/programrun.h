// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace linklab {

struct RunRequest {
    QString program; // absolute path of the linked program
    QStringList arguments;
    QString workingDir;
    QStringList environment; // "K=V" entries set on top of the inherited environment
    bool forwardOutput = false; // stdout goes straight to ours, unchanged (the CLI); stderr is captured and echoed
};

struct RunResult {
    bool started = false;
    QString startError; // why it could not start
    int exitCode = -1; // exit status when it exited normally
    int signal = 0; // the signal that killed it, when it crashed or was stopped
    bool stopped = false; // stop() was called
    QByteArray standardOutput; // the first MiB (empty with forwardOutput)
    QByteArray standardError; // the first MiB
    qint64 ms = 0;
    // When the loader could not find a library ("error while loading shared libraries: libx.so: cannot
    // open shared object file"): that library's name and an explanation of the fix.
    QString missingLibrary;
    QString explanation;

    // "exited with status 0", "killed by signal 11 (Segmentation fault)", "could not start: ..."
    QString summary() const;
};

// What to tell a person when the loader could not find `library` for a program run with `env`.
QString explainMissingLibrary(const QString &library, const QStringList &environment);
// The library named in a loader error on stderr, or empty.
QString missingLibraryIn(const QByteArray &standardError);

// Runs a linked program as a child process with a chosen environment, capturing its output; a crash, a hang
// (stop()) or an exit in it only ends the child. Output arrives live through the signals.
class ProgramRun : public QObject
{
    Q_OBJECT
public:
    explicit ProgramRun(QObject *parent = nullptr);
    ~ProgramRun() override;

    bool start(const RunRequest &request); // false while one is running
    void stop();
    bool isRunning() const;
    const RunResult &result() const { return m_result; }

Q_SIGNALS:
    void standardOutput(const QByteArray &bytes);
    void standardError(const QByteArray &bytes);
    void finished(const linklab::RunResult &result);

private:
    void done();

    QProcess *m_process = nullptr;
    QElapsedTimer m_timer;
    RunResult m_result;
    QStringList m_env;
};

} // namespace linklab

Q_DECLARE_METATYPE(linklab::RunResult)
