// SPDX-License-Identifier: MIT
#include "inspector/symbolfilterproxy.h"

#include "inspector/symbolmodel.h"

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
    FilterProxy::setSourceModel(model);
    if (m_symbols) {
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

const SymbolSearch *SymbolFilterProxy::search() const
{
    if (!m_symbols || !m_symbols->binary())
        return nullptr;
    const SymbolSearch *found = m_symbols->binary()->symbolSearch.get();
    return found && found->nameRank.size() == m_symbols->rowCount() ? found : nullptr;
}

bool SymbolFilterProxy::nameMatches(int sourceRow, const SymbolInfo &s) const
{
    const TextFilter &text = textFilter();
    const bool demangle = m_symbols->demangle();
    const bool mangled = s.demangled != s.name;
    // Match the name as shown; with demangling on, the mangled name matches too, so that searching for "_ZN"
    // still finds C++ symbols.
    if (text.mode() == TextFilter::Mode::Substring && text.caseSensitivity() == Qt::CaseInsensitive) {
        if (const SymbolSearch *folded = search()) {
            if (demangle && folded->foldedDemangled.at(sourceRow).contains(m_foldedPattern))
                return true;
            return (!demangle || mangled) && folded->foldedNames.at(sourceRow).contains(m_foldedPattern);
        }
    }
    if (demangle && text.matches(s.demangled))
        return true;
    return (!demangle || mangled) && text.matches(s.name);
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
        if (const SymbolSearch *ranked = search()) {
            const QList<int> &rank = m_symbols->demangle() ? ranked->demangledRank : ranked->nameRank;
            return rank.at(left.row()) < rank.at(right.row());
        }
        const auto &name
            = [this](const SymbolInfo &s) -> const QString & { return m_symbols->demangle() ? s.demangled : s.name; };
        const int c = QString::compare(name(a), name(b));
        return c != 0 ? c < 0 : byIndex();
    }
    default: return FilterProxy::lessThan(left, right);
    }
}

} // namespace linklab
