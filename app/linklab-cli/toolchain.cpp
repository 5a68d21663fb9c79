// SPDX-License-Identifier: MIT
// linklab-cli toolchain: the compilers and ar the build can use.
#include "cli.h"

#include "builder/buildjson.h"
#include "builder/toolchain.h"

#include <QJsonDocument>

namespace linklab::cli {

int runToolchain(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the C compilers (gcc, clang, cc) and ar found on PATH."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    if (auto stop = parseCommand(parser, args, false))
        return *stop;
    const Toolchain chain = discoverToolchain();
    if (parser.isSet(json)) {
        writeOut(QJsonDocument(toJson(chain)).toJson(QJsonDocument::Indented));
    } else {
        QList<Tool> tools = chain.compilers;
        tools.append(chain.archiver);
        for (const Tool &t : std::as_const(tools)) {
            const QString line = t.found() ? QStringLiteral("%1\t%2\t%3\n").arg(t.name, t.path, t.version)
                                           : QStringLiteral("%1\tnot found\n").arg(t.name);
            writeOut(line.toLocal8Bit());
        }
    }
    return chain.compilers.isEmpty() || !chain.archiver.found() ? FileError : Ok;
}

} // namespace linklab::cli
