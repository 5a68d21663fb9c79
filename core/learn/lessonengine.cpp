// SPDX-License-Identifier: MIT
#include "learn/lessonengine.h"

#include "builder/buildrunner.h"
#include "builder/programrun.h"
#include "builder/shellwords.h"
#include "learn/stepviews.h"
#include "learn/stepwork.h"
#include "runtime/calls.h"
#include "runtime/prototypes.h"
#include "runtime/runnerclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <memory>

namespace linklab {

namespace {

bool sameContents(const QString &a, const QString &b)
{
    QFile fa(a), fb(b);
    return fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly) && fa.readAll() == fb.readAll();
}

const QString ProgressFile = QStringLiteral(".linklab-lesson.json");

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list << v.toString();
    return list;
}

QJsonObject outcomeToJson(const StepOutcome &o)
{
    QJsonArray checks;
    for (const CheckResult &c : o.checks)
        checks.append(QJsonObject {{QStringLiteral("kind"), c.expectation.kind},
            {QStringLiteral("value"), c.expectation.value}, {QStringLiteral("line"), c.expectation.line},
            {QStringLiteral("met"), c.met}, {QStringLiteral("words"), c.words}});
    QJsonArray programs;
    for (const ProgramFacts &p : o.programs)
        programs.append(QJsonObject {{QStringLiteral("name"), p.name}, {QStringLiteral("size"), p.size},
            {QStringLiteral("functions"), p.definedFunctions},
            {QStringLiteral("library_functions"), toArray(p.libraryFunctions)},
            {QStringLiteral("needed"), toArray(p.needed)}, {QStringLiteral("startup_ms"), p.startupMs}});
    return {{QStringLiteral("index"), o.index}, {QStringLiteral("command"), o.command},
        {QStringLiteral("output"), o.output}, {QStringLiteral("exit_code"), o.exitCode},
        {QStringLiteral("error"), o.error}, {QStringLiteral("opened"), o.opened},
        {QStringLiteral("found"), toArray(o.found)}, {QStringLiteral("missing"), toArray(o.missing)},
        {QStringLiteral("link_map_open"), toArray(o.linkMapOpen)},
        {QStringLiteral("link_map_closed"), toArray(o.linkMapClosed)}, {QStringLiteral("inputs"), toArray(o.inputs)},
        {QStringLiteral("outputs"), toArray(o.outputs)}, {QStringLiteral("checks"), checks},
        {QStringLiteral("programs"), programs}, {QStringLiteral("ms"), o.ms}};
}

StepOutcome outcomeFromJson(const QJsonObject &j)
{
    StepOutcome o;
    o.ran = true;
    o.index = j.value(QLatin1String("index")).toInt(-1);
    o.command = j.value(QLatin1String("command")).toString();
    o.output = j.value(QLatin1String("output")).toString();
    o.exitCode = j.value(QLatin1String("exit_code")).toInt(-1);
    o.error = j.value(QLatin1String("error")).toString();
    o.opened = j.value(QLatin1String("opened")).toBool();
    o.found = toList(j.value(QLatin1String("found")));
    o.missing = toList(j.value(QLatin1String("missing")));
    o.linkMapOpen = toList(j.value(QLatin1String("link_map_open")));
    o.linkMapClosed = toList(j.value(QLatin1String("link_map_closed")));
    o.inputs = toList(j.value(QLatin1String("inputs")));
    o.outputs = toList(j.value(QLatin1String("outputs")));
    o.ms = j.value(QLatin1String("ms")).toInteger();
    for (const QJsonValue &v : j.value(QLatin1String("programs")).toArray()) {
        const QJsonObject p = v.toObject();
        o.programs.append({p.value(QLatin1String("name")).toString(), p.value(QLatin1String("size")).toInteger(),
            p.value(QLatin1String("functions")).toInt(), toList(p.value(QLatin1String("library_functions"))),
            toList(p.value(QLatin1String("needed"))), p.value(QLatin1String("startup_ms")).toDouble(-1)});
    }
    for (const QJsonValue &v : j.value(QLatin1String("checks")).toArray()) {
        const QJsonObject c = v.toObject();
        o.checks.append({{c.value(QLatin1String("kind")).toString(), c.value(QLatin1String("value")).toString(),
                             c.value(QLatin1String("line")).toInt()},
            c.value(QLatin1String("met")).toBool(), c.value(QLatin1String("words")).toString()});
    }
    return o;
}

} // namespace

bool StepOutcome::passed() const
{
    return ran && failedChecks() == 0;
}

int StepOutcome::failedChecks() const
{
    return int(std::count_if(checks.begin(), checks.end(), [](const CheckResult &c) { return !c.met; }));
}

LessonEngine::LessonEngine(QObject *parent)
    : QObject(parent)
    , m_build(new BuildRunner(this))
    , m_program(new ProgramRun(this))
    , m_runner(new RunnerClient(this))
{
    qRegisterMetaType<StepOutcome>();
}

LessonEngine::~LessonEngine() = default;

void LessonEngine::setLesson(const Lesson &lesson, const QString &workDir, const QStringList &sourceDirs)
{
    ++m_generation;
    m_build->cancel();
    m_program->stop();
    m_runner->stop();
    m_running = -1;
    m_lesson = lesson;
    m_workDir = QDir(workDir).absolutePath();
    m_sourceDirs = sourceDirs;
    QDir().mkpath(m_workDir);
    m_outcomes.clear();
    for (int i = 0; i < lesson.steps.size(); ++i) {
        StepOutcome o;
        o.index = i;
        m_outcomes.append(o);
    }
    loadProgress();
}

// What the steps did last time this folder was used, so the room shows the marks and the pipeline again. A step
// whose command changed since (the lesson was edited) is taken as not run.
void LessonEngine::loadProgress()
{
    QFile file(QDir(m_workDir).filePath(ProgressFile));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject doc = QJsonDocument::fromJson(file.read(16 << 20)).object();
    if (doc.value(QLatin1String("lesson")).toString() != m_lesson.id)
        return;
    for (const QJsonValue &v : doc.value(QLatin1String("steps")).toArray()) {
        StepOutcome o = outcomeFromJson(v.toObject());
        if (o.index >= 0 && o.index < m_outcomes.size() && o.command == stepCommandLine(m_lesson.steps[o.index]))
            m_outcomes[o.index] = o;
    }
}

void LessonEngine::saveProgress() const
{
    QJsonArray steps;
    for (const StepOutcome &o : m_outcomes)
        if (o.ran)
            steps.append(outcomeToJson(o));
    QSaveFile file(QDir(m_workDir).filePath(ProgressFile));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(
            QJsonDocument(QJsonObject {{QStringLiteral("lesson"), m_lesson.id}, {QStringLiteral("steps"), steps}})
                .toJson());
        file.commit();
    }
}

void LessonEngine::resetWorkDir()
{
    if (isRunning() || m_workDir.isEmpty())
        return;
    QDir dir(m_workDir);
    for (const QFileInfo &entry : dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        entry.isDir() && !entry.isSymLink() ? QDir(entry.filePath()).removeRecursively()
                                            : QFile::remove(entry.filePath());
    setLesson(m_lesson, m_workDir, m_sourceDirs);
}

bool LessonEngine::runStep(int index, const std::optional<QStringList> &callArgs)
{
    if (isRunning() || index < 0 || index >= m_lesson.steps.size())
        return false;
    m_running = index;
    m_step = m_lesson.steps[index];
    if (callArgs && m_step.kind == LessonStepKind::Dlopen && !m_step.call.isEmpty())
        m_step.args = *callArgs;
    StepOutcome outcome;
    outcome.index = index;
    outcome.command = stepCommandLine(m_step);
    switch (m_step.kind) {
    case LessonStepKind::Copy: runCopy(outcome); break;
    case LessonStepKind::Run: runCommand(outcome); break;
    case LessonStepKind::Program: runProgram(outcome); break;
    case LessonStepKind::Dlopen: runDlopen(outcome); break;
    default: runOnWorker(outcome); break;
    }
    return true;
}

void LessonEngine::runCopy(StepOutcome outcome)
{
    const LessonStep &step = m_step;
    Q_EMIT stepStarted(outcome.index, outcome.command);
    QStringList lines;
    outcome.exitCode = 0;
    for (const QString &name : step.words) {
        QString source;
        for (const QString &dir : std::as_const(m_sourceDirs))
            if (source.isEmpty() && QFileInfo(QDir(dir).filePath(name)).isFile())
                source = QDir(dir).filePath(name);
        const QString target = QDir(m_workDir).filePath(name);
        if (QFileInfo::exists(target)) {
            lines << (sameContents(source, target)
                    ? QStringLiteral("%1 is already here").arg(name)
                    : QStringLiteral("%1 is here and you changed it: your version is kept (Reset to start over)")
                          .arg(name));
        } else if (!QFile::copy(source, target)) {
            lines << QStringLiteral("cp: cannot copy %1").arg(name);
            outcome.exitCode = 1;
        } else {
            QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
            lines << QStringLiteral("%1 copied").arg(name);
        }
        outcome.outputs << name;
    }
    outcome.output = lines.join(u'\n') + u'\n';
    outcome.ran = true;
    check(outcome);
}

void LessonEngine::runCommand(StepOutcome outcome)
{
    const LessonStep &step = m_step;
    BuildStep build;
    build.kind = StepKind::Compile;
    build.argv = step.words;
    build.workingDir = m_workDir;
    commandFiles(step.words, m_workDir, outcome);
    for (const QString &p : step.produces)
        if (!outcome.outputs.contains(p))
            outcome.outputs << p;
    if (step.words.first() == QLatin1String("cmake")
        && QFileInfo::exists(QDir(m_workDir).filePath(QStringLiteral("CMakeLists.txt"))))
        outcome.inputs << QStringLiteral("CMakeLists.txt");
    // The outputs the step is about to make must not be stale from an earlier run: remove them first, so that
    // "file X" is checked against this run (everything here is inside the lesson's own folder).
    for (const QString &out : std::as_const(outcome.outputs))
        if (QFileInfo(QDir(m_workDir).filePath(out)).isFile())
            QFile::remove(QDir(m_workDir).filePath(out));
    // BuildRunner skips a step whose output is newer than its inputs: the outputs were just removed (or the step
    // names none, and this name is never made), so a lesson step always runs.
    build.output = QDir(m_workDir).filePath(outcome.outputs.value(0, QStringLiteral(".linklab-lesson-step")));
    const quint64 generation = m_generation;
    QObject::disconnect(m_build, &BuildRunner::finished, this, nullptr);
    connect(m_build, &BuildRunner::finished, this, [this, outcome, generation](const BuildResult &result) mutable {
        if (generation != m_generation)
            return;
        QObject::disconnect(m_build, &BuildRunner::finished, this, nullptr);
        const StepResult s = result.steps.value(0);
        outcome.ran = true;
        outcome.exitCode = s.exitCode;
        outcome.output = s.output;
        outcome.ms = s.ms;
        if (s.status != StepStatus::Succeeded)
            outcome.error = s.error.isEmpty() ? s.output : s.error;
        check(outcome);
    });
    Q_EMIT stepStarted(outcome.index, outcome.command);
    m_build->start({build}, 1);
}

void LessonEngine::runProgram(StepOutcome outcome)
{
    const LessonStep &step = m_step;
    RunRequest request;
    request.program = QDir(m_workDir).filePath(step.words.first());
    request.arguments = step.words.mid(1);
    request.workingDir = m_workDir;
    request.environment = step.env;
    outcome.inputs << QDir::cleanPath(step.words.first());
    const quint64 generation = m_generation;
    QObject::disconnect(m_program, &ProgramRun::finished, this, nullptr);
    connect(m_program, &ProgramRun::finished, this, [this, outcome, generation](const RunResult &r) mutable {
        if (generation != m_generation)
            return;
        QObject::disconnect(m_program, &ProgramRun::finished, this, nullptr);
        outcome.ran = true;
        outcome.exitCode = r.signal ? -1 : r.exitCode;
        outcome.ms = r.ms;
        outcome.output = QString::fromLocal8Bit(r.standardOutput) + QString::fromLocal8Bit(r.standardError);
        if (!r.started)
            outcome.error = r.startError;
        else if (r.exitCode != 0 || r.signal)
            outcome.error = QString::fromLocal8Bit(r.standardError).trimmed() + u'\n' + r.summary();
        if (!r.missingLibrary.isEmpty()) {
            outcome.missing << r.missingLibrary;
            outcome.output += u'\n' + r.explanation + u'\n';
        }
        check(outcome);
    });
    Q_EMIT stepStarted(outcome.index, outcome.command);
    if (!m_program->start(request)) {
        outcome.ran = true;
        outcome.error = QStringLiteral("a program is still running");
        check(outcome);
    }
}

void LessonEngine::runOnWorker(StepOutcome outcome)
{
    const LessonStep step = m_step;
    const QString workDir = m_workDir;
    const quint64 generation = m_generation;
    Q_EMIT stepStarted(outcome.index, outcome.command);
    auto *watcher = new QFutureWatcher<StepOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            finish(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([step, outcome, workDir] { return readStepFiles(step, outcome, workDir); }));
}

// A dlopen: step in a fresh linklab-runner: the opens in order (stopping at the first refusal), the link map, the
// call, dlclose of every handle and the link map again. Each request waits for the previous reply.
void LessonEngine::runDlopen(StepOutcome outcome)
{
    const LessonStep step = m_step;
    m_runner->stop();
    const QString flagsText = dlopenFlagsText(step.flags);
    Q_EMIT stepStarted(outcome.index, outcome.command);

    struct State {
        StepOutcome outcome;
        QList<qint64> handles;
        QStringList lines;
        int next = 0; // the next library to open
        std::function<void()> advance;
        std::optional<CPrototype> prototype; // the call's, read before anything is opened
        QString prototypeError;
    };
    auto state = std::make_shared<State>();
    state->outcome = outcome;
    const quint64 generation = m_generation;
    const QDir dir(m_workDir);
    const auto linkMap = [](const RunnerReply &reply) {
        QStringList paths;
        for (const QJsonValue &o : reply.body.value(QLatin1String("objects")).toArray())
            paths << o.toObject().value(QLatin1String("path")).toString();
        return paths;
    };
    const auto done = [this, state, generation] {
        if (generation != m_generation)
            return;
        state->outcome.ran = true;
        state->outcome.output = state->lines.join(u'\n') + u'\n';
        state->advance = nullptr; // breaks the cycle through the captured state
        m_runner->stop();
        check(state->outcome);
    };
    // 1. opens
    state->advance = [this, state, step, dir, flagsText, linkMap, done]() {
        if (state->next < step.words.size()) {
            const QString lib = step.words[state->next++];
            m_runner->send(
                openRequest(dir.filePath(lib), step.flags), [state, lib, flagsText, done](const RunnerReply &r) {
                    if (!r.ok()) {
                        state->lines << QStringLiteral("dlopen(\"%1\", %2) = NULL; dlerror(): %3")
                                            .arg(dlopenPath(lib), flagsText, r.error);
                        state->outcome.error = r.error;
                        done();
                        return;
                    }
                    state->handles << qint64(r.body.value(QLatin1String("handle")).toInteger());
                    state->lines << QStringLiteral("dlopen(\"%1\", %2) = handle %3")
                                        .arg(dlopenPath(lib), flagsText)
                                        .arg(state->handles.last());
                    state->advance();
                });
            return;
        }
        state->outcome.opened = true;
        // 2. the link map, 3. the call, 4. dlclose and the link map again
        m_runner->send({{QStringLiteral("op"), QStringLiteral("linkmap")}},
            [this, state, step, linkMap, done](const RunnerReply &mapReply) {
                state->outcome.linkMapOpen = linkMap(mapReply);
                if (step.linkmap)
                    state->lines << QStringLiteral("link map now (dl_iterate_phdr):")
                                 << QStringLiteral("  ") + state->outcome.linkMapOpen.join(QStringLiteral("\n  "));
                const auto closeAll = [this, state, step, linkMap, done]() {
                    if (!step.close) {
                        done();
                        return;
                    }
                    auto remaining = std::make_shared<QList<qint64>>(state->handles);
                    auto closeNext = std::make_shared<std::function<void()>>();
                    *closeNext = [this, state, step, linkMap, done, remaining, closeNext]() {
                        if (remaining->isEmpty()) {
                            m_runner->send({{QStringLiteral("op"), QStringLiteral("linkmap")}},
                                [state, step, linkMap, done, closeNext](const RunnerReply &r) {
                                    state->outcome.linkMapClosed = linkMap(r);
                                    if (step.linkmap)
                                        state->lines << QStringLiteral("link map after dlclose:")
                                                     << QStringLiteral("  ")
                                                + state->outcome.linkMapClosed.join(QStringLiteral("\n  "));
                                    *closeNext = nullptr;
                                    done();
                                });
                            return;
                        }
                        const qint64 h = remaining->takeLast();
                        m_runner->send({{QStringLiteral("op"), QStringLiteral("close")}, {QStringLiteral("handle"), h}},
                            [state, h, closeNext](const RunnerReply &r) {
                                state->lines << QStringLiteral("dlclose(handle %1) = %2")
                                                    .arg(h)
                                                    .arg(r.ok() ? QStringLiteral("0") : r.error);
                                (*closeNext)();
                            });
                    };
                    (*closeNext)();
                };
                if (step.call.isEmpty()) {
                    closeAll();
                    return;
                }
                if (!state->prototype) {
                    state->lines << QStringLiteral("cannot read the declaration \"%1\": %2")
                                        .arg(step.call, state->prototypeError);
                    state->outcome.error = state->prototypeError;
                    closeAll();
                    return;
                }
                CallRecord record;
                record.library = step.words.last();
                record.flags = step.flags;
                record.prototype = *state->prototype;
                record.args = step.args;
                m_runner->send(callRequest(state->handles.last(), record),
                    [state, record, closeAll](const RunnerReply &r) mutable {
                        record.reply = r;
                        state->lines << callSummary(record).trimmed();
                        if (r.ok()) {
                            record.library = dlopenPath(record.library);
                            state->lines << QString()
                                         << QStringLiteral(
                                                "The same call from Python, as the course does it with ctypes:")
                                         << callAsCtypes(record).trimmed();
                        }
                        if (!r.ok())
                            state->outcome.error = r.error;
                        closeAll();
                    });
            });
    };
    if (step.call.isEmpty()) {
        state->advance();
        return;
    }
    // The call's declaration is read by libclang (loaded on first use): on a worker, before the first dlopen.
    using Parsed = std::pair<std::optional<CPrototype>, QString>;
    auto *watcher = new QFutureWatcher<Parsed>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, state, generation] {
        watcher->deleteLater();
        if (generation != m_generation) {
            state->advance = nullptr;
            return;
        }
        std::tie(state->prototype, state->prototypeError) = watcher->result();
        state->advance();
    });
    watcher->setFuture(QtConcurrent::run([call = step.call]() -> Parsed {
        auto prototype = prototypeFromDeclaration(call);
        if (!prototype)
            return {std::nullopt, prototype.reason()};
        return {*prototype, QString()};
    }));
}

void LessonEngine::check(StepOutcome outcome)
{
    const LessonStep step = m_step;
    const QString workDir = m_workDir;
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<StepOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            finish(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([step, outcome, workDir]() mutable {
        outcome.checks = checkExpectations(step, outcome, workDir);
        return outcome;
    }));
}

void LessonEngine::finish(const StepOutcome &outcome)
{
    m_outcomes[outcome.index] = outcome;
    m_running = -1;
    saveProgress();
    Q_EMIT stepFinished(outcome);
}

} // namespace linklab
