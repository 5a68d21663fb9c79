// SPDX-License-Identifier: MIT
// GNU readelf's -W output (-h, -l, -S, -d, -s, -r; any subset) parsed into values a test can compare with the
// model, field by field. Used with recorded outputs (the corpus) and with readelf run at test time (system files).
#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace linklab::test {

// readelf's text is bytes in whatever encoding the names have; Latin-1 keeps every byte as one QChar so regular
// expressions can work on it and toLatin1() gives the bytes back unchanged.
inline QString bytesToText(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes);
}

struct ReadelfSection {
    int index = 0;
    QByteArray name;
    QString type;
    std::uint64_t address = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint64_t entrySize = 0;
    QString flags; // the Flg letters ("WA", "AX", empty)
    std::uint32_t link = 0;
    std::uint32_t info = 0;
    std::uint64_t alignment = 0;
};

struct ReadelfSegment {
    QString type; // as printed: at most 14 characters
    std::uint64_t offset = 0;
    std::uint64_t virtualAddress = 0;
    std::uint64_t physicalAddress = 0;
    std::uint64_t fileSize = 0;
    std::uint64_t memorySize = 0;
    QString flags; // "R E", "RW "
    std::uint64_t alignment = 0;
};

struct ReadelfSymbol {
    QString table;
    int index = 0;
    std::uint64_t value = 0;
    std::uint64_t size = 0;
    QString type;
    QString bind;
    QString visibility;
    QString other; // readelf's "[...]" after the visibility: st_other bits beyond the visibility
    QString ndx;
    QByteArray name; // with the version suffix, without verneed's " (N)"
};

struct ReadelfDynamic {
    std::uint64_t tag = 0;
    QString tagName;
    QString value; // everything after the tag's name, as printed ("0x4f0", "8 (bytes)", "Flags: NOW PIE", ...)
    QByteArray text; // the bracketed string of NEEDED, SONAME, RPATH, RUNPATH, ... (empty otherwise)
};

struct ReadelfReloc {
    QString section;
    std::uint64_t offset = 0;
    QString type;
    QByteArray symbol; // as printed, with a version suffix; empty without a symbol
    std::int64_t addend = 0;
};

struct ReadelfReport {
    QHash<QString, QString> header; // "Class" -> "ELF64", "Entry point address" -> "0x890", ...
    bool noSections = false;
    QList<ReadelfSection> sections;
    bool hasSegmentBlock = false; // -l was given ("Program Headers:" or "There are no program headers")
    QList<ReadelfSegment> segments;
    QList<QStringList> mapping; // "Section to Segment mapping": the section names of each segment, in order
    bool hasDynamic = false;
    QList<ReadelfDynamic> dynamic;
    QMap<QString, int> tableCounts; // ".dynsym" -> entries, as "Symbol table '.dynsym' contains N entries"
    QList<ReadelfSymbol> symbols;
    QMap<QString, int> relocCounts; // ".rela.dyn" -> entries
    QList<ReadelfReloc> relocs;
};

inline std::uint64_t parseHex(const QString &s, bool *ok = nullptr)
{
    QString t = s;
    if (t.startsWith(QStringLiteral("0x")))
        t = t.mid(2);
    return t.toULongLong(ok, 16);
}

// readelf -W prints a size in decimal up to 99999 and as 0x-prefixed hex above.
inline std::uint64_t parseSize(const QString &s)
{
    return s.startsWith(QStringLiteral("0x")) ? parseHex(s) : s.toULongLong();
}

inline std::optional<ReadelfReport> parseReadelf(const QByteArray &output, QString *error)
{
    // "  [Nr] Name Type Address Off Size ES Flg Lk Inf Al" with -W; the name is padded to 17 columns, the type may
    // hold spaces; Flg may be empty; Al is decimal, or %#lx when it does not fit a long.
    static const QRegularExpression sectionRe(QStringLiteral(
        R"(^  \[ *(\d+)\] (.*?) +(\S.*?) +([0-9a-f]{8,16}) ([0-9a-f]{6,}) ([0-9a-f]{6,}) ([0-9a-f]{2,}) +(\S*) +(\d+) +(\d+) +(\d+|0x[0-9a-f]+)$)"));
    // "  Type Offset VirtAddr PhysAddr FileSiz MemSiz Flg Align": the type is cut at 14 characters; the flags are
    // three characters that may be spaces; the alignment is %#lx, so 0 prints as "0".
    static const QRegularExpression segmentRe(QStringLiteral(
        R"(^  (.{14}) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+)  ?([R ][W ][E ]) (0x[0-9a-f]+|0)$)"));
    static const QRegularExpression mappingRe(QStringLiteral(R"(^   (\d+)     (.*)$)"));
    // "   Num: Value Size Type Bind Vis [other] Ndx Name"; type and bind may be "<processor specific>: 13".
    static const QRegularExpression symbolRe(QStringLiteral(
        R"(^ *(\d+): ([0-9a-f]+) +(\d+|0x[0-9a-f]+) (<[^>]*>: \d+|\S+) +(<[^>]*>: \d+|\S+) +(\S+)(?: \[(.*?)\] )? +(OS \[0x[0-9a-f]+\]|bad section index\[ *\d+\]|\S+) (.*)$)"));
    static const QRegularExpression tableRe(QStringLiteral(R"(^Symbol table '([^']*)' contains (\d+) entr)"));
    static const QRegularExpression headerRe(QStringLiteral(R"(^  ([^:]+):\s+(.*?)\s*$)"));
    static const QRegularExpression dynamicRe(QStringLiteral(R"(^ 0x([0-9a-f]+) \((.*?)\) +(.*)$)"));
    static const QRegularExpression bracketRe(QStringLiteral(R"(^[A-Za-z ]+: \[(.*)\]$)"));
    static const QRegularExpression verneedSuffix(QStringLiteral(R"(^(.*@[^@]*) \(\d+\)$)"));

    static const QRegularExpression relocSectionRe(
        QStringLiteral(R"(^Relocation section '([^']*)' at offset 0x[0-9a-f]+ contains (\d+) entr)"));
    // "Offset Info Type [SymValue Name + Addend]": a symbol-less RELA row ends in the bare addend.
    static const QRegularExpression relocRe(QStringLiteral(
        R"(^([0-9a-f]{8,16}) +([0-9a-f]{8,16}) (R_\S+|unrecognized: [0-9a-f]+)(?: +([0-9a-f]{8,16}) +(.*?))?(?: +([+-]) ([0-9a-f]+)| +(-?[0-9a-f]+))?$)"));

    enum class Block { None, Header, Sections, Segments, Mapping, Dynamic, Symbols, Relocs } block = Block::None;
    QString relocSection;
    ReadelfReport report;
    QString table;
    for (const QByteArray &rawLine : output.split('\n')) {
        const QString line = bytesToText(rawLine);
        if (line.startsWith(QStringLiteral("ELF Header:"))) {
            block = Block::Header;
            continue;
        }
        if (line.startsWith(QStringLiteral("Section Headers:"))) {
            block = Block::Sections;
            continue;
        }
        if (line == QStringLiteral("There are no sections in this file.")) {
            report.noSections = true;
            continue;
        }
        if (line.startsWith(QStringLiteral("Program Headers:"))) {
            report.hasSegmentBlock = true;
            block = Block::Segments;
            continue;
        }
        if (line == QStringLiteral("There are no program headers in this file.")) {
            report.hasSegmentBlock = true;
            continue;
        }
        if (line.startsWith(QStringLiteral(" Section to Segment mapping:"))) {
            block = Block::Mapping;
            continue;
        }
        if (line.startsWith(QStringLiteral("Dynamic section at offset"))) {
            report.hasDynamic = true;
            block = Block::Dynamic;
            continue;
        }
        if (const auto m = tableRe.match(line); m.hasMatch()) {
            block = Block::Symbols;
            table = m.captured(1);
            if (report.tableCounts.contains(table)) {
                *error = QStringLiteral("readelf output lists table %1 twice").arg(table);
                return std::nullopt;
            }
            report.tableCounts.insert(table, m.captured(2).toInt());
            continue;
        }
        if (const auto m = relocSectionRe.match(line); m.hasMatch()) {
            block = Block::Relocs;
            relocSection = m.captured(1);
            if (!relocSection.startsWith(QStringLiteral(".relr")))
                report.relocCounts.insert(relocSection, report.relocCounts.value(relocSection) + m.captured(2).toInt());
            continue;
        }
        if (block == Block::Relocs && !line.isEmpty()) {
            if (line.startsWith(u' '))
                continue; // the column header, MIPS's "Type2:" and "Type3:" lines
            if (relocSection.startsWith(QStringLiteral(".relr")))
                continue; // RELR: a bitmap of addresses, not entries (LinkLab does not list them)
            QString row = line;
            while (row.endsWith(u' '))
                row.chop(1);
            const auto m = relocRe.match(row);
            if (!m.hasMatch()) {
                *error = QStringLiteral("unparsed relocation line in %1: %2").arg(relocSection, line);
                return std::nullopt;
            }
            ReadelfReloc r;
            r.section = relocSection;
            r.offset = parseHex(m.captured(1));
            r.type = m.captured(3);
            r.symbol = m.captured(5).toLatin1();
            if (m.capturedLength(6)) {
                r.addend = std::int64_t(parseHex(m.captured(7)));
                if (m.captured(6) == QStringLiteral("-"))
                    r.addend = -r.addend;
            } else if (m.capturedLength(8)) {
                const QString a = m.captured(8);
                r.addend = a.startsWith(u'-') ? -std::int64_t(parseHex(a.mid(1))) : std::int64_t(parseHex(a));
            }
            report.relocs.append(r);
            continue;
        }
        if (line.isEmpty() || !line.startsWith(u' ')) {
            if (block != Block::Symbols || line.isEmpty())
                block = Block::None;
            continue;
        }
        switch (block) {
        case Block::Header:
            if (const auto m = headerRe.match(line); m.hasMatch())
                report.header.insert(m.captured(1), m.captured(2));
            break;
        case Block::Sections:
            if (const auto m = sectionRe.match(line); m.hasMatch()) {
                ReadelfSection s;
                s.index = m.captured(1).toInt();
                s.name = m.captured(2).toLatin1();
                s.type = m.captured(3);
                s.address = parseHex(m.captured(4));
                s.offset = parseHex(m.captured(5));
                s.size = parseHex(m.captured(6));
                s.entrySize = parseHex(m.captured(7));
                s.flags = m.captured(8);
                s.link = m.captured(9).toUInt();
                s.info = m.captured(10).toUInt();
                s.alignment = parseSize(m.captured(11));
                report.sections.append(s);
            } else if (line.startsWith(QStringLiteral("  [")) && !line.startsWith(QStringLiteral("  [Nr]"))) {
                *error = QStringLiteral("unparsed section header line: %1").arg(line);
                return std::nullopt;
            }
            break;
        case Block::Segments:
            if (const auto m = segmentRe.match(line); m.hasMatch()) {
                ReadelfSegment s;
                s.type = m.captured(1).trimmed();
                s.offset = parseHex(m.captured(2));
                s.virtualAddress = parseHex(m.captured(3));
                s.physicalAddress = parseHex(m.captured(4));
                s.fileSize = parseHex(m.captured(5));
                s.memorySize = parseHex(m.captured(6));
                s.flags = m.captured(7);
                s.alignment = parseHex(m.captured(8));
                report.segments.append(s);
            } else if (!line.startsWith(QStringLiteral("  Type ")) && !line.trimmed().startsWith(u'[')) {
                *error = QStringLiteral("unparsed program header line: %1").arg(line);
                return std::nullopt;
            }
            break;
        case Block::Mapping:
            if (const auto m = mappingRe.match(line); m.hasMatch()) {
                if (m.captured(1).toInt() != report.mapping.size()) {
                    *error = QStringLiteral("segment mapping out of order: %1").arg(line);
                    return std::nullopt;
                }
                report.mapping.append(m.captured(2).split(u' ', Qt::SkipEmptyParts));
            }
            break;
        case Block::Dynamic:
            if (const auto m = dynamicRe.match(line); m.hasMatch()) {
                ReadelfDynamic d;
                d.tag = parseHex(m.captured(1));
                d.tagName = m.captured(2);
                d.value = m.captured(3);
                while (d.value.endsWith(u' '))
                    d.value.chop(1);
                if (const auto b = bracketRe.match(d.value); b.hasMatch())
                    d.text = b.captured(1).toLatin1();
                report.dynamic.append(d);
            }
            break;
        case Block::Symbols:
            if (const auto m = symbolRe.match(line); m.hasMatch()) {
                ReadelfSymbol s;
                s.table = table;
                s.index = m.captured(1).toInt();
                s.value = parseHex(m.captured(2));
                s.size = parseSize(m.captured(3));
                s.type = m.captured(4);
                s.bind = m.captured(5);
                s.visibility = m.captured(6);
                s.other = m.captured(7);
                s.ndx = m.captured(8);
                QString name = m.captured(9);
                if (const auto v = verneedSuffix.match(name); v.hasMatch())
                    name = v.captured(1);
                s.name = name.toLatin1();
                report.symbols.append(s);
            } else if (!line.trimmed().startsWith(QStringLiteral("Num:"))) {
                *error = QStringLiteral("unparsed symbol line in table %1: %2").arg(table, line);
                return std::nullopt;
            }
            break;
        case Block::Relocs:
        case Block::None: break;
        }
    }
    return report;
}

} // namespace linklab::test
