// SPDX-License-Identifier: MIT
#pragma once

// One call of a library function as a person asks for it (the library, its dlopen flags, the prototype, the
// arguments as typed) and what came of it, in the forms LinkLab shows: a line a person would write
// (`_strlen("Holberton") = 9`), the CLI's JSON, and the same call as C (dlopen/dlsym) and as Python ctypes.

#include "runtime/prototypes.h"
#include "runtime/runnerclient.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace linklab {

struct CallRecord {
    QString library; // as given to dlopen
    QStringList flags; // "lazy"/"now", "global", "local", "nodelete", "noload", "deepbind"
    CPrototype prototype;
    QStringList args; // as typed: 42, 0x2a, 'A', Holberton, [1, 2], null
    int bufferSize = 256;
    RunnerReply reply; // of the call request (or of the open that failed)
    bool openFailed = false; // the library could not be opened: `reply` is the open's
};

} // namespace linklab

Q_DECLARE_METATYPE(linklab::CallRecord)

namespace linklab {

// The runner's "call" request for `record` on an open handle.
QJsonObject callRequest(qint64 handle, const CallRecord &record);
// The runner's "open" request.
QJsonObject openRequest(const QString &library, const QStringList &flags);

// Why `typed` would be refused for a parameter of canonical type `canonical` (the runner's own check, run here
// without calling anything), or an empty string when it is fine.
QString argumentProblem(const QString &canonical, const QString &typed);
// What a field for this type takes, for a placeholder: "whole number", "text", "[1, 2, 3] or one value"...
QString argumentHint(const QString &canonical);

// "RTLD_LAZY | RTLD_GLOBAL" for the flags by name.
QString dlopenFlagsText(const QStringList &flags);

// What happened, in lines a person reads: the call with its result, then each buffer after the call, the
// output, or the crash in plain words.
QString callSummary(const CallRecord &record);
// `linklab-cli call --json`: library, function, prototype, ok, return, args_after, stdout, stderr, signal,
// exit_code, timed_out, error, ms.
QJsonObject callToJson(const CallRecord &record);
// The same call written as a C program with dlopen/dlsym/dlclose, and as Python ctypes lines.
QString callAsC(const CallRecord &record);
QString callAsCtypes(const CallRecord &record);

} // namespace linklab
