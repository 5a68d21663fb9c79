// SPDX-License-Identifier: MIT
// linklab-cli call as a user runs it: the course's _strlen and the textbook's addvec, libm's cos with its
// prototype read from math.h, every way a call can go wrong with its exit status, and the JSON it prints.
#include "fixturepaths.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace linklab::test;

namespace {

Run call(const QStringList &args)
{
    return run(QStringLiteral(LINKLAB_CLI), QStringList {QStringLiteral("call")} + args);
}

QJsonObject callJson(const QStringList &args, int expectedExit = 0)
{
    const Run r = call(QStringList {QStringLiteral("--json")} + args);
    if (r.exitCode != expectedExit)
        qWarning("exit %d, stderr: %s", r.exitCode, r.err.constData());
    return r.exitCode == expectedExit ? QJsonDocument::fromJson(r.out).object() : QJsonObject();
}

const QString kLib = QStringLiteral(LINKLAB_FIXTURE_CALLS);

} // namespace

class TestCliCall : public QObject
{
    Q_OBJECT

private slots:
    void courseExampleAsText()
    {
        // Run from the library's folder with ./, as the course does with ctypes.CDLL('./libdynamic.so').
        const QFileInfo lib(kLib);
        const Run r = run(QStringLiteral(LINKLAB_CLI),
            {QStringLiteral("call"), QStringLiteral("./") + lib.fileName(), QStringLiteral("_strlen"),
                QStringLiteral("--proto"), QStringLiteral("int _strlen(const char *s)"), QStringLiteral("--"),
                QStringLiteral("Holberton")},
            lib.absolutePath());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("_strlen(\"Holberton\") = 9\n"));
    }

    void addvecShowsTheOutputArray()
    {
        const Run r = call({kLib, QStringLiteral("addvec"), QStringLiteral("--proto"),
            QStringLiteral("void addvec(int *x, int *y, int *z, int n)"), QStringLiteral("--"),
            QStringLiteral("[1, 2]"), QStringLiteral("[3, 4]"), QStringLiteral("[0, 0]"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("\n  z = [4, 6]\n"), r.out.constData());
        const QJsonObject o = callJson({kLib, QStringLiteral("addvec"), QStringLiteral("--proto"),
            QStringLiteral("void addvec(int *x, int *y, int *z, int n)"), QStringLiteral("--"),
            QStringLiteral("[1, 2]"), QStringLiteral("[3, 4]"), QStringLiteral("[0, 0]"), QStringLiteral("2")});
        const QJsonArray after = o[QStringLiteral("args_after")].toArray();
        QCOMPARE(after.size(), 4);
        QCOMPARE(after[2].toObject()[QStringLiteral("type")].toString(), QStringLiteral("int *"));
        QCOMPARE(after[2].toObject()[QStringLiteral("value")].toArray(), (QJsonArray {4, 6}));
        QCOMPARE(o[QStringLiteral("return")].toObject()[QStringLiteral("type")].toString(), QStringLiteral("void"));
    }

    void cosFromMathHeader()
    {
        const QJsonObject o = callJson({QStringLiteral("libm.so.6"), QStringLiteral("cos"), QStringLiteral("--header"),
            QStringLiteral("/usr/include/math.h"), QStringLiteral("--flags"), QStringLiteral("now"),
            QStringLiteral("--"), QStringLiteral("0.5")});
        QCOMPARE(o[QStringLiteral("ok")].toBool(), true);
        QCOMPARE(o[QStringLiteral("prototype")].toString(), QStringLiteral("double cos(double __x)"));
        QCOMPARE(o[QStringLiteral("return")].toObject()[QStringLiteral("value")].toDouble(), std::cos(0.5));
    }

    void jsonHasEveryField()
    {
        const QJsonObject o = callJson({kLib, QStringLiteral("say"), QStringLiteral("--proto"),
            QStringLiteral("int say(const char *text)"), QStringLiteral("--"), QStringLiteral("hi")});
        for (const char *key : {"library", "function", "prototype", "ok", "return", "args_after", "stdout", "stderr",
                 "signal", "exit_code", "timed_out", "error", "ms"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o[QStringLiteral("library")].toString(), kLib);
        QCOMPARE(o[QStringLiteral("function")].toString(), QStringLiteral("say"));
        QCOMPARE(o[QStringLiteral("stdout")].toString(), QStringLiteral("out: hi\n"));
        QCOMPARE(o[QStringLiteral("stderr")].toString(), QStringLiteral("err: hi\n"));
        QVERIFY(o[QStringLiteral("signal")].isNull());
        QVERIFY(o[QStringLiteral("exit_code")].isNull());
        QVERIFY(o[QStringLiteral("error")].isNull());
        QCOMPARE(o[QStringLiteral("timed_out")].toBool(), false);
        QCOMPARE(o[QStringLiteral("return")].toObject()[QStringLiteral("value")].toInt(), 1);
    }

    // Carried out and reported, even though the function crashed, exited or hung: exit status 0.
    void misbehaviourIsReported()
    {
        QJsonObject o
            = callJson({kLib, QStringLiteral("crash"), QStringLiteral("--proto"), QStringLiteral("int crash(void)")});
        QCOMPARE(o[QStringLiteral("signal")].toString(), QStringLiteral("SIGSEGV"));
        QCOMPARE(o[QStringLiteral("ok")].toBool(), false);
        o = callJson({kLib, QStringLiteral("quit"), QStringLiteral("--proto"), QStringLiteral("void quit(int code)"),
            QStringLiteral("--"), QStringLiteral("4")});
        QCOMPARE(o[QStringLiteral("exit_code")].toInt(), 4);
        o = callJson({kLib, QStringLiteral("hang"), QStringLiteral("--proto"), QStringLiteral("void hang(void)"),
            QStringLiteral("--timeout"), QStringLiteral("0.3")});
        QCOMPARE(o[QStringLiteral("timed_out")].toBool(), true);
        const Run r
            = call({kLib, QStringLiteral("crash"), QStringLiteral("--proto"), QStringLiteral("int crash(void)")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("crash() crashed: SIGSEGV (Segmentation fault)\n"), r.out.constData());
    }

    // Not carried out: exit status 1, with the loader's or clang's own words.
    void failuresExitOne_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no such library") << QStringList {QStringLiteral("/nonexistent/libx.so"), QStringLiteral("f"),
            QStringLiteral("--proto"), QStringLiteral("int f(void)")}
                                         << "/nonexistent/libx.so: cannot open shared object file";
        QTest::newRow("no such symbol") << QStringList {kLib, QStringLiteral("nosuch"), QStringLiteral("--proto"),
            QStringLiteral("int nosuch(void)")}
                                        << "undefined symbol: nosuch";
        QTest::newRow("no prototype") << QStringList {kLib, QStringLiteral("add")} << "no prototype for add";
        QTest::newRow("not in header") << QStringList {kLib, QStringLiteral("add"), QStringLiteral("--header"),
            QStringLiteral("/usr/include/math.h")}
                                       << "add is not declared in /usr/include/math.h";
        QTest::newRow("bad declaration") << QStringList {kLib, QStringLiteral("add"), QStringLiteral("--proto"),
            QStringLiteral("int add(int a,")}
                                         << "--proto: ";
        QTest::newRow("out of range") << QStringList {kLib, QStringLiteral("add"), QStringLiteral("--proto"),
            QStringLiteral("int add(int a, int b)"), QStringLiteral("--"), QStringLiteral("1"),
            QStringLiteral("99999999999")}
                                      << "'99999999999' is out of range for int";
        QTest::newRow("variadic") << QStringList {QStringLiteral("libc.so.6"), QStringLiteral("printf"),
            QStringLiteral("--header"), QStringLiteral("/usr/include/stdio.h"), QStringLiteral("--"),
            QStringLiteral("x")} << "variadic";
        QTest::newRow("RTLD_NOW unresolved") << QStringList {QStringLiteral(LINKLAB_FIXTURE_CONSUMER),
            QStringLiteral("consumer_ok"), QStringLiteral("--proto"), QStringLiteral("int consumer_ok(void)"),
            QStringLiteral("--flags"), QStringLiteral("now")}
                                             << "undefined symbol: provided_value";
    }
    void failuresExitOne()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = call(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(message), r.err.constData());
    }

    void lazyOpensWhatNowRefuses()
    {
        const Run r
            = call({QStringLiteral(LINKLAB_FIXTURE_CONSUMER), QStringLiteral("consumer_ok"), QStringLiteral("--proto"),
                QStringLiteral("int consumer_ok(void)"), QStringLiteral("--flags"), QStringLiteral("lazy")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("consumer_ok() = 7\n"));
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("one positional") << QStringList {kLib};
        QTest::newRow("unknown flag") << QStringList {
            kLib, QStringLiteral("f"), QStringLiteral("--flags"), QStringLiteral("fast")};
        QTest::newRow("zero timeout") << QStringList {
            kLib, QStringLiteral("f"), QStringLiteral("--timeout"), QStringLiteral("0")};
        QTest::newRow("buffer size") << QStringList {
            kLib, QStringLiteral("f"), QStringLiteral("--buffer-size"), QStringLiteral("x")};
    }
    void badUsageExitsTwo()
    {
        QFETCH(QStringList, args);
        QCOMPARE(call(args).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliCall)
#include "tst_cli_call.moc"
