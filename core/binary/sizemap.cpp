// SPDX-License-Identifier: MIT
#include "binary/sizemap.h"

#include "binary/binaryjson.h"
#include "binary/hexformat.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace linklab {

namespace {

constexpr std::uint16_t SHN_LORESERVE = 0xff00, SHN_ABS = 0xfff1;
constexpr std::uint8_t STT_SECTION = 3, STT_FILE = 4, STT_TLS = 6;
constexpr std::uint32_t SHT_NOBITS = 8;
constexpr std::uint64_t SHF_ALLOC = 0x2, SHF_TLS = 0x400;
constexpr std::uint16_t ET_REL = 1;

// As nm prints it: with "@VER" or "@@VER" when the symbol has a version (.dynsym holds glob@GLIBC_2.2.5 and
// glob64@@GLIBC_2.27 apart).
QString nameOf(const SymbolInfo &symbol)
{
    return symbol.name + symbol.versionSuffix();
}

// One symbol's bytes in its section, as offsets from the section's start.
struct Span {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    int symbol = 0; // index in BinaryInfo::symbols
};

bool isLinked(const BinaryInfo &info)
{
    return info.elfType != ET_REL;
}

// Where a linked file's TLS image starts: the TLS segment's address, or the first TLS section's.
std::uint64_t tlsBase(const BinaryInfo &info)
{
    for (const SegmentInfo &segment : info.segments)
        if (segment.type == 7 /*PT_TLS*/)
            return segment.virtualAddress;
    for (const SectionInfo &section : info.sections)
        if (section.flags & SHF_TLS)
            return section.address;
    return 0;
}

bool contains(const SectionInfo &section, std::uint64_t address)
{
    return address >= section.address && address - section.address < section.size;
}

// The section a symbol's bytes lie in, or -1: st_shndx, checked against the address in a linked file.
int sectionOf(const BinaryInfo &info, const SymbolInfo &symbol, std::uint64_t address)
{
    const int count = int(info.sections.size());
    const int named = symbol.sectionIndex < SHN_LORESERVE ? int(symbol.sectionIndex) : -1;
    if (named > 0 && named < count) {
        const SectionInfo &section = info.sections.at(named);
        if (!isLinked(info) || !(section.flags & SHF_ALLOC) || contains(section, address))
            return named;
    } else if (symbol.sectionIndex != SHN_ABS) {
        return -1; // SHN_COMMON, processor-specific commons: no bytes of their own yet
    }
    if (!isLinked(info))
        return -1;
    // By address among the loaded sections; .tbss takes no addresses of its own (it overlaps what follows).
    for (int i = 1; i < count; ++i) {
        const SectionInfo &section = info.sections.at(i);
        const bool tbss = section.type == SHT_NOBITS && (section.flags & SHF_TLS);
        if ((section.flags & SHF_ALLOC) && !tbss && contains(section, address))
            return i;
    }
    return -1;
}

// The symbol table the map reads: .symtab when the file has one, else .dynsym.
SymbolTable tableToUse(const BinaryInfo &info)
{
    for (const SymbolInfo &s : info.symbols)
        if (s.table == SymbolTable::Static)
            return SymbolTable::Static;
    return SymbolTable::Dynamic;
}

QHash<int, QList<Span>> spansBySection(const BinaryInfo &info)
{
    QHash<int, QList<Span>> spans;
    const SymbolTable table = tableToUse(info);
    const bool linked = isLinked(info);
    const std::uint64_t tls = linked ? tlsBase(info) : 0;
    for (int i = 0; i < info.symbols.size(); ++i) {
        const SymbolInfo &s = info.symbols.at(i);
        if (s.table != table || !s.isDefined() || s.size == 0 || s.type == STT_SECTION || s.type == STT_FILE)
            continue;
        const std::uint64_t address = (linked && s.type == STT_TLS) ? tls + s.value : s.value;
        const int section = sectionOf(info, s, address);
        if (section < 0)
            continue;
        const SectionInfo &sec = info.sections.at(section);
        const std::uint64_t base = linked ? sec.address : 0;
        if (address < base || address - base >= sec.size)
            continue; // outside its section altogether: nothing of the section is its
        const std::uint64_t start = address - base;
        const std::uint64_t end = start + std::min(s.size, sec.size - start);
        spans[section].append({start, end, i});
    }
    return spans;
}

// Largest first, equal sizes in their order. Sorting indexes, not rows: a row is several strings, and moving
// 45k of them through a merge sort cost more than the rest of the measurement.
QList<SizeRow> largestFirst(QList<SizeRow> rows)
{
    QList<int> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return rows.at(a).size > rows.at(b).size; });
    QList<SizeRow> sorted;
    sorted.reserve(rows.size());
    for (int i : order)
        sorted.append(std::move(rows[i]));
    return sorted;
}

// The rows of one ELF file (or member), grouped by section, each group's rows largest first.
QList<QList<SizeRow>> sectionGroups(const BinaryInfo &info, const QString &member, bool withSymbols)
{
    QHash<int, QList<Span>> spans;
    if (withSymbols)
        spans = spansBySection(info);
    QList<QList<SizeRow>> groups;
    for (int index = 1; index < info.sections.size(); ++index) {
        const SectionInfo &section = info.sections.at(index);
        if (section.size == 0)
            continue;
        const bool nobits = section.type == SHT_NOBITS;
        SizeRow base;
        base.member = member;
        base.section = section.name;
        base.sectionIndex = index;
        base.loaded = section.flags & SHF_ALLOC;
        QList<SizeRow> rows;
        if (!withSymbols) {
            base.size = section.size;
            base.fileSize = nobits ? 0 : section.size;
            groups.append({base});
            continue;
        }
        QList<Span> list = spans.value(index);
        rows.reserve(list.size() + 1);
        // By address, the larger first at one address, then table order (the first alias names the row).
        std::sort(list.begin(), list.end(), [](const Span &a, const Span &b) {
            if (a.start != b.start)
                return a.start < b.start;
            if (a.end != b.end)
                return a.end > b.end;
            return a.symbol < b.symbol;
        });
        std::uint64_t covered = 0; // the end of the bytes already counted
        std::uint64_t attributed = 0;
        int groupRow = -1; // the row of the previous span's (address, size) group; -1 when it counted nothing
        for (int i = 0; i < list.size(); ++i) {
            const Span &span = list.at(i);
            if (i > 0 && list.at(i - 1).start == span.start && list.at(i - 1).end == span.end) {
                if (groupRow >= 0) // an alias of the row's symbol
                    rows[groupRow].aliases.append(nameOf(info.symbols.at(span.symbol)));
                continue;
            }
            groupRow = -1;
            const std::uint64_t from = std::max(span.start, covered);
            if (span.end <= from)
                continue; // wholly inside a symbol already counted
            const SymbolInfo &s = info.symbols.at(span.symbol);
            SizeRow row = base;
            row.symbol = nameOf(s);
            row.demangled = (s.demangled.isEmpty() ? s.name : s.demangled) + s.versionSuffix();
            row.symbolIndex = span.symbol;
            row.size = span.end - from;
            row.fileSize = nobits ? 0 : row.size;
            attributed += row.size;
            covered = span.end;
            groupRow = int(rows.size());
            rows.append(std::move(row));
        }
        if (attributed < section.size) {
            SizeRow rest = base;
            rest.symbol = rest.demangled = unattributedName();
            rest.size = section.size - attributed;
            rest.fileSize = nobits ? 0 : rest.size;
            rows.append(std::move(rest));
        }
        groups.append(largestFirst(std::move(rows)));
    }
    return groups;
}

std::uint64_t groupSize(const QList<SizeRow> &rows)
{
    std::uint64_t total = 0;
    for (const SizeRow &r : rows)
        total += r.size;
    return total;
}

// Largest group first; the rows of each group stay in their order.
QList<SizeRow> flattenLargestFirst(QList<QList<SizeRow>> groups)
{
    QList<std::pair<std::uint64_t, int>> order;
    qsizetype count = 0;
    for (int i = 0; i < groups.size(); ++i) {
        order.append({groupSize(groups.at(i)), i});
        count += groups.at(i).size();
    }
    std::stable_sort(order.begin(), order.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<SizeRow> rows;
    rows.reserve(count);
    for (const auto &[size, i] : order)
        for (SizeRow &r : groups[i])
            rows.append(std::move(r));
    return rows;
}

QString percent(std::uint64_t part, std::uint64_t total)
{
    return total == 0 ? QStringLiteral("-") : QString::number(100.0 * double(part) / double(total), 'f', 1) + u'%';
}

} // namespace

QString unattributedName()
{
    return QStringLiteral("[unattributed]");
}

std::optional<SizeDetail> parseSizeDetail(const QString &text)
{
    const QString t = text.trimmed();
    if (t == u"sections")
        return SizeDetail::Sections;
    if (t == u"symbols")
        return SizeDetail::Symbols;
    if (t == u"sections,symbols" || t == u"symbols,sections")
        return SizeDetail::SectionsAndSymbols;
    return std::nullopt;
}

QList<SizeRow> sizeRows(const BinaryInfo &info, SizeDetail detail)
{
    const bool withSymbols = detail != SizeDetail::Sections;
    QList<SizeRow> rows;
    if (info.isArchive()) {
        // Members -> sections -> symbols: members largest first, each member's sections largest first.
        QList<QList<SizeRow>> members;
        for (const ArchiveMember &m : info.members) {
            if (!m.binary)
                continue;
            members.append(flattenLargestFirst(sectionGroups(*m.binary, m.name, withSymbols)));
        }
        rows = flattenLargestFirst(std::move(members));
    } else {
        rows = flattenLargestFirst(sectionGroups(info, QString(), withSymbols));
    }
    if (detail == SizeDetail::Symbols)
        rows = largestFirst(std::move(rows));
    return rows;
}

QByteArray sizeRowsToJson(const QString &file, const QList<SizeRow> &rows, SizeDetail detail)
{
    // Written straight out, in the order the keys are documented: a QJsonObject per row costs more than measuring.
    const auto size = [](QByteArray &out, std::uint64_t value) {
        if (value <= (std::uint64_t(1) << 53))
            out += QByteArray::number(value);
        else
            appendJsonString(out, hexString(value)); // as jsonSize(): a hostile header's size keeps its digits
    };
    QByteArray out = "{\"file\":";
    appendJsonString(out, file);
    out += ",\"rows\":[";
    out.reserve(out.size() + rows.size() * 96);
    bool first = true;
    for (const SizeRow &r : rows) {
        out += first ? "{" : ",{";
        first = false;
        if (!r.member.isEmpty()) {
            out += "\"member\":";
            appendJsonString(out, r.member);
            out += ',';
        }
        out += "\"section\":";
        appendJsonString(out, r.section);
        if (detail != SizeDetail::Sections) {
            out += ",\"symbol\":";
            appendJsonString(out, r.symbol);
        }
        out += ",\"size\":";
        size(out, r.size);
        out += ",\"file_size\":";
        size(out, r.fileSize);
        out += '}';
    }
    out += "]}\n";
    return out;
}

QByteArray sizeTable(const QList<SizeRow> &rows, SizeDetail detail)
{
    std::uint64_t total = 0, totalFile = 0;
    for (const SizeRow &r : rows) {
        total += r.size;
        totalFile += r.fileSize;
    }
    int width = 10;
    for (std::uint64_t v : {total, totalFile})
        width = std::max(width, int(QString::number(v).size()));
    const bool archive = std::any_of(rows.begin(), rows.end(), [](const SizeRow &r) { return !r.member.isEmpty(); });
    QString what = archive ? QStringLiteral("member  ") : QString();
    what += detail == SizeDetail::Sections ? QStringLiteral("section")
        : detail == SizeDetail::Symbols    ? QStringLiteral("symbol  (section)")
                                           : QStringLiteral("section  symbol");
    QByteArray out;
    out.reserve(rows.size() * 80);
    const auto line = [&](const QString &shareText, const QString &size, const QString &fileSize, const QString &name) {
        out += shareText.rightJustified(6).toUtf8() + "  " + size.rightJustified(width).toUtf8() + "  "
            + fileSize.rightJustified(width).toUtf8() + "  " + name.toUtf8() + '\n';
    };
    const auto row = [&](std::uint64_t size, std::uint64_t fileSize, const QString &name) {
        line(percent(size, total), QString::number(size), QString::number(fileSize), name);
    };
    line(QStringLiteral("share"), QStringLiteral("size"), QStringLiteral("file size"), what);
    // Each section's own line (SectionsAndSymbols): its rows are together, so one pass sums them.
    QHash<QPair<QString, int>, std::pair<std::uint64_t, std::uint64_t>> sectionTotals;
    if (detail == SizeDetail::SectionsAndSymbols)
        for (const SizeRow &r : rows) {
            auto &t = sectionTotals[{r.member, r.sectionIndex}];
            t.first += r.size;
            t.second += r.fileSize;
        }
    QString member;
    int section = -1;
    for (const SizeRow &r : rows) {
        const QString aliases
            = r.aliases.isEmpty() ? QString() : QStringLiteral(" (also %1)").arg(r.aliases.join(QStringLiteral(", ")));
        const QString prefix = archive ? r.member + QStringLiteral("  ") : QString();
        if (detail == SizeDetail::Sections) {
            row(r.size, r.fileSize, prefix + r.section);
        } else if (detail == SizeDetail::Symbols) {
            row(r.size, r.fileSize, prefix + r.symbol + aliases + QStringLiteral("  (") + r.section + u')');
        } else {
            if (r.member != member || r.sectionIndex != section) {
                const auto [size, fileSize] = sectionTotals.value({r.member, r.sectionIndex});
                row(size, fileSize, prefix + r.section);
                member = r.member;
                section = r.sectionIndex;
            }
            row(r.size, r.fileSize, QStringLiteral("    ") + r.symbol + aliases);
        }
    }
    row(total, totalFile, QStringLiteral("TOTAL"));
    return out;
}

QList<SizeNode> sizeTree(const QList<SizeRow> &rows)
{
    QList<SizeNode> nodes;
    nodes.append(SizeNode {});
    QHash<QString, int> members;
    QHash<QPair<int, int>, int> sections; // (parent node, section index) -> node
    for (int i = 0; i < rows.size(); ++i) {
        const SizeRow &r = rows.at(i);
        int parent = 0;
        if (!r.member.isEmpty()) {
            auto it = members.find(r.member);
            if (it == members.end()) {
                SizeNode m;
                m.kind = SizeNode::Member;
                m.parent = 0;
                m.label = r.member;
                nodes.append(m);
                nodes[0].children.append(int(nodes.size() - 1));
                it = members.insert(r.member, int(nodes.size() - 1));
            }
            parent = *it;
        }
        const bool leafSection = r.symbol.isEmpty();
        if (!leafSection) {
            const QPair<int, int> key(parent, r.sectionIndex);
            auto it = sections.find(key);
            if (it == sections.end()) {
                SizeNode s;
                s.kind = SizeNode::Section;
                s.parent = parent;
                s.label = r.section;
                nodes.append(s);
                nodes[parent].children.append(int(nodes.size() - 1));
                it = sections.insert(key, int(nodes.size() - 1));
            }
            parent = *it;
        }
        SizeNode leaf;
        leaf.kind = leafSection ? SizeNode::Section : SizeNode::Symbol;
        leaf.parent = parent;
        leaf.label = leafSection ? r.section : r.symbol;
        leaf.row = i;
        leaf.size = r.size;
        leaf.fileSize = r.fileSize;
        nodes.append(leaf);
        const int at = int(nodes.size() - 1);
        nodes[parent].children.append(at);
        for (int p = parent; p >= 0; p = nodes.at(p).parent) {
            nodes[p].size += r.size;
            nodes[p].fileSize += r.fileSize;
        }
    }
    return nodes;
}

} // namespace linklab
