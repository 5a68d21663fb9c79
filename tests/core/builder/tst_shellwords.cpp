// SPDX-License-Identifier: MIT
// Shell words: quoting as a POSIX shell reads it back, splitting a flags field as a shell would, and the reason
// when it cannot.
#include "builder/shellwords.h"

#include <QTest>

using namespace linklab;
using namespace Qt::StringLiterals;

class TestShellWords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << u"-Wl,-soname,libx.so.1"_s << u"-Wl,-soname,libx.so.1"_s;
        QTest::newRow("empty") << u""_s << u"''"_s;
        QTest::newRow("space") << u"a b"_s << u"'a b'"_s;
        QTest::newRow("dollar") << u"$ORIGIN"_s << u"'$ORIGIN'"_s;
        QTest::newRow("single quote") << u"it's"_s << u"'it'\\''s'"_s;
        QTest::newRow("star") << u"*.c"_s << u"'*.c'"_s;
    }

    void quoting()
    {
        QFETCH(QString, word);
        QFETCH(QString, quoted);
        QCOMPARE(shellQuote(word), quoted);
        // What the shell reads back is the word itself.
        const Result<QStringList> back = splitShellWords(quoted);
        QVERIFY(back.ok());
        QCOMPARE(*back, QStringList {word});
    }

    void splitting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("spaces") << u"  -O2   -g "_s << QStringList {u"-O2"_s, u"-g"_s};
        QTest::newRow("double quotes") << u"-DMSG=\"hello world\""_s << QStringList {u"-DMSG=hello world"_s};
        QTest::newRow("escaped quote") << u"-DQ=\\\"x\\\""_s << QStringList {u"-DQ=\"x\""_s};
        QTest::newRow("adjacent") << u"'a b'\"c\"d"_s << QStringList {u"a bcd"_s};
        QTest::newRow("empty arg") << u"'' x"_s << QStringList {u""_s, u"x"_s};
        QTest::newRow("nothing") << u""_s << QStringList {};
    }

    void splitting()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, words);
        const Result<QStringList> split = splitShellWords(text);
        QVERIFY2(split.ok(), qPrintable(split.reason()));
        QCOMPARE(*split, words);
    }

    void unclosedQuote()
    {
        for (const QString &text : {u"-DX='a"_s, u"\"abc"_s, u"ok 'then not"_s}) {
            const Result<QStringList> split = splitShellWords(text);
            QVERIFY2(!split.ok(), qPrintable(text));
            QVERIFY2(split.reason().contains(u"quote"_s), qPrintable(split.reason()));
        }
    }

    void commandLineQuotesEachWord()
    {
        QCOMPARE(
            commandLine({u"gcc"_s, u"-DMSG=two words"_s, u"-o"_s, u"a b.o"_s}), u"gcc '-DMSG=two words' -o 'a b.o'"_s);
        QCOMPARE(commandLine({}), QString());
    }
};

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
