// SPDX-License-Identifier: MIT
#include "fixturepaths.h"

#include "binary/openbinary.h"
#include "common/filterbar.h"
#include "common/roles.h"
#include "common/viewwiring.h"
#include "inspector/symbolfilterproxy.h"
#include "inspector/symbolmodel.h"
#include "inspector/symbolspage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QTest>

using namespace linklab;

namespace {
// The fixture's .dynsym names containing "fixture_" (fixture.map exports fixture_*; fixture_optional is
// a weak undefined reference).
const QStringList DynamicFixtureNames = {
    QStringLiteral("fixture_add"),
    QStringLiteral("fixture_copy"),
    QStringLiteral("fixture_counter"),
    QStringLiteral("fixture_greeting"),
    QStringLiteral("fixture_hypot"),
    QStringLiteral("fixture_optional"),
    QStringLiteral("fixture_strlen"),
    QStringLiteral("fixture_weak"),
    QStringLiteral("fixture_zeroed"),
};

std::shared_ptr<const BinaryInfo> load(const char *path, bool searchIndex)
{
    OpenOptions options;
    options.searchIndex = searchIndex;
    OpenResult result = openBinary(QString::fromUtf8(path), options);
    if (auto *error = std::get_if<OpenError>(&result))
        qFatal("cannot open fixture %s: %s", path, qPrintable(error->message));
    return std::make_shared<const BinaryInfo>(std::get<BinaryInfo>(std::move(result)));
}

QStringList column(const QAbstractItemModel *model, int col)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values.append(model->index(row, col).data().toString());
    return values;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}
} // namespace

class TestSymbolModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void modelTester();
    void rawValuesAndFormatting();
    void filter_data();
    void filter();
    void sortsOnRawValues();
    void demangleToggle();
    void countLabel();
    void countTextGroupsDigits();

private:
    // With the folded names and sort ranks the GUI reads with a file, and without them (the proxy's slower
    // path): every filter and sort test runs on both and must give the same rows.
    std::shared_ptr<const BinaryInfo> m_shared;
    std::shared_ptr<const BinaryInfo> m_sharedPlain;
};

void TestSymbolModel::initTestCase()
{
    m_shared = load(LINKLAB_FIXTURE_SHARED, true);
    QVERIFY(!m_shared->symbols.isEmpty());
    QVERIFY(m_shared->symbolSearch);
    QCOMPARE(m_shared->symbolSearch->nameRank.size(), m_shared->symbols.size());
    m_sharedPlain = load(LINKLAB_FIXTURE_SHARED, false);
    QVERIFY(!m_sharedPlain->symbolSearch);
}

void TestSymbolModel::modelTester()
{
    SymbolModel model;
    SymbolFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBinary(m_shared);
    QCOMPARE(model.rowCount(), m_shared->symbols.size());
    QCOMPARE(model.columnCount(), int(SymbolModel::ColumnCount));
    proxy.setTextFilter(TextFilter(QStringLiteral("fixture"), TextFilter::Mode::Substring, Qt::CaseInsensitive));
    proxy.sort(SymbolModel::ValueColumn, Qt::DescendingOrder);
    proxy.setTypeFilter(2);
    model.setDemangle(false);
    proxy.setTypeFilter(std::nullopt);
    model.setBinary(nullptr);
    QCOMPARE(proxy.rowCount(), 0);
}

void TestSymbolModel::rawValuesAndFormatting()
{
    SymbolModel model;
    model.setBinary(m_shared);
    int row = -1;
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.symbol(r).name == QLatin1String("fixture_add") && model.symbol(r).table == SymbolTable::Dynamic)
            row = r;
    }
    QVERIFY(row >= 0);
    const SymbolInfo &s = model.symbol(row);
    QCOMPARE(model.index(row, SymbolModel::TypeColumn).data().toString(), QStringLiteral("FUNC"));
    QCOMPARE(model.index(row, SymbolModel::BindColumn).data().toString(), QStringLiteral("GLOBAL"));
    QCOMPARE(model.index(row, SymbolModel::TableColumn).data().toString(), QStringLiteral(".dynsym"));
    QCOMPARE(model.index(row, SymbolModel::NmColumn).data().toString(), QStringLiteral("T"));
    QCOMPARE(model.index(row, SymbolModel::VersionColumn).data().toString(), QStringLiteral("@@LIBFIXTURE_1.0"));
    // Display is a padded hex address, the sort role the raw number.
    QCOMPARE(model.index(row, SymbolModel::ValueColumn).data().toString(),
        QStringLiteral("0x%1").arg(s.value, 16, 16, QLatin1Char('0')));
    QCOMPARE(model.index(row, SymbolModel::ValueColumn).data(Roles::SortRole).toULongLong(), s.value);
    QCOMPARE(model.index(row, SymbolModel::SizeColumn).data(Roles::SortRole).toULongLong(), s.size);
}

void TestSymbolModel::filter_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<int>("type"); // -1: all
    QTest::addColumn<int>("bind"); // -1: all
    QTest::addColumn<int>("definition"); // SymbolFilterProxy::Definition
    QTest::addColumn<QStringList>("expected");

    const int sub = int(TextFilter::Mode::Substring);
    const int wild = int(TextFilter::Mode::Wildcard);
    const int re = int(TextFilter::Mode::Regex);
    const int any = int(SymbolFilterProxy::Definition::Any);
    QTest::newRow("substring") << QStringLiteral("fixture_") << sub << true << -1 << -1 << any << DynamicFixtureNames;
    QTest::newRow("wildcard") << QStringLiteral("fixture_*") << wild << true << -1 << -1 << any << DynamicFixtureNames;
    QTest::newRow("regex") << QStringLiteral("^fixture_") << re << false << -1 << -1 << any << DynamicFixtureNames;
    QTest::newRow("wildcard c*") << QStringLiteral("fixture_c*") << wild << false << -1 << -1 << any
                                 << QStringList {QStringLiteral("fixture_copy"), QStringLiteral("fixture_counter")};
    QTest::newRow("regex alternation") << QStringLiteral("^fixture_(add|hypot)$") << re << false << -1 << -1 << any
                                       << QStringList {QStringLiteral("fixture_add"), QStringLiteral("fixture_hypot")};
    // The version definition symbol LIBFIXTURE_1.0 only matches when case is ignored.
    QTest::newRow("case-insensitive") << QStringLiteral("FIXTURE_") << sub << false << -1 << -1 << any
                                      << sorted(DynamicFixtureNames + QStringList {QStringLiteral("LIBFIXTURE_1.0")});
    QTest::newRow("case-sensitive") << QStringLiteral("FIXTURE_") << sub << true << -1 << -1 << any
                                    << QStringList {QStringLiteral("LIBFIXTURE_1.0")};
    QTest::newRow("FUNC only") << QStringLiteral("fixture_") << sub << false << 2 << -1 << any
                               << QStringList {QStringLiteral("fixture_add"), QStringLiteral("fixture_copy"),
                                      QStringLiteral("fixture_hypot"), QStringLiteral("fixture_strlen"),
                                      QStringLiteral("fixture_weak")};
    QTest::newRow("OBJECT only") << QStringLiteral("fixture_") << sub << true << 1 << -1 << any
                                 << QStringList {QStringLiteral("fixture_counter"), QStringLiteral("fixture_greeting"),
                                        QStringLiteral("fixture_zeroed")};
    QTest::newRow("WEAK only") << QStringLiteral("fixture_") << sub << false << -1 << 2 << any
                               << QStringList {QStringLiteral("fixture_optional"), QStringLiteral("fixture_weak")};
    QTest::newRow("undefined") << QStringLiteral("fixture_") << sub << false << -1 << -1
                               << int(SymbolFilterProxy::Definition::Undefined)
                               << QStringList {QStringLiteral("fixture_optional")};
    QTest::newRow("undefined libc") << QStringLiteral("^str") << re << false << -1 << -1
                                    << int(SymbolFilterProxy::Definition::Undefined)
                                    << QStringList {QStringLiteral("strcpy"), QStringLiteral("strlen")};
}

void TestSymbolModel::filter()
{
    QFETCH(QString, pattern);
    QFETCH(int, mode);
    QFETCH(bool, caseSensitive);
    QFETCH(int, type);
    QFETCH(int, bind);
    QFETCH(int, definition);
    QFETCH(QStringList, expected);

    for (const auto &binary : {m_shared, m_sharedPlain}) {
        SymbolModel model;
        model.setBinary(binary);
        SymbolFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // .dynsym only: the .symtab of an unstripped library repeats the same names.
        proxy.setTableFilter(SymbolTable::Dynamic);
        proxy.setTextFilter(
            TextFilter(pattern, TextFilter::Mode(mode), caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive));
        if (type >= 0)
            proxy.setTypeFilter(std::uint8_t(type));
        if (bind >= 0)
            proxy.setBindFilter(std::uint8_t(bind));
        proxy.setDefinitionFilter(SymbolFilterProxy::Definition(definition));
        QCOMPARE(sorted(column(&proxy, SymbolModel::NameColumn)), expected);

        // Clearing the criteria brings every row back.
        proxy.setTextFilter({});
        proxy.setTypeFilter(std::nullopt);
        proxy.setBindFilter(std::nullopt);
        proxy.setDefinitionFilter(SymbolFilterProxy::Definition::Any);
        proxy.setTableFilter(std::nullopt);
        QCOMPARE(proxy.rowCount(), model.rowCount());
    }
}

void TestSymbolModel::sortsOnRawValues()
{
    for (const auto &binary : {m_shared, m_sharedPlain}) {
        SymbolModel model;
        model.setBinary(binary);
        SymbolFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setTableFilter(SymbolTable::Dynamic);
        proxy.setDefinitionFilter(SymbolFilterProxy::Definition::Defined);

        for (int col = 0; col < SymbolModel::ColumnCount; ++col) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                proxy.sort(col, order);
                QVERIFY(proxy.rowCount() > 5);
                for (int row = 1; row < proxy.rowCount(); ++row) {
                    const QVariant a = proxy.index(row - 1, col).data(Roles::SortRole);
                    const QVariant b = proxy.index(row, col).data(Roles::SortRole);
                    const auto cmp = QVariant::compare(a, b);
                    if (order == Qt::AscendingOrder)
                        QVERIFY2(cmp <= 0, qPrintable(QStringLiteral("column %1 row %2").arg(col).arg(row)));
                    else
                        QVERIFY2(cmp >= 0, qPrintable(QStringLiteral("column %1 row %2").arg(col).arg(row)));
                }
            }
        }
        // Sorting by value keeps the numeric order, which the hex text alone would not guarantee.
        proxy.sort(SymbolModel::ValueColumn, Qt::AscendingOrder);
        const QStringList names = column(&proxy, SymbolModel::NameColumn);
        QVERIFY(names.indexOf(QStringLiteral("fixture_strlen")) < names.indexOf(QStringLiteral("fixture_add")));
        // A filter change keeps the sort.
        proxy.setTextFilter(TextFilter(QStringLiteral("fixture_"), TextFilter::Mode::Substring, Qt::CaseInsensitive));
        for (int row = 1; row < proxy.rowCount(); ++row) {
            QVERIFY(proxy.index(row - 1, SymbolModel::ValueColumn).data(Roles::SortRole).toULongLong()
                <= proxy.index(row, SymbolModel::ValueColumn).data(Roles::SortRole).toULongLong());
        }
    }
}

void TestSymbolModel::demangleToggle()
{
    SymbolModel model;
    model.setBinary(m_shared);
    SymbolFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setTableFilter(SymbolTable::Dynamic);
    proxy.setTextFilter(TextFilter(QStringLiteral("fixture::scale"), TextFilter::Mode::Substring, Qt::CaseSensitive));
    QCOMPARE(column(&proxy, SymbolModel::NameColumn), QStringList {QStringLiteral("fixture::scale(int, int)")});

    model.setDemangle(false);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setTextFilter(
        TextFilter(QStringLiteral("_ZN7fixture5scale"), TextFilter::Mode::Substring, Qt::CaseSensitive));
    QCOMPARE(column(&proxy, SymbolModel::NameColumn), QStringList {QStringLiteral("_ZN7fixture5scaleEii")});
    // With demangling on, the mangled spelling still finds the symbol.
    model.setDemangle(true);
    QCOMPARE(column(&proxy, SymbolModel::NameColumn), QStringList {QStringLiteral("fixture::scale(int, int)")});
}

void TestSymbolModel::countLabel()
{
    SymbolsPage page(m_shared);
    const int total = int(m_shared->symbols.size());
    QCOMPARE(page.countLabel()->text(), countText(total, total));

    page.tableCombo()->setCurrentIndex(page.tableCombo()->findText(QStringLiteral(".dynsym")));
    page.filterBar()->setPattern(QStringLiteral("fixture_"));
    // Case ignored by default: LIBFIXTURE_1.0 matches too.
    QCOMPARE(page.countLabel()->text(), countText(int(DynamicFixtureNames.size()) + 1, total));
    page.filterBar()->setCaseSensitive(true);
    QCOMPARE(page.countLabel()->text(), countText(int(DynamicFixtureNames.size()), total));
    QCOMPARE(page.countLabel()->text(), QStringLiteral("9 of %1").arg(total));

    page.typeCombo()->setCurrentIndex(page.typeCombo()->findText(QStringLiteral("FUNC")));
    QCOMPARE(page.countLabel()->text(), QStringLiteral("5 of %1").arg(total));

    page.filterBar()->setPattern(QStringLiteral("FIXTURE_"));
    QCOMPARE(page.countLabel()->text(), QStringLiteral("0 of %1").arg(total));

    page.demangleCheck()->setChecked(false);
    QVERIFY(!page.model()->demangle());
}

void TestSymbolModel::countTextGroupsDigits()
{
    QCOMPARE(countText(312, 44983), QStringLiteral("312 of 44\u202F983"));
    QCOMPARE(countText(0, 1234567), QStringLiteral("0 of 1\u202F234\u202F567"));
    QCOMPARE(countText(999, 999), QStringLiteral("999 of 999"));
}

QTEST_MAIN(TestSymbolModel)
#include "tst_symbolmodel.moc"
