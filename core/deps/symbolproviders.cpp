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

    QList<SymbolProvider> out;
    for (const QString &symbol : symbols) {
        for (const QString &path : libraries) {
            const SymbolIndex::Entry *e = idx.entry(path);
            if (!e || e->elfClass != elfClass || e->machine != machine || e->type != kEtDyn)
                continue;
            const QList<SymbolIndex::Definition> defs = idx.definitions(path, symbol);
            if (defs.isEmpty())
                continue;
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
            out.append(p);
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
