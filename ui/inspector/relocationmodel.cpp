// SPDX-License-Identifier: MIT
#include "inspector/relocationmodel.h"

#include "binary/hexformat.h"
#include "binary/relocnames.h"

namespace linklab {

RelocationModel::RelocationModel(QObject *parent)
    : BinaryTableModel(
        {
            {tr("Section"),
                tr("The relocation section: .rela.plt for calls through the PLT, .rela.dyn for data the "
                   "loader fills in, .rela.text in an object file for the linker")},
            {tr("Offset"), tr("r_offset: the address (in an object: the place in its section) that is patched"), true},
            {tr("Type"), tr("How the value is computed and written, named as readelf names it")},
            {tr("Symbol"), tr("Whose address goes there; empty for a relocation that only adds the load address")},
            {tr("Version"), tr("The symbol version the loader must find")},
            {tr("Addend"), tr("r_addend: a constant added to the symbol's address (REL sections keep it in place)"),
                true},
        },
        parent)
{
}

int RelocationModel::rows() const
{
    return m_binary ? int(m_binary->relocations.size()) : 0;
}

QString RelocationModel::text(int row, int column) const
{
    const RelocationInfo &r = m_binary->relocations.at(row);
    switch (column) {
    case SectionColumn: return r.section < m_binary->sections.size() ? m_binary->sections[r.section].name : QString();
    case OffsetColumn: return hexAddress(r.offset, m_binary->elfClass);
    case TypeColumn: return relocationTypeName(m_binary->machine, r.type);
    case SymbolColumn: return r.symbol;
    case VersionColumn: return r.version;
    case AddendColumn:
        return r.hasAddend ? (r.addend < 0 ? QStringLiteral("-0x%1").arg(-std::uint64_t(r.addend), 0, 16)
                                           : QStringLiteral("0x%1").arg(std::uint64_t(r.addend), 0, 16))
                           : QString();
    default: return {};
    }
}

QVariant RelocationModel::sortValue(int row, int column) const
{
    const RelocationInfo &r = m_binary->relocations.at(row);
    switch (column) {
    case OffsetColumn: return qulonglong(r.offset);
    case AddendColumn: return qlonglong(r.addend);
    default: return text(row, column);
    }
}

QString RelocationModel::toolTip(int row, int column) const
{
    const RelocationInfo &r = m_binary->relocations.at(row);
    if (column == TypeColumn)
        return tr("type %1 on this machine").arg(r.type);
    if (column == SymbolColumn && r.symbolIndex != 0)
        return tr("symbol %1, value %2").arg(r.symbolIndex).arg(hexString(r.symbolValue));
    return {};
}

} // namespace linklab
