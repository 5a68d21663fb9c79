// SPDX-License-Identifier: MIT
// linklab-cli sizes: where the bytes of a file go, by section and symbol, as bloaty -d sections,symbols counts them.
#include "cli.h"

#include "binary/openbinary.h"
#include "binary/sizemap.h"

namespace linklab::cli {

int runSizes(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Where the bytes of an object, archive, shared library or executable go: each section (its sh_size, as\n"
        "readelf -S) split into the symbols in it (their sizes, as nm -S), largest first, with the bytes no symbol\n"
        "covers as \"[unattributed]\". Aliases (one address and size, several names) count once; .symtab is read\n"
        "when present, else .dynsym. --json prints {\"file\", \"rows\": [{\"section\", \"symbol\" (absent with\n"
        "-d sections), \"size\" (bytes in memory), \"file_size\" (bytes in the file; 0 for .bss)}]} (\"member\" too\n"
        "for an archive)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption detail(QStringList {QStringLiteral("d"), QStringLiteral("detail")},
        QStringLiteral("What to split by: sections, symbols or sections,symbols (the default)."),
        QStringLiteral("WHAT"), QStringLiteral("sections,symbols"));
    parser.addOption(json);
    parser.addOption(detail);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to measure."));
    if (auto stop = parseCommand(parser, args))
        return *stop;
    const std::optional<SizeDetail> what = parseSizeDetail(parser.value(detail));
    if (!what)
        return usageError(
            QStringLiteral("-d takes sections, symbols or sections,symbols, not '%1'").arg(parser.value(detail)));
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return usageError(QStringLiteral("sizes takes one file"));
    OpenOptions options;
    options.demangle = false;
    const OpenResult result = openBinary(files.first(), options);
    if (const auto *error = std::get_if<OpenError>(&result)) {
        writeErr(error->path + QStringLiteral(": ") + error->message);
        return FileError;
    }
    const BinaryInfo &info = std::get<BinaryInfo>(result);
    const QList<SizeRow> rows = sizeRows(info, *what);
    if (parser.isSet(json))
        writeOut(sizeRowsToJson(files.first(), rows, *what));
    else
        writeOut(sizeTable(rows, *what));
    return Ok;
}

} // namespace linklab::cli
