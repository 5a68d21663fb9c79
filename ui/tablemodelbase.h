// SPDX-License-Identifier: MIT
#pragma once

#include <binary/binaryinfo.h>

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <memory>

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

// A table over one BinaryInfo (its symbols, sections, ...): holds the value and resets the model when it changes.
class BinaryTableModel : public TableModelBase
{
    Q_OBJECT
public:
    using TableModelBase::TableModelBase;

    void setBinary(std::shared_ptr<const BinaryInfo> binary);
    const std::shared_ptr<const BinaryInfo> &binary() const { return m_binary; }

protected:
    // Called inside the model reset after the binary changed, for models that derive data from it.
    virtual void binaryChanged() { }

    std::shared_ptr<const BinaryInfo> m_binary;
};

// "0x0000000000001139" for 64-bit files, "0x00001139" for 32-bit ones, as readelf pads them.
QString hexAddress(quint64 value, int elfClass);
// "0x1f" without padding, for sizes and flags.
QString hexNumber(quint64 value);

} // namespace linklab
