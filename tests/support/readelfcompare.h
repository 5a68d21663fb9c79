// SPDX-License-Identifier: MIT
// The model of one ELF file compared with what GNU readelf printed about it, field by field: header facts (-h),
// every field of every section header (-S), every field of every program header and the section-to-segment
// mapping (-l), every dynamic entry's tag and value (-d). Mismatches are collected by kind so one systematic
// difference cannot hide the others.
#pragma once

#include "readelfreport.h"

#include "binary/binaryinfo.h"
#include "binary/elfnames.h"
#include "binary/segmentsections.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <bit>
#include <optional>

namespace linklab::test {

// How readelf 2.40 prints a name (print_symbol with -W): control characters as ^X, and of a multibyte character
// only its first byte, the rest skipped (its "%.1s" bug; the corpus output was made in a UTF-8 locale).
inline QByteArray readelfPrinted(const QByteArray &name)
{
    QByteArray out;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c >= 0x20 && c < 0x7f) {
            out += char(c);
        } else if (c < 0x20 || c == 0x7f) {
            out += '^';
            out += char(c + 0x40);
        } else {
            out += char(c);
            const int length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            bool valid = length > 1 && i + length <= name.size();
            for (int k = 1; valid && k < length; ++k)
                valid = (static_cast<unsigned char>(name[i + k]) & 0xc0) == 0x80;
            if (valid)
                i += length - 1;
        }
    }
    return out;
}

inline QString shown(const QByteArray &bytes)
{
    QString s;
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        s += (c >= 0x20 && c < 0x7f) ? QString(QLatin1Char(ch))
                                     : QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    return u'\'' + s + u'\'';
}

inline QString hex(std::uint64_t v)
{
    return QStringLiteral("0x") + QString::number(v, 16);
}

class Mismatches
{
public:
    static constexpr int kMaxExamples = 20;

    void add(const QString &kind, const QString &where, const QString &ours, const QString &theirs)
    {
        ++m_total;
        auto it = std::find_if(m_kinds.begin(), m_kinds.end(), [&](const Kind &k) { return k.name == kind; });
        if (it == m_kinds.end())
            it = m_kinds.insert(m_kinds.end(), Kind {kind, 0, {}});
        ++it->count;
        if (it->examples.size() < kMaxExamples)
            it->examples << QStringLiteral("%1: LinkLab %2, readelf %3").arg(where, ours, theirs);
    }
    void check(const QString &kind, const QString &where, const QString &ours, const QString &theirs)
    {
        ++m_compared;
        if (ours != theirs)
            add(kind, where, ours, theirs);
    }
    void check(const QString &kind, const QString &where, std::uint64_t ours, std::uint64_t theirs)
    {
        ++m_compared;
        if (ours != theirs)
            add(kind, where, hex(ours), hex(theirs));
    }
    void note(const QString &text) { m_notes << text; }
    bool isEmpty() const { return m_total == 0; }
    int compared() const { return m_compared; }
    // Up to kMaxExamples example lines in all, shared out between the kinds. One line per entry: Qt Test cuts a
    // single message at about 1 KiB.
    QStringList reportLines() const
    {
        QStringList lines;
        const qsizetype perKind = std::max<qsizetype>(1, kMaxExamples / std::max<qsizetype>(1, m_kinds.size()));
        for (const Kind &k : m_kinds) {
            lines << QStringLiteral("[%1] %2 mismatch(es)").arg(k.name).arg(k.count);
            for (const QString &e : k.examples.mid(0, perKind))
                lines << QStringLiteral("    ") + e;
            if (k.count > perKind)
                lines << QStringLiteral("    ...");
        }
        return lines;
    }
    QString summary(const QString &file) const
    {
        QStringList kinds;
        for (const Kind &k : m_kinds)
            kinds << QStringLiteral("%1 x%2").arg(k.name).arg(k.count);
        return QStringLiteral("%1: %2 mismatch(es) with readelf (listed above): %3")
            .arg(file)
            .arg(m_total)
            .arg(kinds.join(QStringLiteral(", ")));
    }
    const QStringList &notes() const { return m_notes; }

private:
    struct Kind {
        QString name;
        int count = 0;
        QStringList examples;
    };
    QList<Kind> m_kinds;
    QStringList m_notes;
    int m_total = 0;
    int m_compared = 0;
};

inline void compareHeader(const BinaryInfo &info, const ReadelfReport &re, Mismatches &mm)
{
    const auto field = [&](const QString &name) { return re.header.value(name, QStringLiteral("<absent>")); };
    const QString where = QStringLiteral("ELF header");
    mm.check(QStringLiteral("header Class"), where, QStringLiteral("ELF%1").arg(info.elfClass),
        field(QStringLiteral("Class")));
    mm.check(QStringLiteral("header Data"), where,
        info.bigEndian ? QStringLiteral("2's complement, big endian") : QStringLiteral("2's complement, little endian"),
        field(QStringLiteral("Data")));
    mm.check(QStringLiteral("header OS/ABI"), where, elfnames::osAbiName(info.osAbi), field(QStringLiteral("OS/ABI")));
    mm.check(QStringLiteral("header Type"), where, elfnames::elfTypeName(info.elfType, elfnames::hasPieFlag(info)),
        field(QStringLiteral("Type")));
    mm.check(
        QStringLiteral("header Machine"), where, elfnames::machineName(info.machine), field(QStringLiteral("Machine")));
    mm.check(QStringLiteral("header Entry point address"), where, hex(info.entry),
        field(QStringLiteral("Entry point address")));
    // "Flags: 0x5000200, Version5 EABI, soft-float ABI": the number is what the model holds.
    mm.check(
        QStringLiteral("header Flags"), where, hex(info.flags), field(QStringLiteral("Flags")).section(u',', 0, 0));
    mm.check(QStringLiteral("header Number of program headers"), where, QString::number(info.segments.size()),
        field(QStringLiteral("Number of program headers")).section(u' ', 0, 0));
    // "Number of section headers: 0 (74)" with extended numbering: the real count is in brackets.
    QString sections = field(QStringLiteral("Number of section headers"));
    if (const qsizetype open = sections.indexOf(u'('); open >= 0)
        sections = sections.mid(open + 1).section(u')', 0, 0);
    if (!re.noSections)
        mm.check(QStringLiteral("header Number of section headers"), where, QString::number(info.sections.size()),
            sections.section(u' ', 0, 0));
}

inline void compareSections(const BinaryInfo &info, const ReadelfReport &re, Mismatches &mm)
{
    if (re.noSections) {
        mm.check(QStringLiteral("section count"), QStringLiteral("(readelf: no sections in this file)"),
            QString::number(info.sections.size()), QStringLiteral("0"));
        return;
    }
    mm.check(QStringLiteral("section count"), QStringLiteral("Section Headers"), QString::number(info.sections.size()),
        QString::number(re.sections.size()));
    for (const ReadelfSection &rs : re.sections) {
        if (rs.index >= info.sections.size())
            continue; // counted above
        const SectionInfo &s = info.sections[rs.index];
        const QString where = QStringLiteral("section [%1] %2").arg(rs.index).arg(shown(rs.name));
        mm.check(QStringLiteral("section index"), where, QString::number(s.index), QString::number(rs.index));
        mm.check(QStringLiteral("section name"), where, shown(readelfPrinted(s.name.toUtf8())), shown(rs.name));
        mm.check(QStringLiteral("section type"), where, elfnames::sectionTypeName(s.type, info.machine, info.osAbi),
            rs.type);
        mm.check(QStringLiteral("section address"), where, s.address, rs.address);
        mm.check(QStringLiteral("section offset"), where, s.offset, rs.offset);
        mm.check(QStringLiteral("section size"), where, s.size, rs.size);
        mm.check(QStringLiteral("section entsize"), where, s.entrySize, rs.entrySize);
        mm.check(QStringLiteral("section flags"), where, elfnames::sectionFlagsText(s.flags), rs.flags);
        mm.check(QStringLiteral("section link"), where, s.link, rs.link);
        mm.check(QStringLiteral("section info"), where, s.info, rs.info);
        mm.check(QStringLiteral("section alignment"), where, s.alignment, rs.alignment);
    }
}

// Program headers, every field, and which sections each segment holds.
inline void compareSegments(const BinaryInfo &info, const ReadelfReport &re, Mismatches &mm)
{
    if (!re.hasSegmentBlock) {
        mm.note(QStringLiteral("readelf output has no program header block (-l not given)"));
        return;
    }
    mm.check(QStringLiteral("segment count"), QStringLiteral("Program Headers"), QString::number(info.segments.size()),
        QString::number(re.segments.size()));
    for (qsizetype i = 0; i < re.segments.size() && i < info.segments.size(); ++i) {
        const ReadelfSegment &rs = re.segments[i];
        const SegmentInfo &s = info.segments[i];
        const QString where = QStringLiteral("segment [%1] %2").arg(i).arg(rs.type);
        mm.check(QStringLiteral("segment index"), where, QString::number(s.index), QString::number(i));
        mm.check(QStringLiteral("segment type"), where,
            elfnames::segmentTypeName(s.type, info.machine, info.osAbi).left(14), rs.type);
        mm.check(QStringLiteral("segment offset"), where, s.offset, rs.offset);
        mm.check(QStringLiteral("segment virtual address"), where, s.virtualAddress, rs.virtualAddress);
        mm.check(QStringLiteral("segment physical address"), where, s.physicalAddress, rs.physicalAddress);
        mm.check(QStringLiteral("segment file size"), where, s.fileSize, rs.fileSize);
        mm.check(QStringLiteral("segment memory size"), where, s.memorySize, rs.memorySize);
        mm.check(QStringLiteral("segment flags"), where, elfnames::segmentFlagsText(s.flags), rs.flags);
        mm.check(QStringLiteral("segment alignment"), where, s.alignment, rs.alignment);
    }
    // readelf prints the mapping only when there are section headers to map.
    if (re.segments.isEmpty() || info.sections.isEmpty())
        return;
    mm.check(QStringLiteral("segment mapping count"), QStringLiteral("Section to Segment mapping"),
        QString::number(re.mapping.size()), QString::number(re.segments.size()));
    for (qsizetype i = 0; i < re.mapping.size() && i < info.segments.size(); ++i) {
        QStringList printed;
        for (const QString &name : sectionsInSegment(info, info.segments[i]))
            printed << QString::fromLatin1(readelfPrinted(name.toUtf8()));
        mm.check(QStringLiteral("segment mapping"), QStringLiteral("segment %1").arg(i, 2, 10, QLatin1Char('0')),
            printed.join(u' '), re.mapping[i].join(u' '));
    }
}

// readelf's names of flag bits, in the order it prints them (-d, FLAGS_1, FEATURE_1, POSFLAG_1).
inline std::optional<std::uint64_t> decodeFlagNames(const QStringList &words, const QStringList &names)
{
    std::uint64_t bits = 0;
    for (const QString &w : words) {
        const qsizetype at = names.indexOf(w);
        if (at >= 0) {
            bits |= std::uint64_t(1) << at;
            continue;
        }
        bool ok = false;
        const std::uint64_t rest = w.toULongLong(&ok, 16); // the bits it has no name for, " %lx"
        if (!ok)
            return std::nullopt;
        bits |= rest;
    }
    return bits;
}

constexpr std::int64_t kDtNeeded = 1, kDtSoname = 14, kDtRpath = 15, kDtRunpath = 29, kDtPltrel = 20, kDtFlags = 30,
                       kDtBindNow = 24, kDtFlags1 = 0x6ffffffb, kDtFeature1 = 0x6ffffdfc, kDtPosflag1 = 0x6ffffdfd,
                       kDtGnuPrelinked = 0x6ffffdf5;
constexpr std::uint16_t kEmMips = 8;
inline const QStringList kFlagNames = {QStringLiteral("ORIGIN"), QStringLiteral("SYMBOLIC"), QStringLiteral("TEXTREL"),
    QStringLiteral("BIND_NOW"), QStringLiteral("STATIC_TLS")};
constexpr std::int64_t kDtMipsTimeStamp = 0x70000002, kDtMipsIversion = 0x70000004, kDtMipsFlags = 0x70000005;

// The number readelf's text for one dynamic entry stands for, or nothing when the text names no number (a
// string, a time stamp, an empty value).
inline std::optional<std::uint64_t> readelfDynamicValue(const ReadelfDynamic &rd, const BinaryInfo &info, QString *why)
{
    static const QRegularExpression hexRe(QStringLiteral(R"(^0x([0-9a-f]+)$)"));
    static const QRegularExpression decimalRe(QStringLiteral(R"(^(\d+)(?: \(bytes\))?$)"));
    using namespace Qt::StringLiterals;
    const std::int64_t tag = std::int64_t(rd.tag);
    const QString &v = rd.value;
    if (const auto m = hexRe.match(v); m.hasMatch())
        return parseHex(m.captured(1));
    if (const auto m = decimalRe.match(v); m.hasMatch())
        return m.captured(1).toULongLong();
    if (tag == kDtFlags1 && v.startsWith(QStringLiteral("Flags:"))) {
        static const QStringList names = {u"NOW"_s, u"GLOBAL"_s, u"GROUP"_s, u"NODELETE"_s, u"LOADFLTR"_s,
            u"INITFIRST"_s, u"NOOPEN"_s, u"ORIGIN"_s, u"DIRECT"_s, u"TRANS"_s, u"INTERPOSE"_s, u"NODEFLIB"_s,
            u"NODUMP"_s, u"CONFALT"_s, u"ENDFILTEE"_s, u"DISPRELDNE"_s, u"DISPRELPND"_s, u"NODIRECT"_s, u"IGNMULDEF"_s,
            u"NOKSYMS"_s, u"NOHDR"_s, u"EDITED"_s, u"NORELOC"_s, u"SYMINTPOSE"_s, u"GLOBAUDIT"_s, u"SINGLETON"_s,
            u"STUB"_s, u"PIE"_s, u"KMOD"_s, u"WEAKFILTER"_s, u"NOCOMMON"_s};
        return decodeFlagNames(v.mid(6).split(u' ', Qt::SkipEmptyParts), names);
    }
    if (tag == kDtFeature1 && v.startsWith(QStringLiteral("Flags:")))
        return decodeFlagNames(v.mid(6).split(u' ', Qt::SkipEmptyParts), {u"PARINIT"_s, u"CONFEXP"_s});
    if (tag == kDtPosflag1 && v.startsWith(QStringLiteral("Flags:")))
        return decodeFlagNames(v.mid(6).split(u' ', Qt::SkipEmptyParts), {u"LAZY"_s, u"GROUPPERM"_s});
    if (tag == kDtFlags && v.isEmpty())
        return 0;
    if (tag == kDtFlags) {
        // Each bit readelf has no name for prints as "unknown": compareDynamic() checks those by count.
        QStringList words = v.split(u' ', Qt::SkipEmptyParts);
        if (words.removeAll(u"unknown"_s) > 0) {
            *why = u"FLAGS with unnamed bits"_s;
            return std::nullopt;
        }
        return decodeFlagNames(words, kFlagNames);
    }
    if (tag == kDtPltrel) {
        // The tag name of the relocation kind it says: "RELA" (7) or "REL" (17).
        for (std::int64_t candidate : {std::int64_t(7), std::int64_t(17)})
            if (elfnames::dynamicTagName(candidate, info.machine, info.osAbi) == v)
                return std::uint64_t(candidate);
    }
    if (info.machine == kEmMips && tag == kDtMipsFlags) {
        if (v == QStringLiteral("NONE"))
            return 0;
        return decodeFlagNames(v.split(u' ', Qt::SkipEmptyParts),
            {u"QUICKSTART"_s, u"NOTPOT"_s, u"NO_LIBRARY_REPLACEMENT"_s, u"NO_MOVE"_s, u"SGI_ONLY"_s,
                u"GUARANTEE_INIT"_s, u"DELTA_C_PLUS_PLUS"_s, u"GUARANTEE_START_INIT"_s, u"PIXIE"_s,
                u"DEFAULT_DELAY_LOAD"_s, u"REQUICKSTART"_s, u"REQUICKSTARTED"_s, u"CORD"_s, u"NO_UNRES_UNDEF"_s,
                u"RLD_ORDER_SAFE"_s});
    }
    *why = QStringLiteral("readelf's text names no number");
    return std::nullopt;
}

// Tags whose value readelf prints as something other than a number or a string of the dynamic string table.
inline bool valueNotPrintedAsNumber(std::int64_t tag, const BinaryInfo &info)
{
    return tag == kDtBindNow || tag == kDtGnuPrelinked
        || (info.machine == kEmMips && (tag == kDtMipsTimeStamp || tag == kDtMipsIversion));
}

// Every dynamic entry: its tag, its name as readelf gives it, and its value — the number readelf prints, or the
// string it prints for the entries that name one.
inline void compareDynamic(const BinaryInfo &info, const ReadelfReport &re, Mismatches &mm)
{
    if (!re.hasDynamic) {
        mm.check(QStringLiteral("dynamic entry count"), QStringLiteral("(readelf: no dynamic section)"),
            QString::number(info.dynamic.size()), QStringLiteral("0"));
        return;
    }
    mm.check(QStringLiteral("dynamic entry count"), QStringLiteral("Dynamic section"),
        QString::number(info.dynamic.size()), QString::number(re.dynamic.size()));
    QStringList needed;
    QString soname;
    for (qsizetype i = 0; i < re.dynamic.size(); ++i) {
        const ReadelfDynamic &rd = re.dynamic[i];
        if (rd.tag == kDtNeeded)
            needed << QString::fromUtf8(rd.text);
        if (rd.tag == kDtSoname)
            soname = QString::fromUtf8(rd.text);
        if (i >= info.dynamic.size())
            continue;
        const DynamicEntry &d = info.dynamic[i];
        const QString where = QStringLiteral("dynamic [%1] %2").arg(i).arg(rd.tagName);
        mm.check(QStringLiteral("dynamic tag"), where, std::uint64_t(d.tag), rd.tag);
        mm.check(QStringLiteral("dynamic tag name"), where, elfnames::dynamicTagName(d.tag, info.machine, info.osAbi),
            rd.tagName);
        if (!rd.text.isEmpty() || rd.value.endsWith(QStringLiteral(": []"))) {
            // A string of the dynamic string table: the model's text must be what the value points at.
            mm.check(QStringLiteral("dynamic string"), where, shown(readelfPrinted(d.text.toUtf8())), shown(rd.text));
            continue;
        }
        const bool noFlags = std::int64_t(rd.tag) == kDtFlags && rd.value.isEmpty(); // FLAGS 0 prints nothing
        if (!noFlags && (rd.value.isEmpty() || valueNotPrintedAsNumber(std::int64_t(rd.tag), info))) {
            mm.note(QStringLiteral("%1: readelf prints '%2', not the number").arg(where, rd.value));
            continue;
        }
        QString why;
        const auto value = readelfDynamicValue(rd, info, &why);
        if (!value) {
            if (std::int64_t(rd.tag) == kDtFlags) {
                // The named bits must be set and no other named one; the unnamed ones are checked by count.
                QStringList words = rd.value.split(u' ', Qt::SkipEmptyParts);
                const qsizetype unnamed = words.removeAll(QStringLiteral("unknown"));
                const auto named = decodeFlagNames(words, kFlagNames);
                if (named) {
                    mm.check(QStringLiteral("dynamic value"), where, d.value & 0x1f, *named);
                    mm.check(QStringLiteral("dynamic FLAGS unnamed bits"), where,
                        QString::number(std::popcount(d.value & ~std::uint64_t(0x1f))), QString::number(unnamed));
                    continue;
                }
            }
            mm.add(QStringLiteral("dynamic value not understood by the test"), where, hex(d.value), rd.value);
            continue;
        }
        mm.check(QStringLiteral("dynamic value"), where, d.value, *value);
    }
    mm.check(QStringLiteral("NEEDED list"), QStringLiteral("Dynamic section"), info.needed.join(QStringLiteral(", ")),
        needed.join(QStringLiteral(", ")));
    mm.check(QStringLiteral("SONAME"), QStringLiteral("Dynamic section"), info.soname, soname);
}

} // namespace linklab::test
