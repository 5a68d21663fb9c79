// SPDX-License-Identifier: MIT
#include "builder/programrun.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <csignal>
#include <cstring>
#include <optional>
#include <sys/prctl.h>
#include <unistd.h>

namespace linklab {

QString RunResult::summary() const
{
    if (!started)
        return QStringLiteral("could not start: %1").arg(startError);
    if (signal != 0) {
        const QString name = QString::fromLocal8Bit(::strsignal(signal));
        return stopped ? QStringLiteral("stopped (signal %1, %2)").arg(signal).arg(name)
                       : QStringLiteral("killed by signal %1 (%2)").arg(signal).arg(name);
    }
    return QStringLiteral("exited with status %1").arg(exitCode);
}

QString missingLibraryIn(const QByteArray &standardError)
{
    // "./prog: error while loading shared libraries: libx.so.1: cannot open shared object file: No such file ..."
    static const QRegularExpression re(
        QStringLiteral("error while loading shared libraries: ([^:\\n]+): cannot open shared object file"));
    const auto m = re.match(QString::fromLocal8Bit(standardError));
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

QString explainMissingLibrary(const QString &library, const QStringList &environment)
{
    std::optional<QString> path;
    for (const QString &entry : environment) {
        if (entry.startsWith(QStringLiteral("LD_LIBRARY_PATH=")))
            path = entry.mid(16);
    }
    const QProcessEnvironment inherited = QProcessEnvironment::systemEnvironment();
    if (!path && inherited.contains(QStringLiteral("LD_LIBRARY_PATH")))
        path = inherited.value(QStringLiteral("LD_LIBRARY_PATH"));
    QString text = QStringLiteral(
        "The program was linked against %1, but when it started the loader (ld.so) did not find that file. "
        "The linker's -L option only tells the linker where to look at link time; at run time the loader searches "
        "the program's RPATH, then LD_LIBRARY_PATH, then its RUNPATH, then /etc/ld.so.cache and the default "
        "folders (/lib, /usr/lib).\n")
                       .arg(library);
    if (!path)
        text += QStringLiteral("LD_LIBRARY_PATH was not set.\n");
    else if (path->isEmpty())
        text += QStringLiteral("LD_LIBRARY_PATH was empty.\n");
    else
        text += QStringLiteral("LD_LIBRARY_PATH was \"%1\".\n").arg(*path);
    text += QStringLiteral(
        "To fix it, do one of these:\n"
        "  • run it with LD_LIBRARY_PATH set to the folder that holds %1 (export LD_LIBRARY_PATH=. in the "
        "build folder);\n"
        "  • link the program again with -Wl,-rpath,'$ORIGIN' (or the folder's path) so it carries the folder;\n"
        "  • install the library in a system folder and run ldconfig.")
                .arg(library);
    return text;
}

namespace {
// A program printing in a loop must not fill memory: the result keeps the first MiB of each stream (the loader's
// message comes first); the signals still deliver every byte as it comes.
constexpr qsizetype KeptBytes = 1 << 20;

void keep(QByteArray &kept, const QByteArray &bytes)
{
    if (kept.size() < KeptBytes)
        kept.append(bytes.left(KeptBytes - kept.size()));
}
} // namespace

ProgramRun::ProgramRun(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<RunResult>();
}

ProgramRun::~ProgramRun()
{
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->processId() > 0)
            ::kill(-pid_t(m_process->processId()), SIGKILL);
        m_process->waitForFinished(2000); // SIGKILL cannot be ignored: this reaps it at once
        delete m_process;
    }
}

bool ProgramRun::isRunning() const
{
    return m_process != nullptr;
}

bool ProgramRun::start(const RunRequest &request)
{
    if (m_process)
        return false;
    m_result = {};
    m_env = request.environment;
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : request.environment) {
        const qsizetype eq = entry.indexOf(u'=');
        if (eq > 0)
            env.insert(entry.left(eq), entry.mid(eq + 1));
    }
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(
        request.workingDir.isEmpty() ? QFileInfo(request.program).absolutePath() : request.workingDir);
    m_process->setProcessChannelMode(
        request.forwardOutput ? QProcess::ForwardedOutputChannel : QProcess::SeparateChannels);
    m_process->setStandardInputFile(QProcess::nullDevice());
    // Its own process group: stop() ends whatever the program started too.
    m_process->setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // a crash of LinkLab does not leave the program running
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        const QByteArray bytes = m_process->readAllStandardOutput();
        keep(m_result.standardOutput, bytes);
        Q_EMIT standardOutput(bytes);
    });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray bytes = m_process->readAllStandardError();
        keep(m_result.standardError, bytes);
        Q_EMIT standardError(bytes);
    });
    connect(m_process, &QProcess::finished, this, &ProgramRun::done);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            done();
    });
    m_timer.start();
    m_process->start(request.program, request.arguments);
    return true;
}

void ProgramRun::stop()
{
    if (!m_process || m_process->processId() <= 0)
        return;
    m_result.stopped = true;
    ::kill(-pid_t(m_process->processId()), SIGKILL);
}

void ProgramRun::done()
{
    if (!m_process)
        return;
    QProcess *process = m_process;
    m_process = nullptr;
    process->deleteLater();
    // What is still buffered when the process ends.
    const QByteArray out = process->readAllStandardOutput();
    const QByteArray err = process->readAllStandardError();
    if (!out.isEmpty()) {
        keep(m_result.standardOutput, out);
        Q_EMIT standardOutput(out);
    }
    if (!err.isEmpty()) {
        keep(m_result.standardError, err);
        Q_EMIT standardError(err);
    }
    m_result.ms = m_timer.elapsed();
    if (process->error() == QProcess::FailedToStart) {
        m_result.startError = process->errorString();
    } else {
        m_result.started = true;
        if (process->exitStatus() == QProcess::CrashExit)
            m_result.signal = process->exitCode(); // Qt reports the terminating signal as the exit code
        else
            m_result.exitCode = process->exitCode();
    }
    m_result.missingLibrary = missingLibraryIn(m_result.standardError);
    if (!m_result.missingLibrary.isEmpty())
        m_result.explanation = explainMissingLibrary(m_result.missingLibrary, m_env);
    Q_EMIT finished(m_result);
}

} // namespace linklab
