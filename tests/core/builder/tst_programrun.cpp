// SPDX-License-Identifier: MIT
// ProgramRun: a linked program's output, exit status, crash, hang and the loader's missing-library error.
#include "builder/programrun.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace linklab;
using namespace Qt::StringLiterals;

class TestProgramRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Compiles a one-file program with gcc; returns its path.
    QString program(const QString &name, const QByteArray &source, const QStringList &extra = {})
    {
        const QString c = m_dir.filePath(name + u".c"_s);
        QFile f(c);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(source);
        f.close();
        const QString exe = m_dir.filePath(name);
        QProcess gcc;
        gcc.setProcessChannelMode(QProcess::ForwardedChannels);
        gcc.start(u"gcc"_s, QStringList {u"-o"_s, exe, c} + extra);
        if (!gcc.waitForFinished(60000) || gcc.exitCode() != 0)
            return {};
        return exe;
    }

    RunResult run(const RunRequest &request)
    {
        ProgramRun runner;
        QSignalSpy done(&runner, &ProgramRun::finished);
        if (!runner.start(request) || !done.wait(30000))
            return {};
        return runner.result();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void outputAndStatus()
    {
        const QString exe = program(u"hello"_s,
            "#include <stdio.h>\n#include <stdlib.h>\nint main(int c, char **v) {\n"
            "  printf(\"out %s %s\\n\", c > 1 ? v[1] : \"-\", getenv(\"LINKLAB_T\"));\n"
            "  fprintf(stderr, \"err line\\n\");\n  return 3;\n}\n");
        QVERIFY(!exe.isEmpty());
        RunRequest request;
        request.program = exe;
        request.arguments = {u"arg one"_s};
        request.environment = {u"LINKLAB_T=value=with=equals"_s};
        ProgramRun runner;
        QSignalSpy out(&runner, &ProgramRun::standardOutput);
        QSignalSpy done(&runner, &ProgramRun::finished);
        QVERIFY(runner.start(request));
        QVERIFY(runner.isRunning());
        QVERIFY(!runner.start(request));
        QVERIFY(done.wait(30000));
        const RunResult r = runner.result();
        QVERIFY(r.started);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.signal, 0);
        QCOMPARE(r.standardOutput, QByteArray("out arg one value=with=equals\n"));
        QCOMPARE(r.standardError, QByteArray("err line\n"));
        QVERIFY(!out.isEmpty());
        QCOMPARE(r.summary(), u"exited with status 3"_s);
        QVERIFY(r.missingLibrary.isEmpty());
    }

    void floodKeepsFirstMegabyte()
    {
        // 3 MiB on stdout: every byte reaches the signal, the result keeps the first MiB.
        const QString exe = program(u"flood"_s,
            "#include <stdio.h>\nint main(void) { for (int i = 0; i < 3 * 1024 * 64; ++i) "
            "fputs(\"0123456789abcde\\n\", stdout); return 0; }\n");
        QVERIFY(!exe.isEmpty());
        ProgramRun runner;
        qsizetype streamed = 0;
        connect(&runner, &ProgramRun::standardOutput, this, [&streamed](const QByteArray &b) { streamed += b.size(); });
        QSignalSpy done(&runner, &ProgramRun::finished);
        QVERIFY(runner.start({exe, {}, {}, {}, false}));
        QVERIFY(done.wait(30000));
        QCOMPARE(streamed, qsizetype(3 * 1024 * 1024));
        QCOMPARE(runner.result().standardOutput.size(), qsizetype(1024 * 1024));
        QVERIFY(runner.result().standardOutput.startsWith("0123456789abcde\n"));
    }

    void crash()
    {
        const QString exe = program(u"crash"_s, "int main(void) { volatile int *p = 0; return *p; }\n");
        QVERIFY(!exe.isEmpty());
        const RunResult r = run({exe, {}, {}, {}, false});
        QVERIFY(r.started);
        QCOMPARE(r.signal, int(SIGSEGV));
        QVERIFY2(r.summary().startsWith(u"killed by signal 11"_s), qPrintable(r.summary()));
    }

    void stopHangingProgram()
    {
        const QString exe = program(u"hang"_s,
            "#include <stdio.h>\n#include <unistd.h>\nint main(void) { "
            "puts(\"started\"); fflush(stdout); for (;;) pause(); }\n");
        QVERIFY(!exe.isEmpty());
        ProgramRun runner;
        QSignalSpy out(&runner, &ProgramRun::standardOutput);
        QSignalSpy done(&runner, &ProgramRun::finished);
        QVERIFY(runner.start({exe, {}, {}, {}, false}));
        QVERIFY(out.wait(30000)); // it is running and has spoken
        runner.stop();
        QVERIFY(done.wait(30000));
        QVERIFY(runner.result().stopped);
        QCOMPARE(runner.result().signal, int(SIGKILL));
        QVERIFY(runner.result().summary().startsWith(u"stopped"_s));
        QVERIFY(!runner.isRunning());
    }

    void cannotStart()
    {
        const RunResult r = run({m_dir.filePath(u"does-not-exist"_s), {}, {}, {}, false});
        QVERIFY(!r.started);
        QVERIFY(r.summary().startsWith(u"could not start"_s));
    }

    void missingLibrary()
    {
        // A program needing a library the loader cannot find: the loader's own message, then the explanation.
        QTemporaryDir libDir;
        const QString lib = libDir.filePath(u"libgone.so.1"_s);
        QFile src(libDir.filePath(u"gone.c"_s));
        QVERIFY(src.open(QIODevice::WriteOnly));
        src.write("int gone(void) { return 7; }\n");
        src.close();
        QProcess gcc;
        gcc.start(u"gcc"_s, {u"-shared"_s, u"-fPIC"_s, u"-Wl,-soname,libgone.so.1"_s, u"-o"_s, lib, src.fileName()});
        QVERIFY(gcc.waitForFinished(60000) && gcc.exitCode() == 0);
        QVERIFY(QFile::link(lib, libDir.filePath(u"libgone.so"_s)));
        const QString exe = program(
            u"needs"_s, "int gone(void);\nint main(void) { return gone(); }\n", {u"-L"_s + libDir.path(), u"-lgone"_s});
        QVERIFY(!exe.isEmpty());

        RunResult r = run({exe, {}, {}, {u"LD_LIBRARY_PATH="_s}, false});
        QVERIFY(r.started);
        QCOMPARE(r.exitCode, 127);
        QVERIFY(r.standardError.contains("error while loading shared libraries: libgone.so.1"));
        QCOMPARE(r.missingLibrary, u"libgone.so.1"_s);
        QVERIFY(r.explanation.contains(u"LD_LIBRARY_PATH"_s));
        QVERIFY(r.explanation.contains(u"rpath"_s));
        QCOMPARE(missingLibraryIn(r.standardError), u"libgone.so.1"_s);

        // With LD_LIBRARY_PATH pointing at the folder, the same program runs.
        r = run({exe, {}, {}, {u"LD_LIBRARY_PATH="_s + libDir.path()}, false});
        QCOMPARE(r.exitCode, 7);
        QVERIFY(r.missingLibrary.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProgramRun)
#include "tst_programrun.moc"
