// SPDX-License-Identifier: MIT
#include "inspector/sizetablemodel.h"

namespace linklab {

SizeTableModel::SizeTableModel(QObject *parent)
    : TableModelBase(
        {
            {tr("Member"), tr("The archive member the section belongs to")},
            {tr("Section"), {}},
            {tr("Symbol"),
                tr("The symbol (from .symtab, else .dynsym) whose bytes these are; aliases count once; "
                   "[unattributed]: bytes of the section no symbol covers")},
            {tr("Size"), tr("Bytes in memory (sh_size, st_size) or in the file (0 for .bss), as the map shows"), true},
            {tr("Share"), tr("Share of the whole file's size in the same measure"), true},
        },
        parent)
{
}

void SizeTableModel::setData(std::shared_ptr<const SizeMapData> data)
{
    resetWith([&] {
        m_data = std::move(data);
        m_total = 0;
        for (int row = 0; row < rows(); ++row)
            m_total += size(row);
    });
}

void SizeTableModel::setMeasure(SizeMeasure measure)
{
    if (measure == m_measure)
        return;
    m_measure = measure;
    setData(m_data);
}

int SizeTableModel::rows() const
{
    return m_data ? int(m_data->rows.size()) : 0;
}

std::uint64_t SizeTableModel::size(int row) const
{
    const SizeRow &r = m_data->rows.at(row);
    return m_measure == SizeMeasure::Memory ? r.size : r.fileSize;
}

std::uint64_t SizeTableModel::total() const
{
    return m_total;
}

QString SizeTableModel::text(int row, int column) const
{
    const SizeRow &r = m_data->rows.at(row);
    switch (column) {
    case MemberColumn: return r.member;
    case SectionColumn: return r.section;
    case SymbolColumn: return r.demangled.isEmpty() ? r.symbol : r.demangled;
    case SizeColumn: return QString::number(size(row));
    case ShareColumn:
        return m_total ? QString::number(100.0 * double(size(row)) / double(m_total), 'f', 2) + u'%'
                       : QStringLiteral("-");
    default: return {};
    }
}

QVariant SizeTableModel::sortValue(int row, int column) const
{
    if (column == SizeColumn || column == ShareColumn)
        return qulonglong(size(row));
    return text(row, column);
}

QString SizeTableModel::toolTip(int row, int column) const
{
    const SizeRow &r = m_data->rows.at(row);
    if (column == SymbolColumn && !r.aliases.isEmpty())
        return tr("%1\nalso named %2").arg(r.symbol, r.aliases.join(QStringLiteral(", ")));
    if (column == SymbolColumn && r.demangled != r.symbol)
        return r.symbol;
    if (column == SizeColumn)
        return tr("%1 bytes in memory, %2 in the file").arg(r.size).arg(r.fileSize);
    return {};
}

} // namespace linklab
