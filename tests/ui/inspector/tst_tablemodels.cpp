// SPDX-License-Identifier: MIT
#include "fixturepaths.h"

#include "binary/openbinary.h"
#include "common/filterproxy.h"
#include "common/roles.h"
#include "inspector/archiveindexmodel.h"
#include "inspector/archivemembermodel.h"
#include "inspector/dynamicmodel.h"
#include "inspector/relocationmodel.h"
#include "inspector/sectionmodel.h"
#include "inspector/segmentmodel.h"

#include <QAbstractItemModelTester>
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

QTEST_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
