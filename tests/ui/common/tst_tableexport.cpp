// SPDX-License-Identifier: MIT
#include "fixturepaths.h"

#include "binary/openbinary.h"
#include "common/filterproxy.h"
#include "common/roles.h"
#include "common/tableexport.h"
#include "common/tablepage.h"
#include "common/viewwiring.h"
#include "inspector/archivemembermodel.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace linklab;

namespace {
// Two columns: a name and a size whose sort role is the raw number.
std::unique_ptr<QStandardItemModel> smallModel()
{
    auto model = std::make_unique<QStandardItemModel>(0, 2);
    model->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Size")});
    const auto add = [&](const QString &name, const QString &sizeText, qlonglong size) {
        auto *sizeItem = new QStandardItem(sizeText);
        sizeItem->setData(size, Roles::SortRole);
        model->appendRow({new QStandardItem(name), sizeItem});
    };
    add(QStringLiteral("plain"), QStringLiteral("12"), 12);
    add(QStringLiteral("with, comma"), QStringLiteral("0x10"), 16);
    add(QStringLiteral("with \"quote\""), QStringLiteral("3"), 3);
    return model;
}
} // namespace

class TestTableExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tsv();
    void csvQuotes();
    void jsonKeepsHexAsText();
    void jsonNumbersPerColumn();
    void treeExports();
    void copyAndExportThroughWiring();
};

void TestTableExport::tsv()
{
    auto model = smallModel();
    const QString text = tableexport::rowsToTsv(model.get(), {model->index(2, 0), model->index(0, 1)});
    QCOMPARE(text, QStringLiteral("Name\tSize\nwith \"quote\"\t3\nplain\t12\n"));
}

void TestTableExport::csvQuotes()
{
    auto model = smallModel();
    QCOMPARE(QString::fromUtf8(tableexport::toCsv(model.get())),
        QStringLiteral("Name,Size\r\nplain,12\r\n\"with, comma\",0x10\r\n\"with \"\"quote\"\"\",3\r\n"));
}

void TestTableExport::jsonKeepsHexAsText()
{
    auto model = smallModel();
    const QJsonArray rows = QJsonDocument::fromJson(tableexport::toJson(model.get())).array();
    QCOMPARE(rows.size(), 3);
    // One type per column: a column holding "0x10" keeps every cell as text, so a reader never sees 12 in one
    // row and "0x10" in the next.
    QCOMPARE(rows.at(0).toObject().value(QStringLiteral("Size")), QJsonValue(QStringLiteral("12")));
    QCOMPARE(rows.at(1).toObject().value(QStringLiteral("Size")), QJsonValue(QStringLiteral("0x10")));
    QCOMPARE(rows.at(2).toObject().value(QStringLiteral("Name")), QJsonValue(QStringLiteral("with \"quote\"")));
}

void TestTableExport::jsonNumbersPerColumn()
{
    QStandardItemModel model(3, 2);
    model.setHorizontalHeaderLabels({QStringLiteral("Num"), QStringLiteral("Name")});
    const QStringList names {QStringLiteral("123"), QStringLiteral("abc"), QStringLiteral("7")};
    for (int row = 0; row < 3; ++row) {
        model.setItem(row, 0, new QStandardItem(QString::number(row * 10)));
        model.setItem(row, 1, new QStandardItem(names[row]));
    }
    const QJsonArray rows = QJsonDocument::fromJson(tableexport::toJson(&model)).array();
    QCOMPARE(rows.size(), 3);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(rows.at(row).toObject().value(QStringLiteral("Num")), QJsonValue(row * 10));
        QCOMPARE(rows.at(row).toObject().value(QStringLiteral("Name")), QJsonValue(names[row]));
    }
}

void TestTableExport::treeExports()
{
    OpenResult result = openBinary(QStringLiteral(LINKLAB_FIXTURE_STATIC));
    QVERIFY(std::holds_alternative<BinaryInfo>(result));
    auto archive = std::make_shared<const BinaryInfo>(std::get<BinaryInfo>(std::move(result)));
    ArchiveMemberModel model;
    model.setBinary(archive);

    const QStringList csvLines
        = QString::fromUtf8(tableexport::toCsv(&model)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QVERIFY(csvLines.constFirst().startsWith(QStringLiteral("Parent,Member / Symbol,nm,")));
    // A member row has no parent; its type text holds a comma, so it is quoted.
    QVERIFY(csvLines.contains(QStringLiteral(",mathfix.c.o,,\"")
        + model.index(1, ArchiveMemberModel::TypeColumn).data().toString() + QStringLiteral("\",,,,")
        + model.index(1, ArchiveMemberModel::SizeColumn).data().toString()));
    QVERIFY(std::any_of(csvLines.cbegin(), csvLines.cend(),
        [](const QString &line) { return line.startsWith(QStringLiteral("mathfix.c.o,sqrt,U,")); }));

    const QJsonArray members = QJsonDocument::fromJson(tableexport::toJson(&model)).array();
    QCOMPARE(members.size(), 3);
    const QJsonObject math = members.at(1).toObject();
    QCOMPARE(math.value(QStringLiteral("Member / Symbol")).toString(), QStringLiteral("mathfix.c.o"));
    QCOMPARE(math.value(QStringLiteral("children")).toArray().size(), model.rowCount(model.index(1, 0)));
}

void TestTableExport::copyAndExportThroughWiring()
{
    auto model = smallModel();
    TablePage page(model.get(), QStringLiteral("small"));
    QTreeView *view = page.view();
    page.proxy()->sort(1, Qt::DescendingOrder); // by raw size: 16, 12, 3
    view->selectionModel()->select(page.proxy()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(page.proxy()->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    // Rows come out in the order shown, not the order they were selected in.
    QCOMPARE(page.wiring()->selectedRowsText(), QStringLiteral("Name\tSize\nwith, comma\t0x10\nwith \"quote\"\t3\n"));
    page.wiring()->copySelection();
    QCOMPARE(QApplication::clipboard()->text(), page.wiring()->selectedRowsText());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(page.wiring()->exportTo(dir.filePath(QStringLiteral("rows.csv")), QStringLiteral("csv")));
    QFile csv(dir.filePath(QStringLiteral("rows.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(
        csv.readAll(), QByteArray("Name,Size\r\n\"with, comma\",0x10\r\nplain,12\r\n\"with \"\"quote\"\"\",3\r\n"));
    QVERIFY(page.wiring()->exportTo(dir.filePath(QStringLiteral("rows.json")), QStringLiteral("json")));
    QVERIFY(!page.wiring()->exportTo(dir.filePath(QStringLiteral("missing/rows.json")), QStringLiteral("json")));
}

QTEST_MAIN(TestTableExport)
#include "tst_tableexport.moc"
