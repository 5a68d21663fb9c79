// SPDX-License-Identifier: MIT
// linklab-runner as a real process behind RunnerClient: state kept between calls and lost on close, the
// library's stdout and stderr per call, and everything a library can do to its process — crash, abort, hang,
// exit, flood its output, be killed mid-call — reported while the client carries on with a fresh runner.
#include "fixturepaths.h"
#include "runtime/runnerclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using linklab::RunnerClient;
using linklab::RunnerReply;

namespace {

QJsonObject proto(const QString &name, const QString &ret, const QStringList &types)
{
    QJsonArray params;
    for (const QString &t : types)
        params.append(QJsonObject {{QStringLiteral("name"), QString()}, {QStringLiteral("type"), t}});
    return {{QStringLiteral("name"), name}, {QStringLiteral("return"), ret}, {QStringLiteral("params"), params},
        {QStringLiteral("variadic"), false}};
}

} // namespace

class TestRunnerClient : public QObject
{
    Q_OBJECT

    RunnerReply open(RunnerClient &client, const QString &path, const QStringList &flags = {})
    {
        return client.sendAndWait({{QStringLiteral("op"), QStringLiteral("open")}, {QStringLiteral("path"), path},
            {QStringLiteral("flags"), QJsonArray::fromStringList(flags)}});
    }
    qint64 handleOf(const RunnerReply &r) { return r.body.value(QLatin1String("handle")).toInteger(); }
    RunnerReply call(RunnerClient &client, qint64 handle, const QString &symbol, const QJsonObject &prototype,
        const QJsonArray &args = {})
    {
        return client.sendAndWait({{QStringLiteral("op"), QStringLiteral("call")}, {QStringLiteral("handle"), handle},
            {QStringLiteral("symbol"), symbol}, {QStringLiteral("prototype"), prototype},
            {QStringLiteral("args"), args}});
    }
    static double returned(const RunnerReply &r)
    {
        return r.body.value(QLatin1String("return")).toObject().value(QLatin1String("value")).toDouble();
    }

private slots:
    void initTestCase()
    {
        qputenv("LINKLAB_RUNNER", LINKLAB_RUNNER);
        QCOMPARE(RunnerClient::defaultRunnerPath(), QStringLiteral(LINKLAB_RUNNER));
    }

    void callsAndKeepsStateUntilClosed()
    {
        RunnerClient client;
        RunnerReply r = open(client, QStringLiteral(LINKLAB_FIXTURE_CALLS));
        QVERIFY2(r.ok(), qPrintable(r.error));
        const qint64 h = handleOf(r);
        r = call(client, h, QStringLiteral("_strlen"),
            proto(QStringLiteral("_strlen"), QStringLiteral("int"), {QStringLiteral("const char *")}),
            {QStringLiteral("Holberton")});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(returned(r), 9.0);
        const QJsonObject counter = proto(QStringLiteral("counter"), QStringLiteral("int"), {});
        for (int expected = 1; expected <= 3; ++expected)
            QCOMPARE(returned(call(client, h, QStringLiteral("counter"), counter)), double(expected));
        QVERIFY(
            client.sendAndWait({{QStringLiteral("op"), QStringLiteral("close")}, {QStringLiteral("handle"), h}}).ok());
        // Closed and opened again: the library was unloaded, its static counter starts over.
        const qint64 again = handleOf(open(client, QStringLiteral(LINKLAB_FIXTURE_CALLS)));
        QCOMPARE(returned(call(client, again, QStringLiteral("counter"), counter)), 1.0);
    }

    void capturesOutputPerCall()
    {
        RunnerClient client;
        const qint64 h = handleOf(open(client, QStringLiteral(LINKLAB_FIXTURE_CALLS)));
        const QJsonObject say = proto(QStringLiteral("say"), QStringLiteral("int"), {QStringLiteral("const char *")});
        RunnerReply r = call(client, h, QStringLiteral("say"), say, {QStringLiteral("one")});
        QCOMPARE(r.out, QByteArray("out: one\n"));
        QCOMPARE(r.err, QByteArray("err: one\n"));
        r = call(client, h, QStringLiteral("say"), say, {QStringLiteral("two")});
        QCOMPARE(r.out, QByteArray("out: two\n")); // only this call's output
    }

    void misbehavingLibraries_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QJsonArray>("args");
        QTest::addColumn<QString>("signal");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("timedOut");
        QTest::addColumn<QString>("message");
        QTest::newRow("segfault") << "crash" << QJsonArray() << "SIGSEGV" << -1 << false
                                  << "SIGSEGV (Segmentation fault)";
        QTest::newRow("abort") << "abort_now" << QJsonArray() << "SIGABRT" << -1 << false << "SIGABRT (Aborted)";
        QTest::newRow("exit") << "quit" << QJsonArray {3} << "" << 3 << false << "exit(3)";
        QTest::newRow("hang") << "hang" << QJsonArray() << "" << -1 << true << "did not return within";
    }
    void misbehavingLibraries()
    {
        QFETCH(QString, function);
        QFETCH(QJsonArray, args);
        QFETCH(QString, signal);
        QFETCH(int, exitCode);
        QFETCH(bool, timedOut);
        QFETCH(QString, message);
        RunnerClient client;
        client.setTimeout(1000);
        QSignalSpy lost(&client, &RunnerClient::runnerLost);
        const qint64 h = handleOf(open(client, QStringLiteral(LINKLAB_FIXTURE_CALLS)));
        QStringList types;
        for (int i = 0; i < args.size(); ++i)
            types << QStringLiteral("int");
        const RunnerReply r = call(client, h, function, proto(function, QStringLiteral("int"), types), args);
        QVERIFY(r.runnerLost());
        QCOMPARE(r.signal, signal);
        QCOMPARE(r.exitCode.value_or(-1), exitCode);
        QCOMPARE(r.timedOut, timedOut);
        QVERIFY2(r.error.contains(message), qPrintable(r.error));
        QCOMPARE(lost.size(), 1);
        // The client carries on: a fresh runner, in which the old handle means nothing.
        const RunnerReply stale
            = call(client, h, QStringLiteral("counter"), proto(QStringLiteral("counter"), QStringLiteral("int"), {}));
        QVERIFY(stale.answered);
        QVERIFY2(stale.error.contains(QLatin1String("is not open")), qPrintable(stale.error));
        const qint64 fresh = handleOf(open(client, QStringLiteral(LINKLAB_FIXTURE_CALLS)));
        QCOMPARE(returned(call(client, fresh, QStringLiteral("counter"),
                     proto(QStringLiteral("counter"), QStringLiteral("int"), {}))),
            1.0);
    }

    void floodIsCapped()
    {
        RunnerClient client;
        client.setTimeout(1500);
        client.setOutputCap(64 * 1024);
        const qint64 h = handleOf(open(client, QStringLiteral(LINKLAB_FIXTURE_CALLS)));
        const RunnerReply r
            = call(client, h, QStringLiteral("flood"), proto(QStringLiteral("flood"), QStringLiteral("void"), {}));
        QVERIFY(r.timedOut);
        QCOMPARE(r.out.size(), 64 * 1024);
        QVERIFY(r.out.startsWith("flood flood"));
        QVERIFY(r.outDropped > 0);
    }

    void killedMidCall()
    {
        RunnerClient client;
        client.setTimeout(0); // no timeout: only the kill can end it
        const RunnerReply ping = client.sendAndWait({{QStringLiteral("op"), QStringLiteral("ping")}});
        QVERIFY(ping.ok());
        const qint64 pid = ping.body.value(QLatin1String("pid")).toInteger();
        const qint64 h = handleOf(open(client, QStringLiteral(LINKLAB_FIXTURE_CALLS)));
        std::optional<RunnerReply> result;
        client.send({{QStringLiteral("op"), QStringLiteral("call")}, {QStringLiteral("handle"), h},
                        {QStringLiteral("symbol"), QStringLiteral("hang")},
                        {QStringLiteral("prototype"), proto(QStringLiteral("hang"), QStringLiteral("void"), {})},
                        {QStringLiteral("args"), QJsonArray()}},
            [&](const RunnerReply &r) { result = r; });
        QVERIFY(client.isBusy());
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QCOMPARE(result->signal, QStringLiteral("SIGKILL"));
        QVERIFY(!client.isBusy());
    }

    void globalMakesSymbolsAvailableToLaterLibraries()
    {
        {
            RunnerClient client; // RTLD_LOCAL (the default): the consumer cannot see provided_value
            QVERIFY(open(client, QStringLiteral(LINKLAB_FIXTURE_PROVIDER), {QStringLiteral("now")}).ok());
            const RunnerReply r = open(client, QStringLiteral(LINKLAB_FIXTURE_CONSUMER), {QStringLiteral("now")});
            QVERIFY(!r.ok());
            QVERIFY2(r.error.contains(QLatin1String("undefined symbol: provided_value")), qPrintable(r.error));
        }
        RunnerClient client;
        QVERIFY(
            open(client, QStringLiteral(LINKLAB_FIXTURE_PROVIDER), {QStringLiteral("now"), QStringLiteral("global")})
                .ok());
        const RunnerReply r = open(client, QStringLiteral(LINKLAB_FIXTURE_CONSUMER), {QStringLiteral("now")});
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(returned(call(client, handleOf(r), QStringLiteral("consumer"),
                     proto(QStringLiteral("consumer"), QStringLiteral("int"), {}))),
            42.0);
    }

    void lazyBindingFailsAtTheCall()
    {
        // RTLD_LAZY opens the consumer; calling the function whose symbol never resolves makes the loader end
        // the process ("symbol lookup error"), which is reported, not suffered.
        RunnerClient client;
        const RunnerReply opened = open(client, QStringLiteral(LINKLAB_FIXTURE_CONSUMER), {QStringLiteral("lazy")});
        QVERIFY2(opened.ok(), qPrintable(opened.error));
        const RunnerReply r = call(client, handleOf(opened), QStringLiteral("consumer"),
            proto(QStringLiteral("consumer"), QStringLiteral("int"), {}));
        QVERIFY(r.runnerLost());
        QCOMPARE(r.exitCode.value_or(-1), 127);
        QVERIFY2(r.err.contains("symbol lookup error") && r.err.contains("provided_value"), r.err.constData());
    }

    void missingRunnerIsAClearError()
    {
        RunnerClient client;
        client.setRunnerPath(QStringLiteral("/nonexistent/linklab-runner"));
        const RunnerReply r = client.sendAndWait({{QStringLiteral("op"), QStringLiteral("ping")}});
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QLatin1String("/nonexistent/linklab-runner")), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TestRunnerClient)
#include "tst_runnerclient.moc"
