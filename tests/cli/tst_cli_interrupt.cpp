// SPDX-License-Identifier: MIT
// `linklab-cli build` and the processes it starts: SIGINT, SIGTERM and SIGHUP stop it with exit status 130 and
// leave no compiler (nor what the compiler started) and no program behind; without -j it runs one compile per core.
// Nothing here sleeps to wait: stand-in compilers block on a lock the test holds or wait for a child, and the test
// waits for files they write (QTRY_*) and for the process to end.
#include "fixturepaths.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/file.h>
#include <unistd.h>

using namespace linklab::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 60'000;

bool makeExecutable(const QString &path, const QByteArray &script)
{
    return writeFile(path, script)
        && QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

qint64 readPid(const QString &path)
{
    return readFile(path).trimmed().toLongLong();
}

void startCli(QProcess &process, const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C"_s);
    env.remove(u"LD_LIBRARY_PATH"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LINKLAB_CLI), QStringList {u"build"_s} + args);
}

int cores()
{
    const Run r = run(u"nproc"_s, {});
    return r.out.trimmed().toInt();
}

} // namespace

class TestCliInterrupt : public QObject
{
    Q_OBJECT

private slots:
    void interrupted_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<bool>("duringRun"); // the program runs (--run) rather than a compiler
        QTest::addColumn<bool>("json");
        for (const auto &[name, sig] :
            {std::pair {"SIGINT", SIGINT}, std::pair {"SIGTERM", SIGTERM}, std::pair {"SIGHUP", SIGHUP}}) {
            QTest::newRow(qPrintable(u"%1 while compiling"_s.arg(QLatin1String(name)))) << sig << false << false;
            QTest::newRow(qPrintable(u"%1 while compiling --json"_s.arg(QLatin1String(name)))) << sig << false << true;
            QTest::newRow(qPrintable(u"%1 during --run"_s.arg(QLatin1String(name)))) << sig << true << false;
        }
    }

    void interrupted()
    {
        QFETCH(int, signal);
        QFETCH(bool, duringRun);
        QFETCH(bool, json);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString source = dir.filePath(u"src/a.c"_s);
        QVERIFY(writeFile(source, "int a(void) { return 1; }\n"));
        const QString out = dir.filePath(u"out"_s);
        QStringList args {u"--kind"_s, u"shared"_s, u"--name"_s, u"a"_s, u"-o"_s, out};
        if (json)
            args << u"--json"_s;
        QStringList pidFiles;
        if (duringRun) {
            // A program that says who it is and waits for a signal that never comes.
            const QString pidFile = dir.filePath(u"prog.pid"_s);
            const QString main = dir.filePath(u"src/main.c"_s);
            QVERIFY(writeFile(main,
                "#include <stdio.h>\n#include <unistd.h>\nint a(void);\nint main(void)\n{\n"
                "    FILE *f = fopen(\""
                    + pidFile.toUtf8()
                    + "\", \"w\");\n    fprintf(f, \"%d\\n\", (int)getpid());\n    fclose(f);\n"
                      "    for (;;)\n        pause();\n    return a();\n}\n"));
            args << u"--exe"_s << main << u"--run"_s << u"--run-env"_s << u"LD_LIBRARY_PATH=."_s;
            pidFiles << pidFile;
        } else {
            // A compiler that starts a child of its own and waits for it, as gcc waits for cc1.
            const QString cc = dir.filePath(u"slowcc"_s);
            const QString shellPid = dir.filePath(u"cc.pid"_s);
            const QString childPid = dir.filePath(u"child.pid"_s);
            QVERIFY(makeExecutable(cc,
                "#!/bin/sh\necho $$ > \"" + shellPid.toUtf8() + "\"\nsleep 300 &\necho $! > \"" + childPid.toUtf8()
                    + "\"\nwait\n"));
            args << u"--cc"_s << cc;
            pidFiles << shellPid << childPid;
        }
        const QByteArray before = hashOf(source);

        QProcess cli;
        startCli(cli, args + QStringList {source});
        QVERIFY2(cli.waitForStarted(kTimeoutMs), qPrintable(cli.errorString()));
        for (const QString &f : std::as_const(pidFiles))
            QTRY_VERIFY_WITH_TIMEOUT(readPid(f) > 0, kTimeoutMs);
        QList<qint64> pids;
        for (const QString &f : std::as_const(pidFiles)) {
            pids << readPid(f);
            QVERIFY2(processAlive(pids.last()), qPrintable(f));
        }
        QCOMPARE(::kill(pid_t(cli.processId()), signal), 0);
        QVERIFY2(cli.waitForFinished(kTimeoutMs), "linklab-cli did not end after the signal");
        const QByteArray err = cli.readAllStandardError();
        const QByteArray stdoutText = cli.readAllStandardOutput();
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit); // it handled the signal and exited, not killed by it
        QVERIFY2(cli.exitCode() == 130,
            qPrintable(u"exit status %1; stderr: %2"_s.arg(cli.exitCode()).arg(QString::fromLocal8Bit(err))));
        if (!json)
            QVERIFY2(err.contains("cancelled"), err.constData());
        else
            QVERIFY2(stdoutText.trimmed().startsWith('{'), stdoutText.constData()); // the report still comes out
        for (const qint64 pid : std::as_const(pids))
            QTRY_VERIFY2_WITH_TIMEOUT(
                !processAlive(pid), qPrintable(u"process %1 outlived linklab-cli"_s.arg(pid)), kTimeoutMs);
        QCOMPARE(hashOf(source), before);
    }

    // "Compiles run in parallel (one per core)": each stand-in compiler notes how many are running, then blocks on
    // a lock the test holds until as many as there are cores have started.
    void defaultJobsIsOnePerCore()
    {
        const int n = cores();
        QVERIFY2(n >= 1, "nproc gave no count");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString state = dir.filePath(u"state"_s);
        QVERIFY(QDir().mkpath(state));
        const QString lockPath = dir.filePath(u"release.lock"_s);
        QFile lock(lockPath);
        QVERIFY(lock.open(QIODevice::WriteOnly));
        QCOMPARE(::flock(lock.handle(), LOCK_EX), 0);
        const QString cc = dir.filePath(u"countcc"_s);
        QVERIFY(makeExecutable(cc,
            "#!/bin/sh\nd=\"" + state.toUtf8() + "\"\n: > \"$d/running.$$\"\nls \"$d\" | grep -c '^running' >> \""
                + dir.filePath(u"counts"_s).toUtf8() + "\"\nflock -s \"" + lockPath.toUtf8()
                + "\" true\nrm -f \"$d/running.$$\"\nexec gcc \"$@\"\n"));
        QStringList sources;
        for (int i = 0; i < 2 * n + 1; ++i) {
            sources << dir.filePath(u"src/f%1.c"_s.arg(i));
            QVERIFY(writeFile(sources.last(), "int f" + QByteArray::number(i) + "(void) { return 0; }\n"));
        }
        QProcess cli;
        startCli(cli,
            QStringList {
                u"--kind"_s, u"static"_s, u"--name"_s, u"par"_s, u"-o"_s, dir.filePath(u"out"_s), u"--cc"_s, cc}
                + sources);
        QVERIFY2(cli.waitForStarted(kTimeoutMs), qPrintable(cli.errorString()));
        const auto running = [&] { return QDir(state).entryList({u"running.*"_s}, QDir::Files).size(); };
        QTRY_COMPARE_WITH_TIMEOUT(running(), qsizetype(n), kTimeoutMs);
        QCOMPARE(::flock(lock.handle(), LOCK_UN), 0);
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        int most = 0;
        const QList<QByteArray> counts = readFile(dir.filePath(u"counts"_s)).split('\n');
        for (const QByteArray &c : counts)
            most = std::max(most, c.toInt());
        QCOMPARE(counts.count(QByteArray()) + sources.size(), counts.size()); // every compile counted once
        QCOMPARE(most, n);
    }
};

QTEST_GUILESS_MAIN(TestCliInterrupt)
#include "tst_cli_interrupt.moc"
