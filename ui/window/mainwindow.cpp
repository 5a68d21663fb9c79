// SPDX-License-Identifier: MIT
#include "window/mainwindow.h"

#include "builder/buildroom.h"
#include "common/droppedfiles.h"
#include "common/room.h"
#include "common/viewwiring.h"
#include "compare/compareroom.h"
#include "deps/depsroom.h"
#include "inspector/inspectorroom.h"
#include "learn/learnroom.h"
#include "run/runroom.h"
#include "window/recentfiles.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

// The icon lives in linklab_ui, a static library, whose resources are not registered on their own.
static void initResources()
{
    Q_INIT_RESOURCE(linklab);
}

namespace linklab {

namespace {
const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString LastDirectoryKey = QStringLiteral("lastDirectory");
constexpr int StatusTimeout = 8000;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(new WorkspaceModel(this))
    , m_fileList(new QListView)
    , m_roomTabs(new QTabWidget(this))
    , m_busyLabel(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_cancelLoading(new QToolButton(this))
{
    initResources();
    setWindowTitle(tr("LinkLab"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/linklab.svg")));
    setAcceptDrops(true);

    m_roomTabs->setDocumentMode(true);
    setCentralWidget(m_roomTabs);
    registerRooms();

    createWorkspaceDock();
    createActions();

    // Busy state: which part of the file the parse is reading (headers, symbols, relocations) as a step of three,
    // and a way to stop it.
    m_busy->setMaximumWidth(160);
    m_busy->setTextVisible(false);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_cancelLoading->setObjectName(QStringLiteral("cancelLoading"));
    m_cancelLoading->setText(tr("Cancel"));
    m_cancelLoading->setIcon(QIcon::fromTheme(QStringLiteral("process-stop")));
    m_cancelLoading->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancelLoading->setAutoRaise(true);
    m_cancelLoading->setToolTip(tr("Stop reading the file (what is already shown stays until you close it)"));
    connect(m_cancelLoading, &QToolButton::clicked, this, [this] {
        for (WorkspaceFile *file : m_workspace->loadingFiles())
            file->cancelLoad();
        updateBusyState();
    });
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_cancelLoading);
    updateBusyState();

    connect(m_workspace, &WorkspaceModel::fileStateChanged, this, &MainWindow::fileStateChanged);
    connect(m_workspace, &WorkspaceModel::fileProgressChanged, this, &MainWindow::updateBusyState);
    connect(m_fileList->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::currentFileChanged);
    currentFileChanged();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

// The room registry: the one place that lists the rooms, in tab order. A new room is one line here.
void MainWindow::registerRooms()
{
    addRoom(new InspectorRoom(m_workspace));
    addRoom(new BuildRoom(m_workspace));
    addRoom(new DepsRoom);
    addRoom(new RunRoom);
    addRoom(new CompareRoom(m_workspace));
    addRoom(new LearnRoom);
}

void MainWindow::addRoom(Room *room)
{
    m_rooms.append(room);
    m_roomTabs->addTab(room, room->icon(), room->title());
    connect(room, &Room::openFilesRequested, this, [this](const QStringList &paths) { openFiles(paths); });
    connect(room, &Room::showFilesRequested, this, [this](const QStringList &paths) {
        openFiles(paths);
        for (Room *r : std::as_const(m_rooms)) {
            if (r->showsWorkspaceFiles()) {
                raiseRoom(r);
                break;
            }
        }
    });
    connect(room, &Room::raiseRequested, this, [this, room] { raiseRoom(room); });
    connect(room, &Room::dependenciesRequested, this, &MainWindow::showDependencies);
}

void MainWindow::raiseRoom(Room *room)
{
    m_roomTabs->setCurrentWidget(room);
}

void MainWindow::createWorkspaceDock()
{
    m_fileList->setModel(m_workspace);
    m_fileList->setObjectName(QStringLiteral("workspaceList"));
    m_fileList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Two files selected (Ctrl+click) are what Compare Selected Files compares.
    m_fileList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_fileList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_fileList->setIconSize(QSize(22, 22));
    connect(m_fileList, &QWidget::customContextMenuRequested, this, &MainWindow::showWorkspaceMenu);

    auto *dock = new QDockWidget(tr("Workspace"), this);
    dock->setObjectName(QStringLiteral("workspaceDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    dock->setWidget(m_fileList);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {240}, Qt::Horizontal);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(
        QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    open->setToolTip(tr("Open object files, archives, shared libraries or executables (Ctrl+O)"));

    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();

    m_reloadAction = file->addAction(
        QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Re&load"), this, &MainWindow::reloadCurrent);
    m_reloadAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_closeAction = file->addAction(tr("&Close File"), this, &MainWindow::closeCurrent);
    m_closeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    file->addSeparator();
    m_compareAction = file->addAction(tr("Compare Selected &Files"), this, &MainWindow::compareSelected);
    m_compareAction->setObjectName(QStringLiteral("compareFiles"));
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compareAction->setToolTip(tr("Does the newer file break programs linked against the older one? Select two "
                                   "files in the Workspace (Ctrl+click); the upper one is the old one (Ctrl+D)"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    // Export acts on the table in sight, as the tables' own context menus do.
    m_exportCsv = new QAction(tr("Export Table as CS&V…"), this);
    m_exportCsv->setObjectName(QStringLiteral("exportCsv"));
    connect(m_exportCsv, &QAction::triggered, this, [this] {
        if (ViewWiring *table = currentTable())
            table->exportAs(QStringLiteral("csv"));
    });
    m_exportJson = new QAction(tr("Export Table as &JSON…"), this);
    m_exportJson->setObjectName(QStringLiteral("exportJson"));
    connect(m_exportJson, &QAction::triggered, this, [this] {
        if (ViewWiring *table = currentTable())
            table->exportAs(QStringLiteral("json"));
    });
    file->insertActions(quit, {m_exportCsv, m_exportJson});
    file->insertSeparator(quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Ctrl+C and Ctrl+A belong to the focused widget (a table's rows, a field's text, the console): the menu
    // shows the keys but leaves them to it (a window-wide shortcut would take them from every text field).
    m_copy = edit->addAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy Rows"), this, [this] {
        if (ViewWiring *table = currentTable())
            table->copySelection();
    });
    m_copy->setObjectName(QStringLiteral("copyRows"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    m_selectAll = edit->addAction(tr("Select &All Rows"), this, [this] {
        if (ViewWiring *table = currentTable()) {
            table->view()->setFocus();
            table->view()->selectAll();
        }
    });
    m_selectAll->setObjectName(QStringLiteral("selectAllRows"));
    m_selectAll->setShortcut(QKeySequence::SelectAll);
    m_selectAll->setShortcutContext(Qt::WidgetShortcut);
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Filter"), this, &MainWindow::focusFilter);
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    for (QMenu *menu : {file, edit})
        connect(menu, &QMenu::aboutToShow, this, &MainWindow::updateTableActions);
    updateTableActions();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    createRoomActions(view);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LinkLab"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addAction(open);
    tools->addAction(m_reloadAction);
    tools->addAction(m_compareAction);
    connect(m_fileList->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_compareAction->setEnabled(selectedFiles().size() == 2); });
    m_compareAction->setEnabled(false);
}

QList<WorkspaceFile *> MainWindow::selectedFiles() const
{
    // In list order (the order they were opened), so the upper one is the old one.
    QModelIndexList rows = m_fileList->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<WorkspaceFile *> files;
    for (const QModelIndex &index : std::as_const(rows))
        if (WorkspaceFile *f = m_workspace->file(index.row()))
            files.append(f);
    return files;
}

void MainWindow::showDependencies(const QString &path)
{
    for (Room *room : std::as_const(m_rooms)) {
        if (room->showDependencies(path)) {
            raiseRoom(room);
            return;
        }
    }
}

void MainWindow::compareFiles(WorkspaceFile *oldFile, WorkspaceFile *newFile)
{
    for (Room *room : std::as_const(m_rooms)) {
        if (room->compareFiles(oldFile, newFile)) {
            raiseRoom(room);
            return;
        }
    }
}

void MainWindow::compareSelected()
{
    const QList<WorkspaceFile *> files = selectedFiles();
    if (files.size() == 2)
        compareFiles(files[0], files[1]);
    else
        statusBar()->showMessage(
            tr("Select two files in the Workspace to compare (Ctrl+click the second one)"), StatusTimeout);
}

// View > Rooms: one entry per registered room, in tab order, with Ctrl+1..9; Ctrl+Tab and Ctrl+Shift+Tab go
// round them. Built from m_rooms, so a new room gets its entry and key without a line here.
void MainWindow::createRoomActions(QMenu *view)
{
    view->addSection(tr("Rooms"));
    m_roomActions = new QActionGroup(this);
    m_roomActions->setExclusive(true);
    for (int i = 0; i < m_rooms.size(); ++i) {
        Room *room = m_rooms.at(i);
        QAction *action = view->addAction(room->icon(), room->title());
        action->setObjectName(QStringLiteral("room_%1").arg(i + 1));
        action->setCheckable(true);
        action->setActionGroup(m_roomActions);
        if (i < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, room] { raiseRoom(room); });
    }
    view->addSeparator();
    QAction *next = view->addAction(tr("&Next Room"), this, [this] { stepRoom(1); });
    next->setObjectName(QStringLiteral("nextRoom"));
    next->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    QAction *previous = view->addAction(tr("&Previous Room"), this, [this] { stepRoom(-1); });
    previous->setObjectName(QStringLiteral("previousRoom"));
    previous->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab), QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    // The tab bar's own clicks are shown in the menu too.
    connect(m_roomTabs, &QTabWidget::currentChanged, this, [this](int index) {
        const QList<QAction *> actions = m_roomActions->actions();
        if (index >= 0 && index < actions.size())
            actions.at(index)->setChecked(true);
    });
    if (!m_roomActions->actions().isEmpty())
        m_roomActions->actions().at(qMax(0, m_roomTabs->currentIndex()))->setChecked(true);
}

void MainWindow::stepRoom(int step)
{
    const int count = m_roomTabs->count();
    if (count > 0)
        m_roomTabs->setCurrentIndex((m_roomTabs->currentIndex() + step + count) % count);
}

ViewWiring *MainWindow::currentTable() const
{
    // The table with the keyboard focus first, then the one the room on screen shows.
    for (QWidget *w = QApplication::focusWidget(); w && w != this; w = w->parentWidget()) {
        if (ViewWiring *wiring = ViewWiring::of(qobject_cast<QAbstractItemView *>(w)))
            return wiring;
    }
    auto *room = qobject_cast<Room *>(m_roomTabs->currentWidget());
    return room ? ViewWiring::of(room->currentTable()) : nullptr;
}

void MainWindow::updateTableActions()
{
    ViewWiring *table = currentTable();
    m_copy->setEnabled(table && table->hasSelection());
    m_selectAll->setEnabled(table && table->hasRows());
    m_exportCsv->setEnabled(table && table->hasRows());
    m_exportJson->setEnabled(table && table->hasRows());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        // First start: most of the screen, since the Build room shows options, console and source side by side.
        const QSize available = screen() ? screen()->availableSize() : QSize(1280, 800);
        resize(QSize(1600, 1000).boundedTo(available * 0.9).expandedTo(QSize(1024, 700)).boundedTo(available));
    }
    restoreState(settings.value(StateKey).toByteArray());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedLocalPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = droppedLocalPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openPaths(paths);
}

void MainWindow::openPaths(const QStringList &paths)
{
    // The room on screen first, then every room in turn (the Build room takes C sources and folders wherever
    // they are dropped, and comes forward); what no room takes is opened for inspection.
    auto *current = qobject_cast<Room *>(m_roomTabs->currentWidget());
    if (current && current->takeDroppedPaths(paths))
        return;
    for (Room *room : std::as_const(m_rooms)) {
        if (room != current && room->takeDroppedPaths(paths)) {
            raiseRoom(room);
            return;
        }
    }
    openFiles(paths);
}

void MainWindow::openFiles(const QStringList &paths)
{
    // File › Open starts where the last file came from, however it came (dialog, command line, drop, build).
    if (!paths.isEmpty())
        QSettings().setValue(LastDirectoryKey, QFileInfo(paths.constFirst()).absolutePath());
    WorkspaceFile *first = nullptr;
    for (const QString &path : paths) {
        WorkspaceFile *f = m_workspace->open(path);
        if (!first)
            first = f;
    }
    if (first)
        setCurrentFile(first);
    updateBusyState();
}

void MainWindow::receiveFiles(const QStringList &paths)
{
    // As `linklab FILE` in a first window: C sources and folders to the Build room; anything else into the
    // workspace, shown by the room that shows workspace files (a drop's routing would let the room on screen, say
    // Run, take a library instead).
    Room *taker = nullptr;
    for (Room *room : std::as_const(m_rooms)) {
        if (!paths.isEmpty() && room->takeCommandLinePaths(paths)) {
            taker = room;
            break;
        }
    }
    if (taker) {
        raiseRoom(taker);
    } else if (!paths.isEmpty()) {
        openFiles(paths);
        for (Room *room : std::as_const(m_rooms)) {
            if (room->showsWorkspaceFiles()) {
                raiseRoom(room);
                break;
            }
        }
    }
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
}

void MainWindow::openDialog()
{
    QSettings settings;
    const QString dir = settings.value(LastDirectoryKey, QDir::homePath()).toString();
    const QStringList paths
        = QFileDialog::getOpenFileNames(this, tr("Open Files"), dir, openFilters().join(QStringLiteral(";;")));
    if (paths.isEmpty())
        return;
    settings.setValue(LastDirectoryKey, QFileInfo(paths.constFirst()).absolutePath());
    // C sources go to the Build room as a drop would; the rest is opened for inspection.
    openPaths(paths);
}

QStringList MainWindow::openFilters()
{
    // Executables have no suffix: "All files" comes first so that a program can be picked at once.
    return {tr("All files (*)"), tr("Objects, archives and libraries (*.o *.obj *.a *.so *.so.* *.ko)"),
        tr("Object files (*.o *.obj *.ko)"), tr("Static libraries (*.a)"), tr("Shared libraries (*.so *.so.*)"),
        tr("C sources and headers, to build (*.c *.h)")};
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = RecentFiles().files();
    for (const QString &path : files) {
        QAction *action
            = m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { openFiles({path}); });
        action->setToolTip(path);
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear List"), this, [] { RecentFiles().clear(); });
    clear->setEnabled(!files.isEmpty());
}

WorkspaceFile *MainWindow::currentFile() const
{
    return m_workspace->file(m_fileList->currentIndex().row());
}

void MainWindow::setCurrentFile(WorkspaceFile *file)
{
    m_fileList->setCurrentIndex(m_workspace->indexOf(file));
}

void MainWindow::currentFileChanged()
{
    WorkspaceFile *file = currentFile();
    for (Room *room : std::as_const(m_rooms))
        room->setCurrentFile(file);
    setWindowTitle(file ? tr("%1 — LinkLab").arg(file->fileName()) : tr("LinkLab"));
    m_reloadAction->setEnabled(file);
    m_closeAction->setEnabled(file);
}

void MainWindow::reloadCurrent()
{
    if (WorkspaceFile *file = currentFile())
        m_workspace->reload(file);
    updateBusyState();
}

void MainWindow::closeCurrent()
{
    removeFile(currentFile());
}

void MainWindow::removeFile(WorkspaceFile *file)
{
    const int row = m_workspace->rowOf(file);
    if (row < 0)
        return;
    m_workspace->remove(file);
    // The list selects a neighbour by itself; with the last file gone, show the empty state.
    if (m_workspace->rowCount() == 0)
        currentFileChanged();
    updateBusyState();
}

void MainWindow::focusFilter()
{
    if (auto *room = qobject_cast<Room *>(m_roomTabs->currentWidget()))
        room->focusFilter();
}

void MainWindow::showWorkspaceMenu(const QPoint &pos)
{
    WorkspaceFile *file = m_workspace->file(m_fileList->indexAt(pos).row());
    if (!file)
        return;
    QMenu menu(this);
    const QList<WorkspaceFile *> selected = selectedFiles();
    if (selected.size() == 2 && selected.contains(file)) {
        QAction *compare = menu.addAction(
            tr("&Compare %1 → %2").arg(m_workspace->displayName(selected[0]), m_workspace->displayName(selected[1])),
            this, [this, selected] { compareFiles(selected[0], selected[1]); });
        compare->setShortcut(m_compareAction->shortcut());
        menu.addAction(tr("Compare %1 → %2 (&Swapped)")
                           .arg(m_workspace->displayName(selected[1]), m_workspace->displayName(selected[0])),
            this, [this, selected] { compareFiles(selected[1], selected[0]); });
        menu.addSeparator();
    }
    // Compare this file with another one: the upper one in the list is the old one (the room has a swap button).
    QMenu *with = menu.addMenu(tr("Compare &With"));
    with->setObjectName(QStringLiteral("compareWithMenu"));
    const int row = m_workspace->rowOf(file);
    for (WorkspaceFile *other : m_workspace->files()) {
        if (other == file)
            continue;
        WorkspaceFile *older = m_workspace->rowOf(other) < row ? other : file;
        WorkspaceFile *newer = older == file ? other : file;
        with->addAction(tr("%1 → %2").arg(m_workspace->displayName(older), m_workspace->displayName(newer)), this,
            [this, older, newer] { compareFiles(older, newer); });
    }
    if (!with->isEmpty())
        with->addSeparator();
    with->addAction(tr("An Older Version From a File…"), this, [this, file] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Older Version of %1").arg(file->fileName()),
            QFileInfo(file->path()).absolutePath(), openFilters().join(QStringLiteral(";;")));
        if (path.isEmpty())
            return;
        WorkspaceFile *older = m_workspace->open(path);
        compareFiles(older, file);
        updateBusyState();
    });
    menu.addSeparator();
    if (const auto binary = file->binary();
        binary && !binary->isArchive() && binary->kind != BinaryKind::Relocatable && binary->kind != BinaryKind::Core) {
        menu.addAction(tr("Show &Dependencies"), this, [this, file] { showDependencies(file->path()); });
        menu.addSeparator();
    }
    menu.addAction(tr("Re&load"), this, [this, file] {
        m_workspace->reload(file);
        updateBusyState();
    });
    menu.addAction(tr("Copy &Path"), this, [file] { QApplication::clipboard()->setText(file->path()); });
    menu.addSeparator();
    menu.addAction(tr("&Remove from Workspace"), this, [this, file] { removeFile(file); });
    menu.exec(m_fileList->viewport()->mapToGlobal(pos));
}

void MainWindow::fileStateChanged(WorkspaceFile *file)
{
    switch (file->state()) {
    case WorkspaceFile::State::Loading: break;
    case WorkspaceFile::State::Loaded:
        RecentFiles().add(file->path());
        // Which file the message is about must be plain when another one is shown.
        if (file == currentFile() || !currentFile())
            statusBar()->showMessage(
                tr("Loaded %1 in %2 ms").arg(file->fileName()).arg(file->loadMilliseconds()), StatusTimeout);
        else
            statusBar()->showMessage(tr("Loaded %1 in %2 ms (select it in the Workspace; %3 is shown)")
                                         .arg(file->fileName())
                                         .arg(file->loadMilliseconds())
                                         .arg(currentFile()->fileName()),
                StatusTimeout);
        break;
    case WorkspaceFile::State::Failed:
        statusBar()->showMessage(
            tr("Could not open %1: %2").arg(file->fileName(), file->errorMessage()), StatusTimeout);
        break;
    }
    if (file == currentFile())
        currentFileChanged();
    updateBusyState();
}

void MainWindow::updateBusyState()
{
    const QList<WorkspaceFile *> loading = m_workspace->loadingFiles();
    m_busy->setVisible(!loading.isEmpty());
    m_busyLabel->setVisible(!loading.isEmpty());
    m_cancelLoading->setVisible(!loading.isEmpty());
    if (loading.size() == 1) {
        const WorkspaceFile *file = loading.constFirst();
        m_busyLabel->setText(tr("Loading %1: %2 (%3 of %4)…")
                                 .arg(file->fileName(), file->stageText())
                                 .arg(file->stageIndex() + 1)
                                 .arg(WorkspaceFile::stageCount()));
        m_busy->setRange(0, WorkspaceFile::stageCount());
        m_busy->setValue(file->stageIndex());
    } else if (!loading.isEmpty()) {
        m_busyLabel->setText(tr("Loading %1 files…").arg(loading.size()));
        m_busy->setRange(0, 0);
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About LinkLab"), aboutText());
}

QString MainWindow::aboutText() const
{
    // The rooms are listed from the registry, so the box never describes fewer rooms than the window has.
    QStringList rooms;
    for (const Room *room : m_rooms)
        rooms.append(room->title().toHtmlEscaped());
    return tr("<h3>LinkLab %1</h3>"
              "<p>A desktop lab for C libraries on Linux: build static, shared and module libraries from C sources "
              "and link and run a program against them, seeing every real gcc and ar command; open object files, "
              "archives, shared libraries and executables and see their symbols, sections, segments, dynamic "
              "entries and relocations; load a library and call its functions.</p>"
              "<p>Rooms: %2 (View › Rooms, Ctrl+1…).</p>"
              "<p>Every view shows what the reference tools (nm, readelf, the compiler, the loader) would print or "
              "do, in one place; linklab-cli does the same from a shell.</p>"
              "<p>Built with Qt %3. Licensed under the MIT license.</p>")
        .arg(QCoreApplication::applicationVersion(), rooms.join(QStringLiteral(", ")), QString::fromLatin1(qVersion()));
}

} // namespace linklab
