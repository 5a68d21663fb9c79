// SPDX-License-Identifier: MIT
#include "inspector/sectionmodel.h"

#include "binary/hexformat.h"

#include "binary/elfnames.h"

namespace linklab {

SectionModel::SectionModel(QObject *parent)
    : BinaryTableModel(
        {
            {tr("Nr"), tr("Section header index"), true},
            {tr("Name"), {}},
            {tr("Type"), tr("sh_type: PROGBITS holds bytes from the file, NOBITS takes memory only (.bss)")},
            {tr("Address"), tr("sh_addr: where the section is in memory once loaded (0 when not loaded)"), true},
            {tr("Offset"), tr("sh_offset: where the section starts in the file"), true},
            {tr("Size"), tr("sh_size in bytes"), true},
            {tr("EntSize"), tr("sh_entsize: size of one entry for tables (symbols, relocations)"), true},
            {tr("Flags"), tr("W write, A alloc (loaded), X execute, M merge, S strings, I info link, T TLS, G group")},
            {tr("Link"), tr("sh_link: a related section, e.g. the string table of a symbol table"), true},
            {tr("Info"), tr("sh_info: extra information, meaning depends on the type"), true},
            {tr("Align"), tr("sh_addralign"), true},
        },
        parent)
{
}

int SectionModel::rows() const
{
    return m_binary ? int(m_binary->sections.size()) : 0;
}

QString SectionModel::text(int row, int column) const
{
    const SectionInfo &s = m_binary->sections.at(row);
    switch (column) {
    case NumColumn: return QString::number(s.index);
    case NameColumn: return s.name;
    case TypeColumn: return elfnames::sectionTypeName(s.type, m_binary->machine, m_binary->osAbi);
    case AddressColumn: return hexAddress(s.address, m_binary->elfClass);
    case OffsetColumn: return hexString(s.offset);
    case SizeColumn: return hexString(s.size);
    case EntrySizeColumn: return hexString(s.entrySize);
    case FlagsColumn: return elfnames::sectionFlagsText(s.flags);
    case LinkColumn: return QString::number(s.link);
    case InfoColumn: return QString::number(s.info);
    case AlignColumn: return QString::number(s.alignment);
    default: return {};
    }
}

QVariant SectionModel::sortValue(int row, int column) const
{
    const SectionInfo &s = m_binary->sections.at(row);
    switch (column) {
    case NumColumn: return s.index;
    case TypeColumn: return s.type;
    case AddressColumn: return qulonglong(s.address);
    case OffsetColumn: return qulonglong(s.offset);
    case SizeColumn: return qulonglong(s.size);
    case EntrySizeColumn: return qulonglong(s.entrySize);
    case LinkColumn: return s.link;
    case InfoColumn: return s.info;
    case AlignColumn: return qulonglong(s.alignment);
    default: return text(row, column);
    }
}

QString SectionModel::toolTip(int row, int column) const
{
    const SectionInfo &s = m_binary->sections.at(row);
    if (column == SizeColumn)
        return tr("%1 bytes").arg(s.size);
    return {};
}

} // namespace linklab
