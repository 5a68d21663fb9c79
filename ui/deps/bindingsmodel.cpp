// SPDX-License-Identifier: MIT
#include "deps/bindingsmodel.h"

#include <QApplication>
#include <QFileInfo>
#include <QStyle>

namespace linklab {

namespace {

QString keyOf(const QString &symbol, const QString &version)
{
    return symbol + u'@' + version;
}

} // namespace

BindingsModel::BindingsModel(QObject *parent)
    : TableModelBase(
        {
            {tr("Symbol"), tr("The undefined dynamic symbol a reference asks for")},
            {tr("Version"), tr("The symbol version the reference requires (from .gnu.version_r)")},
            {tr("Needed by"), tr("The object whose reference this is")},
            {tr("Bound to"), tr("The first object in the loader's lookup order that defines it")},
            {tr("Note"), tr("Unresolved, weak, interposed, or bound to a program's PLT entry")},
        },
        parent)
{
}

void BindingsModel::setBindings(
    std::shared_ptr<const DependencyGraph> graph, std::shared_ptr<const SymbolBindings> bindings)
{
    resetWith([&] {
        m_graph = std::move(graph);
        m_bindings = std::move(bindings);
        m_interposed.clear();
        if (m_bindings)
            for (const Interposition &i : m_bindings->interposed)
                m_interposed.insert(keyOf(i.symbol, i.version), &i);
        m_rows.clear();
        m_node = -1;
    });
}

void BindingsModel::show(int node, Direction direction)
{
    resetWith([&] {
        m_node = node;
        m_direction = direction;
        m_rows.clear();
        if (!m_bindings || node < 0)
            return;
        for (int i = 0; i < m_bindings->bindings.size(); ++i) {
            const SymbolBinding &b = m_bindings->bindings[i];
            if (direction == Direction::Imports ? b.object == node : b.provider == node)
                m_rows << i;
        }
    });
}

const SymbolBinding &BindingsModel::binding(int row) const
{
    return m_bindings->bindings[m_rows[row]];
}

bool BindingsModel::isProblem(int row) const
{
    const SymbolBinding &b = binding(row);
    return b.provider < 0 && !b.weak;
}

BindingsModel::Counts BindingsModel::counts(int node) const
{
    Counts c;
    if (!m_bindings)
        return c;
    for (const SymbolBinding &b : m_bindings->bindings) {
        if (b.object == node) {
            ++c.imports;
            c.unresolved += b.provider < 0 && !b.weak;
        }
        c.exports += b.provider == node;
    }
    return c;
}

int BindingsModel::rows() const
{
    return int(m_rows.size());
}

QString BindingsModel::objectName(int node) const
{
    if (!m_graph || node < 0 || node >= m_graph->nodes.size())
        return QString();
    const DependencyNode &n = m_graph->nodes[node];
    return n.root ? QFileInfo(n.path).fileName() : n.name;
}

QString BindingsModel::note(const SymbolBinding &b) const
{
    QStringList parts;
    if (b.provider < 0)
        parts << (b.weak ? tr("weak and undefined everywhere: its address stays 0, loading goes on")
                         : tr("unresolved: loading fails with RTLD_NOW or LD_BIND_NOW, else the first call does"));
    if (const Interposition *i = m_interposed.value(keyOf(b.symbol, b.version)); i && i->winner == b.provider) {
        QStringList losers;
        for (int l : i->losers)
            losers << objectName(l);
        parts << tr("interposed: also defined in %1 (not used)").arg(losers.join(QStringLiteral(", ")));
    }
    if (b.addressProvider >= 0)
        parts << tr("its address is %1's PLT entry").arg(objectName(b.addressProvider));
    if (!b.providerVersion.isEmpty() && b.version.isEmpty())
        parts << tr("unversioned reference bound to version %1").arg(b.providerVersion);
    return parts.join(QStringLiteral("; "));
}

QString BindingsModel::text(int row, int column) const
{
    const SymbolBinding &b = binding(row);
    switch (column) {
    case Symbol: return b.symbol;
    case Version: return b.version;
    case NeededBy: return objectName(b.object);
    case BoundTo: return b.provider < 0 ? tr("(nothing)") : objectName(b.provider);
    case Note: return note(b);
    }
    return QString();
}

QString BindingsModel::toolTip(int row, int column) const
{
    const SymbolBinding &b = binding(row);
    if (column == BoundTo && b.provider >= 0 && m_graph)
        return m_graph->nodes[b.provider].path;
    if (column == NeededBy && m_graph)
        return m_graph->nodes[b.object].path;
    return TableModelBase::toolTip(row, column);
}

QVariant BindingsModel::decoration(int row, int column) const
{
    if (column != Symbol)
        return {};
    const SymbolBinding &b = binding(row);
    if (b.provider < 0 && !b.weak)
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
    if (m_interposed.contains(keyOf(b.symbol, b.version)) || b.provider < 0)
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    return {};
}

} // namespace linklab
