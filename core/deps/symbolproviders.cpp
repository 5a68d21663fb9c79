// SPDX-License-Identifier: MIT
#include "deps/symbolproviders.h"

#include "binary/openbinary.h"
#include "deps/ldsocache.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

namespace linklab {

namespace {

constexpr std::uint16_t kEtDyn = 3;
constexpr std::uint8_t kStbLocal = 0, kSttSection = 3, kSttFile = 4;

struct Definition {
    QString version;
    bool isDefault = false;
};

struct Scanned {
    QString path;
    QHash<QString, QList<Definition>> defs; // only the symbols asked for
    QString warning;
};

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
    std::uint16_t machine, QStringList *warnings)
{
    const QSet<QString> wanted(symbols.cbegin(), symbols.cend());
    const std::function<Scanned(const QString &)> scan = [&](const QString &path) {
        Scanned s;
        s.path = path;
        OpenOptions options;
        options.demangle = false;
        OpenResult opened = openBinary(path, options);
        if (const auto *error = std::get_if<OpenError>(&opened)) {
            s.warning = QStringLiteral("%1: %2").arg(path, error->message);
            return s;
        }
        const BinaryInfo &info = std::get<BinaryInfo>(opened);
        if (info.elfClass != elfClass || info.machine != machine || info.elfType != kEtDyn)
            return s;
        for (const SymbolInfo &sym : info.symbols) {
            if (sym.table != SymbolTable::Dynamic || !sym.isDefined() || sym.bind == kStbLocal
                || sym.type == kSttSection || sym.type == kSttFile || !wanted.contains(sym.name))
                continue;
            s.defs[sym.name].append({sym.version, !sym.version.isEmpty() && !sym.versionHidden});
        }
        return s;
    };
    // Reading is independent per file; a library of the system is read by one thread, once.
    const QList<Scanned> scanned = QtConcurrent::blockingMapped(libraries, scan);

    QList<SymbolProvider> out;
    for (const QString &symbol : symbols) {
        for (const Scanned &s : scanned) {
            const auto defs = s.defs.constFind(symbol);
            if (defs == s.defs.cend())
                continue;
            SymbolProvider p;
            p.symbol = symbol;
            p.path = s.path;
            p.library = QFileInfo(s.path).fileName();
            for (const Definition &d : *defs) {
                if (!d.version.isEmpty() && !p.versions.contains(d.version))
                    p.versions.append(d.version);
                if (d.isDefault)
                    p.defaultVersion = d.version;
            }
            p.flag = linkFlagFor(p.library);
            if (!p.flag.isEmpty()) {
                const QString devName = QStringLiteral("lib%1.so").arg(p.flag.mid(2));
                const QString dir = QFileInfo(s.path).absolutePath();
                p.developmentLink = QFileInfo::exists(dir + u'/' + devName)
                    || QFileInfo::exists(QFileInfo(s.path).canonicalPath() + u'/' + devName)
                    || QFileInfo::exists(QStringLiteral("/usr") + dir + u'/' + devName);
            }
            out.append(p);
        }
    }
    if (warnings)
        for (const Scanned &s : scanned)
            if (!s.warning.isEmpty())
                warnings->append(s.warning);
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
