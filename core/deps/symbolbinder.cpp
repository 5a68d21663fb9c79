// SPDX-License-Identifier: MIT
#include "deps/symbolbinder.h"

#include "binary/openbinary.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

#include <functional>

namespace linklab {

namespace {

constexpr std::uint8_t kSttNotype = 0, kSttObject = 1, kSttFunc = 2, kSttSection = 3, kSttFile = 4, kSttCommon = 5,
                       kSttTls = 6, kSttGnuIfunc = 10;
constexpr std::uint8_t kStbLocal = 0, kStbWeak = 2;

struct Definition {
    QString version; // the version name (empty for index 0 and 1: glibc's l_versions[ndx].name is "" there)
    std::uint16_t versym = 0; // the raw .gnu.version entry
};

// One object's exports: the definitions check_match would look at, by name.
using Exports = QHash<QString, QList<Definition>>;

bool definesCode(std::uint8_t type)
{
    switch (type) {
    case kSttNotype:
    case kSttObject:
    case kSttFunc:
    case kSttCommon:
    case kSttTls:
    case kSttGnuIfunc: return true;
    default: return false;
    }
}

// check_match and do_lookup_x for one object's definitions of a name. In an object without .gnu.version, any
// definition. A versioned reference: the definition of that version name (hidden or not), else the single
// non-hidden one of index 0 or 1 (no version). An unversioned reference: one of index 0, 1 or 2 (2 is the oldest
// version, what a program linked before the library had versions expects), else the single non-hidden one.
const Definition *match(const QList<Definition> &defs, const QString &version, bool versioned)
{
    if (!versioned)
        return defs.isEmpty() ? nullptr : &defs.first();
    const Definition *fallback = nullptr;
    int fallbacks = 0;
    for (const Definition &d : defs) {
        const int index = d.versym & 0x7fff;
        const bool hidden = (d.versym & 0x8000) != 0;
        if (!version.isEmpty()) {
            if (!d.version.isEmpty() && d.version == version)
                return &d;
            if (d.version.isEmpty() && index <= 1 && !hidden && fallbacks++ == 0)
                fallback = &d;
        } else {
            if (index < 3)
                return &d;
            if (!hidden && fallbacks++ == 0)
                fallback = &d;
        }
    }
    return fallbacks == 1 ? fallback : nullptr;
}

// What the binder needs of one object's dynamic symbol table.
struct ObjectSymbols {
    bool versioned = false; // has a .gnu.version table (glibc's l_versyms)
    Exports defs;
    Exports canonical;
    QList<SymbolInfo> refs;
    QString warning;
};

ObjectSymbols readObject(const QString &path)
{
    ObjectSymbols o;
    OpenOptions options;
    options.demangle = false;
    const OpenResult opened = openBinary(path, options);
    if (const auto *error = std::get_if<OpenError>(&opened)) {
        o.warning = QStringLiteral("%1: %2").arg(path, error->message);
        return o;
    }
    for (const SymbolInfo &s : std::get<BinaryInfo>(opened).symbols) {
        if (s.table != SymbolTable::Dynamic)
            continue;
        o.versioned = o.versioned || s.versym != 0;
        if (s.name.isEmpty() || s.type == kSttSection || s.type == kSttFile)
            continue;
        if (!s.isDefined()) {
            o.refs.append(s);
            if (s.value != 0 && s.type != kSttTls)
                o.canonical[s.name].append({s.version, s.versym});
        } else if (s.bind != kStbLocal && definesCode(s.type)) {
            o.defs[s.name].append({s.version, s.versym});
        }
    }
    return o;
}

QString nodePath(const DependencyGraph &graph, int index)
{
    if (index < 0 || index >= graph.nodes.size())
        return {};
    const DependencyNode &n = graph.nodes[index];
    return n.path.isEmpty() ? n.name : n.path;
}

QString withVersion(const QString &symbol, const QString &version)
{
    return version.isEmpty() ? symbol : symbol + u'@' + version;
}

} // namespace

QList<SymbolBinding> SymbolBindings::unresolved() const
{
    QList<SymbolBinding> out;
    for (const SymbolBinding &b : bindings)
        if (b.provider < 0)
            out.append(b);
    return out;
}

SymbolBindings bindSymbols(const DependencyGraph &graph)
{
    SymbolBindings result;
    const QList<int> scope = graph.loadOrder();
    QList<int> found;
    for (int index : scope)
        if (graph.nodes[index].found && !graph.nodes[index].path.isEmpty())
            found.append(index);
    // Each object is read once, independently of the others: in parallel.
    const std::function<ObjectSymbols(int)> read = [&graph](int index) { return readObject(graph.nodes[index].path); };
    const QList<ObjectSymbols> objects = QtConcurrent::blockingMapped(found, read);
    QHash<int, Exports> exports;
    // Undefined symbols with a value: a non-PIE executable's canonical PLT entries (check_match takes them for
    // every lookup but a PLT call's).
    QHash<int, Exports> canonical;
    QHash<int, QList<SymbolInfo>> references;
    QSet<int> versioned;
    for (qsizetype i = 0; i < found.size(); ++i) {
        const ObjectSymbols &o = objects[i];
        if (!o.warning.isEmpty())
            result.warnings.append(o.warning);
        exports.insert(found[i], o.defs);
        canonical.insert(found[i], o.canonical);
        references.insert(found[i], o.refs);
        if (o.versioned)
            versioned.insert(found[i]);
    }

    QSet<QPair<QString, QString>> seen;
    for (int index : scope) {
        for (const SymbolInfo &ref : references.value(index)) {
            SymbolBinding b;
            b.object = index;
            b.symbol = ref.name;
            b.version = ref.version;
            b.weak = ref.bind == kStbWeak;
            // The definitions of this name an object holds in `table`, or null.
            const auto named = [&ref](const QHash<int, Exports> &table, int object) -> const QList<Definition> * {
                const auto o = table.constFind(object);
                if (o == table.cend())
                    return nullptr;
                const auto n = o->constFind(ref.name);
                return n == o->cend() ? nullptr : &*n;
            };
            QList<int> definers;
            for (int candidate : scope) {
                const bool hasVersions = versioned.contains(candidate);
                const QList<Definition> *plt = named(canonical, candidate);
                if (b.addressProvider < 0 && plt && match(*plt, ref.version, hasVersions))
                    b.addressProvider = candidate;
                const QList<Definition> *defs = named(exports, candidate);
                const Definition *d = defs ? match(*defs, ref.version, hasVersions) : nullptr;
                if (!d)
                    continue;
                if (definers.isEmpty()) {
                    b.provider = candidate;
                    b.providerVersion = d->version;
                    if (b.addressProvider < 0)
                        b.addressProvider = candidate;
                }
                definers.append(candidate);
            }
            if (b.addressProvider == b.provider)
                b.addressProvider = -1;
            result.bindings.append(b);
            const QPair<QString, QString> key {ref.name, ref.version};
            if (definers.size() > 1 && !seen.contains(key))
                result.interposed.append({ref.name, ref.version, definers.first(), definers.mid(1)});
            seen.insert(key);
        }
    }

    // ldd -u relocates the executable alone and lists the direct dependencies no lookup of it landed in.
    QSet<int> used;
    for (const SymbolBinding &b : std::as_const(result.bindings))
        if (b.object == 0 && b.provider >= 0)
            used.insert(b.provider);
    for (const DependencyEdge &e : graph.edges)
        if (e.from == 0 && e.to >= 0 && graph.nodes[e.to].found && !used.contains(e.to)
            && !result.unused.contains(e.to))
            result.unused.append(e.to);
    return result;
}

QJsonObject symbolBindingsToJson(const DependencyGraph &graph, const SymbolBindings &bindings)
{
    const auto orNull = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    QJsonArray list;
    for (const SymbolBinding &b : bindings.bindings)
        list.append(QJsonObject {{QStringLiteral("object"), nodePath(graph, b.object)},
            {QStringLiteral("symbol"), b.symbol}, {QStringLiteral("version"), orNull(b.version)},
            {QStringLiteral("provider"), orNull(nodePath(graph, b.provider))},
            {QStringLiteral("provider_version"), orNull(b.providerVersion)}, {QStringLiteral("weak"), b.weak},
            {QStringLiteral("address_provider"), orNull(nodePath(graph, b.addressProvider))}});
    QJsonArray interposed;
    for (const Interposition &i : bindings.interposed) {
        QJsonArray losers;
        for (int l : i.losers)
            losers.append(nodePath(graph, l));
        interposed.append(
            QJsonObject {{QStringLiteral("symbol"), i.symbol}, {QStringLiteral("version"), orNull(i.version)},
                {QStringLiteral("winner"), nodePath(graph, i.winner)}, {QStringLiteral("losers"), losers}});
    }
    QJsonArray unused;
    for (int u : bindings.unused)
        unused.append(nodePath(graph, u));
    return QJsonObject {{QStringLiteral("file"), graph.file}, {QStringLiteral("bindings"), list},
        {QStringLiteral("interposed"), interposed}, {QStringLiteral("unused"), unused},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(bindings.warnings)}};
}

QString symbolBindingsText(const DependencyGraph &graph, const SymbolBindings &bindings)
{
    QString text;
    int object = -1;
    for (const SymbolBinding &b : bindings.bindings) {
        if (b.object != object) {
            object = b.object;
            text += nodePath(graph, object) + QStringLiteral(":\n");
        }
        text += QStringLiteral("  %1 -> ").arg(withVersion(b.symbol, b.version));
        if (b.provider >= 0)
            text += nodePath(graph, b.provider);
        else
            text += b.weak ? QStringLiteral("unresolved (weak: stays 0)") : QStringLiteral("unresolved");
        if (b.addressProvider >= 0)
            text += QStringLiteral(" (its address: the PLT entry of %1)").arg(nodePath(graph, b.addressProvider));
        text += u'\n';
    }
    if (!bindings.interposed.isEmpty()) {
        text += QStringLiteral("Interposed symbols (the first in load order wins):\n");
        for (const Interposition &i : bindings.interposed) {
            QStringList losers;
            for (int l : i.losers)
                losers.append(nodePath(graph, l));
            text += QStringLiteral("  %1: %2 over %3\n")
                        .arg(withVersion(i.symbol, i.version), nodePath(graph, i.winner), losers.join(u", "));
        }
    }
    if (!bindings.unused.isEmpty()) {
        text += QStringLiteral("Unused direct dependencies:\n");
        for (int u : bindings.unused)
            text += QStringLiteral("  %1\n").arg(nodePath(graph, u));
    }
    for (const QString &w : bindings.warnings)
        text += QStringLiteral("warning: %1\n").arg(w);
    return text;
}

} // namespace linklab
