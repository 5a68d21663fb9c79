// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildexport.h"
#include "common/room.h"

#include "builder/buildplan.h"
#include "builder/buildrunner.h"
#include "builder/programrun.h"

#include <QStringDecoder>

class QShortcut;
class QSplitter;

namespace linklab {

class ArtifactsPanel;
class BuildBar;
class BuildOptions;
class BuildOutputView;
class JobTracker;
class ProgramPanel;
class SourceList;
class SourcesPanel;
class WorkspaceModel;

// The Build room: C sources in, a static, shared or module library out, with every command shown as it runs.
// Then, as the course exercise does, a program linked against the library and run with a chosen
// LD_LIBRARY_PATH. Compiler messages become a clickable list that opens the source at the line; what the build
// made opens in the Inspector. All commands run as child processes through core's BuildRunner and ProgramRun:
// the GUI never waits on them.
class BuildRoom : public Room
{
    Q_OBJECT
public:
    explicit BuildRoom(WorkspaceModel *workspace, QWidget *parent = nullptr);
    ~BuildRoom() override;

    QString title() const override;
    QIcon icon() const override;
    void setCurrentFile(WorkspaceFile *file) override;
    // C sources, headers and folders: they are sources to build, not files to inspect.
    bool takeDroppedPaths(const QStringList &paths) override;
    bool takeCommandLinePaths(const QStringList &paths) override;
    QAbstractItemView *currentTable() const override;

    // What the user can do; each is a button too.
    void addSources(const QStringList &paths);
    bool loadExample();
    void build();
    void link();
    void run();
    void cancel(); // the build, or the running program

    BuildPlan currentPlan() const;
    bool isBusy() const;
    // Whether each action can start now, or why not; the buttons and the actions both follow these.
    Check canBuild() const;
    Check canLink() const;
    Check canRun() const;

    SourceList *sourceList() const;
    BuildOptions *options() const { return m_options; }
    BuildBar *buildBar() const { return m_bar; }
    ProgramPanel *programPanel() const { return m_program; }
    ArtifactsPanel *artifactsPanel() const { return m_artifacts; }
    BuildOutputView *output() const { return m_output; }

Q_SIGNALS:
    void buildFinished(const linklab::BuildResult &result);
    void runFinished(const linklab::RunResult &result);

private:
    enum class Task { Idle, Library, Program };
    bool m_runAfterLink = false; // "Relink with rpath and Run": run once the link succeeds
    JobTracker *m_hintJob = nullptr; // which library defines an undefined symbol (a scan of the system's)
    QString m_hintFlag; // what the hint's fix adds to the link flags
    Task m_hintTask = Task::Idle; // what to run again after the fix

    void explainUndefinedReferences(const BuildResult &result, Task task);
    void restoreSettings();
    void saveSettings() const;
    void sourcesChanged();
    void startProject(const QString &folder);
    void programsFound(const QStringList &programs);
    void updateState();
    Check planCheck(const BuildPlan &plan) const; // the library could be built (busy or not)
    Check programCheck(const BuildPlan &plan) const; // the program's fields are usable
    Check notBusy() const;
    QString programPath(const BuildPlan &plan) const;
    void startSteps(const QList<BuildStep> &steps, Task task, const QString &heading);
    void runnerFinished(const BuildResult &result);
    void showBuilt(const QStringList &paths);
    void programOutput(const QByteArray &bytes, bool error);
    void programFinished(const RunResult &result);
    void exportBuild(BuildExport::Format format);

    WorkspaceModel *m_workspace;
    BuildRunner *m_runner;
    ProgramRun *m_run;
    JobTracker *m_toolchainJob;
    Task m_task = Task::Idle;
    QString m_taskTarget; // what the running build makes, for the summary line

    SourcesPanel *m_sources;
    BuildOptions *m_options;
    BuildBar *m_bar;
    ArtifactsPanel *m_artifacts;
    ProgramPanel *m_program;
    BuildOutputView *m_output;
    QShortcut *m_escape;
    QSplitter *m_split;
    QString m_project; // the folder of the first source of the current project
    QString m_builtLibrary; // the library the last build made, while it is the plan's: Link needs it
    QString m_linkedProgram; // the program the last link made: Run needs it
    int m_libraryStepCount = 0; // of the running task's steps, how many make the library
    QStringDecoder m_stdout {QStringDecoder::System};
    QStringDecoder m_stderr {QStringDecoder::System};
};

} // namespace linklab
