// SPDX-License-Identifier: MIT
#include "inspector/sizemapview.h"

#include "common/jobtracker.h"
#include "common/picture.h"

#include "support/treemap.h"

#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QHash>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>

namespace linklab {

namespace {

constexpr double LegendHeight = 24;
constexpr double HeaderHeight = 16;
constexpr double Padding = 2;
constexpr int OwnColours = 7; // the largest sections; the rest share the eighth colour (grey)

// Paints the view's map into a scene, so that pictures are saved the one way every picture is (picture::save).
class MapItem : public QGraphicsItem
{
public:
    explicit MapItem(const SizeMapView *view)
        : m_view(view)
    {
    }
    QRectF boundingRect() const override { return QRectF(QPointF(0, 0), m_view->size()); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override { m_view->paintMap(*painter); }

private:
    const SizeMapView *m_view;
};

// Diagonal lines over `r`, drawn as lines rather than a pattern brush: SVG readers (Qt's own among them) do not
// resolve the pattern QSvgGenerator writes for Qt::BDiagPattern.
void hatch(QPainter &p, const QRectF &r, const QColor &colour)
{
    p.save();
    p.setClipRect(r, Qt::IntersectClip);
    p.setPen(QPen(colour, 1));
    constexpr double Step = 7;
    for (double x = r.left() - r.height(); x < r.right(); x += Step)
        p.drawLine(QPointF(x, r.bottom()), QPointF(x + r.height(), r.top()));
    p.restore();
}

QString bytes(std::uint64_t value)
{
    return QLocale::system().formattedDataSize(qint64(value), 1, QLocale::DataSizeIecFormat);
}

QString share(std::uint64_t part, std::uint64_t whole)
{
    if (!whole)
        return QStringLiteral("-");
    const double percent = 100.0 * double(part) / double(whole);
    // Two significant digits below 0.1%: one of libLLVM's 44k functions is not "0.0%" of it.
    return (percent < 0.1 && part ? QString::number(percent, 'g', 2) : QString::number(percent, 'f', 1)) + u'%';
}

} // namespace

std::shared_ptr<const SizeMapData> SizeMapData::measure(const BinaryInfo &info)
{
    auto data = std::make_shared<SizeMapData>();
    data->archive = info.isArchive();
    data->dynamicOnly = !data->archive && !info.symbols.isEmpty()
        && std::none_of(info.symbols.begin(), info.symbols.end(),
            [](const SymbolInfo &s) { return s.table == SymbolTable::Static; });
    data->rows = sizeRows(info, SizeDetail::SectionsAndSymbols);
    data->tree = sizeTree(data->rows);
    // Colours by section name, largest first (memory size), so .text is orange in every file and every member.
    QHash<QString, std::uint64_t> totals;
    for (const SizeNode &n : std::as_const(data->tree))
        if (n.kind == SizeNode::Section)
            totals[n.label] += n.size;
    QList<QString> names = totals.keys();
    std::sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
        return totals.value(a) != totals.value(b) ? totals.value(a) > totals.value(b) : a < b;
    });
    QHash<QString, int> colourOf;
    for (int i = 0; i < names.size(); ++i) {
        colourOf.insert(names.at(i), std::min(i, OwnColours));
        if (i < OwnColours)
            data->legend.append({names.at(i), i});
    }
    if (names.size() > OwnColours)
        data->legend.append({QObject::tr("other sections"), OwnColours});
    data->colour.resize(data->tree.size(), -1);
    for (int i = 0; i < data->tree.size(); ++i) {
        const SizeNode &n = data->tree.at(i);
        if (n.kind == SizeNode::Section)
            data->colour[i] = colourOf.value(n.label);
        else if (n.kind == SizeNode::Symbol)
            data->colour[i] = data->colour.at(n.parent);
    }
    return data;
}

SizeMapView::SizeMapView(QWidget *parent)
    : QWidget(parent)
    , m_layoutJob(new JobTracker(this))
{
    setMouseTracking(true);
    setMinimumSize(200, 120);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

SizeMapView::~SizeMapView() = default;

void SizeMapView::setData(std::shared_ptr<const SizeMapData> data)
{
    m_data = std::move(data);
    m_rects.clear();
    m_hovered = -1;
    setFilter(m_filter);
    relayout();
}

void SizeMapView::setMeasure(SizeMeasure measure)
{
    if (measure == m_measure)
        return;
    m_measure = measure;
    relayout();
}

void SizeMapView::setFilter(const TextFilter &filter)
{
    m_filter = filter;
    m_matches.clear();
    if (m_data && !filter.isEmpty() && filter.isValid()) {
        const QList<SizeNode> &tree = m_data->tree;
        m_matches.resize(tree.size(), false);
        // Children come after their parent: a matching leaf marks its ancestors on the way up.
        for (int i = int(tree.size()) - 1; i >= 0; --i) {
            const SizeNode &n = tree.at(i);
            if (n.row < 0)
                continue;
            const SizeRow &r = m_data->rows.at(n.row);
            bool match = filter.matches(n.label) || filter.matches(r.demangled);
            for (const QString &alias : r.aliases)
                match = match || filter.matches(alias);
            if (!match)
                continue;
            for (int p = i; p >= 0 && !m_matches.at(p); p = tree.at(p).parent)
                m_matches[p] = true;
        }
    }
    invalidateCache();
}

bool SizeMapView::isDimmed(int node) const
{
    return !m_matches.isEmpty() && node >= 0 && node < m_matches.size() && !m_matches.at(node);
}

QRectF SizeMapView::mapArea() const
{
    return QRectF(0, 0, width(), std::max(0.0, height() - LegendHeight));
}

std::uint64_t SizeMapView::weight(int node) const
{
    const SizeNode &n = m_data->tree.at(node);
    return m_measure == SizeMeasure::Memory ? n.size : n.fileSize;
}

void SizeMapView::relayout()
{
    if (!m_data || mapArea().isEmpty())
        return;
    const QRectF area = mapArea();
    const QSizeF size = this->size();
    const bool file = m_measure == SizeMeasure::File;
    m_layoutJob->startJob(
        [data = m_data, area, file] {
            QList<treemap::Node> nodes;
            nodes.reserve(data->tree.size());
            for (const SizeNode &n : data->tree)
                nodes.append({double(file ? n.fileSize : n.size), n.children});
            return treemap::layout(nodes, area, {HeaderHeight, Padding, 3 * HeaderHeight});
        },
        [this, size](QList<QRectF> rects) {
            m_rects = std::move(rects);
            m_layoutSize = size;
            m_hovered = -1;
            invalidateCache();
            Q_EMIT laidOut();
        });
}

void SizeMapView::invalidateCache()
{
    m_cache = QPixmap();
    update();
}

void SizeMapView::paintMap(QPainter &p) const
{
    p.save();
    p.setFont(font());
    p.fillRect(QRectF(QPointF(0, 0), size()), palette().color(QPalette::Base));
    const QColor text = palette().color(QPalette::Text);
    const QFontMetricsF metrics(font());
    const double lineHeight = metrics.height();
    // The fills, once per paint rather than once per block: colour index -1 (members) to 7, plain and dimmed.
    std::array<QColor, 18> fills;
    const QColor base = palette().color(QPalette::Base);
    for (int colour = -1; colour <= OwnColours; ++colour) {
        const QColor c = colour < 0 ? palette().color(QPalette::AlternateBase) : picture::fill(colour, palette());
        fills[size_t(2 * (colour + 1))] = c;
        fills[size_t(2 * (colour + 1) + 1)] = QColor(
            (c.red() + 3 * base.red()) / 4, (c.green() + 3 * base.green()) / 4, (c.blue() + 3 * base.blue()) / 4);
    }
    if (!m_data || m_rects.size() != m_data->tree.size()) {
        p.setPen(text);
        p.drawText(mapArea(), Qt::AlignCenter, m_data ? tr("Laying out…") : tr("Measuring…"));
    } else {
        p.save();
        // After a resize and before the new layout is in, the old one stretched to the new size.
        p.setTransform(layoutTransform(), true);
        QColor border = text;
        border.setAlphaF(0.35f);
        const QList<SizeNode> &tree = m_data->tree;
        for (int i = 1; i < tree.size(); ++i) {
            const QRectF r = m_rects.at(i);
            if (r.width() < 0.5 || r.height() < 0.5)
                continue; // below a pixel: its parent's colour shows there
            const SizeNode &n = tree.at(i);
            const bool inner = !n.children.isEmpty();
            const bool dimmed = isDimmed(i);
            p.setPen(r.width() > 3 && r.height() > 3 ? QPen(border, 0) : Qt::NoPen);
            p.setBrush(fills[size_t(2 * (m_data->colour.at(i) + 1) + (dimmed ? 1 : 0))]);
            p.drawRect(r);
            if (n.row >= 0 && m_data->rows.at(n.row).symbolIndex < 0 && n.kind == SizeNode::Symbol) {
                // "[unattributed]": hatched, so that bytes no symbol names never pass for a symbol
                QColor lines = picture::categorical(m_data->colour.value(i, 7));
                // Faint enough that a label over the lines keeps its contrast (4.5:1) in light and dark themes.
                lines.setAlphaF(dimmed ? 0.15f : (picture::isDark(palette()) ? 0.4f : 0.6f));
                hatch(p, r, lines);
            }
            const bool header = inner && r.height() >= 3 * HeaderHeight && r.width() >= 3 * HeaderHeight;
            if ((header || (!inner && r.height() >= lineHeight + 2 && r.width() >= 40)) && !dimmed) {
                const QString label = inner ? n.label + QStringLiteral("  ") + bytes(weight(i)) : n.label;
                const QRectF textRect
                    = inner ? QRectF(r.left() + 4, r.top() + 1, r.width() - 8, HeaderHeight) : r.adjusted(3, 1, -3, -1);
                p.setPen(text);
                p.drawText(textRect, Qt::AlignLeft | Qt::AlignTop,
                    metrics.elidedText(label, Qt::ElideRight, textRect.width()));
            }
        }
        p.restore();
    }
    // The legend: a chip per colour, then how [unattributed] is drawn.
    double x = 6;
    const double y = height() - LegendHeight + 5;
    p.setPen(text);
    if (m_data) {
        const QString unattributed = tr("%1: bytes no symbol covers").arg(unattributedName());
        const double reserve = 18 + metrics.horizontalAdvance(unattributed) + 6;
        for (const auto &[name, colour] : m_data->legend) {
            const double w = metrics.horizontalAdvance(name);
            if (x + 18 + w + 12 + reserve > width()) {
                p.drawText(QPointF(x, y + 12), QStringLiteral("…"));
                x += metrics.horizontalAdvance(QStringLiteral("…")) + 12;
                break; // no room for more: the legend never runs past the picture's edge
            }
            const QRectF chip(x, y, 14, 14);
            p.setPen(QPen(text, 0));
            p.setBrush(picture::fill(colour, palette()));
            p.drawRect(chip);
            p.drawText(QPointF(x + 18, y + 12), name);
            x += 18 + w + 12;
        }
        const QRectF chip(x, y, 14, 14);
        p.setBrush(palette().color(QPalette::Base));
        p.drawRect(chip);
        QColor lines = text;
        lines.setAlphaF(0.6f);
        hatch(p, chip, lines);
        p.setPen(text);
        p.drawText(QPointF(x + 18, y + 12), unattributed);
    }
    p.restore();
}

void SizeMapView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const qreal ratio = devicePixelRatioF();
    if (m_cache.isNull() || m_cache.size() != size() * ratio) {
        m_cache = QPixmap(size() * ratio);
        m_cache.setDevicePixelRatio(ratio);
        QPainter cache(&m_cache);
        paintMap(cache);
    }
    p.drawPixmap(0, 0, m_cache);
    if (m_hovered > 0 && m_hovered < m_rects.size()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawRect(layoutTransform().mapRect(m_rects.at(m_hovered)));
    }
}

void SizeMapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    invalidateCache();
    relayout();
}

QTransform SizeMapView::layoutTransform() const
{
    QTransform t;
    if (!m_layoutSize.isEmpty() && m_layoutSize != QSizeF(size()))
        t.scale(
            width() / m_layoutSize.width(), mapArea().height() / std::max(1.0, m_layoutSize.height() - LegendHeight));
    return t;
}

int SizeMapView::nodeAt(QPointF point) const
{
    if (!m_data || m_rects.size() != m_data->tree.size() || !mapArea().contains(point))
        return -1;
    point = layoutTransform().inverted().map(point);
    // Down the tree: each node's children lie inside it, so one child per level is looked at in depth.
    int node = 0;
    for (bool deeper = true; deeper;) {
        deeper = false;
        for (int child : m_data->tree.at(node).children) {
            if (m_rects.at(child).contains(point)) {
                node = child;
                deeper = true;
                break;
            }
        }
    }
    return node == 0 ? -1 : node;
}

QString SizeMapView::describe(int node) const
{
    if (!m_data || node <= 0 || node >= m_data->tree.size())
        return {};
    const QList<SizeNode> &tree = m_data->tree;
    const SizeNode &n = tree.at(node);
    const std::uint64_t whole = weight(0);
    const std::uint64_t own = weight(node);
    QString name = n.label;
    QStringList lines;
    if (n.row >= 0) {
        const SizeRow &r = m_data->rows.at(n.row);
        if (n.kind == SizeNode::Symbol && r.demangled != r.symbol)
            name = r.demangled;
        if (n.kind == SizeNode::Symbol)
            lines << tr("in %1").arg(r.member.isEmpty() ? r.section : r.member + QStringLiteral(": ") + r.section);
        if (!r.aliases.isEmpty())
            lines << tr("also named %1").arg(r.aliases.join(QStringLiteral(", ")));
        if (r.symbolIndex < 0 && n.kind == SizeNode::Symbol)
            lines << tr("bytes of the section no symbol covers (padding, tables, code without a symbol)");
    }
    // Whether the section is loaded: from the node's row, or its first leaf's for a section with symbols.
    int leaf = node;
    while (m_data->tree.at(leaf).row < 0 && !m_data->tree.at(leaf).children.isEmpty())
        leaf = m_data->tree.at(leaf).children.first();
    const bool unloaded = n.kind != SizeNode::Member && m_data->tree.at(leaf).row >= 0
        && !m_data->rows.at(m_data->tree.at(leaf).row).loaded;
    if (unloaded)
        lines << tr("%1 (sh_size), %2 in the file; not loaded into memory (no SHF_ALLOC)")
                     .arg(bytes(n.size), bytes(n.fileSize));
    else
        lines << tr("%1 in memory, %2 in the file").arg(bytes(n.size), bytes(n.fileSize));
    QString shareLine = tr("%1 of the whole").arg(share(own, whole));
    if (n.parent > 0)
        shareLine += tr(", %1 of %2").arg(share(own, weight(n.parent)), tree.at(n.parent).label);
    lines << shareLine;
    QString html = QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped());
    for (const QString &line : std::as_const(lines))
        html += QStringLiteral("<br>") + line.toHtmlEscaped();
    return html;
}

void SizeMapView::mouseMoveEvent(QMouseEvent *event)
{
    const int node = nodeAt(event->position());
    if (node != m_hovered) {
        m_hovered = node;
        update();
        Q_EMIT hoveredChanged(node);
    }
    if (node > 0)
        QToolTip::showText(event->globalPosition().toPoint(), describe(node), this);
    else
        QToolTip::hideText();
}

void SizeMapView::mousePressEvent(QMouseEvent *event)
{
    const int node = nodeAt(event->position());
    if (event->button() != Qt::LeftButton || node <= 0)
        return;
    const SizeNode &n = m_data->tree.at(node);
    if (n.kind == SizeNode::Symbol && n.row >= 0 && m_data->rows.at(n.row).symbolIndex >= 0)
        Q_EMIT rowActivated(n.row);
}

void SizeMapView::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    if (m_hovered != -1) {
        m_hovered = -1;
        update();
        Q_EMIT hoveredChanged(-1);
    }
}

void SizeMapView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        invalidateCache();
}

QString SizeMapView::save(const QString &path, const QString &title) const
{
    QGraphicsScene scene;
    scene.setBackgroundBrush(palette().color(QPalette::Base));
    scene.addItem(new MapItem(this));
    return picture::save(&scene, path, title, QRectF(QPointF(0, 0), size()));
}

} // namespace linklab
