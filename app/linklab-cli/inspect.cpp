// SPDX-License-Identifier: MIT
// linklab-cli inspect: everything in a file, as text or one JSON object per file.
#include "cli.h"

#include "binary/binaryjson.h"
#include "binary/openbinary.h"
#include "binary/textreport.h"

#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

namespace linklab::cli {

int runInspect(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Show everything in ELF files and ar archives: header facts, sections, segments, dynamic entries and\n"
        "both symbol tables. --json prints one JSON object per file, one per line."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON (one object per file per line)."));
    parser.addOption(json);
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Files to inspect."), QStringLiteral("FILE..."));
    if (auto stop = parseCommand(parser, args))
        return *stop;

    int status = Ok;
    const QStringList files = parser.positionalArguments();
    for (qsizetype i = 0; i < files.size(); ++i) {
        OpenOptions options;
        options.relocations = true;
        const OpenResult result = openBinary(files[i], options);
        if (const auto *error = std::get_if<OpenError>(&result)) {
            writeErr(error->path + QStringLiteral(": ") + error->message);
            if (parser.isSet(json))
                writeOut(QJsonDocument(toJson(*error)).toJson(QJsonDocument::Compact) + '\n');
            status = FileError;
            continue;
        }
        const auto &info = std::get<BinaryInfo>(result);
        for (const QString &e : info.errors) { // printed in full below; the exit status says it too
            writeErr(files[i] + QStringLiteral(": ") + e);
            status = FileError;
        }
        if (parser.isSet(json)) {
            writeOut(toCompactJson(info) + '\n');
        } else {
            if (i > 0)
                writeOut("\n");
            QTextStream stream(stdout);
            writeTextReport(stream, info);
        }
    }
    return status;
}

} // namespace linklab::cli
