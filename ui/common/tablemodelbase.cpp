// SPDX-License-Identifier: MIT
#include "common/tablemodelbase.h"

#include "common/roles.h"

#include <QFontDatabase>

namespace linklab {

TableModelBase::TableModelBase(QList<Column> columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
{
}

int TableModelBase::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rows();
}

int TableModelBase::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant TableModelBase::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return text(row, column);
    case Qt::DecorationRole: return decoration(row, column);
    case Roles::SortRole: return sortValue(row, column);
    case Roles::SourceRowRole: return row;
    case Qt::ToolTipRole: {
        const QString tip = toolTip(row, column);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::TextAlignmentRole:
        if (m_columns.at(column).numeric)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::FontRole:
        if (m_columns.at(column).numeric) {
            // Views ask for the font of every painted cell; look it up once.
            static const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            return fixed;
        }
        return {};
    default: return {};
    }
}

QVariant TableModelBase::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (role) {
    case Qt::DisplayRole: return m_columns.at(section).title;
    case Qt::ToolTipRole:
        return m_columns.at(section).toolTip.isEmpty() ? QVariant() : QVariant(m_columns.at(section).toolTip);
    default: return {};
    }
}

QVariant TableModelBase::sortValue(int row, int column) const
{
    return text(row, column);
}

QString TableModelBase::toolTip(int, int) const
{
    return {};
}

QVariant TableModelBase::decoration(int, int) const
{
    return {};
}
} // namespace linklab
