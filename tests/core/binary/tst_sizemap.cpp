// SPDX-License-Identifier: MIT
// The size map (sections split into symbols) against readelf -S and nm -S, and the treemap layout without pixels.
#include "binary/openbinary.h"
#include "binary/sizemap.h"
#include "support/treemap.h"

#include "fixturepaths.h"
#include "sizecheck.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace linklab::test;

namespace {

QList<SizeCheckRow> checkRows(const QList<SizeRow> &rows)
{
    QList<SizeCheckRow> out;
    for (const SizeRow &r : rows)
        out.append({r.member, r.section, r.symbol, r.size, r.fileSize});
    return out;
}

BinaryInfo open(const QString &path)
{
    OpenOptions options;
    options.demangle = false;
    OpenResult result = openBinary(path, options);
    if (auto *error = std::get_if<OpenError>(&result))
        qFatal("%s: %s", qPrintable(path), qPrintable(error->message));
    return std::get<BinaryInfo>(std::move(result));
}

double area(const QRectF &r)
{
    return r.width() * r.height();
}

} // namespace

class TestSizeMap : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_object, m_shared, m_archive;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString dir = m_dir.path();
        const QString problem = buildSizeFixtures(dir);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_object = dir + QStringLiteral("/sizes.o");
        m_shared = dir + QStringLiteral("/libsizes.so");
        m_archive = dir + QStringLiteral("/libsizes.a");
    }

    void agreesWithReadelfAndNm_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("object built here") << m_object;
        QTest::newRow("library built here") << m_shared;
        QTest::newRow("archive built here") << m_archive;
        QTest::newRow("fixture .so") << QStringLiteral(LINKLAB_FIXTURE_SHARED);
        QTest::newRow("fixture .a") << QStringLiteral(LINKLAB_FIXTURE_STATIC);
        QTest::newRow("fixture program") << QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH);
        QTest::newRow("libc.so.6") << QStringLiteral("/lib/x86_64-linux-gnu/libc.so.6");
        QTest::newRow("libstdc++.so.6") << QStringLiteral("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
        QTest::newRow("libc.a") << QStringLiteral("/usr/lib/x86_64-linux-gnu/libc.a");
        const QString corpus = QStringLiteral(LINKLAB_CORPUS_DIR "/elf/");
        // 32-bit, big-endian, TLS, foreign machines.
        for (const char *file : {"readelf/dt_flags.so.elf", "readelf/tls.so.elf", "readelf/tls64.so.elf",
                 "readelf/simple_mips_gcc.o.elf", "readelf/s390x-relocs.o.elf", "readelf/libelf0_8_13_32bit.so.elf",
                 "unittests/aarch64_be_gnu_hash.so.elf", "unittests/exe_solaris32_cc.sparc.elf",
                 "readelf/simple_armeb_gcc.o.elf", "unittests/simple_mipsel.elf"})
            QTest::newRow(file) << corpus + QLatin1String(file);
    }
    void agreesWithReadelfAndNm()
    {
        QFETCH(QString, path);
        if (path.startsWith(QStringLiteral(LINKLAB_CORPUS_DIR)) && !QFileInfo::exists(path))
            QSKIP("corpus not present");
        QVERIFY2(QFileInfo::exists(path), qPrintable(path + QStringLiteral(" is missing")));
        const BinaryInfo info = open(path);
        for (SizeDetail detail : {SizeDetail::Sections, SizeDetail::SectionsAndSymbols, SizeDetail::Symbols}) {
            const QList<SizeRow> rows = sizeRows(info, detail);
            QVERIFY(!rows.isEmpty());
            const QString problem = checkSizes(path, checkRows(rows), detail != SizeDetail::Sections);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }

    void aliasesCountOnce()
    {
        const BinaryInfo info = open(m_shared);
        const QList<SizeRow> rows = sizeRows(info, SizeDetail::SectionsAndSymbols);
        int named = 0;
        for (const SizeRow &r : rows) {
            const bool real = r.symbol == u"real_function", alias = r.symbol == u"alias_function";
            if (!real && !alias)
                continue;
            ++named;
            // The first in .symtab names the row; the other is listed as its alias.
            QCOMPARE(r.aliases.size(), 1);
            QCOMPARE(r.aliases.first(), real ? QStringLiteral("alias_function") : QStringLiteral("real_function"));
            QVERIFY(r.symbolIndex >= 0);
            QCOMPARE(info.symbols.at(r.symbolIndex).name, r.symbol);
        }
        QCOMPARE(named, 1);
    }

    void bssHasNoFileBytes()
    {
        for (const QString &path : {m_object, m_shared}) {
            const QList<SizeRow> rows = sizeRows(open(path), SizeDetail::SectionsAndSymbols);
            bool found = false;
            for (const SizeRow &r : rows) {
                if (r.section == u".bss")
                    QCOMPARE(r.fileSize, std::uint64_t(0));
                if (r.symbol == u"big_buffer") {
                    found = true;
                    QCOMPARE(r.size, std::uint64_t(100000));
                    QCOMPARE(r.fileSize, std::uint64_t(0));
                    QVERIFY(r.loaded);
                }
            }
            QVERIFY2(found, qPrintable(path));
        }
    }

    void tlsSymbolsInTheirSections()
    {
        const QList<SizeRow> rows = sizeRows(open(m_shared), SizeDetail::SectionsAndSymbols);
        QHash<QString, QString> sectionOf;
        for (const SizeRow &r : rows)
            sectionOf.insert(r.symbol, r.section);
        QCOMPARE(sectionOf.value(QStringLiteral("tls_counter")), QStringLiteral(".tbss"));
        QCOMPARE(sectionOf.value(QStringLiteral("tls_seed")), QStringLiteral(".tdata"));
    }

    void archiveRowsNameTheirMember()
    {
        const QList<SizeRow> rows = sizeRows(open(m_archive), SizeDetail::SectionsAndSymbols);
        QSet<QString> members;
        for (const SizeRow &r : rows)
            members.insert(r.member);
        QCOMPARE(members, (QSet<QString> {QStringLiteral("sizes.o"), QStringLiteral("second.o")}));
        // members -> sections -> symbols in the tree
        const QList<SizeNode> tree = sizeTree(rows);
        QCOMPARE(tree.first().children.size(), 2);
        for (int m : tree.first().children) {
            QCOMPARE(tree.at(m).kind, SizeNode::Member);
            for (int s : tree.at(m).children)
                QCOMPARE(tree.at(s).kind, SizeNode::Section);
        }
    }

    void sectionsDetailHasNoSymbols()
    {
        const QList<SizeRow> rows = sizeRows(open(m_shared), SizeDetail::Sections);
        for (int i = 0; i < rows.size(); ++i) {
            QVERIFY(rows.at(i).symbol.isEmpty());
            if (i > 0)
                QVERIFY(rows.at(i - 1).size >= rows.at(i).size); // largest first
        }
        const QJsonObject json = QJsonDocument::fromJson(sizeRowsToJson(m_shared, rows, SizeDetail::Sections)).object();
        QCOMPARE(json.value(QStringLiteral("file")).toString(), m_shared);
        const QJsonObject first = json.value(QStringLiteral("rows")).toArray().first().toObject();
        QCOMPARE(first.keys(),
            (QStringList {QStringLiteral("file_size"), QStringLiteral("section"), QStringLiteral("size")}));
    }

    void treeSumsItsLeaves()
    {
        const QList<SizeRow> rows = sizeRows(open(m_shared), SizeDetail::SectionsAndSymbols);
        const QList<SizeNode> tree = sizeTree(rows);
        std::uint64_t total = 0, totalFile = 0;
        for (const SizeRow &r : rows) {
            total += r.size;
            totalFile += r.fileSize;
        }
        QCOMPARE(tree.first().size, total);
        QCOMPARE(tree.first().fileSize, totalFile);
        for (int i = 1; i < tree.size(); ++i) {
            const SizeNode &n = tree.at(i);
            QVERIFY(n.parent >= 0 && n.parent < i); // parents first
            if (n.children.isEmpty())
                continue;
            std::uint64_t sum = 0;
            for (int c : n.children)
                sum += tree.at(c).size;
            QCOMPARE(n.size, sum);
        }
    }

    void parseDetail()
    {
        QCOMPARE(parseSizeDetail(QStringLiteral("sections")), std::optional(SizeDetail::Sections));
        QCOMPARE(parseSizeDetail(QStringLiteral("symbols")), std::optional(SizeDetail::Symbols));
        QCOMPARE(parseSizeDetail(QStringLiteral("sections,symbols")), std::optional(SizeDetail::SectionsAndSymbols));
        QCOMPARE(parseSizeDetail(QStringLiteral("segments")), std::nullopt);
    }

    // The treemap, without pixels.
    void squarifyIsProportionalAndTiles_data()
    {
        QTest::addColumn<QList<double>>("weights");
        QTest::addColumn<QRectF>("rect");
        QTest::newRow("one") << QList<double> {5} << QRectF(0, 0, 100, 50);
        QTest::newRow("paper's example") << QList<double> {6, 6, 4, 3, 2, 2, 1} << QRectF(0, 0, 6, 4);
        QTest::newRow("unsorted with zeros") << QList<double> {1, 0, 30, 7, 0, 2} << QRectF(10, 20, 300, 200);
        QList<double> many;
        for (int i = 1; i <= 2000; ++i)
            many.append(double((i * 7919) % 1000 + 1));
        QTest::newRow("2000 blocks") << many << QRectF(0, 0, 1280, 720);
    }
    void squarifyIsProportionalAndTiles()
    {
        QFETCH(QList<double>, weights);
        QFETCH(QRectF, rect);
        const QList<QRectF> rects = treemap::squarify(weights, rect);
        QCOMPARE(rects.size(), weights.size());
        double total = 0, covered = 0;
        for (double w : weights)
            total += w;
        for (int i = 0; i < rects.size(); ++i) {
            const QRectF &r = rects.at(i);
            if (weights.at(i) <= 0) {
                QVERIFY(r.isEmpty());
                continue;
            }
            QVERIFY(qAbs(area(r) - area(rect) * weights.at(i) / total) < 1e-6 * area(rect));
            QVERIFY(rect.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(r));
            covered += area(r);
            for (int j = 0; j < i; ++j) // no two blocks overlap
                QVERIFY(area(r.intersected(rects.at(j))) < 1e-6 * area(rect));
        }
        QVERIFY(qAbs(covered - area(rect)) < 1e-6 * area(rect));
        if (weights.size() == 7) // Bruls et al.'s example: blocks stay near squares (a strip layout gives 1:24)
            QVERIFY(treemap::worstAspect(rects) < 3);
    }

    void layoutNestsChildrenInParents()
    {
        const QList<SizeRow> rows = sizeRows(open(m_archive), SizeDetail::SectionsAndSymbols);
        const QList<SizeNode> tree = sizeTree(rows);
        QList<treemap::Node> nodes;
        for (const SizeNode &n : tree)
            nodes.append({double(n.size), n.children});
        const QRectF whole(0, 0, 1000, 600);
        const QList<QRectF> rects = treemap::layout(nodes, whole, {16, 2, 40});
        QCOMPARE(rects.first(), whole);
        for (int i = 1; i < tree.size(); ++i) {
            const QRectF parent = rects.at(tree.at(i).parent);
            QVERIFY(parent.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(rects.at(i)) || rects.at(i).isEmpty());
        }
        // Siblings share their parent's inner area in proportion to their sizes.
        for (const SizeNode &n : tree) {
            if (n.children.size() < 2)
                continue;
            double childArea = 0;
            for (int c : n.children)
                childArea += area(rects.at(c));
            for (int c : n.children) {
                const double expected = childArea * double(tree.at(c).size) / double(n.size);
                QVERIFY(qAbs(area(rects.at(c)) - expected) < 1e-6 * area(whole));
            }
        }
        // The members at the top level: exactly their share of the whole.
        for (int m : tree.first().children)
            QVERIFY(qAbs(area(rects.at(m)) / area(whole) - double(tree.at(m).size) / double(tree.first().size)) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestSizeMap)
#include "tst_sizemap.moc"
