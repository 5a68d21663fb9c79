// SPDX-License-Identifier: MIT
#include "fixturepaths.h"
#include "readelfcompare.h"
#include "testsupport.h"

#include "binary/openbinary.h"
#include "common/filterproxy.h"
#include "common/roles.h"
#include "common/tablepage.h"
#include "common/viewwiring.h"
#include "inspector/archiveindexmodel.h"
#include "inspector/archivemembermodel.h"
#include "inspector/dynamicmodel.h"
#include "inspector/relocationmodel.h"
#include "inspector/sectionmodel.h"
#include "inspector/segmentmodel.h"
#include "inspector/symbolmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;

namespace {
std::shared_ptr<const BinaryInfo> load(const char *path)
{
    OpenOptions options;
    options.relocations = true;
    OpenResult result = openBinary(QString::fromUtf8(path), options);
    if (auto *error = std::get_if<OpenError>(&result))
        qFatal("cannot open fixture %s: %s", path, qPrintable(error->message));
    return std::make_shared<const BinaryInfo>(std::get<BinaryInfo>(std::move(result)));
}

QStringList column(const QAbstractItemModel *model, int col, const QModelIndex &parent = {})
{
    QStringList values;
    for (int row = 0; row < model->rowCount(parent); ++row)
        values.append(model->index(row, col, parent).data().toString());
    return values;
}

// Every model goes through the tester with a proxy on top, while data is set, sorted, filtered and reset.
template<typename Model>
void exercise(Model &model, std::shared_ptr<const BinaryInfo> binary)
{
    FilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBinary(binary);
    for (int col = 0; col < model.columnCount(); ++col) {
        proxy.sort(col, Qt::AscendingOrder);
        // Sorting needs one type per column (Qt compares by the left value's type) and must come out ordered.
        for (int row = 1; row < proxy.rowCount(); ++row) {
            const QVariant a = proxy.index(row - 1, col).data(Roles::SortRole);
            const QVariant b = proxy.index(row, col).data(Roles::SortRole);
            QCOMPARE(a.typeId(), b.typeId());
            QVERIFY2(QVariant::compare(a, b) != QPartialOrdering::Greater,
                qPrintable(QStringLiteral("column %1 row %2: %3 before %4")
                               .arg(col)
                               .arg(row)
                               .arg(a.toString(), b.toString())));
        }
        proxy.sort(col, Qt::DescendingOrder);
    }
    proxy.setTextFilter(TextFilter(QStringLiteral("fixture"), TextFilter::Mode::Substring, Qt::CaseInsensitive));
    proxy.setTextFilter({});
    model.setBinary(nullptr);
    model.setBinary(binary);
}

// RFC 4180 CSV as the export writes it (CRLF rows, quoted fields with doubled quotes) back into rows of fields.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        rows << (row << field);
    return rows;
}

std::optional<linklab::test::ReadelfReport> readelfOf(const QString &path)
{
    const linklab::test::Run r
        = linklab::test::run(QStringLiteral("readelf"), {QStringLiteral("-W"), QStringLiteral("-hlSd"), path});
    QString error;
    auto report = linklab::test::parseReadelf(r.out, &error);
    if (r.exitCode != 0 || !report)
        qWarning("readelf on %s: exit %d, %s", qPrintable(path), r.exitCode, qPrintable(error));
    return report;
}

std::uint64_t hexValue(const QModelIndex &index)
{
    return index.data().toString().toULongLong(nullptr, 16);
}
} // namespace

class TestTableModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sections();
    void segments();
    void dynamic();
    void archiveIndex();
    void archiveMembers();
    void relocations();
    void viewsShowWhatReadelfPrints_data();
    void viewsShowWhatReadelfPrints();
    void exportsParseBackToTheView_data();
    void exportsParseBackToTheView();

private:
    std::shared_ptr<const BinaryInfo> m_shared;
    std::shared_ptr<const BinaryInfo> m_static;
};

void TestTableModels::initTestCase()
{
    m_shared = load(LINKLAB_FIXTURE_SHARED);
    m_static = load(LINKLAB_FIXTURE_STATIC);
}

void TestTableModels::sections()
{
    SectionModel model;
    exercise(model, m_shared);
    QCOMPARE(model.rowCount(), m_shared->sections.size());
    const QStringList names = column(&model, SectionModel::NameColumn);
    for (const char *name : {".dynsym", ".dynstr", ".text", ".data", ".bss", ".dynamic"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    const int text = int(names.indexOf(QStringLiteral(".text")));
    QCOMPARE(model.index(text, SectionModel::TypeColumn).data().toString(), QStringLiteral("PROGBITS"));
    QCOMPARE(model.index(text, SectionModel::FlagsColumn).data().toString(), QStringLiteral("AX"));
    QCOMPARE(model.index(text, SectionModel::AddressColumn).data(Roles::SortRole).toULongLong(),
        m_shared->sections.at(text).address);
    const int bss = int(names.indexOf(QStringLiteral(".bss")));
    QCOMPARE(model.index(bss, SectionModel::TypeColumn).data().toString(), QStringLiteral("NOBITS"));
}

void TestTableModels::segments()
{
    SegmentModel model;
    exercise(model, m_shared);
    QCOMPARE(model.rowCount(), m_shared->segments.size());
    const QStringList types = column(&model, SegmentModel::TypeColumn);
    QVERIFY(types.contains(QStringLiteral("LOAD")));
    QVERIFY(types.contains(QStringLiteral("DYNAMIC")));
    QVERIFY(types.contains(QStringLiteral("GNU_STACK")));
    // The section-to-segment mapping puts .dynamic in the DYNAMIC segment and .text in an executable LOAD.
    const int dynamic = int(types.indexOf(QStringLiteral("DYNAMIC")));
    QCOMPARE(model.index(dynamic, SegmentModel::SectionsColumn).data().toString(), QStringLiteral(".dynamic"));
    bool textInExecutableLoad = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (types.at(row) == QLatin1String("LOAD")
            && model.index(row, SegmentModel::SectionsColumn)
                   .data()
                   .toString()
                   .split(QLatin1Char(' '))
                   .contains(QStringLiteral(".text")))
            textInExecutableLoad
                = model.index(row, SegmentModel::FlagsColumn).data().toString() == QLatin1String("R E");
    }
    QVERIFY(textInExecutableLoad);
}

void TestTableModels::dynamic()
{
    DynamicModel model;
    exercise(model, m_shared);
    QCOMPARE(model.rowCount(), m_shared->dynamic.size());
    const QStringList types = column(&model, DynamicModel::TypeColumn);
    const int soname = int(types.indexOf(QStringLiteral("SONAME")));
    QVERIFY(soname >= 0);
    QCOMPARE(model.index(soname, DynamicModel::ValueColumn).data().toString(), QStringLiteral("libfixture.so.1"));
    QVERIFY(!model.index(soname, DynamicModel::TypeColumn).data(Qt::ToolTipRole).toString().isEmpty());
    int needed = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        needed += types.at(row) == QLatin1String("NEEDED");
    QCOMPARE(needed, m_shared->needed.size());
}

void TestTableModels::archiveIndex()
{
    ArchiveIndexModel model;
    exercise(model, m_static);
    QVERIFY(m_static->hasArchiveIndex);
    QCOMPARE(model.rowCount(), m_static->archiveIndex.size());
    const QStringList symbols = column(&model, ArchiveIndexModel::SymbolColumn);
    const int add = int(symbols.indexOf(QStringLiteral("fixture_add")));
    QVERIFY(add >= 0);
    QCOMPARE(model.index(add, ArchiveIndexModel::MemberColumn).data().toString(), QStringLiteral("mathfix.c.o"));
}

void TestTableModels::archiveMembers()
{
    ArchiveMemberModel model;
    exercise(model, m_static);
    QCOMPARE(column(&model, ArchiveMemberModel::NameColumn),
        (QStringList {QStringLiteral("strfix.c.o"), QStringLiteral("mathfix.c.o"), QStringLiteral("cppfix.cpp.o")}));
    const QModelIndex math = model.index(1, 0);
    QCOMPARE(model.memberRow(math), 1);
    const QStringList mathSymbols = column(&model, ArchiveMemberModel::NameColumn, math);
    for (const char *name : {"fixture_add", "fixture_hypot", "fixture_hidden", "fixture_optional", "sqrt"})
        QVERIFY2(mathSymbols.contains(QLatin1String(name)), name);
    const int sqrtRow = int(mathSymbols.indexOf(QStringLiteral("sqrt")));
    QCOMPARE(model.index(sqrtRow, ArchiveMemberModel::NmColumn, math).data().toString(), QStringLiteral("U"));
    QCOMPARE(model.memberRow(model.index(sqrtRow, 0, math)), 1);
    QCOMPARE(model.parent(model.index(sqrtRow, 3, math)), math);

    // Filtering the tree keeps a member whose symbol matches, with only the matching children.
    FilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setTextFilter(TextFilter(QStringLiteral("^fixture_h"), TextFilter::Mode::Regex, Qt::CaseSensitive));
    QCOMPARE(column(&proxy, ArchiveMemberModel::NameColumn), QStringList {QStringLiteral("mathfix.c.o")});
    QCOMPARE(column(&proxy, ArchiveMemberModel::NameColumn, proxy.index(0, 0)),
        (QStringList {QStringLiteral("fixture_hypot"), QStringLiteral("fixture_hidden")}));
    QCOMPARE(proxy.visibleRowTotal(), 3);
}

void TestTableModels::relocations()
{
    RelocationModel model;
    exercise(model, m_shared);
    QCOMPARE(model.rowCount(), int(m_shared->relocations.size()));
    QVERIFY(model.rowCount() > 0);
    // The shared fixture calls strlen and strcpy through the PLT: each has a JUMP_SLOT in .rela.plt.
    int jumpSlots = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, RelocationModel::TypeColumn).data().toString() != u"R_X86_64_JUMP_SLOT")
            continue;
        ++jumpSlots;
        QCOMPARE(model.index(row, RelocationModel::SectionColumn).data().toString(), QStringLiteral(".rela.plt"));
        QVERIFY(!model.index(row, RelocationModel::SymbolColumn).data().toString().isEmpty());
    }
    QVERIFY(jumpSlots >= 2);
}

void TestTableModels::viewsShowWhatReadelfPrints_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("shared") << QStringLiteral(LINKLAB_FIXTURE_SHARED);
    QTest::newRow("executable") << QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH);
    QTest::newRow("libc.so.6") << QStringLiteral("/usr/lib/x86_64-linux-gnu/libc.so.6");
}

// What the Sections, Segments and Dynamic views show, cell by cell, is what readelf -W prints for the same file.
void TestTableModels::viewsShowWhatReadelfPrints()
{
    using namespace linklab::test;
    QFETCH(QString, path);
    const auto binary = load(path.toUtf8().constData());
    const auto report = readelfOf(path);
    QVERIFY(report);
    QVERIFY(!report->sections.isEmpty() && !report->segments.isEmpty() && !report->dynamic.isEmpty());

    SectionModel sections;
    sections.setBinary(binary);
    QCOMPARE(sections.rowCount(), report->sections.size());
    for (int row = 0; row < sections.rowCount(); ++row) {
        const ReadelfSection &rs = report->sections[row];
        const auto cell = [&](int column) { return sections.index(row, column); };
        QCOMPARE(cell(SectionModel::NumColumn).data().toInt(), rs.index);
        QCOMPARE(cell(SectionModel::NameColumn).data().toString(), QString::fromLatin1(rs.name));
        QCOMPARE(cell(SectionModel::TypeColumn).data().toString(), rs.type);
        QCOMPARE(hexValue(cell(SectionModel::AddressColumn)), rs.address);
        QCOMPARE(hexValue(cell(SectionModel::OffsetColumn)), rs.offset);
        QCOMPARE(hexValue(cell(SectionModel::SizeColumn)), rs.size);
        QCOMPARE(hexValue(cell(SectionModel::EntrySizeColumn)), rs.entrySize);
        QCOMPARE(cell(SectionModel::FlagsColumn).data().toString(), rs.flags);
        QCOMPARE(cell(SectionModel::LinkColumn).data().toUInt(), rs.link);
        QCOMPARE(cell(SectionModel::InfoColumn).data().toUInt(), rs.info);
        QCOMPARE(cell(SectionModel::AlignColumn).data().toULongLong(), rs.alignment);
    }

    SegmentModel segments;
    segments.setBinary(binary);
    QCOMPARE(segments.rowCount(), report->segments.size());
    for (int row = 0; row < segments.rowCount(); ++row) {
        const ReadelfSegment &rs = report->segments[row];
        const auto cell = [&](int column) { return segments.index(row, column); };
        QCOMPARE(cell(SegmentModel::TypeColumn).data().toString().left(14), rs.type);
        QCOMPARE(hexValue(cell(SegmentModel::OffsetColumn)), rs.offset);
        QCOMPARE(hexValue(cell(SegmentModel::VirtualAddressColumn)), rs.virtualAddress);
        QCOMPARE(hexValue(cell(SegmentModel::PhysicalAddressColumn)), rs.physicalAddress);
        QCOMPARE(hexValue(cell(SegmentModel::FileSizeColumn)), rs.fileSize);
        QCOMPARE(hexValue(cell(SegmentModel::MemorySizeColumn)), rs.memorySize);
        QCOMPARE(cell(SegmentModel::FlagsColumn).data().toString(), rs.flags);
        QCOMPARE(hexValue(cell(SegmentModel::AlignColumn)), rs.alignment);
        QCOMPARE(cell(SegmentModel::SectionsColumn).data().toString(), report->mapping.value(row).join(u' '));
    }

    DynamicModel dynamic;
    dynamic.setBinary(binary);
    QCOMPARE(dynamic.rowCount(), report->dynamic.size());
    int numbers = 0;
    for (int row = 0; row < dynamic.rowCount(); ++row) {
        const ReadelfDynamic &rd = report->dynamic[row];
        QCOMPARE(hexValue(dynamic.index(row, DynamicModel::TagColumn)), rd.tag);
        QCOMPARE(dynamic.index(row, DynamicModel::TypeColumn).data().toString(), rd.tagName);
        const QString shown = dynamic.index(row, DynamicModel::ValueColumn).data().toString();
        if (!rd.text.isEmpty()) {
            QCOMPARE(shown, QString::fromUtf8(rd.text));
            continue;
        }
        QString why;
        if (const auto value = readelfDynamicValue(rd, *binary, &why)) {
            QCOMPARE(shown, QStringLiteral("0x") + QString::number(*value, 16));
            ++numbers;
        }
    }
    QVERIFY(numbers > report->dynamic.size() / 2);
}

void TestTableModels::exportsParseBackToTheView_data()
{
    QTest::addColumn<int>("table");
    QTest::newRow("sections") << 0;
    QTest::newRow("segments") << 1;
    QTest::newRow("dynamic") << 2;
    QTest::newRow("relocations") << 3;
    QTest::newRow("symbols") << 4;
}

// File > Export of a table writes what the view shows: the CSV and the JSON, read back, hold every cell of every
// row as the view displays it, in the view's order, under the view's column titles.
void TestTableModels::exportsParseBackToTheView()
{
    QFETCH(int, table);
    std::unique_ptr<BinaryTableModel> model;
    switch (table) {
    case 0: model = std::make_unique<SectionModel>(); break;
    case 1: model = std::make_unique<SegmentModel>(); break;
    case 2: model = std::make_unique<DynamicModel>(); break;
    case 3: model = std::make_unique<RelocationModel>(); break;
    default: model = std::make_unique<SymbolModel>(); break;
    }
    model->setBinary(m_shared);
    TablePage page(model.get(), QStringLiteral("table"));
    page.proxy()->sort(0, Qt::DescendingOrder); // the export follows the view's order, not the model's
    const QAbstractItemModel *shown = page.proxy();
    QVERIFY(shown->rowCount() > 2);
    QStringList titles;
    for (int c = 0; c < shown->columnCount(); ++c)
        titles << shown->headerData(c, Qt::Horizontal).toString();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csvPath = dir.filePath(QStringLiteral("t.csv"));
    const QString jsonPath = dir.filePath(QStringLiteral("t.json"));
    QVERIFY(page.wiring()->exportTo(csvPath, QStringLiteral("csv")));
    QVERIFY(page.wiring()->exportTo(jsonPath, QStringLiteral("json")));

    const QList<QStringList> csv = parseCsv(QString::fromUtf8(linklab::test::readFile(csvPath)));
    QCOMPARE(csv.size(), shown->rowCount() + 1);
    QCOMPARE(csv.first(), titles);
    const QJsonArray json = QJsonDocument::fromJson(linklab::test::readFile(jsonPath)).array();
    QCOMPARE(json.size(), shown->rowCount());
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QJsonObject o = json.at(row).toObject();
        QCOMPARE(o.keys().size(), titles.size());
        for (int c = 0; c < shown->columnCount(); ++c) {
            const QString cell = shown->index(row, c).data().toString();
            QCOMPARE(csv[row + 1].value(c), cell);
            const QJsonValue v = o.value(titles[c]);
            QCOMPARE(v.isDouble() ? QString::number(v.toInteger()) : v.toString(), cell);
        }
    }
}

QTEST_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
