// SPDX-License-Identifier: MIT
// BuildPlan -> the exact commands for each kind and option, quoting, flag splitting and the exports.
#include "build/buildplan.h"

#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace Qt::StringLiterals;

namespace {

QStringList commands(const QList<BuildStep> &steps)
{
    QStringList out;
    for (const BuildStep &s : steps)
        out.append(commandLine(s.argv));
    return out;
}

} // namespace

class TestBuildPlan : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_a, m_b, m_header, m_main;

    BuildPlan basePlan(LibraryKind kind) const
    {
        BuildPlan plan;
        plan.sources = {m_a, m_b};
        plan.name = QStringLiteral("demo");
        plan.kind = kind;
        plan.outDir = m_dir.filePath(QStringLiteral("out"));
        return plan;
    }

    void touch(const QString &path)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("int x;\n");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).mkpath(QStringLiteral("src/inc"));
        m_a = m_dir.filePath(QStringLiteral("src/a.c"));
        m_b = m_dir.filePath(QStringLiteral("src/b.c"));
        m_header = m_dir.filePath(QStringLiteral("src/inc/demo.h"));
        m_main = m_dir.filePath(QStringLiteral("src/main.c"));
        for (const QString &p : {m_a, m_b, m_header, m_main})
            touch(p);
    }

    void libraryCommands_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("expected");
        const QString a = m_a, b = m_b;
        QTest::newRow("static") << int(LibraryKind::Static) << QString()
                                << QStringList {
                                       QStringLiteral("gcc -c -Wall -Wextra -O2 -MMD -o obj/a.o ") + a,
                                       QStringLiteral("gcc -c -Wall -Wextra -O2 -MMD -o obj/b.o ") + b,
                                       QStringLiteral("ar rcs libdemo.a.tmp obj/a.o obj/b.o"),
                                       QStringLiteral("mv -f libdemo.a.tmp libdemo.a"),
                                   };
        QTest::newRow("shared") << int(LibraryKind::Shared) << QString()
                                << QStringList {
                                       QStringLiteral("gcc -c -fPIC -Wall -Wextra -O2 -MMD -o obj/a.o ") + a,
                                       QStringLiteral("gcc -c -fPIC -Wall -Wextra -O2 -MMD -o obj/b.o ") + b,
                                       QStringLiteral(
                                           "gcc -shared -Wl,-soname,libdemo.so -o libdemo.so.tmp obj/a.o obj/b.o"),
                                       QStringLiteral("mv -f libdemo.so.tmp libdemo.so"),
                                   };
        QTest::newRow("shared 1.2.3") << int(LibraryKind::Shared) << QStringLiteral("1.2.3")
                                      << QStringList {
                                             QStringLiteral("gcc -c -fPIC -Wall -Wextra -O2 -MMD -o obj/a.o ") + a,
                                             QStringLiteral("gcc -c -fPIC -Wall -Wextra -O2 -MMD -o obj/b.o ") + b,
                                             QStringLiteral(
                                                 "gcc -shared -Wl,-soname,libdemo.so.1 -o libdemo.so.1.2.3.tmp "
                                                 "obj/a.o obj/b.o"),
                                             QStringLiteral("mv -f libdemo.so.1.2.3.tmp libdemo.so.1.2.3"),
                                             QStringLiteral("ln -sfn libdemo.so.1.2.3 libdemo.so.1"),
                                             QStringLiteral("ln -sfn libdemo.so.1 libdemo.so"),
                                         };
        QTest::newRow("shared 2")
            << int(LibraryKind::Shared) << QStringLiteral("2")
            << QStringList {
                   QStringLiteral("gcc -c -fPIC -Wall -Wextra -O2 -MMD -o obj/a.o ") + a,
                   QStringLiteral("gcc -c -fPIC -Wall -Wextra -O2 -MMD -o obj/b.o ") + b,
                   QStringLiteral("gcc -shared -Wl,-soname,libdemo.so.2 -o libdemo.so.2.tmp obj/a.o obj/b.o"),
                   QStringLiteral("mv -f libdemo.so.2.tmp libdemo.so.2"),
                   QStringLiteral("ln -sfn libdemo.so.2 libdemo.so"),
               };
        QTest::newRow("module") << int(LibraryKind::Module) << QString()
                                << QStringList {
                                       QStringLiteral("gcc -c -fPIC -Wall -Wextra -O2 -MMD -o obj/a.o ") + a,
                                       QStringLiteral("gcc -c -fPIC -Wall -Wextra -O2 -MMD -o obj/b.o ") + b,
                                       QStringLiteral("gcc -shared -o demo.so.tmp obj/a.o obj/b.o"),
                                       QStringLiteral("mv -f demo.so.tmp demo.so"),
                                   };
    }

    void libraryCommands()
    {
        QFETCH(int, kind);
        QFETCH(QString, version);
        QFETCH(QStringList, expected);
        BuildPlan plan = basePlan(LibraryKind(kind));
        plan.version = version;
        QCOMPARE(validatePlan(plan), QString());
        const QList<BuildStep> steps = planLibrary(plan);
        QCOMPARE(commands(steps), expected);
        for (const BuildStep &s : steps) {
            QCOMPARE(s.workingDir, plan.outDir);
            QCOMPARE(s.parallel, s.kind == StepKind::Compile);
        }
        QCOMPARE(steps.first().depFile, plan.outDir + QStringLiteral("/obj/a.d"));
    }

    void artifacts_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("soname");
        QTest::newRow("static") << int(LibraryKind::Static) << QString() << QStringList {QStringLiteral("libdemo.a")}
                                << QString();
        QTest::newRow("shared") << int(LibraryKind::Shared) << QString() << QStringList {QStringLiteral("libdemo.so")}
                                << QStringLiteral("libdemo.so");
        QTest::newRow("shared 1.2.3") << int(LibraryKind::Shared) << QStringLiteral("1.2.3")
                                      << QStringList {QStringLiteral("libdemo.so.1.2.3"),
                                             QStringLiteral("libdemo.so.1"), QStringLiteral("libdemo.so")}
                                      << QStringLiteral("libdemo.so.1");
        QTest::newRow("shared 1") << int(LibraryKind::Shared) << QStringLiteral("1")
                                  << QStringList {QStringLiteral("libdemo.so.1"), QStringLiteral("libdemo.so")}
                                  << QStringLiteral("libdemo.so.1");
        QTest::newRow("module") << int(LibraryKind::Module) << QString() << QStringList {QStringLiteral("demo.so")}
                                << QString();
    }

    void artifacts()
    {
        QFETCH(int, kind);
        QFETCH(QString, version);
        QFETCH(QStringList, files);
        QFETCH(QString, soname);
        BuildPlan plan = basePlan(LibraryKind(kind));
        plan.version = version;
        QStringList expected;
        for (const QString &f : files)
            expected.append(plan.outDir + u'/' + f);
        QCOMPARE(libraryArtifacts(plan), expected);
        QCOMPARE(libraryFile(plan), expected.first());
        QCOMPARE(linklab::soname(plan), soname);
    }

    void options()
    {
        BuildPlan plan = basePlan(LibraryKind::Shared);
        plan.warnings = false;
        plan.optimization = QStringLiteral("-O0");
        plan.debugInfo = true;
        plan.hiddenVisibility = true;
        plan.defines = {QStringLiteral("DEMO=1"), QStringLiteral("TRACE")};
        plan.headers = {m_header};
        plan.includeDirs = {m_dir.filePath(QStringLiteral("extra")), QFileInfo(m_header).absolutePath()};
        plan.extraCflags = {QStringLiteral("-std=c11"), QStringLiteral("-DNAME=\"two words\"")};
        plan.ldflags = {QStringLiteral("-Wl,-z,defs")};
        plan.libraries = {QStringLiteral("m")};
        plan.compiler = QStringLiteral("clang");
        const QList<BuildStep> steps = planLibrary(plan);
        const QString inc = QFileInfo(m_header).absolutePath();
        QCOMPARE(steps[0].argv,
            (QStringList {QStringLiteral("clang"), QStringLiteral("-c"), QStringLiteral("-fPIC"), QStringLiteral("-O0"),
                QStringLiteral("-g"), QStringLiteral("-fvisibility=hidden"), QStringLiteral("-DDEMO=1"),
                QStringLiteral("-DTRACE"), QStringLiteral("-I") + inc,
                QStringLiteral("-I") + m_dir.filePath(QStringLiteral("extra")), QStringLiteral("-std=c11"),
                QStringLiteral("-DNAME=\"two words\""), QStringLiteral("-MMD"), QStringLiteral("-o"),
                QStringLiteral("obj/a.o"), m_a}));
        QCOMPARE(commandLine(steps[2].argv),
            QStringLiteral("clang -shared -Wl,-soname,libdemo.so -o libdemo.so.tmp obj/a.o obj/b.o -Wl,-z,defs -lm"));
        // The shell form of the define keeps it one word.
        QVERIFY(commandLine(steps[0].argv).contains(QStringLiteral("'-DNAME=\"two words\"'")));
    }

    void sameStemSources()
    {
        // Two sources never share an object: sub/a.c cannot take a-2 when a-2.c is a source of its own.
        BuildPlan plan = basePlan(LibraryKind::Static);
        const QString other = m_dir.filePath(QStringLiteral("src/inc/a.c"));
        const QString a2 = m_dir.filePath(QStringLiteral("src/a-2.c"));
        const QString third = m_dir.filePath(QStringLiteral("src/inc/b.c"));
        for (const QString &p : {other, a2, third})
            touch(p);
        plan.sources = {m_a, other, a2, m_b, third};
        QStringList objects;
        for (int i = 0; i < plan.sources.size(); ++i)
            objects.append(QFileInfo(objectFile(plan, i)).fileName());
        QCOMPARE(objects, (QStringList {u"a.o"_s, u"a-3.o"_s, u"a-2.o"_s, u"b.o"_s, u"b-2.o"_s}));
    }

    void programCommands_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("rpath");
        QTest::addColumn<bool>("sharedSibling");
        QTest::addColumn<QString>("libraryPart");
        QTest::newRow("shared") << int(LibraryKind::Shared) << false << false << QStringLiteral("-L. -ldemo");
        QTest::newRow("shared rpath") << int(LibraryKind::Shared) << true << false
                                      << QStringLiteral("-L. -ldemo '-Wl,-rpath,$ORIGIN'");
        QTest::newRow("static") << int(LibraryKind::Static) << false << false << QStringLiteral("-L. -ldemo");
        QTest::newRow("static next to shared")
            << int(LibraryKind::Static) << false << true << QStringLiteral("-L. -Wl,-Bstatic -ldemo -Wl,-Bdynamic");
    }

    void programCommands()
    {
        QFETCH(int, kind);
        QFETCH(bool, rpath);
        QFETCH(bool, sharedSibling);
        QFETCH(QString, libraryPart);
        QTemporaryDir out;
        BuildPlan plan = basePlan(LibraryKind(kind));
        plan.outDir = out.path();
        if (sharedSibling)
            touch(out.filePath(QStringLiteral("libdemo.so")));
        ProgramPlan program;
        program.sources = {m_main};
        program.rpath = rpath;
        QCOMPARE(validateProgram(plan, program), QString());
        const QList<BuildStep> steps = planProgram(plan, program);
        QCOMPARE(commands(steps),
            (QStringList {QStringLiteral("gcc -Wall -Wextra -O2 -MMD -o prog.tmp ") + m_main + u' ' + libraryPart,
                QStringLiteral("mv -f prog.tmp prog")}));
        QCOMPARE(steps.last().output, out.filePath(QStringLiteral("prog")));
    }

    void programNameClashes_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name : {"libdemo.a", "obj", ".linklab-commands", "..", ".", "a/b", ""})
            QTest::newRow(name) << QString::fromUtf8(name);
    }

    void programNameClashes()
    {
        QFETCH(QString, name);
        ProgramPlan program;
        program.sources = {m_main};
        program.output = name;
        QVERIFY(!validateProgram(basePlan(LibraryKind::Static), program).isEmpty());
        program.output = u"demo"_s; // the library's name without lib/.a is a fine program name
        QCOMPARE(validateProgram(basePlan(LibraryKind::Static), program), QString());
    }

    void moduleHasNoProgram()
    {
        ProgramPlan program;
        program.sources = {m_main};
        QVERIFY(validateProgram(basePlan(LibraryKind::Module), program).contains(QStringLiteral("dlopen")));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no name") << u"name"_s << QString() << u"name"_s;
        QTest::newRow("lib prefix") << u"name"_s << u"libdemo"_s << u"\"demo\""_s;
        QTest::newRow("slash in name") << u"name"_s << u"a/b"_s << u"file name"_s;
        QTest::newRow("bad version") << u"version"_s << u"1.x"_s << u"numbers"_s;
        QTest::newRow("relative out") << u"outDir"_s << u"out"_s << u"output folder"_s;
        QTest::newRow("missing source") << u"source"_s << u"/nonexistent/x.c"_s << u"not a file"_s;
        QTest::newRow("directory source") << u"source"_s << u"/tmp"_s << u"not a file"_s;
    }

    void validation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, messagePart);
        BuildPlan plan = basePlan(LibraryKind::Shared);
        if (field == u"name")
            plan.name = value;
        else if (field == u"version")
            plan.version = value;
        else if (field == u"outDir")
            plan.outDir = value;
        else
            plan.sources.append(value);
        QVERIFY2(validatePlan(plan).contains(messagePart), qPrintable(validatePlan(plan)));
        BuildPlan empty = basePlan(LibraryKind::Shared);
        empty.sources.clear();
        QVERIFY(!validatePlan(empty).isEmpty());
        BuildPlan versionedStatic = basePlan(LibraryKind::Static);
        versionedStatic.version = QStringLiteral("1");
        QVERIFY(!validatePlan(versionedStatic).isEmpty());
        BuildPlan sourceInOut = basePlan(LibraryKind::Static);
        sourceInOut.outDir = QFileInfo(m_a).absolutePath();
        QVERIFY(validatePlan(sourceInOut).contains(QStringLiteral("inside the output folder")));
    }

    void quoting_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << u"-Wl,-soname,libx.so.1"_s << u"-Wl,-soname,libx.so.1"_s;
        QTest::newRow("empty") << u""_s << u"''"_s;
        QTest::newRow("space") << u"a b"_s << u"'a b'"_s;
        QTest::newRow("dollar") << u"$ORIGIN"_s << u"'$ORIGIN'"_s;
        QTest::newRow("single quote") << u"it's"_s << u"'it'\\''s'"_s;
        QTest::newRow("star") << u"*.c"_s << u"'*.c'"_s;
    }

    void quoting()
    {
        QFETCH(QString, word);
        QFETCH(QString, quoted);
        QCOMPARE(shellQuote(word), quoted);
        // What the shell reads back is the word itself.
        QCOMPARE(splitShellWords(quoted), std::optional<QStringList>(QStringList {word}));
    }

    void splitting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("spaces") << u"  -O2   -g "_s << QStringList {u"-O2"_s, u"-g"_s};
        QTest::newRow("double quotes") << u"-DMSG=\"hello world\""_s << QStringList {u"-DMSG=hello world"_s};
        QTest::newRow("escaped quote") << u"-DQ=\\\"x\\\""_s << QStringList {u"-DQ=\"x\""_s};
        QTest::newRow("adjacent") << u"'a b'\"c\"d"_s << QStringList {u"a bcd"_s};
        QTest::newRow("empty arg") << u"'' x"_s << QStringList {u""_s, u"x"_s};
        QTest::newRow("nothing") << u""_s << QStringList {};
    }

    void splitting()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, words);
        QCOMPARE(splitShellWords(text), std::optional<QStringList>(words));
    }

    void linkFlags()
    {
        BuildPlan plan;
        setLinkFlags(plan, {u"-lm"_s, u"-Wl,-z,defs"_s, u"-l"_s, u"pthread"_s, u"-L/opt/lib"_s, u"-l"_s});
        QCOMPARE(plan.libraries, (QStringList {u"m"_s, u"pthread"_s}));
        QCOMPARE(plan.ldflags, (QStringList {u"-Wl,-z,defs"_s, u"-L/opt/lib"_s, u"-l"_s}));
    }

    void unclosedQuote()
    {
        QVERIFY(!splitShellWords(QStringLiteral("-DX='a")).has_value());
        QVERIFY(!splitShellWords(QStringLiteral("\"abc")).has_value());
    }

    void cmakeExport()
    {
        BuildPlan plan = basePlan(LibraryKind::Shared);
        plan.version = QStringLiteral("1.2.3");
        plan.headers = {m_header};
        plan.libraries = {QStringLiteral("m")};
        plan.hiddenVisibility = true;
        ProgramPlan program;
        program.sources = {m_main};
        program.rpath = true;
        const QString text = exportCMake(plan, &program, m_dir.filePath(QStringLiteral("src")));
        QVERIFY2(text.contains(QStringLiteral("add_library(demo SHARED a.c b.c)\n")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("set_target_properties(demo PROPERTIES VERSION 1.2.3 SOVERSION 1)\n")));
        QVERIFY(text.contains(QStringLiteral("target_include_directories(demo PUBLIC inc)\n")));
        QVERIFY(text.contains(QStringLiteral("target_compile_options(demo PRIVATE -Wall -Wextra -O2)\n")));
        QVERIFY(text.contains(QStringLiteral("C_VISIBILITY_PRESET hidden")));
        QVERIFY(text.contains(QStringLiteral("target_link_libraries(demo PRIVATE m)\n")));
        QVERIFY(
            text.contains(QStringLiteral("add_executable(prog main.c)\ntarget_link_libraries(prog PRIVATE demo)\n")));
        QVERIFY(text.contains(QStringLiteral("BUILD_RPATH \"\\$ORIGIN\"")));

        plan.kind = LibraryKind::Module;
        plan.version.clear();
        const QString module = exportCMake(plan, &program, m_dir.filePath(QStringLiteral("src")));
        QVERIFY(module.contains(QStringLiteral("add_library(demo MODULE a.c b.c)")));
        QVERIFY(!module.contains(QStringLiteral("add_executable"))); // a module is never linked into a program
        QVERIFY(module.contains(u"set_target_properties(demo PROPERTIES PREFIX \"\")"_s)); // demo.so, as LinkLab
        plan.kind = LibraryKind::Static;
        // A program named like the library gets a target of its own; a ';' in a path stays one argument.
        program.output = u"demo"_s;
        plan.defines = {u"LIST=a;b"_s};
        const QString same = exportCMake(plan, &program, m_dir.filePath(QStringLiteral("src")));
        QVERIFY2(same.contains(u"add_executable(demo-program main.c)\n"
                               "set_target_properties(demo-program PROPERTIES OUTPUT_NAME demo)\n"
                               "target_link_libraries(demo-program PRIVATE demo)\n"_s),
            qPrintable(same));
        QVERIFY(same.contains(u"target_compile_definitions(demo PRIVATE \"LIST=a\\;b\")"_s));
        plan.defines.clear();
        // Outside the CMakeLists' folder, paths stay absolute.
        QVERIFY(exportCMake(plan, nullptr, QStringLiteral("/elsewhere")).contains(QStringLiteral("STATIC ") + m_a));
    }

    void shellScriptExport()
    {
        BuildPlan plan = basePlan(LibraryKind::Static);
        ProgramPlan program;
        program.sources = {m_main};
        const QString script = exportShellScript(plan, &program);
        QVERIFY(script.startsWith(QStringLiteral("#!/bin/sh\n")));
        QVERIFY(script.contains(QStringLiteral("set -e\n")));
        QVERIFY(script.contains(QStringLiteral("cd ") + shellQuote(plan.outDir) + u'\n'));
        // Every planned command appears, in order.
        qsizetype at = 0;
        QList<BuildStep> steps = planLibrary(plan);
        steps.append(planProgram(plan, program));
        for (const BuildStep &s : std::as_const(steps)) {
            const qsizetype found = script.indexOf(commandLine(s.argv) + u'\n', at);
            QVERIFY2(found >= at, qPrintable(commandLine(s.argv)));
            at = found;
        }
        QVERIFY(script.contains(QStringLiteral("rm -f libdemo.a.tmp\nar rcs")));
    }

    void kinds()
    {
        for (LibraryKind kind : {LibraryKind::Static, LibraryKind::Shared, LibraryKind::Module}) {
            QCOMPARE(kindFromKey(kindKey(kind)), std::optional<LibraryKind>(kind));
            QVERIFY(!kindExplanation(kind).isEmpty());
        }
        QVERIFY(!kindFromKey(QStringLiteral("dynamic")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestBuildPlan)
#include "tst_buildplan.moc"
