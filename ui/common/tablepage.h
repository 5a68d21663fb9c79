// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QHBoxLayout;
class QLabel;
class QTreeView;

namespace linklab {

class FilterBar;
class FilterProxy;
class ViewWiring;

// A filter bar, a row count and a view over one model, wired by ViewWiring. Sections, segments,
// dynamic entries, the archive index and archive members all use it as is; the symbols page
// adds its own filters to the top row.
class TablePage : public QWidget
{
    Q_OBJECT
public:
    // Takes a proxy so a page can bring a specialised one (SymbolFilterProxy); nullptr makes a FilterProxy.
    TablePage(
        QAbstractItemModel *model, const QString &exportName, QWidget *parent = nullptr, FilterProxy *proxy = nullptr);

    QTreeView *view() const { return m_view; }
    FilterProxy *proxy() const { return m_proxy; }
    FilterBar *filterBar() const { return m_filterBar; }
    QLabel *countLabel() const { return m_count; }
    ViewWiring *wiring() const { return m_wiring; }
    // The row above the view (filter bar, count), for pages that add controls.
    QHBoxLayout *toolRow() const { return m_toolRow; }
    // A further row of controls under the first one, created on first use.
    QHBoxLayout *secondRow();

    // Size columns to their contents once data is in (samples the first rows only, so it is cheap).
    void fitColumns();

private:
    FilterProxy *m_proxy;
    FilterBar *m_filterBar;
    QLabel *m_count;
    QTreeView *m_view;
    QHBoxLayout *m_toolRow;
    QHBoxLayout *m_secondRow = nullptr;
    ViewWiring *m_wiring;
};

} // namespace linklab
