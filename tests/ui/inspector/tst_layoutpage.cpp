// SPDX-License-Identifier: MIT
// The Layout tab of the Inspector, offscreen: it draws what the model (core/binary/filelayout.h) holds, one block per
// section piece and one bracket per segment with file bytes; a click on a section or a segment selects its row in
// the Sections or Segments tab; the picture saves as PNG and SVG that read back.
#include "binarysupport.h"
#include "fixturepaths.h"
#include "testsupport.h"

#include "binary/filelayout.h"
#include "binary/openbinary.h"
#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/tablepage.h"
#include "inspector/binaryview.h"
#include "inspector/layoutpage.h"
#include "inspector/layoutview.h"

#include <QElapsedTimer>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace linklab {
namespace {

std::shared_ptr<const BinaryInfo> load(const QString &path)
{
    return linklab::test::loadShared(path);
}

// A click in the middle of an item, as a user makes it.
void clickOn(LayoutView *view, QGraphicsItem *item)
{
    view->centerOn(item);
    const QPoint at = view->mapFromScene(item->sceneBoundingRect().center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
}

int selectedSourceRow(TablePage *page)
{
    return page->proxy()->mapToSource(page->view()->currentIndex()).row();
}

} // namespace

class TestLayoutPage : public QObject
{
    Q_OBJECT

private slots:
    void drawsTheModel_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("executable") << QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH);
        QTest::newRow("shared library") << QStringLiteral(LINKLAB_FIXTURE_SHARED);
        QTest::newRow("object") << QStringLiteral(LINKLAB_FIXTURE_OBJECT);
    }

    void drawsTheModel()
    {
        QFETCH(QString, path);
        const auto binary = load(path);
        BinaryView view(binary);
        view.resize(1280, 720);
        view.show();
        LayoutPage *page = view.layoutPage();
        QVERIFY(page);
        view.setCurrentWidget(page);
        QTRY_VERIFY(page->isReady());

        const FileLayout model = fileLayout(*binary);
        LayoutView *drawn = page->view();
        QCOMPARE(drawn->items(LayoutView::FileSectionItem).size(), model.sectionBlockCount());
        const auto bracketed = std::count_if(
            model.segments.cbegin(), model.segments.cend(), [](const LayoutSegment &s) { return s.row >= 0; });
        QCOMPARE(drawn->items(LayoutView::SegmentItem).size(), bracketed);
        const auto memorySections = std::count_if(model.memoryBand.cbegin(), model.memoryBand.cend(),
            [](const LayoutBlock &b) { return b.part == LayoutPart::Section; });
        QCOMPARE(drawn->items(LayoutView::MemorySectionItem).size(), memorySections);
        // Blocks of the file band are laid left to right, none narrower than can be clicked, inside the scene.
        const QList<QGraphicsRectItem *> blocks = drawn->items(LayoutView::FileSectionItem);
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            QVERIFY(blocks[i]->rect().width() >= 13.9);
            QVERIFY(drawn->sceneRect().contains(blocks[i]->sceneBoundingRect()));
            if (i > 0)
                QVERIFY(blocks[i]->rect().left() >= blocks[i - 1]->rect().right() - 1e-6);
            QVERIFY(drawn->toolTipFor(blocks[i]).contains(
                QString(binary->sections[blocks[i]->data(LayoutView::IndexKey).toInt()].name).toHtmlEscaped()));
        }
        // .text, .data and .bss are named where they lie, in the block or under it, however narrow they are.
        QStringList names;
        for (QGraphicsItem *item : drawn->scene()->items())
            if (auto *t = dynamic_cast<QGraphicsSimpleTextItem *>(item))
                names << t->text().section(u'\n', 0, 0);
        for (const LayoutBlock &b : model.memoryBand)
            if (b.name == u".text"_s || b.name == u".data"_s || b.name == u".bss"_s)
                QVERIFY2(names.count(b.name) >= 1, qPrintable(b.name));
        // Without segments, the picture says why in words.
        if (model.segments.isEmpty()) {
            QVERIFY(!model.noSegments.isEmpty());
            bool said = false;
            for (QGraphicsItem *item : drawn->scene()->items())
                if (auto *t = dynamic_cast<QGraphicsSimpleTextItem *>(item))
                    said = said || t->text() == model.noSegments;
            QVERIFY2(said, qPrintable(model.noSegments));
        }
    }

    void clickSelectsInTables()
    {
        const auto binary = load(QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH));
        BinaryView view(binary);
        view.resize(1280, 720);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        LayoutPage *page = view.layoutPage();
        view.setCurrentWidget(page);
        QTRY_VERIFY(page->isReady());
        LayoutView *drawn = page->view();

        // A filter that hides .text is cleared: the row asked for is shown.
        view.sections()->filterBar()->setPattern(u".dynsym"_s);
        QGraphicsRectItem *text = nullptr;
        for (QGraphicsRectItem *item : drawn->items(LayoutView::FileSectionItem))
            if (binary->sections[item->data(LayoutView::IndexKey).toInt()].name == u".text"_s)
                text = item;
        QVERIFY(text);
        clickOn(drawn, text);
        QCOMPARE(view.currentWidget(), view.sections());
        QCOMPARE(binary->sections[selectedSourceRow(view.sections())].name, u".text"_s);

        // .bss has no bytes in the file: it is clicked in the memory band.
        view.setCurrentWidget(page);
        QGraphicsRectItem *bss = nullptr;
        for (QGraphicsRectItem *item : drawn->items(LayoutView::MemorySectionItem))
            if (binary->sections[item->data(LayoutView::IndexKey).toInt()].name == u".bss"_s)
                bss = item;
        QVERIFY(bss);
        clickOn(drawn, bss);
        QCOMPARE(view.currentWidget(), view.sections());
        QCOMPARE(binary->sections[selectedSourceRow(view.sections())].name, u".bss"_s);

        // A segment bracket: its row in Segments.
        view.setCurrentWidget(page);
        const QList<QGraphicsRectItem *> brackets = drawn->items(LayoutView::SegmentItem);
        QVERIFY(!brackets.isEmpty());
        QGraphicsRectItem *widest = *std::max_element(
            brackets.cbegin(), brackets.cend(), [](const QGraphicsRectItem *a, const QGraphicsRectItem *b) {
                return a->rect().width() < b->rect().width();
            });
        clickOn(drawn, widest);
        QCOMPARE(view.currentWidget(), view.segments());
        QCOMPARE(selectedSourceRow(view.segments()), widest->data(LayoutView::IndexKey).toInt());
    }

    // 8,000 sections (one per function and per variable): laid out on the worker, drawn, and shown at a readable
    // scale from offset 0 rather than as a sliver.
    void manySections()
    {
        QTemporaryDir dir;
        QByteArray source;
        for (int i = 0; i < 4000; ++i)
            source += "int f" + QByteArray::number(i) + "(int x) { return x + " + QByteArray::number(i) + "; }\nint v"
                + QByteArray::number(i) + " = 1;\n";
        QVERIFY(test::writeFile(dir.filePath(u"many.c"_s), source));
        const test::Run gcc = test::run(u"gcc"_s,
            {u"-c"_s, u"-ffunction-sections"_s, u"-fdata-sections"_s, u"many.c"_s, u"-o"_s, u"many.o"_s}, dir.path());
        QVERIFY2(gcc.exitCode == 0, gcc.err.constData());
        const auto binary = load(dir.filePath(u"many.o"_s));
        LayoutPage page(binary);
        page.resize(1200, 700);
        QElapsedTimer timer;
        timer.start();
        page.show();
        QTRY_VERIFY(page.isReady());
        qInfo("%lld sections laid out and drawn in %lld ms", qlonglong(binary->sections.size()),
            qlonglong(timer.elapsed()));
        QCOMPARE(page.view()->items(LayoutView::FileSectionItem).size(), page.fileLayout().sectionBlockCount());
        QVERIFY(page.view()->transform().m11() >= 0.5);
    }

    void exports()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto binary = load(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        LayoutPage page(binary);
        page.resize(1200, 700);
        page.show();
        QTRY_VERIFY(page.isReady());

        const QString png = dir.filePath(u"layout.png"_s);
        QCOMPARE(page.exportPicture(png), QString());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 800 && image.height() > 200);

        const QString svg = dir.filePath(u"layout.svg"_s);
        QCOMPARE(page.exportPicture(svg), QString());
        // Every part of it is understood (pattern brushes, for one, come out as fills Qt's reader cannot resolve).
        QTest::failOnWarning(QRegularExpression(u"Could not resolve|Could not parse"_s));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QVERIFY(renderer.defaultSize().width() > 800);
        QVERIFY(test::readFile(svg).contains(".text")); // the labels are text in the SVG, not pixels

        QVERIFY(!page.exportPicture(dir.filePath(u"layout.bmp"_s)).isEmpty());
    }
};

} // namespace linklab

QTEST_MAIN(linklab::TestLayoutPage)
#include "tst_layoutpage.moc"
