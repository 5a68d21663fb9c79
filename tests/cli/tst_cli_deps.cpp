// SPDX-License-Identifier: MIT
// linklab-cli deps as a user runs it: the JSON shape, the tree, --why, --env LD_LIBRARY_PATH (never the shell's),
// --dot, exit statuses with and without --fail-missing, and many files in one call.
#include "elffiles.h"
#include "fixturepaths.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab::test;

namespace {

Run deps(const QStringList &args, const QStringList &env = {})
{
    return run(QStringLiteral(LINKLAB_CLI), QStringList {QStringLiteral("deps")} + args, {}, env);
}

QJsonObject nodeNamed(const QJsonObject &graph, const QString &name)
{
    for (const QJsonValue &v : graph[QStringLiteral("nodes")].toArray())
        if (v.toObject()[QStringLiteral("name")].toString() == name)
            return v.toObject();
    return {};
}

} // namespace

class TestCliDeps : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_prog;
    const QString m_fixtures = QFileInfo(QStringLiteral(LINKLAB_FIXTURE_SHARED)).absolutePath();

private slots:
    void initTestCase()
    {
        // A program whose library is not where the loader looks: libgone.so is missing.
        QVERIFY(m_dir.isValid());
        m_prog = buildProgramNeedingLibGone(m_dir.path());
        QVERIFY(!m_prog.isEmpty());
    }

    void jsonShape()
    {
        // The fixture program's DT_RUNPATH is $ORIGIN/../lib (nothing there), then the fixtures folder.
        const Run r = deps({QStringLiteral("--json"), QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH)});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray graphs = QJsonDocument::fromJson(r.out).object()[QStringLiteral("graphs")].toArray();
        QCOMPARE(graphs.size(), 1);
        const QJsonObject g = graphs[0].toObject();
        QCOMPARE(g[QStringLiteral("file")].toString(), QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH));
        const QJsonObject root = g[QStringLiteral("nodes")].toArray()[0].toObject();
        QCOMPARE(root[QStringLiteral("root")].toBool(), true);
        QCOMPARE(root[QStringLiteral("depth")].toInt(), 0);
        const QJsonObject fixture = nodeNamed(g, QStringLiteral("libfixture.so.1"));
        QCOMPARE(fixture[QStringLiteral("found")].toBool(), true);
        QCOMPARE(fixture[QStringLiteral("reason")].toString(), QStringLiteral("runpath"));
        QCOMPARE(fixture[QStringLiteral("path")].toString(), m_fixtures + QStringLiteral("/libfixture.so.1"));
        QCOMPARE(fixture[QStringLiteral("depth")].toInt(), 1);
        const QJsonArray tried = fixture[QStringLiteral("tried")].toArray();
        QCOMPARE(tried.size(), 2);
        QCOMPARE(tried[0].toObject()[QStringLiteral("path")].toString(),
            m_fixtures + QStringLiteral("/../lib/libfixture.so.1"));
        QCOMPARE(tried[0].toObject()[QStringLiteral("rule")].toString(), QStringLiteral("runpath"));
        QCOMPARE(tried[0].toObject()[QStringLiteral("verdict")].toString(), QStringLiteral("no such file"));
        QCOMPARE(tried[1].toObject()[QStringLiteral("verdict")].toString(), QStringLiteral("taken"));
        const QJsonObject libc = nodeNamed(g, QStringLiteral("libc.so.6"));
        QCOMPARE(libc[QStringLiteral("found")].toBool(), true);
        QCOMPARE(libc[QStringLiteral("reason")].toString(), QStringLiteral("ld.so.cache"));
        for (const QJsonValue &e : g[QStringLiteral("edges")].toArray()) {
            const QJsonObject edge = e.toObject();
            QVERIFY(edge.contains(QStringLiteral("from")) && edge.contains(QStringLiteral("to")));
            QVERIFY(!edge[QStringLiteral("name")].toString().isEmpty());
        }
        // A missing library is a result, with path null.
        const Run missing = deps({QStringLiteral("--json"), m_prog});
        QCOMPARE(missing.exitCode, 0);
        const QJsonObject gone
            = nodeNamed(QJsonDocument::fromJson(missing.out).object()[QStringLiteral("graphs")].toArray()[0].toObject(),
                QStringLiteral("libgone.so"));
        QCOMPARE(gone[QStringLiteral("found")].toBool(), false);
        QVERIFY(gone[QStringLiteral("path")].isNull());
        QCOMPARE(gone[QStringLiteral("reason")].toString(), QStringLiteral("not-found"));
    }

    void ldLibraryPathOnlyFromEnvOption()
    {
        // The shell's LD_LIBRARY_PATH is not LinkLab's business: still found through RUNPATH.
        const QString other = m_dir.path();
        QFile::copy(QStringLiteral(LINKLAB_FIXTURE_SHARED), m_dir.filePath(QStringLiteral("libfixture.so.1")));
        Run r = deps({QStringLiteral("--json"), QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH)},
            {QStringLiteral("LD_LIBRARY_PATH=") + other});
        QJsonObject g = QJsonDocument::fromJson(r.out).object()[QStringLiteral("graphs")].toArray()[0].toObject();
        QCOMPARE(nodeNamed(g, QStringLiteral("libfixture.so.1"))[QStringLiteral("reason")].toString(),
            QStringLiteral("runpath"));
        r = deps({QStringLiteral("--json"), QStringLiteral("--env"), QStringLiteral("LD_LIBRARY_PATH=") + other,
            QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH)});
        g = QJsonDocument::fromJson(r.out).object()[QStringLiteral("graphs")].toArray()[0].toObject();
        const QJsonObject fixture = nodeNamed(g, QStringLiteral("libfixture.so.1"));
        QCOMPARE(fixture[QStringLiteral("reason")].toString(), QStringLiteral("ld_library_path"));
        QCOMPARE(fixture[QStringLiteral("path")].toString(), other + QStringLiteral("/libfixture.so.1"));
    }

    void treeWhyAndDot()
    {
        Run r = deps({m_prog});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QByteArray(m_prog.toLocal8Bit() + "\n")));
        QVERIFY2(r.out.contains("libgone.so not found"), r.out.constData());
        QVERIFY2(r.out.contains("libc.so.6 [ld.so.cache] /"), r.out.constData());
        r = deps({QStringLiteral("--why"), QStringLiteral("libgone.so"), m_prog});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("(/etc/ld.so.cache): not in /etc/ld.so.cache"), r.out.constData());
        QVERIFY2(r.out.contains("(the system directories): no such file"), r.out.constData());
        QVERIFY2(r.out.contains("Not found"), r.out.constData());
        r = deps(
            {QStringLiteral("--why"), QStringLiteral("libfixture.so.1"), QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH)});
        QVERIFY2(
            r.out.contains("(DT_RUNPATH): no such file") && r.out.contains("through DT_RUNPATH"), r.out.constData());
        r = deps({QStringLiteral("--dot"), m_prog});
        QVERIFY(r.out.startsWith("digraph dependencies {"));
        QVERIFY(r.out.contains("color=red"));
    }

    void exitStatuses()
    {
        QCOMPARE(deps({QStringLiteral("--fail-missing"), m_prog}).exitCode, 1);
        QCOMPARE(deps({m_prog}).exitCode, 0);
        QCOMPARE(deps({QStringLiteral("--fail-missing"), QStringLiteral("/bin/ls")}).exitCode, 0);
        const Run r = deps({QStringLiteral("/nonexistent/prog")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no such file"));
        QCOMPARE(deps({QStringLiteral("--json"), QStringLiteral("--dot"), QStringLiteral("/bin/ls")}).exitCode, 2);
        QCOMPARE(deps({QStringLiteral("--env"), QStringLiteral("PATH=/x"), QStringLiteral("/bin/ls")}).exitCode, 2);
        QCOMPARE(
            deps({QStringLiteral("--why"), QStringLiteral("libnothing.so"), QStringLiteral("/bin/ls")}).exitCode, 1);
    }

    void manyFilesInOneCall()
    {
        const Run r = deps({QStringLiteral("--json"), QStringLiteral("/bin/ls"), QStringLiteral("/bin/cp"),
            QStringLiteral(LINKLAB_FIXTURE_SHARED)});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object()[QStringLiteral("graphs")].toArray().size(), 3);
    }

    void longListsAreSharedOutAndPrintedInOrder()
    {
        // Enough files for several workers, with files that cannot be read among them: the graphs come out in
        // the order given, each the same as when that file is resolved alone, and the errors in their place.
        QStringList files = linklab::test::elfFilesIn(QStringLiteral("/usr/bin")).mid(0, 200);
        QVERIFY(files.size() >= 130);
        files.insert(70, QStringLiteral("/nonexistent/prog"));
        files.insert(140, QStringLiteral("/usr"));
        const Run all = deps(QStringList {QStringLiteral("--json")} + files);
        QCOMPARE(all.exitCode, 1); // two files could not be read
        const QJsonArray graphs = QJsonDocument::fromJson(all.out).object()[QStringLiteral("graphs")].toArray();
        QCOMPARE(graphs.size(), files.size() - 2);
        QStringList expected = files;
        expected.removeAll(QStringLiteral("/nonexistent/prog"));
        expected.removeAll(QStringLiteral("/usr"));
        for (qsizetype i = 0; i < graphs.size(); ++i)
            QCOMPARE(graphs[i].toObject()[QStringLiteral("file")].toString(), expected[i]);
        QVERIFY(all.err.contains("/nonexistent/prog: no such file"));
        QVERIFY(all.err.indexOf("/nonexistent/prog") < all.err.indexOf("/usr:"));
        for (qsizetype i : {qsizetype(0), qsizetype(69), qsizetype(100), expected.size() - 1}) {
            const Run one = deps({QStringLiteral("--json"), expected[i]});
            QCOMPARE(QJsonDocument::fromJson(one.out).object()[QStringLiteral("graphs")].toArray().at(0), graphs[i]);
        }
        // The tree of the whole list is the trees of its files, one after the other.
        const Run tree = deps(QStringList {QStringLiteral("--tree")} + expected.mid(0, 140));
        QByteArray joined;
        for (const QString &f : expected.mid(0, 140).mid(60, 3))
            joined += deps({QStringLiteral("--tree"), f}).out;
        QVERIFY(tree.out.contains(joined));
    }
};

QTEST_GUILESS_MAIN(TestCliDeps)
#include "tst_cli_deps.moc"
