// SPDX-License-Identifier: MIT
#include "inspector/archivememberproxy.h"

#include "common/viewwiring.h"
#include "inspector/archivemembermodel.h"

#include "binary/elfnames.h"

namespace linklab {

ArchiveMemberProxy::ArchiveMemberProxy(QObject *parent)
    : FilterProxy(parent)
{
}

const ArchiveMemberModel *ArchiveMemberProxy::members() const
{
    return qobject_cast<const ArchiveMemberModel *>(sourceModel());
}

QVariant ArchiveMemberProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DisplayRole && index.column() == ArchiveMemberModel::TypeColumn && !index.parent().isValid()
        && !textFilter().isEmpty() && members()) {
        const ArchiveMember *member = members()->member(mapToSource(index).row());
        if (member && member->binary) {
            const auto total = member->binary->symbols.size();
            const int shown = rowCount(index.siblingAtColumn(0));
            return tr("%1, %2 of %3 symbols").arg(elfnames::kindName(member->binary->kind)).arg(shown).arg(total);
        }
    }
    return FilterProxy::data(index, role);
}

QString ArchiveMemberProxy::countSummary() const
{
    if (!sourceModel())
        return {};
    int symbols = 0;
    for (int row = 0; row < sourceModel()->rowCount(); ++row)
        symbols += sourceModel()->rowCount(sourceModel()->index(row, 0));
    int shownSymbols = 0;
    for (int row = 0; row < rowCount(); ++row)
        shownSymbols += rowCount(index(row, 0));
    const int membersTotal = sourceModel()->rowCount();
    if (textFilter().isEmpty())
        return (membersTotal == 1 ? tr("1 member") : tr("%1 members").arg(membersTotal)) + QStringLiteral(", ")
            + (symbols == 1 ? tr("1 symbol") : tr("%1 symbols").arg(symbols));
    return tr("%1 members, %2 symbols").arg(countText(rowCount(), membersTotal), countText(shownSymbols, symbols));
}

} // namespace linklab
