// SPDX-License-Identifier: MIT
#include "runtime/runnerclient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#ifndef LINKLAB_BUILD_BIN_DIR
#define LINKLAB_BUILD_BIN_DIR ""
#endif

namespace linklab {
namespace {

bool makePipe(int fds[2])
{
    return ::pipe2(fds, O_CLOEXEC) == 0;
}

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

QString signalDescription(int signal)
{
    const char *abbrev = sigabbrev_np(signal);
    const char *text = sigdescr_np(signal);
    const QString name
        = abbrev ? QStringLiteral("SIG") + QString::fromLatin1(abbrev) : QStringLiteral("signal %1").arg(signal);
    return text ? name + QStringLiteral(" (") + QString::fromLocal8Bit(text) + u')' : name;
}

RunnerClient::RunnerClient(QObject *parent)
    : QObject(parent)
    , m_runnerPath(defaultRunnerPath())
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RunnerClient::onTimeout);
}

RunnerClient::~RunnerClient()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    closeChannels();
}

QString RunnerClient::defaultRunnerPath()
{
    const QString fromEnv = qEnvironmentVariable("LINKLAB_RUNNER");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString besideApp = QCoreApplication::applicationDirPath() + QStringLiteral("/linklab-runner");
    if (QFileInfo(besideApp).isExecutable())
        return besideApp;
    return QStringLiteral(LINKLAB_BUILD_BIN_DIR "/linklab-runner");
}

bool RunnerClient::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool RunnerClient::start(QString *why)
{
    if (!QFileInfo(m_runnerPath).isExecutable()) {
        *why = QStringLiteral("cannot start %1: no such program (build linklab-runner, or set LINKLAB_RUNNER)")
                   .arg(m_runnerPath);
        return false;
    }
    int requests[2], replies[2], out[2], err[2];
    if (!makePipe(requests) || !makePipe(replies) || !makePipe(out) || !makePipe(err)) {
        *why
            = QStringLiteral("cannot create pipes for linklab-runner: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    const int childIn = requests[0], childOut = replies[1], libOut = out[1], libErr = err[1];
    m_process = new QProcess(this);
    m_process->setProgram(m_runnerPath);
    m_process->setArguments({QStringLiteral("--requests"), QString::number(childIn), QStringLiteral("--responses"),
        QString::number(childOut)});
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(QProcess::nullDevice());
    // In the child, after fork: keep the two protocol ends across exec, and make the library's stdout and
    // stderr our pipes. Only async-signal-safe calls here.
    m_process->setChildProcessModifier([childIn, childOut, libOut, libErr] {
        ::fcntl(childIn, F_SETFD, 0);
        ::fcntl(childOut, F_SETFD, 0);
        ::dup2(libOut, STDOUT_FILENO);
        ::dup2(libErr, STDERR_FILENO);
    });
    connect(m_process, &QProcess::finished, this, &RunnerClient::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onFinished(-1, QProcess::CrashExit);
    });
    m_process->start(QIODevice::NotOpen);
    ::close(childIn);
    ::close(childOut);
    ::close(libOut);
    ::close(libErr);
    m_requestFd = requests[1];
    ::fcntl(m_requestFd, F_SETFL, ::fcntl(m_requestFd, F_GETFL) | O_NONBLOCK);
    m_requestNotifier = new QSocketNotifier(m_requestFd, QSocketNotifier::Write, this);
    m_requestNotifier->setEnabled(false);
    connect(m_requestNotifier, &QSocketNotifier::activated, this, &RunnerClient::writePending);

    auto watch = [this](Channel &c, int fd, auto slot) {
        c.fd = fd;
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        c.notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(c.notifier, &QSocketNotifier::activated, this, slot);
    };
    watch(m_replies, replies[0], [this] { readReplies(); });
    watch(m_stdout, out[0], [this] { readOutput(m_stdout, false); });
    watch(m_stderr, err[0], [this] { readOutput(m_stderr, true); });
    emit runnerStarted();
    return true;
}

void RunnerClient::closeChannels()
{
    for (Channel *c : {&m_replies, &m_stdout, &m_stderr}) {
        delete c->notifier;
        c->notifier = nullptr;
        closeFd(c->fd);
    }
    delete m_requestNotifier;
    m_requestNotifier = nullptr;
    closeFd(m_requestFd);
    m_toWrite.clear();
    m_replyBuffer.clear();
}

void RunnerClient::send(QJsonObject request, Callback done)
{
    auto p = std::make_unique<Pending>();
    p->id = m_nextId++;
    request.insert(QStringLiteral("id"), p->id);
    p->request = std::move(request);
    p->done = std::move(done);
    const bool wasBusy = isBusy();
    m_queue.push_back(std::move(p));
    if (!wasBusy)
        emit busyChanged(true);
    if (!m_inFlight)
        sendNext();
}

RunnerReply RunnerClient::sendAndWait(const QJsonObject &request)
{
    QEventLoop loop;
    std::optional<RunnerReply> result;
    send(request, [&](const RunnerReply &r) {
        result = r;
        loop.quit();
    });
    if (!result)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return *result;
}

void RunnerClient::sendNext()
{
    if (m_inFlight || m_queue.empty())
        return;
    m_inFlight = std::move(m_queue.front());
    m_queue.pop_front();
    m_inFlight->clock.start();
    if (!isRunning()) {
        QString why;
        if (!start(&why)) {
            m_inFlight->reply.error = why;
            finish(std::move(m_inFlight));
            return;
        }
    }
    m_timedOut = false;
    m_toWrite += QJsonDocument(m_inFlight->request).toJson(QJsonDocument::Compact) + '\n';
    writePending();
    if (m_timeoutMs > 0)
        m_timer->start(m_timeoutMs);
}

void RunnerClient::writePending()
{
    while (!m_toWrite.isEmpty() && m_requestFd >= 0) {
        const ssize_t n = ::write(m_requestFd, m_toWrite.constData(), size_t(m_toWrite.size()));
        if (n > 0) {
            m_toWrite.remove(0, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // EAGAIN: wait until the pipe has room; EPIPE: the runner is gone and finished() will say why
    }
    if (m_requestNotifier)
        m_requestNotifier->setEnabled(!m_toWrite.isEmpty());
}

void RunnerClient::append(QByteArray &to, qint64 &dropped, const char *data, qsizetype size)
{
    const qsizetype room = std::max<qsizetype>(0, m_outputCap - to.size());
    to.append(data, std::min(room, size));
    dropped += size - std::min(room, size);
}

void RunnerClient::readOutput(Channel &channel, bool isErr)
{
    char buffer[65536];
    while (channel.fd >= 0) {
        const ssize_t n = ::read(channel.fd, buffer, sizeof buffer);
        if (n > 0) {
            if (m_inFlight) {
                RunnerReply &r = m_inFlight->reply;
                append(isErr ? r.err : r.out, isErr ? r.errDropped : r.outDropped, buffer, n);
            } else {
                append(isErr ? m_idleErr : m_idleOut, m_idleDropped, buffer, n);
            }
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0) { // the runner closed it (it ended)
            delete channel.notifier;
            channel.notifier = nullptr;
            closeFd(channel.fd);
        }
        break;
    }
}

void RunnerClient::drainOutput()
{
    readOutput(m_stdout, false);
    readOutput(m_stderr, true);
}

void RunnerClient::readReplies()
{
    char buffer[65536];
    while (m_replies.fd >= 0) {
        const ssize_t n = ::read(m_replies.fd, buffer, sizeof buffer);
        if (n > 0) {
            m_replyBuffer.append(buffer, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0) {
            delete m_replies.notifier;
            m_replies.notifier = nullptr;
            closeFd(m_replies.fd);
        }
        break;
    }
    qsizetype nl;
    while ((nl = m_replyBuffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_replyBuffer.left(nl);
        m_replyBuffer.remove(0, nl + 1);
        const QJsonObject body = QJsonDocument::fromJson(line).object();
        if (!m_inFlight || body.value(QLatin1String("id")).toInteger() != m_inFlight->id)
            continue; // a reply nobody waits for (its request timed out): dropped
        m_timer->stop();
        // Everything the library wrote before the runner replied is already in the pipes.
        drainOutput();
        RunnerReply &r = m_inFlight->reply;
        r.body = body;
        r.answered = true;
        if (!r.ok())
            r.error = body.value(QLatin1String("error")).toString();
        finish(std::move(m_inFlight));
    }
}

void RunnerClient::onTimeout()
{
    if (!m_inFlight || !m_process)
        return;
    m_timedOut = true;
    m_process->kill();
}

void RunnerClient::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    // Keep what the library wrote before it went.
    drainOutput();
    readReplies(); // a reply that raced with the exit still counts
    QString why;
    const bool crashed = status == QProcess::CrashExit && exitCode > 0;
    if (m_timedOut)
        why = QStringLiteral("the call did not return within %1 s and was stopped").arg(m_timeoutMs / 1000.0);
    else if (exitCode < 0)
        why = QStringLiteral("linklab-runner could not be started: %1").arg(m_process->errorString());
    else if (crashed)
        why = QStringLiteral("the library crashed the runner: %1").arg(signalDescription(exitCode));
    else
        why = QStringLiteral("the library ended the runner with exit(%1)").arg(exitCode);
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;
    closeChannels();
    m_timer->stop();
    if (m_inFlight) {
        RunnerReply &r = m_inFlight->reply;
        r.timedOut = m_timedOut;
        if (crashed && !m_timedOut) {
            const char *abbrev = sigabbrev_np(exitCode);
            r.signal = abbrev ? QStringLiteral("SIG") + QString::fromLatin1(abbrev) : QString::number(exitCode);
        }
        if (!crashed && !m_timedOut && exitCode >= 0)
            r.exitCode = exitCode;
        r.error = why;
        finish(std::move(m_inFlight));
    }
    m_timedOut = false;
    emit runnerLost(why);
    // Requests queued behind the lost one go to a fresh runner.
    QTimer::singleShot(0, this, &RunnerClient::sendNext);
}

void RunnerClient::finish(std::unique_ptr<Pending> pending)
{
    pending->reply.ms = double(pending->clock.nsecsElapsed()) / 1e6;
    Callback done = std::move(pending->done);
    const RunnerReply reply = std::move(pending->reply);
    pending.reset();
    if (done)
        done(reply);
    if (!isBusy())
        emit busyChanged(false);
    QTimer::singleShot(0, this, &RunnerClient::sendNext);
}

void RunnerClient::stop()
{
    auto queued = std::move(m_queue);
    m_queue.clear();
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished(2000); // onFinished answers the request in flight
    }
    for (auto &p : queued) {
        p->reply.error = QStringLiteral("the runner was stopped");
        finish(std::move(p));
    }
}

} // namespace linklab
