// SPDX-License-Identifier: MIT
#include "deps/graphview.h"

#include "common/picture.h"

#include <QFileInfo>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace linklab {

GraphView::GraphView(QWidget *parent)
    : PictureView(parent)
{
}

QColor GraphView::colorFor(const DependencyNode &node)
{
    if (!node.found)
        return QColor(0xff, 0xd6, 0xd6);
    switch (node.rule) {
    case FoundBy::Root: return QColor(0xcf, 0xe2, 0xff);
    case FoundBy::Rpath: return QColor(0xff, 0xdf, 0xb0);
    case FoundBy::LdLibraryPath: return QColor(0xcf, 0xf2, 0xcf);
    case FoundBy::Runpath: return QColor(0xff, 0xf2, 0xa8);
    case FoundBy::Cache: return QColor(0xe3, 0xe8, 0xf0);
    case FoundBy::Default: return QColor(0xea, 0xe0, 0xf7);
    case FoundBy::DirectPath: return QColor(0xd9, 0xf0, 0xf0);
    case FoundBy::Interpreter:
    case FoundBy::AlreadyLoaded: return QColor(0xee, 0xee, 0xee);
    case FoundBy::NotFound: return QColor(0xff, 0xd6, 0xd6);
    }
    return Qt::white;
}

QString GraphView::ruleLabel(FoundBy rule)
{
    switch (rule) {
    case FoundBy::Root: return tr("the file itself");
    case FoundBy::Rpath: return tr("DT_RPATH");
    case FoundBy::LdLibraryPath: return tr("LD_LIBRARY_PATH");
    case FoundBy::Runpath: return tr("DT_RUNPATH");
    case FoundBy::Cache: return tr("ld.so.cache");
    case FoundBy::Default: return tr("system directories");
    case FoundBy::DirectPath: return tr("path in NEEDED");
    case FoundBy::Interpreter: return tr("the loader (PT_INTERP)");
    case FoundBy::AlreadyLoaded: return tr("already loaded");
    case FoundBy::NotFound: return tr("not found");
    }
    return {};
}

void GraphView::clear()
{
    scene()->clear();
    m_boxes.clear();
    m_selected = -1;
    m_graph = {};
}

void GraphView::setGraph(const DependencyGraph &graph, const GraphLayout &layout)
{
    clear();
    m_graph = graph;
    QGraphicsScene *s = scene();
    const QPen edgePen(palette().color(QPalette::Mid), 1.1);
    for (const GraphLayout::Edge &e : layout.edges) {
        if (e.curve.size() < 4)
            continue;
        QPainterPath path(e.curve.first());
        for (qsizetype i = 1; i + 2 < e.curve.size(); i += 3)
            path.cubicTo(e.curve[i], e.curve[i + 1], e.curve[i + 2]);
        QPointF end = e.curve.last();
        if (e.arrow) {
            path.lineTo(e.arrowTip);
            // A small filled triangle at the tip, pointing along the last segment.
            const QPointF dir = e.arrowTip - end;
            const double len = std::hypot(dir.x(), dir.y());
            if (len > 0.1) {
                const QPointF u = dir / len, n(-u.y(), u.x());
                QPolygonF head {e.arrowTip, e.arrowTip - u * 7 + n * 3.5, e.arrowTip - u * 7 - n * 3.5};
                auto *tip = s->addPolygon(head, edgePen, QBrush(edgePen.color()));
                tip->setZValue(1);
            }
        }
        auto *item = s->addPath(path, edgePen);
        item->setZValue(0);
    }
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    for (const GraphLayout::Node &n : layout.nodes) {
        const DependencyNode &dn = graph.nodes[n.id];
        const QRectF rect(n.center - QPointF(n.size.width() / 2, n.size.height() / 2), n.size);
        auto *box = s->addRect(rect);
        box->setZValue(2);
        box->setData(0, n.id);
        const QString tip = dn.found
            ? QStringLiteral("%1\n%2\nfound by: %3%4")
                  .arg(dn.name, dn.path, ruleLabel(dn.rule),
                      dn.ruleDetail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(dn.ruleDetail))
            : tr("%1\nnot found: the program would not start").arg(dn.name);
        box->setToolTip(tip);
        box->setData(1, tip);
        auto *text = new QGraphicsSimpleTextItem(n.label, box);
        QFont f = font;
        if (dn.root)
            f.setBold(true);
        text->setFont(f);
        QRectF tr = text->boundingRect();
        if (tr.width() > rect.width() - 4) { // Graphviz's estimate was narrower than this font: scale to fit
            const double k = (rect.width() - 4) / tr.width();
            text->setScale(k);
            tr = QRectF(tr.topLeft(), tr.size() * k);
        }
        text->setPos(rect.center() - QPointF(tr.width() / 2, tr.height() / 2));
        text->setAcceptedMouseButtons(Qt::NoButton);
        m_boxes.insert(n.id, box);
    }
    s->setSceneRect(layout.bounds.adjusted(-20, -20, 20, 20));
    restyle();
    fitAll();
}

void GraphView::restyle()
{
    const QString needle = m_search.trimmed();
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        const DependencyNode &n = m_graph.nodes[it.key()];
        const bool match = needle.isEmpty() || n.name.contains(needle, Qt::CaseInsensitive)
            || n.path.contains(needle, Qt::CaseInsensitive);
        QColor fill = colorFor(n);
        QPen pen(n.found ? QColor(0x55, 0x60, 0x70) : QColor(0xc0, 0x10, 0x20), n.root ? 2.2 : 1.0);
        if (it.key() == m_selected) {
            pen = QPen(palette().color(QPalette::Highlight), 3.0);
        }
        it.value()->setBrush(fill);
        it.value()->setPen(pen);
        it.value()->setOpacity(match ? 1.0 : 0.25);
    }
}

void GraphView::setNodeNote(int id, const QString &note)
{
    if (auto *box = m_boxes.value(id))
        box->setToolTip(box->data(1).toString() + u'\n' + note);
}

QString GraphView::nodeToolTip(int id) const
{
    const QGraphicsRectItem *box = m_boxes.value(id);
    return box ? box->toolTip() : QString();
}

void GraphView::setSearch(const QString &text)
{
    m_search = text;
    restyle();
}

void GraphView::selectNode(int id)
{
    if (m_selected == id)
        return;
    m_selected = id;
    restyle();
    if (auto *box = m_boxes.value(id))
        ensureVisible(box);
    emit nodeSelected(id);
}

QRectF GraphView::nodeRect(int id) const
{
    const QGraphicsRectItem *box = m_boxes.value(id);
    return box ? box->rect() : QRectF();
}

void GraphView::fitAll()
{
    setAutoFit(true);
    if (m_boxes.isEmpty())
        return;
    resetTransform();
    const QRectF r = scene()->sceneRect();
    fitInView(r, Qt::KeepAspectRatio);
    // Never enlarge a small graph past its natural size: text stays crisp and boxes stay boxes.
    if (transform().m11() > 1.0)
        resetTransform();
}

int GraphView::nodeAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item : items(viewPos)) {
        while (item && !item->data(0).isValid())
            item = item->parentItem();
        if (item)
            return item->data(0).toInt();
    }
    return -1;
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    const int id = nodeAt(event->position().toPoint());
    if (id >= 0 && event->button() == Qt::LeftButton)
        selectNode(id);
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int id = nodeAt(event->position().toPoint());
    if (id >= 0)
        emit nodeActivated(id);
    QGraphicsView::mouseDoubleClickEvent(event);
}

QString GraphView::exportPicture(const QString &path) const
{
    return picture::save(scene(), path, tr("Dependencies of %1").arg(m_graph.file), scene()->sceneRect());
}

} // namespace linklab
