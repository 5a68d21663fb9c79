// SPDX-License-Identifier: MIT
// BuildRunner on real compiles: artifacts, up-to-date skipping, a failed build keeping the last good
// artifact, cancel stopping every child process.
#include "builder/buildrunner.h"
#include "builder/shellwords.h"

#include "testsupport.h"

#include <QDirIterator>
#include <QMap>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace linklab;
using namespace linklab::test;
using namespace Qt::StringLiterals;

namespace {

// Every file in the folders of the steps' compiled sources (outside the output folder): content hash and mtime.
QMap<QString, QPair<QByteArray, qint64>> sourceSnapshot(const QList<BuildStep> &steps)
{
    QSet<QString> folders;
    QString out;
    for (const BuildStep &step : steps) {
        out = step.workingDir;
        if (step.kind == StepKind::Compile)
            for (const QString &input : step.inputs)
                folders.insert(QFileInfo(input).absolutePath());
    }
    QMap<QString, QPair<QByteArray, qint64>> files;
    for (const QString &folder : std::as_const(folders)) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!out.isEmpty() && path.startsWith(out + u'/'))
                continue;
            files.insert(path, {hashOf(path), it.fileInfo().lastModified().toMSecsSinceEpoch()});
        }
    }
    return files;
}

// Runs a build; whatever its outcome, no file beside its sources may have changed ("your sources are never
// modified").
BuildResult build(const QList<BuildStep> &steps, int jobs = 2)
{
    const auto before = sourceSnapshot(steps);
    BuildRunner runner;
    QSignalSpy done(&runner, &BuildRunner::finished);
    runner.start(steps, jobs);
    if (!done.wait(60000))
        return {};
    if (sourceSnapshot(steps) != before)
        QTest::qFail("the build changed a file beside its sources", __FILE__, __LINE__);
    return runner.result();
}

QStringList statuses(const BuildResult &result)
{
    QStringList out;
    for (const StepResult &s : result.steps)
        out.append(statusKey(s.status));
    return out;
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
        ageFiles(p.outDir, 100);
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
        QVERIFY(processAlive(grandchild));
        runner.cancel();
        QVERIFY(done.wait(20000));
        const BuildResult result = runner.result();
        QVERIFY(result.cancelled);
        QVERIFY(!result.success);
        QCOMPARE(statuses(result), QStringList(4, u"cancelled"_s));
        QVERIFY(!processAlive(children.first()));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(grandchild), 5000); // the kernel delivers SIGKILL asynchronously
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
            QVERIFY(!processAlive(pid));
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
};

QTEST_GUILESS_MAIN(TestBuildRunner)
#include "tst_buildrunner.moc"
