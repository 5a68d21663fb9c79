// SPDX-License-Identifier: MIT
#pragma once

// A dependency graph laid out by Graphviz's `dot` (libgvc): positions and edge curves as values, no widgets, so
// the Dependencies room only draws. Coordinates are in points with y growing downwards (Qt's convention).

#include "deps/dependencygraph.h"
#include "support/result.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <functional>

namespace linklab {

struct GraphLayout {
    struct Node {
        int id = -1; // index into DependencyGraph::nodes
        QPointF center;
        QSizeF size;
        QString label;
    };
    struct Edge {
        int from = -1;
        int to = -1;
        QList<QPointF> curve; // cubic Bézier: a start point, then three points per segment
        bool arrow = false;
        QPointF arrowTip; // where the arrow head ends (on the target's border)
    };
    QRectF bounds;
    QList<Node> nodes;
    QList<Edge> edges;
};

struct LayoutOptions {
    bool leftToRight = true;
    // Nodes to leave out (their edges go too): the C runtime when the user hides it, deeper levels.
    std::function<bool(const DependencyNode &)> include;
    // Asked between steps; true stops the layout (it then fails with "cancelled").
    std::function<bool()> cancelled;
};

// The label a node is drawn with: the file name of the root, the NEEDED name of the others.
QString layoutLabel(const DependencyNode &node);

// Lays out `graph` with dot. Safe to call from worker threads (Graphviz's global state is behind a lock).
Result<GraphLayout> layoutDependencies(const DependencyGraph &graph, const LayoutOptions &options = {});

} // namespace linklab
