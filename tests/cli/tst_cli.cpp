// SPDX-License-Identifier: MIT
// linklab-cli as a user runs it: exit statuses, help, and the JSON it prints.
#include "fixturepaths.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab::test;

namespace {

Run cli(const QStringList &args)
{
    return run(QStringLiteral(LINKLAB_CLI), args);
}

QJsonObject findSymbol(const QJsonArray &symbols, const QString &name, const QString &table)
{
    for (const auto &v : symbols) {
        const QJsonObject o = v.toObject();
        if (o[QStringLiteral("name")].toString() == name && o[QStringLiteral("table")].toString() == table)
            return o;
    }
    return {};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("stderrContains");
        const QString lib = QStringLiteral(LINKLAB_FIXTURE_SHARED);
        QTest::newRow("symbols ok") << QStringList {QStringLiteral("symbols"), lib} << 0 << QString();
        QTest::newRow("inspect ok") << QStringList {QStringLiteral("inspect"), lib} << 0 << QString();
        QTest::newRow("missing file") << QStringList {QStringLiteral("symbols"), QStringLiteral("/no/such/lib.so")} << 1
                                      << QStringLiteral("/no/such/lib.so: no such file");
        QTest::newRow("directory") << QStringList {QStringLiteral("inspect"), QStringLiteral(LINKLAB_FIXTURE_DIR)} << 1
                                   << QStringLiteral("a directory");
        QTest::newRow("one bad of two") << QStringList {QStringLiteral("symbols"), lib, QStringLiteral("/nope")} << 1
                                        << QStringLiteral("/nope: no such file");
        QTest::newRow("unknown option") << QStringList {QStringLiteral("symbols"), QStringLiteral("--frobnicate"), lib}
                                        << 2 << QStringLiteral("frobnicate");
        QTest::newRow("unknown command") << QStringList {QStringLiteral("explode")} << 2
                                         << QStringLiteral("unknown command");
        QTest::newRow("no files") << QStringList {QStringLiteral("symbols")} << 2 << QStringLiteral("no input files");
        QTest::newRow("no command") << QStringList {} << 2 << QString();
        QTest::newRow("both filters") << QStringList {QStringLiteral("symbols"), QStringLiteral("-u"),
            QStringLiteral("--defined-only"), lib}
                                      << 2 << QStringLiteral("cannot be used together");
    }
    void exitStatus()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, stderrContains);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, status);
        if (status == 0)
            QVERIFY2(r.err.isEmpty(), r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(stderrContains), r.err.constData());
    }

    // nm reads no symbols from a core dump ("file format not recognized", exit 1); neither do we.
    void coreFileIsNotAnObjectForSymbols()
    {
        QFile f(QStringLiteral(LINKLAB_FIXTURE_OBJECT));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        bytes[16] = 4; // e_type = ET_CORE (little-endian fixture)
        bytes[17] = 0;
        QTemporaryDir dir;
        const QString core = dir.filePath(QStringLiteral("core"));
        QFile out(core);
        QVERIFY(out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size());
        out.close();
        const Run r = cli({QStringLiteral("symbols"), core});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("file format not recognized"), r.err.constData());
        QCOMPARE(cli({QStringLiteral("inspect"), core}).exitCode, 0);
    }

    // A thin archive made with relative member paths, listed from another folder: nm names each member by
    // the archive's folder as given plus the member's path.
    void thinArchiveWithRelativePaths()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("work/sub")));
        QVERIFY(QFile::copy(QStringLiteral(LINKLAB_FIXTURE_OBJECT), dir.filePath(QStringLiteral("work/sub/x.o"))));
        QProcess ar;
        ar.setWorkingDirectory(dir.filePath(QStringLiteral("work")));
        ar.start(QStringLiteral("ar"), {QStringLiteral("rcsT"), QStringLiteral("thin.a"), QStringLiteral("sub/x.o")});
        QVERIFY(ar.waitForFinished() && ar.exitCode() == 0);
        const QStringList args {QStringLiteral("work/thin.a")};
        QProcess nm;
        nm.setWorkingDirectory(dir.path());
        nm.start(QStringLiteral("nm"), args);
        QVERIFY(nm.waitForFinished());
        QProcess ours;
        ours.setWorkingDirectory(dir.path());
        ours.start(QStringLiteral(LINKLAB_CLI), QStringList {QStringLiteral("symbols")} + args);
        QVERIFY(ours.waitForFinished());
        const QByteArray expected = nm.readAllStandardOutput();
        QVERIFY(expected.contains("work/sub/x.o:"));
        QCOMPARE(ours.readAllStandardOutput(), expected);
    }

    void helpOnEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("top") << QStringList {QStringLiteral("--help")} << QStringLiteral("symbols");
        QTest::newRow("inspect") << QStringList {QStringLiteral("inspect"), QStringLiteral("--help")}
                                 << QStringLiteral("--json");
        QTest::newRow("symbols") << QStringList {QStringLiteral("symbols"), QStringLiteral("--help")}
                                 << QStringLiteral("--undefined-only");
    }
    void helpOnEveryCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QString::fromUtf8(r.out).contains(mentions), r.out.constData());
    }

    void inspectJson()
    {
        const Run r
            = cli({QStringLiteral("inspect"), QStringLiteral("--json"), QStringLiteral(LINKLAB_FIXTURE_SHARED)});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        for (const char *key : {"format", "kind", "class", "endian", "machine", "soname", "interpreter", "needed",
                 "rpath", "runpath", "sections", "segments", "dynamic", "symbols", "warnings"})
            QVERIFY2(o.contains(QLatin1StringView(key)), key);
        QCOMPARE(o[QStringLiteral("format")].toString(), QStringLiteral("elf"));
        QCOMPARE(o[QStringLiteral("kind")].toString(), QStringLiteral("shared-library"));
        QCOMPARE(o[QStringLiteral("soname")].toString(), QStringLiteral("libfixture.so.1"));
        const QJsonObject add = findSymbol(
            o[QStringLiteral("symbols")].toArray(), QStringLiteral("fixture_add"), QStringLiteral(".dynsym"));
        QVERIFY(!add.isEmpty());
        for (const char *key : {"table", "index", "name", "demangled", "version", "value", "size", "type", "bind",
                 "visibility", "section", "nm"})
            QVERIFY2(add.contains(QLatin1StringView(key)), key);
        QCOMPARE(add[QStringLiteral("version")].toString(), QStringLiteral("@@LIBFIXTURE_1.0"));
        QCOMPARE(add[QStringLiteral("type")].toString(), QStringLiteral("FUNC"));
        QCOMPARE(add[QStringLiteral("nm")].toString(), QStringLiteral("T"));
        QCOMPARE(add[QStringLiteral("section")].toString(), QStringLiteral(".text"));
    }

    void inspectJsonArchiveAndErrorsOnePerLine()
    {
        const Run r = cli({QStringLiteral("inspect"), QStringLiteral("--json"), QStringLiteral(LINKLAB_FIXTURE_STATIC),
            QStringLiteral("/no/such/file")});
        QCOMPARE(r.exitCode, 1);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject archive = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(archive[QStringLiteral("format")].toString(), QStringLiteral("ar"));
        QCOMPARE(archive[QStringLiteral("members")].toArray().size(), 3);
        const QJsonObject error = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(error[QStringLiteral("error")].toString(), QStringLiteral("no such file"));
    }

    void symbolsJsonFollowsFilters()
    {
        const Run r = cli({QStringLiteral("symbols"), QStringLiteral("-D"), QStringLiteral("-u"),
            QStringLiteral("--json"), QStringLiteral(LINKLAB_FIXTURE_SHARED)});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray files = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(files.size(), 1);
        const QJsonArray symbols = files[0].toObject()[QStringLiteral("symbols")].toArray();
        QVERIFY(!symbols.isEmpty());
        for (const auto &v : symbols)
            QVERIFY(QStringList({QStringLiteral("U"), QStringLiteral("w"), QStringLiteral("v")})
                        .contains(v.toObject()[QStringLiteral("nm")].toString()));
        QVERIFY(!findSymbol(symbols, QStringLiteral("sqrt"), QStringLiteral(".dynsym")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
