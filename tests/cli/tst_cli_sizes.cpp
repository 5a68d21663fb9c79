// SPDX-License-Identifier: MIT
// linklab-cli sizes as a user runs it: its JSON and text against readelf -S and nm -S (exit statuses: tst_cli).
#include "fixturepaths.h"
#include "sizecheck.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab::test;

namespace {

Run cli(const QStringList &args)
{
    return run(QStringLiteral(LINKLAB_CLI), args);
}

QString corpus(const char *file)
{
    return QStringLiteral(LINKLAB_CORPUS_DIR "/elf/") + QLatin1String(file);
}

} // namespace

class TestCliSizes : public QObject
{
    Q_OBJECT

private slots:
    void jsonAgreesWithReadelfAndNm_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("detail");
        const QList<QPair<const char *, QString>> files {
            {"fixture .so", QStringLiteral(LINKLAB_FIXTURE_SHARED)},
            {"fixture .o", QStringLiteral(LINKLAB_FIXTURE_OBJECT)},
            {"fixture .a", QStringLiteral(LINKLAB_FIXTURE_STATIC)},
            {"fixture thin .a", QStringLiteral(LINKLAB_FIXTURE_THIN)},
            {"libc.so.6", QStringLiteral("/lib/x86_64-linux-gnu/libc.so.6")},
            {"libstdc++.so.6", QStringLiteral("/usr/lib/x86_64-linux-gnu/libstdc++.so.6")},
            {"libgcc.a", gccFile(QStringLiteral("libgcc.a"))},
            {"corpus 32-bit", corpus("readelf/dt_flags.so.elf")},
            {"corpus big-endian object", corpus("readelf/simple_mips_gcc.o.elf")},
            {"corpus big-endian 64-bit", corpus("unittests/aarch64_be_gnu_hash.so.elf")},
        };
        for (const auto &[name, path] : files)
            for (const char *detail : {"sections", "symbols", "sections,symbols"})
                QTest::addRow("%s, -d %s", name, detail) << path << QString::fromLatin1(detail);
    }
    void jsonAgreesWithReadelfAndNm()
    {
        QFETCH(QString, path);
        QFETCH(QString, detail);
        if (path.startsWith(QStringLiteral(LINKLAB_CORPUS_DIR)) && !QFileInfo::exists(path))
            QSKIP("corpus not present");
        QVERIFY2(QFileInfo::exists(path), qPrintable(path + QStringLiteral(" is missing")));
        const Run r = cli({QStringLiteral("sizes"), QStringLiteral("--json"), QStringLiteral("-d"), detail, path});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.keys(), (QStringList {QStringLiteral("file"), QStringLiteral("rows")}));
        QCOMPARE(o.value(QStringLiteral("file")).toString(), path);
        const bool archive = path.endsWith(QStringLiteral(".a"));
        QStringList keys {QStringLiteral("file_size"), QStringLiteral("section"), QStringLiteral("size")};
        if (detail != u"sections")
            keys.append(QStringLiteral("symbol"));
        if (archive)
            keys.append(QStringLiteral("member"));
        keys.sort(); // QJsonObject's order
        QList<SizeCheckRow> rows;
        std::uint64_t previous = UINT64_MAX;
        for (const QJsonValue &v : o.value(QStringLiteral("rows")).toArray()) {
            const QJsonObject row = v.toObject();
            QCOMPARE(row.keys(), keys);
            const auto size = std::uint64_t(row.value(QStringLiteral("size")).toInteger());
            if (detail == u"symbols") { // one list, largest first
                QVERIFY(size <= previous);
                previous = size;
            }
            rows.append({row.value(QStringLiteral("member")).toString(),
                row.value(QStringLiteral("section")).toString(), row.value(QStringLiteral("symbol")).toString(), size,
                std::uint64_t(row.value(QStringLiteral("file_size")).toInteger())});
        }
        QVERIFY(!rows.isEmpty());
        const QString problem = checkSizes(path, rows, detail != u"sections");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // The table: shares and a total that is the sum of readelf's section sizes.
    void textTable()
    {
        const QString lib = QStringLiteral(LINKLAB_FIXTURE_SHARED);
        const Run r = cli({QStringLiteral("sizes"), QStringLiteral("-d"), QStringLiteral("sections"), lib});
        QCOMPARE(r.exitCode, 0);
        const Run readelf = run(QStringLiteral("readelf"), {QStringLiteral("-SW"), lib});
        static const QRegularExpression sizeColumn(
            QStringLiteral(R"(^\s*\[\s*\d+\]\s+\S+\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s)"));
        std::uint64_t total = 0;
        int sections = 0;
        for (const QString &line : QString::fromLatin1(readelf.out).split(u'\n'))
            if (const auto m = sizeColumn.match(line); m.hasMatch() && m.captured(1).toULongLong(nullptr, 16)) {
                total += m.captured(1).toULongLong(nullptr, 16);
                ++sections;
            }
        const QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), sections + 2); // a heading, one line per section, the total
        QVERIFY(lines.first().contains(QStringLiteral("share")));
        const QStringList last = lines.last().simplified().split(u' ');
        QCOMPARE(last.value(0), QStringLiteral("100.0%"));
        QCOMPARE(last.value(1).toULongLong(), total);
        QCOMPARE(last.value(3), QStringLiteral("TOTAL"));
        // largest first
        std::uint64_t previous = UINT64_MAX;
        for (const QString &line : lines.mid(1, sections)) {
            const std::uint64_t size = line.simplified().section(u' ', 1, 1).toULongLong();
            QVERIFY(size <= previous);
            previous = size;
        }
    }
};

QTEST_GUILESS_MAIN(TestCliSizes)
#include "tst_cli_sizes.moc"
