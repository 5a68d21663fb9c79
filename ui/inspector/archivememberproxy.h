// SPDX-License-Identifier: MIT
#pragma once

#include "common/filterproxy.h"

namespace linklab {

class ArchiveMemberModel;

// The members tree's proxy: while a filter is on, a member says how many of its symbols are shown ("relocatable
// object, 3 of 11 symbols"), and the count line counts members and symbols apart ("2 of 40 members, 3 of 900
// symbols"), never member rows as symbols.
class ArchiveMemberProxy : public FilterProxy
{
    Q_OBJECT
public:
    explicit ArchiveMemberProxy(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QString countSummary() const override;

private:
    const ArchiveMemberModel *members() const;
};

} // namespace linklab
