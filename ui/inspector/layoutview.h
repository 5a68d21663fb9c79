// SPDX-License-Identifier: MIT
#pragma once

#include "binary/bandgeometry.h"
#include "binary/binaryinfo.h"
#include "binary/filelayout.h"

#include "common/pictureview.h"
#include <QFontMetricsF>

#include <QHash>

#include <memory>

class QGraphicsRectItem;

namespace linklab {

// Draws a FileLayout: the segments as brackets coloured by permission, the file from offset 0 to its end as a band,
// the address space after loading as a second band, each PT_LOAD's file bytes joined to where they land in memory,
// and a legend. Hover shows offsets, sizes and flags; a click on a section or a segment emits its index. Wheel
// zooms, dragging pans.
class LayoutView : public PictureView
{
    Q_OBJECT
public:
    // Kinds of clickable item, in QGraphicsItem::data(KindKey).
    enum ItemKind { FileSectionItem = 1, MemorySectionItem, SegmentItem, OtherBlockItem };
    static constexpr int KindKey = 0;
    static constexpr int IndexKey = 1; // section or segment index
    enum TipSource { FileTip, MemoryTip, SegmentTip };
    static constexpr int TipSourceKey = 3;
    static constexpr int TipIndexKey = 4; // index in the band or in the segments

    explicit LayoutView(QWidget *parent = nullptr);

    void showLayout(const FileLayout &layout, std::shared_ptr<const BinaryInfo> binary);
    void clear();
    bool isEmpty() const { return m_items.isEmpty(); }

    // The drawn items of one kind, in drawing order (file band left to right, segments in header order).
    QList<QGraphicsRectItem *> items(ItemKind kind) const { return m_items.value(kind); }

    void fitAll(); // the whole picture, however small
    void fitReadable(); // the whole picture, or when that is too small to read, its height from offset 0
    // PNG or SVG by the suffix; an empty string on success, else why not.
    QString exportPicture(const QString &path) const;
    // What hovering over the item shows (offsets, sizes, flags); empty for an item that explains nothing.
    QString toolTipFor(const QGraphicsItem *item) const;

    // The colour index (picture::categorical) of "R", "RW", "RX", "RWX", or anything else (not loaded).
    static int permissionColour(const QString &permissions);

Q_SIGNALS:
    void sectionClicked(int section);
    void segmentClicked(int segment);

protected:
    void autoFit() override { fitReadable(); }
    void mousePressEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    double drawSegments(double top, double width);
    double drawFileBand(double top, double width);
    double drawMemoryBand(double top, double width);
    void tagNarrowSections(const QList<LayoutBlock> &band, const BandGeometry &geometry, double bottom,
        QList<std::pair<double, double>> &taken);
    void drawLoadLinks(double fileBottom, double memoryTop);
    double drawLegend(double top, double width);
    QGraphicsRectItem *block(const QRectF &rect, const QBrush &brush, const QPen &pen, const QString &label,
        TipSource tip, int tipIndex, ItemKind kind, int index);
    QGraphicsSimpleTextItem *text(const QString &s, QPointF at, bool small = false);
    QBrush blockBrush(const LayoutBlock &b, bool memory) const;
    void hatch(QGraphicsRectItem *item, const QColor &colour, bool cross);
    void select(QGraphicsRectItem *item);

    FileLayout m_layout;
    std::shared_ptr<const BinaryInfo> m_binary;
    BandGeometry m_fileGeometry;
    BandGeometry m_memoryGeometry;
    QHash<int, QList<QGraphicsRectItem *>> m_items;
    QGraphicsRectItem *m_selected = nullptr;
    QPen m_selectedPen;
    QFont m_labelFont;
    QFontMetricsF m_labelMetrics {QFont()};
};

} // namespace linklab
