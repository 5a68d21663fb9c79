// SPDX-License-Identifier: MIT
// linklab-cli as a user runs it: exit statuses, help, and the JSON it prints.
#include "fixturepaths.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
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
        QTest::newRow("sizes ok") << QStringList {QStringLiteral("sizes"), lib} << 0 << QString();
        QTest::newRow("sizes missing file") << QStringList {QStringLiteral("sizes"), QStringLiteral("/no/such.so")} << 1
                                            << QStringLiteral("no such file");
        QTest::newRow("sizes directory") << QStringList {QStringLiteral("sizes"), QStringLiteral(LINKLAB_FIXTURE_DIR)}
                                         << 1 << QStringLiteral("a directory");
        QTest::newRow("sizes not ELF") << QStringList {QStringLiteral("sizes"),
            QStringLiteral(LINKLAB_SOURCE_DIR "/README.md")}
                                       << 1 << QString();
        QTest::newRow("sizes linker script")
            << QStringList {QStringLiteral("sizes"), QStringLiteral("/usr/lib/x86_64-linux-gnu/libm.a")} << 1
            << QStringLiteral("not an ELF file");
        QTest::newRow("sizes bad -d") << QStringList {QStringLiteral("sizes"), QStringLiteral("-d"),
            QStringLiteral("segments"), lib}
                                      << 2 << QStringLiteral("-d takes");
        QTest::newRow("sizes two files") << QStringList {QStringLiteral("sizes"), lib, lib} << 2
                                         << QStringLiteral("one file");
        QTest::newRow("sizes no file") << QStringList {QStringLiteral("sizes")} << 2 << QString();
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

    // `linklab-cli toolchain` names what PATH holds and each tool's own first line of --version.
    void toolchain()
    {
        const Run gcc = run(QStringLiteral("gcc"), {QStringLiteral("--version")});
        const Run ar = run(QStringLiteral("ar"), {QStringLiteral("--version")});
        QCOMPARE(gcc.exitCode, 0);
        QCOMPARE(ar.exitCode, 0);
        const QString gccLine = QString::fromLocal8Bit(gcc.out).section(u'\n', 0, 0).trimmed();
        const QString arLine = QString::fromLocal8Bit(ar.out).section(u'\n', 0, 0).trimmed();
        QVERIFY(arLine.startsWith(QStringLiteral("GNU ar")));
        const QString gccPath = QStandardPaths::findExecutable(QStringLiteral("gcc"));
        const QString arPath = QStandardPaths::findExecutable(QStringLiteral("ar"));

        const Run json = cli({QStringLiteral("toolchain"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(o[QStringLiteral("default_compiler")].toString(), QStringLiteral("gcc"));
        const QJsonObject first = o[QStringLiteral("compilers")].toArray().first().toObject();
        QCOMPARE(first[QStringLiteral("name")].toString(), QStringLiteral("gcc"));
        QCOMPARE(first[QStringLiteral("path")].toString(), gccPath);
        QCOMPARE(first[QStringLiteral("version")].toString(), gccLine);
        const QJsonObject archiver = o[QStringLiteral("archiver")].toObject();
        QCOMPARE(archiver[QStringLiteral("path")].toString(), arPath);
        QCOMPARE(archiver[QStringLiteral("version")].toString(), arLine);
        QStringList names;
        for (const QJsonValue &c : o[QStringLiteral("compilers")].toArray()) {
            const QJsonObject tool = c.toObject();
            names << tool[QStringLiteral("name")].toString();
            const Run v = run(tool[QStringLiteral("path")].toString(), {QStringLiteral("--version")});
            QCOMPARE(tool[QStringLiteral("version")].toString(),
                QString::fromLocal8Bit(v.out).section(u'\n', 0, 0).trimmed());
        }
        QStringList expected;
        for (const QString &n : {QStringLiteral("gcc"), QStringLiteral("clang"), QStringLiteral("cc")})
            if (!QStandardPaths::findExecutable(n).isEmpty())
                expected << n;
        QCOMPARE(names, expected);

        // The text form: one line per tool, NAME TAB PATH TAB VERSION, ar last.
        const Run text = cli({QStringLiteral("toolchain")});
        QCOMPARE(text.exitCode, 0);
        const QStringList lines = QString::fromLocal8Bit(text.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), expected.size() + 1);
        QCOMPARE(lines.first(), QStringLiteral("gcc\t%1\t%2").arg(gccPath, gccLine));
        QCOMPARE(lines.last(), QStringLiteral("ar\t%1\t%2").arg(arPath, arLine));
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
        QTest::newRow("relocs") << QStringList {QStringLiteral("relocs"), QStringLiteral("--help")}
                                << QStringLiteral("readelf -rW");
    }
    void helpOnEveryCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QString::fromUtf8(r.out).contains(mentions), r.out.constData());
    }

    // relocs prints what readelf -rW prints, byte for byte, on the fixtures and on system libraries.
    void relocsAgreeWithReadelf_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("object") << QStringLiteral(LINKLAB_FIXTURE_OBJECT);
        QTest::newRow("archive") << QStringLiteral(LINKLAB_FIXTURE_STATIC);
        QTest::newRow("shared") << QStringLiteral(LINKLAB_FIXTURE_SHARED);
        QTest::newRow("executable") << QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH);
        for (const char *lib : {"libz.so.1", "libstdc++.so.6", "libQt6Core.so.6"})
            QTest::newRow(lib) << QStringLiteral("/usr/lib/x86_64-linux-gnu/") + QString::fromLatin1(lib);
    }

    void relocsAgreeWithReadelf()
    {
        QFETCH(QString, path);
        QVERIFY2(QFileInfo::exists(path), qPrintable(QStringLiteral("not installed here: ") + path));
        const Run readelf = run(QStringLiteral("readelf"), {QStringLiteral("-rW"), path});
        QCOMPARE(readelf.exitCode, 0);
        QVERIFY(readelf.out.contains("Relocation section"));
        const Run ours = cli({QStringLiteral("relocs"), path});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(ours.out, readelf.out);
    }

    // What position-independent code changes, as the lesson shows it: a global variable from elsewhere is reached
    // through the GOT with -fPIC, and directly without.
    void relocsShowWhatFpicChanges()
    {
        QTemporaryDir dir;
        const QString c = dir.filePath(QStringLiteral("user.c"));
        QVERIFY(writeFile(c, "extern int shared_counter;\nint next(void) { return ++shared_counter; }\n"));
        QStringList types[2];
        for (int pic = 0; pic < 2; ++pic) {
            const QString o = dir.filePath(pic ? QStringLiteral("pic.o") : QStringLiteral("nopic.o"));
            const Run gcc = run(QStringLiteral("gcc"),
                {QStringLiteral("-c"), QStringLiteral("-O2"),
                    pic ? QStringLiteral("-fPIC") : QStringLiteral("-fno-pic"), QStringLiteral("-o"), o, c});
            QVERIFY2(gcc.exitCode == 0, gcc.err.constData());
            const Run r = cli({QStringLiteral("relocs"), QStringLiteral("--json"), o});
            QCOMPARE(r.exitCode, 0);
            const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
            for (const QJsonValue &v : doc[QStringLiteral("relocations")].toArray()) {
                const QJsonObject e = v.toObject();
                if (e[QStringLiteral("symbol")].toString() == u"shared_counter") {
                    types[pic] << e[QStringLiteral("type")].toString();
                    QCOMPARE(e[QStringLiteral("section")].toString(), QStringLiteral(".rela.text"));
                    QVERIFY(e[QStringLiteral("offset")].toString().startsWith(u"0x"));
                }
            }
        }
        QVERIFY2(
            !types[0].isEmpty() && !types[1].isEmpty(), qPrintable(types[0].join(u' ') + u'|' + types[1].join(u' ')));
        for (const QString &t : types[1])
            QVERIFY2(t.contains(u"GOTPCREL"), qPrintable(t)); // -fPIC: through the GOT
        for (const QString &t : types[0])
            QVERIFY2(!t.contains(u"GOT"), qPrintable(t)); // -fno-pic: the address itself
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

        // The ELF header's own size and where its tables are: what readelf -h says.
        const Run re = run(QStringLiteral("readelf"), {QStringLiteral("-hW"), QStringLiteral(LINKLAB_FIXTURE_SHARED)});
        QCOMPARE(re.exitCode, 0);
        const auto readelfNumber = [&re](const char *field) {
            for (const QByteArray &line : re.out.split('\n'))
                if (line.trimmed().startsWith(field))
                    return line.mid(line.indexOf(':') + 1).trimmed().split(' ').first().toLongLong();
            return qint64(-1);
        };
        const QJsonObject header = o[QStringLiteral("header")].toObject();
        const QJsonObject ph = header[QStringLiteral("program_headers")].toObject();
        const QJsonObject sh = header[QStringLiteral("section_headers")].toObject();
        QCOMPARE(header[QStringLiteral("size")].toInteger(), readelfNumber("Size of this header"));
        QCOMPARE(ph[QStringLiteral("offset")].toInteger(), readelfNumber("Start of program headers"));
        QCOMPARE(ph[QStringLiteral("entry_size")].toInteger(), readelfNumber("Size of program headers"));
        QCOMPARE(ph[QStringLiteral("count")].toInteger(), readelfNumber("Number of program headers"));
        QCOMPARE(sh[QStringLiteral("offset")].toInteger(), readelfNumber("Start of section headers"));
        QCOMPARE(sh[QStringLiteral("entry_size")].toInteger(), readelfNumber("Size of section headers"));
        QCOMPARE(sh[QStringLiteral("count")].toInteger(), readelfNumber("Number of section headers"));
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
