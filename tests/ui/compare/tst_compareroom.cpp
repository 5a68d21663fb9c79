// SPDX-License-Identifier: MIT
// The Compare room offscreen on two versions of a library built at test time: the verdict in words at the top,
// the tables cell by cell against nm's view of the two files, the picture's blocks in the palette's colours,
// PNG and SVG exports that read back; and from the window: two files selected in the Workspace, Ctrl+D.
#include "abifixtures.h"
#include "testsupport.h"

#include "common/messagepanel.h"
#include "common/picture.h"
#include "common/tablepage.h"
#include "compare/abipictureview.h"
#include "compare/compareroom.h"
#include "window/mainwindow.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QAction>
#include <QGraphicsRectItem>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace linklab;
using namespace Qt::StringLiterals;

namespace {

QStringList column(const TablePage *page, int col)
{
    QStringList out;
    const QAbstractItemModel *m = page->view()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        out.append(m->index(r, col).data().toString());
    return out;
}

QSet<QString> versioned(const QStringList &displayNames)
{
    QSet<QString> out;
    for (QString n : displayNames)
        out.insert(n.replace(u"@@"_s, u"@"_s));
    return out;
}

} // namespace

class TestCompareRoom : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::AbiFixtures m_fix;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"LinkLabTest"_s);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_fix = test::buildAbiFixtures(m_dir.path());
        QVERIFY2(m_fix.error.isEmpty(), qPrintable(m_fix.error));
    }

    void verdictTablesAndPicture()
    {
        WorkspaceModel workspace;
        CompareRoom room(&workspace);
        room.resize(1000, 640);
        room.show();
        QVERIFY(room.messagePanel()->isVisible()); // the empty state says what to do
        QVERIFY(room.messagePanel()->text().contains(u"Ctrl+D"_s));
        WorkspaceFile *v1 = workspace.open(m_fix.v1);
        WorkspaceFile *v2 = workspace.open(m_fix.v2);
        QSignalSpy compared(&room, &CompareRoom::compared);
        // Asked while the files are still being read: it waits for them, then compares.
        QVERIFY(room.compareFiles(v1, v2));
        QVERIFY(compared.wait(20000));
        QCOMPARE(room.oldFile(), v1);
        QCOMPARE(room.newFile(), v2);

        QVERIFY(room.headlineLabel()->isVisible());
        QVERIFY(room.headlineLabel()->text().contains(u"Breaks programs linked against the old version"_s));
        const QString reasons = room.reasonsView()->toPlainText();
        QVERIFY2(reasons.contains(u"1 function removed (gone@@V1)"_s), qPrintable(reasons));
        QVERIFY(reasons.contains(u"Object size changed for data symbol table"_s));
        QVERIFY(reasons.contains(u"2 kept, 3 changed, 1 removed, 2 added"_s));

        // Removed: what v1 defines and v2 does not, as nm -D sees the two files.
        const QSet<QString> before = test::nmDynamicDefined(m_fix.v1, true),
                            after = test::nmDynamicDefined(m_fix.v2, true);
        QSet<QString> gone = before;
        gone.subtract(after);
        const QStringList removed = column(room.page(0), 1);
        QCOMPARE(versioned(removed), gone);
        QCOMPARE(column(room.page(0), 0), QStringList {u"breaks"_s});
        // Added: what v2 defines and v1 does not (vfun@V1 stays: only its default flag changed, on the Changed tab).
        QSet<QString> fresh = after;
        fresh.subtract(before);
        QCOMPARE(versioned(column(room.page(2), 1)), fresh);
        QCOMPARE(column(room.page(1), 1), (QStringList {u"table@@V1"_s, u"vfun@@V1"_s, u"weakling@@V1"_s}));
        QCOMPARE(column(room.page(1), 0), (QStringList {u"breaks"_s, u"no"_s, u"no"_s}));
        QCOMPARE(column(room.page(1), 4).constFirst(), u"16 → 32"_s);
        QStringList library {u"SONAME"_s};
        for (qsizetype i = 0; i < room.comparison().neededAdded.size(); ++i)
            library.append(u"NEEDED added"_s);
        library.append(u"version added"_s);
        QCOMPARE(column(room.page(3), 1), library);
        QCOMPARE(column(room.page(3), 3).mid(0, 2), (QStringList {u"libabi.so.2"_s, u"libm.so.6"_s}));
        QCOMPARE(room.tables()->tabText(0), u"Removed (1)"_s);
        QCOMPARE(room.tables()->tabText(2), u"Added (2)"_s);
        QCOMPARE(room.tables()->currentIndex(), 0);
        QCOMPARE(room.currentTable(), room.page(0)->view());

        // The picture: one rectangle per block plus the legend's four, in the palette's colours.
        QList<QColor> pens;
        for (QGraphicsItem *item : room.pictureView()->scene()->items())
            if (auto *rect = qgraphicsitem_cast<QGraphicsRectItem *>(item))
                pens.append(rect->pen().color());
        QCOMPARE(pens.size(), 6 + 4);
        for (auto category :
            {AbiPictureBlock::Removed, AbiPictureBlock::Changed, AbiPictureBlock::Kept, AbiPictureBlock::Added})
            QVERIFY(pens.contains(picture::categorical(AbiPictureView::colourIndex(category))));

        // A click on the picture's "added" block shows the Added table.
        for (QGraphicsItem *item : room.pictureView()->scene()->items()) {
            auto *rect = qgraphicsitem_cast<QGraphicsRectItem *>(item);
            if (rect && rect->data(0).toInt() == AbiPictureBlock::Added && rect->data(0).isValid()) {
                const QPoint at = room.pictureView()->mapFromScene(rect->rect().center());
                QTest::mouseClick(room.pictureView()->viewport(), Qt::LeftButton, {}, at);
            }
        }
        QCOMPARE(room.tables()->currentIndex(), 2);
        room.tables()->setCurrentIndex(0);

        // Exports read back.
        const QString png = m_dir.filePath(u"compare.png"_s), svg = m_dir.filePath(u"compare.svg"_s);
        QCOMPARE(room.pictureView()->saveAs(png), QString());
        QCOMPARE(room.pictureView()->saveAs(svg), QString());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 400);
        const QByteArray svgText = test::readFile(svg);
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("removed"));

        // Swapped: v2 -> v1 breaks too (fresh and vfun@@V2 are gone), and the tables follow.
        compared.clear();
        room.swap();
        QVERIFY(compared.wait(20000));
        QCOMPARE(room.oldFile(), v2);
        QCOMPARE(room.tables()->tabText(0), u"Removed (2)"_s);

        // Closing one of the two files takes its result away.
        workspace.remove(v1);
        QVERIFY(!room.hasResult());
        QVERIFY(room.messagePanel()->isVisible());
        QCOMPARE(room.messagePanel()->title(), u"libabi-v1.so was closed"_s);
    }

    void compatibleAndUnreadable()
    {
        WorkspaceModel workspace;
        CompareRoom room(&workspace);
        WorkspaceFile *v1 = workspace.open(m_fix.v1);
        WorkspaceFile *compat = workspace.open(m_fix.compat);
        QSignalSpy compared(&room, &CompareRoom::compared);
        room.compareFiles(v1, compat);
        QVERIFY(compared.wait(20000));
        QVERIFY(room.headlineLabel()->text().contains(u"Compatible: only additions"_s));
        QCOMPARE(room.tables()->currentIndex(), 2); // the first tab with rows: Added

        WorkspaceFile *broken = workspace.open(m_dir.filePath(u"v1.c"_s));
        QTRY_VERIFY_WITH_TIMEOUT(broken->state() == WorkspaceFile::State::Failed, 20000);
        room.compareFiles(v1, broken);
        QVERIFY(room.messagePanel()->isVisibleTo(&room));
        QCOMPARE(room.messagePanel()->title(), u"Cannot compare"_s);
        QVERIFY(room.messagePanel()->text().contains(u"v1.c could not be read"_s));
    }

    void fromTheWorkspaceSelection()
    {
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        window.openFiles({m_fix.archive, m_fix.v1});
        auto *room = window.room<CompareRoom>();
        QVERIFY(room);
        QVERIFY(!window.compareAction()->isEnabled());
        QListView *list = window.fileList();
        list->selectionModel()->select(
            QItemSelection(list->model()->index(0, 0), list->model()->index(1, 0)), QItemSelectionModel::Select);
        QVERIFY(window.compareAction()->isEnabled());
        QCOMPARE(window.selectedFiles().size(), 2);
        QSignalSpy compared(room, &CompareRoom::compared);
        window.compareAction()->trigger();
        QCOMPARE(window.roomTabs()->currentWidget(), room);
        QVERIFY(compared.wait(20000));
        // The archive and the library built from the same source export the same symbols.
        QCOMPARE(room->oldFile()->path(), m_fix.archive);
        QVERIFY2(room->headlineLabel()->text().contains(u"No change in the exported interface"_s),
            qPrintable(room->headlineLabel()->text()));
        QCOMPARE(room->tables()->tabText(0), u"Removed (0)"_s);
        window.close();
    }
};

QTEST_MAIN(TestCompareRoom)
#include "tst_compareroom.moc"
