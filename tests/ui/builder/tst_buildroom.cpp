// SPDX-License-Identifier: MIT
#include "dropsimulation.h"

#include "binary/openbinary.h"
#include "builder/artifactspanel.h"
#include "builder/buildbar.h"
#include "builder/buildoptions.h"
#include "builder/buildoutputview.h"
#include "builder/buildroom.h"
#include "builder/diagnosticmodel.h"
#include "builder/programpanel.h"
#include "builder/sourcelist.h"
#include "common/consoleview.h"
#include "common/elidedlabel.h"
#include "common/filterbar.h"
#include "common/sourceviewer.h"
#include "common/tablepage.h"
#include "inspector/binaryview.h"
#include "inspector/inspectorpage.h"
#include "inspector/inspectorroom.h"
#include "inspector/overviewpage.h"
#include "window/mainwindow.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAbstractScrollArea>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QDirIterator>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMap>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>

using namespace linklab;

namespace {
constexpr int BuildTimeout = 60000; // a cold gcc on a busy 2-core machine; normally well under a second

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

// A drop on the source list lands where Qt delivers it, the viewport; a folder is scanned off the GUI thread,
// so wait until the list says the scan is over.
void dropOn(SourceList *list, const QStringList &paths)
{
    QSignalSpy scanned(list, &SourceList::scanFinished);
    dropPaths(list->viewport(), paths);
    if (scanned.isEmpty())
        QVERIFY(scanned.wait(20000));
}

QString consoleText(const BuildRoom *room)
{
    return room->output()->console()->toPlainText();
}

// Clicks Build and waits for the build to end; returns its result.
// Every file in the folders of the room's sources and headers, outside its output folder: hash and mtime.
QMap<QString, QPair<QByteArray, qint64>> sourceSnapshot(BuildRoom *room)
{
    const QString out = QDir::cleanPath(room->options()->outDir());
    QSet<QString> folders;
    for (const QString &file : room->sourceList()->sources() + room->sourceList()->headers())
        folders.insert(QFileInfo(file).absolutePath());
    QMap<QString, QPair<QByteArray, qint64>> files;
    for (const QString &folder : std::as_const(folders)) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.startsWith(out + u'/'))
                continue;
            QFile f(path);
            const QByteArray bytes = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
            files.insert(path,
                {QCryptographicHash::hash(bytes, QCryptographicHash::Sha256),
                    it.fileInfo().lastModified().toMSecsSinceEpoch()});
        }
    }
    return files;
}

// Clicks Build and waits for the result. Whatever the outcome, no file beside the sources may have changed
// ("your sources are never modified").
BuildResult clickBuild(BuildRoom *room)
{
    const auto before = sourceSnapshot(room);
    const auto guard = qScopeGuard([&] {
        if (sourceSnapshot(room) != before)
            QTest::qFail("the build changed a file beside its sources", __FILE__, __LINE__);
    });
    QSignalSpy finished(room, &BuildRoom::buildFinished);
    QPushButton *build = room->buildBar()->buildButton();
    if (!build->isEnabled())
        qWarning("Build is disabled: %s", qPrintable(room->buildBar()->message()));
    QTest::mouseClick(build, Qt::LeftButton);
    if (finished.isEmpty() && !finished.wait(BuildTimeout))
        return {};
    return finished.constFirst().constFirst().value<BuildResult>();
}

void setKind(BuildRoom *room, LibraryKind kind)
{
    auto *radio = room->findChild<QRadioButton *>(QStringLiteral("kind_") + kindKey(kind));
    QVERIFY(radio);
    radio->click();
    QCOMPARE(room->options()->kind(), kind);
}

// The window opens on the Inspector; a person clicks the Build tab.
BuildRoom *showBuildRoom(MainWindow &window)
{
    window.show();
    auto *rooms = qobject_cast<QTabWidget *>(window.centralWidget());
    if (!rooms)
        return nullptr;
    rooms->setCurrentWidget(window.room<BuildRoom>());
    return window.room<BuildRoom>();
}

// Types into a field as a person does, so the widget knows the value was chosen.
void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}
} // namespace

class TestBuildRoom : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void buildSharedLibrary();
    void errorsOpenTheSource();
    void diagnosticsTableSortsAndFilters();
    void linkAndRunProgram();
    void cancelAndStop();
    void undefinedReferenceGetsTheLibraryAndTheFix();
    void badFieldsBlockBuild();
    void exampleProject();
    void mainGoesToTheProgram();
    void viewerFollowsTheFile();
    void rebuildKeepsOneWorkspaceEntry();
    void projectSwitchLeavesNothingBehind();
    void fitsSmallScreens_data();
    void fitsSmallScreens();

public Q_SLOTS:
    // Stands in for the desktop's "open this file" (QDesktopServices::setUrlHandler), so no editor starts.
    void openUrl(const QUrl &url) { m_opened.append(url); }

private:
    QTemporaryDir m_tmp;
    QList<QUrl> m_opened;
};

void TestBuildRoom::initTestCase()
{
    // Settings of the test go to a throw-away location, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LinkLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_buildroom"));
    QVERIFY(m_tmp.isValid());
}

void TestBuildRoom::init()
{
    QSettings().clear();
}

void TestBuildRoom::buildSharedLibrary()
{
    const QDir dir(m_tmp.filePath(QStringLiteral("demo")));
    writeFile(
        dir.filePath(QStringLiteral("add.c")), "#include \"demo.h\"\nint demo_add(int a, int b) { return a + b; }\n");
    writeFile(
        dir.filePath(QStringLiteral("mul.c")), "#include \"demo.h\"\nint demo_mul(int a, int b) { return a * b; }\n");
    writeFile(dir.filePath(QStringLiteral("demo.h")), "int demo_add(int, int);\nint demo_mul(int, int);\n");

    MainWindow window;
    BuildRoom *room = showBuildRoom(window);
    QVERIFY(room);
    QCOMPARE(room->title(), QStringLiteral("Build"));
    SourceList *list = room->sourceList();
    QCOMPARE(list->count(), 0);
    QVERIFY(!room->buildBar()->buildButton()->isEnabled());

    dropOn(list,
        {dir.filePath(QStringLiteral("add.c")), dir.filePath(QStringLiteral("mul.c")),
            dir.filePath(QStringLiteral("demo.h"))});
    QCOMPARE(list->sources().size(), 2);
    QCOMPARE(list->headers(), QStringList {dir.filePath(QStringLiteral("demo.h"))});
    // Dropping the whole folder again adds nothing: every file is listed already.
    dropOn(list, {dir.absolutePath()});
    QCOMPARE(list->count(), 3);

    setKind(room, LibraryKind::Shared);
    // The name and the output folder follow the sources' folder.
    QCOMPARE(room->findChild<QLineEdit *>(QStringLiteral("libraryName"))->text(), QStringLiteral("demo"));
    const QString outDir = dir.filePath(QStringLiteral("build-linklab"));
    QCOMPARE(room->options()->outDir(), outDir);
    QVERIFY(room->findChild<QLabel *>(QStringLiteral("artifactPreview"))->text().contains(u"libdemo.so"));

    const BuildResult result = clickBuild(room);
    QVERIFY2(result.success, qPrintable(consoleText(room)));
    const QString console = consoleText(room);
    QVERIFY2(console.contains(QStringLiteral("$ gcc -c -fPIC")), qPrintable(console));
    QVERIFY2(console.contains(QStringLiteral("-shared")), qPrintable(console));
    QVERIFY2(console.contains(QStringLiteral("Built libdemo.so in")), qPrintable(console));
    QCOMPARE(room->buildBar()->progressBar()->value(), room->buildBar()->progressBar()->maximum());

    const QString library = QDir(outDir).filePath(QStringLiteral("libdemo.so"));
    QVERIFY(QFileInfo::exists(library));
    QVERIFY(result.artifacts.contains(library));
    QCOMPARE(room->artifactsPanel()->artifacts(), result.artifacts);
    // The artifact joined the workspace, and its parse finishes.
    WorkspaceFile *file = window.workspace()->find(library);
    QVERIFY(file);
    QTRY_VERIFY(file->state() != WorkspaceFile::State::Loading);
    QCOMPARE(file->state(), WorkspaceFile::State::Loaded);

    // Nothing changed: a second build runs no command.
    const BuildResult again = clickBuild(room);
    QVERIFY(again.success);
    QVERIFY(consoleText(room).contains(QStringLiteral("up to date: obj/")));
    QVERIFY(consoleText(room).contains(QStringLiteral("libdemo.so is up to date")));

    // One click opens it in the Inspector.
    QVERIFY(!window.room<InspectorRoom>()->isVisible());
    QTest::mouseClick(room->artifactsPanel()->openButton(), Qt::LeftButton);
    QVERIFY(window.room<InspectorRoom>()->isVisible());
    // ... showing that very library: its path, and its overview's sentence about it.
    InspectorPage *page = window.room<InspectorRoom>()->currentPage();
    QVERIFY(page && page->file());
    QCOMPARE(QFileInfo(page->file()->path()).canonicalFilePath(), QFileInfo(library).canonicalFilePath());
    QVERIFY(page->binaryView());
    const QString sentence = page->binaryView()->overview()->sentence();
    QVERIFY2(sentence.startsWith(QStringLiteral("Shared library for ")), qPrintable(sentence));
    QVERIFY2(sentence.contains(QStringLiteral("SONAME libdemo.so")), qPrintable(sentence));
}

void TestBuildRoom::errorsOpenTheSource()
{
    const QDir dir(m_tmp.filePath(QStringLiteral("broken")));
    const QString bad = dir.filePath(QStringLiteral("bad.c"));
    writeFile(dir.filePath(QStringLiteral("good.c")), "int good(void) { return 1; }\n");
    writeFile(bad, "int bad(void)\n{\n    return undefined_name;\n}\n");

    MainWindow window;
    BuildRoom *room = showBuildRoom(window);
    QVERIFY(room);
    QAbstractItemModelTester tester(room->output()->diagnostics());
    dropOn(room->sourceList(), {dir.absolutePath()}); // the folder: both files
    QCOMPARE(room->sourceList()->sources().size(), 2);
    setKind(room, LibraryKind::Static);

    const BuildResult result = clickBuild(room);
    QVERIFY(!result.success);
    QVERIFY(!result.cancelled);
    QVERIFY2(consoleText(room).contains(QStringLiteral("Build failed: 1 error")), qPrintable(consoleText(room)));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("build-linklab/libbroken.a"))));

    const DiagnosticModel *model = room->output()->diagnostics();
    int row = -1;
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->diagnostic(i).isError())
            row = i;
    }
    QVERIFY(row >= 0);
    QCOMPARE(model->diagnostic(row).line, 3);
    QCOMPARE(QFileInfo(model->diagnostic(row).file).fileName(), QStringLiteral("bad.c"));
    QCOMPARE(model->index(row, DiagnosticModel::LineColumn).data().toString(), QStringLiteral("3"));

    // The failed build shows the list; clicking the error shows its line in the viewer.
    QTreeView *view = room->output()->diagnosticView();
    QTRY_VERIFY(view->isVisible());
    // The table is sorted and filtered like every table: find the error's row through the proxy.
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(view->model());
    QVERIFY(proxy);
    const QModelIndex index = proxy->mapFromSource(model->index(row, DiagnosticModel::MessageColumn));
    QVERIFY(index.isValid());
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    SourceViewer *viewer = room->output()->viewer();
    QCOMPARE(QFileInfo(viewer->path()).canonicalFilePath(), QFileInfo(bad).canonicalFilePath());
    QCOMPARE(viewer->textCursor().blockNumber(), 2);
    QCOMPARE(viewer->highlightedLine(), 3);
    QVERIFY(viewer->isReadOnly());

    // Fixed, it builds.
    writeFile(bad, "int bad(void)\n{\n    return 0;\n}\n");
    QVERIFY(clickBuild(room).success);
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("build-linklab/libbroken.a"))));
}

void TestBuildRoom::diagnosticsTableSortsAndFilters()
{
    // The diagnostics table behaves as every table (sort, filter, count), and a click opens the row the person
    // clicked, whatever the sort and the filter.
    const QString a = m_tmp.filePath(QStringLiteral("diag/a.c"));
    writeFile(a, "int a;\nint b;\nint c;\nint d;\nint e;\n");
    BuildOutputView output;
    output.resize(900, 700);
    output.show();
    output.diagnostics()->setDiagnostics({
        {a, 2, 1, QStringLiteral("warning"), QStringLiteral("first message"), 0},
        {a, 5, 3, QStringLiteral("error"), QStringLiteral("second message"), 0},
        {QString(), 0, 0, QStringLiteral("error"), QStringLiteral("undefined reference to `x'"), 1},
    });
    output.showDiagnostics();
    QTreeView *view = output.diagnosticView();
    QTRY_VERIFY(view->isVisible());
    view->sortByColumn(DiagnosticModel::LineColumn, Qt::DescendingOrder);
    const QModelIndex top = view->model()->index(0, DiagnosticModel::MessageColumn);
    QCOMPARE(top.data().toString(), QStringLiteral("second message"));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(top).center());
    QCOMPARE(output.viewer()->highlightedLine(), 5);

    output.diagnosticsPage()->filterBar()->setFocus();
    QTest::keyClicks(output.diagnosticsPage()->filterBar()->lineEdit(), QStringLiteral("first"));
    QTRY_COMPARE(view->model()->rowCount(), 1);
    const QModelIndex only = view->model()->index(0, DiagnosticModel::MessageColumn);
    QCOMPARE(only.data().toString(), QStringLiteral("first message"));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(only).center());
    QCOMPARE(output.viewer()->highlightedLine(), 2);
    QVERIFY(output.diagnosticsPage()->countLabel()->text().startsWith(QStringLiteral("1 of")));
}

void TestBuildRoom::linkAndRunProgram()
{
    const QDir dir(m_tmp.filePath(QStringLiteral("tri")));
    writeFile(dir.filePath(QStringLiteral("tri.c")), "#include \"tri.h\"\nint tri(int x) { return 3 * x; }\n");
    writeFile(dir.filePath(QStringLiteral("tri.h")), "int tri(int x);\n");
    const QString main = dir.filePath(QStringLiteral("main.c"));
    writeFile(main,
        "#include <stdio.h>\n#include \"tri.h\"\n"
        "int main(int argc, char **argv)\n{\n"
        "    printf(\"tri(14) = %d with %d arguments, last '%s'\\n\", tri(14), argc - 1, argv[argc - 1]);\n"
        "    fprintf(stderr, \"a line on stderr\\n\");\n"
        "    return 0;\n}\n");

    MainWindow window;
    BuildRoom *room = showBuildRoom(window);
    QVERIFY(room);
    dropOn(room->sourceList(), {dir.filePath(QStringLiteral("tri.c")), dir.filePath(QStringLiteral("tri.h"))});
    setKind(room, LibraryKind::Shared);
    ProgramPanel *program = room->programPanel();
    QVERIFY(!program->runButton()->isEnabled()); // nothing linked yet
    program->setSources({main});
    // Link waits for the library: clicking it before would only run the library's build.
    QVERIFY(!program->linkButton()->isEnabled());
    QVERIFY2(program->linkButton()->toolTip().contains(u"Build the library first"),
        qPrintable(program->linkButton()->toolTip()));
    QVERIFY(clickBuild(room).success);
    QVERIFY(program->linkButton()->isEnabled());
    QVERIFY(!program->runButton()->isEnabled());

    // Link checks the library (up to date), then makes the program.
    QSignalSpy built(room, &BuildRoom::buildFinished);
    QTest::mouseClick(program->linkButton(), Qt::LeftButton);
    QVERIFY(built.wait(BuildTimeout));
    QVERIFY2(built.constFirst().constFirst().value<BuildResult>().success, qPrintable(consoleText(room)));
    const QString outDir = dir.filePath(QStringLiteral("build-linklab"));
    const QString prog = QDir(outDir).filePath(QStringLiteral("prog"));
    QVERIFY(QFileInfo(prog).isExecutable());
    QVERIFY(room->artifactsPanel()->artifacts().contains(prog));
    QVERIFY(window.workspace()->find(prog));

    // Run it with LD_LIBRARY_PATH at the output folder (the default) and two arguments.
    auto *ldPath = room->findChild<QLineEdit *>(QStringLiteral("ldLibraryPath"));
    QCOMPARE(ldPath->text(), outDir);
    room->findChild<QLineEdit *>(QStringLiteral("programArguments"))->setText(QStringLiteral("one 'two words'"));
    QVERIFY(program->runButton()->isEnabled());
    QSignalSpy ran(room, &BuildRoom::runFinished);
    QTest::mouseClick(program->runButton(), Qt::LeftButton);
    QVERIFY(ran.wait(BuildTimeout));
    const RunResult result = ran.constFirst().constFirst().value<RunResult>();
    QVERIFY2(result.exitCode == 0, qPrintable(consoleText(room)));
    QString console = consoleText(room);
    QVERIFY2(console.contains(QStringLiteral("tri(14) = 42 with 2 arguments, last 'two words'")), qPrintable(console));
    QVERIFY(console.contains(QStringLiteral("a line on stderr")));
    QVERIFY(console.contains(QStringLiteral("exited with status 0")));
    QVERIFY(program->explanation().isEmpty());

    // Without LD_LIBRARY_PATH the loader cannot find libtri.so: the room says why, in place.
    retype(ldPath, QString());
    ran.clear();
    QTest::mouseClick(program->runButton(), Qt::LeftButton);
    QVERIFY(ran.wait(BuildTimeout));
    const RunResult missing = ran.constFirst().constFirst().value<RunResult>();
    QCOMPARE(missing.missingLibrary, QStringLiteral("libtri.so"));
    QCOMPARE(program->explanation(), missing.explanation);
    QVERIFY(room->findChild<QLabel *>(QStringLiteral("missingLibrary"))->isVisible());
    QVERIFY2(room->findChild<QLabel *>(QStringLiteral("missingLibrary"))->text().contains(QStringLiteral("libtri.so")),
        qPrintable(room->findChild<QLabel *>(QStringLiteral("missingLibrary"))->text()));
    // Where the eye is: the console says it too.
    QVERIFY(consoleText(room).contains(missing.explanation.section(u'\n', 0, 0)));

    // One click: run with LD_LIBRARY_PATH at the output folder.
    auto *fixPath = room->findChild<QPushButton *>(QStringLiteral("fixWithLibraryPath"));
    QVERIFY(fixPath && fixPath->isVisible());
    ran.clear();
    QTest::mouseClick(fixPath, Qt::LeftButton);
    QVERIFY(ran.wait(BuildTimeout));
    QCOMPARE(ran.constFirst().constFirst().value<RunResult>().exitCode, 0);
    QCOMPARE(ldPath->text(), outDir);

    // The other: relink with rpath $ORIGIN, then run without LD_LIBRARY_PATH.
    retype(ldPath, QString());
    ran.clear();
    QTest::mouseClick(program->runButton(), Qt::LeftButton);
    QVERIFY(ran.wait(BuildTimeout));
    QCOMPARE(ran.constFirst().constFirst().value<RunResult>().missingLibrary, QStringLiteral("libtri.so"));
    auto *fixRpath = room->findChild<QPushButton *>(QStringLiteral("fixWithRpath"));
    QVERIFY(fixRpath && fixRpath->isVisible());
    ran.clear();
    QTest::mouseClick(fixRpath, Qt::LeftButton);
    QVERIFY(ran.wait(BuildTimeout));
    QCOMPARE(ran.constFirst().constFirst().value<RunResult>().exitCode, 0);
    QVERIFY(ldPath->text().isEmpty());
    QVERIFY(room->findChild<QCheckBox *>(QStringLiteral("rpath"))->isChecked());
    QProcess readelf;
    readelf.start(QStringLiteral("readelf"), {QStringLiteral("-d"), prog});
    QVERIFY(readelf.waitForFinished(30000));
    const QByteArray dynamic = readelf.readAllStandardOutput();
    QVERIFY2(dynamic.contains("$ORIGIN"), dynamic.constData());

    // A module is for dlopen: no program links against it.
    setKind(room, LibraryKind::Module);
    QVERIFY(!room->findChild<QGroupBox *>(QStringLiteral("linkGroup"))->isEnabled());
    QVERIFY(!program->linkButton()->isEnabled());
}

// A library calling cos() linked into a program without -lm: the room names libm.so.6 and -lm, and its one
// button adds the flag and links again, successfully.
void TestBuildRoom::undefinedReferenceGetsTheLibraryAndTheFix()
{
    const QDir dir(m_tmp.filePath(QStringLiteral("wave")));
    writeFile(dir.filePath(QStringLiteral("wave.c")), "#include <math.h>\ndouble wave(double x) { return cos(x); }\n");
    const QString main = dir.filePath(QStringLiteral("main.c"));
    writeFile(main, "double wave(double);\nint main(void) { return (int)wave(0.0) - 1; }\n");
    MainWindow window;
    BuildRoom *room = showBuildRoom(window);
    QVERIFY(room);
    dropOn(room->sourceList(), {dir.filePath(QStringLiteral("wave.c"))});
    setKind(room, LibraryKind::Static);
    room->options()->setLinkFlags(QString());
    room->programPanel()->setSources({main});
    QVERIFY(clickBuild(room).success);
    QSignalSpy built(room, &BuildRoom::buildFinished);
    QTest::mouseClick(room->programPanel()->linkButton(), Qt::LeftButton);
    QVERIFY(built.wait(BuildTimeout));
    QVERIFY(!built.constFirst().constFirst().value<BuildResult>().success);
    BuildBar *bar = room->buildBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->fixButton()->isVisible(), 60000);
    QVERIFY2(bar->hint().contains(QLatin1String("cos is defined in libm.so.6")), qPrintable(bar->hint()));
    QCOMPARE(bar->fixButton()->text(), QStringLiteral("Add -lm to the Link Flags and Build Again"));
    QVERIFY(consoleText(room).contains(QLatin1String("Hint: cos is defined in libm.so.6")));
    built.clear();
    QTest::mouseClick(bar->fixButton(), Qt::LeftButton);
    QVERIFY(built.wait(BuildTimeout));
    QVERIFY2(built.constFirst().constFirst().value<BuildResult>().success, qPrintable(consoleText(room)));
    QCOMPARE(room->options()->linkFlags(), QStringLiteral("-lm"));
    QVERIFY(!bar->fixButton()->isVisible());
}

void TestBuildRoom::cancelAndStop()
{
    const QDir dir(m_tmp.filePath(QStringLiteral("hang")));
    writeFile(dir.filePath(QStringLiteral("f.c")), "int f(void) { return 0; }\n");
    const QString hang = dir.filePath(QStringLiteral("hang.c"));
    writeFile(hang, "#include <unistd.h>\nint f(void);\nint main(void)\n{\n    for (;;)\n        pause();\n}\n");
    // A compiler that never finishes.
    const QString slow = m_tmp.filePath(QStringLiteral("tools/slowcc"));
    writeFile(slow, "#!/bin/sh\nexec sleep 600\n");
    QFile::setPermissions(slow, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    WorkspaceModel workspace;
    BuildRoom room(&workspace);
    room.show();
    room.addSources({dir.filePath(QStringLiteral("f.c"))});
    setKind(&room, LibraryKind::Static);
    auto *compiler = room.findChild<QComboBox *>(QStringLiteral("compiler"));
    // The compiler list is filled in the background; choose after it is, or the refill would undo the choice.
    QTRY_VERIFY(!compiler->itemText(0).contains(QStringLiteral("looking")));
    const int gcc = compiler->currentIndex();
    compiler->addItem(QStringLiteral("slowcc"), slow);
    compiler->setCurrentIndex(compiler->count() - 1);

    QSignalSpy built(&room, &BuildRoom::buildFinished);
    QTest::mouseClick(room.buildBar()->buildButton(), Qt::LeftButton);
    QVERIFY(room.isBusy());
    QVERIFY(!room.buildBar()->buildButton()->isEnabled());
    QVERIFY(room.buildBar()->cancelButton()->isEnabled());
    QTest::mouseClick(room.buildBar()->cancelButton(), Qt::LeftButton);
    QVERIFY(built.wait(BuildTimeout));
    QVERIFY(built.constFirst().constFirst().value<BuildResult>().cancelled);
    QVERIFY(consoleText(&room).contains(QStringLiteral("Cancelled")));
    QVERIFY(room.buildBar()->buildButton()->isEnabled());

    // A program that never ends: Stop ends it, and only it.
    compiler->setCurrentIndex(gcc);
    room.programPanel()->setSources({hang});
    QVERIFY(!room.programPanel()->linkButton()->isEnabled()); // the cancelled build made no library
    QVERIFY(clickBuild(&room).success);
    built.clear();
    QTest::mouseClick(room.programPanel()->linkButton(), Qt::LeftButton);
    QVERIFY(built.wait(BuildTimeout));
    QVERIFY2(built.constFirst().constFirst().value<BuildResult>().success, qPrintable(consoleText(&room)));
    QSignalSpy ran(&room, &BuildRoom::runFinished);
    QTest::mouseClick(room.programPanel()->runButton(), Qt::LeftButton);
    QVERIFY(room.programPanel()->stopButton()->isEnabled());
    QTest::mouseClick(room.programPanel()->stopButton(), Qt::LeftButton);
    QVERIFY(ran.wait(BuildTimeout));
    QVERIFY(ran.constFirst().constFirst().value<RunResult>().stopped);
    QVERIFY(!room.isBusy());
}

void TestBuildRoom::badFieldsBlockBuild()
{
    const QDir dir(m_tmp.filePath(QStringLiteral("fields")));
    writeFile(dir.filePath(QStringLiteral("f.c")), "int f(void) { return 0; }\n");
    WorkspaceModel workspace;
    BuildRoom room(&workspace);
    room.show();
    room.addSources({dir.filePath(QStringLiteral("f.c"))});
    QVERIFY(room.buildBar()->buildButton()->isEnabled());

    auto *linkFlags = room.findChild<QLineEdit *>(QStringLiteral("linkFlags"));
    linkFlags->setText(QStringLiteral("-L'/opt/lib"));
    QVERIFY(!room.buildBar()->buildButton()->isEnabled());
    QVERIFY(room.findChild<QLabel *>(QStringLiteral("fieldError"))->isVisible());
    QVERIFY2(room.findChild<QLabel *>(QStringLiteral("fieldError"))->text().startsWith(QStringLiteral("Link flags: ")),
        qPrintable(room.findChild<QLabel *>(QStringLiteral("fieldError"))->text()));
    linkFlags->setText(QStringLiteral("-L'/opt/my lib' -lm"));
    QVERIFY(room.buildBar()->buildButton()->isEnabled());
    const BuildPlan plan = room.currentPlan();
    QCOMPARE(plan.ldflags, QStringList {QStringLiteral("-L/opt/my lib")});
    QCOMPARE(plan.libraries, QStringList {QStringLiteral("m")});

    // validatePlan's verdict shows under Build.
    retype(room.findChild<QLineEdit *>(QStringLiteral("libraryName")), QStringLiteral("libfields"));
    QVERIFY(!room.buildBar()->buildButton()->isEnabled());
    QVERIFY(room.buildBar()->message().contains(u"lib"));

    // The version field is for shared libraries only.
    setKind(&room, LibraryKind::Static);
    QVERIFY(!room.findChild<QLineEdit *>(QStringLiteral("libraryVersion"))->isEnabled());
    retype(room.findChild<QLineEdit *>(QStringLiteral("libraryName")), QStringLiteral("fields"));
    QVERIFY(room.buildBar()->buildButton()->isEnabled());

    // A program that would be written over its own source (main.c in the output folder, named main.c): Link is
    // off and says why, as the CLI refuses it; the source is never touched.
    const QString outDir = dir.filePath(QStringLiteral("out"));
    const QString main = QDir(outDir).filePath(QStringLiteral("main.c"));
    writeFile(main, "int main(void) { return 0; }\n");
    retype(room.findChild<QLineEdit *>(QStringLiteral("outDir")), outDir);
    room.programPanel()->setSources({main});
    retype(room.findChild<QLineEdit *>(QStringLiteral("programOutput")), QStringLiteral("main.c"));
    QVERIFY(!room.programPanel()->linkButton()->isEnabled());
    QVERIFY2(room.findChild<QLabel *>(QStringLiteral("programError"))->text().contains(u"over your file"),
        qPrintable(room.findChild<QLabel *>(QStringLiteral("programError"))->text()));
    retype(room.findChild<QLineEdit *>(QStringLiteral("programOutput")), QStringLiteral("prog"));
    QVERIFY(!room.findChild<QLabel *>(QStringLiteral("programError"))->isVisibleTo(&room));
}

void TestBuildRoom::exampleProject()
{
    WorkspaceModel workspace;
    BuildRoom room(&workspace);
    room.show();
    QVERIFY(room.findChild<QPushButton *>(QStringLiteral("openExample"))->isVisible());
    QVERIFY(room.loadExample());
    QCOMPARE(room.sourceList()->count(), 3);
    QCOMPARE(room.sourceList()->headers().size(), 1);
    QVERIFY(!room.findChild<QPushButton *>(QStringLiteral("openExample"))->isVisible());
    QCOMPARE(room.programPanel()->sources().size(), 1);
    QCOMPARE(QFileInfo(room.programPanel()->sources().constFirst()).fileName(), QStringLiteral("main.c"));
    const BuildPlan plan = room.currentPlan();
    QCOMPARE(plan.name, QStringLiteral("strmath"));
    QCOMPARE(plan.libraries, QStringList {QStringLiteral("m")});
    // The example's folder is never written to: its build goes elsewhere.
    QVERIFY(!plan.outDir.startsWith(QFileInfo(plan.sources.constFirst()).absolutePath()));
    QVERIFY(room.buildBar()->buildButton()->isEnabled());
    // main.c is in the viewer, with colours and line numbers.
    QCOMPARE(QFileInfo(room.output()->viewer()->path()).fileName(), QStringLiteral("main.c"));
    QVERIFY(room.output()->viewer()->toPlainText().contains(QStringLiteral("int main(void)")));

    // Out of the box, both ways: shared (run with LD_LIBRARY_PATH at the output folder) and static.
    for (LibraryKind kind : {LibraryKind::Shared, LibraryKind::Static}) {
        setKind(&room, kind);
        QVERIFY(clickBuild(&room).success);
        QSignalSpy built(&room, &BuildRoom::buildFinished);
        QTest::mouseClick(room.programPanel()->linkButton(), Qt::LeftButton);
        QVERIFY(built.wait(BuildTimeout));
        QVERIFY2(built.constFirst().constFirst().value<BuildResult>().success, qPrintable(consoleText(&room)));
        QVERIFY(QFileInfo::exists(libraryFile(room.currentPlan())));
        QSignalSpy ran(&room, &BuildRoom::runFinished);
        QTest::mouseClick(room.programPanel()->runButton(), Qt::LeftButton);
        QVERIFY(ran.wait(BuildTimeout));
        const RunResult result = ran.constFirst().constFirst().value<RunResult>();
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.standardOutput.contains("sm_add(2, 40) = 42\n"), result.standardOutput.constData());
        QVERIFY(result.standardOutput.contains("sm_hypot(3, 4) = 5.0\n")); // libm reached the program both ways
    }
}

void TestBuildRoom::mainGoesToTheProgram()
{
    // Add Folder on a project with a main.c: main.c is the program's, and the library does not export main.
    const QDir dir(m_tmp.filePath(QStringLiteral("withmain")));
    writeFile(dir.filePath(QStringLiteral("twice.c")), "#include \"twice.h\"\nint twice(int x) { return 2 * x; }\n");
    writeFile(dir.filePath(QStringLiteral("twice.h")), "int twice(int x);\n");
    const QString main = dir.filePath(QStringLiteral("main.c"));
    writeFile(main, "#include \"twice.h\"\nint main(void)\n{\n    return twice(0);\n}\n");

    MainWindow window;
    BuildRoom *room = showBuildRoom(window);
    QVERIFY(room);
    dropOn(room->sourceList(), {dir.absolutePath()});
    QCOMPARE(room->sourceList()->sources(), QStringList {dir.filePath(QStringLiteral("twice.c"))});
    QCOMPARE(room->sourceList()->headers(), QStringList {dir.filePath(QStringLiteral("twice.h"))});
    QCOMPARE(room->programPanel()->sources(), QStringList {main});
    QVERIFY2(consoleText(room).contains(QStringLiteral("defines main(): it is the program's source")),
        qPrintable(consoleText(room)));
    // Full paths, so that this main.c cannot be taken for another project's.
    QCOMPARE(room->sourceList()->item(0)->text(), QDir::toNativeSeparators(dir.filePath(QStringLiteral("twice.c"))));
    QVERIFY(room->findChild<QLabel *>(QStringLiteral("programSources"))->toolTip().contains(main));

    setKind(room, LibraryKind::Shared);
    const BuildResult result = clickBuild(room);
    QVERIFY2(result.success, qPrintable(consoleText(room)));
    const QString library = libraryFile(room->currentPlan());
    const OpenResult opened = openBinary(library);
    const auto *info = std::get_if<BinaryInfo>(&opened);
    QVERIFY(info);
    QStringList defined;
    for (const SymbolInfo &symbol : info->symbols) {
        if (symbol.table == SymbolTable::Dynamic && symbol.sectionIndex != 0)
            defined.append(symbol.name);
    }
    QVERIFY2(defined.contains(QStringLiteral("twice")), qPrintable(defined.join(u' ')));
    QVERIFY2(!defined.contains(QStringLiteral("main")), qPrintable(defined.join(u' ')));

    // And the program links and runs against it.
    QSignalSpy built(room, &BuildRoom::buildFinished);
    QTest::mouseClick(room->programPanel()->linkButton(), Qt::LeftButton);
    QVERIFY(built.wait(BuildTimeout));
    QVERIFY2(built.constFirst().constFirst().value<BuildResult>().success, qPrintable(consoleText(room)));
    QVERIFY(room->programPanel()->runButton()->isEnabled());
}

void TestBuildRoom::viewerFollowsTheFile()
{
    // The user fixes the error in an editor: the viewer shows the new text, keeps its place and the marked line.
    const QString path = m_tmp.filePath(QStringLiteral("follow/f.c"));
    writeFile(path, "int f(void)\n{\n    return missing;\n}\nint g(void) { return 2; }\n");
    BuildOutputView output;
    output.resize(900, 700);
    output.show();
    QVERIFY(output.openSource(path, 3, 12));
    SourceViewer *viewer = output.viewer();
    QCOMPARE(viewer->highlightedLine(), 3);
    QSignalSpy reloaded(viewer, &SourceViewer::fileReloaded);

    // Written in place...
    writeFile(path, "int f(void)\n{\n    return 0;\n}\nint g(void) { return 2; }\n");
    QVERIFY(reloaded.wait(10000));
    QVERIFY(viewer->toPlainText().contains(QStringLiteral("return 0;")));
    QCOMPARE(viewer->highlightedLine(), 3);
    QCOMPARE(viewer->textCursor().blockNumber(), 2);
    QVERIFY2(output.viewerTitle()->fullText().contains(QStringLiteral("reloaded")),
        qPrintable(output.viewerTitle()->fullText()));

    // ... and as editors save: a new file renamed over the old one (which ends a plain watch).
    for (const char *text : {"int f(void)\n{\n    return 1;\n}\n", "int f(void)\n{\n    return 7;\n}\n"}) {
        const QString temporary = path + QStringLiteral(".swp");
        writeFile(temporary, text);
        reloaded.clear();
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(temporary, path));
        QVERIFY(reloaded.wait(10000));
        QVERIFY2(viewer->toPlainText() == QString::fromUtf8(text), qPrintable(viewer->toPlainText()));
        QCOMPARE(viewer->highlightedLine(), 3);
    }

    // Open in Editor hands the file to the desktop.
    QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
    m_opened.clear();
    QVERIFY(output.editButton()->isEnabled());
    QTest::mouseClick(output.editButton(), Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(m_opened, QList<QUrl> {QUrl::fromLocalFile(path)});
}

void TestBuildRoom::rebuildKeepsOneWorkspaceEntry()
{
    // Built with a version, libv.so is a symlink, and the user opens it by that name; rebuilt without a version,
    // libv.so is the library itself: the workspace keeps one libv.so, read again, not a second beside the first.
    const QDir dir(m_tmp.filePath(QStringLiteral("v")));
    const QString source = dir.filePath(QStringLiteral("v.c"));
    writeFile(source, "int v(void) { return 1; }\n");
    MainWindow window;
    BuildRoom *room = showBuildRoom(window);
    QVERIFY(room);
    room->addSources({source});
    setKind(room, LibraryKind::Shared);
    retype(room->findChild<QLineEdit *>(QStringLiteral("libraryVersion")), QStringLiteral("1.0.0"));
    QVERIFY2(clickBuild(room).success, qPrintable(consoleText(room)));
    const auto namedLibv = [&] {
        int n = 0;
        for (const WorkspaceFile *file : window.workspace()->files())
            n += file->fileName() == QStringLiteral("libv.so") ? 1 : 0;
        return n;
    };
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());
    while (window.workspace()->rowCount() > 0)
        window.workspace()->remove(window.workspace()->file(0));
    window.openFiles({dir.filePath(QStringLiteral("build-linklab/libv.so"))});
    QCOMPARE(namedLibv(), 1);
    QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());

    retype(room->findChild<QLineEdit *>(QStringLiteral("libraryVersion")), QString());
    writeFile(source, "int v(void) { return 2; }\nint w(void) { return 3; }\n");
    QVERIFY2(clickBuild(room).success, qPrintable(consoleText(room)));
    QVERIFY(!QFileInfo(dir.filePath(QStringLiteral("build-linklab/libv.so"))).isSymLink());
    QVERIFY2(QFileInfo(dir.filePath(QStringLiteral("build-linklab/libv.so"))).isFile(), qPrintable(consoleText(room)));
    QCOMPARE(namedLibv(), 1);
    WorkspaceFile *library = window.workspace()->find(dir.filePath(QStringLiteral("build-linklab/libv.so")));
    QVERIFY(library);
    // Read again: the new function is there.
    QTRY_VERIFY(library->state() != WorkspaceFile::State::Loading);
    QVERIFY2(library->state() == WorkspaceFile::State::Loaded, qPrintable(library->errorMessage()));
    const auto &symbols = library->binary()->symbols;
    QVERIFY(std::any_of(symbols.cbegin(), symbols.cend(), [](const SymbolInfo &s) { return s.name == u"w"; }));
}

void TestBuildRoom::projectSwitchLeavesNothingBehind()
{
    // The example built and linked, then another project dropped: nothing of the example stays.
    MainWindow window;
    BuildRoom *room = showBuildRoom(window);
    QVERIFY(room);
    QVERIFY(room->loadExample());
    setKind(room, LibraryKind::Shared);
    QVERIFY(clickBuild(room).success);
    QSignalSpy built(room, &BuildRoom::buildFinished);
    QTest::mouseClick(room->programPanel()->linkButton(), Qt::LeftButton);
    QVERIFY(built.wait(BuildTimeout));
    QVERIFY(built.constFirst().constFirst().value<BuildResult>().success);
    QVERIFY(room->programPanel()->runButton()->isEnabled());
    QVERIFY(!room->artifactsPanel()->artifacts().isEmpty());
    QVERIFY(room->buildBar()->progressBar()->isVisible());

    const QDir dir(m_tmp.filePath(QStringLiteral("libbroken")));
    writeFile(dir.filePath(QStringLiteral("broken.c")), "int broken(void)\n{\n    return missing;\n}\n");
    const QString main = dir.filePath(QStringLiteral("main.c"));
    writeFile(main, "int broken(void);\nint main(void) { return broken(); }\n");
    dropOn(room->sourceList(), {dir.absolutePath()});

    QCOMPARE(room->sourceList()->files(), QStringList {dir.filePath(QStringLiteral("broken.c"))});
    QCOMPARE(room->programPanel()->sources(), QStringList {main});
    QVERIFY(room->artifactsPanel()->artifacts().isEmpty());
    QVERIFY(!room->buildBar()->progressBar()->isVisible());
    QVERIFY(!room->programPanel()->linkButton()->isEnabled());
    QVERIFY(!room->programPanel()->runButton()->isEnabled());
    QCOMPARE(room->currentPlan().name, QStringLiteral("broken"));
    QCOMPARE(room->options()->outDir(), dir.filePath(QStringLiteral("build-linklab")));
    QVERIFY(consoleText(room).contains(QStringLiteral("New project: ")));

    // Its build fails: Link stays off instead of running the failing build again.
    const BuildResult failed = clickBuild(room);
    QVERIFY(!failed.success);
    QVERIFY(!room->programPanel()->linkButton()->isEnabled());
    QVERIFY(room->artifactsPanel()->artifacts().isEmpty());
}

void TestBuildRoom::fitsSmallScreens_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x720") << QSize(1280, 720);
    QTest::newRow("1366x768") << QSize(1366, 768);
}

void TestBuildRoom::fitsSmallScreens()
{
    // Every button of every step is on screen at once: inside the window and inside the scrolled steps' viewport.
    QFETCH(QSize, size);
    MainWindow window;
    BuildRoom *room = showBuildRoom(window);
    QVERIFY(room);
    window.resize(size);
    QVERIFY(room->loadExample());
    QTRY_COMPARE(window.size(), size);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *scroll = room->findChild<QAbstractScrollArea *>(QStringLiteral("buildOptionsScroll"));
    QVERIFY(scroll);
    const QRect viewport(scroll->viewport()->mapTo(&window, QPoint(0, 0)), scroll->viewport()->size());
    const QRect inside = window.rect();
    const QStringList buttons {QStringLiteral("addFiles"), QStringLiteral("addFolder"), QStringLiteral("removeSources"),
        QStringLiteral("browseOutDir"), QStringLiteral("compilerToggle"), QStringLiteral("buildButton"),
        QStringLiteral("cancelButton"), QStringLiteral("exportButton"), QStringLiteral("openArtifacts"),
        QStringLiteral("chooseProgramSources"), QStringLiteral("linkButton"), QStringLiteral("runButton"),
        QStringLiteral("stopButton"), QStringLiteral("clearConsole")};
    for (const QString &name : buttons) {
        auto *button = room->findChild<QAbstractButton *>(name);
        QVERIFY2(button, qPrintable(name));
        QVERIFY2(button->isVisible(), qPrintable(name));
        const QRect r(button->mapTo(&window, QPoint(0, 0)), button->size());
        QVERIFY2(inside.contains(r),
            qPrintable(QStringLiteral("%1 at %2,%3 %4x%5 is outside the %6x%7 window")
                           .arg(name)
                           .arg(r.x())
                           .arg(r.y())
                           .arg(r.width())
                           .arg(r.height())
                           .arg(inside.width())
                           .arg(inside.height())));
        if (scroll->isAncestorOf(button))
            QVERIFY2(viewport.contains(r),
                qPrintable(QStringLiteral("%1 at %2,%3 needs scrolling (viewport %4x%5)")
                               .arg(name)
                               .arg(r.x())
                               .arg(r.y())
                               .arg(viewport.width())
                               .arg(viewport.height())));
        QVERIFY2(button->width() >= button->minimumSizeHint().width(), qPrintable(name + QStringLiteral(" is cut")));
    }
}

QTEST_MAIN(TestBuildRoom)
#include "tst_buildroom.moc"
