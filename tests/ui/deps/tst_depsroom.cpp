// SPDX-License-Identifier: MIT
// The Dependencies room offscreen: a program whose library is missing drawn with the missing node in red and the
// remedy in words; LD_LIBRARY_PATH typed in re-resolves and finds it; a click shows the search trail; the C
// runtime hides; the tree view; exports that read back; a double-click asks for the Inspector.
#include "testsupport.h"

#include "deps/depsroom.h"
#include "deps/graphview.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace linklab;

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
