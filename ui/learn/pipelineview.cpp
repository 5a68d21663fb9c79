// SPDX-License-Identifier: MIT
#include "learn/pipelineview.h"

#include "common/picture.h"

#include <QFontMetrics>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QPainterPath>
#include <QSet>

#include <cmath>

namespace linklab {

namespace {
constexpr double BoxWidth = 150, BoxHeight = 24, ColumnGap = 110, RowGap = 17, Top = 26;
constexpr int PathRole = 1;
} // namespace

PipelineView::PipelineView(QWidget *parent)
    : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setObjectName(QStringLiteral("pipelineView"));
    setMinimumHeight(150);
    setPipeline({}, -1);
}

QString PipelineView::columnTitle(int column)
{
    static const QStringList titles {tr("Sources"), tr("Objects (.o)"), tr("Libraries (.a, .so)"), tr("Programs")};
    return titles.value(column);
}

QStringList PipelineView::nodeNames() const
{
    QStringList names;
    for (const PipelineNode &n : m_pipeline.nodes)
        names << n.name;
    return names;
}

void PipelineView::setPipeline(const Pipeline &pipeline, int latestStep)
{
    m_pipeline = pipeline;
    QGraphicsScene *s = scene();
    s->clear();
    const QPalette pal = palette();
    const double columnX[4] = {0, BoxWidth + ColumnGap, 2 * (BoxWidth + ColumnGap), 3 * (BoxWidth + ColumnGap)};
    for (int c = 0; c < 4; ++c) {
        auto *title = s->addSimpleText(columnTitle(c));
        title->setBrush(pal.color(QPalette::PlaceholderText));
        title->setPos(columnX[c], 0);
    }
    if (pipeline.nodes.isEmpty()) {
        auto *hint = s->addSimpleText(tr("Run the steps: each file they make appears here, each command as an arrow."));
        hint->setBrush(pal.color(QPalette::Text));
        hint->setPos(0, Top + 10);
    }
    QList<QRectF> rects;
    int rows[4] = {0, 0, 0, 0};
    const QFontMetrics fm(font());
    for (const PipelineNode &n : pipeline.nodes) {
        const QRectF r(columnX[n.column], Top + rows[n.column]++ * (BoxHeight + RowGap), BoxWidth, BoxHeight);
        rects << r;
        const int colour = n.kind == PipelineKind::Source ? 7
            : n.kind == PipelineKind::Object              ? 1
            : n.kind == PipelineKind::Archive             ? 3
            : n.kind == PipelineKind::SharedLibrary       ? 2
                                                          : 0;
        auto *box = s->addRect(
            r, QPen(picture::categorical(colour), n.step == latestStep ? 3 : 1), picture::fill(colour, pal));
        box->setData(PathRole, n.path);
        box->setToolTip(tr("%1\nClick to inspect it").arg(n.path));
        box->setCursor(Qt::PointingHandCursor);
        auto *label = s->addSimpleText(fm.elidedText(n.name, Qt::ElideMiddle, int(BoxWidth - 10)));
        label->setBrush(pal.color(QPalette::Text));
        label->setParentItem(box);
        label->setPos(r.left() + 5, r.center().y() - fm.height() / 2.0);
    }
    for (const PipelineEdge &e : pipeline.edges) {
        const QRectF a = rects[e.from], b = rects[e.to];
        QPointF p1(a.right(), a.center().y()), p2(b.left(), b.center().y());
        if (std::abs(p2.x() - p1.x()) < 1) { // same column (an object from an object): go around the side
            p1 = QPointF(a.center().x(), a.bottom());
            p2 = QPointF(b.center().x(), b.top());
        }
        QPainterPath path(p1);
        const double dx = (p2.x() - p1.x()) / 2;
        path.cubicTo(p1 + QPointF(dx, 0), p2 - QPointF(dx, 0), p2);
        const QColor colour = pal.color(QPalette::Text);
        auto *curve = s->addPath(path, QPen(colour, e.step == latestStep ? 2 : 1));
        curve->setToolTip(e.command);
        const QLineF tail(path.pointAtPercent(0.97), p2);
        const double angle = std::atan2(tail.dy(), tail.dx());
        QPolygonF head;
        head << p2 << p2 - QPointF(std::cos(angle - 0.4) * 8, std::sin(angle - 0.4) * 8)
             << p2 - QPointF(std::cos(angle + 0.4) * 8, std::sin(angle + 0.4) * 8);
        s->addPolygon(head, QPen(colour), colour)->setToolTip(e.command);
    }
    // The command of each target once, under the arrows into it: one label per (target, command).
    QSet<QString> labelled;
    for (const PipelineEdge &e : pipeline.edges) {
        const QString key = QString::number(e.to) + u'\n' + e.command;
        if (labelled.contains(key) || e.command.isEmpty())
            continue;
        labelled.insert(key);
        const QRectF b = rects[e.to];
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.8);
        auto *text = s->addSimpleText(
            QFontMetrics(small).elidedText(e.command, Qt::ElideRight, int(BoxWidth + ColumnGap / 2)), small);
        text->setBrush(pal.color(QPalette::PlaceholderText));
        text->setToolTip(e.command);
        text->setPos(b.left(), b.bottom() + 1);
    }
    s->setSceneRect(s->itemsBoundingRect().adjusted(-10, -10, 10, 10));
    fit();
}

void PipelineView::fit()
{
    const QRectF r = scene()->sceneRect();
    // Never larger than life; smaller when the view is small.
    // Not below 0.7, where the file names stop being readable: past that the view scrolls (at 0.7 the whole
    // pipeline fits beside the step list in a 1280x720 window).
    const double scale = std::max(
        0.7, std::min({1.0, width() / std::max(1.0, r.width() + 20), height() / std::max(1.0, r.height() + 20)}));
    resetTransform();
    QGraphicsView::scale(scale, scale);
    centerOn(r.center().x(), r.top());
}

void PipelineView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    fit();
}

void PipelineView::mousePressEvent(QMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->position().toPoint())) {
        for (QGraphicsItem *i = item; i; i = i->parentItem())
            if (const QString path = i->data(PathRole).toString(); !path.isEmpty()) {
                Q_EMIT fileActivated(path);
                return;
            }
    }
    QGraphicsView::mousePressEvent(event);
}

QString PipelineView::exportPicture(const QString &path, const QString &title) const
{
    return picture::save(scene(), path, title, scene()->sceneRect());
}

} // namespace linklab
