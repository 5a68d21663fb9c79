// SPDX-License-Identifier: MIT
#include "common/picture.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSvgGenerator>

#include <array>

namespace linklab::picture {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("linklab::picture", text);
}

} // namespace

QString save(QGraphicsScene *scene, const QString &path, const QString &title, QRectF sceneRect)
{
    if (!scene)
        return tr("There is no picture to save.");
    const QRectF r = sceneRect.isNull() ? scene->itemsBoundingRect() : sceneRect;
    if (r.isEmpty())
        return tr("The picture is empty.");
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(r.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), r.size()));
        svg.setTitle(title);
        QPainter p;
        if (!p.begin(&svg))
            return tr("Could not write %1.").arg(path);
        p.fillRect(QRectF(QPointF(0, 0), r.size()),
            scene->backgroundBrush().style() == Qt::NoBrush ? QBrush(Qt::white) : scene->backgroundBrush());
        scene->render(&p, QRectF(QPointF(0, 0), r.size()), r);
        return p.end() ? QString() : tr("Could not write %1.").arg(path);
    }
    if (suffix != u"png")
        return tr("%1: choose a name ending in .png or .svg.").arg(QFileInfo(path).fileName());
    const QSize size = (r.size() * 2).toSize();
    if (size.width() > 32767 || size.height() > 32767)
        return tr("The picture is too large for PNG (%1 x %2 pixels); save it as SVG.")
            .arg(size.width())
            .arg(size.height());
    QImage image(size, QImage::Format_ARGB32);
    image.fill(scene->backgroundBrush().style() == Qt::NoBrush ? QColor(Qt::white) : scene->backgroundBrush().color());
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    scene->render(&p, QRectF(QPointF(0, 0), r.size() * 2), r);
    p.end();
    return image.save(path, "PNG") ? QString() : tr("Could not write %1.").arg(path);
}

QString fileFilter()
{
    return tr("SVG picture (*.svg);;PNG picture (*.png)");
}

QColor categorical(int index)
{
    static constexpr std::array<QRgb, 8> okabeIto {
        0xffE69F00, // orange
        0xff56B4E9, // sky blue
        0xff009E73, // bluish green
        0xffF0E442, // yellow
        0xff0072B2, // blue
        0xffD55E00, // vermillion
        0xffCC79A7, // reddish purple
        0xff999999, // grey
    };
    const int n = int(okabeIto.size());
    return QColor::fromRgb(okabeIto[size_t(((index % n) + n) % n)]);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor fill(int index, const QPalette &palette)
{
    const QColor c = categorical(index);
    return isDark(palette) ? c.darker(220) : c.lighter(150);
}

QColor problem()
{
    return QColor(0xc0, 0x10, 0x20);
}

} // namespace linklab::picture
