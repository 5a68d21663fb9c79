// SPDX-License-Identifier: MIT
// linklab-cli: every LinkLab job from a shell. This file only parses arguments and prints what core returns.
#include "binary/binaryinfo.h"
#include "binary/binaryjson.h"
#include "binary/nmformat.h"
#include "binary/textreport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace linklab;

namespace {

enum Exit { Ok = 0, FileError = 1, Usage = 2 };

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void writeErr(const QString &text)
{
    std::fflush(stdout); // keep stdout and stderr in the order a terminal would show them
    const QByteArray bytes = (QStringLiteral("linklab-cli: ") + text + u'\n').toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

const char *const kOverview = R"(Usage: linklab-cli <command> [options] FILE...

Commands:
  inspect    everything in an object, archive, shared library or executable
  symbols    the symbol table, exactly as nm prints it (same options)

Run 'linklab-cli <command> --help' for a command's options.
Exit status: 0 success, 1 a file could not be read, 2 bad usage.
)";

// Parses a sub-command's arguments; returns the exit code to use when it should stop now.
std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        writeErr(parser.errorText() + QStringLiteral(" (try --help)"));
        return Usage;
    }
    if (parser.isSet(help)) {
        writeOut(parser.helpText().toUtf8());
        return Ok;
    }
    if (parser.positionalArguments().isEmpty()) {
        writeErr(QStringLiteral("no input files (try --help)"));
        return Usage;
    }
    return std::nullopt;
}

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
        const OpenResult result = openBinary(files[i]);
        if (const auto *error = std::get_if<OpenError>(&result)) {
            writeErr(error->path + QStringLiteral(": ") + error->message);
            if (parser.isSet(json))
                writeOut(QJsonDocument(toJson(*error)).toJson(QJsonDocument::Compact) + '\n');
            status = FileError;
            continue;
        }
        const auto &info = std::get<BinaryInfo>(result);
        if (parser.isSet(json)) {
            writeOut(QJsonDocument(toJson(info)).toJson(QJsonDocument::Compact) + '\n');
        } else {
            if (i > 0)
                writeOut("\n");
            QTextStream stream(stdout);
            writeTextReport(stream, info);
        }
    }
    return status;
}

QJsonArray symbolsJson(const BinaryInfo &info, const NmOptions &options)
{
    QJsonArray out;
    for (const SymbolInfo *s : nmSymbols(info, options))
        out.append(symbolToJson(*s, info));
    return out;
}

// JSON for `symbols --json`: the symbols nm would list, per file and per archive member.
QJsonObject fileSymbolsJson(const BinaryInfo &info, const QString &path, const NmOptions &options)
{
    QJsonObject file {{QStringLiteral("path"), path}};
    if (!info.isArchive()) {
        file.insert(QStringLiteral("symbols"), symbolsJson(info, options));
    } else {
        QJsonArray members;
        for (const auto &m : info.members) {
            QJsonObject member {{QStringLiteral("name"), m.name}};
            if (m.binary)
                member.insert(QStringLiteral("symbols"), symbolsJson(*m.binary, options));
            else
                member.insert(QStringLiteral("error"), m.error);
            members.append(member);
        }
        file.insert(QStringLiteral("members"), members);
    }
    file.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(info.warnings));
    return file;
}

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
        if (!nmRecognizes(info)) {
            writeErr(path + QStringLiteral(": file format not recognized (a core dump; 'inspect' shows it)"));
            if (asJson)
                jsonOut.append(toJson(OpenError {path, QStringLiteral("file format not recognized (a core dump)")}));
            status = FileError;
            continue;
        }
        if (asJson)
            jsonOut.append(fileSymbolsJson(info, path, nm));
        else
            nmListFile(info, path, files.size() > 1, nm, sink);
    }
    if (asJson)
        writeOut(QJsonDocument(jsonOut).toJson(QJsonDocument::Indented));
    return status;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv); // also sets the C locale from the environment, as nm's strcoll sort needs
    QCoreApplication::setApplicationName(QStringLiteral("linklab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LINKLAB_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == u"--help" || args[1] == u"-h" || args[1] == u"help") {
        writeOut(kOverview);
        return args.size() < 2 ? Usage : Ok;
    }
    if (args[1] == u"--version") {
        writeOut("linklab-cli " LINKLAB_VERSION "\n");
        return Ok;
    }
    const QString command = args.takeAt(1);
    args[0] = args[0] + u' ' + command; // "linklab-cli symbols" in the help text
    if (command == u"inspect")
        return runInspect(args);
    if (command == u"symbols")
        return runSymbols(args);
    writeErr(QStringLiteral("unknown command '%1' (try --help)").arg(command));
    return Usage;
}
