// SPDX-License-Identifier: MIT
// linklab-cli relocs: the relocation sections, as readelf -rW lists them (or JSON).
#include "cli.h"

#include "binary/binaryjson.h"
#include "binary/bytenames.h"
#include "binary/openbinary.h"
#include "binary/textreport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace linklab::cli {

int runRelocs(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List every relocation section (.rela.dyn, .rela.plt, .rel.text, ...) with each entry's offset, type as\n"
        "readelf names it, symbol (with its version) and addend, as `readelf -rW` does. --json prints one object\n"
        "per file and line: {\"path\", \"relocations\": [{\"section\", \"offset\", \"type\", \"symbol\", \"version\",\n"
        "\"addend\"}]}."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to list."), QStringLiteral("FILE..."));
    if (auto stop = parseCommand(parser, args))
        return *stop;
    OpenOptions options;
    options.demangle = false;
    options.relocations = true;
    int status = Ok;
    const QStringList files = parser.positionalArguments();
    for (const QString &path : files) {
        const OpenResult result = openBinary(path, options);
        if (const auto *error = std::get_if<OpenError>(&result)) {
            writeErr(error->path + QStringLiteral(": ") + error->message);
            status = FileError;
            continue;
        }
        const BinaryInfo &info = std::get<BinaryInfo>(result);
        if (info.isArchive()) {
            // As readelf -r: each member under a "File: archive(member)" line.
            for (const ArchiveMember &m : info.members) {
                const QString label = QStringLiteral("%1(%2)").arg(path, m.name);
                if (!m.binary) {
                    writeErr(label + QStringLiteral(": ") + m.error);
                    continue;
                }
                if (parser.isSet(json)) {
                    QJsonArray entries;
                    for (const RelocationInfo &r : m.binary->relocations)
                        entries.append(relocationToJson(r, *m.binary));
                    const QJsonObject o {{QStringLiteral("path"), label}, {QStringLiteral("relocations"), entries}};
                    writeOut(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
                } else {
                    writeOut("\nFile: " + encodeName(label) + '\n' + relocationListing(*m.binary));
                }
            }
            continue;
        }
        if (parser.isSet(json)) {
            QJsonArray entries;
            for (const RelocationInfo &r : info.relocations)
                entries.append(relocationToJson(r, info));
            const QJsonObject o {{QStringLiteral("path"), path}, {QStringLiteral("relocations"), entries}};
            writeOut(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        } else {
            if (files.size() > 1)
                writeOut("\nFile: " + encodeName(path) + '\n');
            writeOut(relocationListing(info));
        }
    }
    return status;
}

} // namespace linklab::cli
