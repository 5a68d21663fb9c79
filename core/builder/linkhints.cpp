// SPDX-License-Identifier: MIT
#include "builder/linkhints.h"

#include "binary/openbinary.h"
#include "deps/resolver.h"
#include "deps/symbolproviders.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace linklab {

QString undefinedSymbolOf(const Diagnostic &diagnostic)
{
    // GNU ld: "undefined reference to `cos'"; lld and newer ld: "undefined reference to 'cos'"; clang's driver
    // passes ld's words through.
    static const QRegularExpression re(QStringLiteral("undefined reference to [`']([^'`]+)'"));
    const QRegularExpressionMatch m = re.match(diagnostic.message);
    return m.hasMatch() ? m.captured(1) : QString();
}

QHash<QString, LinkHint> linkHints(const QList<Diagnostic> &diagnostics, const QStringList &ownLibraries)
{
    QStringList symbols;
    for (const Diagnostic &d : diagnostics) {
        const QString s = undefinedSymbolOf(d);
        if (!s.isEmpty() && !symbols.contains(s))
            symbols << s;
    }
    QHash<QString, LinkHint> hints;
    if (symbols.isEmpty())
        return hints;

    // The build's own library first: then the symbol is there and the link line's order is the cause.
    OpenOptions symbolsOnly;
    symbolsOnly.demangle = false;
    for (const QString &lib : ownLibraries) {
        const OpenResult opened = openBinary(lib, symbolsOnly);
        const auto *info = std::get_if<BinaryInfo>(&opened);
        if (!info)
            continue;
        QSet<QString> defined;
        auto collect = [&defined](const BinaryInfo &b) {
            for (const SymbolInfo &s : b.symbols)
                if (s.isDefined() && s.bind != 0 && !s.name.isEmpty())
                    defined.insert(s.name);
        };
        collect(*info);
        for (const ArchiveMember &m : info->members)
            if (m.binary)
                collect(*m.binary);
        const QString flag = linkFlagFor(QFileInfo(lib).fileName());
        for (const QString &s : std::as_const(symbols)) {
            if (hints.contains(s) || !defined.contains(s))
                continue;
            LinkHint h;
            h.symbol = s;
            h.path = lib;
            h.library = QFileInfo(lib).fileName();
            h.flag = flag;
            h.ownLibrary = true;
            h.text = QStringLiteral("%1 is defined in your library %2, so the link line names it in the wrong place: "
                                    "the linker reads left to right and takes from a library only what is "
                                    "undefined so far, so %3 must come after the sources and objects that use %1 "
                                    "(gcc main.c -L. %3, not gcc -L. %3 main.c)")
                         .arg(s, h.library, flag.isEmpty() ? h.library : flag);
            hints.insert(s, h);
        }
    }
    QStringList rest;
    for (const QString &s : std::as_const(symbols))
        if (!hints.contains(s))
            rest << s;
    if (rest.isEmpty())
        return hints;

    // This machine's libraries, for the class and machine of its own loader.
    const LoaderConfig config = LoaderConfig::forThisMachine();
    OpenOptions headers;
    headers.symbols = false;
    const OpenResult loader = openBinary(config.interpreter, headers);
    const auto *host = std::get_if<BinaryInfo>(&loader);
    if (!host)
        return hints;
    const QStringList libraries = systemLibraries(config.defaultDirs, host->elfClass, host->machine, nullptr);
    const QList<SymbolProvider> providers = findProviders(rest, libraries, host->elfClass, host->machine);
    for (const QString &s : std::as_const(rest)) {
        // The library a -l can name (a development link exists), else any that defines it.
        const SymbolProvider *best = nullptr;
        for (const SymbolProvider &p : providers) {
            if (p.symbol != s)
                continue;
            if (!best || (p.developmentLink && !p.flag.isEmpty() && !(best->developmentLink && !best->flag.isEmpty())))
                best = &p;
        }
        if (!best)
            continue;
        LinkHint h;
        h.symbol = s;
        h.library = best->library;
        h.path = best->path;
        h.flag = best->flag;
        if (!h.flag.isEmpty() && best->developmentLink)
            h.text = QStringLiteral("%1 is defined in %2 (%3): add %4 to the link, after the files that use it")
                         .arg(s, h.library, h.path, h.flag);
        else if (!h.flag.isEmpty())
            h.text = QStringLiteral("%1 is defined in %2 (%3), but no %4 exists for %5 to find: install the library's "
                                    "development package, or link the file itself")
                         .arg(s, h.library, h.path, QStringLiteral("lib%1.so").arg(h.flag.mid(2)), h.flag);
        else
            h.text = QStringLiteral("%1 is defined in %2 (%3): link that file").arg(s, h.library, h.path);
        hints.insert(s, h);
    }
    return hints;
}

QJsonObject toJson(const LinkHint &hint)
{
    return {{QStringLiteral("symbol"), hint.symbol}, {QStringLiteral("library"), hint.library},
        {QStringLiteral("path"), hint.path}, {QStringLiteral("flag"), hint.flag},
        {QStringLiteral("own_library"), hint.ownLibrary}, {QStringLiteral("text"), hint.text}};
}

} // namespace linklab
