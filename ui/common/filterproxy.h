// SPDX-License-Identifier: MIT
#pragma once

#include "common/textfilter.h"

#include <QSortFilterProxyModel>

namespace linklab {

// The proxy every LinkLab view sorts and filters through: sorts on Roles::SortRole (raw values),
// filters rows whose text in any column (or one key column) matches a TextFilter.
// Subclasses that know their source model can check raw fields first (see SymbolFilterProxy).
class FilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FilterProxy(QObject *parent = nullptr);

    const TextFilter &textFilter() const { return m_textFilter; }
    virtual void setTextFilter(const TextFilter &filter);

    // Rows in the source model, counting children of tree models.
    int sourceRowTotal() const;
    int visibleRowTotal() const;
    // What the view's count label says: "312 of 44 983" rows. A tree whose rows are of two kinds says more.
    virtual QString countSummary() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    // Re-run the filter after a subclass changed one of its own criteria.
    void refilter();

private:
    TextFilter m_textFilter;
};

} // namespace linklab
