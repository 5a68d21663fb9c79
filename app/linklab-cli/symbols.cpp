// SPDX-License-Identifier: MIT
// linklab-cli symbols: what nm prints with the same options, or the same symbols as JSON.
#include "cli.h"

#include "binary/binaryjson.h"
#include "binary/nmformat.h"
#include "binary/openbinary.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace linklab::cli {

int runSymbols(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List symbols exactly as nm does with the same options: same lines, type letters, version suffixes,\n"
        "sort order and archive member headers. --json prints a JSON array with one object per file."));
    const QCommandLineOption dynamic({QStringLiteral("D"), QStringLiteral("dynamic")},
        QStringLiteral("Dynamic symbols (.dynsym) instead of .symtab."));
    const QCommandLineOption defined(QStringLiteral("defined-only"), QStringLiteral("Only defined symbols."));
    const QCommandLineOption undefined(
        {QStringLiteral("u"), QStringLiteral("undefined-only")}, QStringLiteral("Only undefined symbols."));
    const QCommandLineOption demangleOpt(
        {QStringLiteral("C"), QStringLiteral("demangle")}, QStringLiteral("Demangle C++ names."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({dynamic, defined, undefined, demangleOpt, json});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to list."), QStringLiteral("FILE..."));
    if (auto stop = parseCommand(parser, args))
        return *stop;
    if (parser.isSet(defined) && parser.isSet(undefined)) {
        writeErr(QStringLiteral("--defined-only and --undefined-only cannot be used together"));
        return Usage;
    }

    NmOptions nm;
    nm.dynamic = parser.isSet(dynamic);
    nm.definedOnly = parser.isSet(defined);
    nm.undefinedOnly = parser.isSet(undefined);
    nm.demangle = parser.isSet(demangleOpt);
    const bool asJson = parser.isSet(json);
    const QStringList files = parser.positionalArguments();
    OpenOptions open;
    open.demangle = nm.demangle || asJson;
    QJsonArray jsonOut;

    const NmSink sink {writeOut, writeErr};
    int status = Ok;
    for (const QString &path : files) {
        const OpenResult result = openBinary(path, open);
        if (const auto *error = std::get_if<OpenError>(&result)) {
            writeErr(error->path + QStringLiteral(": ") + error->message);
            if (asJson)
                jsonOut.append(toJson(*error));
            status = FileError;
            continue;
        }
        const auto &info = std::get<BinaryInfo>(result);
        if (info.kind == BinaryKind::Core) {
            writeErr(path + QStringLiteral(": file format not recognized (a core dump; 'inspect' shows it)"));
            if (asJson)
                jsonOut.append(toJson(OpenError {path, QStringLiteral("file format not recognized (a core dump)")}));
            status = FileError;
            continue;
        }
        if (!nmRecognizes(info)) {
            // nm prints nothing more and fails; LinkLab fails the same way but still lists what it could read.
            writeErr(path + QStringLiteral(": file format not recognized: ") + info.nmRejects
                + QStringLiteral("; what could be read follows"));
            status = FileError;
        }
        if (asJson)
            jsonOut.append(nmSymbolsToJson(info, path, nm));
        else if (!nmListFile(info, path, files.size() > 1, nm, sink))
            status = FileError;
        if (asJson && !info.errors.isEmpty())
            status = FileError;
    }
    if (asJson)
        writeOut(QJsonDocument(jsonOut).toJson(QJsonDocument::Indented));
    return status;
}

} // namespace linklab::cli
