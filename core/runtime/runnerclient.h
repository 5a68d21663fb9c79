// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QString>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QSocketNotifier;
class QTimer;

namespace linklab {

// What came of one request to linklab-runner: its reply, or what happened to the runner instead.
struct RunnerReply {
    QJsonObject body; // the runner's reply ({"ok", "error", ...}); empty when it did not answer
    bool answered = false;
    QString error; // why the request failed: the runner's "error", or the crash, exit or timeout in words
    QString signal; // "SIGSEGV" when the runner died of a signal while handling this request
    std::optional<int> exitCode; // the library ended the process with exit(N)
    bool timedOut = false;
    QByteArray out; // what the library wrote to stdout while this request ran (up to the cap)
    QByteArray err; // ... and to stderr
    qint64 outDropped = 0; // bytes past the cap, not kept
    qint64 errDropped = 0;
    double ms = 0; // wall time seen by the client

    bool ok() const { return answered && body.value(QLatin1String("ok")).toBool(); }
    bool runnerLost() const { return !answered; }
};

// Starts linklab-runner as a child process and talks to it: one JSON request per line on a pipe of its own, one
// reply per line on another; the library's stdout and stderr arrive on two more pipes, kept per request. Never
// blocks the thread it lives on (sendAndWait() runs a local event loop). When the runner dies (a crash, exit(),
// a timeout), the request in flight is answered with what happened, runnerLost() is emitted, and the next
// request starts a fresh runner: every handle of the old one is gone.
class RunnerClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const RunnerReply &)>;

    explicit RunnerClient(QObject *parent = nullptr);
    ~RunnerClient() override;

    // LINKLAB_RUNNER if set, else linklab-runner next to the application, else the one in the build tree.
    static QString defaultRunnerPath();
    void setRunnerPath(const QString &path) { m_runnerPath = path; }
    QString runnerPath() const { return m_runnerPath; }
    void setTimeout(int ms) { m_timeoutMs = ms; } // per request; 0: none
    int timeout() const { return m_timeoutMs; }
    void setOutputCap(qsizetype bytes) { m_outputCap = bytes; }
    bool isRunning() const;
    bool isBusy() const { return m_inFlight != nullptr || !m_queue.empty(); }

    // Queues `request`; `done` is called once, on this object's thread, with the reply. An "id" is added.
    void send(QJsonObject request, Callback done);
    // Sends and waits in a local event loop (the CLI and tests).
    RunnerReply sendAndWait(const QJsonObject &request);
    // Ends the runner (every handle with it); queued requests are answered as lost.
    void stop();

signals:
    void runnerLost(const QString &why);
    void runnerStarted();
    void busyChanged(bool busy);

private:
    struct Pending {
        QJsonObject request;
        Callback done;
        qint64 id = 0;
        RunnerReply reply;
        QElapsedTimer clock;
    };
    struct Channel {
        int fd = -1;
        QSocketNotifier *notifier = nullptr;
    };

    bool start(QString *why);
    void sendNext();
    void writePending();
    void readReplies();
    void readOutput(Channel &channel, bool isErr);
    void drainOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onTimeout();
    void finish(std::unique_ptr<Pending> pending);
    void closeChannels();
    void append(QByteArray &to, qint64 &dropped, const char *data, qsizetype size);

    QString m_runnerPath;
    int m_timeoutMs = 5000;
    qsizetype m_outputCap = 1 << 20;
    QProcess *m_process = nullptr;
    int m_requestFd = -1;
    QSocketNotifier *m_requestNotifier = nullptr;
    QByteArray m_toWrite;
    Channel m_replies, m_stdout, m_stderr;
    QByteArray m_replyBuffer;
    std::deque<std::unique_ptr<Pending>> m_queue;
    std::unique_ptr<Pending> m_inFlight;
    QTimer *m_timer = nullptr;
    bool m_timedOut = false;
    qint64 m_nextId = 1;
    QByteArray m_idleOut, m_idleErr; // output between requests (static constructors, atexit)
    qint64 m_idleDropped = 0;
};

// "SIGSEGV (Segmentation fault)" for a signal number.
QString signalDescription(int signal);

} // namespace linklab
