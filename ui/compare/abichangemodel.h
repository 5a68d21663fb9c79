// SPDX-License-Identifier: MIT
#pragma once

#include "common/tablemodelbase.h"

#include "binary/abicompare.h"

namespace linklab {

// One part of a comparison as a table: the removed, the changed or the added symbols, or the library's own
// changes (SONAME, NEEDED, symbol versions). Each row says whether it breaks programs linked against the old file.
class AbiChangeModel : public TableModelBase
{
    Q_OBJECT
public:
    enum class Part { Removed, Changed, Added, Library };

    explicit AbiChangeModel(Part part, QObject *parent = nullptr);

    void setComparison(const AbiComparison &comparison);
    Part part() const { return m_part; }
    bool isBreaking(int row) const { return m_rows.value(row).breaking; }

protected:
    int rows() const override { return int(m_rows.size()); }
    QString text(int row, int column) const override;
    QVariant sortValue(int row, int column) const override;
    QVariant decoration(int row, int column) const override;

private:
    struct Row {
        QStringList cells;
        std::uint64_t size = 0;
        bool breaking = false;
    };
    Part m_part;
    QList<Row> m_rows;
};

} // namespace linklab
