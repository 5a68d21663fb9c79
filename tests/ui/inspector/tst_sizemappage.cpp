// SPDX-License-Identifier: MIT
// The Size Map tab of the Inspector, offscreen: blocks in proportion to the sizes, the memory/file toggle, a click
// that selects the symbol in the Symbols page, the search, and the exported pictures.
#include "binarysupport.h"
#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/tablepage.h"
#include "inspector/archivememberspage.h"
#include "inspector/binaryview.h"
#include "inspector/sizemappage.h"
#include "inspector/sizemapview.h"
#include "inspector/sizetablemodel.h"
#include "inspector/symbolmodel.h"
#include "inspector/symbolspage.h"

#include "binary/openbinary.h"

#include "sizecheck.h"
#include "testsupport.h"

#include <QComboBox>
#include <QImage>
#include <QPalette>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <cmath>

using namespace linklab;
using namespace linklab::test;

namespace {

std::shared_ptr<const BinaryInfo> load(const QString &path)
{
    return linklab::test::loadShared(path);
}

// WCAG's contrast ratio between two colours (4.5 is what body text needs).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

double area(const QRectF &r)
{
    return r.width() * r.height();
}

// The tree node of the symbol (or section, at the top level) with this label.
int nodeNamed(const SizeMapData &data, const QString &label, SizeNode::Kind kind)
{
    for (int i = 0; i < data.tree.size(); ++i)
        if (data.tree.at(i).kind == kind && data.tree.at(i).label == label)
            return i;
    return -1;
}

} // namespace

class TestSizeMapPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_library, m_archive;

    // A BinaryView on its Size Map tab, measured and laid out.
    std::unique_ptr<BinaryView> open(const QString &path)
    {
        auto view = std::make_unique<BinaryView>(load(path));
        view->resize(1000, 700);
        view->show();
        view->setCurrentWidget(view->sizeMap());
        SizeMapPage *page = view->sizeMap();
        [&] { QTRY_VERIFY(page->isMeasured()); }();
        [&] { QTRY_COMPARE(page->view()->rects().size(), page->view()->data()->tree.size()); }();
        return view;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString problem = buildSizeFixtures(m_dir.path());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_library = m_dir.filePath(QStringLiteral("libsizes.so"));
        m_archive = m_dir.filePath(QStringLiteral("libsizes.a"));
    }

    void blocksAreInProportion()
    {
        const auto view = open(m_library);
        SizeMapView *map = view->sizeMap()->view();
        const SizeMapData &data = *map->data();
        const QList<QRectF> &rects = map->rects();
        const QRectF whole = map->mapArea();
        QCOMPARE(rects.first(), whole);
        const double total = double(data.tree.first().size);
        // Sections: exactly their share of the whole.
        for (int s : data.tree.first().children) {
            const double expected = double(data.tree.at(s).size) / total;
            QVERIFY2(qAbs(area(rects.at(s)) / area(whole) - expected) < 1e-9, qPrintable(data.tree.at(s).label));
            // Symbols: their share of what the section gives them (its block less its header).
            double inner = 0;
            for (int c : data.tree.at(s).children)
                inner += area(rects.at(c));
            for (int c : data.tree.at(s).children) {
                const double part = double(data.tree.at(c).size) / double(data.tree.at(s).size);
                QVERIFY(qAbs(area(rects.at(c)) - inner * part) < 1e-6 * area(whole));
                QVERIFY(rects.at(s).adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(rects.at(c)));
            }
        }
        // The table holds the same figures, with shares of the whole.
        SizeTableModel *model = view->sizeMap()->model();
        QCOMPARE(model->rowCount(), int(data.rows.size()));
        QCOMPARE(model->total(), data.tree.first().size);
        const int big = nodeNamed(data, QStringLiteral("big_buffer"), SizeNode::Symbol);
        QVERIFY(big > 0);
        const QString tip = map->describe(big);
        QVERIFY2(tip.contains(QStringLiteral("big_buffer")) && tip.contains(QStringLiteral("of the whole")),
            qPrintable(tip));
        QCOMPARE(map->nodeAt(rects.at(big).center()), big);
    }

    void resizeLaysOutAgain()
    {
        const auto view = open(m_library);
        SizeMapView *map = view->sizeMap()->view();
        const int big = nodeNamed(*map->data(), QStringLiteral("big_buffer"), SizeNode::Symbol);
        const QRectF before = map->rects().at(big);
        QSignalSpy laidOut(map, &SizeMapView::laidOut);
        view->resize(700, 900);
        // Until the new layout is in, the old one is stretched: the block is still found where it is drawn.
        if (laidOut.isEmpty())
            QVERIFY(
                map->nodeAt(QPointF(before.center().x() * map->width() / 1000.0, map->mapArea().center().y())) >= 0);
        QVERIFY(laidOut.wait());
        QCOMPARE(map->rects().first(), map->mapArea());
        QCOMPARE(map->nodeAt(map->rects().at(big).center()), big);
    }

    void clickSelectsTheSymbol()
    {
        const auto view = open(m_library);
        SizeMapView *map = view->sizeMap()->view();
        const int big = nodeNamed(*map->data(), QStringLiteral("big_buffer"), SizeNode::Symbol);
        QVERIFY(big > 0);
        // Hide it in the Symbols page first: the click must bring it back.
        view->symbols()->filterBar()->setPattern(QStringLiteral("real_function"));
        QTest::mouseClick(map, Qt::LeftButton, {}, map->rects().at(big).center().toPoint());
        QCOMPARE(view->currentWidget(), view->symbols());
        const QModelIndex current = view->symbols()->view()->currentIndex();
        QVERIFY(current.isValid());
        const int row = view->symbols()->proxy()->mapToSource(current).row();
        QCOMPARE(view->symbols()->model()->symbol(row).name, QStringLiteral("big_buffer"));
    }

    void clickInAnArchiveSelectsTheMember()
    {
        const auto view = open(m_archive);
        SizeMapView *map = view->sizeMap()->view();
        const int big = nodeNamed(*map->data(), QStringLiteral("big_buffer"), SizeNode::Symbol);
        QVERIFY(big > 0);
        QCOMPARE(map->data()->tree.at(map->data()->tree.at(map->data()->tree.at(big).parent).parent).label,
            QStringLiteral("sizes.o"));
        QTest::mouseClick(map, Qt::LeftButton, {}, map->rects().at(big).center().toPoint());
        QCOMPARE(view->currentWidget(), view->members());
        QCOMPARE(view->members()->tree()->view()->currentIndex().data().toString(), QStringLiteral("big_buffer"));
    }

    void toggleChangesTheShareOfBss()
    {
        const auto view = open(m_library);
        SizeMapPage *page = view->sizeMap();
        SizeMapView *map = page->view();
        const int bss = nodeNamed(*map->data(), QStringLiteral(".bss"), SizeNode::Section);
        QVERIFY(bss > 0);
        const double inMemory = area(map->rects().at(bss)) / area(map->mapArea());
        QVERIFY(inMemory > 0.5); // 100000 + 4096 of ~120000 bytes
        QSignalSpy laidOut(map, &SizeMapView::laidOut);
        page->measureCombo()->setCurrentIndex(page->measureCombo()->findData(int(SizeMeasure::File)));
        QVERIFY(laidOut.wait());
        QCOMPARE(map->measure(), SizeMeasure::File);
        QVERIFY(map->rects().at(bss).isEmpty()); // no bytes in the file
        // The other sections grew into the room: .text's share is larger.
        const int text = nodeNamed(*map->data(), QStringLiteral(".text"), SizeNode::Section);
        QVERIFY(area(map->rects().at(text)) / area(map->mapArea()) > 0.01);
        // The table follows.
        SizeTableModel *model = page->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, SizeTableModel::SectionColumn).data().toString() == u".bss")
                QCOMPARE(model->index(row, SizeTableModel::ShareColumn).data().toString(), QStringLiteral("0.00%"));
        page->measureCombo()->setCurrentIndex(0);
        QVERIFY(laidOut.wait());
        QVERIFY(qAbs(area(map->rects().at(bss)) / area(map->mapArea()) - inMemory) < 1e-9);
    }

    void searchDimsWhatDoesNotMatch()
    {
        const auto view = open(m_library);
        SizeMapPage *page = view->sizeMap();
        SizeMapView *map = page->view();
        page->table()->filterBar()->setPattern(QStringLiteral("alias_func"));
        const SizeMapData &data = *map->data();
        const int big = nodeNamed(data, QStringLiteral("big_buffer"), SizeNode::Symbol);
        int function = nodeNamed(data, QStringLiteral("real_function"), SizeNode::Symbol);
        if (function < 0)
            function = nodeNamed(data, QStringLiteral("alias_function"), SizeNode::Symbol);
        QVERIFY(function > 0);
        QVERIFY(map->isDimmed(big));
        QVERIFY(!map->isDimmed(function)); // found by its alias
        QVERIFY(!map->isDimmed(data.tree.at(function).parent)); // and its section with it
        QCOMPARE(page->table()->proxy()->rowCount(), 1);
    }

    void exportsPngAndSvg()
    {
        const auto view = open(m_library);
        SizeMapView *map = view->sizeMap()->view();
        QTemporaryDir out;
        const QString png = out.filePath(QStringLiteral("map.png")), svg = out.filePath(QStringLiteral("map.svg"));
        QCOMPARE(map->save(png, QStringLiteral("Size map")), QString());
        QCOMPARE(map->save(svg, QStringLiteral("Size map")), QString());
        const QImage image(png);
        QCOMPARE(image.size(), map->size() * 2);
        // Not blank: the .bss block's colour is in it.
        const int bss = nodeNamed(*map->data(), QStringLiteral(".bss"), SizeNode::Section);
        const QPoint inside = (map->rects().at(bss).center() * 2).toPoint();
        QVERIFY(image.pixelColor(inside) != image.pixelColor(1, 1) || image.pixelColor(inside) != Qt::white);
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QVERIFY(readFile(svg).contains("big_buffer"));
        QVERIFY(map->save(out.filePath(QStringLiteral("map.bmp")), {}).contains(QStringLiteral(".png or .svg")));
    }

    // Labels stay readable on every block, in a light and in a dark theme (the picture keeps the theme's base).
    void readableInLightAndDarkThemes_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void readableInLightAndDarkThemes()
    {
        QFETCH(bool, dark);
        const auto view = open(m_library);
        SizeMapView *map = view->sizeMap()->view();
        QPalette palette = map->palette();
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
            palette.setColor(QPalette::Base, QColor(0x18, 0x18, 0x1a));
            palette.setColor(QPalette::AlternateBase, QColor(0x30, 0x30, 0x34));
            palette.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        }
        map->setPalette(palette);
        QTemporaryDir out;
        const QString png = out.filePath(QStringLiteral("map.png"));
        QCOMPARE(map->save(png, QStringLiteral("Size map")), QString());
        const QImage image(png);
        QCOMPARE(
            image.pixelColor(image.width() - 2, image.height() - 2), palette.color(QPalette::Base)); // legend strip
        const SizeMapData &data = *map->data();
        for (int node : data.tree.first().children) {
            const QRectF r = map->rects().at(node);
            if (r.width() < 8 || r.height() < 8)
                continue;
            // The block's background: the commonest colour over its lower half (where a label goes; thin border
            // and hatching lines are a minority of the pixels).
            QHash<QRgb, int> seen;
            for (int ix = 1; ix < 12; ++ix)
                for (int iy = 6; iy < 12; ++iy)
                    ++seen[image.pixel(
                        (QPointF(r.left() + ix * r.width() / 12, r.top() + iy * r.height() / 12) * 2).toPoint())];
            const QRgb background = std::max_element(seen.keyValueBegin(), seen.keyValueEnd(), [](auto a, auto b) {
                return a.second < b.second;
            })->first;
            QVERIFY2(contrast(QColor(background), palette.color(QPalette::Text)) >= 4.5,
                qPrintable(data.tree.at(node).label + u' ' + QColor(background).name()));
        }
    }
};

QTEST_MAIN(TestSizeMapPage)
#include "tst_sizemappage.moc"
