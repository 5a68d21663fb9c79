// SPDX-License-Identifier: MIT
#pragma once

#include "deps/dependencygraph.h"
#include "deps/graphlayout.h"

#include "common/pictureview.h"

#include <QHash>

class QGraphicsRectItem;

namespace linklab {

// Draws a laid-out dependency graph: one box per library, coloured by the rule that found it (missing ones red,
// the root in bold), the loader's edges as curves with arrows. Wheel zooms, dragging pans, a click selects, a
// double-click activates; a search dims what does not match.
class GraphView : public PictureView
{
    Q_OBJECT
public:
    explicit GraphView(QWidget *parent = nullptr);

    void setGraph(const DependencyGraph &graph, const GraphLayout &layout);
    void clear();
    bool isEmpty() const { return m_boxes.isEmpty(); }
    void setSearch(const QString &text); // nodes whose name or path contains it stay bright
    void setNodeNote(int id, const QString &note); // a last line for the node's hover text
    QString nodeToolTip(int id) const;
    void selectNode(int id);
    int selectedNode() const { return m_selected; }
    void fitAll();
    QList<int> drawnNodes() const { return m_boxes.keys(); }
    QRectF nodeRect(int id) const; // in scene coordinates

    static QColor colorFor(const DependencyNode &node);
    static QString ruleLabel(FoundBy rule); // the legend's words

    // PNG or SVG by the suffix; an empty string on success, else why not.
    QString exportPicture(const QString &path) const;

Q_SIGNALS:
    void nodeSelected(int id);
    void nodeActivated(int id);

protected:
    void autoFit() override { fitAll(); }
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    int nodeAt(const QPoint &viewPos) const;
    void restyle();

    DependencyGraph m_graph;
    QHash<int, QGraphicsRectItem *> m_boxes;
    QString m_search;
    int m_selected = -1;
};

} // namespace linklab
