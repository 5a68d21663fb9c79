// SPDX-License-Identifier: MIT
// parseDiagnostics on compiler and linker output as gcc, clang and ld write it, and on the real output of
// gcc and clang building a broken file.
#include "builder/buildrunner.h"
#include "builder/diagnostics.h"

#include "testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <QSignalSpy>

using namespace linklab;
using namespace linklab::test;
using namespace Qt::StringLiterals;

namespace {

BuildResult build(const QList<BuildStep> &steps)
{
    BuildRunner runner;
    QSignalSpy done(&runner, &BuildRunner::finished);
    runner.start(steps, 2);
    if (!done.wait(60000))
        return {};
    return runner.result();
}

} // namespace

class TestDiagnostics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diagnosticsParser_data()
    {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QStringList>("expected"); // file|line|column|severity|message
        QTest::newRow("fatal include")
            << u"inc.c:1:10: fatal error: nothere.h: No such file or directory\n    1 | #include \"nothere.h\"\n      |          ^~~~\ncompilation terminated.\n"_s
            << QStringList {u"inc.c|1|10|fatal error|nothere.h: No such file or directory"_s};
        QTest::newRow("context lines skipped")
            << u"/s/a.c: In function \u2018main\u2019:\n/s/a.c:2:35: error: expected \u2018;\u2019\nIn file included from /s/a.c:1:\n/s/a.h:3:1: note: declared here\n"_s
            << QStringList {u"/s/a.c|2|35|error|expected \u2018;\u2019"_s, u"/s/a.h|3|1|note|declared here"_s};
        QTest::newRow("undefined reference")
            << u"/usr/bin/ld: /tmp/cc.o: in function `main':\nund.c:(.text+0x5): undefined reference to `g'\ncollect2: error: ld returned 1 exit status\n"_s
            << QStringList {u"und.c|0|0|error|undefined reference to `g'"_s};
        QTest::newRow("undefined reference with line")
            << u"/usr/bin/ld: /tmp/cc.o: in function `main':\n/tmp/dg/und.c:2: undefined reference to `g'\nclang: error: linker command failed with exit code 1 (use -v to see invocation)\n"_s
            << QStringList {u"/tmp/dg/und.c|2|0|error|undefined reference to `g'"_s};
        QTest::newRow("cannot find")
            << u"/usr/bin/ld: cannot find -lnothere: No such file or directory\ncollect2: error: ld returned 1 exit status\n"_s
            << QStringList {u"ld|0|0|error|cannot find -lnothere: No such file or directory"_s};
        QTest::newRow("driver")
            << u"cc1: fatal error: missing.c: No such file or directory\ngcc: error: unrecognized command-line option '-Wfoo'\n"_s
            << QStringList {u"cc1|0|0|fatal error|missing.c: No such file or directory"_s,
                   u"gcc|0|0|error|unrecognized command-line option '-Wfoo'"_s};
        QTest::newRow("linker warning") << u"/usr/bin/ld: warning: x.o: missing .note.GNU-stack section\n"_s
                                        << QStringList {u"ld|0|0|warning|x.o: missing .note.GNU-stack section"_s};
        QTest::newRow("multiple definition")
            << u"/usr/bin/ld: obj/b.o: in function `f':\nb.c:(.text+0x0): multiple definition of `f'; obj/a.o:a.c:(.text+0x0): first defined here\n"_s
            << QStringList {u"b.c|0|0|error|multiple definition of `f'; obj/a.o:a.c:(.text+0x0): first defined here"_s};
        QTest::newRow("no column") << u"x.c:7: warning: something\n"_s << QStringList {u"x.c|7|0|warning|something"_s};
        QTest::newRow("clean") << u"\n"_s << QStringList {};
    }

    void diagnosticsParser()
    {
        QFETCH(QString, output);
        QFETCH(QStringList, expected);
        QStringList got;
        for (const Diagnostic &d : parseDiagnostics(output))
            got.append(u"%1|%2|%3|%4|%5"_s.arg(d.file).arg(d.line).arg(d.column).arg(d.severity, d.message));
        QCOMPARE(got, expected);
    }
    void diagnosticsFromRealCompilers_data()
    {
        QTest::addColumn<QString>("compiler");
        QTest::newRow("gcc") << u"gcc"_s;
        QTest::newRow("clang") << u"clang"_s;
    }

    void diagnosticsFromRealCompilers()
    {
        QFETCH(QString, compiler);
        QVERIFY2(!QStandardPaths::findExecutable(compiler).isEmpty(),
            qPrintable(compiler + u" is not installed (scripts/bootstrap.sh installs it)"_s));
        QTemporaryDir src;
        const QString bad = src.filePath(u"bad file.c"_s); // a space in the name, as people's folders have
        writeFile(bad,
            "int f(void);\nint h(void)\n{\n    int unused;\n    return 0;\n}\nint g(void)\n{\n    return f()\n}\n");
        BuildPlan p;
        p.sources = {bad};
        p.name = u"diag"_s;
        p.compiler = compiler;
        p.outDir = src.filePath(u"out"_s);
        const BuildResult result = build(planLibrary(p));
        QVERIFY(!result.success);
        const QList<Diagnostic> &d = result.diagnostics;
        const auto error = std::find_if(d.begin(), d.end(), [](const Diagnostic &x) { return x.isError(); });
        QVERIFY2(error != d.end(), qPrintable(result.steps.first().output));
        QCOMPARE(error->file, bad);
        QCOMPARE(error->severity, u"error"_s);
        QCOMPARE(error->line, 9); // "expected ';'" after return f()
        QCOMPARE(error->column, 15);
        QVERIFY(error->message.contains(u"expected ';'"_s) || error->message.contains(u"expected \u2018;\u2019"_s));
        QCOMPARE(error->step, 0);
        const auto warning
            = std::find_if(d.begin(), d.end(), [](const Diagnostic &x) { return x.severity == u"warning"; });
        QVERIFY2(warning != d.end(), qPrintable(result.steps.first().output));
        QCOMPARE(warning->line, 4);
        QCOMPARE(warning->column, 9);
        QVERIFY(warning->message.contains(u"unused"_s));
    }
};

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
