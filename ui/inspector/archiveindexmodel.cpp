// SPDX-License-Identifier: MIT
#include "inspector/archiveindexmodel.h"

namespace linklab {

ArchiveIndexModel::ArchiveIndexModel(QObject *parent)
    : BinaryTableModel(
        {
            {tr("Symbol"), tr("A symbol defined by a member, as listed in the archive index (nm --print-armap)")},
            {tr("Member"), tr("The member the linker extracts when it needs this symbol")},
        },
        parent)
{
}

int ArchiveIndexModel::rows() const
{
    return m_binary ? int(m_binary->archiveIndex.size()) : 0;
}

QString ArchiveIndexModel::text(int row, int column) const
{
    const auto &entry = m_binary->archiveIndex.at(row);
    return column == SymbolColumn ? entry.first : entry.second;
}

} // namespace linklab
