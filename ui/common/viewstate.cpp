// SPDX-License-Identifier: MIT
#include "common/viewstate.h"

#include "common/filterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QTreeView>

namespace linklab {
namespace {

template<typename Widget, typename Copy>
void copyEach(const QWidget &from, QWidget &to, Copy copy)
{
    const QList<Widget *> before = from.findChildren<Widget *>();
    const QList<Widget *> after = to.findChildren<Widget *>();
    if (before.size() != after.size())
        return;
    for (qsizetype i = 0; i < before.size(); ++i)
        copy(*before[i], *after[i]);
}

// Every table in LinkLab is a QTreeView (flat models simply have no children).
void copySort(const QTreeView &from, QTreeView &to)
{
    if (from.isSortingEnabled() && to.isSortingEnabled())
        to.sortByColumn(from.header()->sortIndicatorSection(), from.header()->sortIndicatorOrder());
}

} // namespace

void carryViewState(const QWidget &from, QWidget &to)
{
    copyEach<QComboBox>(from, to, [](const QComboBox &a, QComboBox &b) {
        if (a.count() == b.count())
            b.setCurrentIndex(a.currentIndex());
    });
    copyEach<QCheckBox>(from, to, [](const QCheckBox &a, QCheckBox &b) { b.setChecked(a.isChecked()); });
    copyEach<FilterBar>(from, to, [](const FilterBar &a, FilterBar &b) {
        const TextFilter filter = a.filter();
        b.setMode(filter.mode());
        b.setCaseSensitive(filter.caseSensitivity() == Qt::CaseSensitive);
        b.setPattern(filter.pattern());
    });
    copyEach<QTreeView>(from, to, copySort);
}

} // namespace linklab
