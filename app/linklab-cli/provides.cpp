// SPDX-License-Identifier: MIT
// linklab-cli provides: which libraries of this machine define a symbol, and the -l flag that links each.
#include "cli.h"

#include "binary/openbinary.h"
#include "deps/resolver.h"
#include "deps/symbolproviders.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace linklab::cli {

int runProvides(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the shared libraries that define each SYMBOL (a defined, non-local dynamic symbol), among the "
        "libraries of /etc/ld.so.cache for this machine's architecture, the system directories and every --dir; "
        "with the versions it is defined with and the -l flag that links the library. Text: "
        "'cos: libm.so.6 (/lib/x86_64-linux-gnu/libm.so.6) GLIBC_2.2.5 -lm'."));
    parser.addPositionalArgument(
        QStringLiteral("SYMBOL"), QStringLiteral("Symbol names."), QStringLiteral("SYMBOL..."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print {\"symbols\": [...]}."));
    const QCommandLineOption dir(QStringLiteral("dir"),
        QStringLiteral("Scan the libraries of DIR too; may be repeated."), QStringLiteral("DIR"));
    parser.addOptions({json, dir});
    if (auto stop = parseCommand(parser, args))
        return *stop;
    const QStringList symbols = parser.positionalArguments();

    // This machine's class and architecture: those of the program running now.
    OpenOptions facts;
    facts.symbols = false;
    const OpenResult self = openBinary(QCoreApplication::applicationFilePath(), facts);
    const auto *info = std::get_if<BinaryInfo>(&self);
    if (!info) {
        writeErr(QStringLiteral("cannot tell this machine's architecture"));
        return FileError;
    }
    const LoaderConfig config = LoaderConfig::forThisMachine();
    QStringList warnings;
    const QStringList libraries
        = systemLibraries(config.defaultDirs + parser.values(dir), info->elfClass, info->machine, &warnings);
    const QList<SymbolProvider> providers = findProviders(symbols, libraries, info->elfClass, info->machine);

    int status = Ok;
    for (const QString &symbol : symbols) {
        const bool any = std::any_of(
            providers.cbegin(), providers.cend(), [&](const SymbolProvider &p) { return p.symbol == symbol; });
        if (!any)
            status = FileError;
    }
    if (parser.isSet(json)) {
        writeOut(QJsonDocument(symbolProvidersToJson(symbols, providers)).toJson(QJsonDocument::Compact) + '\n');
        return status;
    }
    QString text;
    for (const QString &symbol : symbols) {
        bool any = false;
        for (const SymbolProvider &p : providers) {
            if (p.symbol != symbol)
                continue;
            any = true;
            QString line = QStringLiteral("%1: %2 (%3)").arg(symbol, p.library, p.path);
            if (!p.versions.isEmpty())
                line += u' ' + p.versions.join(u' ');
            if (!p.flag.isEmpty())
                line += u' ' + p.flag;
            if (!p.flag.isEmpty() && !p.developmentLink)
                line += QStringLiteral(" (no lib%1.so beside it: -l%1 needs the development files)").arg(p.flag.mid(2));
            text += line + u'\n';
        }
        if (!any)
            text += QStringLiteral("%1: defined by no library scanned\n").arg(symbol);
    }
    writeOut(text.toUtf8());
    for (const QString &w : warnings)
        writeErr(w);
    return status;
}

} // namespace linklab::cli
