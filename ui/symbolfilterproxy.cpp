// SPDX-License-Identifier: MIT
#include "symbolfilterproxy.h"

#include "symbolmodel.h"

#include <numeric>

namespace linklab {

SymbolFilterProxy::SymbolFilterProxy(QObject *parent)
    : FilterProxy(parent)
{
    // A demangle toggle changes every name; re-sort and re-filter once, explicitly (demangleChanged),
    // rather than letting the proxy react to 46k dataChanged rows.
    setDynamicSortFilter(false);
}

void SymbolFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    if (m_symbols)
        disconnect(m_symbols, nullptr, this, nullptr);
    m_symbols = qobject_cast<SymbolModel *>(model);
    Q_ASSERT_X(m_symbols || !model, "SymbolFilterProxy", "source must be a SymbolModel");
    m_foldedDemangled.clear();
    m_foldedNames.clear();
    m_nameRank.clear();
    m_demangledRank.clear();
    FilterProxy::setSourceModel(model);
    if (m_symbols) {
        connect(m_symbols, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
            m_foldedDemangled.clear();
            m_foldedNames.clear();
            m_nameRank.clear();
            m_demangledRank.clear();
        });
        connect(m_symbols, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                if (topLeft.column() <= SymbolModel::NameColumn && bottomRight.column() >= SymbolModel::NameColumn)
                    demangleChanged();
            });
    }
}

void SymbolFilterProxy::setTextFilter(const TextFilter &filter)
{
    m_foldedPattern = filter.pattern().toCaseFolded();
    FilterProxy::setTextFilter(filter);
}

void SymbolFilterProxy::demangleChanged()
{
    invalidate();
}

void SymbolFilterProxy::setTypeFilter(std::optional<std::uint8_t> type)
{
    if (type == m_type)
        return;
    m_type = type;
    refilter();
}

void SymbolFilterProxy::setBindFilter(std::optional<std::uint8_t> bind)
{
    if (bind == m_bind)
        return;
    m_bind = bind;
    refilter();
}

void SymbolFilterProxy::setTableFilter(std::optional<SymbolTable> table)
{
    if (table == m_table)
        return;
    m_table = table;
    refilter();
}

void SymbolFilterProxy::setDefinitionFilter(Definition definition)
{
    if (definition == m_definition)
        return;
    m_definition = definition;
    refilter();
}

bool SymbolFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_symbols || sourceParent.isValid())
        return false;
    const SymbolInfo &s = m_symbols->symbol(sourceRow);
    if (m_type && s.type != *m_type)
        return false;
    if (m_bind && s.bind != *m_bind)
        return false;
    if (m_table && s.table != *m_table)
        return false;
    if (m_definition != Definition::Any && s.isDefined() != (m_definition == Definition::Defined))
        return false;
    return textFilter().isEmpty() || nameMatches(sourceRow, s);
}

bool SymbolFilterProxy::nameMatches(int sourceRow, const SymbolInfo &s) const
{
    const TextFilter &text = textFilter();
    const bool demangle = m_symbols->demangle();
    const bool mangled = s.demangled != s.name;
    if (text.mode() == TextFilter::Mode::Substring && text.caseSensitivity() == Qt::CaseInsensitive) {
        buildFoldedNames();
        // Match the name as shown; with demangling on, the mangled name matches too, so that
        // searching for "_ZN" still finds C++ symbols.
        if (demangle && m_foldedDemangled.at(sourceRow).contains(m_foldedPattern))
            return true;
        return (!demangle || mangled) && m_foldedNames.at(sourceRow).contains(m_foldedPattern);
    }
    if (demangle && text.matches(s.demangled))
        return true;
    return (!demangle || mangled) && text.matches(s.name);
}

const QList<int> &SymbolFilterProxy::nameRanks(bool demangled) const
{
    QList<int> &rank = demangled ? m_demangledRank : m_nameRank;
    if (!rank.isEmpty() || !m_symbols)
        return rank;
    const int rows = m_symbols->rowCount();
    QList<int> order(rows);
    std::iota(order.begin(), order.end(), 0);
    const auto name = [&](int row) -> const QString & {
        return demangled ? m_symbols->symbol(row).demangled : m_symbols->symbol(row).name;
    };
    // Stable, so equal names stay in table order.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return QString::compare(name(a), name(b)) < 0; });
    rank.resize(rows);
    for (int position = 0; position < rows; ++position)
        rank[order.at(position)] = position;
    return rank;
}

void SymbolFilterProxy::buildFoldedNames() const
{
    if (!m_foldedNames.isEmpty() || !m_symbols)
        return;
    const int rows = m_symbols->rowCount();
    m_foldedNames.reserve(rows);
    m_foldedDemangled.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const SymbolInfo &s = m_symbols->symbol(row);
        m_foldedNames.append(s.name.toCaseFolded());
        // Share the string when demangling changed nothing (C names): no second copy.
        m_foldedDemangled.append(s.demangled == s.name ? m_foldedNames.constLast() : s.demangled.toCaseFolded());
    }
}

bool SymbolFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_symbols)
        return FilterProxy::lessThan(left, right);
    const SymbolInfo &a = m_symbols->symbol(left.row());
    const SymbolInfo &b = m_symbols->symbol(right.row());
    // Ties fall back to table order so that a sort is stable and predictable.
    const auto byIndex = [&] { return std::pair(a.table, a.index) < std::pair(b.table, b.index); };
    const auto compareText = [&](const QString &x, const QString &y) {
        const int c = QString::compare(x, y, sortCaseSensitivity());
        return c != 0 ? c < 0 : byIndex();
    };
    const auto compareNumber = [&](auto x, auto y) { return x != y ? x < y : byIndex(); };
    switch (left.column()) {
    case SymbolModel::TableColumn:
    case SymbolModel::NumColumn: return byIndex();
    case SymbolModel::ValueColumn: return compareNumber(a.value, b.value);
    case SymbolModel::SizeColumn: return compareNumber(a.size, b.size);
    case SymbolModel::TypeColumn: return compareNumber(a.type, b.type);
    case SymbolModel::BindColumn: return compareNumber(a.bind, b.bind);
    case SymbolModel::VisibilityColumn: return compareNumber(a.visibility, b.visibility);
    case SymbolModel::SectionColumn: return compareText(a.sectionName, b.sectionName);
    case SymbolModel::NmColumn: return compareNumber(a.nm, b.nm);
    case SymbolModel::VersionColumn: {
        // The order of the shown suffixes ("", "@@V", "@V") without building them for every comparison.
        const auto group = [](const SymbolInfo &s) { return s.version.isEmpty() ? 0 : (s.versionHidden ? 2 : 1); };
        return group(a) != group(b) ? group(a) < group(b) : compareText(a.version, b.version);
    }
    case SymbolModel::NameColumn: {
        const QList<int> &rank = nameRanks(m_symbols->demangle());
        return rank.at(left.row()) < rank.at(right.row());
    }
    default: return FilterProxy::lessThan(left, right);
    }
}

} // namespace linklab
