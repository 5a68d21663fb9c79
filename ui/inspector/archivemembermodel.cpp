// SPDX-License-Identifier: MIT
#include "inspector/archivemembermodel.h"

#include "binary/hexformat.h"

#include "common/roles.h"
#include "common/tablemodelbase.h"
#include "inspector/symbolmodel.h"

#include "binary/elfnames.h"

#include <QApplication>
#include <QFontDatabase>
#include <QStyle>

namespace linklab {

namespace {
// internalId of a member row; a symbol row stores its member's row + 1.
constexpr quintptr MemberId = 0;

bool isNumericColumn(int column)
{
    return column == ArchiveMemberModel::ValueColumn || column == ArchiveMemberModel::SizeColumn;
}
} // namespace

ArchiveMemberModel::ArchiveMemberModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void ArchiveMemberModel::setBinary(std::shared_ptr<const BinaryInfo> archive)
{
    beginResetModel();
    m_archive = std::move(archive);
    endResetModel();
}

int ArchiveMemberModel::memberRow(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return -1;
    return index.internalId() == MemberId ? index.row() : int(index.internalId() - 1);
}

const ArchiveMember *ArchiveMemberModel::member(int row) const
{
    if (!m_archive || row < 0 || row >= m_archive->members.size())
        return nullptr;
    return &m_archive->members.at(row);
}

QModelIndex ArchiveMemberModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, MemberId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ArchiveMemberModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == MemberId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, MemberId);
}

int ArchiveMemberModel::rowCount(const QModelIndex &parent) const
{
    if (!m_archive)
        return 0;
    if (!parent.isValid())
        return int(m_archive->members.size());
    if (parent.column() != 0 || parent.internalId() != MemberId)
        return 0;
    const ArchiveMember *m = member(parent.row());
    return m && m->binary ? int(m->binary->symbols.size()) : 0;
}

int ArchiveMemberModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ArchiveMemberModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::TextAlignmentRole && isNumericColumn(index.column()))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::FontRole && isNumericColumn(index.column())) {
        static const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return fixed;
    }
    if (index.internalId() == MemberId)
        return memberData(*member(index.row()), index.column(), role);
    const ArchiveMember &m = *member(int(index.internalId() - 1));
    return symbolData(*m.binary, m.binary->symbols.at(index.row()), index.column(), role);
}

QVariant ArchiveMemberModel::memberData(const ArchiveMember &m, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return m.name;
        if (column == TypeColumn) {
            if (!m.binary)
                return tr("not readable");
            const auto count = m.binary->symbols.size();
            const QString kind = elfnames::kindName(m.binary->kind);
            return count == 1 ? tr("%1, 1 symbol").arg(kind) : tr("%1, %2 symbols").arg(kind, QString::number(count));
        }
        if (column == SizeColumn)
            return QString::number(m.size);
        return {};
    case Roles::SortRole:
        if (column == SizeColumn)
            return qulonglong(m.size);
        if (column == TypeColumn) // by symbol count: "100 symbols" after "11 symbols"
            return m.binary ? qlonglong(m.binary->symbols.size()) : qlonglong(-1);
        return memberData(m, column, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (!m.error.isEmpty())
            return tr("%1 could not be read: %2").arg(m.name, m.error);
        if (!m.path.isEmpty())
            return m.path;
        return {};
    case Qt::DecorationRole:
        if (column == NameColumn && !m.error.isEmpty())
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    default: return {};
    }
}

QVariant ArchiveMemberModel::symbolData(const BinaryInfo &object, const SymbolInfo &s, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return s.demangled;
        case NmColumn: return QString(QLatin1Char(s.nm));
        case TypeColumn: return elfnames::symbolTypeName(s.type, object.machine);
        case BindColumn: return elfnames::symbolBindName(s.bind);
        case SectionColumn: return s.sectionName;
        case ValueColumn: return hexAddress(s.value, object.elfClass);
        case SizeColumn: return QString::number(s.size);
        default: return {};
        }
    case Roles::SortRole:
        switch (column) {
        case NmColumn: return int(s.nm);
        case TypeColumn: return int(s.type);
        case BindColumn: return int(s.bind);
        case ValueColumn: return qulonglong(s.value);
        case SizeColumn: return qulonglong(s.size);
        default: return symbolData(object, s, column, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (column == NmColumn)
            return nmLetterMeaning(s.nm);
        if (column == NameColumn && s.demangled != s.name)
            return s.name;
        return {};
    default: return {};
    }
}

QVariant ArchiveMemberModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("Member / Symbol");
        case NmColumn: return tr("nm");
        case TypeColumn: return tr("Type");
        case BindColumn: return tr("Bind");
        case SectionColumn: return tr("Section");
        case ValueColumn: return tr("Value");
        case SizeColumn: return tr("Size");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && section == NmColumn)
        return tr("nm's type letter: U undefined (needed from elsewhere), T code, D/B data, R read-only");
    return {};
}

} // namespace linklab
