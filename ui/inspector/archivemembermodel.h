// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QAbstractItemModel>

#include <memory>

namespace linklab {

// The members of an archive, each with its symbols as children: the picture of "libfoo.a is a bag of
// .o files" that nm libfoo.a prints as text.
class ArchiveMemberModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, NmColumn, TypeColumn, BindColumn, SectionColumn, ValueColumn, SizeColumn, ColumnCount };

    explicit ArchiveMemberModel(QObject *parent = nullptr);
    void setBinary(std::shared_ptr<const BinaryInfo> archive);

    // The member a row belongs to (the member row itself or one of its symbols); -1 if none.
    int memberRow(const QModelIndex &index) const;
    const ArchiveMember *member(int row) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant memberData(const ArchiveMember &member, int column, int role) const;
    QVariant symbolData(const BinaryInfo &object, const SymbolInfo &symbol, int column, int role) const;

    std::shared_ptr<const BinaryInfo> m_archive;
};

} // namespace linklab
