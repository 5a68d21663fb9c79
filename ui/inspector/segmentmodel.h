// SPDX-License-Identifier: MIT
#pragma once

#include "inspector/binarytablemodel.h"

#include "binary/binaryinfo.h"

#include <QStringList>

#include <memory>

namespace linklab {

// Program headers, as readelf -l lists them, with the section-to-segment mapping in one column.
class SegmentModel : public BinaryTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumColumn,
        TypeColumn,
        OffsetColumn,
        VirtualAddressColumn,
        PhysicalAddressColumn,
        FileSizeColumn,
        MemorySizeColumn,
        FlagsColumn,
        AlignColumn,
        SectionsColumn,
        ColumnCount
    };

    explicit SegmentModel(QObject *parent = nullptr);

protected:
    void binaryChanged() override;
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant sortValue(int row, int column) const override;

private:
    QStringList m_sectionsPerSegment; // computed once per file
};

} // namespace linklab
