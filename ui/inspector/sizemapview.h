// SPDX-License-Identifier: MIT
#pragma once

#include "common/textfilter.h"

#include "binary/sizemap.h"

#include <QPixmap>
#include <QTransform>
#include <QWidget>

#include <memory>

namespace linklab {

class JobTracker;

// What the size map shows, computed off the GUI thread from a BinaryInfo: the rows (sections, symbols,
// "[unattributed]"), their tree, and a colour per section name (the largest seven get a colour of their own).
struct SizeMapData {
    QList<SizeRow> rows;
    QList<SizeNode> tree;
    QList<int> colour; // per tree node: picture::categorical index
    QList<QPair<QString, int>> legend; // section name (or "other sections") and its colour
    bool archive = false;
    bool dynamicOnly = false; // no .symtab: only the exported symbols (.dynsym) name bytes

    static std::shared_ptr<const SizeMapData> measure(const BinaryInfo &info);
};

enum class SizeMeasure { Memory, File };

// The treemap: sections (and archive members) as framed blocks with their name on top, split into their symbols,
// area = size in memory or in the file. Drawn by hand rather than as QGraphicsItems: libLLVM's 46k blocks are
// painted once into a cached pixmap, and hovering finds its block by walking the tree (a node's children lie
// inside it), so a mouse move never repaints the map. The layout runs on a worker whenever the size changes.
class SizeMapView : public QWidget
{
    Q_OBJECT
public:
    explicit SizeMapView(QWidget *parent = nullptr);
    ~SizeMapView() override;

    void setData(std::shared_ptr<const SizeMapData> data);
    const std::shared_ptr<const SizeMapData> &data() const { return m_data; }
    void setMeasure(SizeMeasure measure);
    SizeMeasure measure() const { return m_measure; }
    void setFilter(const TextFilter &filter);

    // The blocks as laid out (indexed like data()->tree), in widget coordinates; empty before the first layout.
    const QList<QRectF> &rects() const { return m_rects; }
    QRectF mapArea() const; // the treemap's part of the widget (the legend takes a strip below it)
    // The deepest node at `point`, or -1.
    int nodeAt(QPointF point) const;
    // What the tooltip says about a node.
    QString describe(int node) const;
    bool isDimmed(int node) const;
    // The map and its legend as a PNG or SVG (by suffix), through picture::save. Empty on success, else why not.
    QString save(const QString &path, const QString &title) const;
    // Paints the map and its legend into `target` (the widget's own size scaled to it).
    void paintMap(QPainter &painter) const;

    QSize sizeHint() const override { return {640, 400}; }

Q_SIGNALS:
    void laidOut(); // new rectangles are in (after setData, setMeasure or a resize)
    void rowActivated(int row); // a click on a symbol's block: the SizeRow index
    void hoveredChanged(int node);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void relayout();
    // From the coordinates of the last layout to the widget's (they differ while a resize's layout is running).
    QTransform layoutTransform() const;
    void invalidateCache();
    std::uint64_t weight(int node) const;

    std::shared_ptr<const SizeMapData> m_data;
    SizeMeasure m_measure = SizeMeasure::Memory;
    TextFilter m_filter;
    QList<bool> m_matches; // per node, when a filter is set
    QList<QRectF> m_rects;
    QSizeF m_layoutSize; // the widget size m_rects were made for
    QPixmap m_cache;
    int m_hovered = -1;
    bool m_layoutPending = false;
    JobTracker *m_layoutJob;
};

} // namespace linklab
