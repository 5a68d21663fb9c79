// SPDX-License-Identifier: MIT
#pragma once

// Checks a size map (linklab-cli sizes, or core's sizeRows) against the reference tools run at test time:
// every section's rows add up to its size in `readelf -SW`, and the symbol rows of a section add up to the bytes
// the symbols of `nm -S -f sysv` cover in it (each byte once), each symbol row no larger than nm's size for it
// and equal to it when its bytes overlap no other symbol's.

#include "testsupport.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cstdint>
#include <map>

namespace linklab::test {

struct SizeCheckRow {
    QString member;
    QString section;
    QString symbol; // empty for a section row; "[unattributed]"
    std::uint64_t size = 0;
    std::uint64_t fileSize = 0;
};

// Builds in `dir` what a size map must get right: a large .bss, aliases, TLS, read-only data, and a second
// object: sizes.o, second.o, libsizes.so (both), libsizes.a (both). Returns gcc's or ar's message when a step
// failed, else an empty string.
inline QString buildSizeFixtures(const QString &dir)
{
    const QByteArray first = R"(
static char big_buffer[100000];
char *buffer(void) { return big_buffer; }
int real_function(int x) { return x * 3 + 1; }
int alias_function(int x) __attribute__((alias("real_function")));
__thread int tls_counter[16];
__thread int tls_seed = 5;
int *counter(void) { tls_counter[1] += tls_seed; return tls_counter; }
const char greeting[] = "hello, size map";
int table[64] = {1, 2, 3};
)";
    const QByteArray second = R"(
static double scratch[512];
double twice(double x) { scratch[0] = x; return 2 * x + scratch[1]; }
)";
    if (!writeFile(dir + QStringLiteral("/sizes.c"), first) || !writeFile(dir + QStringLiteral("/second.c"), second))
        return QStringLiteral("cannot write the sources in ") + dir;
    const QList<QStringList> steps {
        {QStringLiteral("gcc"), QStringLiteral("-c"), QStringLiteral("-fPIC"), QStringLiteral("-O1"),
            QStringLiteral("sizes.c"), QStringLiteral("-o"), QStringLiteral("sizes.o")},
        {QStringLiteral("gcc"), QStringLiteral("-c"), QStringLiteral("-fPIC"), QStringLiteral("second.c"),
            QStringLiteral("-o"), QStringLiteral("second.o")},
        {QStringLiteral("gcc"), QStringLiteral("-shared"), QStringLiteral("-o"), QStringLiteral("libsizes.so"),
            QStringLiteral("sizes.o"), QStringLiteral("second.o")},
        {QStringLiteral("ar"), QStringLiteral("rcs"), QStringLiteral("libsizes.a"), QStringLiteral("sizes.o"),
            QStringLiteral("second.o")},
    };
    for (const QStringList &step : steps) {
        const Run r = run(step.first(), step.mid(1), dir);
        if (r.exitCode != 0)
            return step.join(u' ') + QStringLiteral(": ") + QString::fromLocal8Bit(r.err);
    }
    return {};
}

namespace sizecheck {

struct Section {
    QString name;
    QString type;
    std::uint64_t address = 0;
    std::uint64_t size = 0;
    bool tls = false;
    bool alloc = false;
};

struct Symbol {
    QString name;
    std::uint64_t value = 0;
    std::uint64_t size = 0;
};

// "File: lib.a(member.o)" (a thin archive's "lib.a[/path/member.o]") -> member, for archives; "" for a plain file.
inline QString memberOf(const QString &fileLine, const QString &path)
{
    const QString rest = fileLine.mid(path.size());
    const bool member
        = (rest.startsWith(u'(') && rest.endsWith(u')')) || (rest.startsWith(u'[') && rest.endsWith(u']'));
    return member ? rest.mid(1, rest.size() - 2) : QString();
}

} // namespace sizecheck

// An empty string when the rows agree with readelf and nm, else what differs.
inline QString checkSizes(const QString &path, const QList<SizeCheckRow> &rows, bool withSymbols)
{
    using namespace sizecheck;
    const Run readelf = run(QStringLiteral("readelf"), {QStringLiteral("-SW"), path});
    if (readelf.exitCode != 0)
        return QStringLiteral("readelf -SW failed: ") + QString::fromLocal8Bit(readelf.err);
    // member -> sections by name (several sections of one name add up)
    QHash<QString, QList<Section>> sections;
    QHash<QString, bool> hasSymtab;
    static const QRegularExpression sectionLine(QStringLiteral(
        R"(^\s*\[\s*(\d+)\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+(\S*)\s+\d+\s+\d+\s+\d+$)"));
    QString member;
    for (const QString &line : QString::fromLocal8Bit(readelf.out).split(u'\n')) {
        if (line.startsWith(QStringLiteral("File: ")))
            member = memberOf(line.mid(6), path);
        const auto m = sectionLine.match(line);
        if (!m.hasMatch() || m.captured(1) == u"0")
            continue;
        Section s {m.captured(2), m.captured(3), m.captured(4).toULongLong(nullptr, 16),
            m.captured(6).toULongLong(nullptr, 16), m.captured(8).contains(u'T'), m.captured(8).contains(u'A')};
        if (s.type == u"SYMTAB")
            hasSymtab[member] = true;
        sections[member].append(s);
    }
    if (sections.isEmpty())
        return QStringLiteral("readelf listed no sections");

    // Section sums.
    QHash<QString, QHash<QString, std::uint64_t>> rowSums, fileSums, symbolSums;
    for (const SizeCheckRow &r : rows) {
        rowSums[r.member][r.section] += r.size;
        fileSums[r.member][r.section] += r.fileSize;
        if (!r.symbol.isEmpty() && r.symbol != u"[unattributed]")
            symbolSums[r.member][r.section] += r.size;
    }
    for (auto it = sections.cbegin(); it != sections.cend(); ++it) {
        QHash<QString, std::uint64_t> expected, expectedFile;
        for (const Section &s : it.value()) {
            expected[s.name] += s.size;
            expectedFile[s.name] += s.type == u"NOBITS" ? 0 : s.size;
        }
        for (auto e = expected.cbegin(); e != expected.cend(); ++e) {
            if (rowSums.value(it.key()).value(e.key()) != e.value())
                return QStringLiteral("%1 %2: rows add up to %3, readelf -S says %4")
                    .arg(it.key(), e.key())
                    .arg(rowSums.value(it.key()).value(e.key()))
                    .arg(e.value());
            if (fileSums.value(it.key()).value(e.key()) != expectedFile.value(e.key()))
                return QStringLiteral("%1 %2: file sizes add up to %3, expected %4")
                    .arg(it.key(), e.key())
                    .arg(fileSums.value(it.key()).value(e.key()))
                    .arg(expectedFile.value(e.key()));
        }
        for (const QString &name : rowSums.value(it.key()).keys())
            if (!expected.contains(name))
                return QStringLiteral("%1: a row for %2, which readelf does not list").arg(it.key(), name);
    }
    if (!withSymbols)
        return {};

    // Symbols, from nm -S in System V format (it names each symbol's section): .symtab, or .dynsym without it.
    const bool dynamic = !path.endsWith(QStringLiteral(".a")) && !hasSymtab.value(QString());
    QStringList nmArgs {QStringLiteral("-S"), QStringLiteral("-f"), QStringLiteral("sysv")};
    if (dynamic)
        nmArgs << QStringLiteral("-D");
    const Run nm = run(QStringLiteral("nm"), nmArgs << path);
    // member -> section -> symbols
    QHash<QString, QHash<QString, QList<Symbol>>> symbols;
    member.clear();
    for (const QString &line : QString::fromLocal8Bit(nm.out).split(u'\n')) {
        if (line.startsWith(QStringLiteral("Symbols from "))) {
            const QString what = line.mid(13).chopped(1); // "path[member]:" or "path:"
            member = what.startsWith(path + u'[') ? what.mid(path.size() + 1).chopped(1) : QString();
            continue;
        }
        const QStringList f = line.split(u'|');
        if (f.size() != 7)
            continue;
        const QString cls = f.at(2).trimmed(), type = f.at(3).trimmed(), section = f.at(6).trimmed();
        const std::uint64_t size = f.at(4).trimmed().toULongLong(nullptr, 16);
        if (cls == u"U" || size == 0 || section.isEmpty() || section.startsWith(u'*') || type == u"SECTION"
            || type == u"FILE")
            continue;
        symbols[member][section].append({f.at(0).trimmed(), f.at(1).trimmed().toULongLong(nullptr, 16), size});
    }
    for (auto it = sections.cbegin(); it != sections.cend(); ++it) {
        const bool linked
            = std::any_of(it.value().begin(), it.value().end(), [](const Section &s) { return s.address; });
        QHash<QString, std::uint64_t> covered;
        QHash<QString, QHash<QString, QList<std::uint64_t>>> nmSize; // section -> name -> sizes (local names repeat)
        QHash<QString, QSet<QString>> alone; // symbols whose bytes overlap no other symbol's
        for (const Section &sec : it.value()) {
            if (covered.contains(sec.name))
                continue; // one pass per name
            // [start, end) of each symbol, clipped to the section (TLS symbols hold offsets: not clipped)
            std::map<std::pair<std::uint64_t, std::uint64_t>, QStringList> spans;
            for (const Symbol &s : symbols.value(it.key()).value(sec.name)) {
                std::uint64_t start = s.value, end = s.value + s.size;
                if (!sec.tls) {
                    const std::uint64_t lo = linked ? sec.address : 0, hi = lo + sec.size;
                    start = std::max(start, lo);
                    end = std::min(end, hi);
                    if (end <= start)
                        continue;
                }
                spans[{start, end}].append(s.name);
                nmSize[sec.name][s.name].append(s.size);
            }
            std::uint64_t total = 0, reach = 0;
            bool first = true;
            for (auto s = spans.cbegin(); s != spans.cend(); ++s) {
                const auto [start, end] = s->first;
                const std::uint64_t from = first ? start : std::max(start, reach);
                if (end > from)
                    total += end - from;
                const auto next = std::next(s);
                const bool overlapsBefore = !first && start < reach;
                const bool overlapsAfter = next != spans.cend() && next->first.first < end;
                if (!overlapsBefore && !overlapsAfter)
                    for (const QString &n : s->second)
                        alone[sec.name].insert(n);
                reach = first ? end : std::max(reach, end);
                first = false;
            }
            covered[sec.name] = total;
        }
        for (auto c = covered.cbegin(); c != covered.cend(); ++c)
            if (symbolSums.value(it.key()).value(c.key()) != c.value())
                return QStringLiteral("%1 %2: symbol rows add up to %3, the symbols of nm -S cover %4 bytes")
                    .arg(it.key(), c.key())
                    .arg(symbolSums.value(it.key()).value(c.key()))
                    .arg(c.value());
        for (const SizeCheckRow &r : rows) {
            if (r.member != it.key() || r.symbol.isEmpty() || r.symbol == u"[unattributed]")
                continue;
            const auto names = nmSize.value(r.section);
            if (!names.contains(r.symbol))
                return QStringLiteral("%1 %2: %3 is not a symbol of that section for nm -S")
                    .arg(it.key(), r.section, r.symbol);
            const QList<std::uint64_t> sizes = names.value(r.symbol);
            const std::uint64_t expected = *std::max_element(sizes.begin(), sizes.end());
            const bool unique = sizes.size() == 1 && alone.value(r.section).contains(r.symbol);
            if (r.size > expected || (unique && r.size != expected))
                return QStringLiteral("%1 %2: %3 has %4 bytes, nm -S says %5")
                    .arg(it.key(), r.section, r.symbol)
                    .arg(r.size)
                    .arg(expected);
        }
    }
    return {};
}

} // namespace linklab::test
