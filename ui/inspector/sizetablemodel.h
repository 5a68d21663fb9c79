// SPDX-License-Identifier: MIT
#pragma once

#include "common/tablemodelbase.h"
#include "inspector/sizemapview.h"

#include <memory>

namespace linklab {

// The size map's figures as a table: one row per symbol and per "[unattributed]" block, with its section (and
// member), its size in the measure the map shows and its share of the whole.
class SizeTableModel : public TableModelBase
{
    Q_OBJECT
public:
    enum Column { MemberColumn, SectionColumn, SymbolColumn, SizeColumn, ShareColumn, ColumnCount };

    explicit SizeTableModel(QObject *parent = nullptr);

    void setData(std::shared_ptr<const SizeMapData> data);
    void setMeasure(SizeMeasure measure);
    std::uint64_t size(int row) const;
    std::uint64_t total() const;

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant sortValue(int row, int column) const override;
    QString toolTip(int row, int column) const override;

private:
    std::shared_ptr<const SizeMapData> m_data;
    SizeMeasure m_measure = SizeMeasure::Memory;
    std::uint64_t m_total = 0;
};

} // namespace linklab
