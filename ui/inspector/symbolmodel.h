// SPDX-License-Identifier: MIT
#pragma once

#include "inspector/binarytablemodel.h"

#include "binary/binaryinfo.h"

#include <memory>

namespace linklab {

// The symbol tables of one ELF file (.dynsym rows first, then .symtab), as readelf --syms lists them.
class SymbolModel : public BinaryTableModel
{
    Q_OBJECT
public:
    enum Column {
        TableColumn,
        NumColumn,
        ValueColumn,
        SizeColumn,
        TypeColumn,
        BindColumn,
        VisibilityColumn,
        SectionColumn,
        NmColumn,
        VersionColumn,
        NameColumn,
        ColumnCount
    };

    explicit SymbolModel(QObject *parent = nullptr);

    const SymbolInfo &symbol(int row) const { return m_binary->symbols.at(row); }
    std::uint16_t machine() const { return m_binary ? m_binary->machine : 0; }

    // Show C++ names demangled ("ns::f(int)") or as stored ("_ZN2ns1fEi").
    bool demangle() const { return m_demangle; }
    void setDemangle(bool on);
    // The name shown in the Name column for this row, following demangle().
    QString shownName(int row) const;

    // "FUNC", "t", ... for symbols that exist in this file, for filter menus.
    QList<std::uint8_t> typesPresent() const;

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant sortValue(int row, int column) const override;
    QString toolTip(int row, int column) const override;

private:
    bool m_demangle = true;
};

// What nm's one-letter type means, in a few words ("T: code in the text section, global").
QString nmLetterMeaning(char letter);

} // namespace linklab
