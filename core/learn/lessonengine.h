// SPDX-License-Identifier: MIT
#pragma once

#include "learn/lesson.h"
#include "learn/stepviews.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <optional>

namespace linklab {

class BuildRunner;
class ProgramRun;
class RunnerClient;

// One expectation of a step, checked after it ran.
struct CheckResult {
    Expectation expectation;
    bool met = false;
    QString words; // for the student: what was expected and, when not met, what happened instead
};

// What running one step did: the command exactly as it ran, its real output and status, the files it read and
// made (for the pipeline picture), and each expectation checked.
struct StepOutcome {
    int index = -1;
    bool ran = false;
    QString command; // the command line, or the call written as C
    QString output; // what it printed, or the view of the file
    int exitCode = -1; // run/program: the exit status; -1 when it did not exit (or has none)
    QString error; // why it failed: the loader's or dlopen's message, the compiler's output
    bool opened = false; // dlopen: every library opened
    QStringList found, missing; // deps: libraries found / not found; program: the library the loader missed
    QStringList linkMapOpen, linkMapClosed; // dlopen: the link map after the opens and after dlclose
    QStringList inputs, outputs; // files of the working folder the step read and made (relative names)
    QList<CheckResult> checks;
    QList<ProgramFacts> programs; // compare: of two programs: the two, side by side
    qint64 ms = 0;

    bool passed() const; // ran and every expectation met
    int failedChecks() const;
};

// Runs the steps of a lesson for real in a working folder: commands through BuildRunner (QProcess), programs
// through ProgramRun, files read through core/binary, dependencies through the resolver, dlopen and calls through
// linklab-runner. Everything is asynchronous; slow reading runs on a worker thread. Files are only ever written
// inside the working folder; a copy: step keeps a file the student edited there.
class LessonEngine : public QObject
{
    Q_OBJECT
public:
    explicit LessonEngine(QObject *parent = nullptr);
    ~LessonEngine() override;

    // The working folder is created when missing. The outcomes are those saved in it by the last run of this
    // lesson there (.linklab-lesson.json), else none.
    void setLesson(const Lesson &lesson, const QString &workDir, const QStringList &sourceDirs);
    const Lesson &lesson() const { return m_lesson; }
    QString workDir() const { return m_workDir; }
    const QList<StepOutcome> &outcomes() const { return m_outcomes; }

    bool isRunning() const { return m_running >= 0; }
    int runningStep() const { return m_running; }
    // Starts step `index`; false while another step runs or when there is no such step. `callArgs` replaces the
    // arguments of a dlopen: step's call (the student typed others in the form).
    bool runStep(int index, const std::optional<QStringList> &callArgs = std::nullopt);
    // Empties the working folder (the lesson starts again from the bundled files).
    void resetWorkDir();

Q_SIGNALS:
    void stepStarted(int index, const QString &command);
    void stepFinished(const linklab::StepOutcome &outcome);

private:
    void runCopy(StepOutcome outcome);
    void runCommand(StepOutcome outcome);
    void runProgram(StepOutcome outcome);
    void runDlopen(StepOutcome outcome);
    void runOnWorker(StepOutcome outcome); // inspect, deps, compare
    void check(StepOutcome outcome); // evaluates the expectations on a worker, then finishes
    void finish(const StepOutcome &outcome);
    void loadProgress();
    void saveProgress() const;

    Lesson m_lesson;
    LessonStep m_step; // the step running, as it runs (with the student's call arguments)
    QString m_workDir;
    QStringList m_sourceDirs;
    QList<StepOutcome> m_outcomes;
    int m_running = -1;
    quint64 m_generation = 0; // a setLesson() while a step runs makes its result stale
    BuildRunner *m_build = nullptr;
    ProgramRun *m_program = nullptr;
    RunnerClient *m_runner = nullptr;
};

} // namespace linklab

Q_DECLARE_METATYPE(linklab::StepOutcome)
