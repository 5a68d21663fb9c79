// SPDX-License-Identifier: MIT
// BuildRunner on real compiles: artifacts, up-to-date skipping, a failed build keeping the last good
// artifact, cancel stopping every child process; diagnostics from real gcc and clang output.
#include "build/buildrunner.h"
#include "build/toolchain.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace linklab;
using namespace Qt::StringLiterals;

namespace {

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QByteArray hashOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Sets a file's modification time `seconds` from now (negative: in the past). Tests move time instead of
// waiting for the clock, so "edited after the build" never depends on timestamp granularity.
void setMtime(const QString &path, int seconds)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(seconds), QFileDevice::FileModificationTime));
}

// Makes every file a build wrote look `seconds` old.
void ageOutputs(const QString &dir, int seconds)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!QFileInfo(path).isSymLink())
            setMtime(path, -seconds);
    }
}

BuildResult build(const QList<BuildStep> &steps, int jobs = 2)
{
    BuildRunner runner;
    QSignalSpy done(&runner, &BuildRunner::finished);
    runner.start(steps, jobs);
    if (!done.wait(60000))
        return {};
    return runner.result();
}

QStringList statuses(const BuildResult &result)
{
    QStringList out;
    for (const StepResult &s : result.steps)
        out.append(statusKey(s.status));
    return out;
}

// True while a process exists and is not a zombie.
bool alive(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.mid(close + 2, 1) != "Z";
}

} // namespace

class TestBuildRunner : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    BuildPlan plan(LibraryKind kind, const QString &out) const
    {
        BuildPlan p;
        p.sources = {m_dir.filePath(u"src/one.c"_s), m_dir.filePath(u"src/two.c"_s)};
        p.headers = {m_dir.filePath(u"src/demo.h"_s)};
        p.name = u"demo"_s;
        p.kind = kind;
        p.outDir = m_dir.filePath(out);
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeFile(m_dir.filePath(u"src/demo.h"_s), "int one(void);\nint two(void);\n");
        writeFile(m_dir.filePath(u"src/one.c"_s), "#include \"demo.h\"\nint one(void) { return 1; }\n");
        writeFile(m_dir.filePath(u"src/two.c"_s), "int two(void) { return 2; }\n");
        writeFile(m_dir.filePath(u"src/main.c"_s),
            "#include <stdio.h>\n#include \"demo.h\"\nint main(void) { printf(\"%d\\n\", one() + two()); return 0; "
            "}\n");
        for (const QString &name : {u"demo.h"_s, u"one.c"_s, u"two.c"_s, u"main.c"_s})
            setMtime(m_dir.filePath(u"src/"_s + name), -1000);
    }

    void buildsEveryKind_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("version");
        QTest::newRow("static") << int(LibraryKind::Static) << QString();
        QTest::newRow("shared") << int(LibraryKind::Shared) << u"1.2.3"_s;
        QTest::newRow("module") << int(LibraryKind::Module) << QString();
    }

    void buildsEveryKind()
    {
        QFETCH(int, kind);
        QFETCH(QString, version);
        BuildPlan p = plan(LibraryKind(kind), u"kinds-"_s + QString::fromUtf8(QTest::currentDataTag()));
        p.version = version;
        const QList<BuildStep> steps = planLibrary(p);
        BuildRunner runner;
        QSignalSpy started(&runner, &BuildRunner::stepStarted);
        QSignalSpy progress(&runner, &BuildRunner::progress);
        QSignalSpy done(&runner, &BuildRunner::finished);
        QVERIFY(runner.start(steps));
        QVERIFY(!runner.start(steps)); // one build at a time
        QVERIFY(done.wait(60000));
        const BuildResult result = runner.result();
        QVERIFY2(result.success, qPrintable(statuses(result).join(u' ')));
        QCOMPARE(result.artifacts.size(), libraryArtifacts(p).size());
        for (const QString &a : libraryArtifacts(p)) {
            QVERIFY2(result.artifacts.contains(a), qPrintable(a));
            QVERIFY(QFileInfo(a).isFile()); // symlinks resolve to the real file
        }
        QCOMPARE(started.size(), steps.size());
        QCOMPARE(started.first().at(1).toString(), commandLine(steps.first().argv));
        QCOMPARE(progress.last().at(0).toInt(), int(steps.size()));
        QVERIFY(!QFileInfo::exists(libraryFile(p) + u".tmp"_s));
        for (const StepResult &s : result.steps)
            QCOMPARE(s.exitCode, 0);
        if (p.kind == LibraryKind::Shared)
            QCOMPARE(QFileInfo(p.outDir + u"/libdemo.so"_s).symLinkTarget(), p.outDir + u"/libdemo.so.1"_s);
    }

    void skipsWhatIsUpToDate()
    {
        const BuildPlan p = plan(LibraryKind::Shared, u"uptodate"_s);
        QVERIFY(build(planLibrary(p)).success);
        BuildResult again = build(planLibrary(p));
        QVERIFY(again.success);
        QCOMPARE(statuses(again), QStringList(4, u"up-to-date"_s));
        QCOMPARE(again.artifacts, libraryArtifacts(p));

        // A header only one.c includes: one.c and the link run again, two.c does not.
        ageOutputs(p.outDir, 100);
        setMtime(m_dir.filePath(u"src/demo.h"_s), -50);
        again = build(planLibrary(p));
        QCOMPARE(statuses(again), (QStringList {u"ok"_s, u"up-to-date"_s, u"ok"_s, u"ok"_s}));

        // Other flags make other objects.
        BuildPlan debug = p;
        debug.debugInfo = true;
        again = build(planLibrary(debug));
        QCOMPARE(statuses(again), QStringList(4, u"ok"_s));
        // A deleted object is rebuilt.
        QVERIFY(QFile::remove(objectFile(debug, 1)));
        again = build(planLibrary(debug));
        QCOMPARE(statuses(again), (QStringList {u"up-to-date"_s, u"ok"_s, u"ok"_s, u"ok"_s}));
    }

    void versionedThenUnversioned()
    {
        // libdemo.so is a symlink after a versioned build; an unversioned build must make it a library again.
        BuildPlan p = plan(LibraryKind::Shared, u"reversion"_s);
        p.version = u"1.2.3"_s;
        QVERIFY(build(planLibrary(p)).success);
        p.version.clear();
        QVERIFY(build(planLibrary(p)).success);
        QVERIFY(build(planLibrary(p)).success);
        p.version = u"1.2.3"_s;
        QVERIFY(build(planLibrary(p)).success);
        p.version.clear();
        const BuildResult result = build(planLibrary(p));
        QVERIFY(result.success);
        const QFileInfo lib(p.outDir + u"/libdemo.so"_s);
        QVERIFY(!lib.isSymLink());
        QCOMPARE(statusKey(result.steps[2].status), u"ok"_s); // linked again, not taken as up to date
        QProcess readelf;
        readelf.start(u"readelf"_s, {u"-d"_s, lib.filePath()});
        QVERIFY(readelf.waitForFinished(30000));
        QVERIFY(readelf.readAllStandardOutput().contains("Library soname: [libdemo.so]"));
    }

    void runningStepIsNotVouchedFor()
    {
        // While a command runs, the log no longer says its output came from the command before: if LinkLab died,
        // whatever an orphaned compiler left there would not pass for up to date.
        const BuildPlan p = plan(LibraryKind::Static, u"vouch"_s);
        QVERIFY(build(planLibrary(p)).success);
        auto logged = [&p] {
            QFile log(p.outDir + u"/.linklab-commands"_s);
            return log.open(QIODevice::ReadOnly)
                && log.readAll().contains(QByteArray(objectFile(p, 0).toUtf8() + '\t'));
        };
        QVERIFY(logged());
        QTemporaryDir dir;
        const QString fake = dir.filePath(u"hangcc"_s);
        writeFile(fake, "#!/bin/sh\nexec sleep 300\n");
        QVERIFY(QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::WriteOwner));
        BuildPlan other = p;
        other.compiler = fake;
        BuildRunner runner;
        QSignalSpy started(&runner, &BuildRunner::stepStarted);
        QSignalSpy done(&runner, &BuildRunner::finished);
        runner.start(planLibrary(other), 1);
        QVERIFY(started.wait(20000));
        QVERIFY(!logged());
        runner.cancel();
        QVERIFY(done.wait(20000));
    }

    void failedCompileKeepsLastArtifact()
    {
        QTemporaryDir src;
        writeFile(src.filePath(u"a.c"_s), "int a(void) { return 1; }\n");
        writeFile(src.filePath(u"b.c"_s), "int b(void) { return 2; }\n");
        BuildPlan p;
        p.sources = {src.filePath(u"a.c"_s), src.filePath(u"b.c"_s)};
        p.name = u"keep"_s;
        p.outDir = src.filePath(u"out"_s);
        p.version = u"1"_s;
        QVERIFY(build(planLibrary(p)).success);
        const QByteArray good = hashOf(libraryFile(p));
        QVERIFY(!good.isEmpty());

        writeFile(src.filePath(u"b.c"_s), "int b(void) { return 2 }\n");
        setMtime(src.filePath(u"b.c"_s), 5);
        const BuildResult broken = build(planLibrary(p));
        QVERIFY(!broken.success);
        QCOMPARE(broken.failedSteps(), 1);
        QCOMPARE(broken.steps[1].status, StepStatus::Failed);
        QCOMPARE(broken.steps[2].status, StepStatus::NotRun);
        QVERIFY(broken.artifacts.isEmpty());
        QCOMPARE(hashOf(libraryFile(p)), good);
        QVERIFY(QFileInfo(p.outDir + u"/libkeep.so"_s).isFile());

        // A link that fails (undefined symbol with -z defs) also leaves the old library and no temporary file.
        writeFile(src.filePath(u"b.c"_s), "int missing(void);\nint b(void) { return missing(); }\n");
        setMtime(src.filePath(u"b.c"_s), 10);
        p.ldflags = {u"-Wl,-z,defs"_s};
        const BuildResult unlinked = build(planLibrary(p));
        QVERIFY(!unlinked.success);
        QCOMPARE(unlinked.steps[2].status, StepStatus::Failed);
        QCOMPARE(hashOf(libraryFile(p)), good);
        QVERIFY(!QFileInfo::exists(libraryFile(p) + u".tmp"_s));
        const auto undefined = std::find_if(unlinked.diagnostics.begin(), unlinked.diagnostics.end(),
            [](const Diagnostic &d) { return d.message.contains(u"undefined reference to `missing'"_s); });
        QVERIFY(undefined != unlinked.diagnostics.end());
        // The linker says "b.c:(.text+0x..)": the diagnostic names the source LinkLab compiled, so a click finds it.
        QCOMPARE(undefined->file, src.filePath(u"b.c"_s));
    }

    void missingCompiler()
    {
        BuildPlan p = plan(LibraryKind::Static, u"nocc"_s);
        p.compiler = u"/nonexistent/cc"_s;
        const BuildResult result = build(planLibrary(p));
        QVERIFY(!result.success);
        QCOMPARE(result.steps.first().status, StepStatus::Failed);
        QVERIFY2(result.steps.first().error.contains(u"could not start /nonexistent/cc"_s),
            qPrintable(result.steps.first().error));
    }

    void cancelStopsEveryChild()
    {
        // A "compiler" that starts a child of its own and waits, as gcc waits for cc1.
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(u"child.pid"_s);
        const QString fake = dir.filePath(u"slowcc"_s);
        writeFile(fake, "#!/bin/sh\nsleep 300 &\necho $! > \"" + pidFile.toUtf8() + "\"\nwait\n");
        QVERIFY(QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::WriteOwner));
        BuildPlan p = plan(LibraryKind::Static, u"cancel"_s);
        p.compiler = fake;

        BuildRunner runner;
        QSignalSpy done(&runner, &BuildRunner::finished);
        runner.start(planLibrary(p), 1);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(pidFile).size() > 0, 20000);
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const qint64 grandchild = f.readAll().trimmed().toLongLong();
        const QList<qint64> children = runner.runningPids();
        QCOMPARE(children.size(), 1);
        QVERIFY(alive(grandchild));
        runner.cancel();
        QVERIFY(done.wait(20000));
        const BuildResult result = runner.result();
        QVERIFY(result.cancelled);
        QVERIFY(!result.success);
        QCOMPARE(statuses(result), QStringList(4, u"cancelled"_s));
        QVERIFY(!alive(children.first()));
        QTRY_VERIFY_WITH_TIMEOUT(!alive(grandchild), 5000); // the kernel delivers SIGKILL asynchronously
    }

    void destroyingRunnerKillsChildren()
    {
        QTemporaryDir dir;
        const QString fake = dir.filePath(u"hangcc"_s);
        writeFile(fake, "#!/bin/sh\nexec sleep 300\n");
        QVERIFY(QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::WriteOwner));
        BuildPlan p = plan(LibraryKind::Static, u"destroy"_s);
        p.compiler = fake;
        QList<qint64> pids;
        {
            BuildRunner runner;
            QSignalSpy started(&runner, &BuildRunner::stepStarted);
            runner.start(planLibrary(p), 2);
            QVERIFY(started.wait(20000));
            QTRY_COMPARE_WITH_TIMEOUT(runner.runningPids().size(), 2, 20000);
            pids = runner.runningPids();
        }
        for (qint64 pid : pids)
            QVERIFY(!alive(pid));
    }

    void toolsSpeakEnglish()
    {
        // parseDiagnostics reads "error:" and "warning:": a translated compiler must not hide them.
        QTemporaryDir dir;
        const QString fake = dir.filePath(u"envcc"_s);
        writeFile(fake,
            "#!/bin/sh\necho \"LC_ALL=${LC_ALL-unset} LC_MESSAGES=$LC_MESSAGES LC_CTYPE=$LC_CTYPE "
            "LANGUAGE=${LANGUAGE-unset}\"\nexit 1\n");
        QVERIFY(QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::WriteOwner));
        BuildPlan p = plan(LibraryKind::Static, u"env"_s);
        p.compiler = fake;
        const QByteArray oldAll = qgetenv("LC_ALL"), oldLanguage = qgetenv("LANGUAGE");
        qputenv("LC_ALL", "de_DE.UTF-8");
        qputenv("LANGUAGE", "de");
        const BuildResult result = build(planLibrary(p).mid(0, 1));
        for (const auto &[name, value] : {std::pair {"LC_ALL", oldAll}, std::pair {"LANGUAGE", oldLanguage}}) {
            if (value.isNull())
                qunsetenv(name);
            else
                qputenv(name, value);
        }
        QCOMPARE(
            result.steps.first().output.trimmed(), u"LC_ALL=unset LC_MESSAGES=C LC_CTYPE=de_DE.UTF-8 LANGUAGE=unset"_s);
    }

    void parallelCompiles()
    {
        // With two jobs, both compiles are running before either finished: they overlap.
        QTemporaryDir dir;
        const QString fake = dir.filePath(u"gatecc"_s);
        const QString gate = dir.filePath(u"gate"_s);
        // Each compile waits until both have started (two marker files), so only a parallel run can finish.
        writeFile(fake,
            "#!/bin/sh\ntouch \"" + gate.toUtf8() + ".$$\"\nn=0\nwhile [ $(ls \"" + dir.path().toUtf8()
                + "\" | grep -c '^gate\\.') -lt 2 ] && [ $n -lt 2000 ]; do n=$((n+1)); sleep 0.01; done\n"
                  "[ $n -lt 2000 ] || exit 9\nfor a; do o=$a; [ \"$prev\" = -o ] && out=$a; prev=$a; done\n: > "
                  "\"$out\"\n");
        QVERIFY(QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::WriteOwner));
        BuildPlan p = plan(LibraryKind::Static, u"parallel"_s);
        p.compiler = fake;
        QList<BuildStep> steps = planLibrary(p).mid(0, 2);
        const BuildResult result = build(steps, 2);
        QVERIFY2(result.success, qPrintable(result.steps.first().output + result.steps.last().output));
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

    void toolchain()
    {
        const Toolchain chain = discoverToolchain();
        QCOMPARE(chain.defaultCompiler(), u"gcc"_s);
        for (const QString &name : {u"gcc"_s, u"clang"_s}) {
            const Tool *tool = chain.compiler(name);
            QVERIFY2(tool, qPrintable(name));
            QCOMPARE(tool->path, QStandardPaths::findExecutable(name));
            QProcess version;
            version.start(tool->path, {u"--version"_s});
            QVERIFY(version.waitForFinished(10000));
            QCOMPARE(tool->version, QString::fromLocal8Bit(version.readAllStandardOutput()).section(u'\n', 0, 0));
        }
        QVERIFY(chain.archiver.found());
        QVERIFY(chain.archiver.version.startsWith(u"GNU ar"_s));
        QVERIFY(!chain.compiler(u"no-such-cc"_s));
    }

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
};

QTEST_GUILESS_MAIN(TestBuildRunner)
#include "tst_buildrunner.moc"
