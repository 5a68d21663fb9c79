// SPDX-License-Identifier: MIT
#include "common/textfilter.h"

#include <QTest>

using linklab::TextFilter;

class TestTextFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matches_data();
    void matches();
    void invalidRegexMatchesNothing();
};

void TestTextFilter::matches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");

    const int sub = int(TextFilter::Mode::Substring);
    const int wild = int(TextFilter::Mode::Wildcard);
    const int re = int(TextFilter::Mode::Regex);
    QTest::newRow("empty matches all") << QString() << sub << false << QStringLiteral("x") << true;
    QTest::newRow("substring") << QStringLiteral("late") << sub << false << QStringLiteral("deflateInit_") << true;
    QTest::newRow("substring miss") << QStringLiteral("inflate") << sub << false << QStringLiteral("deflate") << false;
    QTest::newRow("substring case-insensitive")
        << QStringLiteral("INIT") << sub << false << QStringLiteral("deflateInit_") << true;
    QTest::newRow("substring case-sensitive")
        << QStringLiteral("INIT") << sub << true << QStringLiteral("deflateInit_") << false;
    QTest::newRow("wildcard star") << QStringLiteral("deflate*End") << wild << false << QStringLiteral("deflateEnd")
                                   << true;
    QTest::newRow("wildcard unanchored") << QStringLiteral("Init") << wild << false << QStringLiteral("deflateInit2_")
                                         << true;
    QTest::newRow("wildcard question") << QStringLiteral("fixture_ad?") << wild << false
                                       << QStringLiteral("fixture_add") << true;
    QTest::newRow("wildcard question miss")
        << QStringLiteral("fixture_a?x") << wild << false << QStringLiteral("fixture_add") << false;
    QTest::newRow("wildcard set") << QStringLiteral("[id]nflate") << wild << false << QStringLiteral("inflate") << true;
    // Symbol names are not paths: '*' matches across '/' (Qt 6.4's path wildcards stop there).
    QTest::newRow("wildcard star across slash")
        << QStringLiteral("operator*Branch") << wild << false << QStringLiteral("operator/(BranchProbability)") << true;
    QTest::newRow("wildcard negated set")
        << QStringLiteral("[!d]eflate") << wild << false << QStringLiteral("deflate") << false;
    QTest::newRow("wildcard regex characters are literal")
        << QStringLiteral("a.b(") << wild << false << QStringLiteral("axb(") << false;
    QTest::newRow("wildcard unclosed bracket is literal")
        << QStringLiteral("x[1") << wild << false << QStringLiteral("x[1]") << true;
    QTest::newRow("regex anchored") << QStringLiteral("^inflate(Init|End)$") << re << false
                                    << QStringLiteral("inflateEnd") << true;
    QTest::newRow("regex anchored miss") << QStringLiteral("^inflate(Init|End)$") << re << false
                                         << QStringLiteral("inflateEnd_") << false;
    QTest::newRow("regex case-sensitive")
        << QStringLiteral("^Inflate") << re << true << QStringLiteral("inflate") << false;
    QTest::newRow("regex case-insensitive")
        << QStringLiteral("^Inflate") << re << false << QStringLiteral("inflate") << true;
}

void TestTextFilter::matches()
{
    QFETCH(QString, pattern);
    QFETCH(int, mode);
    QFETCH(bool, caseSensitive);
    QFETCH(QString, text);
    QFETCH(bool, expected);
    const TextFilter filter(pattern, TextFilter::Mode(mode), caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
    QVERIFY(filter.isValid());
    QCOMPARE(filter.matches(text), expected);
}

void TestTextFilter::invalidRegexMatchesNothing()
{
    const TextFilter filter(QStringLiteral("fixture_(add"), TextFilter::Mode::Regex, Qt::CaseInsensitive);
    QVERIFY(!filter.isValid());
    QVERIFY(!filter.errorString().isEmpty());
    QVERIFY(!filter.matches(QStringLiteral("fixture_add")));
}

QTEST_APPLESS_MAIN(TestTextFilter)
#include "tst_textfilter.moc"
