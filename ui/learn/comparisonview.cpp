// SPDX-License-Identifier: MIT
#include "learn/comparisonview.h"

#include "common/picture.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>

#include <algorithm>

namespace linklab {

namespace {
constexpr double ColumnWidth = 300, Gap = 80, MaxBox = 150, MinBox = 90;
} // namespace

ComparisonView::ComparisonView(QWidget *parent)
    : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setObjectName(QStringLiteral("comparisonView"));
}

void ComparisonView::setPrograms(const ProgramFacts &a, const ProgramFacts &b)
{
    QGraphicsScene *s = scene();
    s->clear();
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const qint64 biggest = std::max({a.size, b.size, qint64(1)});
    const double slowest = std::max({a.startupMs, b.startupMs, 0.001});
    const auto label = [&](const QString &words, QPointF at, bool bold = false) {
        auto *item = s->addSimpleText(words);
        QFont f = font();
        f.setBold(bold);
        item->setFont(f);
        item->setBrush(text);
        item->setPos(at);
        return item;
    };
    double bottom = 0;
    const ProgramFacts *programs[2] = {&a, &b};
    for (int i = 0; i < 2; ++i) {
        const ProgramFacts &p = *programs[i];
        const double x = i * (ColumnWidth + Gap);
        const bool carriesLibrary = !p.libraryFunctions.isEmpty();
        label(p.name + (carriesLibrary ? tr("  (the library copied in)") : tr("  (the library loaded at start-up)")),
            {x, 0}, true);
        const double height = MinBox + (MaxBox - MinBox) * double(p.size) / double(biggest);
        const QRectF box(x, 26, ColumnWidth, height);
        s->addRect(box, QPen(picture::categorical(0), 2), picture::fill(0, pal));
        label(tr("%1 bytes, %2 functions defined").arg(p.size).arg(p.definedFunctions), box.topLeft() + QPointF(8, 6));
        const QRectF inner(x + 8, box.top() + 30, ColumnWidth - 16, height - 40);
        if (carriesLibrary) {
            s->addRect(inner, QPen(picture::categorical(2)), picture::fill(2, pal));
            label(tr("library code: %n function(s)", nullptr, int(p.libraryFunctions.size())),
                inner.topLeft() + QPointF(6, 4));
            auto *names = label(p.libraryFunctions.mid(0, 4).join(QStringLiteral(", "))
                    + (p.libraryFunctions.size() > 4 ? QStringLiteral(", …") : QString()),
                inner.topLeft() + QPointF(6, 22));
            names->setBrush(pal.color(QPalette::PlaceholderText));
        } else {
            s->addRect(inner, QPen(picture::categorical(1), 1, Qt::DashLine), Qt::NoBrush);
            label(tr("only PLT stubs: calls jump through the GOT"), inner.topLeft() + QPointF(6, 4));
        }
        // NEEDED libraries under the program, an arrow to each.
        double y = box.bottom() + 30;
        label(tr("NEEDED (found by the loader at every start):"), {x, box.bottom() + 8});
        for (int n = 0; n < p.needed.size(); ++n) {
            const QRectF lib(x + 20 + n * 140, y + 10, 130, 26);
            const bool own = !a.libraryFunctions.isEmpty() && !p.needed[n].startsWith(QLatin1String("libc."))
                && !p.needed[n].startsWith(QLatin1String("libm."));
            const int colour = own
                    || (!carriesLibrary && !p.needed[n].startsWith(QLatin1String("libc."))
                        && !p.needed[n].startsWith(QLatin1String("libm.")))
                ? 2
                : 7;
            s->addRect(lib, QPen(picture::categorical(colour)), picture::fill(colour, pal));
            label(p.needed[n], lib.topLeft() + QPointF(6, 5));
            s->addLine(
                QLineF(QPointF(lib.center().x(), box.bottom()), QPointF(lib.center().x(), lib.top())), QPen(text));
        }
        y += 50;
        // Start-up time as a bar.
        label(tr("start-up and exit, median of 15 runs:"), {x, y});
        if (p.startupMs >= 0) {
            const double w = std::max(2.0, (ColumnWidth - 80) * p.startupMs / slowest);
            s->addRect(QRectF(x, y + 22, w, 16), Qt::NoPen, picture::categorical(4));
            label(QStringLiteral("%1 ms").arg(p.startupMs, 0, 'f', 2), {x + w + 6, y + 21});
        }
        bottom = std::max(bottom, y + 50);
    }
    auto *why = s->addText(QString());
    why->setDefaultTextColor(text);
    why->setTextWidth(2 * ColumnWidth + Gap);
    why->setHtml(tr("<b>Size</b>: the static link copied the library's code into the program; the shared program "
                    "holds a PLT stub per function. A fix in the library needs a relink of the static program, none "
                    "of the shared one.<br><b>NEEDED</b>: the shared program names the library; if the loader cannot "
                    "find it, the program does not start.<br><b>Start-up</b>: the loader finds, maps and relocates "
                    "each NEEDED library, and the libraries they need, before <tt>main()</tt>. Here both programs "
                    "end up with libc and libm (libstrmath.so needs libm), so the times differ by little more "
                    "than the noise of a busy machine."));
    why->setPos(0, bottom);
    s->setSceneRect(s->itemsBoundingRect().adjusted(-10, -10, 10, 10));
    fit();
}

void ComparisonView::fit()
{
    if (scene()->items().isEmpty())
        return;
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    if (transform().m11() > 1)
        resetTransform();
}

void ComparisonView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    fit();
}

QString ComparisonView::exportPicture(const QString &path) const
{
    return picture::save(scene(), path, tr("Static vs shared"), scene()->sceneRect());
}

} // namespace linklab
