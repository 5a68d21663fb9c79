// SPDX-License-Identifier: MIT
// The JSON inspect --json prints: the streamed form (toCompactJson, written without a QJsonObject per symbol)
// must parse to exactly the object toJson() builds, on every kind of fixture and on names that need escaping.
#include "binary/binaryjson.h"
#include "binary/openbinary.h"
#include "fixturepaths.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace linklab;
using namespace linklab::test;
using namespace Qt::StringLiterals;

class TestBinaryJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamedEqualsBuilt_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("object") << QStringLiteral(LINKLAB_FIXTURE_OBJECT);
        QTest::newRow("shared") << QStringLiteral(LINKLAB_FIXTURE_SHARED);
        QTest::newRow("executable") << QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH);
        QTest::newRow("archive") << QStringLiteral(LINKLAB_FIXTURE_STATIC);
        QTest::newRow("thin archive") << QStringLiteral(LINKLAB_FIXTURE_THIN);
    }

    void streamedEqualsBuilt()
    {
        QFETCH(QString, path);
        const OpenResult r = openBinary(path);
        QVERIFY(std::holds_alternative<BinaryInfo>(r));
        const BinaryInfo &info = std::get<BinaryInfo>(r);
        QJsonParseError error;
        const QJsonDocument streamed = QJsonDocument::fromJson(toCompactJson(info), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(streamed.object(), toJson(info));
        if (!info.isArchive())
            QVERIFY(!streamed.object()[u"symbols"_s].toArray().isEmpty());
    }

    // Names as hostile files hold them (the assembler would refuse to write such names, so the model is made
    // here): quotes, backslashes, control characters, non-ASCII, and a huge size beyond a double's precision.
    void namesThatNeedEscaping()
    {
        BinaryInfo info;
        info.path = u"made.o"_s;
        info.kind = BinaryKind::Relocatable;
        info.elfClass = 64;
        info.machine = 62;
        int index = 0;
        for (const QString &name : {u"quote\"back\\slash"_s, u"ctl\x01\x1ftab\tnl\nend"_s, u"caf\u00e9"_s, QString()}) {
            SymbolInfo s;
            s.index = index++;
            s.name = s.demangled = name;
            s.size = index == 2 ? (std::uint64_t(1) << 60) : 8;
            s.nm = 'T';
            info.symbols.append(s);
        }
        QJsonParseError error;
        const QJsonDocument streamed = QJsonDocument::fromJson(toCompactJson(info), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(streamed.object(), toJson(info));
        QCOMPARE(streamed.object()[u"symbols"_s].toArray().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestBinaryJson)
#include "tst_binaryjson.moc"
