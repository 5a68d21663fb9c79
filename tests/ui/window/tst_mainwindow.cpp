// SPDX-License-Identifier: MIT
#include "dropsimulation.h"
#include "fixturepaths.h"

#include "builder/artifactspanel.h"
#include "builder/buildroom.h"
#include "builder/sourcefiles.h"
#include "builder/sourcelist.h"
#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/jobtracker.h"
#include "common/messagepanel.h"
#include "common/tablepage.h"
#include "deps/depsroom.h"
#include "inspector/archivemembermodel.h"
#include "inspector/archivememberspage.h"
#include "inspector/binaryview.h"
#include "inspector/inspectorpage.h"
#include "inspector/inspectorroom.h"
#include "inspector/overviewpage.h"
#include "inspector/symbolmodel.h"
#include "inspector/symbolspage.h"
#include "window/mainwindow.h"
#include "window/recentfiles.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

using namespace linklab;

namespace {
QStringList names(const QAbstractItemModel *model, int column, const QModelIndex &parent = {})
{
    QStringList values;
    for (int row = 0; row < model->rowCount(parent); ++row)
        values.append(model->index(row, column, parent).data().toString());
    return values;
}

BinaryView *currentView(const MainWindow &window)
{
    InspectorPage *page = window.room<InspectorRoom>()->currentPage();
    return page ? page->binaryView() : nullptr;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void emptyState();
    void dropSeveralFiles();
    void dropSourcesGoToBuild();
    void commandLineSourcesGoToBuild();
    void dropHugeFolder();
    void badPathsShowMessages();
    void brokenFileShowsWarnings();
    void keyboard();
    void rememberedSettings();
    void roomsFromKeyboardAndMenu();
    void dependenciesWithOneClick();
    void tableActionsInMenus();
    void loadsInStages();
    void archiveView();
    void cancelLoading();
    void openRecent();
    void commandLineOpensFiles();
};

void TestMainWindow::initTestCase()
{
    // Settings of the test go to a throw-away location, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinkLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
}

void TestMainWindow::emptyState()
{
    MainWindow window;
    window.show();
    QVERIFY(window.room<InspectorRoom>()->emptyPanel()->isVisible());
    QCOMPARE(window.room<InspectorRoom>()->emptyPanel()->title(), QStringLiteral("Open a file or drop one here"));
    QVERIFY(!window.busyIndicator()->isVisible());
    QCOMPARE(window.rooms().constFirst()->title(), QStringLiteral("Inspector"));
}

void TestMainWindow::dropSourcesGoToBuild()
{
    // A folder of C files dropped on the window while the Inspector shows: they are sources to build, so the
    // Build room takes them and comes forward; nothing is opened for inspection.
    QTemporaryDir dir;
    for (const char *name : {"alpha.c", "beta.c", "alpha.h"}) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("int x;\n");
    }
    MainWindow window;
    window.show();
    QCOMPARE(window.roomTabs()->currentWidget(), window.room<InspectorRoom>());
    QSignalSpy scanned(window.room<BuildRoom>()->sourceList(), &SourceList::scanFinished);
    dropPaths(&window, {dir.path()});
    QCOMPARE(window.roomTabs()->currentWidget(), window.room<BuildRoom>());
    QVERIFY(scanned.wait(20000)); // a folder is scanned off the GUI thread
    QCOMPARE(window.room<BuildRoom>()->sourceList()->files(),
        (QStringList {dir.filePath(QStringLiteral("alpha.c")), dir.filePath(QStringLiteral("alpha.h")),
            dir.filePath(QStringLiteral("beta.c"))}));
    QCOMPARE(window.workspace()->rowCount(), 0);

    // A library dropped while the Build room shows is inspected.
    dropPaths(&window, {QStringLiteral(LINKLAB_FIXTURE_SHARED)});
    QCOMPARE(window.workspace()->rowCount(), 1);
    QCOMPARE(window.room<BuildRoom>()->sourceList()->count(), 3);
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
}

void TestMainWindow::commandLineSourcesGoToBuild()
{
    // `linklab FOLDER` (or a folder sent to the running window): its C sources go to the Build room, which comes
    // forward; a C file that does not exist is not taken, and the workspace says what is wrong with it.
    QTemporaryDir dir;
    for (const char *name : {"one.c", "two.c"}) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("int y;\n");
    }
    MainWindow window;
    window.show();
    QSignalSpy scanned(window.room<BuildRoom>()->sourceList(), &SourceList::scanFinished);
    window.receiveFiles({dir.path()});
    QCOMPARE(window.roomTabs()->currentWidget(), window.room<BuildRoom>());
    QVERIFY(scanned.wait(20000));
    QCOMPARE(window.room<BuildRoom>()->sourceList()->files(),
        (QStringList {dir.filePath(QStringLiteral("one.c")), dir.filePath(QStringLiteral("two.c"))}));
    QCOMPARE(window.workspace()->rowCount(), 0);

    window.receiveFiles({dir.filePath(QStringLiteral("missing.c"))});
    QCOMPARE(window.workspace()->rowCount(), 1);
    QCOMPARE(window.roomTabs()->currentWidget(), window.room<InspectorRoom>());
    QCOMPARE(window.room<BuildRoom>()->sourceList()->count(), 2);
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
}

void TestMainWindow::dropSeveralFiles()
{
    MainWindow window;
    window.show();
    dropPaths(&window, {QStringLiteral(LINKLAB_FIXTURE_SHARED), QStringLiteral(LINKLAB_FIXTURE_STATIC)});
    QCOMPARE(window.workspace()->rowCount(), 2);
    // The parse runs in the background: the window shows that it is busy.
    QVERIFY(window.busyIndicator()->isVisible());
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
    QVERIFY(!window.busyIndicator()->isVisible());

    const QString sharedName = QFileInfo(QStringLiteral(LINKLAB_FIXTURE_SHARED)).fileName();
    QCOMPARE(names(window.fileList()->model(), 0), (QStringList {sharedName, QStringLiteral("libfixture.a")}));
    QCOMPARE(window.currentFile(), window.workspace()->file(0));

    // The Symbols view of the shared library lists the fixture's exports, demangled.
    BinaryView *view = currentView(window);
    QVERIFY(view);
    QVERIFY(view->symbols());
    const QStringList symbols = names(view->symbols()->proxy(), SymbolModel::NameColumn);
    for (const char *name : {"fixture_add", "fixture_strlen", "fixture_counter", "fixture::scale(int, int)"})
        QVERIFY2(symbols.contains(QLatin1String(name)), name);
    QVERIFY(view->overview()->sentence().contains(QStringLiteral("libfixture.so.1")));

    // The archive: members, their symbols, and a member's own views.
    window.fileList()->setCurrentIndex(window.workspace()->index(1));
    view = currentView(window);
    QVERIFY(view && view->members());
    QVERIFY(view->archiveIndex());
    TablePage *tree = view->members()->tree();
    QCOMPARE(names(tree->proxy(), 0),
        (QStringList {QStringLiteral("strfix.c.o"), QStringLiteral("mathfix.c.o"), QStringLiteral("cppfix.cpp.o")}));
    tree->view()->setCurrentIndex(tree->proxy()->index(1, 0));
    BinaryView *member = view->members()->memberView();
    QVERIFY(member && member->symbols());
    QVERIFY(names(member->symbols()->proxy(), SymbolModel::NameColumn).contains(QStringLiteral("fixture_hypot")));

    // Dropping the same files again selects them instead of adding them twice.
    dropPaths(&window, {QStringLiteral(LINKLAB_FIXTURE_SHARED)});
    QCOMPARE(window.workspace()->rowCount(), 2);
    QCOMPARE(window.currentFile(), window.workspace()->file(0));

    QVERIFY(RecentFiles().files().contains(window.workspace()->file(0)->path()));
}

void TestMainWindow::dropHugeFolder()
{
    // /usr holds far more C headers than any library: the drop returns at once (the scan runs as a job), the
    // window keeps handling events while it runs, and the scan stops at the cap instead of walking all of /usr.
    MainWindow window;
    window.show();
    SourceList *list = window.room<BuildRoom>()->sourceList();
    QSignalSpy scanned(list, &SourceList::scanFinished);
    dropPaths(&window, {QStringLiteral("/usr")});
    QVERIFY(list->isScanning());
    QVERIFY(scanned.isEmpty());
    QVERIFY(scanned.wait(120000));
    QCOMPARE(scanned.first().at(1).toBool(), true); // capped
    // The first MaxScannedSourceFiles files found, each listed once (a few in /usr are symlinks to others).
    QVERIFY2(list->count() <= MaxScannedSourceFiles && list->count() > MaxScannedSourceFiles / 2,
        qPrintable(QString::number(list->count())));
    QVERIFY(!list->isScanning());
}

void TestMainWindow::badPathsShowMessages()
{
    MainWindow window;
    window.show();
    const QString directory = QStringLiteral(LINKLAB_FIXTURE_DIR);
    const QString textFile = QStringLiteral(LINKLAB_SOURCE_DIR "/tests/fixtures/fixture.map");
    window.openFiles({directory, textFile, QStringLiteral(LINKLAB_FIXTURE_OBJECT)});
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
    QCOMPARE(window.workspace()->file(0)->state(), WorkspaceFile::State::Failed);
    QCOMPARE(window.workspace()->file(1)->state(), WorkspaceFile::State::Failed);
    QCOMPARE(window.workspace()->file(2)->state(), WorkspaceFile::State::Loaded);

    for (int row : {0, 1}) {
        window.fileList()->setCurrentIndex(window.workspace()->index(row));
        WorkspaceFile *file = window.workspace()->file(row);
        InspectorPage *page = window.room<InspectorRoom>()->currentPage();
        QVERIFY(page);
        QVERIFY(!page->binaryView());
        QVERIFY(page->messagePanel()->isVisible());
        QCOMPARE(page->messagePanel()->title(), QStringLiteral("Could not open %1").arg(file->fileName()));
        QVERIFY(page->messagePanel()->text().contains(file->errorMessage()));
    }
    // A good file opened in the same batch is unaffected.
    window.fileList()->setCurrentIndex(window.workspace()->index(2));
    QVERIFY(currentView(window));
}

void TestMainWindow::brokenFileShowsWarnings()
{
    // The fixture without its last bytes: the section header table (at the end) is cut off, the
    // program headers and dynamic section are intact, so the file opens with warnings.
    QFile source(QStringLiteral(LINKLAB_FIXTURE_SHARED));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    QTemporaryDir dir;
    QFile broken(dir.filePath(QStringLiteral("libbroken.so")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(bytes.left(bytes.size() - 256));
    broken.close();

    MainWindow window;
    window.show();
    window.openFiles({broken.fileName()});
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
    QCOMPARE(window.currentFile()->state(), WorkspaceFile::State::Loaded);
    BinaryView *view = currentView(window);
    QVERIFY(view);
    QVERIFY(!view->overview()->warnings().isEmpty());
    QCOMPARE(view->overview()->warnings(), window.currentFile()->binary()->warnings);
    auto *label = view->overview()->findChild<QLabel *>(QStringLiteral("overviewWarnings"));
    QVERIFY(label && label->isVisible());
    QVERIFY(label->text().contains(view->overview()->warnings().constFirst()));
    // The workspace list says so too, in its tooltip.
    const QString tip = window.workspace()->index(0, 0).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(view->overview()->warnings().constFirst()), qPrintable(tip));
}

void TestMainWindow::keyboard()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.openFiles({QStringLiteral(LINKLAB_FIXTURE_SHARED), QStringLiteral(LINKLAB_FIXTURE_OBJECT)});
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
    QCOMPARE(window.currentFile(), window.workspace()->file(0));

    // Ctrl+F: from the overview to the symbol filter.
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    BinaryView *view = currentView(window);
    QCOMPARE(view->currentWidget(), static_cast<QWidget *>(view->symbols()));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(view->symbols()->filterBar()->lineEdit()));

    // F5 reloads: loading, then loaded again with a new value, keeping the tab, the filter and the sort.
    view->symbols()->filterBar()->setMode(TextFilter::Mode::Wildcard);
    view->symbols()->filterBar()->setPattern(QStringLiteral("fixture_*d"));
    view->symbols()->view()->sortByColumn(SymbolModel::ValueColumn, Qt::DescendingOrder);
    const int shownBefore = view->symbols()->proxy()->rowCount();
    QVERIFY(shownBefore > 0);
    const auto before = window.currentFile()->binary();
    QTest::keyClick(&window, Qt::Key_F5);
    QCOMPARE(window.currentFile()->state(), WorkspaceFile::State::Loading);
    QTRY_COMPARE(window.currentFile()->state(), WorkspaceFile::State::Loaded);
    QVERIFY(window.currentFile()->binary() != before);
    BinaryView *reloaded = currentView(window);
    QVERIFY(reloaded != view);
    QCOMPARE(reloaded->currentWidget(), static_cast<QWidget *>(reloaded->symbols()));
    const TextFilter kept = reloaded->symbols()->filterBar()->filter();
    QCOMPARE(kept.pattern(), QStringLiteral("fixture_*d"));
    QCOMPARE(kept.mode(), TextFilter::Mode::Wildcard);
    QCOMPARE(reloaded->symbols()->proxy()->rowCount(), shownBefore);
    QCOMPARE(reloaded->symbols()->view()->header()->sortIndicatorSection(), int(SymbolModel::ValueColumn));
    QCOMPARE(reloaded->symbols()->view()->header()->sortIndicatorOrder(), Qt::DescendingOrder);

    // Ctrl+W closes the current file; the other one is selected.
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(window.workspace()->rowCount(), 1);
    QCOMPARE(window.currentFile(), window.workspace()->file(0));
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(window.workspace()->rowCount(), 0);
    QVERIFY(window.room<InspectorRoom>()->emptyPanel()->isVisible());
}

void TestMainWindow::rememberedSettings()
{
    {
        MainWindow window;
        window.resize(900, 650);
        window.show();
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.size(), QSize(900, 650));
}

void TestMainWindow::dependenciesWithOneClick()
{
    // From what the Build room made, and from the workspace's menu: the Dependencies room comes forward with the
    // file resolved.
    MainWindow window;
    window.show();
    auto *deps = window.room<DepsRoom>();
    QVERIFY(deps);
    auto *artifacts = window.room<BuildRoom>()->findChild<ArtifactsPanel *>();
    QVERIFY(artifacts);
    artifacts->setArtifacts({QStringLiteral(LINKLAB_FIXTURE_STATIC), QStringLiteral(LINKLAB_FIXTURE_SHARED)});
    QVERIFY(artifacts->dependenciesButton()->isEnabled()); // the only loadable one: the shared library
    QSignalSpy resolved(deps, &DepsRoom::resolved);
    QTest::mouseClick(artifacts->dependenciesButton(), Qt::LeftButton);
    QCOMPARE(window.roomTabs()->currentWidget(), static_cast<QWidget *>(deps));
    QCOMPARE(deps->file(), QStringLiteral(LINKLAB_FIXTURE_SHARED));
    QVERIFY(resolved.wait(20000));
    QCOMPARE(deps->graph()->nodes.first().path, QStringLiteral(LINKLAB_FIXTURE_SHARED));

    // An archive alone: nothing the loader loads, so the button stays off.
    artifacts->setArtifacts({QStringLiteral(LINKLAB_FIXTURE_STATIC)});
    QVERIFY(!artifacts->dependenciesButton()->isEnabled());

    // The workspace's menu on a program: "Show Dependencies" resolves it in the room, brought forward.
    window.roomTabs()->setCurrentIndex(0);
    window.openFiles({QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH)});
    QTRY_VERIFY(window.workspace()->rowCount() == 1 && window.workspace()->file(0)->binary());
    bool offered = false;
    QTimer::singleShot(0, this, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *a : menu->actions()) {
            if (a->text() == QLatin1String("Show &Dependencies")) {
                offered = true;
                a->trigger();
            }
        }
        menu->close();
    });
    resolved.clear();
    const QRect row = window.fileList()->visualRect(window.workspace()->index(0));
    emit window.fileList()->customContextMenuRequested(row.center());
    QVERIFY(offered);
    QCOMPARE(window.roomTabs()->currentWidget(), static_cast<QWidget *>(deps));
    QCOMPARE(deps->file(), QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH));
    // The menu's own event loop may have delivered the graph already.
    QTRY_VERIFY_WITH_TIMEOUT(
        deps->graph() && deps->graph()->file == QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH), 20000);
}

void TestMainWindow::roomsFromKeyboardAndMenu()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const QList<Room *> rooms = window.rooms();
    QVERIFY(rooms.size() >= 2);
    // One View menu entry per registered room, in tab order, with Ctrl+1..N.
    auto *view = window.findChild<QMenu *>(QStringLiteral("viewMenu"));
    QVERIFY(view);
    for (int i = 0; i < rooms.size(); ++i) {
        auto *action = window.findChild<QAction *>(QStringLiteral("room_%1").arg(i + 1));
        QVERIFY(action);
        QVERIFY(view->actions().contains(action));
        QCOMPARE(action->text(), rooms.at(i)->title());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    for (int i = int(rooms.size()) - 1; i >= 0; --i) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(window.roomTabs()->currentWidget(), static_cast<QWidget *>(rooms.at(i)));
        QVERIFY(window.findChild<QAction *>(QStringLiteral("room_%1").arg(i + 1))->isChecked());
    }
    // Ctrl+Tab goes round, Ctrl+Shift+Tab back.
    QCOMPARE(window.roomTabs()->currentIndex(), 0);
    QTest::keyClick(&window, Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.roomTabs()->currentIndex(), 1);
    QTest::keyClick(&window, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window.roomTabs()->currentIndex(), 0);
    QTest::keyClick(&window, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window.roomTabs()->currentIndex(), int(rooms.size()) - 1);
    // The menu entry does what the key does.
    window.findChild<QAction *>(QStringLiteral("room_1"))->trigger();
    QCOMPARE(window.roomTabs()->currentIndex(), 0);
    // The About box names every room, and File › Open offers the kinds of files LinkLab takes.
    for (const Room *room : rooms)
        QVERIFY2(window.aboutText().contains(room->title()), qPrintable(room->title()));
    const QString filters = MainWindow::openFilters().join(u' ');
    for (const char *pattern : {"*.o", "*.a", "*.so", "*.c", "(*)"})
        QVERIFY2(filters.contains(QLatin1String(pattern)), pattern);
}

void TestMainWindow::tableActionsInMenus()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *copy = window.findChild<QAction *>(QStringLiteral("copyRows"));
    auto *selectAll = window.findChild<QAction *>(QStringLiteral("selectAllRows"));
    auto *exportCsv = window.findChild<QAction *>(QStringLiteral("exportCsv"));
    auto *exportJson = window.findChild<QAction *>(QStringLiteral("exportJson"));
    QVERIFY(copy && selectAll && exportCsv && exportJson);
    const auto refresh = [&] {
        // The menus refresh their entries as they open.
        for (QMenu *menu : window.menuBar()->findChildren<QMenu *>())
            Q_EMIT menu->aboutToShow();
    };
    refresh();
    QVERIFY(!selectAll->isEnabled()); // no table in sight
    QVERIFY(!exportCsv->isEnabled());

    window.openFiles({QStringLiteral(LINKLAB_FIXTURE_SHARED)});
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
    BinaryView *binary = currentView(window);
    binary->setCurrentWidget(binary->symbols());
    refresh();
    QVERIFY(selectAll->isEnabled());
    QVERIFY(exportCsv->isEnabled());
    QVERIFY(exportJson->isEnabled());
    QVERIFY(!copy->isEnabled()); // nothing selected yet

    // Edit > Select All Rows, then Edit > Copy Rows: every symbol on the clipboard, header first.
    selectAll->trigger();
    QTreeView *table = binary->symbols()->view();
    QCOMPARE(table->selectionModel()->selectedRows().size(), table->model()->rowCount());
    refresh();
    QVERIFY(copy->isEnabled());
    QApplication::clipboard()->clear();
    copy->trigger();
    const QStringList lines = QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), table->model()->rowCount() + 1);
    QVERIFY(lines.join(u'\n').contains(QStringLiteral("fixture_")));

    // The Sections tab: the menus act on it now.
    binary->setCurrentWidget(binary->sections());
    selectAll->trigger();
    QCOMPARE(binary->sections()->view()->selectionModel()->selectedRows().size(),
        binary->sections()->view()->model()->rowCount());
}

void TestMainWindow::loadsInStages()
{
    // The Overview is shown before the symbols are in, and meanwhile the Symbols tab says it is reading them
    // (never disabled as "stripped"); then the symbols and the relocations fill their tabs in place.
    MainWindow window;
    window.show();
    window.openFiles({QStringLiteral(LINKLAB_FIXTURE_SHARED)});
    WorkspaceFile *file = window.currentFile();
    QVERIFY(file);
    QList<LoadStage> seen;
    bool pendingShownAtFacts = false;
    bool overviewSaidReading = false;
    connect(file, &WorkspaceFile::stageArrived, this, [&] {
        seen.append(file->partialStage());
        BinaryView *view = currentView(window);
        if (file->partialStage() == LoadStage::Facts && view) {
            const int tab = view->indexOf(view->pendingSymbols());
            pendingShownAtFacts = !view->symbols() && tab >= 0 && view->isTabEnabled(tab)
                && view->tabText(tab) == QStringLiteral("Symbols");
            overviewSaidReading = view->overview()->facts().contains(QStringLiteral("Symbols: reading…"));
        }
    });
    QTRY_COMPARE(file->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(seen, (QList<LoadStage> {LoadStage::Facts, LoadStage::Symbols}));
    QVERIFY(pendingShownAtFacts);
    QVERIFY(overviewSaidReading);
    BinaryView *view = currentView(window);
    QVERIFY(view->symbols());
    QVERIFY(view->symbols()->model()->rowCount() > 0);
    QVERIFY(view->relocations());
    QVERIFY(!view->pendingSymbols());
    QVERIFY(!view->pendingRelocations());
    QCOMPARE(view->stage(), LoadStage::Complete);
    QVERIFY(!view->overview()->facts().join(u'\n').contains(QStringLiteral("reading…")));
    QVERIFY(!window.busyIndicator()->isVisible());
}

void TestMainWindow::archiveView()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    window.openFiles({QStringLiteral(LINKLAB_FIXTURE_STATIC)});
    QTRY_COMPARE(window.currentFile()->state(), WorkspaceFile::State::Loaded);
    BinaryView *view = currentView(window);
    ArchiveMembersPage *members = view->members();
    QVERIFY(members);
    view->setCurrentWidget(members);
    QTRY_VERIFY(members->isVisible());
    const BinaryInfo &archive = *window.currentFile()->binary();
    int symbols = 0;
    int inStrfix = 0;
    for (const ArchiveMember &m : archive.members) {
        symbols += int(m.binary->symbols.size());
        if (m.name == QStringLiteral("strfix.c.o"))
            inStrfix = int(m.binary->symbols.size());
    }
    // Members and symbols are counted apart.
    QLabel *count = members->tree()->countLabel();
    QCOMPARE(count->text(), QStringLiteral("3 members, %1 symbols").arg(symbols));

    // The tree is as wide as its names need (the splitter gives it room), not cut while the detail pane idles.
    QTreeView *tree = members->tree()->view();
    QVERIFY(tree->columnWidth(ArchiveMemberModel::NameColumn)
        > tree->fontMetrics().horizontalAdvance(QStringLiteral("cppfix.cpp.o")));
    QVERIFY2(members->splitter()->sizes().constFirst()
            >= tree->columnWidth(ArchiveMemberModel::NameColumn) + tree->columnWidth(ArchiveMemberModel::TypeColumn),
        qPrintable(QStringLiteral("%1 < %2 + %3")
                       .arg(members->splitter()->sizes().constFirst())
                       .arg(tree->columnWidth(ArchiveMemberModel::NameColumn))
                       .arg(tree->columnWidth(ArchiveMemberModel::TypeColumn))));

    // strfix.c.o shown, then a filter that only mathfix.c.o matches: strfix leaves the tree and the detail pane.
    QVERIFY(members->selectMember(QStringLiteral("strfix.c.o")));
    QVERIFY(members->memberView());
    members->tree()->filterBar()->setPattern(QStringLiteral("fixture_strlen"));
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    // While filtering, a member says how many of its symbols are shown.
    const QModelIndex strfix = tree->model()->index(0, ArchiveMemberModel::TypeColumn);
    QVERIFY2(strfix.data().toString().endsWith(QStringLiteral("1 of %1 symbols").arg(inStrfix)),
        qPrintable(strfix.data().toString()));
    QCOMPARE(count->text(), QStringLiteral("1 of 3 members, 1 of %1 symbols").arg(symbols));
    members->tree()->filterBar()->setPattern(QStringLiteral("fixture_hypot"));
    QTRY_COMPARE(tree->model()->rowCount(), 1);
    QCOMPARE(members->shownMember(), -1);
    QVERIFY(!members->memberView());

    // Archive Index: a double-click goes to the member that defines the symbol, through the filter.
    view->setCurrentWidget(view->archiveIndex());
    QTreeView *index = view->archiveIndex()->view();
    int row = -1;
    for (int r = 0; r < index->model()->rowCount(); ++r) {
        if (index->model()->index(r, 0).data().toString() == QStringLiteral("fixture_copy"))
            row = r;
    }
    QVERIFY(row >= 0);
    const QModelIndex entry = index->model()->index(row, 0);
    index->scrollTo(entry);
    // As a person double-clicks: a press and release, then the double click on the same row.
    QTest::mouseClick(index->viewport(), Qt::LeftButton, {}, index->visualRect(entry).center());
    QTest::mouseDClick(index->viewport(), Qt::LeftButton, {}, index->visualRect(entry).center());
    QCOMPARE(view->currentWidget(), static_cast<QWidget *>(members));
    QVERIFY(members->memberView());
    QCOMPARE(archive.members.at(members->shownMember()).name, QStringLiteral("strfix.c.o"));
    QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("fixture_copy"));
}

void TestMainWindow::cancelLoading()
{
    // The status bar says what is being read and offers Cancel; a cancelled first load says so, and nothing of
    // the stopped parse arrives later.
    MainWindow window;
    window.show();
    window.openFiles({QStringLiteral(LINKLAB_FIXTURE_SHARED)});
    WorkspaceFile *file = window.currentFile();
    QCOMPARE(file->state(), WorkspaceFile::State::Loading);
    QVERIFY(window.cancelLoadingButton()->isVisible());
    QVERIFY2(window.busyLabel()->text().contains(QStringLiteral("reading the headers (1 of 3)")),
        qPrintable(window.busyLabel()->text()));
    QTest::mouseClick(window.cancelLoadingButton(), Qt::LeftButton);
    QCOMPARE(file->state(), WorkspaceFile::State::Failed);
    QVERIFY(file->errorMessage().contains(QStringLiteral("cancelled")));
    QVERIFY(!window.cancelLoadingButton()->isVisible());
    // Let the worker finish whatever it had started, then deliver anything it queued: the file stays cancelled.
    JobTracker::pool()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(file->state(), WorkspaceFile::State::Failed);
    InspectorPage *page = window.room<InspectorRoom>()->currentPage();
    QVERIFY(page);
    QCOMPARE(page->currentWidget(), static_cast<QWidget *>(page->messagePanel()));
    QVERIFY(page->messagePanel()->text().contains(QStringLiteral("cancelled")));
    // F5 reads it again.
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE(file->state(), WorkspaceFile::State::Loaded);
    QVERIFY(currentView(window)->symbols());
}

// File > Open Recent lists what was opened, most recent first, and choosing an entry opens that very file: the
// Inspector then shows its name and its own overview.
void TestMainWindow::openRecent()
{
    RecentFiles().clear();
    const QString shared = QStringLiteral(LINKLAB_FIXTURE_SHARED);
    const QString object = QStringLiteral(LINKLAB_FIXTURE_OBJECT);
    {
        MainWindow first;
        first.show();
        first.openFiles({shared});
        QTRY_VERIFY(first.workspace()->loadingFiles().isEmpty());
        first.openFiles({object});
        QTRY_VERIFY(first.workspace()->loadingFiles().isEmpty());
    }
    const QString objectPath = QFileInfo(object).canonicalFilePath();
    const QString sharedPath = QFileInfo(shared).canonicalFilePath();

    MainWindow window;
    window.show();
    auto *menu = window.findChild<QMenu *>(QStringLiteral("recentMenu"));
    QVERIFY(menu);
    QMetaObject::invokeMethod(menu, "aboutToShow");
    QStringList entries;
    QAction *sharedEntry = nullptr;
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            break; // then "Clear List"
        entries << a->text();
        if (QFileInfo(a->text()).canonicalFilePath() == sharedPath)
            sharedEntry = a;
    }
    QCOMPARE(entries.size(), 2); // most recent first
    QCOMPARE(QFileInfo(entries[0]).canonicalFilePath(), objectPath);
    QCOMPARE(QFileInfo(entries[1]).canonicalFilePath(), sharedPath);
    QVERIFY(sharedEntry);
    QCOMPARE(window.workspace()->rowCount(), 0);
    sharedEntry->trigger();
    QCOMPARE(window.workspace()->rowCount(), 1);
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
    QCOMPARE(window.currentFile()->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(QFileInfo(window.currentFile()->path()).canonicalFilePath(), sharedPath);
    BinaryView *view = currentView(window);
    QVERIFY(view);
    QCOMPARE(QFileInfo(view->binary()->path).canonicalFilePath(), sharedPath);
    QCOMPARE(view->sections()->proxy()->rowCount(), int(view->binary()->sections.size()));
    QVERIFY2(view->overview()->sentence().startsWith(QStringLiteral("Shared library for ")),
        qPrintable(view->overview()->sentence()));
    QVERIFY(view->overview()->sentence().contains(QStringLiteral("SONAME libfixture.so.1")));
    // Opening it moved it to the front of the list.
    QCOMPARE(RecentFiles().files().constFirst(), window.currentFile()->path());
}

// `linklab FILE...` opens each file: the real program, started as a user starts it, records each one in its
// recent files once it has loaded (in a settings folder of the test's own).
void TestMainWindow::commandLineOpensFiles()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    const QString shared = QFileInfo(QStringLiteral(LINKLAB_FIXTURE_SHARED)).absoluteFilePath();
    const QString archive = QFileInfo(QStringLiteral(LINKLAB_FIXTURE_STATIC)).absoluteFilePath();
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Its own runtime folder, so a LinkLab the user has open (single instance: its socket lives there) does not
    // take the files instead.
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), config.path());
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(LINKLAB_GUI), {shared, archive});
    QVERIFY2(app.waitForStarted(30000), qPrintable(app.errorString()));
    const QString settingsFile = config.filePath(QStringLiteral("LinkLab/LinkLab.conf"));
    const auto recent = [&] {
        return QSettings(settingsFile, QSettings::IniFormat).value(QStringLiteral("recentFiles")).toStringList();
    };
    QTRY_COMPARE_WITH_TIMEOUT(recent().size(), qsizetype(2), 60000);
    QCOMPARE(QSet<QString>(recent().cbegin(), recent().cend()), (QSet<QString> {shared, archive}));
    QCOMPARE(app.state(), QProcess::Running); // it opened them and is still showing them
    app.terminate();
    QVERIFY(app.waitForFinished(30000));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
