// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace linklab {

// Base of LinkLab's flat table models: a subclass declares its columns once and writes only
// rowCount()/cell text/raw values. Everything else (alignment, fonts, header tooltips,
// Roles::SortRole) is the same for every table, so it lives here.
class TableModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Column {
        QString title;
        QString toolTip; // what the column means, for people learning the tools
        bool numeric = false; // right-aligned, fixed-width font
    };

    explicit TableModelBase(QList<Column> columns, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    virtual int rows() const = 0;
    // Formatted text of a cell.
    virtual QString text(int row, int column) const = 0;
    // The raw value that sorting compares (a number for addresses and sizes). Defaults to text().
    virtual QVariant sortValue(int row, int column) const;
    virtual QString toolTip(int row, int column) const;
    // An icon for a cell (a severity, a kind); none by default.
    virtual QVariant decoration(int row, int column) const;

    // Replace the data behind the rows; wraps the change in a model reset.
    template<typename Change>
    void resetWith(Change &&change)
    {
        beginResetModel();
        change();
        endResetModel();
    }

    const QList<Column> &columns() const { return m_columns; }

private:
    QList<Column> m_columns;
};
} // namespace linklab
