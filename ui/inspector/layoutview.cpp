// SPDX-License-Identifier: MIT
#include "inspector/layoutview.h"

#include "binary/elfnames.h"
#include "binary/hexformat.h"
#include "common/picture.h"
#include "inspector/layouttips.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

namespace linklab {

namespace {

constexpr double kMinBlock = 14; // narrower than this, a block can be neither seen nor clicked
constexpr double kBandHeight = 48;
constexpr double kRowHeight = 22;
constexpr double kBracketHeight = 17;
constexpr double kLinkGap = 90;
constexpr int kHeaderColour = 3; // yellow: the ELF header and the two header tables

QColor mix(const QColor &a, const QColor &b)
{
    return QColor((a.red() + b.red()) / 2, (a.green() + b.green()) / 2, (a.blue() + b.blue()) / 2);
}

} // namespace

using layouttips::sectionPermissions;
using layouttips::spaced;

LayoutView::LayoutView(QWidget *parent)
    : PictureView(parent)
{
    scene()->setBackgroundBrush(palette().base());
    m_selectedPen = QPen(palette().color(QPalette::Highlight), 3.0);
}

int LayoutView::permissionColour(const QString &permissions)
{
    if (permissions == u"R")
        return 1; // sky blue
    if (permissions == u"RW")
        return 2; // bluish green
    if (permissions == u"RX")
        return 0; // orange
    if (permissions == u"RWX" || permissions == u"WX" || permissions == u"X")
        return 6; // reddish purple: writable code is worth noticing
    return 7; // grey: not loaded
}

void LayoutView::clear()
{
    scene()->clear();
    m_items.clear();
    m_selected = nullptr;
}

QGraphicsSimpleTextItem *LayoutView::text(const QString &s, QPointF at, bool small)
{
    auto *item = scene()->addSimpleText(s);
    QFont f = font();
    if (small)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    item->setFont(f);
    item->setBrush(palette().color(QPalette::Text));
    item->setPos(at);
    item->setZValue(3);
    return item;
}

QGraphicsRectItem *LayoutView::block(const QRectF &rect, const QBrush &brush, const QPen &pen, const QString &label,
    TipSource tip, int tipIndex, ItemKind kind, int index)
{
    auto *item = scene()->addRect(rect, pen, brush);
    // The tooltip is written when asked for (viewportEvent): thousands of blocks need no text up front.
    item->setData(TipSourceKey, int(tip));
    item->setData(TipIndexKey, tipIndex);
    item->setData(KindKey, int(kind));
    item->setData(IndexKey, index);
    item->setZValue(2);
    if (!label.isEmpty()) {
        const QFont &f = m_labelFont;
        const QFontMetricsF &fm = m_labelMetrics;
        const double room = rect.width() - 6;
        // A label only where it fits: the name, and under it the size when there is room for both.
        QStringList lines = label.split(u'\n');
        while (!lines.isEmpty() && fm.horizontalAdvance(lines.first()) > room)
            lines.clear();
        if (lines.size() > 1 && (fm.horizontalAdvance(lines[1]) > room || rect.height() < 2 * fm.height() + 4))
            lines.resize(1);
        if (!lines.isEmpty()) {
            auto *t = new QGraphicsSimpleTextItem(lines.join(u'\n'), item);
            t->setFont(f);
            t->setBrush(palette().color(QPalette::Text));
            const QRectF r = t->boundingRect();
            t->setPos(rect.center() - QPointF(r.width() / 2, r.height() / 2));
            t->setAcceptedMouseButtons(Qt::NoButton);
        }
    }
    m_items[kind].append(item);
    return item;
}

// Diagonal lines over a block, drawn as lines rather than a pattern brush: SVG readers (Qt's own among them) do
// not all understand the pattern fills QSvgGenerator writes.
void LayoutView::hatch(QGraphicsRectItem *item, const QColor &colour, bool cross)
{
    constexpr double step = 6;
    const QRectF r = item->rect();
    QPainterPath path;
    for (double c = std::ceil((r.left() + r.top()) / step) * step; c <= r.right() + r.bottom(); c += step) {
        const double x1 = std::max(r.left(), c - r.bottom()), x2 = std::min(r.right(), c - r.top());
        if (x2 > x1) {
            path.moveTo(x1, c - x1);
            path.lineTo(x2, c - x2);
        }
    }
    for (double c = std::ceil((r.left() - r.bottom()) / step) * step; cross && c <= r.right() - r.top(); c += step) {
        const double x1 = std::max(r.left(), c + r.top()), x2 = std::min(r.right(), c + r.bottom());
        if (x2 > x1) {
            path.moveTo(x1, x1 - c);
            path.lineTo(x2, x2 - c);
        }
    }
    auto *lines = new QGraphicsPathItem(path, item);
    lines->setPen(QPen(colour, 0.7));
    lines->setZValue(-1); // under the label
    lines->setAcceptedMouseButtons(Qt::NoButton);
}

QBrush LayoutView::blockBrush(const LayoutBlock &b, bool memory) const
{
    const QPalette &p = palette();
    switch (b.part) {
    case LayoutPart::ElfHeader:
    case LayoutPart::ProgramHeaders:
    case LayoutPart::SectionHeaders: return picture::fill(kHeaderColour, p);
    case LayoutPart::Section: return picture::fill(permissionColour(sectionPermissions(b.flags)), p);
    case LayoutPart::Gap: return p.base();
    case LayoutPart::Overlap: return mix(picture::problem(), p.color(QPalette::Base));
    case LayoutPart::SegmentData:
    case LayoutPart::Padding: {
        const int segment = b.segment;
        const QString perms
            = segment >= 0 && segment < m_layout.segments.size() ? m_layout.segments[segment].permissions() : QString();
        const QColor c = picture::fill(permissionColour(perms), p);
        return memory ? mix(c, p.color(QPalette::Base)) : c;
    }
    case LayoutPart::Unmapped: return Qt::NoBrush;
    }
    return Qt::NoBrush;
}

QString LayoutView::toolTipFor(const QGraphicsItem *item) const
{
    for (; item; item = item->parentItem()) {
        if (item->data(TipSourceKey).isValid())
            break;
        if (!item->toolTip().isEmpty())
            return item->toolTip();
    }
    if (!item)
        return {};
    const int i = item->data(TipIndexKey).toInt();
    switch (TipSource(item->data(TipSourceKey).toInt())) {
    case FileTip:
        return i < m_layout.fileBand.size()
            ? layouttips::blockToolTip(m_layout, m_binary.get(), m_layout.fileBand[i], false)
            : QString();
    case MemoryTip:
        return i < m_layout.memoryBand.size()
            ? layouttips::blockToolTip(m_layout, m_binary.get(), m_layout.memoryBand[i], true)
            : QString();
    case SegmentTip: return i < m_layout.segments.size() ? layouttips::segmentToolTip(m_layout.segments[i]) : QString();
    }
    return {};
}

bool LayoutView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTipFor(itemAt(help->pos()));
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

void LayoutView::showLayout(const FileLayout &layout, std::shared_ptr<const BinaryInfo> binary)
{
    clear();
    m_labelFont = font();
    m_labelFont.setPointSizeF(m_labelFont.pointSizeF() * 0.85);
    m_labelMetrics = QFontMetricsF(m_labelFont);
    m_layout = layout;
    m_binary = std::move(binary);
    const qsizetype blocks = std::max(layout.fileBand.size(), layout.memoryBand.size());
    const double width = std::max({double(viewport()->width()) - 40, double(blocks) * kMinBlock * 1.25, 900.0});
    m_fileGeometry = bandGeometry(layout.fileBand, width, kMinBlock);
    m_memoryGeometry = bandGeometry(layout.memoryBand, width, kMinBlock);

    QFont bold = font();
    bold.setBold(true);
    auto *title = text(
        tr("%1: %2 bytes").arg(QFileInfo(layout.path).fileName(), QLocale().toString(qulonglong(layout.fileSize))),
        {0, 0});
    title->setFont(bold);
    text(layout.memoryBand.isEmpty()
            ? tr("The file from offset 0 to its end, as sections (linking view).")
            : tr("Top: the file from offset 0 to its end, as sections (linking view). Bottom: the memory after "
                 "loading (execution view)."),
        {title->boundingRect().width() + 16, 2}, true);
    double y = 26;
    if (layout.segmentRows > 0) {
        text(tr("Segments (program headers) over the file bytes they cover: what the loader maps, with its "
                "permissions"),
            {0, y}, true);
        y = drawSegments(y + 20, width);
    } else {
        text(layout.noSegments, {0, y}, true);
        y += 22;
    }
    const double fileBottom = drawFileBand(y, width);
    y = fileBottom + 38; // under the two rows of section names (tagNarrowSections)
    if (!layout.memoryBand.isEmpty()) {
        const double memoryTop = fileBottom + kLinkGap;
        drawLoadLinks(fileBottom, memoryTop);
        y = drawMemoryBand(memoryTop, width);
    } else {
        text(layout.noMemory, {0, y}, true);
        y += 24;
    }
    y = drawLegend(y + 10, std::min(width, std::max(900.0, double(viewport()->width()) - 40)));
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-12, -12, 12, 12));
    fitReadable();
}

double LayoutView::drawSegments(double top, double width)
{
    Q_UNUSED(width);
    const int rows = m_layout.segmentRows;
    const double bandTop = top + rows * kRowHeight + 20;
    for (const LayoutSegment &s : std::as_const(m_layout.segments)) {
        if (s.row < 0)
            continue;
        const double x1 = m_fileGeometry.xAt(m_layout.fileBand, s.offset);
        double x2 = m_fileGeometry.xAt(m_layout.fileBand, std::min(s.offset + s.fileSize, m_layout.fileSize));
        x2 = std::max(x2, x1 + 3);
        const double y = top + (rows - 1 - s.row) * kRowHeight;
        const int colour = permissionColour(s.permissions());
        const QPen pen(picture::categorical(colour).darker(130), 1.2);
        auto *bracket = block(QRectF(x1, y, x2 - x1, kBracketHeight), picture::fill(colour, palette()), pen,
            QStringLiteral("%1 %2").arg(s.name, spaced(s.permissions())), SegmentTip,
            int(&s - m_layout.segments.constData()), SegmentItem, s.index);
        bracket->setZValue(2);
        // Legs down to the band: which bytes the bracket covers.
        QPen leg(picture::categorical(colour).darker(130), 1, Qt::DashLine);
        for (double x : {x1, x2}) {
            auto *line = scene()->addLine(x, y + kBracketHeight, x, bandTop, leg);
            line->setZValue(1);
        }
    }
    return bandTop;
}

double LayoutView::drawFileBand(double top, double width)
{
    const QPen pen(palette().color(QPalette::Text), 0.8);
    for (qsizetype i = 0; i < m_layout.fileBand.size(); ++i) {
        const LayoutBlock &b = m_layout.fileBand[i];
        const QRectF r(m_fileGeometry.x[i], top, m_fileGeometry.width[i], kBandHeight);
        const QString label
            = b.name + u'\n' + QLocale().formattedDataSize(qint64(b.size), 1, QLocale::DataSizeIecFormat);
        auto *item = block(r, blockBrush(b, false), pen, label, FileTip, int(i),
            b.part == LayoutPart::Section ? FileSectionItem : OtherBlockItem, b.section);
        if (b.part == LayoutPart::Gap)
            hatch(item, palette().color(QPalette::Mid), false);
        else if (b.part == LayoutPart::Overlap)
            hatch(item, picture::problem(), true);
    }
    QList<std::pair<double, double>> taken;
    auto *start = text(QStringLiteral("0"), {0, top + kBandHeight + 2}, true);
    taken.append({0, start->boundingRect().width()});
    auto *end = text(hexString(m_layout.fileSize), {0, top + kBandHeight + 2}, true);
    end->setX(width - end->boundingRect().width());
    taken.append({end->x(), width});
    tagNarrowSections(m_layout.fileBand, m_fileGeometry, top + kBandHeight, taken);
    return top + kBandHeight;
}

double LayoutView::drawMemoryBand(double top, double width)
{
    Q_UNUSED(width);
    const QPen pen(palette().color(QPalette::Text), 0.8);
    QPen dashed(palette().color(QPalette::Mid), 1, Qt::DashLine);
    QColor hatchColour = palette().color(QPalette::Text);
    hatchColour.setAlpha(120);
    QList<std::pair<double, double>> taken;
    int lastSegment = -1;
    for (qsizetype i = 0; i < m_layout.memoryBand.size(); ++i) {
        const LayoutBlock &b = m_layout.memoryBand[i];
        const QRectF r(m_memoryGeometry.x[i], top, m_memoryGeometry.width[i], kBandHeight);
        const bool unmapped = b.part == LayoutPart::Unmapped;
        const QString label = unmapped
            ? QStringLiteral("…")
            : b.name + u'\n' + QLocale().formattedDataSize(qint64(b.size), 1, QLocale::DataSizeIecFormat);
        auto *item = block(r, blockBrush(b, true), unmapped ? dashed : pen, label, MemoryTip, int(i),
            b.part == LayoutPart::Section ? MemorySectionItem : OtherBlockItem, b.section);
        if (b.memoryOnly)
            hatch(item, hatchColour, false);
        // Each segment's start address under the band, where there is room for it.
        if (!unmapped && b.segment != lastSegment) {
            lastSegment = b.segment;
            if (taken.isEmpty() || r.x() > taken.last().second + 6) {
                auto *t = text(hexString(b.start), {r.x(), top + kBandHeight + 2}, true);
                taken.append({r.x(), r.x() + t->boundingRect().width()});
            }
        }
    }
    tagNarrowSections(m_layout.memoryBand, m_memoryGeometry, top + kBandHeight, taken);
    text(tr("Memory after loading (execution view): PT_LOAD segments at their virtual addresses; hatched: no bytes "
            "in the file"),
        {0, top + kBandHeight + 36}, true);
    return top + kBandHeight + 56;
}

// The sections a student looks for get their name under the band when the block is too narrow to hold it, where
// that does not cover another label.
void LayoutView::tagNarrowSections(const QList<LayoutBlock> &band, const BandGeometry &geometry, double bottom,
    QList<std::pair<double, double>> &taken)
{
    static const QStringList kKey {
        QStringLiteral(".text"), QStringLiteral(".rodata"), QStringLiteral(".data"), QStringLiteral(".bss")};
    const QPen tick(palette().color(QPalette::Text), 0.8);
    QList<std::pair<double, double>> lower;
    for (qsizetype i = 0; i < band.size(); ++i) {
        const LayoutBlock &b = band[i];
        if (b.part != LayoutPart::Section || !kKey.contains(b.name)
            || m_labelMetrics.horizontalAdvance(b.name) + 6 <= geometry.width[i])
            continue;
        const double w = m_labelMetrics.horizontalAdvance(b.name);
        const double x = std::max(0.0, geometry.x[i] + geometry.width[i] / 2 - w / 2);
        // Under the band, or one line lower when that place is taken.
        for (auto *row : {&taken, &lower}) {
            const bool clash = std::any_of(
                row->cbegin(), row->cend(), [&](const auto &t) { return x < t.second + 4 && t.first < x + w + 4; });
            if (clash)
                continue;
            row->append({x, x + w});
            const double drop = row == &taken ? 6 : 20;
            auto *t = text(b.name, {x, bottom + drop}, true);
            t->setFont(m_labelFont);
            const double centre = geometry.x[i] + geometry.width[i] / 2;
            scene()->addLine(centre, bottom, centre, bottom + drop, tick)->setZValue(3);
            break;
        }
    }
}

void LayoutView::drawLoadLinks(double fileBottom, double memoryTop)
{
    for (const LayoutSegment &s : std::as_const(m_layout.segments)) {
        if (s.type != 1 || s.fileSize == 0 || s.offset >= m_layout.fileSize)
            continue;
        const bool drawn = std::any_of(m_layout.memoryBand.cbegin(), m_layout.memoryBand.cend(),
            [&](const LayoutBlock &b) { return b.segment == s.index; });
        if (!drawn)
            continue;
        const std::uint64_t bytes = std::min({s.fileSize, s.memorySize, m_layout.fileSize - s.offset});
        const double f1 = m_fileGeometry.xAt(m_layout.fileBand, s.offset);
        const double f2 = m_fileGeometry.xAt(m_layout.fileBand, s.offset + bytes);
        const double m1 = m_memoryGeometry.xAt(m_layout.memoryBand, s.address);
        const double m2 = m_memoryGeometry.xAt(m_layout.memoryBand, s.address + bytes);
        QColor c = picture::categorical(permissionColour(s.permissions()));
        c.setAlpha(70);
        QPolygonF shape {{f1, fileBottom}, {f2, fileBottom}, {m2, memoryTop}, {m1, memoryTop}};
        auto *link = scene()->addPolygon(shape, QPen(c.darker(150), 0.6), c);
        link->setToolTip(tr("%1 %2: file offset %3 is mapped at address %4")
                             .arg(s.name, spaced(s.permissions()), hexString(s.offset), hexString(s.address)));
        link->setZValue(0);
    }
}

double LayoutView::drawLegend(double top, double width)
{
    struct Entry {
        QBrush brush;
        QString text;
        QColor hatch = {}; // lines over the swatch, as over the blocks it stands for
        bool cross = false;
    };
    const QPalette &p = palette();
    QList<Entry> entries {
        {picture::fill(permissionColour(QStringLiteral("RX")), p), tr("R X: code (sections flagged AX)")},
        {picture::fill(permissionColour(QStringLiteral("R")), p), tr("R: read-only data (A)")},
        {picture::fill(permissionColour(QStringLiteral("RW")), p), tr("RW: writable data (WA)")},
        {picture::fill(kHeaderColour, p), tr("ELF header, header tables")},
        {picture::fill(permissionColour(QString()), p), tr("not loaded: symbols, strings, debug info")},
        {p.base(), tr("gap: bytes no header describes"), p.color(QPalette::Mid)},
    };
    const auto has = [&](LayoutPart part) {
        return std::any_of(
            m_layout.fileBand.cbegin(), m_layout.fileBand.cend(), [&](const LayoutBlock &b) { return b.part == part; });
    };
    if (std::any_of(m_layout.segments.cbegin(), m_layout.segments.cend(),
            [](const LayoutSegment &s) { return permissionColour(s.permissions()) == 6; }))
        entries.append({picture::fill(6, p), tr("writable and executable")});
    if (has(LayoutPart::Overlap))
        entries.append({mix(picture::problem(), p.color(QPalette::Base)), tr("overlap: bytes claimed twice"),
            picture::problem(), true});
    if (!m_layout.memoryBand.isEmpty())
        entries.append(
            {p.base(), tr("memory only: no bytes in the file (.bss, zero-filled)"), p.color(QPalette::Text)});
    double x = 0, y = top;
    for (const Entry &e : std::as_const(entries)) {
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        const double w = 20 + QFontMetricsF(f).horizontalAdvance(e.text) + 18;
        if (x > 0 && x + w > width) {
            x = 0;
            y += 22;
        }
        auto *swatch = scene()->addRect(QRectF(x, y + 2, 14, 14), QPen(p.color(QPalette::Text), 0.8), e.brush);
        if (e.hatch.isValid())
            hatch(swatch, e.hatch, e.cross);
        text(e.text, {x + 20, y}, true);
        x += w;
    }
    y += 26;
    QStringList notes;
    QStringList unbracketed;
    for (const LayoutSegment &s : std::as_const(m_layout.segments))
        if (s.row < 0)
            unbracketed << QStringLiteral("%1 %2").arg(s.name, spaced(s.permissions()));
    if (!unbracketed.isEmpty())
        notes << tr("Segments with no bytes in the file: %1").arg(unbracketed.join(QStringLiteral(", ")));
    notes += m_layout.notInFile;
    notes << tr("Widths are proportional to size, except that no block is narrower than %1 pixels. Hover for "
                "offsets, sizes and flags; click a section or a segment to see it in its table.")
                 .arg(kMinBlock);
    for (const QString &n : std::as_const(notes)) {
        text(n, {0, y}, true);
        y += 18;
    }
    // A few problems say what is wrong; fifty would make the picture a list (the Overview lists every warning).
    constexpr qsizetype kShownProblems = 8;
    QStringList problems = m_layout.problems.mid(0, kShownProblems);
    if (m_layout.problems.size() > kShownProblems)
        problems << tr("… and %1 more problems like these.").arg(m_layout.problems.size() - kShownProblems);
    for (const QString &problem : std::as_const(problems)) {
        auto *t = text(problem, {0, y}, true);
        t->setBrush(picture::isDark(p) ? picture::problem().lighter(170) : picture::problem());
        y += 18;
    }
    return y;
}

void LayoutView::fitAll()
{
    setAutoFit(false);
    if (m_items.isEmpty())
        return;
    resetTransform();
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    if (transform().m11() > 1.0)
        resetTransform();
}

void LayoutView::fitReadable()
{
    setAutoFit(true);
    if (m_items.isEmpty())
        return;
    // The whole picture when its text stays readable; else as tall as the window, scrolled to offset 0 (a file
    // with thousands of sections is a long band to scroll along, not a sliver).
    const QRectF r = scene()->sceneRect();
    const QSizeF room = viewport()->size();
    const double whole = std::min({room.width() / r.width(), room.height() / r.height(), 1.0});
    const double scale = whole >= 0.6 ? whole : std::min(room.height() / r.height(), 1.0);
    resetTransform();
    QGraphicsView::scale(scale, scale);
    centerOn(r.left() + room.width() / scale / 2, r.center().y());
}

void LayoutView::select(QGraphicsRectItem *item)
{
    if (m_selected)
        m_selected->setPen(m_selected->data(2).value<QPen>());
    m_selected = item;
    if (item) {
        item->setData(2, QVariant::fromValue(item->pen()));
        item->setPen(m_selectedPen);
        item->setZValue(2.5);
    }
}

void LayoutView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        for (QGraphicsItem *item : QGraphicsView::items(event->position().toPoint())) {
            while (item && !item->data(KindKey).isValid())
                item = item->parentItem();
            if (!item)
                continue;
            const int kind = item->data(KindKey).toInt();
            const int index = item->data(IndexKey).toInt();
            if (kind == FileSectionItem || kind == MemorySectionItem) {
                select(static_cast<QGraphicsRectItem *>(item));
                emit sectionClicked(index);
            } else if (kind == SegmentItem) {
                select(static_cast<QGraphicsRectItem *>(item));
                emit segmentClicked(index);
            }
            break;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

QString LayoutView::exportPicture(const QString &path) const
{
    return picture::save(
        scene(), path, tr("Layout of %1").arg(QFileInfo(m_layout.path).fileName()), scene()->sceneRect());
}

} // namespace linklab
