// SPDX-License-Identifier: MIT
#pragma once

#include "inspector/binarytablemodel.h"

#include "binary/binaryinfo.h"

#include <memory>

namespace linklab {

// Section headers, as readelf -S lists them.
class SectionModel : public BinaryTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumColumn,
        NameColumn,
        TypeColumn,
        AddressColumn,
        OffsetColumn,
        SizeColumn,
        EntrySizeColumn,
        FlagsColumn,
        LinkColumn,
        InfoColumn,
        AlignColumn,
        ColumnCount
    };

    explicit SectionModel(QObject *parent = nullptr);

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant sortValue(int row, int column) const override;
    QString toolTip(int row, int column) const override;

private:
};

} // namespace linklab
