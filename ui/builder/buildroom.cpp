// SPDX-License-Identifier: MIT
// The Build room's controller: it wires the panels (sources, options, program, bar, output) to one BuildRunner
// and one ProgramRun, and holds the build -> link -> run flow with its guards (canBuild/canLink/canRun). Longer
// than most files because that flow is one state machine; the widgets live in the panels, the rules in core.
#include "builder/buildroom.h"

#include "builder/linkhints.h"

#include "builder/outputsafety.h"

#include "builder/artifactspanel.h"
#include "builder/buildbar.h"
#include "builder/buildoptions.h"
#include "builder/buildoutputview.h"
#include "builder/diagnosticmodel.h"
#include "builder/programpanel.h"
#include "builder/sourcelist.h"
#include "builder/sourcespanel.h"
#include "common/consoleview.h"
#include "common/jobtracker.h"
#include "common/tablepage.h"
#include "workspace/workspacemodel.h"

#include "builder/exampleproject.h"
#include "builder/shellwords.h"
#include "builder/sourcefiles.h"
#include "builder/toolchain.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace linklab {

namespace {
const QString SourcesKey = QStringLiteral("build/sources");
const QString SplitterKey = QStringLiteral("build/splitter");
const QString OutputSplitterKey = QStringLiteral("build/outputSplitter");

QString seconds(qint64 ms)
{
    return BuildRoom::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}
} // namespace

BuildRoom::BuildRoom(WorkspaceModel *workspace, QWidget *parent)
    : Room(parent)
    , m_workspace(workspace)
    , m_runner(new BuildRunner(this))
    , m_run(new ProgramRun(this))
    , m_toolchainJob(new JobTracker(this))
    , m_sources(new SourcesPanel)
    , m_options(new BuildOptions(this))
    , m_bar(new BuildBar)
    , m_artifacts(new ArtifactsPanel)
    , m_program(new ProgramPanel)
    , m_output(new BuildOutputView)
    , m_escape(new QShortcut(QKeySequence(Qt::Key_Escape), this))
    , m_split(new QSplitter(Qt::Horizontal))
{
    setObjectName(QStringLiteral("buildRoom"));

    // Left: the steps a student takes, top to bottom (sources -> library -> build -> program -> run), in one
    // column that fits a 1280x720 screen; it scrolls (vertically only) when the window is smaller still. Right:
    // the console and diagnostics over the source viewer. Both splitters are the user's, and remembered.
    auto *steps = new QWidget;
    steps->setObjectName(QStringLiteral("buildSteps"));
    auto *column = new QVBoxLayout(steps);
    column->setContentsMargins(6, 6, 6, 6);
    column->setSpacing(4);
    column->addWidget(m_sources, 1);
    column->addWidget(m_options->libraryGroup());
    column->addWidget(m_bar);
    m_bar->setDetails(m_artifacts);
    column->addWidget(m_program);
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("buildOptionsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(steps);

    m_split->setObjectName(QStringLiteral("buildSplitter"));
    m_split->addWidget(scroll);
    m_split->addWidget(m_output);
    // The steps keep the width they need; the output takes what the window has beyond that, down to a readable
    // width, and only then do the steps get narrower (their fields shrink; paths are elided, never cut).
    m_split->setStretchFactor(0, 0);
    m_split->setStretchFactor(1, 1);
    m_output->setMinimumWidth(320);
    scroll->setMinimumWidth(360);
    m_split->setSizes({steps->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width(), 520});
    m_split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_split);

    connect(m_runner, &BuildRunner::stepStarted, this, [this](int, const QString &command) {
        m_output->console()->writeLine(QStringLiteral("$ ") + command, ConsoleView::Style::Command);
    });
    connect(m_runner, &BuildRunner::stepFinished, this, [this](const StepResult &result) {
        m_output->console()->writeStep(result);
        m_output->diagnostics()->addDiagnostics(result.diagnostics);
    });
    connect(m_runner, &BuildRunner::progress, m_bar, &BuildBar::setProgress);
    connect(m_runner, &BuildRunner::finished, this, &BuildRoom::runnerFinished);
    connect(m_run, &ProgramRun::standardOutput, this, [this](const QByteArray &b) { programOutput(b, false); });
    connect(m_run, &ProgramRun::standardError, this, [this](const QByteArray &b) { programOutput(b, true); });
    connect(m_run, &ProgramRun::finished, this, &BuildRoom::programFinished);

    connect(sourceList(), &SourceList::filesChanged, this, &BuildRoom::sourcesChanged);
    connect(sourceList(), &SourceList::scanStarted, this, &BuildRoom::updateState);
    connect(sourceList(), &SourceList::scanFinished, this, [this](int added, bool capped) {
        if (capped)
            m_output->console()->writeLine(tr("The folder holds more than %1 C files; the first %1 were added "
                                              "(%2 new). Drop the library's own folder to build it.")
                                               .arg(MaxScannedSourceFiles)
                                               .arg(added),
                ConsoleView::Style::Error);
        updateState();
    });
    connect(sourceList(), &SourceList::programsFound, this, &BuildRoom::programsFound);
    connect(sourceList(), &SourceList::openRequested, m_output,
        [this](const QString &path) { m_output->openSource(path); });
    connect(m_sources, &SourcesPanel::exampleRequested, this, &BuildRoom::loadExample);
    connect(m_options, &BuildOptions::changed, this, &BuildRoom::updateState);
    connect(m_bar, &BuildBar::buildRequested, this, &BuildRoom::build);
    connect(m_bar, &BuildBar::cancelRequested, this, &BuildRoom::cancel);
    connect(m_bar, &BuildBar::exportRequested, this, &BuildRoom::exportBuild);
    connect(m_program, &ProgramPanel::changed, this, &BuildRoom::updateState);
    connect(m_program, &ProgramPanel::linkRequested, this, &BuildRoom::link);
    connect(m_program, &ProgramPanel::runRequested, this, &BuildRoom::run);
    m_hintJob = new JobTracker(this);
    connect(m_bar, &BuildBar::fixRequested, this, [this] {
        const QString flags = m_options->linkFlags().trimmed();
        if (!flags.split(u' ', Qt::SkipEmptyParts).contains(m_hintFlag))
            m_options->setLinkFlags(flags.isEmpty() ? m_hintFlag : flags + u' ' + m_hintFlag);
        m_bar->setHint(QString(), QString());
        if (m_hintTask == Task::Program)
            link();
        else
            build();
    });
    connect(m_program, &ProgramPanel::fixWithLibraryPathRequested, this, [this] {
        m_program->setLibraryPath(currentPlan().outDir);
        run();
    });
    connect(m_program, &ProgramPanel::fixWithRpathRequested, this, [this] {
        m_program->setRpath(true);
        m_runAfterLink = true;
        link();
    });
    connect(m_program, &ProgramPanel::stopRequested, m_run, &ProgramRun::stop);
    connect(m_artifacts, &ArtifactsPanel::openRequested, this,
        [this](const QStringList &paths) { Q_EMIT showFilesRequested(paths); });
    connect(m_artifacts, &ArtifactsPanel::dependenciesRequested, this, &Room::dependenciesRequested);

    // Esc stops whatever runs; enabled only then, so it does not take Esc from anything else.
    m_escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_escape, &QShortcut::activated, this, &BuildRoom::cancel);

    // Asking each compiler for its version runs child processes: off the GUI thread.
    m_toolchainJob->startJob([] { return discoverToolchain(); },
        [this](const Toolchain &toolchain) {
            m_options->setToolchain(toolchain);
            updateState();
        });

    restoreSettings();
}

BuildRoom::~BuildRoom()
{
    saveSettings();
    // The option boxes stay for a moment after their owner; none of their signals must reach it then.
    delete m_options;
    // The runners kill their children when destroyed; their last signals must not reach a half-destroyed room.
    disconnect(m_runner, nullptr, this, nullptr);
    disconnect(m_run, nullptr, this, nullptr);
}

QString BuildRoom::title() const
{
    return tr("Build");
}

QIcon BuildRoom::icon() const
{
    return QIcon::fromTheme(QStringLiteral("run-build"));
}

void BuildRoom::setCurrentFile(WorkspaceFile *)
{
    // What is built does not depend on the file selected in the workspace.
}

QAbstractItemView *BuildRoom::currentTable() const
{
    return m_output->tabs()->currentWidget() == m_output->diagnosticsPage() ? m_output->diagnosticView() : nullptr;
}

SourceList *BuildRoom::sourceList() const
{
    return m_sources->list();
}

void BuildRoom::restoreSettings()
{
    const QSettings settings;
    QStringList files = settings.value(SourcesKey).toStringList();
    files.removeIf([](const QString &path) { return !QFileInfo::exists(path); });
    sourceList()->setFiles(files);
    sourcesChanged();
    m_split->restoreState(settings.value(SplitterKey).toByteArray());
    m_output->restoreState(settings.value(OutputSplitterKey).toByteArray());
}

void BuildRoom::saveSettings() const
{
    QSettings settings;
    settings.setValue(SourcesKey, sourceList()->files());
    settings.setValue(SplitterKey, m_split->saveState());
    settings.setValue(OutputSplitterKey, m_output->saveState());
    m_options->saveSettings();
    m_program->saveSettings();
}

void BuildRoom::addSources(const QStringList &paths)
{
    sourceList()->addPaths(paths);
}

bool BuildRoom::takeDroppedPaths(const QStringList &paths)
{
    const bool allSources = std::all_of(paths.begin(), paths.end(),
        [](const QString &path) { return QFileInfo(path).isDir() || isCSource(path) || isCHeader(path); });
    if (paths.isEmpty() || !allSources)
        return false;
    addSources(paths);
    return true;
}

bool BuildRoom::takeCommandLinePaths(const QStringList &paths)
{
    // Typed, not dropped: a name may be wrong or relative. A missing one goes to the workspace, which says so.
    QStringList absolute;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            return false;
        absolute << info.absoluteFilePath();
    }
    return takeDroppedPaths(absolute);
}

bool BuildRoom::loadExample()
{
    const Result<ExampleProject> found = ExampleProject::find();
    if (!found) {
        m_output->console()->writeLine(found.reason(), ConsoleView::Style::Error);
        return false;
    }
    const ExampleProject &example = *found;
    sourceList()->setFiles(example.librarySources);
    m_program->setSources(example.programSources);
    m_options->setLibraryName(example.name);
    m_options->setLinkFlags(example.linkFlags);
    m_options->setKind(example.kind);
    m_output->openSource(example.programSources.constFirst());
    m_output->console()->writeLine(tr("Loaded the example project from %1.\nPress Build (Ctrl+B), then Link and Run.")
                                       .arg(QDir::toNativeSeparators(example.folder)),
        ConsoleView::Style::Note);
    return true;
}

void BuildRoom::sourcesChanged()
{
    const QStringList files = sourceList()->files();
    const QString folder = files.isEmpty() ? QString() : QFileInfo(files.constFirst()).absolutePath();
    // Sources from another folder than the last project's make a new project: nothing of the old one may stay
    // (its main.c, its artifacts, its step count, a Link that would rebuild it).
    if (!folder.isEmpty() && !m_project.isEmpty() && folder != m_project)
        startProject(folder);
    else
        m_options->setSourceFolder(folder);
    if (!folder.isEmpty())
        m_project = folder;
    updateState();
}

void BuildRoom::startProject(const QString &folder)
{
    m_options->startProject(folder);
    m_program->setSources({});
    m_program->setExplanation({});
    m_artifacts->setArtifacts({});
    m_bar->resetProgress();
    m_output->diagnostics()->clear();
    m_builtLibrary.clear();
    m_linkedProgram.clear();
    m_output->console()->writeLine(
        tr("New project: %1. Its own library, program and artifacts replace the last project's.")
            .arg(QDir::toNativeSeparators(folder)),
        ConsoleView::Style::Note);
}

void BuildRoom::programsFound(const QStringList &programs)
{
    // A file with main() is the program's: compiled into the library, main would be exported by it.
    m_program->setSources({programs.constFirst()});
    m_output->console()->writeLine(tr("%1 defines main(): it is the program's source (step 4), not the library's.")
                                       .arg(QDir::toNativeSeparators(programs.constFirst())),
        ConsoleView::Style::Note);
    if (programs.size() > 1) {
        QStringList others;
        for (const QString &path : programs.mid(1))
            others.append(QDir::toNativeSeparators(path));
        m_output->console()->writeLine(
            tr("Left out of the library as well, since they define main() too: %1. Choose… in step 4 picks another "
               "program.")
                .arg(others.join(QStringLiteral(", "))),
            ConsoleView::Style::Note);
    }
    m_output->openSource(programs.constFirst());
    updateState();
}

BuildPlan BuildRoom::currentPlan() const
{
    BuildPlan plan;
    m_options->fillPlan(plan);
    plan.sources = sourceList()->sources();
    plan.headers = sourceList()->headers();
    return plan;
}

bool BuildRoom::isBusy() const
{
    return m_runner->isRunning() || m_run->isRunning();
}

QString BuildRoom::programPath(const BuildPlan &plan) const
{
    return programFile(plan, m_program->program());
}

// The rules behind the buttons. Each action checks its own rule (never its button's state), and updateState()
// sets the buttons from the same rules, so the two cannot disagree.
Check BuildRoom::planCheck(const BuildPlan &plan) const
{
    if (sourceList()->count() == 0)
        return Check::fail(tr("Add the library's .c files to build it."));
    if (const Check fields = m_options->fieldCheck(); !fields)
        return fields;
    return validatePlan(plan);
}

Check BuildRoom::programCheck(const BuildPlan &plan) const
{
    if (plan.kind == LibraryKind::Module)
        return Check::fail(tr("A module is meant for dlopen(): no program links against it.\nChoose Static or "
                              "Shared to link a program."));
    if (!m_program->sources().isEmpty() && planCheck(plan))
        if (const Check program = validateProgram(plan, m_program->program()); !program)
            return program;
    if (const auto arguments = m_program->arguments(); !arguments)
        return Check::fail(tr("Arguments: %1.").arg(arguments.reason()));
    return {};
}

Check BuildRoom::notBusy() const
{
    if (m_runner->isRunning())
        return Check::fail(tr("A build is running."));
    if (m_run->isRunning())
        return Check::fail(tr("The program is running."));
    return {};
}

Check BuildRoom::canBuild() const
{
    if (const Check idle = notBusy(); !idle)
        return idle;
    return planCheck(currentPlan());
}

Check BuildRoom::canLink() const
{
    const BuildPlan plan = currentPlan();
    for (const Check &check : {notBusy(), planCheck(plan), programCheck(plan)}) {
        if (!check)
            return check;
    }
    if (m_program->sources().isEmpty())
        return Check::fail(tr("Choose the program's source (main.c)."));
    if (m_builtLibrary.isEmpty() || m_builtLibrary != libraryFile(plan) || !QFileInfo::exists(m_builtLibrary))
        return Check::fail(tr("Build the library first (step 3)."));
    return {};
}

Check BuildRoom::canRun() const
{
    const BuildPlan plan = currentPlan();
    for (const Check &check : {notBusy(), programCheck(plan)}) {
        if (!check)
            return check;
    }
    const QString program = programPath(plan);
    if (program.isEmpty() || program != m_linkedProgram || !QFileInfo(program).isExecutable())
        return Check::fail(tr("Link the program first (step 4)."));
    return {};
}

void BuildRoom::updateState()
{
    const BuildPlan plan = currentPlan();
    const Check planOk = planCheck(plan);
    // With no sources yet the line is a hint, not an error.
    m_bar->setMessage(planOk.reason(), sourceList()->count() > 0);
    const Check build = canBuild();
    m_bar->buildButton()->setEnabled(build.ok());
    m_bar->buildButton()->setToolTip(build ? tr("Compile the sources and make the library (Ctrl+B). Steps whose "
                                                "output is newer than their inputs are skipped.")
                                           : build.reason());
    m_bar->cancelButton()->setEnabled(m_runner->isRunning());
    m_bar->exportButton()->setEnabled(planOk.ok());
    m_escape->setEnabled(isBusy() || sourceList()->isScanning());

    const bool module = plan.kind == LibraryKind::Module;
    const Check program = programCheck(plan);
    m_program->setLinkAvailable(!module, program.reason());
    m_program->setOutDir(plan.outDir);
    m_program->setError(module ? QString() : program.reason());
    const Check link = canLink();
    m_program->linkButton()->setEnabled(link.ok());
    m_program->linkButton()->setToolTip(link ? tr("Compile and link the program against the library.") : link.reason());
    const Check run = canRun();
    m_program->runButton()->setEnabled(run.ok());
    const QString path = programPath(plan);
    m_program->runButton()->setToolTip(
        run ? tr("Run %1 in the output folder.").arg(QFileInfo(path).fileName()) : run.reason());
    m_program->stopButton()->setEnabled(m_run->isRunning());
}

void BuildRoom::build()
{
    if (!canBuild()) {
        updateState();
        return;
    }
    const BuildPlan plan = currentPlan();
    saveSettings();
    m_taskTarget = QFileInfo(libraryFile(plan)).fileName();
    startSteps(planLibrary(plan), Task::Library,
        tr("Building %1 (%2) with %3 in %4")
            .arg(m_taskTarget, kindKey(plan.kind), plan.compiler, QDir::toNativeSeparators(plan.outDir)));
}

void BuildRoom::link()
{
    if (!canLink()) {
        updateState();
        return;
    }
    const BuildPlan plan = currentPlan();
    saveSettings();
    // The library first (its steps are skipped when up to date), so Link works without a Build before it.
    m_taskTarget = m_program->program().output;
    startSteps(planLibrary(plan) + planProgram(plan, m_program->program()), Task::Program,
        tr("Linking %1 against %2").arg(m_taskTarget, QFileInfo(libraryFile(plan)).fileName()));
}

void BuildRoom::startSteps(const QList<BuildStep> &steps, Task task, const QString &heading)
{
    m_hintJob->cancel();
    m_bar->setHint(QString(), QString());
    // Said before anything starts, rather than as gcc's "opening dependency file obj/a.d" from the middle.
    if (const Check writable = checkOutputFolderWritable(currentPlan().outDir); !writable) {
        m_output->showConsole();
        m_output->console()->writeLine(writable.reason(), ConsoleView::Style::Error);
        return;
    }
    m_output->diagnostics()->clear();
    m_output->setBaseDir(currentPlan().outDir);
    m_output->showConsole();
    m_program->setExplanation({});
    ConsoleView *console = m_output->console();
    if (!console->document()->isEmpty())
        console->writeLine(QString());
    console->writeLine(QStringLiteral("▶ ") + heading, ConsoleView::Style::Note);
    m_bar->setProgress(0, int(steps.size()));
    m_libraryStepCount = int(planLibrary(currentPlan()).size());
    m_task = task;
    if (!m_runner->start(steps))
        m_task = Task::Idle;
    updateState();
}

void BuildRoom::runnerFinished(const BuildResult &result)
{
    const Task task = std::exchange(m_task, Task::Idle);
    // What Link and Run may use from now on: a library only once it built, a program only once it linked.
    const BuildPlan plan = currentPlan();
    const bool libraryOk
        = !result.cancelled && std::none_of(result.steps.cbegin(), result.steps.cend(), [this](const StepResult &step) {
              return step.index < m_libraryStepCount
                  && (step.status == StepStatus::Failed || step.status == StepStatus::NotRun
                      || step.status == StepStatus::Cancelled);
          });
    if (libraryOk && !result.steps.isEmpty())
        m_builtLibrary = libraryFile(plan);
    else if (!result.cancelled)
        m_builtLibrary.clear();
    if (task == Task::Program)
        m_linkedProgram = result.success ? programPath(plan) : QString();
    const bool runAfter = m_runAfterLink && task == Task::Program && result.success;
    m_runAfterLink = false;
    DiagnosticModel *diagnostics = m_output->diagnostics();
    if (!result.diagnostics.isEmpty())
        diagnostics->setDiagnostics(result.diagnostics);
    ConsoleView *console = m_output->console();
    if (result.cancelled) {
        console->writeLine(tr("Cancelled"), ConsoleView::Style::Error);
    } else if (!result.success) {
        console->writeLine(result.failureSummary(), ConsoleView::Style::Error);
        if (result.errorCount() > 0)
            m_output->showDiagnostics();
        explainUndefinedReferences(result, task);
    } else {
        const bool upToDate = std::all_of(result.steps.cbegin(), result.steps.cend(),
            [](const StepResult &s) { return s.status == StepStatus::UpToDate; });
        console->writeLine(upToDate ? tr("%1 is up to date").arg(m_taskTarget)
                                    : tr("Built %1 in %2").arg(m_taskTarget, seconds(result.ms)),
            ConsoleView::Style::Success);
        QStringList built = result.artifacts;
        if (task == Task::Program) {
            const QString program = programPath(currentPlan());
            if (!built.contains(program))
                built.append(program);
        }
        showBuilt(built);
    }
    updateState();
    Q_EMIT buildFinished(result);
    if (runAfter)
        run();
}

void BuildRoom::explainUndefinedReferences(const BuildResult &result, Task task)
{
    const bool any = std::any_of(result.diagnostics.cbegin(), result.diagnostics.cend(),
        [](const Diagnostic &d) { return !undefinedSymbolOf(d).isEmpty(); });
    if (!any)
        return;
    m_output->console()->writeLine(
        tr("Looking for the libraries that define the undefined symbols..."), ConsoleView::Style::Note);
    const QList<Diagnostic> diagnostics = result.diagnostics;
    const QStringList built = m_builtLibrary.isEmpty() ? QStringList() : QStringList {m_builtLibrary};
    m_hintJob->startJob([diagnostics, built] { return linkHints(diagnostics, built); },
        [this, task](const QHash<QString, LinkHint> &hints) {
            QStringList texts;
            m_hintFlag.clear();
            for (const LinkHint &h : hints) {
                texts << h.text;
                m_output->console()->writeLine(tr("Hint: %1.").arg(h.text), ConsoleView::Style::Note);
                if (m_hintFlag.isEmpty() && !h.ownLibrary && !h.flag.isEmpty())
                    m_hintFlag = h.flag;
            }
            if (texts.isEmpty()) {
                m_output->console()->writeLine(
                    tr("No library on this machine defines them."), ConsoleView::Style::Note);
                return;
            }
            m_hintTask = task;
            m_bar->setHint(texts.join(u'\n') + u'.',
                m_hintFlag.isEmpty() ? QString() : tr("Add %1 to the Link Flags and Build Again").arg(m_hintFlag));
        });
}

void BuildRoom::showBuilt(const QStringList &paths)
{
    m_artifacts->setArtifacts(paths);
    // A rebuilt file already open in the workspace is read again, so the Inspector shows the new one.
    QList<WorkspaceFile *> reloaded;
    for (const QString &path : paths) {
        WorkspaceFile *file = m_workspace->find(path);
        if (file && !reloaded.contains(file)) {
            m_workspace->reload(file);
            reloaded.append(file);
        }
    }
    if (!paths.isEmpty())
        Q_EMIT openFilesRequested(paths);
}

void BuildRoom::run()
{
    if (!canRun()) {
        updateState();
        return;
    }
    const BuildPlan plan = currentPlan();
    saveSettings();
    RunRequest request;
    request.program = programPath(plan);
    request.arguments = m_program->arguments().valueOr({});
    request.workingDir = plan.outDir;
    // Set even when empty, so an LD_LIBRARY_PATH inherited from the shell does not change the lesson.
    const QString libraryPath = QStringLiteral("LD_LIBRARY_PATH=") + m_program->libraryPath();
    request.environment = {libraryPath};
    m_program->setExplanation({});
    m_output->showConsole();
    m_stdout = QStringDecoder(QStringDecoder::System);
    m_stderr = QStringDecoder(QStringDecoder::System);
    ConsoleView *console = m_output->console();
    if (!console->document()->isEmpty())
        console->writeLine(QString());
    console->writeLine(QStringLiteral("$ ")
            + commandLine(QStringList {libraryPath, QStringLiteral("./") + QFileInfo(request.program).fileName()}
                + request.arguments),
        ConsoleView::Style::Command);
    if (!m_run->start(request))
        console->writeLine(tr("A program is still running."), ConsoleView::Style::Error);
    updateState();
}

void BuildRoom::programOutput(const QByteArray &bytes, bool error)
{
    QStringDecoder &decoder = error ? m_stderr : m_stdout;
    m_output->console()->write(decoder.decode(bytes), error ? ConsoleView::Style::Error : ConsoleView::Style::Output);
}

void BuildRoom::programFinished(const RunResult &result)
{
    const bool ok = result.started && result.exitCode == 0 && result.signal == 0;
    m_output->console()->writeLine(
        tr("%1 %2 (%3)").arg(QFileInfo(programPath(currentPlan())).fileName(), result.summary(), seconds(result.ms)),
        ok ? ConsoleView::Style::Success : ConsoleView::Style::Error);
    if (!result.missingLibrary.isEmpty()) {
        // Where the eye already is (the console), and beside the fields that fix it, with one-click fixes.
        m_output->console()->writeLine(result.explanation, ConsoleView::Style::Note);
        m_program->setExplanation(result.explanation);
    }
    updateState();
    Q_EMIT runFinished(result);
}

void BuildRoom::cancel()
{
    if (sourceList()->isScanning())
        sourceList()->cancelScan();
    else if (m_runner->isRunning())
        m_runner->cancel();
    else if (m_run->isRunning())
        m_run->stop();
}

void BuildRoom::exportBuild(BuildExport::Format format)
{
    const BuildPlan plan = currentPlan();
    const ProgramPlan program = m_program->program();
    const bool withProgram = plan.kind != LibraryKind::Module && !program.sources.isEmpty();
    const BuildExport done = BuildExport::run(this, format, plan, withProgram ? &program : nullptr);
    if (!done.message.isEmpty())
        m_output->console()->writeLine(
            done.message, done.failed ? ConsoleView::Style::Error : ConsoleView::Style::Note);
}

} // namespace linklab
