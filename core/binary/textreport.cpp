// SPDX-License-Identifier: MIT
#include "binary/textreport.h"

#include "binary/bytenames.h"
#include "binary/relocnames.h"

#include "binary/binaryjson.h"
#include "binary/elfnames.h"
#include "binary/hexformat.h"

#include <QTextStream>

#include <algorithm>

namespace linklab {
namespace {

// Columns are padded by hand rather than with chained QString::arg(): a name that contains "%1" would
// otherwise be substituted by the next arg().
QString left(const QString &text, int width)
{
    return text.leftJustified(width);
}

QString right(const QString &text, int width)
{
    return text.rightJustified(width);
}

void writeFacts(QTextStream &out, const BinaryInfo &info)
{
    using namespace elfnames;
    const auto fact = [&](const char *label, const QString &value) {
        if (!value.isEmpty())
            out << QStringLiteral("  ") << left(QString::fromLatin1(label), 14) << u' ' << value << u'\n';
    };
    fact("Kind:", kindName(info.kind));
    fact("Class:", QStringLiteral("ELF%1").arg(info.elfClass));
    fact("Data:", info.bigEndian ? QStringLiteral("big-endian") : QStringLiteral("little-endian"));
    fact("Machine:", machineName(info.machine));
    fact("Type:", elfTypeName(info.elfType, hasPieFlag(info)));
    fact("OS/ABI:", osAbiName(info.osAbi));
    fact("Entry:", hexString(info.entry));
    fact("Flags:", hexString(info.flags));
    fact("Interpreter:", info.interpreter);
    fact("SONAME:", info.soname);
    fact("NEEDED:", info.needed.join(QStringLiteral(", ")));
    fact("RPATH:", info.rpath.join(u':'));
    fact("RUNPATH:", info.runpath.join(u':'));
}

void writeSections(QTextStream &out, const BinaryInfo &info)
{
    const int w = info.elfClass == 32 ? 8 : 16;
    out << QStringLiteral("\nSections (%1):\n").arg(info.sections.size());
    out << QStringLiteral("  [Nr] ") << left(QStringLiteral("Name"), 20) << u' ' << left(QStringLiteral("Type"), 15)
        << u' ' << left(QStringLiteral("Address"), w) << u' ' << left(QStringLiteral("Off"), 8) << u' '
        << left(QStringLiteral("Size"), 8) << QStringLiteral(" Flg Lk Inf Al\n");
    for (const auto &s : info.sections)
        out << QStringLiteral("  [") << right(QString::number(s.index), 2) << QStringLiteral("] ") << left(s.name, 20)
            << u' ' << left(elfnames::sectionTypeName(s.type, info.machine, info.osAbi), 15) << u' '
            << hexPadded(s.address, w) << u' ' << hexPadded(s.offset, 8) << u' ' << hexPadded(s.size, 8) << u' '
            << right(elfnames::sectionFlagsText(s.flags), 3) << u' ' << right(QString::number(s.link), 2) << u' '
            << right(QString::number(s.info), 3) << u' ' << right(QString::number(s.alignment), 2) << u'\n';
}

void writeSegments(QTextStream &out, const BinaryInfo &info)
{
    if (info.segments.isEmpty())
        return;
    const int w = info.elfClass == 32 ? 8 : 16;
    out << QStringLiteral("\nSegments (%1):\n").arg(info.segments.size());
    for (const auto &s : info.segments)
        out << QStringLiteral("  ") << left(elfnames::segmentTypeName(s.type, info.machine, info.osAbi), 14)
            << QStringLiteral(" off 0x") << hexPadded(s.offset, 6) << QStringLiteral(" vaddr 0x")
            << hexPadded(s.virtualAddress, w) << QStringLiteral(" filesz 0x") << hexPadded(s.fileSize, 6)
            << QStringLiteral(" memsz 0x") << hexPadded(s.memorySize, 6) << u' ' << elfnames::segmentFlagsText(s.flags)
            << QStringLiteral(" align 0x") << QString::number(s.alignment, 16) << u'\n';
}

void writeDynamic(QTextStream &out, const BinaryInfo &info)
{
    if (info.dynamic.isEmpty())
        return;
    out << QStringLiteral("\nDynamic section (%1 entries):\n").arg(info.dynamic.size());
    for (const auto &d : info.dynamic)
        out << QStringLiteral("  ") << left(elfnames::dynamicTagName(d.tag, info.machine, info.osAbi), 18) << u' '
            << (d.text.isEmpty() ? hexString(d.value) : u'[' + d.text + u']') << u'\n';
}

void writeSymbols(QTextStream &out, const BinaryInfo &info)
{
    const int w = info.elfClass == 32 ? 8 : 16;
    for (const SymbolTable table : {SymbolTable::Dynamic, SymbolTable::Static}) {
        const auto count = std::count_if(
            info.symbols.cbegin(), info.symbols.cend(), [&](const SymbolInfo &s) { return s.table == table; });
        if (count == 0)
            continue;
        out << QStringLiteral("\nSymbol table '%1' contains %2 entries:\n")
                   .arg(elfnames::tableSectionName(info, table))
                   .arg(count);
        out << QStringLiteral("   Num: ") << left(QStringLiteral("Value"), w)
            << QStringLiteral("  Size Type    Bind   Vis      Ndx nm Name\n");
        for (const auto &s : info.symbols) {
            if (s.table != table)
                continue;
            out << right(QString::number(s.index), 6) << QStringLiteral(": ") << hexPadded(s.value, w) << u' '
                << right(QString::number(s.size), 5) << u' ' << left(elfnames::symbolTypeName(s.type, info.machine), 7)
                << u' ' << left(elfnames::symbolBindName(s.bind), 6) << u' '
                << left(elfnames::symbolVisibilityName(s.visibility), 8) << u' '
                << right(elfnames::sectionIndexName(s.sectionIndex), 3) << u' ' << QLatin1Char(s.nm)
                << QStringLiteral("  ") << s.displayName() << u'\n';
        }
    }
}

} // namespace

QString textReport(const BinaryInfo &info)
{
    QString text;
    QTextStream out(&text);
    writeTextReport(out, info);
    return text;
}

void writeTextReport(QTextStream &out, const BinaryInfo &info)
{
    out << info.path << QStringLiteral(":\n  ") << elfnames::overviewSentence(info) << u'\n';
    for (const auto &e : info.errors)
        out << QStringLiteral("  error: ") << e << u'\n';
    for (const auto &w : info.warnings)
        out << QStringLiteral("  warning: ") << w << u'\n';
    if (info.isArchive()) {
        for (const auto &m : info.members) {
            out << QStringLiteral("\nMember ") << m.name << QStringLiteral(" (") << m.size << QStringLiteral(" bytes)");
            if (!m.path.isEmpty())
                out << QStringLiteral(" -> ") << m.path;
            out << u'\n';
            if (!m.error.isEmpty())
                out << QStringLiteral("  error: ") << m.error << u'\n';
            if (m.binary) {
                writeSymbols(out, *m.binary);
                for (const auto &w : m.binary->warnings)
                    out << QStringLiteral("  warning: ") << w << u'\n';
            }
        }
        return;
    }
    writeFacts(out, info);
    writeSections(out, info);
    writeSegments(out, info);
    writeDynamic(out, info);
    writeSymbols(out, info);
}

QByteArray relocationListing(const BinaryInfo &info)
{
    if (info.relocations.isEmpty())
        return "\nThere are no relocations in this file.\n";
    const bool wide = info.elfClass == 64;
    const int width = wide ? 16 : 8;
    const auto hex
        = [](std::uint64_t v, int digits) { return QByteArray::number(qulonglong(v), 16).rightJustified(digits, '0'); };
    QByteArray out;
    int current = -1;
    for (qsizetype i = 0; i < info.relocations.size(); ++i) {
        const RelocationInfo &r = info.relocations[i];
        if (r.section != current) {
            current = r.section;
            qsizetype count = 0;
            for (qsizetype j = i; j < info.relocations.size() && info.relocations[j].section == current; ++j)
                ++count;
            const SectionInfo *sec = current < info.sections.size() ? &info.sections[current] : nullptr;
            out += "\nRelocation section '" + encodeName(sec ? sec->name : QString()) + "' at offset 0x"
                + QByteArray::number(qulonglong(sec ? sec->offset : 0), 16) + " contains " + QByteArray::number(count)
                + (count == 1 ? " entry:\n" : " entries:\n");
            if (wide)
                out += r.hasAddend ? "    Offset             Info             Type               Symbol's Value  "
                                     "Symbol's Name + Addend\n"
                                   : "    Offset             Info             Type               Symbol's Value  "
                                     "Symbol's Name\n";
            else
                out += r.hasAddend ? " Offset     Info    Type                Sym. Value  Symbol's Name + Addend\n"
                                   : " Offset     Info    Type                Sym. Value  Symbol's Name\n";
        }
        out += hex(r.offset, width) + "  " + hex(r.info, width) + ' '
            + relocationTypeName(info.machine, r.type).toLatin1().leftJustified(wide ? 22 : 20, ' ');
        if (r.symbolIndex != 0) {
            out += ' ' + hex(r.symbolValue, width) + ' ' + encodeName(r.symbol);
            if (!r.version.isEmpty())
                out += (r.versionHidden ? "@" : "@@") + encodeName(r.version);
            if (r.hasAddend)
                out += r.addend < 0 ? " - " + QByteArray::number(qulonglong(-std::uint64_t(r.addend)), 16)
                                    : " + " + QByteArray::number(qulonglong(r.addend), 16);
        } else if (r.hasAddend) {
            out += QByteArray(width + 4, ' ')
                + (r.addend < 0 ? "-" + QByteArray::number(qulonglong(-std::uint64_t(r.addend)), 16)
                                : QByteArray::number(qulonglong(r.addend), 16));
        }
        out += '\n';
    }
    return out;
}

} // namespace linklab
