// SPDX-License-Identifier: MIT
#pragma once

#include "common/tablemodelbase.h"

#include "deps/dependencygraph.h"
#include "deps/symbolbinder.h"

#include <QHash>

#include <memory>

namespace linklab {

// The loader's bindings for one object of a dependency graph, as table rows: either what the object imports (its
// undefined dynamic symbols and the object each is bound to) or what the others take from it (the references
// bound to its definitions). Unresolved, weak and interposed symbols carry a note in words.
class BindingsModel : public TableModelBase
{
    Q_OBJECT
public:
    enum class Direction { Imports, Exports };
    enum Column { Symbol, Version, NeededBy, BoundTo, Note };

    explicit BindingsModel(QObject *parent = nullptr);

    // Shares the room's graph and bindings; `node` -1 shows nothing.
    void setBindings(std::shared_ptr<const DependencyGraph> graph, std::shared_ptr<const SymbolBindings> bindings);
    void show(int node, Direction direction);
    int node() const { return m_node; }
    Direction direction() const { return m_direction; }
    const SymbolBinding &binding(int row) const;
    bool isProblem(int row) const; // unresolved and not weak: loading fails (RTLD_NOW) or the call does

    // How many references the node makes, how many of those nothing resolves, and how many it answers for others.
    struct Counts {
        int imports = 0;
        int unresolved = 0;
        int exports = 0;
    };
    Counts counts(int node) const;

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QString toolTip(int row, int column) const override;
    QVariant decoration(int row, int column) const override;

private:
    QString note(const SymbolBinding &b) const;
    QString objectName(int node) const;

    std::shared_ptr<const DependencyGraph> m_graph;
    std::shared_ptr<const SymbolBindings> m_bindings;
    QHash<QString, const Interposition *> m_interposed; // by symbol@version
    QList<int> m_rows; // indexes into m_bindings->bindings
    int m_node = -1;
    Direction m_direction = Direction::Imports;
};

} // namespace linklab
