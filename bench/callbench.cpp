// SPDX-License-Identifier: MIT
// Calls per second through one linklab-runner session (what the Run room does): open a library once, then call
// one function N times through RunnerClient, each call a full request and reply over the pipes.
// Usage: linklab-callbench LIBRARY FUNCTION "DECLARATION" [CALLS] [ARG...]
#include "runtime/calls.h"
#include "runtime/prototypes.h"
#include "runtime/runnerclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: linklab-callbench LIBRARY FUNCTION \"DECLARATION\" [CALLS] [ARG...]\n");
        return 2;
    }
    using namespace linklab;
    const linklab::Result<CPrototype> proto = prototypeFromDeclaration(args[3]);
    if (!proto) {
        std::fprintf(stderr, "%s\n", qPrintable(proto.reason()));
        return 1;
    }
    const int calls = args.size() > 4 ? args[4].toInt() : 10000;
    CallRecord record;
    record.library = args[1];
    record.prototype = *proto;
    record.args = args.mid(5);
    RunnerClient client;
    const RunnerReply opened = client.sendAndWait(openRequest(record.library, {QStringLiteral("now")}));
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error));
        return 1;
    }
    const QJsonObject request = callRequest(opened.body.value(QLatin1String("handle")).toInteger(), record);
    client.sendAndWait(request); // warm-up
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < calls; ++i) {
        const RunnerReply r = client.sendAndWait(request);
        if (!r.ok()) {
            std::fprintf(stderr, "call %d failed: %s\n", i, qPrintable(r.error));
            return 1;
        }
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("%d calls in %.3f s: %.0f calls/s (%.1f us per call)\n", calls, seconds, calls / seconds,
        seconds * 1e6 / calls);
    return 0;
}
