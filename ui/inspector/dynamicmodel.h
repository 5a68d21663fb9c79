// SPDX-License-Identifier: MIT
#pragma once

#include "inspector/binarytablemodel.h"

#include "binary/binaryinfo.h"

#include <memory>

namespace linklab {

// The dynamic section, as readelf -d lists it.
class DynamicModel : public BinaryTableModel
{
    Q_OBJECT
public:
    enum Column { TagColumn, TypeColumn, ValueColumn, ColumnCount };

    explicit DynamicModel(QObject *parent = nullptr);

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant sortValue(int row, int column) const override;
    QString toolTip(int row, int column) const override;

private:
};

} // namespace linklab
