// SPDX-License-Identifier: MIT
#include "deps/graphlayout.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <graphviz/gvc.h>

#include <memory>

namespace linklab {
namespace {

// libgvc keeps global state (its context, plugins, string pools): one layout at a time.
QMutex &graphvizLock()
{
    static QMutex lock;
    return lock;
}

char *cstr(const char *s)
{
    return const_cast<char *>(s);
}

} // namespace

QString layoutLabel(const DependencyNode &node)
{
    return node.root ? QFileInfo(node.path).fileName() : node.name;
}

Result<GraphLayout> layoutDependencies(const DependencyGraph &graph, const LayoutOptions &options)
{
    QList<int> kept;
    QHash<int, int> position;
    for (int i = 0; i < graph.nodes.size(); ++i) {
        if (i != 0 && options.include && !options.include(graph.nodes[i]))
            continue;
        position.insert(i, int(kept.size()));
        kept << i;
    }
    QMutexLocker locker(&graphvizLock());
    if (options.cancelled && options.cancelled())
        return Failure {QStringLiteral("cancelled")};
    // One context for the process, never freed: Graphviz's text-layout plugin (pango) keeps pointers into a
    // context's font data in statics, so a second context after gvFreeContext read freed memory (AddressSanitizer
    // caught it in the second layout of a run).
    static GVC_t *const gvc = gvContext();
    if (!gvc)
        return Failure {QStringLiteral("Graphviz could not start (gvContext failed)")};
    Agraph_t *g = agopen(cstr("dependencies"), Agdirected, nullptr);
    agattr(g, AGRAPH, cstr("rankdir"), cstr(options.leftToRight ? "LR" : "TB"));
    agattr(g, AGRAPH, cstr("nodesep"), cstr("0.15"));
    agattr(g, AGRAPH, cstr("ranksep"), cstr("0.6"));
    agattr(g, AGNODE, cstr("shape"), cstr("box"));
    agattr(g, AGNODE, cstr("fontname"), cstr("sans"));
    agattr(g, AGNODE, cstr("fontsize"), cstr("10"));
    agattr(g, AGNODE, cstr("label"), cstr(""));
    agattr(g, AGNODE, cstr("margin"), cstr("0.12,0.06"));
    QList<Agnode_t *> nodes;
    for (int i : kept) {
        const QByteArray id = QByteArray::number(i);
        Agnode_t *n = agnode(g, const_cast<char *>(id.constData()), 1);
        const QByteArray label = layoutLabel(graph.nodes[i]).toUtf8();
        agset(n, cstr("label"), const_cast<char *>(label.constData()));
        nodes << n;
    }
    // One edge per pair (a library needed twice by the same object is drawn once).
    QSet<QPair<int, int>> seen;
    QList<QPair<Agedge_t *, QPair<int, int>>> edges;
    for (const DependencyEdge &e : graph.edges) {
        if (!position.contains(e.from) || !position.contains(e.to) || e.from == e.to)
            continue;
        if (seen.contains({e.from, e.to}))
            continue;
        seen.insert({e.from, e.to});
        Agedge_t *edge = agedge(g, nodes[position[e.from]], nodes[position[e.to]], nullptr, 1);
        edges.append({edge, {e.from, e.to}});
    }
    if (options.cancelled && options.cancelled()) {
        agclose(g);
        return Failure {QStringLiteral("cancelled")};
    }
    if (gvLayout(gvc, g, "dot") != 0) {
        agclose(g);
        return Failure {QStringLiteral("Graphviz could not lay the graph out")};
    }
    GraphLayout layout;
    const boxf bb = GD_bb(g);
    const double top = bb.UR.y;
    auto flip = [top](pointf p) { return QPointF(p.x, top - p.y); };
    layout.bounds = QRectF(QPointF(bb.LL.x, 0), QPointF(bb.UR.x, bb.UR.y - bb.LL.y));
    for (qsizetype k = 0; k < kept.size(); ++k) {
        Agnode_t *n = nodes[k];
        GraphLayout::Node out;
        out.id = kept[k];
        out.center = flip(ND_coord(n));
        out.size = QSizeF(ND_width(n) * 72.0, ND_height(n) * 72.0);
        out.label = layoutLabel(graph.nodes[kept[k]]);
        layout.nodes << out;
    }
    for (const auto &[edge, ends] : edges) {
        GraphLayout::Edge out;
        out.from = ends.first;
        out.to = ends.second;
        if (const splines *spl = ED_spl(edge); spl && spl->size > 0) {
            const bezier &bz = spl->list[0];
            for (int i = 0; i < bz.size; ++i)
                out.curve << flip(bz.list[i]);
            if (bz.eflag) {
                out.arrow = true;
                out.arrowTip = flip(bz.ep);
            }
        }
        layout.edges << out;
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    return layout;
}

} // namespace linklab
