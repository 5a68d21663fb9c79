// SPDX-License-Identifier: MIT
// linklab-cli compare: does a new version of a library break programs linked against the old one?
#include "cli.h"

#include "binary/abicompare.h"
#include "binary/bytenames.h"
#include "binary/openbinary.h"

#include <QJsonDocument>

namespace linklab::cli {

namespace {
// Not FileError: 1 is "breaks" here, as diff's 1 is "different", so a file that cannot be read has its own code.
constexpr int Unreadable = 3;
} // namespace

int runCompare(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare two versions of a library (or an archive and the shared library built from the same sources) as\n"
        "the loader and the linker see them: SONAME and NEEDED changes, exported symbols added, removed and\n"
        "changed (type, binding, data size, version), and the verdict in words. Symbols are read from the ELF\n"
        "tables (.dynsym for shared libraries and programs, .symtab for objects and archives), not debug info.\n\n"
        "Exit status: 0 compatible, 1 the change breaks programs linked against OLD (removed or changed exported\n"
        "symbols, a SONAME change), 2 bad usage, 3 a file could not be read."));
    parser.addPositionalArgument(QStringLiteral("OLD"), QStringLiteral("What programs were linked against."));
    parser.addPositionalArgument(QStringLiteral("NEW"), QStringLiteral("The version to check."));
    const QCommandLineOption json(QStringLiteral("json"),
        QStringLiteral("Print {\"old\", \"new\", \"breaking\", \"verdict\", \"soname\", \"needed\", \"versions\", "
                       "\"symbols\", \"counts\"}."));
    parser.addOption(json);
    if (auto stop = parseCommand(parser, args))
        return *stop;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2)
        return usageError(QStringLiteral("compare takes two files, OLD and NEW (got %1)").arg(files.size()));

    OpenOptions options;
    options.relocations = false;
    BinaryInfo infos[2];
    for (int i = 0; i < 2; ++i) {
        OpenResult result = openBinary(files[i], options);
        if (const auto *error = std::get_if<OpenError>(&result)) {
            writeErr(error->path + QStringLiteral(": ") + error->message);
            return Unreadable;
        }
        infos[i] = std::get<BinaryInfo>(std::move(result));
    }
    const AbiComparison comparison = compareAbi(infos[0], infos[1]);
    if (parser.isSet(json))
        writeOut(QJsonDocument(abiComparisonToJson(comparison)).toJson(QJsonDocument::Compact) + '\n');
    else
        writeOut(encodeName(abiComparisonText(comparison)));
    return comparison.breaking ? 1 : Ok;
}

} // namespace linklab::cli
