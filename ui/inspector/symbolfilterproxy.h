// SPDX-License-Identifier: MIT
#pragma once

#include "common/filterproxy.h"

#include "binary/binaryinfo.h"
#include "binary/symbolsearch.h"

#include <optional>

namespace linklab {

class SymbolModel;

// Filters and sorts a SymbolModel. Checks the cheap raw fields (type, binding, table, defined)
// before the name, and sorts on raw fields directly: on a library with 46k dynamic symbols a
// keystroke in the filter must not cost more than a frame or two.
class SymbolFilterProxy : public FilterProxy
{
    Q_OBJECT
public:
    enum class Definition { Any, Defined, Undefined };

    explicit SymbolFilterProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    void setTextFilter(const TextFilter &filter) override;

    void setTypeFilter(std::optional<std::uint8_t> type); // STT_* or all
    void setBindFilter(std::optional<std::uint8_t> bind); // STB_* or all
    void setTableFilter(std::optional<SymbolTable> table); // .dynsym / .symtab or both
    void setDefinitionFilter(Definition definition);

    std::optional<std::uint8_t> typeFilter() const { return m_type; }
    std::optional<std::uint8_t> bindFilter() const { return m_bind; }
    std::optional<SymbolTable> tableFilter() const { return m_table; }
    Definition definitionFilter() const { return m_definition; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void demangleChanged();
    bool nameMatches(int sourceRow, const SymbolInfo &symbol) const;
    // The folded names and sort ranks read with the file (OpenOptions::searchIndex), or nullptr when the
    // BinaryInfo came without them: then names are folded and compared as they are met, more slowly.
    const SymbolSearch *search() const;

    SymbolModel *m_symbols = nullptr;
    std::optional<std::uint8_t> m_type;
    std::optional<std::uint8_t> m_bind;
    std::optional<SymbolTable> m_table;
    Definition m_definition = Definition::Any;
    QString m_foldedPattern;
};

} // namespace linklab
