// SPDX-License-Identifier: MIT
#pragma once

#include "inspector/binarytablemodel.h"

#include "binary/binaryinfo.h"

#include <memory>

namespace linklab {

// The archive's symbol index (armap): which member the linker pulls in for each symbol.
class ArchiveIndexModel : public BinaryTableModel
{
    Q_OBJECT
public:
    enum Column { SymbolColumn, MemberColumn, ColumnCount };

    explicit ArchiveIndexModel(QObject *parent = nullptr);

protected:
    int rows() const override;
    QString text(int row, int column) const override;

private:
};

} // namespace linklab
