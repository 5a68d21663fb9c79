// SPDX-License-Identifier: MIT
// The ELF reader on hostile tables built at test time from real objects: string tables without NUL bytes
// (which once cost symbols x table size in memory), corrupt version needs, and names that are not UTF-8.
#include "binary/bytenames.h"
#include "binary/openbinary.h"
#include "fixturepaths.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace linklab;
using namespace linklab::test;
using namespace Qt::StringLiterals;

namespace {

// Section headers of an ELF64 little-endian image (the fixtures are built for x86-64).
struct Section {
    QByteArray name;
    quint32 type = 0;
    quint64 offset = 0;
    quint64 size = 0;
    quint32 link = 0;
    quint32 info = 0;
};

QList<Section> sections(const QByteArray &elf)
{
    const auto u16 = [&](qsizetype at) { return qFromLittleEndian<quint16>(elf.constData() + at); };
    const auto u32 = [&](qsizetype at) { return qFromLittleEndian<quint32>(elf.constData() + at); };
    const auto u64 = [&](qsizetype at) { return qFromLittleEndian<quint64>(elf.constData() + at); };
    const qsizetype shoff = qsizetype(u64(0x28));
    const int shentsize = u16(0x3a), shnum = u16(0x3c), shstrndx = u16(0x3e);
    QList<Section> out;
    for (int i = 0; i < shnum; ++i) {
        const qsizetype p = shoff + qsizetype(i) * shentsize;
        out.append({{}, u32(p + 4), u64(p + 24), u64(p + 32), u32(p + 40), u32(p + 44)});
        out.last().link = u32(p + 40);
        out.last().name = QByteArray::number(u32(p)); // resolved below
    }
    const Section &names = out[shstrndx];
    for (Section &s : out)
        s.name = QByteArray(elf.constData() + names.offset + s.name.toLongLong());
    return out;
}

Section section(const QByteArray &elf, const QByteArray &name)
{
    for (const Section &s : sections(elf)) {
        if (s.name == name)
            return s;
    }
    return {};
}

void replaceNuls(QByteArray &elf, const Section &s)
{
    for (quint64 i = s.offset; i < s.offset + s.size; ++i) {
        if (elf[qsizetype(i)] == 0)
            elf[qsizetype(i)] = 'A';
    }
}

BinaryInfo openBytes(const QByteArray &bytes, const QString &name)
{
    OpenResult r = openBinaryData(bytes, name);
    if (auto *e = std::get_if<OpenError>(&r))
        qFatal("%s: %s", qPrintable(name), qPrintable(e->message));
    return std::get<BinaryInfo>(std::move(r));
}

qsizetype warningsWith(const BinaryInfo &info, const QString &part)
{
    return std::count_if(
        info.warnings.cbegin(), info.warnings.cend(), [&](const QString &w) { return w.contains(part); });
}

} // namespace

class TestElfReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_manyNames; // an object with 3,000 symbols of ~300 characters each

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QByteArray source;
        for (int i = 0; i < 3000; ++i)
            source
                += "int " + QByteArray(300, 'n') + '_' + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
        const QString c = m_dir.filePath(u"many.c"_s);
        QVERIFY(writeFile(c, source));
        m_manyNames = m_dir.filePath(u"many.o"_s);
        const Run gcc = run(u"gcc"_s, {u"-c"_s, u"-o"_s, m_manyNames, c});
        QVERIFY2(gcc.exitCode == 0, gcc.err.constData());
    }

    // A string table without NUL bytes: every name would run to the end of the table, 3,000 x ~450 KB. The
    // names stop at the table's end and, past a budget of a few times the table's size, are cut; every symbol
    // is still there, and each problem is said once, not per symbol.
    void stringTableWithoutNuls()
    {
        QByteArray elf = readFile(m_manyNames);
        const BinaryInfo before = openBytes(elf, u"many.o"_s);
        const Section strtab = section(elf, ".strtab");
        QVERIFY(strtab.size > 900'000);
        replaceNuls(elf, strtab);
        const BinaryInfo info = openBytes(elf, u"many-nonul.o"_s);
        QCOMPARE(info.symbols.size(), before.symbols.size());
        qint64 total = 0;
        for (const SymbolInfo &s : info.symbols)
            total += s.name.size();
        QVERIFY2(total <= qint64(strtab.size * 4 + (1 << 20)), qPrintable(QString::number(total)));
        QCOMPARE(warningsWith(info, u"does not end in a NUL byte"_s), 1);
        QCOMPARE(warningsWith(info, u"are cut"_s), 1);
        // The first names read in full what a reader of the table would see: a name up to the table's end.
        QVERIFY(info.symbols[1].name.startsWith(QString::fromLatin1(before.symbols[1].name.toLatin1())));
        // The section names come from another table and are untouched.
        QCOMPARE(info.sections.size(), before.sections.size());
        for (qsizetype i = 0; i < info.sections.size(); ++i)
            QCOMPARE(info.sections[i].name, before.sections[i].name);
    }

    void dynamicStringTableWithoutNuls()
    {
        QByteArray elf = readFile(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        const BinaryInfo before = openBytes(elf, u"fixture.so"_s);
        replaceNuls(elf, section(elf, ".dynstr"));
        const BinaryInfo info = openBytes(elf, u"fixture-nonul.so"_s);
        QCOMPARE(info.symbols.size(), before.symbols.size());
        QCOMPARE(info.dynamic.size(), before.dynamic.size());
        QCOMPARE(info.needed.size(), before.needed.size());
        QVERIFY(warningsWith(info, u"does not end in a NUL byte"_s) >= 1);
        QVERIFY(warningsWith(info, u"does not end in a NUL byte"_s) <= 2); // the table, by section and by DT_STRTAB
    }

    // .gnu.version_r with a broken link from the first need to the next: what was read keeps its versions,
    // the rest shows <corrupt> (as bfd names an unknown need), one warning says so, and no symbol is lost.
    void corruptVersionNeeds()
    {
        QByteArray elf = readFile(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        const BinaryInfo before = openBytes(elf, u"fixture.so"_s);
        const Section verneed = section(elf, ".gnu.version_r");
        QVERIFY(verneed.size > 0);
        QVERIFY2(verneed.info >= 2, "the fixture needs versions from libc and libm");
        // vn_next of the first entry (offset 12) points far past the section.
        qToLittleEndian<quint32>(0x7fffffff, elf.data() + verneed.offset + 12);
        const BinaryInfo info = openBytes(elf, u"fixture-verneed.so"_s);
        QCOMPARE(info.symbols.size(), before.symbols.size());
        QCOMPARE(warningsWith(info, u"version needs are corrupt from entry 1"_s), 1);
        int kept = 0, corrupt = 0;
        for (qsizetype i = 0; i < info.symbols.size(); ++i) {
            const SymbolInfo &s = info.symbols[i];
            QCOMPARE(s.name, before.symbols[i].name);
            if (s.version == before.symbols[i].version && !s.version.isEmpty())
                ++kept;
            else if (s.version == u"<corrupt>")
                ++corrupt;
            else
                QCOMPARE(s.version, before.symbols[i].version);
        }
        QVERIFY(kept > 0);
        QVERIFY(corrupt > 0);
    }

    // A big file is read on demand (only the tables asked for); what comes out must be what reading the whole
    // file gives, to the last symbol, section and relocation.
    void onDemandReadingMatchesWholeFile()
    {
        const QString c = m_dir.filePath(u"big.c"_s);
        QVERIFY(writeFile(c,
            "#include <string.h>\nchar big[6 << 20] = {1};\nextern int other;\n"
            "int f(const char *s) { return (int)strlen(s) + big[other]; }\n"));
        const QString so = m_dir.filePath(u"libbig.so"_s);
        const Run gcc = run(u"gcc"_s, {u"-shared"_s, u"-fPIC"_s, u"-o"_s, so, c});
        QVERIFY2(gcc.exitCode == 0, gcc.err.constData());
        QVERIFY(QFileInfo(so).size() > (6 << 20)); // past the size from which files are read on demand
        OpenOptions options;
        options.relocations = true;
        OpenResult lazy = openBinary(so, options);
        OpenResult whole = openBinaryData(readFile(so), so, options);
        QVERIFY(std::holds_alternative<BinaryInfo>(lazy) && std::holds_alternative<BinaryInfo>(whole));
        const BinaryInfo &a = std::get<BinaryInfo>(lazy), &b = std::get<BinaryInfo>(whole);
        QCOMPARE(a.sections.size(), b.sections.size());
        for (qsizetype i = 0; i < a.sections.size(); ++i)
            QCOMPARE(a.sections[i].name, b.sections[i].name);
        QCOMPARE(a.segments.size(), b.segments.size());
        QCOMPARE(a.needed, b.needed);
        QCOMPARE(a.dynamic.size(), b.dynamic.size());
        QCOMPARE(a.symbols.size(), b.symbols.size());
        QVERIFY(a.symbols.size() > 5);
        for (qsizetype i = 0; i < a.symbols.size(); ++i) {
            QCOMPARE(a.symbols[i].name, b.symbols[i].name);
            QCOMPARE(a.symbols[i].value, b.symbols[i].value);
            QCOMPARE(a.symbols[i].version, b.symbols[i].version);
            QCOMPARE(a.symbols[i].nm, b.symbols[i].nm);
        }
        QCOMPARE(a.relocations.size(), b.relocations.size());
        for (qsizetype i = 0; i < a.relocations.size(); ++i) {
            QCOMPARE(a.relocations[i].offset, b.relocations[i].offset);
            QCOMPARE(a.relocations[i].symbol, b.relocations[i].symbol);
        }
        QCOMPARE(a.warnings, b.warnings);
    }

    // Names are bytes: a name that is not UTF-8 comes back byte for byte.
    void namesKeepTheirBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("latin-1") << QByteArray("caf\xe9");
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9");
        QTest::newRow("encoded surrogate") << QByteArray("x\xed\xb3\xa9y");
        QTest::newRow("truncated sequence") << QByteArray("a\xe2\x82");
        QTest::newRow("overlong") << QByteArray("\xc0\xaf");
        QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
        QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80");
        QTest::newRow("ascii") << QByteArray("plain_name");
    }

    void namesKeepTheirBytes()
    {
        QFETCH(QByteArray, bytes);
        const QString name = decodeName(bytes);
        QCOMPARE(encodeName(name), bytes);
        if (QString::fromUtf8(bytes).toUtf8() == bytes)
            QCOMPARE(name, QString::fromUtf8(bytes)); // valid UTF-8 reads as itself
    }

    void symbolNamesKeepTheirBytes()
    {
        const QString c = m_dir.filePath(u"bytes.c"_s);
        QVERIFY(writeFile(c, "int x __asm__(\"caf\\xe9\") = 1;\nint y __asm__(\"ok_\\xc3\\xa9\") = 2;\n"));
        const QString o = m_dir.filePath(u"bytes.o"_s);
        const Run gcc = run(u"gcc"_s, {u"-c"_s, u"-o"_s, o, c});
        QVERIFY2(gcc.exitCode == 0, gcc.err.constData());
        const BinaryInfo info = openBytes(readFile(o), u"bytes.o"_s);
        QList<QByteArray> names;
        for (const SymbolInfo &s : info.symbols)
            names.append(encodeName(s.name));
        QVERIFY(names.contains(QByteArray("caf\xe9")));
        QVERIFY(names.contains(QByteArray("ok_\xc3\xa9")));
    }
};

QTEST_GUILESS_MAIN(TestElfReader)
#include "tst_elfreader.moc"
