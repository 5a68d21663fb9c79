// SPDX-License-Identifier: MIT
#include "workspace/kindicon.h"

#include <QFont>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace linklab {

namespace {
QPixmap badge(const QString &label, const QColor &color, int size, bool outlined)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(pixmap.rect()).adjusted(1, size * 0.12, -1, -size * 0.12);
    if (outlined) {
        p.setPen(QPen(color, qMax(1.0, size / 16.0), Qt::DashLine));
        p.setBrush(Qt::NoBrush);
    } else {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
    }
    p.drawRoundedRect(box, size * 0.15, size * 0.15);
    QFont font;
    font.setBold(true);
    font.setPixelSize(qMax(6, int(size * (label.size() > 2 ? 0.3 : 0.42))));
    p.setFont(font);
    p.setPen(outlined ? color : QColor(Qt::white));
    p.drawText(box, Qt::AlignCenter, label);
    return pixmap;
}

QIcon makeIcon(const QString &label, const QColor &color, bool outlined = false)
{
    QIcon icon;
    for (int size : {16, 22, 32, 48})
        icon.addPixmap(badge(label, color, size, outlined));
    return icon;
}
} // namespace

namespace {
QIcon drawKindIcon(BinaryKind kind)
{
    switch (kind) {
    case BinaryKind::SharedLibrary: return makeIcon(QStringLiteral("SO"), QColor(0x2e, 0x7d, 0x32));
    case BinaryKind::Archive: return makeIcon(QStringLiteral("A"), QColor(0x6a, 0x1b, 0x9a));
    case BinaryKind::ThinArchive: return makeIcon(QStringLiteral("A"), QColor(0x6a, 0x1b, 0x9a), true);
    case BinaryKind::Relocatable: return makeIcon(QStringLiteral("O"), QColor(0x15, 0x65, 0xc0));
    case BinaryKind::PieExecutable:
    case BinaryKind::Executable: return makeIcon(QStringLiteral("EXE"), QColor(0xc6, 0x28, 0x28));
    case BinaryKind::Core: return makeIcon(QStringLiteral("CORE"), QColor(0x5d, 0x40, 0x37));
    case BinaryKind::OtherElf: return makeIcon(QStringLiteral("ELF"), QColor(0x54, 0x6e, 0x7a));
    }
    return {};
}
} // namespace

QIcon kindIcon(BinaryKind kind)
{
    // Views ask for the decoration on every repaint; draw each badge once.
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(kind));
    if (it == cache.end())
        it = cache.insert(int(kind), drawKindIcon(kind));
    return *it;
}

QIcon loadingIcon()
{
    static const QIcon icon = makeIcon(QStringLiteral("…"), QColor(0x90, 0x90, 0x90), true);
    return icon;
}

} // namespace linklab
