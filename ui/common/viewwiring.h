// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QAbstractItemView;
class QLabel;

namespace linklab {

class FilterBar;
class FilterProxy;

// The behaviour every table and tree in LinkLab shares, wired in one place: the view shows the
// proxy, sorts by clicking a header, the filter bar drives the proxy, a label counts
// "312 of 44 983", and a context menu (plus Ctrl+C) copies rows or exports them as CSV or JSON.
class ViewWiring : public QObject
{
    Q_OBJECT
public:
    struct Parts {
        FilterProxy *proxy = nullptr; // required; its source model is set by the caller
        FilterBar *filterBar = nullptr; // optional
        QLabel *countLabel = nullptr; // optional
        QString exportName; // default file name (without extension) for exports
    };

    // Returns the wiring object, owned by the view.
    static ViewWiring *wire(QAbstractItemView *view, const Parts &parts);
    // The wiring of a view wired by wire(), or nullptr (the window's Edit and File menus reach tables this way).
    static ViewWiring *of(const QAbstractItemView *view);

    QAbstractItemView *view() const { return m_view; }
    bool hasSelection() const;
    bool hasRows() const;

    // Selected rows as tab-separated text with a header line (what Ctrl+C puts on the clipboard).
    QString selectedRowsText() const;
    void copySelection() const;
    void exportAs(const QString &format); // "csv" or "json": asks for a file name
    bool exportTo(const QString &fileName, const QString &format) const;
    void updateCount();

private:
    ViewWiring(QAbstractItemView *view, const Parts &parts);
    void showContextMenu(const QPoint &pos);

    QAbstractItemView *m_view;
    FilterProxy *m_proxy;
    QPointer<QLabel> m_count;
    QString m_exportName;
};

// "312 of 44 983": grouped with a narrow no-break space so big counts read at a glance.
QString countText(int visible, int total);

} // namespace linklab
