// SPDX-License-Identifier: MIT
#pragma once

#include "inspector/binarytablemodel.h"

namespace linklab {

// The relocation entries of every SHT_REL/SHT_RELA section, as readelf -r lists them.
class RelocationModel : public BinaryTableModel
{
    Q_OBJECT
public:
    enum Column { SectionColumn, OffsetColumn, TypeColumn, SymbolColumn, VersionColumn, AddendColumn, ColumnCount };

    explicit RelocationModel(QObject *parent = nullptr);

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant sortValue(int row, int column) const override;
    QString toolTip(int row, int column) const override;
};

} // namespace linklab
