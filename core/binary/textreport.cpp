// SPDX-License-Identifier: MIT
#include "textreport.h"

#include "binaryjson.h"
#include "elfnames.h"

#include <QTextStream>

namespace linklab {
namespace {

QString hexPadded(std::uint64_t v, int width)
{
    return QStringLiteral("%1").arg(v, width, 16, QLatin1Char('0'));
}

void writeFacts(QTextStream &out, const BinaryInfo &info)
{
    using namespace elfnames;
    const auto fact = [&](const char *label, const QString &value) {
        if (!value.isEmpty())
            out << QStringLiteral("  %1 %2\n").arg(QString::fromLatin1(label), -14).arg(value);
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
    out << QStringLiteral("  [Nr] %1 %2 %3 %4 %5 Flg Lk Inf Al\n")
               .arg(QStringLiteral("Name"), -20)
               .arg(QStringLiteral("Type"), -15)
               .arg(QStringLiteral("Address"), -w)
               .arg(QStringLiteral("Off"), -8)
               .arg(QStringLiteral("Size"), -8);
    for (const auto &s : info.sections)
        out << QStringLiteral("  [%1] %2 %3 %4 %5 %6 %7 %8 %9 %10\n")
                   .arg(s.index, 2)
                   .arg(s.name, -20)
                   .arg(elfnames::sectionTypeName(s.type, info.machine, info.osAbi), -15)
                   .arg(hexPadded(s.address, w))
                   .arg(hexPadded(s.offset, 8))
                   .arg(hexPadded(s.size, 8))
                   .arg(elfnames::sectionFlagsText(s.flags), 3)
                   .arg(s.link, 2)
                   .arg(s.info, 3)
                   .arg(s.alignment, 2);
}

void writeSegments(QTextStream &out, const BinaryInfo &info)
{
    if (info.segments.isEmpty())
        return;
    const int w = info.elfClass == 32 ? 8 : 16;
    out << QStringLiteral("\nSegments (%1):\n").arg(info.segments.size());
    for (const auto &s : info.segments)
        out << QStringLiteral("  %1 off 0x%2 vaddr 0x%3 filesz 0x%4 memsz 0x%5 %6 align 0x%7\n")
                   .arg(elfnames::segmentTypeName(s.type, info.machine), -14)
                   .arg(hexPadded(s.offset, 6))
                   .arg(hexPadded(s.virtualAddress, w))
                   .arg(hexPadded(s.fileSize, 6))
                   .arg(hexPadded(s.memorySize, 6))
                   .arg(elfnames::segmentFlagsText(s.flags))
                   .arg(s.alignment, 0, 16);
}

void writeDynamic(QTextStream &out, const BinaryInfo &info)
{
    if (info.dynamic.isEmpty())
        return;
    out << QStringLiteral("\nDynamic section (%1 entries):\n").arg(info.dynamic.size());
    for (const auto &d : info.dynamic)
        out << QStringLiteral("  %1 %2\n")
                   .arg(elfnames::dynamicTagName(d.tag, info.machine, info.osAbi), -18)
                   .arg(d.text.isEmpty() ? hexString(d.value) : QStringLiteral("[%1]").arg(d.text));
}

void writeSymbols(QTextStream &out, const BinaryInfo &info)
{
    const int w = info.elfClass == 32 ? 8 : 16;
    for (const SymbolTable table : {SymbolTable::Dynamic, SymbolTable::Static}) {
        qsizetype count = 0;
        for (const auto &s : info.symbols)
            count += s.table == table ? 1 : 0;
        if (count == 0)
            continue;
        out << QStringLiteral("\nSymbol table '%1' contains %2 entries:\n").arg(elfnames::tableName(table)).arg(count);
        out << QStringLiteral("   Num: %1  Size Type    Bind   Vis      Ndx nm Name\n")
                   .arg(QStringLiteral("Value"), -w);
        for (const auto &s : info.symbols) {
            if (s.table != table)
                continue;
            out << QStringLiteral("%1: %2 %3 %4 %5 %6 %7 %8  %9\n")
                       .arg(s.index, 6)
                       .arg(hexPadded(s.value, w))
                       .arg(s.size, 5)
                       .arg(elfnames::symbolTypeName(s.type, info.machine), -7)
                       .arg(elfnames::symbolBindName(s.bind), -6)
                       .arg(elfnames::symbolVisibilityName(s.visibility), -8)
                       .arg(elfnames::sectionIndexName(s.sectionIndex), 3)
                       .arg(QLatin1Char(s.nm))
                       .arg(s.displayName());
        }
    }
}

} // namespace

QString textReport(const BinaryInfo &info)
{
    QString text;
    QTextStream out(&text);
    out << info.path << QStringLiteral(":\n  ") << elfnames::overviewSentence(info) << u'\n';
    for (const auto &w : info.warnings)
        out << QStringLiteral("  warning: ") << w << u'\n';
    if (info.isArchive()) {
        for (const auto &m : info.members) {
            out << QStringLiteral("\nMember %1 (%2 bytes)").arg(m.name).arg(m.size);
            if (!m.path.isEmpty())
                out << QStringLiteral(" -> %1").arg(m.path);
            out << u'\n';
            if (!m.error.isEmpty())
                out << QStringLiteral("  error: ") << m.error << u'\n';
            if (m.binary) {
                writeSymbols(out, *m.binary);
                for (const auto &w : m.binary->warnings)
                    out << QStringLiteral("  warning: ") << w << u'\n';
            }
        }
        return text;
    }
    writeFacts(out, info);
    writeSections(out, info);
    writeSegments(out, info);
    writeDynamic(out, info);
    writeSymbols(out, info);
    return text;
}

} // namespace linklab
