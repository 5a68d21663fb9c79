// SPDX-License-Identifier: MIT
// BuildLog (the command that made each output, in <outDir>/.linklab-commands) and the -MMD dependency-file
// parser, on text written as gcc writes it and on real files gcc wrote.
#include "builder/buildlog.h"

#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace linklab::test;
using namespace Qt::StringLiterals;

class TestBuildLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        BuildLog log = BuildLog::load(dir.path());
        QCOMPARE(log.command(u"/o/a.o"_s), QString()); // no file yet: nothing is vouched for
        log.record(u"/o/a.o"_s, u"gcc -c -o obj/a.o /s/a.c"_s);
        log.record(u"/o/b c.o"_s, u"gcc -c -o 'obj/b c.o' '/s/b c.c'"_s);
        log.record(u"/o/gone.o"_s, u"gcc -c gone.c"_s);
        log.forget(u"/o/gone.o"_s);
        QVERIFY(log.save());
        QVERIFY(QFileInfo::exists(dir.filePath(BuildLog::fileName())));

        const BuildLog again = BuildLog::load(dir.path());
        QCOMPARE(again.command(u"/o/a.o"_s), u"gcc -c -o obj/a.o /s/a.c"_s);
        QCOMPARE(again.command(u"/o/b c.o"_s), u"gcc -c -o 'obj/b c.o' '/s/b c.c'"_s);
        QCOMPARE(again.command(u"/o/gone.o"_s), QString());
    }

    void newlineInCommandStaysOneRecord()
    {
        // A command line holding a newline (a quoted -D value) must not split into a second, bogus record.
        QTemporaryDir dir;
        BuildLog log = BuildLog::load(dir.path());
        log.record(u"/o/a.o"_s, u"gcc '-DX=1\n/o/b.o\tforged'"_s);
        QVERIFY(log.save());
        const BuildLog again = BuildLog::load(dir.path());
        QCOMPARE(again.command(u"/o/b.o"_s), QString());
        QVERIFY(!again.command(u"/o/a.o"_s).isEmpty());
    }

    void unchangedLogIsNotRewritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(BuildLog::fileName());
        QVERIFY(writeFile(path, "/o/a.o\tgcc a\n"));
        QVERIFY(setMtime(path, -1000));
        const QDateTime before = QFileInfo(path).lastModified();
        const BuildLog log = BuildLog::load(dir.path());
        QVERIFY(log.save());
        QCOMPARE(QFileInfo(path).lastModified(), before);
    }

    void damagedLinesAreIgnored()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(BuildLog::fileName()), "garbage without tab\n\t\n/o/a.o\tgcc a\n\xff\xfe\n"));
        const BuildLog log = BuildLog::load(dir.path());
        QCOMPARE(log.command(u"/o/a.o"_s), u"gcc a"_s);
        QCOMPARE(log.command(u"garbage without tab"_s), QString());
    }

    void depFile_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("deps");
        QTest::newRow("one line") << u"obj/a.o: /s/a.c /s/a.h\n"_s << QStringList {u"/s/a.c"_s, u"/s/a.h"_s};
        QTest::newRow("continued") << u"obj/a.o: /s/a.c \\\n /s/a.h \\\n  /usr/include/stdio.h\n"_s
                                   << QStringList {u"/s/a.c"_s, u"/s/a.h"_s, u"/usr/include/stdio.h"_s};
        QTest::newRow("escaped space") << u"obj/a.o: /my\\ src/a.c /my\\ src/a\\ b.h\n"_s
                                       << QStringList {u"/my src/a.c"_s, u"/my src/a b.h"_s};
        QTest::newRow("dollar and hash") << u"a.o: /s/$$x.c /s/\\#y.h\n"_s << QStringList {u"/s/$x.c"_s, u"/s/#y.h"_s};
        QTest::newRow("relative") << u"a.o: a.c inc/a.h\n"_s << QStringList {u"/base/a.c"_s, u"/base/inc/a.h"_s};
        QTest::newRow("phony targets after")
            << u"a.o: /s/a.c /s/a.h\n\n/s/a.h:\n"_s << QStringList {u"/s/a.c"_s, u"/s/a.h"_s};
        QTest::newRow("crlf") << u"a.o: /s/a.c \\\r\n /s/a.h\r\n"_s << QStringList {u"/s/a.c"_s, u"/s/a.h"_s};
        QTest::newRow("no prerequisites") << u"a.o:\n"_s << QStringList {};
    }

    void depFile()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, deps);
        const Result<QStringList> got = parseDepFile(text, u"/base"_s);
        QVERIFY2(got.ok(), qPrintable(got.reason()));
        QCOMPARE(*got, deps);
    }

    void depFileWithoutRule()
    {
        for (const QString &text : {QString(), u"just words\n"_s, u"\\\n"_s}) {
            const Result<QStringList> got = parseDepFile(text, u"/base"_s);
            QVERIFY2(!got.ok(), qPrintable(text));
            QVERIFY(got.reason().contains(u"rule"_s));
        }
        const Result<QStringList> missing = readDepFile(u"/nonexistent/a.d"_s);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.reason().contains(u"/nonexistent/a.d"_s), qPrintable(missing.reason()));
    }

    void depFileFromGcc()
    {
        // What gcc -MMD really writes for a source in a folder with a space that includes a local header.
        QTemporaryDir dir;
        const QString src = dir.filePath(u"my src/a.c"_s);
        const QString header = dir.filePath(u"my src/inc/a b.h"_s);
        QVERIFY(writeFile(header, "int a(void);\n"));
        QVERIFY(writeFile(src, "#include <stdio.h>\n#include \"inc/a b.h\"\nint a(void) { return 1; }\n"));
        const QString object = dir.filePath(u"a.o"_s);
        const Run gcc = run(u"gcc"_s, {u"-c"_s, u"-MMD"_s, u"-o"_s, object, src}, dir.path());
        QVERIFY2(gcc.exitCode == 0, gcc.err.constData());
        const Result<QStringList> deps = readDepFile(dir.filePath(u"a.d"_s));
        QVERIFY2(deps.ok(), qPrintable(deps.reason()));
        QCOMPARE(*deps, (QStringList {src, header})); // -MMD leaves out system headers
    }
};

QTEST_GUILESS_MAIN(TestBuildLog)
#include "tst_buildlog.moc"
