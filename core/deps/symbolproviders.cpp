// SPDX-License-Identifier: MIT
#include "deps/symbolproviders.h"

#include "deps/ldsocache.h"
#include "deps/symbolindex.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cstring>
#include <utility>

namespace linklab {

namespace {

constexpr std::uint16_t kEtDyn = 3;

} // namespace

QString linkFlagFor(const QString &fileName)
{
    static const QRegularExpression pattern(QStringLiteral("^lib(.+)\\.so(\\.[0-9][0-9.]*)?$"));
    const QRegularExpressionMatch m = pattern.match(fileName);
    return m.hasMatch() ? QStringLiteral("-l") + m.captured(1) : QString();
}

QStringList systemLibraries(const QStringList &dirs, int elfClass, std::uint16_t machine, QStringList *warnings)
{
    QStringList out;
    QSet<QString> seen; // real files
    const auto add = [&](const QString &path) {
        const QString real = QFileInfo(path).canonicalFilePath();
        if (real.isEmpty() || seen.contains(real))
            return;
        seen.insert(real);
        out.append(path);
    };
    Result<LdSoCache> cache = readLdSoCache();
    const std::optional<qint32> flags = cacheFlagsFor(elfClass, machine);
    if (!cache) {
        if (warnings)
            warnings->append(cache.reason());
    } else if (flags) {
        for (const LdSoCacheEntry &e : cache->entries)
            if (e.flags == *flags && !ldsocacheflags::isHwcapsEntry(e.hwcap) && e.hwcap == 0)
                add(e.path);
    }
    for (const QString &dir : dirs) {
        const QFileInfoList files
            = QDir(dir).entryInfoList({QStringLiteral("*.so"), QStringLiteral("*.so.*")}, QDir::Files, QDir::Name);
        for (const QFileInfo &f : files)
            add(f.filePath());
    }
    return out;
}

QList<SymbolProvider> findProviders(const QStringList &symbols, const QStringList &libraries, int elfClass,
    std::uint16_t machine, QStringList *warnings, SymbolIndex *index)
{
    SymbolIndex own;
    SymbolIndex &idx = index ? *index : own;
    idx.update(libraries, warnings);

    const auto usable = [&](const SymbolIndex::Entry *e) {
        return e && e->elfClass == elfClass && e->machine == machine && e->type == kEtDyn;
    };
    const auto provider = [](const QString &symbol, const QString &path, const QList<SymbolIndex::Definition> &defs) {
        SymbolProvider p;
        p.symbol = symbol;
        p.path = path;
        p.library = QFileInfo(path).fileName();
        for (const SymbolIndex::Definition &d : defs) {
            if (!d.version.isEmpty() && !p.versions.contains(d.version))
                p.versions.append(d.version);
            if (d.isDefault)
                p.defaultVersion = d.version;
        }
        p.flag = linkFlagFor(p.library);
        if (!p.flag.isEmpty()) {
            const QString devName = QStringLiteral("lib%1.so").arg(p.flag.mid(2));
            const QString dir = QFileInfo(path).absolutePath();
            p.developmentLink = QFileInfo::exists(dir + u'/' + devName)
                || QFileInfo::exists(QFileInfo(path).canonicalPath() + u'/' + devName)
                || QFileInfo::exists(QStringLiteral("/usr") + dir + u'/' + devName);
        }
        return p;
    };

    QList<SymbolProvider> out;
    // A few symbols (the Build room's hint for one undefined reference): a search in each library's definitions.
    // Many (every undefined reference of a large link, `provides` with a list): one pass over all definitions,
    // looking each name up, instead of a search of every library per symbol (500 symbols took 5 s; now ~0.1 s).
    constexpr qsizetype kOnePassFrom = 8;
    if (symbols.size() < kOnePassFrom) {
        for (const QString &symbol : symbols) {
            for (const QString &path : libraries) {
                if (!usable(idx.entry(path)))
                    continue;
                const QList<SymbolIndex::Definition> defs = idx.definitions(path, symbol);
                if (!defs.isEmpty())
                    out.append(provider(symbol, path, defs));
            }
        }
        return out;
    }
    QHash<QByteArray, QList<std::pair<qsizetype, SymbolIndex::Definition>>> found; // name -> (library, definition)
    for (const QString &symbol : symbols)
        found.insert(symbol.toUtf8(), {});
    for (qsizetype lib = 0; lib < libraries.size(); ++lib) {
        const SymbolIndex::Entry *e = idx.entry(libraries[lib]);
        if (!usable(e))
            continue;
        // "\nNAME\x01VERSION\x01D" per definition (symbolindex.h).
        const QByteArray &defs = e->definitions;
        const char *p = defs.constData();
        const char *const end = p + defs.size();
        while (p < end) {
            if (*p != '\n') {
                p = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
                if (!p)
                    break;
            }
            const char *name = p + 1;
            const auto *nameEnd = static_cast<const char *>(std::memchr(name, '\x01', std::size_t(end - name)));
            if (!nameEnd)
                break;
            const auto *versionEnd
                = static_cast<const char *>(std::memchr(nameEnd + 1, '\x01', std::size_t(end - nameEnd - 1)));
            if (!versionEnd || versionEnd + 1 >= end)
                break;
            if (auto it = found.find(QByteArrayView(name, nameEnd - name).toByteArray()); it != found.end())
                it->append({lib, {QString::fromUtf8(nameEnd + 1, versionEnd - nameEnd - 1), versionEnd[1] == '1'}});
            p = versionEnd + 2;
        }
    }
    for (const QString &symbol : symbols) {
        const QList<std::pair<qsizetype, SymbolIndex::Definition>> hits = found.value(symbol.toUtf8());
        for (qsizetype i = 0; i < hits.size();) {
            QList<SymbolIndex::Definition> defs;
            const qsizetype lib = hits[i].first;
            for (; i < hits.size() && hits[i].first == lib; ++i)
                defs.append(hits[i].second);
            out.append(provider(symbol, libraries[lib], defs));
        }
    }
    return out;
}

QJsonObject symbolProvidersToJson(const QStringList &symbols, const QList<SymbolProvider> &providers)
{
    QJsonArray list;
    for (const QString &symbol : symbols) {
        QJsonArray found;
        for (const SymbolProvider &p : providers) {
            if (p.symbol != symbol)
                continue;
            found.append(QJsonObject {{QStringLiteral("library"), p.library}, {QStringLiteral("path"), p.path},
                {QStringLiteral("versions"), QJsonArray::fromStringList(p.versions)},
                {QStringLiteral("default_version"),
                    p.defaultVersion.isEmpty() ? QJsonValue() : QJsonValue(p.defaultVersion)},
                {QStringLiteral("flag"), p.flag.isEmpty() ? QJsonValue() : QJsonValue(p.flag)},
                {QStringLiteral("development_link"), p.developmentLink}});
        }
        list.append(QJsonObject {{QStringLiteral("symbol"), symbol}, {QStringLiteral("providers"), found}});
    }
    return QJsonObject {{QStringLiteral("symbols"), list}};
}

} // namespace linklab
