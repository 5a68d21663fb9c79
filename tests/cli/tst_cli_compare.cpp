// SPDX-License-Identifier: MIT
// linklab-cli compare as a user runs it: exit status 1 when NEW breaks programs linked against OLD, 0 when it is
// compatible, 2 for bad usage, 3 when a file cannot be read (with its reason); the JSON's shape and its figures
// against nm; the text report.
#include "abifixtures.h"
#include "fixturepaths.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab::test;
using namespace Qt::StringLiterals;

namespace {

Run cli(const QStringList &args)
{
    return run(QStringLiteral(LINKLAB_CLI), args);
}

QJsonObject parse(const QByteArray &out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

QStringList namesOf(const QJsonArray &symbols)
{
    QStringList out;
    for (const QJsonValue &v : symbols) {
        const QJsonObject s = v.toObject();
        QString n = s[u"name"_s].toString();
        if (s.contains(u"version"_s))
            n += (s[u"default"_s].toBool() ? u"@@"_s : u"@"_s) + s[u"version"_s].toString();
        out.append(n);
    }
    return out;
}

} // namespace

class TestCliCompare : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    AbiFixtures m_fix;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fix = buildAbiFixtures(m_dir.path());
        QVERIFY2(m_fix.error.isEmpty(), qPrintable(m_fix.error));
    }

    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("breaking") << QStringList {m_fix.v1, m_fix.v2} << 1 << QString();
        QTest::newRow("breaking, no bump") << QStringList {m_fix.v1, m_fix.unbumped} << 1 << QString();
        QTest::newRow("additions") << QStringList {m_fix.v1, m_fix.compat} << 0 << QString();
        QTest::newRow("same") << QStringList {m_fix.v1, m_fix.v1} << 0 << QString();
        QTest::newRow("archive vs its library") << QStringList {m_fix.archive, m_fix.v1} << 0 << QString();
        QTest::newRow("json breaking") << QStringList {u"--json"_s, m_fix.v1, m_fix.v2} << 1 << QString();
        QTest::newRow("one file") << QStringList {m_fix.v1} << 2 << u"two files"_s;
        QTest::newRow("three files") << QStringList {m_fix.v1, m_fix.v2, m_fix.v1} << 2 << u"two files"_s;
        QTest::newRow("no file") << QStringList {} << 2 << u"no input files"_s;
        QTest::newRow("bad option") << QStringList {u"--frobnicate"_s, m_fix.v1, m_fix.v2} << 2 << u"frobnicate"_s;
        QTest::newRow("missing old") << QStringList {m_dir.filePath(u"nothere.so"_s), m_fix.v2} << 3 << u"nothere.so"_s;
        QTest::newRow("directory new") << QStringList {m_fix.v1, m_dir.path()} << 3 << u"directory"_s;
        QTest::newRow("not ELF") << QStringList {m_fix.v1, m_dir.filePath(u"v1.c"_s)} << 3 << u"v1.c"_s;
    }

    void exitStatus()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, stderrHas);
        const Run r = cli(QStringList {u"compare"_s} + args);
        QCOMPARE(r.exitCode, status);
        if (!stderrHas.isEmpty())
            QVERIFY2(QString::fromUtf8(r.err).contains(stderrHas), r.err.constData());
        if (status == 3)
            QVERIFY(r.out.isEmpty());
    }

    void json()
    {
        const Run r = cli({u"compare"_s, u"--json"_s, m_fix.v1, m_fix.v2});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = parse(r.out);
        QVERIFY2(!o.isEmpty(), r.out.constData());
        QCOMPARE(o[u"breaking"_s].toBool(), true);
        QCOMPARE(o[u"old"_s][u"file"_s].toString(), m_fix.v1);
        QCOMPARE(o[u"old"_s][u"soname"_s].toString(), u"libabi.so.1"_s);
        QCOMPARE(o[u"new"_s][u"soname"_s].toString(), u"libabi.so.2"_s);
        QCOMPARE(o[u"new"_s][u"kind"_s].toString(), u"shared library"_s);
        QCOMPARE(o[u"soname"_s][u"changed"_s].toBool(), true);
        QVERIFY(o[u"needed"_s][u"added"_s].toArray().contains(u"libm.so.6"_s));
        QCOMPARE(o[u"needed"_s][u"removed"_s].toArray(), QJsonArray {});
        QCOMPARE(o[u"versions"_s][u"added"_s].toArray(), QJsonArray {u"V2"_s});
        const QJsonObject symbols = o[u"symbols"_s].toObject();
        QCOMPARE(namesOf(symbols[u"removed"_s].toArray()), QStringList {u"gone@@V1"_s});
        QCOMPARE(namesOf(symbols[u"added"_s].toArray()), (QStringList {u"fresh@@V2"_s, u"vfun@@V2"_s}));
        QCOMPARE(symbols[u"removed"_s][0][u"type"_s].toString(), u"FUNC"_s);
        QJsonObject table;
        for (const QJsonValue &v : symbols[u"changed"_s].toArray())
            if (v[u"name"_s].toString() == u"table")
                table = v.toObject();
        QCOMPARE(table[u"breaking"_s].toBool(), true);
        // The sizes as nm -S prints them.
        QCOMPARE(table[u"old"_s][u"size"_s].toInteger(), nmDynamicSize(m_fix.v1, u"table@@V1"_s));
        QCOMPARE(table[u"new"_s][u"size"_s].toInteger(), nmDynamicSize(m_fix.v2, u"table@@V1"_s));
        const QJsonObject counts = o[u"counts"_s].toObject();
        QCOMPARE(counts[u"removed"_s].toInt(), 1);
        QCOMPARE(counts[u"added"_s].toInt(), 2);
        QCOMPARE(counts[u"changed"_s].toInt(), 3);
        QCOMPARE(counts[u"kept"_s].toInt(), 2);
        const QJsonObject verdict = o[u"verdict"_s].toObject();
        QCOMPARE(verdict[u"headline"_s].toString(), u"Breaks programs linked against the old version"_s);
        QVERIFY(verdict[u"reasons"_s].toArray().first().toString().contains(u"undefined symbol: gone"_s));
        QVERIFY(!verdict[u"advice"_s].toString().isEmpty());
    }

    void text()
    {
        const Run r = cli({u"compare"_s, m_fix.v1, m_fix.unbumped});
        QCOMPARE(r.exitCode, 1);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(u"Breaks programs linked against the old version."_s), r.out.constData());
        QVERIFY(out.contains(u"Bump the soname (libabi.so.1 -> libabi.so.2)"_s));
        QVERIFY(out.contains(u"Removed (2):"_s));
        QVERIFY(out.contains(u"  - FUNC   GLOBAL gone@@V1"_s));
        QVERIFY(out.contains(u"Added (1):"_s));
        QVERIFY(out.contains(u"  + FUNC   GLOBAL vfun@@V2"_s));
        QVERIFY(out.contains(u"Exported symbols: 4 kept, 0 changed, 2 removed, 1 added"_s));

        const Run ok = cli({u"compare"_s, m_fix.v1, m_fix.compat});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY(ok.out.contains("Compatible: only additions."));
        QVERIFY(ok.out.contains("bump the minor version"));
    }

    void help()
    {
        const Run r = cli({u"compare"_s, u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("3 a file could not be read"));
        QVERIFY(cli({u"--help"_s}).out.contains("compare"));
    }
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "tst_cli_compare.moc"
