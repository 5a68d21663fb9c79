// SPDX-License-Identifier: MIT
#include "common/pictureview.h"

#include <QResizeEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace linklab {

PictureView::PictureView(QWidget *parent)
    : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(palette().base());
}

void PictureView::zoomBy(double factor)
{
    m_autoFit = false;
    const double current = transform().m11();
    const double next = std::clamp(current * factor, 0.02, 16.0);
    scale(next / current, next / current);
}

void PictureView::wheelEvent(QWheelEvent *event)
{
    zoomBy(std::pow(1.0015, event->angleDelta().y()));
    event->accept();
}

void PictureView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        autoFit();
}

} // namespace linklab
