// SPDX-License-Identifier: MIT
#pragma once

#include "filterproxy.h"

#include <binary/binaryinfo.h>

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
    void buildFoldedNames() const;
    const QList<int> &nameRanks(bool demangled) const;

    SymbolModel *m_symbols = nullptr;
    std::optional<std::uint8_t> m_type;
    std::optional<std::uint8_t> m_bind;
    std::optional<SymbolTable> m_table;
    Definition m_definition = Definition::Any;
    // Case-folded copies of every name, built on the first case-insensitive substring filter:
    // QString::contains(..., Qt::CaseInsensitive) folds each character on every call and is
    // several times slower than a plain search in folded text, which is the common case while typing.
    mutable QList<QString> m_foldedDemangled;
    mutable QList<QString> m_foldedNames;
    QString m_foldedPattern;
    // Position of each row in name order, computed on the first sort by name: every later sort
    // (the proxy re-sorts after each filter change) then compares integers, not long C++ names.
    mutable QList<int> m_nameRank;
    mutable QList<int> m_demangledRank;
};

} // namespace linklab
