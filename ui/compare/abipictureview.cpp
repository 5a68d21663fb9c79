// SPDX-License-Identifier: MIT
#include "compare/abipictureview.h"

#include "common/picture.h"

#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QResizeEvent>

namespace linklab {

namespace {
constexpr double Margin = 12;
constexpr double CaptionWidth = 150; // the file names left of the bars
constexpr double BarHeight = 30;
constexpr double Gap = 14;
} // namespace

AbiPictureView::AbiPictureView(QWidget *parent)
    : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setObjectName(QStringLiteral("abiPicture"));
    setRenderHint(QPainter::Antialiasing);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Bars, gap, legend and margins: the picture never scrolls, it is laid out again for the width it gets.
    setFixedHeight(int(2 * Margin + 2 * BarHeight + Gap + 10 + 22));
}

int AbiPictureView::colourIndex(AbiPictureBlock::Category category)
{
    switch (category) {
    case AbiPictureBlock::Removed: return 5; // vermillion
    case AbiPictureBlock::Changed: return 3; // yellow
    case AbiPictureBlock::Kept: return 1; // sky blue
    case AbiPictureBlock::Added: return 2; // bluish green
    }
    return 7;
}

void AbiPictureView::setComparison(const AbiComparison &comparison, const QString &oldName, const QString &newName)
{
    m_comparison = comparison;
    m_oldName = oldName;
    m_newName = newName;
    m_hasComparison = true;
    rebuild();
}

void AbiPictureView::clear()
{
    m_hasComparison = false;
    scene()->clear();
}

QString AbiPictureView::saveAs(const QString &path) const
{
    return picture::save(scene(), path, tr("%1 compared with %2").arg(m_newName, m_oldName), scene()->sceneRect());
}

void AbiPictureView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_hasComparison && event->oldSize().width() != event->size().width())
        rebuild();
}

void AbiPictureView::mousePressEvent(QMouseEvent *event)
{
    if (QGraphicsItem *item = itemAt(event->pos());
        item && item->data(0).isValid() && event->button() == Qt::LeftButton)
        Q_EMIT categoryClicked(AbiPictureBlock::Category(item->data(0).toInt()));
    QGraphicsView::mousePressEvent(event);
}

void AbiPictureView::rebuild()
{
    QGraphicsScene *s = scene();
    s->clear();
    const QPalette pal = palette();
    s->setBackgroundBrush(pal.base());
    const QColor text = pal.color(QPalette::Text);
    const double width = qMax(200.0, viewport()->width() - 2 * Margin - CaptionWidth - 8);
    const AbiPicture p = abiPicture(m_comparison, width, BarHeight, Gap);
    const QPointF origin(Margin + CaptionWidth, Margin);
    const QFontMetricsF fm(font());

    auto caption = [&](const QString &label, const QString &file, double y) {
        auto *item = s->addSimpleText(fm.elidedText(label + file, Qt::ElideMiddle, CaptionWidth - 8));
        item->setBrush(text);
        item->setPos(Margin, origin.y() + y + (BarHeight - fm.height()) / 2);
        item->setToolTip(file);
    };
    caption(tr("old: "), m_oldName, 0);
    caption(tr("new: "), m_newName, BarHeight + Gap);
    if (p.blocks.isEmpty()) {
        auto *none = s->addSimpleText(tr("Neither file exports a symbol."));
        none->setBrush(text);
        none->setPos(origin);
    }
    for (const AbiPictureBlock &b : p.blocks) {
        const int colour = colourIndex(b.category);
        const QRectF r = b.rect.translated(origin);
        auto *rect = s->addRect(r.adjusted(0.5, 0.5, -0.5, -0.5), QPen(picture::categorical(colour), 1),
            QBrush(picture::fill(colour, pal)));
        rect->setToolTip(b.category == AbiPictureBlock::Kept
                ? tr("%1 exported symbols kept, unchanged").arg(b.count)
                : tr("%1 exported symbols %2 (click for the list)").arg(b.count).arg(abiCategoryName(b.category)));
        rect->setData(0, int(b.category));
        rect->setCursor(Qt::PointingHandCursor);
        // The count always; the word too when it fits.
        const QString full = b.label;
        const QString shortLabel = QString::number(b.count);
        const QString label = fm.horizontalAdvance(full) + 8 <= r.width() ? full : shortLabel;
        if (fm.horizontalAdvance(label) + 4 <= r.width()) {
            auto *t = s->addSimpleText(label);
            t->setBrush(text);
            t->setPos(r.center() - QPointF(fm.horizontalAdvance(label) / 2, fm.height() / 2));
            t->setToolTip(rect->toolTip());
            t->setData(0, int(b.category));
            t->setCursor(Qt::PointingHandCursor);
        }
    }
    // Legend under the bars.
    double x = origin.x();
    const double y = origin.y() + 2 * BarHeight + Gap + 10;
    for (auto category :
        {AbiPictureBlock::Kept, AbiPictureBlock::Changed, AbiPictureBlock::Removed, AbiPictureBlock::Added}) {
        const int colour = colourIndex(category);
        s->addRect(QRectF(x, y + 2, 14, 14), QPen(picture::categorical(colour)), QBrush(picture::fill(colour, pal)));
        auto *t = s->addSimpleText(abiCategoryName(category));
        t->setBrush(text);
        t->setPos(x + 20, y + 9 - fm.height() / 2);
        x += 20 + fm.horizontalAdvance(abiCategoryName(category)) + 18;
    }
    auto *note = s->addSimpleText(tr("(exported symbols, to scale)"));
    note->setBrush(pal.color(QPalette::PlaceholderText));
    note->setPos(x, y + 9 - fm.height() / 2);
    s->setSceneRect(
        QRectF(0, 0, qMax(s->itemsBoundingRect().right() + Margin, viewport()->width() - 1.0), y + 18 + Margin));
}

} // namespace linklab
