// SPDX-License-Identifier: MIT
#include "binary/abicompare.h"

#include "binary/elfnames.h"

#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace linklab {

namespace {

constexpr std::uint8_t kSttNotype = 0, kSttObject = 1, kSttFunc = 2, kSttCommon = 5, kSttTls = 6, kSttIfunc = 10;
constexpr std::uint8_t kStbGlobal = 1, kStbWeak = 2, kStbUnique = 10;
constexpr std::uint8_t kStvDefault = 0, kStvProtected = 3;
constexpr std::uint16_t kShnAbs = 0xfff1;

// Entries the link editor and the C runtime's start files put into every library or program: never part of a
// library's own interface (an archive has none of them, the shared library built from it has several).
bool isToolchainSymbol(const QString &name)
{
    static const QSet<QString> names = {QStringLiteral("_init"), QStringLiteral("_fini"), QStringLiteral("_edata"),
        QStringLiteral("_end"), QStringLiteral("__bss_start"), QStringLiteral("_etext"), QStringLiteral("__end__"),
        QStringLiteral("__data_start"), QStringLiteral("data_start"), QStringLiteral("_IO_stdin_used"),
        QStringLiteral("__dso_handle"), QStringLiteral("_DYNAMIC"), QStringLiteral("_GLOBAL_OFFSET_TABLE_"),
        QStringLiteral("__libc_csu_init"), QStringLiteral("__libc_csu_fini"), QStringLiteral("_start"),
        QStringLiteral("__TMC_END__"), QStringLiteral("__GNU_EH_FRAME_HDR"),
        QStringLiteral("_ITM_deregisterTMCloneTable"), QStringLiteral("_ITM_registerTMCloneTable"),
        QStringLiteral("__gmon_start__")};
    return names.contains(name);
}

bool hasDynamicSymbols(const BinaryInfo &info)
{
    return std::any_of(info.symbols.cbegin(), info.symbols.cend(),
        [](const SymbolInfo &s) { return s.table == SymbolTable::Dynamic; });
}

// Programs link against what the dynamic table exports (a shared library, or a program that exports symbols to
// its plugins); an object or an archive has only its static table.
bool isDynamicObject(const BinaryInfo &info)
{
    return !info.isArchive() && hasDynamicSymbols(info);
}

// DT_VERDEFNUM: the file's own versions have the indices 1 .. this (GNU ld, gold and lld number the versions a
// file needs after them).
std::uint64_t definedVersionCount(const BinaryInfo &info)
{
    for (const DynamicEntry &d : info.dynamic)
        if (d.tag == 0x6ffffffd)
            return d.value;
    return 0;
}

void collect(const BinaryInfo &info, const QString &member, QList<ExportedSymbol> &out, int &ignored)
{
    const SymbolTable table = hasDynamicSymbols(info) ? SymbolTable::Dynamic : SymbolTable::Static;
    const std::uint64_t ownVersions = definedVersionCount(info);
    for (const SymbolInfo &s : info.symbols) {
        if (s.table != table || !s.isDefined())
            continue;
        // A program's copy of a library's data object (stdin@GLIBC_2.2.5, defined in its .bss by a copy
        // relocation) carries a version the file needs, not one it defines: not part of what it exports.
        if (table == SymbolTable::Dynamic && (s.versym & 0x7fff) >= 2 && (s.versym & 0x7fff) > ownVersions) {
            ++ignored;
            continue;
        }
        if (s.bind != kStbGlobal && s.bind != kStbWeak && s.bind != kStbUnique)
            continue;
        if (s.visibility != kStvDefault && s.visibility != kStvProtected)
            continue;
        if (s.type != kSttNotype && s.type != kSttObject && s.type != kSttFunc && s.type != kSttCommon
            && s.type != kSttTls && s.type != kSttIfunc)
            continue; // sections, files and processor-specific entries
        // The symbol the linker makes for each version definition (readelf: "0 OBJECT GLOBAL DEFAULT ABS V1").
        if (table == SymbolTable::Dynamic && s.sectionIndex == kShnAbs && s.value == 0 && s.size == 0
            && s.type == kSttObject && (s.version.isEmpty() || s.version == s.name))
            continue;
        if (isToolchainSymbol(s.name)) {
            ++ignored;
            continue;
        }
        ExportedSymbol e;
        e.name = s.name;
        e.demangled = s.demangled.isEmpty() ? s.name : s.demangled;
        e.version = s.version;
        e.defaultVersion = !s.version.isEmpty() && !s.versionHidden;
        e.type = s.type;
        e.bind = s.bind;
        e.size = s.size;
        e.member = member;
        out.append(e);
    }
}

QString typeName(std::uint8_t type)
{
    return elfnames::symbolTypeName(type, 0);
}

QString bytes(std::uint64_t n)
{
    return n == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(n);
}

// "gone, vfun@V1 and 3 more"
QString someNames(const QStringList &names, int shown = 3)
{
    if (names.size() <= shown + 1)
        return names.size() < 2
            ? names.join(QString())
            : names.mid(0, names.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + names.constLast();
    return names.mid(0, shown).join(QStringLiteral(", ")) + QStringLiteral(" and %1 more").arg(names.size() - shown);
}

QString plural(qsizetype n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

// libfoo.so.1 -> libfoo.so.2; libfoo-1.2.so -> empty (no rule to guess by).
QString nextSoname(const QString &soname)
{
    static const QRegularExpression trailing(QStringLiteral("^(.*\\.so\\.)(\\d+)$"));
    const QRegularExpressionMatch m = trailing.match(soname);
    if (!m.hasMatch())
        return {};
    return m.captured(1) + QString::number(m.captured(2).toLongLong() + 1);
}

bool isSharedKind(BinaryKind kind)
{
    return kind == BinaryKind::SharedLibrary;
}

bool isStaticKind(BinaryKind kind)
{
    return kind == BinaryKind::Relocatable || kind == BinaryKind::Archive || kind == BinaryKind::ThinArchive;
}

// The ELF class and machine of a file, or of an archive's first ELF member.
const BinaryInfo *elfFacts(const BinaryInfo &info)
{
    if (!info.isArchive())
        return info.elfClass ? &info : nullptr;
    for (const ArchiveMember &m : info.members) {
        if (m.binary && m.binary->elfClass)
            return m.binary.get();
    }
    return nullptr;
}

SymbolChange comparePair(const ExportedSymbol &o, const ExportedSymbol &n, bool versionsMatter, bool newHasVersions)
{
    SymbolChange c;
    c.before = o;
    c.after = n;
    QStringList effects;
    if (o.type != n.type) {
        c.what.append(QStringLiteral("type %1 -> %2").arg(typeName(o.type), typeName(n.type)));
        if ((o.isFunction() && n.isData()) || (o.isData() && n.isFunction())) {
            c.breaking = true;
            effects.append(o.isFunction() ? QStringLiteral("programs that call it jump into data")
                                          : QStringLiteral("programs that read it read code"));
        }
    }
    if (o.bind != n.bind)
        c.what.append(
            QStringLiteral("binding %1 -> %2").arg(elfnames::symbolBindName(o.bind), elfnames::symbolBindName(n.bind)));
    if (o.isData() && n.isData() && o.size != n.size) {
        c.what.append(QStringLiteral("size %1 -> %2").arg(bytes(o.size), bytes(n.size)));
        c.breaking = true;
        if (o.type == kSttTls || n.type == kSttTls)
            effects.append(QStringLiteral("programs compiled against the old header use it as %1").arg(bytes(o.size)));
        else
            effects.append(QStringLiteral("programs that copy-relocated it reserved %1 for it (the loader warns "
                                          "\"Symbol `%2' has different size in shared object, consider re-linking\")")
                               .arg(bytes(o.size), o.name));
    }
    if (versionsMatter && o.version != n.version) {
        if (o.version.isEmpty()) {
            c.what.append(QStringLiteral("version none -> %1").arg(n.version));
            effects.append(QStringLiteral("programs linked against the old version ask for %1 without a version and "
                                          "take %2")
                               .arg(o.name, n.displayName()));
        } else {
            c.what.append(QStringLiteral("version %1 -> none").arg(o.version));
            if (newHasVersions) {
                c.breaking = true;
                effects.append(QStringLiteral("programs linked against the old version ask for %1 and stop with "
                                              "\"undefined symbol: %2, version %3\"")
                                   .arg(o.displayName(), o.name, o.version));
            } else {
                effects.append(QStringLiteral("the new file has no versions at all: the loader accepts the symbol and "
                                              "says \"no version information available\""));
            }
        }
    } else if (versionsMatter && o.defaultVersion != n.defaultVersion) {
        if (o.defaultVersion)
            c.what.append(QStringLiteral("no longer the default version (now %1)").arg(n.displayName()));
        else
            c.what.append(QStringLiteral("now the default version (%1)").arg(n.displayName()));
        effects.append(QStringLiteral("programs linked against the old version still find %1@%2; programs linked "
                                      "from now on take the default")
                           .arg(o.name, o.version));
    }
    c.effect = effects.join(QStringLiteral("; "));
    return c;
}

QJsonObject symbolJson(const ExportedSymbol &s)
{
    QJsonObject o {{QStringLiteral("name"), s.name}, {QStringLiteral("type"), typeName(s.type)},
        {QStringLiteral("binding"), elfnames::symbolBindName(s.bind)}, {QStringLiteral("size"), qint64(s.size)}};
    if (s.demangled != s.name)
        o.insert(QStringLiteral("demangled"), s.demangled);
    if (!s.version.isEmpty()) {
        o.insert(QStringLiteral("version"), s.version);
        o.insert(QStringLiteral("default"), s.defaultVersion);
    }
    if (!s.member.isEmpty())
        o.insert(QStringLiteral("member"), s.member);
    return o;
}

QString symbolLine(const QString &mark, const ExportedSymbol &s)
{
    QString line = QStringLiteral("  %1 %2 %3 %4")
                       .arg(mark, typeName(s.type).leftJustified(6), elfnames::symbolBindName(s.bind).leftJustified(6),
                           s.displayName());
    if (s.isData())
        line += QStringLiteral(" (%1)").arg(bytes(s.size));
    return line;
}

} // namespace

QString ExportedSymbol::displayName() const
{
    if (version.isEmpty())
        return name;
    return name + (defaultVersion ? QStringLiteral("@@") : QStringLiteral("@")) + version;
}

bool ExportedSymbol::isFunction() const
{
    return type == kSttFunc || type == kSttIfunc;
}

bool ExportedSymbol::isData() const
{
    return type == kSttObject || type == kSttTls || type == kSttCommon;
}

int AbiComparison::breakingChanges() const
{
    return int(removed.size())
        + int(std::count_if(changed.cbegin(), changed.cend(), [](const SymbolChange &c) { return c.breaking; }));
}

QList<ExportedSymbol> exportedSymbols(const BinaryInfo &info, int *ignored)
{
    QList<ExportedSymbol> out;
    int skipped = 0;
    if (info.isArchive()) {
        QSet<QString> seen;
        for (const ArchiveMember &m : info.members) {
            if (!m.binary)
                continue;
            QList<ExportedSymbol> mine;
            collect(*m.binary, m.name, mine, skipped);
            for (const ExportedSymbol &s : std::as_const(mine)) {
                if (!seen.contains(s.name)) { // the linker takes the first member that defines it
                    seen.insert(s.name);
                    out.append(s);
                }
            }
        }
    } else {
        collect(info, {}, out, skipped);
    }
    // One string comparison per step where it can (a tuple's < compares each unequal name twice): libLLVM's
    // 45k long, alike names make this the comparison's main cost.
    std::sort(out.begin(), out.end(), [](const ExportedSymbol &a, const ExportedSymbol &b) {
        if (const int c = QString::compare(a.name, b.name))
            return c < 0;
        if (const int c = QString::compare(a.version, b.version))
            return c < 0;
        return a.defaultVersion < b.defaultVersion;
    });
    if (ignored)
        *ignored = skipped;
    return out;
}

AbiComparison compareAbi(const BinaryInfo &oldInfo, const BinaryInfo &newInfo)
{
    AbiComparison r;
    r.oldPath = oldInfo.path;
    r.newPath = newInfo.path;
    r.oldKind = oldInfo.kind;
    r.newKind = newInfo.kind;
    r.oldSoname = oldInfo.soname;
    r.newSoname = newInfo.soname;

    const bool oldDynamic = isDynamicObject(oldInfo);
    const bool newDynamic = isDynamicObject(newInfo);
    const bool bothDynamic = oldDynamic && newDynamic;

    if (const BinaryInfo *a = elfFacts(oldInfo), *b = elfFacts(newInfo);
        a && b && (a->machine != b->machine || a->elfClass != b->elfClass)) {
        r.machineChange = QStringLiteral("%1 %2-bit -> %3 %4-bit")
                              .arg(elfnames::machineShortName(a->machine))
                              .arg(a->elfClass)
                              .arg(elfnames::machineShortName(b->machine))
                              .arg(b->elfClass);
    }

    if (bothDynamic) {
        r.sonameChanged = oldInfo.soname != newInfo.soname;
        r.sonameBreaking = r.sonameChanged && !oldInfo.soname.isEmpty();
        for (const QString &n : newInfo.needed)
            if (!oldInfo.needed.contains(n))
                r.neededAdded.append(n);
        for (const QString &n : oldInfo.needed)
            if (!newInfo.needed.contains(n))
                r.neededRemoved.append(n);
    }

    int ignoredOld = 0, ignoredNew = 0;
    const QList<ExportedSymbol> olds = exportedSymbols(oldInfo, &ignoredOld);
    const QList<ExportedSymbol> news = exportedSymbols(newInfo, &ignoredNew);
    r.ignored = qMax(ignoredOld, ignoredNew);

    QSet<QString> versionsOld, versionsNew;
    for (const ExportedSymbol &s : olds)
        if (!s.version.isEmpty())
            versionsOld.insert(s.version);
    for (const ExportedSymbol &s : news)
        if (!s.version.isEmpty())
            versionsNew.insert(s.version);
    if (bothDynamic) {
        for (const QString &v : std::as_const(versionsNew))
            if (!versionsOld.contains(v))
                r.versionsAdded.append(v);
        for (const QString &v : std::as_const(versionsOld))
            if (!versionsNew.contains(v))
                r.versionsRemoved.append(v);
        std::sort(r.versionsAdded.begin(), r.versionsAdded.end());
        std::sort(r.versionsRemoved.begin(), r.versionsRemoved.end());
    }

    auto record = [&](const ExportedSymbol &o, const ExportedSymbol &n) {
        SymbolChange c = comparePair(o, n, bothDynamic, !versionsNew.isEmpty());
        if (c.what.isEmpty())
            ++r.kept;
        else
            r.changed.append(c);
    };
    // Both lists are sorted by name: walk them together, one name (with all its versions) at a time.
    qsizetype nextOld = 0, nextNew = 0;
    while (nextOld < olds.size() || nextNew < news.size()) {
        const int order = nextOld == olds.size() ? 1
            : nextNew == news.size()             ? -1
                                                 : QString::compare(olds[nextOld].name, news[nextNew].name);
        const QString &name = order <= 0 ? olds[nextOld].name : news[nextNew].name;
        QList<ExportedSymbol> o, n;
        while (order <= 0 && nextOld < olds.size() && olds[nextOld].name == name)
            o.append(olds[nextOld++]);
        while (order >= 0 && nextNew < news.size() && news[nextNew].name == name)
            n.append(news[nextNew++]);
        QList<bool> taken(n.size(), false);
        QList<ExportedSymbol> leftover;
        // The same version first: foo@V1 stays foo@V1 whether or not it is still the default.
        for (const ExportedSymbol &s : o) {
            qsizetype match = -1;
            for (qsizetype i = 0; i < n.size() && match < 0; ++i)
                if (!taken[i] && (n[i].version == s.version || !bothDynamic))
                    match = i;
            if (match < 0) {
                leftover.append(s);
                continue;
            }
            taken[match] = true;
            record(s, n[match]);
        }
        for (const ExportedSymbol &s : std::as_const(leftover)) {
            // An unversioned reference (the old file had no version for it) takes the new default one; a versioned
            // definition that became unversioned is compared too. A version that is gone is a removal.
            qsizetype match = -1;
            for (qsizetype i = 0; i < n.size() && match < 0; ++i) {
                if (taken[i])
                    continue;
                if ((s.version.isEmpty() && (n[i].defaultVersion || n.size() == 1)) || n[i].version.isEmpty())
                    match = i;
            }
            if (match < 0) {
                r.removed.append(s);
                continue;
            }
            taken[match] = true;
            record(s, n[match]);
        }
        for (qsizetype i = 0; i < n.size(); ++i)
            if (!taken[i])
                r.added.append(n[i]);
    }

    // The verdict, breaking reasons first, in the order a maintainer fixes them.
    const bool staticToShared = isStaticKind(r.oldKind) && isSharedKind(r.newKind);
    if (!r.machineChange.isEmpty())
        r.reasons.append(QStringLiteral("Built for another machine (%1): programs built for the old one cannot use "
                                        "the new file at all (the linker says \"file in wrong format\", the loader "
                                        "\"wrong ELF class\" or \"cannot open shared object file\").")
                             .arg(r.machineChange));
    QStringList removedFunctions, removedData, removedOther;
    for (const ExportedSymbol &s : std::as_const(r.removed))
        (s.isFunction() ? removedFunctions : s.isData() ? removedData : removedOther).append(s.displayName());
    auto removal = [&](const QStringList &list, const QString &one, const QString &many, const QString &when) {
        if (list.isEmpty())
            return;
        const QString first = list.constFirst().section(u'@', 0, 0);
        if (staticToShared)
            r.reasons.append(
                QStringLiteral("%1 not exported by the shared library (%2): programs that linked the "
                               "archive and use %4 fail to link against it with \"undefined reference to `%3'\".")
                    .arg(plural(list.size(), one, many), someNames(list), first,
                        list.size() == 1 ? QStringLiteral("it") : QStringLiteral("them")));
        else
            r.reasons.append(QStringLiteral("%1 removed (%2): programs linked against the old version that use %3 "
                                            "%4 with \"undefined symbol: %5\".")
                                 .arg(plural(list.size(), one, many), someNames(list),
                                     list.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"), when, first));
    };
    removal(removedFunctions, QStringLiteral("function"), QStringLiteral("functions"),
        QStringLiteral("fail to start (or stop at the first call, with lazy binding)"));
    removal(
        removedData, QStringLiteral("data object"), QStringLiteral("data objects"), QStringLiteral("fail to start"));
    removal(removedOther, QStringLiteral("symbol"), QStringLiteral("symbols"), QStringLiteral("fail to start"));
    if (!r.versionsRemoved.isEmpty())
        r.reasons.append(QStringLiteral("%1 removed (%2): programs linked against the old version that use %3 fail "
                                        "to start with \"version `%4' not found\".")
                             .arg(plural(r.versionsRemoved.size(), QStringLiteral("symbol version"),
                                      QStringLiteral("symbol versions")),
                                 someNames(r.versionsRemoved),
                                 r.versionsRemoved.size() == 1 ? QStringLiteral("it") : QStringLiteral("one"),
                                 r.versionsRemoved.constFirst()));
    for (const SymbolChange &c : std::as_const(r.changed)) {
        if (!c.breaking)
            continue;
        const bool sizeOnly
            = c.before.isData() && c.after.isData() && c.before.size != c.after.size && c.before.type == c.after.type;
        if (sizeOnly)
            r.reasons.append(QStringLiteral("Object size changed for data symbol %1 (%2 -> %3): %4.")
                                 .arg(c.before.name, bytes(c.before.size), bytes(c.after.size), c.effect));
        else
            r.reasons.append(QStringLiteral("%1 changed (%2): %3.")
                                 .arg(c.before.displayName(), c.what.join(QStringLiteral(", ")), c.effect));
    }
    if (r.sonameBreaking)
        r.reasons.append(QStringLiteral("SONAME changed (%1 -> %2): programs linked against the old version ask "
                                        "for %1 and never load the new file.")
                             .arg(r.oldSoname, r.newSoname.isEmpty() ? QStringLiteral("none") : r.newSoname));

    r.breaking = !r.reasons.isEmpty();
    const int breakingSymbols = r.breakingChanges() + int(r.versionsRemoved.size());

    // What does not break anyone, said after.
    QStringList notes;
    if (!r.added.isEmpty())
        notes.append(
            QStringLiteral("%1 added (%2): programs linked against the new version that use %3 need it or a later one.")
                .arg(plural(r.added.size(), QStringLiteral("symbol"), QStringLiteral("symbols")), someNames([&] {
                    QStringList l;
                    for (const ExportedSymbol &s : std::as_const(r.added))
                        l.append(s.displayName());
                    return l;
                }()),
                    r.added.size() == 1 ? QStringLiteral("it") : QStringLiteral("them")));
    if (!r.versionsAdded.isEmpty())
        notes.append(QStringLiteral("%1 added (%2).")
                         .arg(plural(r.versionsAdded.size(), QStringLiteral("symbol version"),
                                  QStringLiteral("symbol versions")),
                             someNames(r.versionsAdded)));
    for (const SymbolChange &c : std::as_const(r.changed))
        if (!c.breaking)
            notes.append(
                QStringLiteral("%1: %2%3.")
                    .arg(c.before.displayName(), c.what.join(QStringLiteral(", ")),
                        c.effect.isEmpty() ? QStringLiteral(" (compatible)") : QStringLiteral(": ") + c.effect));
    if (r.sonameChanged && !r.sonameBreaking)
        notes.append(QStringLiteral("SONAME set to %1 (the old file had none: programs linked against it recorded "
                                    "its file name, which still loads).")
                         .arg(r.newSoname));
    if (!r.neededAdded.isEmpty())
        notes.append(QStringLiteral("Needs %1 now: %2 be installed wherever the new version is.")
                         .arg(someNames(r.neededAdded, 6),
                             r.neededAdded.size() == 1 ? QStringLiteral("it must") : QStringLiteral("they must")));
    if (!r.neededRemoved.isEmpty())
        notes.append(QStringLiteral("No longer needs %1: programs that used its symbols without linking it "
                                    "themselves now fail.")
                         .arg(someNames(r.neededRemoved, 6)));

    if (r.breaking) {
        r.headline = staticToShared ? QStringLiteral("The shared library does not export what the archive defines")
                                    : QStringLiteral("Breaks programs linked against the old version");
        const QString next = nextSoname(r.oldSoname);
        if (staticToShared)
            r.advice = QStringLiteral("Export the missing symbols (visibility or version script) that programs use "
                                      "before switching them to the shared library; internal ones may be hidden on "
                                      "purpose.");
        else if (!r.machineChange.isEmpty())
            r.advice = QStringLiteral("These are different builds, not two versions of one library.");
        else if (r.sonameBreaking && breakingSymbols == 0)
            r.advice = QStringLiteral("The symbols stayed compatible, so the soname did not need to change: keep %1, "
                                      "or rebuild every program that uses the library.")
                           .arg(r.oldSoname);
        else if (r.sonameBreaking)
            r.advice = QStringLiteral("The soname was bumped, as these changes need: keep %1 installed for the "
                                      "programs linked against it.")
                           .arg(r.oldSoname);
        else if (isSharedKind(r.newKind) && !next.isEmpty())
            r.advice
                = QStringLiteral("Bump the soname (%1 -> %2), or bring back what was removed.").arg(r.oldSoname, next);
        else if (isSharedKind(r.newKind))
            r.advice = QStringLiteral("Bump the soname (the major version), or bring back what was removed.");
        else
            r.advice = QStringLiteral("Rebuild what uses it, or bring back what was removed.");
    } else if (!r.added.isEmpty() || !r.versionsAdded.isEmpty()) {
        r.headline = QStringLiteral("Compatible: only additions");
        r.advice = QStringLiteral("Programs linked against the old version keep working: bump the minor version.");
    } else if (!notes.isEmpty()) {
        r.headline = QStringLiteral("Compatible");
        r.advice = QStringLiteral("Programs linked against the old version keep working: a patch release.");
    } else {
        r.headline = QStringLiteral("No change in the exported interface");
        r.advice = QStringLiteral("Programs linked against the old version keep working: a patch release.");
    }
    r.notes = notes;
    return r;
}

QString abiComparisonText(const AbiComparison &c)
{
    auto describe = [](const QString &path, BinaryKind kind, const QString &soname) -> QString {
        QString s = QStringLiteral("%1 (%2").arg(path, elfnames::kindName(kind));
        if (!soname.isEmpty())
            s += QStringLiteral(", SONAME %1").arg(soname);
        return s + u')';
    };
    QStringList lines;
    lines << QStringLiteral("old: ") + describe(c.oldPath, c.oldKind, c.oldSoname);
    lines << QStringLiteral("new: ") + describe(c.newPath, c.newKind, c.newSoname);
    lines << QString();
    lines << c.headline + u'.';
    for (const QString &reason : c.reasons)
        lines << QStringLiteral("  ! ") + reason;
    for (const QString &note : c.notes)
        lines << QStringLiteral("  - ") + note;
    lines << c.advice;
    lines << QString();
    if (c.sonameChanged)
        lines << QStringLiteral("SONAME: %1 -> %2")
                     .arg(c.oldSoname.isEmpty() ? QStringLiteral("none") : c.oldSoname,
                         c.newSoname.isEmpty() ? QStringLiteral("none") : c.newSoname);
    for (const QString &n : c.neededAdded)
        lines << QStringLiteral("NEEDED added: ") + n;
    for (const QString &n : c.neededRemoved)
        lines << QStringLiteral("NEEDED removed: ") + n;
    for (const QString &v : c.versionsAdded)
        lines << QStringLiteral("version added: ") + v;
    for (const QString &v : c.versionsRemoved)
        lines << QStringLiteral("version removed: ") + v;
    if (!c.removed.isEmpty()) {
        lines << QStringLiteral("Removed (%1):").arg(c.removed.size());
        for (const ExportedSymbol &s : c.removed)
            lines << symbolLine(QStringLiteral("-"), s);
    }
    if (!c.changed.isEmpty()) {
        lines << QStringLiteral("Changed (%1):").arg(c.changed.size());
        for (const SymbolChange &ch : c.changed)
            lines << QStringLiteral("  %1 %2: %3%4")
                         .arg(ch.breaking ? QStringLiteral("!") : QStringLiteral("~"), ch.before.displayName(),
                             ch.what.join(QStringLiteral(", ")), ch.breaking ? QStringLiteral(" (breaks)") : QString());
    }
    if (!c.added.isEmpty()) {
        lines << QStringLiteral("Added (%1):").arg(c.added.size());
        for (const ExportedSymbol &s : c.added)
            lines << symbolLine(QStringLiteral("+"), s);
    }
    lines << QStringLiteral("Exported symbols: %1 kept, %2 changed, %3 removed, %4 added")
                 .arg(c.kept)
                 .arg(c.changed.size())
                 .arg(c.removed.size())
                 .arg(c.added.size());
    return lines.join(u'\n') + u'\n';
}

QJsonObject abiComparisonToJson(const AbiComparison &c)
{
    auto side = [](const QString &path, BinaryKind kind, const QString &soname) {
        QJsonObject o {{QStringLiteral("file"), path}, {QStringLiteral("kind"), elfnames::kindName(kind)}};
        o.insert(QStringLiteral("soname"), soname.isEmpty() ? QJsonValue() : QJsonValue(soname));
        return o;
    };
    auto list = [](const QList<ExportedSymbol> &symbols) {
        QJsonArray a;
        for (const ExportedSymbol &s : symbols)
            a.append(symbolJson(s));
        return a;
    };
    QJsonArray changed;
    for (const SymbolChange &ch : c.changed)
        changed.append(QJsonObject {{QStringLiteral("name"), ch.before.name},
            {QStringLiteral("old"), symbolJson(ch.before)}, {QStringLiteral("new"), symbolJson(ch.after)},
            {QStringLiteral("changes"), QJsonArray::fromStringList(ch.what)}, {QStringLiteral("breaking"), ch.breaking},
            {QStringLiteral("effect"), ch.effect}});
    return QJsonObject {{QStringLiteral("old"), side(c.oldPath, c.oldKind, c.oldSoname)},
        {QStringLiteral("new"), side(c.newPath, c.newKind, c.newSoname)}, {QStringLiteral("breaking"), c.breaking},
        {QStringLiteral("verdict"),
            QJsonObject {{QStringLiteral("headline"), c.headline},
                {QStringLiteral("reasons"), QJsonArray::fromStringList(c.reasons)},
                {QStringLiteral("notes"), QJsonArray::fromStringList(c.notes)}, {QStringLiteral("advice"), c.advice}}},
        {QStringLiteral("soname"),
            QJsonObject {{QStringLiteral("changed"), c.sonameChanged}, {QStringLiteral("breaking"), c.sonameBreaking}}},
        {QStringLiteral("machine_change"), c.machineChange.isEmpty() ? QJsonValue() : QJsonValue(c.machineChange)},
        {QStringLiteral("needed"),
            QJsonObject {{QStringLiteral("added"), QJsonArray::fromStringList(c.neededAdded)},
                {QStringLiteral("removed"), QJsonArray::fromStringList(c.neededRemoved)}}},
        {QStringLiteral("versions"),
            QJsonObject {{QStringLiteral("added"), QJsonArray::fromStringList(c.versionsAdded)},
                {QStringLiteral("removed"), QJsonArray::fromStringList(c.versionsRemoved)}}},
        {QStringLiteral("symbols"),
            QJsonObject {{QStringLiteral("added"), list(c.added)}, {QStringLiteral("removed"), list(c.removed)},
                {QStringLiteral("changed"), changed}}},
        {QStringLiteral("counts"),
            QJsonObject {{QStringLiteral("kept"), c.kept}, {QStringLiteral("changed"), int(c.changed.size())},
                {QStringLiteral("removed"), int(c.removed.size())}, {QStringLiteral("added"), int(c.added.size())},
                {QStringLiteral("ignored"), c.ignored}}}};
}

QString abiCategoryName(AbiPictureBlock::Category category)
{
    switch (category) {
    case AbiPictureBlock::Removed: return QStringLiteral("removed");
    case AbiPictureBlock::Changed: return QStringLiteral("changed");
    case AbiPictureBlock::Kept: return QStringLiteral("kept");
    case AbiPictureBlock::Added: return QStringLiteral("added");
    }
    return {};
}

AbiPicture abiPicture(const AbiComparison &c, double width, double barHeight, double gap, double minimumBlock)
{
    AbiPicture p;
    const int counts[4] = {int(c.removed.size()), int(c.changed.size()), c.kept, int(c.added.size())};
    const int breakingChanged = c.breakingChanges() - int(c.removed.size());
    const double total = counts[0] + counts[1] + counts[2] + counts[3];
    if (total <= 0 || width <= 0)
        return p;
    double widths[4] = {};
    double sum = 0;
    for (int i = 0; i < 4; ++i) {
        widths[i] = counts[i] > 0 ? qMax(minimumBlock, width * counts[i] / total) : 0;
        sum += widths[i];
    }
    if (sum > width) {
        // Take the excess from the blocks above the minimum, in proportion to what they have above it; when even
        // the minimums do not fit, scale everything.
        double reducible = 0;
        for (double w : widths)
            reducible += qMax(0.0, w - minimumBlock);
        const double excess = sum - width;
        for (double &w : widths) {
            if (reducible >= excess && reducible > 0)
                w -= (w > minimumBlock ? (w - minimumBlock) * excess / reducible : 0);
            else
                w *= width / sum;
        }
    }
    double x[5] = {0, 0, 0, 0, 0};
    for (int i = 0; i < 4; ++i)
        x[i + 1] = x[i] + widths[i];
    const double rowY[2] = {0, barHeight + gap};
    auto add = [&](int category, int row) {
        if (counts[category] == 0)
            return;
        AbiPictureBlock b;
        b.category = AbiPictureBlock::Category(category);
        b.row = row;
        b.count = counts[category];
        b.rect = QRectF(x[category], rowY[row], widths[category], barHeight);
        b.label = QStringLiteral("%1 %2").arg(counts[category]).arg(abiCategoryName(b.category));
        if (category == AbiPictureBlock::Changed && breakingChanged > 0)
            b.label += QStringLiteral(" (%1 breaking)").arg(breakingChanged);
        p.blocks.append(b);
    };
    add(AbiPictureBlock::Removed, 0);
    add(AbiPictureBlock::Changed, 0);
    add(AbiPictureBlock::Kept, 0);
    add(AbiPictureBlock::Changed, 1);
    add(AbiPictureBlock::Kept, 1);
    add(AbiPictureBlock::Added, 1);
    p.oldBar = QRectF(x[0], rowY[0], x[3] - x[0], barHeight);
    p.newBar = QRectF(x[1], rowY[1], x[4] - x[1], barHeight);
    p.bounds = QRectF(0, 0, x[4], rowY[1] + barHeight);
    return p;
}

} // namespace linklab
