// SPDX-License-Identifier: MIT
// The Dependencies room offscreen: a program whose library is missing drawn with the missing node in red and the
// remedy in words; LD_LIBRARY_PATH typed in re-resolves and finds it; a click shows the search trail; the C
// runtime hides; the tree view; exports that read back; a double-click asks for the Inspector.
#include "testsupport.h"

#include "deps/bindingsmodel.h"
#include "deps/depsroom.h"
#include "deps/graphview.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

using namespace linklab;
using linklab::test::run;

class TestDepsRoom : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_prog;

    static int nodeNamed(const DepsRoom &room, const QString &name)
    {
        for (int i = 0; i < room.graph()->nodes.size(); ++i)
            if (room.graph()->nodes[i].name == name)
                return i;
        return -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LinkLabTest"));
        QSettings().clear();
        // prog needs libgone.so, which lives in lib/ (not on any search path).
        QVERIFY(m_dir.isValid());
        m_prog = linklab::test::buildProgramNeedingLibGone(m_dir.path());
        QVERIFY(!m_prog.isEmpty());
    }

    void missingThenFoundThroughLdLibraryPath()
    {
        DepsRoom room;
        room.resize(1200, 700);
        QSignalSpy laidOut(&room, &DepsRoom::laidOut);
        room.resolveFile(m_prog);
        QVERIFY(laidOut.wait(20000));
        const int gone = nodeNamed(room, QStringLiteral("libgone.so"));
        QVERIFY(gone > 0);
        QVERIFY(!room.graph()->nodes[gone].found);
        QVERIFY(room.graphView()->drawnNodes().contains(gone));
        QCOMPARE(room.graphView()->drawnNodes().size(), room.graph()->nodes.size());
        QVERIFY(room.statusLabel()->text().contains(QLatin1String("not found")));
        room.selectNode(gone);
        const QString details = room.details()->toPlainText();
        QVERIFY2(details.contains(QLatin1String("Not found")) && details.contains(QLatin1String("LD_LIBRARY_PATH"))
                && details.contains(QLatin1String("-Wl,-rpath")),
            qPrintable(details));
        QVERIFY(details.contains(QLatin1String("not in /etc/ld.so.cache")));

        // The variable, typed in: resolved again, found through it.
        laidOut.clear();
        room.setLdLibraryPath(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY(laidOut.wait(20000));
        const int found = nodeNamed(room, QStringLiteral("libgone.so"));
        QVERIFY(room.graph()->nodes[found].found);
        QCOMPARE(room.graph()->nodes[found].rule, FoundBy::LdLibraryPath);
        QCOMPARE(room.graph()->nodes[found].path, m_dir.filePath(QStringLiteral("lib/libgone.so")));
        room.selectNode(found);
        QVERIFY(room.details()->toPlainText().contains(QLatin1String("found by LD_LIBRARY_PATH")));
    }

    void bindingsPanelShowsWhereEachSymbolIsBound()
    {
        DepsRoom room;
        room.resize(1280, 720);
        QSignalSpy bound(&room, &DepsRoom::bound);
        room.setLdLibraryPath(m_dir.filePath(QStringLiteral("lib")));
        room.resolveFile(m_prog);
        QVERIFY(bound.wait(30000));
        QVERIFY(room.bindings().has_value());
        const int gone = nodeNamed(room, QStringLiteral("libgone.so"));
        QVERIFY(gone > 0 && room.graph()->nodes[gone].found);

        // The program's imports: every reference of the root, `gone` bound to libgone.so, `gone` nowhere else.
        room.selectNode(0);
        room.showBindings(0);
        BindingsModel *model = room.bindingsModel();
        int rootReferences = 0;
        for (const SymbolBinding &b : room.bindings()->bindings)
            rootReferences += b.object == 0;
        QVERIFY(rootReferences >= 2); // gone, and libc's start-up function
        QCOMPARE(model->rowCount(), rootReferences);
        int goneRow = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data().toString() == u"gone")
                goneRow = r;
        QVERIFY(goneRow >= 0);
        QCOMPARE(model->index(goneRow, 3).data().toString(), QStringLiteral("libgone.so"));
        QVERIFY(!model->isProblem(goneRow));
        QVERIFY2(room.sideTabs()->tabText(1).contains(QString::number(rootReferences)),
            qPrintable(room.sideTabs()->tabText(1)));
        QVERIFY2(room.graphView()->nodeToolTip(0).contains(QLatin1String("imports")),
            qPrintable(room.graphView()->nodeToolTip(0)));

        // Activating the row follows the binding to the library.
        auto *page = room.sideTabs()->widget(1)->findChild<QTreeView *>();
        QVERIFY(page);
        const QModelIndex shown = page->model()->index(0, 0);
        QVERIFY(shown.isValid());
        for (int r = 0; r < page->model()->rowCount(); ++r)
            if (page->model()->index(r, 0).data().toString() == u"gone")
                emit page->activated(page->model()->index(r, 0));
        QCOMPARE(room.graphView()->selectedNode(), gone);

        // A narrow panel keeps the object each symbol is bound to in sight: that column follows the symbol, whose
        // column takes at most two fifths of the panel when the panel is resized.
        room.selectNode(0);
        room.showBindings(0);
        room.show();
        QVERIFY(QTest::qWaitForWindowExposed(&room));
        QHeaderView *header = page->header();
        QVERIFY(header->visualIndex(BindingsModel::BoundTo) < header->visualIndex(BindingsModel::Version));
        header->resizeSection(BindingsModel::Symbol, 2000);
        room.resize(1000, 700);
        QTRY_VERIFY(header->sectionSize(BindingsModel::Symbol) <= std::max(110, page->viewport()->width() * 2 / 5));
        QVERIFY(header->sectionViewportPosition(BindingsModel::BoundTo) < page->viewport()->width());
        room.selectNode(gone);

        // The library's side: what the others take from it is the program's reference.
        room.showBindings(1);
        QCOMPARE(model->node(), gone);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("gone"));
        QCOMPARE(model->index(0, 2).data().toString(), QStringLiteral("prog"));
    }

    void unresolvedSymbolsAreFlagged()
    {
        // A library whose function calls one nothing defines: resolved as the root, its reference is unresolved.
        const QString dir = m_dir.filePath(QStringLiteral("half"));
        QVERIFY(linklab::test::writeFile(
            dir + QStringLiteral("/half.c"), "int missing_fn(void);\nint half(void) { return missing_fn() / 2; }\n"));
        const linklab::test::Run gcc = run(QStringLiteral("gcc"),
            {QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-o"), QStringLiteral("libhalf.so"),
                QStringLiteral("half.c")},
            dir);
        QCOMPARE(gcc.exitCode, 0);
        DepsRoom room;
        QSignalSpy bound(&room, &DepsRoom::bound);
        room.resolveFile(dir + QStringLiteral("/libhalf.so"));
        QVERIFY(bound.wait(30000));
        room.selectNode(0);
        room.showBindings(0);
        BindingsModel *model = room.bindingsModel();
        int missingRow = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data().toString() == u"missing_fn")
                missingRow = r;
        QVERIFY(missingRow >= 0);
        QVERIFY(model->isProblem(missingRow));
        QCOMPARE(model->index(missingRow, 3).data().toString(), QStringLiteral("(nothing)"));
        QVERIFY(model->index(missingRow, 4).data().toString().contains(QLatin1String("unresolved")));
        QVERIFY(room.sideTabs()->tabText(1).contains(QLatin1String("1 unresolved")));
        QVERIFY2(
            room.statusLabel()->text().contains(QLatin1String("1 unresolved")), qPrintable(room.statusLabel()->text()));
        QVERIFY(room.details()->toPlainText().contains(QLatin1String("1 unresolved")));
    }

    void largeGraphStaysUsable()
    {
        // 121 objects, about 240 edges: laid out on the worker while the event loop keeps turning; cancel works.
        const QString dir = m_dir.filePath(QStringLiteral("wide"));
        QDir().mkpath(dir);
        const QString root = linklab::test::buildWideGraph(dir, 120);
        QVERIFY(!root.isEmpty());
        DepsRoom room;
        room.resize(1280, 720);
        QSignalSpy bound(&room, &DepsRoom::bound);
        QSignalSpy laidOut(&room, &DepsRoom::laidOut);
        int ticks = 0;
        QTimer heartbeat;
        connect(&heartbeat, &QTimer::timeout, this, [&] { ++ticks; });
        heartbeat.start(1);
        room.resolveFile(root);
        QVERIFY(room.isBusy());
        QVERIFY(bound.wait(60000));
        QCOMPARE(laidOut.size(), 1);
        QVERIFY2(ticks > 0, "the event loop did not turn while the graph was laid out");
        QCOMPARE(room.graph()->nodes.size(), 121);
        QCOMPARE(room.graph()->missing().size(), 0);
        QCOMPARE(room.graphView()->drawnNodes().size(), 121);
        QVERIFY(!room.grab().isNull());

        // Asked again and cancelled at once: nothing more arrives, the room is idle, the old picture stays.
        laidOut.clear();
        room.setLdLibraryPath(QStringLiteral("/nonexistent"));
        room.cancel();
        QTRY_VERIFY(!room.isBusy());
        QCOMPARE(laidOut.size(), 0);
        QCOMPARE(room.graphView()->drawnNodes().size(), 121);
    }

    void runtimeHiddenTreeAndExports()
    {
        DepsRoom room;
        room.resize(1200, 700);
        QSignalSpy laidOut(&room, &DepsRoom::laidOut);
        room.resolveFile(QStringLiteral("/bin/ls"));
        QVERIFY(laidOut.wait(20000));
        const int libc = nodeNamed(room, QStringLiteral("libc.so.6"));
        QVERIFY(room.graphView()->drawnNodes().contains(libc));
        laidOut.clear();
        room.hideRuntime()->setChecked(true);
        QVERIFY(laidOut.wait(20000));
        QVERIFY(!room.graphView()->drawnNodes().contains(nodeNamed(room, QStringLiteral("libc.so.6"))));
        QVERIFY(room.graphView()->drawnNodes().contains(nodeNamed(room, QStringLiteral("libselinux.so.1"))));
        // The tree shows the same graph without the runtime.
        QTreeWidget *tree = room.treeView();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("libselinux.so.1"));
        QVERIFY(tree->findItems(QStringLiteral("libc.so.6"), Qt::MatchExactly | Qt::MatchRecursive).isEmpty());

        QTemporaryDir out;
        for (const char *name : {"g.dot", "g.svg", "g.png", "g.json"})
            QVERIFY2(room.exportTo(out.filePath(QLatin1String(name))), name);
        QFile json(out.filePath(QStringLiteral("g.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(o[QStringLiteral("file")].toString(), QStringLiteral("/bin/ls"));
        QCOMPARE(o[QStringLiteral("nodes")].toArray().size(), room.graph()->nodes.size());
        QFile dot(out.filePath(QStringLiteral("g.dot")));
        QVERIFY(dot.open(QIODevice::ReadOnly));
        QVERIFY(dot.readAll().startsWith("digraph dependencies {"));
        QFile svg(out.filePath(QStringLiteral("g.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QVERIFY(QImage(out.filePath(QStringLiteral("g.png"))).width() > 100);
    }

    void doubleClickOpensInTheInspector()
    {
        DepsRoom room;
        room.resize(1200, 700);
        room.show();
        QSignalSpy laidOut(&room, &DepsRoom::laidOut);
        room.resolveFile(QStringLiteral("/bin/ls"));
        QVERIFY(laidOut.wait(20000));
        QSignalSpy open(&room, &Room::showFilesRequested);
        const int selinux = nodeNamed(room, QStringLiteral("libselinux.so.1"));
        GraphView *view = room.graphView();
        const QPoint at = view->mapFromScene(view->nodeRect(selinux).center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toStringList(), QStringList {room.graph()->nodes[selinux].path});
    }

    void unreadableFileIsAClearError()
    {
        DepsRoom room;
        QSignalSpy failed(&room, &DepsRoom::failed);
        room.resolveFile(m_dir.filePath(QStringLiteral("main.c")));
        QVERIFY(failed.wait(20000));
        QVERIFY2(room.statusLabel()->text().contains(QLatin1String("main.c")), qPrintable(room.statusLabel()->text()));
    }
};

QTEST_MAIN(TestDepsRoom)
#include "tst_depsroom.moc"
