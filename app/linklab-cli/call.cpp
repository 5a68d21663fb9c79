// SPDX-License-Identifier: MIT
// linklab-cli call: load a library in linklab-runner and call one function with typed arguments.
#include "cli.h"

#include "runtime/calls.h"
#include "runtime/prototypes.h"
#include "runtime/runnerclient.h"

#include <QJsonDocument>

namespace linklab::cli {
namespace {

const QStringList kFlags = {QStringLiteral("lazy"), QStringLiteral("now"), QStringLiteral("global"),
    QStringLiteral("local"), QStringLiteral("nodelete"), QStringLiteral("noload"), QStringLiteral("deepbind")};

} // namespace

int runCall(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Load LIBRARY with dlopen in a separate process (linklab-runner) and call FUNCTION with ARGS, typed by its C "
        "prototype. Arguments: numbers (42, -1, 0x2a, 'A'), strings for char * (passed as writable buffers), "
        "[1, 2] for arrays through pointers (shown again after the call), null for NULL. A crash, exit() or hang "
        "in the library is reported, never suffered.\n\n"
        "Example: linklab-cli call ./libdynamic.so _strlen --proto 'int _strlen(const char *s)' -- Holberton"));
    parser.addPositionalArgument(QStringLiteral("LIBRARY"),
        QStringLiteral("Path (with a slash) or a name the loader "
                       "searches (libm.so.6)."));
    parser.addPositionalArgument(QStringLiteral("FUNCTION"), QStringLiteral("The function to call."));
    parser.addPositionalArgument(
        QStringLiteral("ARGS"), QStringLiteral("Its arguments, after --."), QStringLiteral("[-- ARGS...]"));
    const QCommandLineOption header(QStringLiteral("header"),
        QStringLiteral("A C header (or source) declaring FUNCTION; may be repeated."), QStringLiteral("FILE"));
    const QCommandLineOption proto(QStringLiteral("proto"),
        QStringLiteral("FUNCTION's declaration, e.g. \"double pow(double x, double y)\"."), QStringLiteral("DECL"));
    const QCommandLineOption flags(QStringLiteral("flags"),
        QStringLiteral("dlopen flags: lazy|now[,global|local][,nodelete][,noload][,deepbind] (default lazy)."),
        QStringLiteral("FLAGS"), QStringLiteral("lazy"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
        QStringLiteral("Stop a call that runs longer than this (default 5)."), QStringLiteral("SECONDS"),
        QStringLiteral("5"));
    const QCommandLineOption bufferSize(QStringLiteral("buffer-size"),
        QStringLiteral("Smallest writable buffer for a char * argument (default 256)."), QStringLiteral("BYTES"),
        QStringLiteral("256"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({header, proto, flags, timeout, bufferSize, json});
    if (auto stop = parseCommand(parser, args))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return usageError(QStringLiteral("call needs LIBRARY and FUNCTION"));

    CallRecord record;
    record.library = positional[0];
    const QString function = positional[1];
    record.args = positional.mid(2);
    record.flags = parser.value(flags).split(u',', Qt::SkipEmptyParts);
    for (QString &f : record.flags) {
        f = f.trimmed().toLower();
        if (f.startsWith(QLatin1String("rtld_")))
            f = f.mid(5);
        if (!kFlags.contains(f))
            return usageError(QStringLiteral("unknown dlopen flag '%1' (lazy, now, global, local, nodelete, noload, "
                                             "deepbind)")
                                  .arg(f));
    }
    bool numberOk = false;
    const double seconds = parser.value(timeout).toDouble(&numberOk);
    if (!numberOk || seconds <= 0 || seconds > 86400)
        return usageError(QStringLiteral("--timeout must be a number of seconds greater than 0"));
    record.bufferSize = parser.value(bufferSize).toInt(&numberOk);
    if (!numberOk || record.bufferSize < 1 || record.bufferSize > (64 << 20))
        return usageError(QStringLiteral("--buffer-size must be between 1 and 67108864"));

    // The prototype: typed, or read from the headers.
    if (parser.isSet(proto)) {
        Result<CPrototype> typed = prototypeFromDeclaration(parser.value(proto));
        if (!typed) {
            writeErr(QStringLiteral("--proto: ") + typed.reason());
            return FileError;
        }
        record.prototype = *typed;
        if (record.prototype.name != function) {
            writeErr(QStringLiteral("--proto declares %1, not %2").arg(record.prototype.name, function));
            return FileError;
        }
    } else {
        const QStringList headers = parser.values(header);
        for (const QString &h : headers) {
            Result<PrototypeSet> set = prototypesFromHeader(h);
            if (!set) {
                writeErr(h + QStringLiteral(": ") + set.reason());
                return FileError;
            }
            if (const CPrototype *found = set->find(function)) {
                record.prototype = *found;
                break;
            }
        }
        if (record.prototype.name.isEmpty()) {
            writeErr(headers.isEmpty()
                    ? QStringLiteral("no prototype for %1: give its declaration (--proto \"int %1(int x)\") or a "
                                     "header that declares it (--header FILE)")
                          .arg(function)
                    : QStringLiteral("%1 is not declared in %2").arg(function, headers.join(QStringLiteral(", "))));
            return FileError;
        }
    }

    RunnerClient client;
    client.setTimeout(int(seconds * 1000));
    InterruptWatch watch;
    watch.stop = [&client] { client.stop(); };
    record.reply = client.sendAndWait(openRequest(record.library, record.flags));
    if (watch.interrupted)
        return Interrupted;
    int status = Ok;
    if (!record.reply.ok()) {
        record.openFailed = true;
        status = FileError;
    } else {
        const qint64 handle = record.reply.body.value(QLatin1String("handle")).toInteger();
        record.reply = client.sendAndWait(callRequest(handle, record));
        if (watch.interrupted)
            return Interrupted;
        // Carried out and reported (even when the function crashed): 0. Not carried out (no such symbol, an
        // argument refused before the call): 1.
        if (record.reply.answered && !record.reply.ok())
            status = FileError;
    }
    if (parser.isSet(json)) {
        writeOut(QJsonDocument(callToJson(record)).toJson(QJsonDocument::Compact) + '\n');
    } else if (status == FileError) {
        writeErr(callSummary(record).trimmed());
    } else {
        writeOut(callSummary(record).toLocal8Bit());
    }
    return status;
}

} // namespace linklab::cli
