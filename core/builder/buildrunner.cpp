// SPDX-License-Identifier: MIT
#include "builder/buildrunner.h"

#include "builder/buildlog.h"
#include "builder/shellwords.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace linklab {

namespace {

// In the child, before exec: its own process group, so cancel() reaches what the compiler driver starts; and
// killed when LinkLab dies, so a crash does not leave compilers running.
void childSetup()
{
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
}

// Modification time in nanoseconds, or -1 when the file does not exist.
qint64 mtimeNs(const QString &path, bool followLinks = true)
{
    struct stat st {
    };
    const QByteArray name = QFile::encodeName(path);
    if ((followLinks ? ::stat(name.constData(), &st) : ::lstat(name.constData(), &st)) != 0)
        return -1;
    if (!followLinks && S_ISLNK(st.st_mode))
        return -1; // a symlink where this step writes a file (a versioned build was here): not what it makes
    return qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

QByteArray readLink(const QByteArray &path)
{
    char buffer[4096];
    const ssize_t n = ::readlink(path.constData(), buffer, sizeof buffer);
    return n > 0 ? QByteArray(buffer, n) : QByteArray();
}

// The tools' messages in English ("error:", "warning:"), which parseDiagnostics reads; the character set stays
// the user's, so file names and quotes print as in their terminal. LC_ALL would override LC_MESSAGES, so its
// value moves to LC_CTYPE.
QProcessEnvironment toolEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (env.contains(QStringLiteral("LC_ALL"))) {
        if (!env.contains(QStringLiteral("LC_CTYPE")))
            env.insert(QStringLiteral("LC_CTYPE"), env.value(QStringLiteral("LC_ALL")));
        env.remove(QStringLiteral("LC_ALL"));
    }
    env.insert(QStringLiteral("LC_MESSAGES"), QStringLiteral("C"));
    env.remove(QStringLiteral("LANGUAGE"));
    return env;
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Make paths the tools print relative to the working folder (or bare file names from the linker) absolute,
// so a click on a diagnostic finds the file.
void resolveFiles(QList<Diagnostic> &diagnostics, const QList<BuildStep> &steps, int index)
{
    const BuildStep &step = steps[index];
    for (Diagnostic &d : diagnostics) {
        d.step = index;
        if (QDir::isAbsolutePath(d.file))
            continue;
        const QString inDir = QDir(step.workingDir).filePath(d.file);
        if (QFileInfo::exists(inDir)) {
            d.file = QDir::cleanPath(inDir);
            continue;
        }
        // The linker names the source of an object ("b.c:(.text+0x0)"): the compile step that read it knows where.
        for (const BuildStep &other : steps) {
            const auto it = std::find_if(other.inputs.begin(), other.inputs.end(),
                [&d](const QString &input) { return QFileInfo(input).fileName() == d.file; });
            if (it != other.inputs.end()) {
                d.file = *it;
                break;
            }
        }
    }
}

} // namespace

BuildRunner::BuildRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<StepResult>();
    qRegisterMetaType<BuildResult>();
}

BuildRunner::~BuildRunner()
{
    for (const Running &r : std::as_const(m_active)) {
        r.process->disconnect(this);
        if (r.process->processId() > 0)
            ::kill(-pid_t(r.process->processId()), SIGKILL);
        r.process->waitForFinished(2000); // SIGKILL cannot be ignored: this reaps it at once
        delete r.process;
        if (writesTemporary(m_steps[r.index]))
            QFile::remove(m_steps[r.index].output);
    }
}

QList<qint64> BuildRunner::runningPids() const
{
    QList<qint64> pids;
    for (const Running &r : m_active)
        pids.append(r.process->processId());
    return pids;
}

bool BuildRunner::start(const QList<BuildStep> &steps, int jobs)
{
    if (m_running)
        return false;
    m_steps = steps;
    m_active.clear();
    m_next = 0;
    m_done = 0;
    m_jobs = jobs > 0 ? jobs : qMax(1, QThread::idealThreadCount());
    m_stopping = false;
    m_cancelled = false;
    m_result = {};
    m_result.steps.resize(steps.size());
    for (int i = 0; i < steps.size(); ++i) {
        m_result.steps[i].index = i;
        m_result.steps[i].step = steps[i];
    }
    m_running = true;
    m_clock.start();
    for (const BuildStep &step : steps)
        QDir().mkpath(QFileInfo(step.output).absolutePath());
    m_log = BuildLog::load(steps.isEmpty() ? QString() : steps.first().workingDir);
    Q_EMIT progress(0, int(steps.size()));
    // Start from the event loop, so a caller connects to the signals of a run that has begun but reported nothing.
    QMetaObject::invokeMethod(this, &BuildRunner::schedule, Qt::QueuedConnection);
    return true;
}

void BuildRunner::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    m_stopping = true;
    for (const Running &r : std::as_const(m_active)) {
        // Each child leads its own process group: this reaches cc1, as and ld under the driver too.
        if (r.process->processId() > 0)
            ::kill(-pid_t(r.process->processId()), SIGKILL);
    }
    if (m_active.isEmpty())
        QMetaObject::invokeMethod(this, &BuildRunner::schedule, Qt::QueuedConnection);
}

bool BuildRunner::canStart(int index) const
{
    if (m_active.size() >= m_jobs)
        return false;
    // A step that is not parallel waits for everything before it; a parallel one only for the non-parallel
    // steps before it (which are done, since we start in order).
    if (!m_steps[index].parallel || (!m_active.isEmpty() && !m_steps[m_active.first().index].parallel))
        return m_active.isEmpty();
    return true;
}

void BuildRunner::schedule()
{
    if (!m_running)
        return;
    while (!m_stopping && m_next < m_steps.size() && canStart(m_next))
        startStep(m_next++);
    if (m_active.isEmpty() && (m_stopping || m_next >= m_steps.size()))
        finish();
}

bool BuildRunner::upToDate(const BuildStep &step) const
{
    const QString target = finalOutput(step);
    const qint64 built = mtimeNs(target, false);
    if (built < 0 || m_log.command(target) != commandLine(step.argv))
        return false;
    if (step.kind == StepKind::LinkProgram && step.depFile.isEmpty())
        return false; // several sources: no complete list of the headers they read
    QStringList inputs = step.inputs;
    if (!step.depFile.isEmpty()) {
        const Result<QStringList> deps = readDepFile(step.depFile);
        if (!deps)
            return false;
        inputs.append(*deps);
    }
    for (const QString &input : std::as_const(inputs)) {
        const qint64 t = mtimeNs(input);
        if (t < 0 || t > built)
            return false;
    }
    return true;
}

void BuildRunner::startStep(int index)
{
    const BuildStep &step = m_steps[index];
    if (step.kind == StepKind::Rename || step.kind == StepKind::Symlink) {
        runInProcess(index);
        return;
    }
    if (upToDate(step)) {
        StepResult result = m_result.steps[index];
        result.status = StepStatus::UpToDate;
        m_skipped.insert(step.output);
        completeStep(result);
        return;
    }
    if (writesTemporary(step))
        QFile::remove(step.output); // ar adds to an archive that exists; start from none
    // Until it succeeds, nothing vouches for the output: if LinkLab dies meanwhile and an orphaned compiler still
    // writes it, the next build must not take it for the output of the command logged before.
    if (!m_log.command(finalOutput(step)).isEmpty()) {
        m_log.forget(finalOutput(step));
        m_log.save();
    }
    Q_EMIT stepStarted(index, commandLine(step.argv));

    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setWorkingDirectory(step.workingDir);
    process->setProgram(step.argv.first());
    process->setArguments(step.argv.mid(1));
    process->setStandardInputFile(QProcess::nullDevice());
    process->setProcessEnvironment(toolEnvironment());
    // Its own process group, so cancel() can stop the driver and everything it started.
    process->setChildProcessModifier(childSetup);
    connect(process, &QProcess::finished, this, [this, process] { processFinished(process); });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            processFinished(process);
    });
    m_active.append({index, process, {}});
    m_active.last().timer.start();
    process->start();
}

void BuildRunner::processFinished(QProcess *process)
{
    const auto it
        = std::find_if(m_active.begin(), m_active.end(), [process](const Running &r) { return r.process == process; });
    if (it == m_active.end())
        return;
    const Running running = *it;
    m_active.erase(it);
    process->deleteLater();

    StepResult result = m_result.steps[running.index];
    const BuildStep &step = m_steps[running.index];
    result.ms = running.timer.elapsed();
    result.output = QString::fromLocal8Bit(process->readAll());
    if (process->error() == QProcess::FailedToStart) {
        result.status = StepStatus::Failed;
        result.error = QStringLiteral("could not start %1: %2").arg(step.argv.first(), process->errorString());
    } else if (m_cancelled) {
        result.status = StepStatus::Cancelled;
    } else if (process->exitStatus() == QProcess::CrashExit) {
        result.status = StepStatus::Failed;
        result.error = QStringLiteral("%1 was killed by signal %2").arg(step.argv.first()).arg(process->exitCode());
    } else {
        result.exitCode = process->exitCode();
        result.status = result.exitCode == 0 ? StepStatus::Succeeded : StepStatus::Failed;
    }
    result.diagnostics = parseDiagnostics(result.output);
    resolveFiles(result.diagnostics, m_steps, running.index);
    if (result.status == StepStatus::Succeeded) {
        if (writesTemporary(step))
            m_pending.insert(finalOutput(step), commandLine(step.argv)); // recorded once renamed into place
        else
            m_log.record(step.output, commandLine(step.argv));
    } else {
        if (writesTemporary(step))
            QFile::remove(step.output); // the last good artifact stays; no half-written file is left behind
        m_log.forget(finalOutput(step));
    }
    completeStep(result);
}

void BuildRunner::runInProcess(int index)
{
    const BuildStep &step = m_steps[index];
    StepResult result = m_result.steps[index];
    const QByteArray output = QFile::encodeName(step.output);
    if (step.kind == StepKind::Rename && m_skipped.contains(step.inputs.value(0))) {
        result.status = StepStatus::UpToDate;
        completeStep(result);
        return;
    }
    if (step.kind == StepKind::Symlink && readLink(output) == QFile::encodeName(step.linkTarget)) {
        result.status = StepStatus::UpToDate;
        completeStep(result);
        return;
    }
    Q_EMIT stepStarted(index, commandLine(step.argv));
    QElapsedTimer timer;
    timer.start();
    bool ok = false;
    if (step.kind == StepKind::Rename) {
        ok = ::rename(QFile::encodeName(step.inputs.value(0)).constData(), output.constData()) == 0;
        if (ok && m_pending.contains(step.output))
            m_log.record(step.output, m_pending.take(step.output));
        if (!ok)
            QFile::remove(step.inputs.value(0));
    } else {
        // ln -sfn: a new link under a temporary name, renamed over the old one, so the name never disappears.
        const QByteArray tmp = output + ".tmp";
        ::unlink(tmp.constData());
        ok = ::symlink(QFile::encodeName(step.linkTarget).constData(), tmp.constData()) == 0
            && ::rename(tmp.constData(), output.constData()) == 0;
        if (!ok)
            ::unlink(tmp.constData());
        m_log.forget(step.output); // an unversioned build's library file was here
    }
    result.ms = timer.elapsed();
    result.status = ok ? StepStatus::Succeeded : StepStatus::Failed;
    result.exitCode = ok ? 0 : 1; // what mv or ln would have exited with
    if (!ok)
        result.error = QStringLiteral("%1: %2").arg(commandLine(step.argv), errnoText());
    completeStep(result);
}

void BuildRunner::completeStep(StepResult result)
{
    if (result.status == StepStatus::Failed)
        m_stopping = true;
    m_result.steps[result.index] = result;
    m_result.diagnostics.append(result.diagnostics);
    ++m_done;
    Q_EMIT stepFinished(result);
    Q_EMIT progress(m_done, int(m_steps.size()));
    // Continue from the event loop: in-process steps and skipped steps must not recurse without bound.
    QMetaObject::invokeMethod(this, &BuildRunner::schedule, Qt::QueuedConnection);
}

void BuildRunner::finish()
{
    m_running = false;
    for (int i = m_next; i < m_steps.size(); ++i)
        m_result.steps[i].status = m_cancelled ? StepStatus::Cancelled : StepStatus::NotRun;
    m_result.cancelled = m_cancelled;
    m_result.success = !m_cancelled && m_result.failedSteps() == 0
        && std::all_of(m_result.steps.begin(), m_result.steps.end(),
            [](const StepResult &s) { return s.status == StepStatus::Succeeded || s.status == StepStatus::UpToDate; });
    if (m_result.success) {
        for (const BuildStep &step : std::as_const(m_steps)) {
            if (step.kind == StepKind::Rename || step.kind == StepKind::Symlink)
                m_result.artifacts.append(step.output);
        }
    }
    m_result.ms = m_clock.elapsed();
    m_log.save();
    m_skipped.clear();
    m_pending.clear();
    const BuildResult result = m_result; // a slot may start the next build, which resets m_result
    Q_EMIT finished(result);
}

} // namespace linklab
