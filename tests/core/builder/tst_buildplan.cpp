// SPDX-License-Identifier: MIT
// BuildPlan -> the exact commands for each kind and option, and the checks that refuse a plan.
#include "builder/buildplan.h"
#include "builder/shellwords.h"

#include "planfixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace linklab::test;
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

class TestBuildPlan : public QObject, public PlanFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(isValid()); }

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
        QVERIFY2(validatePlan(plan).ok(), qPrintable(validatePlan(plan).reason()));
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
            QVERIFY(writeFile(p, "int x;\n"));
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
            QVERIFY(writeFile(out.filePath(QStringLiteral("libdemo.so")), "int x;\n"));
        ProgramPlan program;
        program.sources = {m_main};
        program.rpath = rpath;
        QVERIFY2(validateProgram(plan, program).ok(), qPrintable(validateProgram(plan, program).reason()));
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
        QVERIFY(!validateProgram(basePlan(LibraryKind::Static), program).ok());
        QVERIFY(!validateProgram(basePlan(LibraryKind::Static), program).reason().isEmpty());
        program.output = u"demo"_s; // the library's name without lib/.a is a fine program name
        QVERIFY(validateProgram(basePlan(LibraryKind::Static), program).ok());
    }

    void moduleHasNoProgram()
    {
        ProgramPlan program;
        program.sources = {m_main};
        QVERIFY(validateProgram(basePlan(LibraryKind::Module), program).reason().contains(QStringLiteral("dlopen")));
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
        QVERIFY2(validatePlan(plan).reason().contains(messagePart), qPrintable(validatePlan(plan).reason()));
        BuildPlan empty = basePlan(LibraryKind::Shared);
        empty.sources.clear();
        QVERIFY(!validatePlan(empty).ok());
        BuildPlan versionedStatic = basePlan(LibraryKind::Static);
        versionedStatic.version = QStringLiteral("1");
        QVERIFY(!validatePlan(versionedStatic).ok());
        BuildPlan sourceInOut = basePlan(LibraryKind::Static);
        sourceInOut.outDir = QFileInfo(m_a).absolutePath();
        QVERIFY(validatePlan(sourceInOut).reason().contains(QStringLiteral("inside the output folder")));
    }

    void linkFlags()
    {
        BuildPlan plan;
        setLinkFlags(plan, {u"-lm"_s, u"-Wl,-z,defs"_s, u"-l"_s, u"pthread"_s, u"-L/opt/lib"_s, u"-l"_s});
        QCOMPARE(plan.libraries, (QStringList {u"m"_s, u"pthread"_s}));
        QCOMPARE(plan.ldflags, (QStringList {u"-Wl,-z,defs"_s, u"-L/opt/lib"_s, u"-l"_s}));
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
