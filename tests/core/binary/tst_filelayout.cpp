// SPDX-License-Identifier: MIT
// The file layout model (core/binary/filelayout.h) against GNU readelf run at test time (-h -S -l -W): every
// section's offset and size, the header tables where -h puts them, every byte of the file claimed by as many things
// as readelf's numbers say (gaps and overlaps), segment brackets at -l's offset and file size, and each PT_LOAD's
// memory-only part equal to memsz - filesz. Inputs: the fixtures, system files, and the corpus's 32-bit,
// big-endian, core and malformed files; broken files made at test time (cut short, a section moved past the end).
#include "binarysupport.h"
#include "fixturepaths.h"
#include "readelfcompare.h"
#include "testsupport.h"

#include "binary/bandgeometry.h"
#include "binary/filelayout.h"
#include "binary/openbinary.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;
using namespace linklab::test;

namespace linklab {
namespace {

const QString kCorpus = QStringLiteral(LINKLAB_CORPUS_DIR);

BinaryInfo open(const QString &path)
{
    return linklab::test::openOrDie(path);
}

std::optional<ReadelfReport> readelf(const QString &path)
{
    const Run r = run(u"readelf"_s, {u"-W"_s, u"-h"_s, u"-l"_s, u"-S"_s, path});
    QString error;
    auto report = parseReadelf(r.out, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return report;
}

// "149360 (bytes into file)", "64 (bytes)", "0 (31)" -> the first number, or the bracketed one when there is one
std::uint64_t headerNumber(const ReadelfReport &re, const QString &field)
{
    QString v = re.header.value(field);
    if (const qsizetype open = v.indexOf(u'('); open >= 0 && field.startsWith(u"Number"_s))
        if (const QString inner = v.mid(open + 1).section(u')', 0, 0); !inner.isEmpty() && inner.at(0).isDigit())
            v = inner;
    return v.section(u' ', 0, 0).toULongLong();
}

// The byte ranges readelf's numbers say are claimed: ELF header, program headers, sections with file bytes,
// section headers.
QList<std::pair<std::uint64_t, std::uint64_t>> claimedByReadelf(const ReadelfReport &re, int elfClass)
{
    QList<std::pair<std::uint64_t, std::uint64_t>> ranges;
    ranges.append({0, elfClass == 64 ? 64 : 52});
    const std::uint64_t phoff = headerNumber(re, u"Start of program headers"_s);
    const std::uint64_t phnum = headerNumber(re, u"Number of program headers"_s);
    if (phoff != 0 && phnum != 0)
        ranges.append({phoff, phoff + phnum * headerNumber(re, u"Size of program headers"_s)});
    for (const ReadelfSection &s : re.sections)
        if (s.index != 0 && s.type != u"NOBITS"_s && s.size > 0)
            ranges.append({s.offset, s.offset + s.size});
    const std::uint64_t shoff = headerNumber(re, u"Start of section headers"_s);
    const std::uint64_t shnum = headerNumber(re, u"Number of section headers"_s);
    if (shoff != 0 && shnum != 0)
        ranges.append({shoff, shoff + shnum * headerNumber(re, u"Size of section headers"_s)});
    return ranges;
}

} // namespace

class TestFileLayout : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_manySections;

    // A copy of the shared fixture cut after `keep` bytes: the section headers at its end are gone.
    QString truncatedCopy(qsizetype keep)
    {
        const QByteArray bytes = readFile(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        const QString path = m_dir.filePath(u"truncated.so"_s);
        return writeFile(path, bytes.left(keep)) ? path : QString();
    }

    // A copy of the shared fixture whose .comment section header says it starts 16 bytes before the end of the file.
    QString sectionPastEndCopy()
    {
        QByteArray bytes = readFile(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        const BinaryInfo info = open(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        for (const SectionInfo &s : info.sections) {
            if (s.name != u".comment"_s)
                continue;
            const qsizetype at = qsizetype(info.sectionHeaderOffset + std::uint64_t(s.index) * 64 + 24);
            const std::uint64_t offset = std::uint64_t(bytes.size()) - 16;
            for (int i = 0; i < 8; ++i)
                bytes[at + i] = char((offset >> (8 * i)) & 0xff);
            const QString path = m_dir.filePath(u"pastend.so"_s);
            return writeFile(path, bytes) ? path : QString();
        }
        return {};
    }

    // An object with one section per function and per variable (-ffunction-sections -fdata-sections): 8,000
    // sections, as in a big C++ object.
    QString manySectionsObject()
    {
        QByteArray source;
        for (int i = 0; i < 4000; ++i)
            source += QByteArray("int f") + QByteArray::number(i) + "(int x) { return x * " + QByteArray::number(i)
                + "; }\nint v" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
        const QString c = m_dir.filePath(u"many.c"_s), o = m_dir.filePath(u"many.o"_s);
        if (!writeFile(c, source))
            return {};
        const Run r = run(u"gcc"_s, {u"-c"_s, u"-ffunction-sections"_s, u"-fdata-sections"_s, c, u"-o"_s, o});
        if (r.exitCode != 0)
            qWarning("gcc: %s", r.err.constData());
        return r.exitCode == 0 ? o : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(u"readelf"_s).isEmpty(), "readelf (binutils) is not on PATH");
        QVERIFY(m_dir.isValid());
        m_manySections = manySectionsObject();
        QVERIFY(!m_manySections.isEmpty());
    }

    void agreesWithReadelf_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("wellFormed"); // readelf reads it without complaint: its numbers are the reference

        QTest::newRow("fixture object") << QStringLiteral(LINKLAB_FIXTURE_OBJECT) << true;
        QTest::newRow("fixture shared") << QStringLiteral(LINKLAB_FIXTURE_SHARED) << true;
        QTest::newRow("fixture exe") << QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH) << true;
        QTest::newRow("fixture module") << QStringLiteral(LINKLAB_FIXTURE_CALLS) << true;
        QTest::newRow("/bin/ls") << u"/bin/ls"_s << true;
        QTest::newRow("libc") << u"/lib/x86_64-linux-gnu/libc.so.6"_s << true;
        QTest::newRow("crt1.o") << gccFile(u"crt1.o"_s) << true;
        QTest::newRow("8,000 sections") << m_manySections << true;
        if (!QFileInfo::exists(kCorpus + u"/elf"_s))
            return;
        const QString elf = kCorpus + u"/elf/"_s, bad = kCorpus + u"/malformed/"_s;
        QTest::newRow("32-bit exe") << elf + u"readelf/exe_simple32.elf"_s << true;
        QTest::newRow("32-bit tls") << elf + u"readelf/tls.so.elf"_s << true;
        QTest::newRow("big-endian aarch64 .so") << elf + u"unittests/aarch64_be_gnu_hash.so.elf"_s << true;
        QTest::newRow("big-endian sparc64 exe") << elf + u"unittests/exe_solaris64_cc.sparc.elf"_s << true;
        QTest::newRow("big-endian mips .o") << elf + u"readelf/simple_mips_gcc.o.elf"_s << true;
        QTest::newRow("big-endian arm exe") << elf + u"readelf/simple_armeb_gcc.o.elf"_s << true;
        QTest::newRow("core 64") << elf + u"readelf/core_simple64.elf"_s << true;
        QTest::newRow("core 32") << elf + u"unittests/core_linux32.elf"_s << true;
        QTest::newRow("no section headers") << elf + u"unittests/aarch64_super_stripped.elf"_s << true;
        QTest::newRow("lib_relro") << elf + u"unittests/lib_relro.so.elf"_s << true;
        QTest::newRow("malformed corrupt_sh") << bad + u"pyelftools/corrupt_sh.elf"_s << false;
        QTest::newRow("malformed x64_bad_sections") << bad + u"pyelftools/x64_bad_sections.elf"_s << false;
        QTest::newRow("malformed bogus size") << bad + u"pyelftools/section_header_bogus_size.elf"_s << false;
        QTest::newRow("malformed yara 49bb")
            << bad + u"yara_elf_fuzzer_corpus/crash-49bb55d669fda0683f945b89396a6bd458caf2d8"_s << false;
        QTest::newRow("malformed yara 93a9")
            << bad + u"yara_elf_fuzzer_corpus/poc-93a9fd1909dd49fc2a9b654333504f249cdac58126d3cfc4728577e78cb3eb89"_s
            << false;
    }

    void agreesWithReadelf()
    {
        QFETCH(QString, path);
        QFETCH(bool, wellFormed);
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        const BinaryInfo info = open(path);
        QElapsedTimer timer;
        timer.start();
        const FileLayout layout = fileLayout(info);
        qInfo("%s: %lld sections laid out in %lld ms", qPrintable(QFileInfo(path).fileName()),
            qlonglong(info.sections.size()), qlonglong(timer.elapsed()));
        const auto re = readelf(path);
        QVERIFY(re);

        // The header tables where readelf -h says they are.
        QCOMPARE(info.programHeaderOffset, headerNumber(*re, u"Start of program headers"_s));
        QCOMPARE(info.sectionHeaderOffset, headerNumber(*re, u"Start of section headers"_s));
        QCOMPARE(std::uint64_t(info.headerSize), headerNumber(*re, u"Size of this header"_s));

        // Regions in file order; every section with file bytes readelf lists is one, at its offset and size.
        for (qsizetype i = 1; i < layout.regions.size(); ++i)
            QVERIFY(layout.regions[i - 1].start <= layout.regions[i].start);
        QHash<int, LayoutRegion> bySection;
        for (const LayoutRegion &r : layout.regions)
            if (r.part == LayoutPart::Section)
                bySection.insert(r.section, r);
        int expectedSections = 0;
        for (const ReadelfSection &rs : re->sections) {
            if (rs.index == 0 || rs.type == u"NOBITS"_s || rs.size == 0)
                continue;
            ++expectedSections;
            QVERIFY2(bySection.contains(rs.index),
                qPrintable(u"section [%1] %2"_s.arg(rs.index).arg(QString::fromLatin1(rs.name))));
            const LayoutRegion &r = bySection[rs.index];
            QCOMPARE(r.start, rs.offset);
            QCOMPARE(r.size, rs.size);
            QCOMPARE(r.pastEnd, rs.offset + rs.size > info.fileSize);
        }
        if (wellFormed)
            QCOMPARE(bySection.size(), expectedSections);

        // The band covers the file exactly, block after block.
        std::uint64_t at = 0;
        for (const LayoutBlock &b : layout.fileBand) {
            QCOMPARE(b.start, at);
            QVERIFY(b.size > 0);
            at += b.size;
        }
        QCOMPARE(at, info.fileSize);

        // Every byte is claimed as many times as readelf's numbers (or, for a broken file, the model's regions) say.
        QList<std::pair<std::uint64_t, std::uint64_t>> ranges;
        if (wellFormed) {
            ranges = claimedByReadelf(*re, info.elfClass);
        } else {
            for (const LayoutRegion &r : layout.regions)
                ranges.append({r.start, r.end()});
        }
        std::vector<std::uint8_t> claims(info.fileSize, 0);
        for (const auto &[from, to] : ranges)
            for (std::uint64_t o = from; o < std::min(to, info.fileSize); ++o)
                claims[o] = std::uint8_t(std::min(claims[o] + 1, 255));
        int gaps = 0, overlaps = 0;
        for (const LayoutBlock &b : layout.fileBand) {
            const int expected = std::min(b.claimants, 255);
            for (std::uint64_t o = b.start; o < b.end(); ++o)
                if (claims[o] != expected)
                    QFAIL(qPrintable(u"byte 0x%1 in %2: claimed %3 times, the model says %4"_s.arg(o, 0, 16)
                                         .arg(b.name)
                                         .arg(claims[o])
                                         .arg(b.claimants)));
            const bool gap = b.part == LayoutPart::Gap || b.part == LayoutPart::SegmentData;
            QCOMPARE(gap, b.claimants == 0);
            QCOMPARE(b.part == LayoutPart::Overlap, b.claimants > 1);
            gaps += gap;
            overlaps += b.part == LayoutPart::Overlap;
        }
        // Neighbouring blocks differ (else they would be one).
        for (qsizetype i = 1; i < layout.fileBand.size(); ++i) {
            const LayoutBlock &a = layout.fileBand[i - 1], &b = layout.fileBand[i];
            if (a.claimants <= 8 && b.claimants <= 8) // past 8 the list holds only the first 8 of them
                QVERIFY2(a.regions != b.regions || a.segment != b.segment || a.part != b.part, qPrintable(b.name));
        }
        if (wellFormed)
            QCOMPARE(overlaps, 0); // a file the linker made claims no byte twice

        // Segment brackets where readelf -l puts them, holding the sections it maps into them.
        QCOMPARE(layout.segments.size(), re->segments.size());
        for (qsizetype i = 0; i < re->segments.size(); ++i) {
            const LayoutSegment &s = layout.segments[i];
            QCOMPARE(s.offset, re->segments[i].offset);
            QCOMPARE(s.fileSize, re->segments[i].fileSize);
            QCOMPARE(s.memorySize, re->segments[i].memorySize);
            QCOMPARE(s.name.left(14), re->segments[i].type);
            if (i < re->mapping.size())
                QCOMPARE(s.sections, re->mapping[i]);
            QCOMPARE(s.row >= 0, s.fileSize > 0 && s.offset < info.fileSize);
        }
        // Brackets in one row do not overlap.
        for (const LayoutSegment &a : layout.segments)
            for (const LayoutSegment &b : layout.segments)
                if (a.index < b.index && a.row >= 0 && a.row == b.row)
                    QVERIFY2(a.offset + a.fileSize <= b.offset || b.offset + b.fileSize <= a.offset,
                        qPrintable(u"segments %1 and %2 share row %3"_s.arg(a.index).arg(b.index).arg(a.row)));

        // Memory: each PT_LOAD at its address, memsz long, its last memsz - filesz bytes memory only.
        if (re->segments.isEmpty()) {
            QVERIFY(!layout.noSegments.isEmpty());
            QVERIFY(layout.memoryBand.isEmpty());
            QVERIFY(!layout.noMemory.isEmpty());
        }
        for (qsizetype i = 1; i < layout.memoryBand.size(); ++i)
            QCOMPARE(layout.memoryBand[i].start, layout.memoryBand[i - 1].end());
        for (qsizetype i = 0; i < re->segments.size(); ++i) {
            const ReadelfSegment &rs = re->segments[i];
            if (rs.type != u"LOAD"_s || rs.memorySize == 0)
                continue;
            std::uint64_t total = 0, memoryOnly = 0, first = ~std::uint64_t(0);
            for (const LayoutBlock &b : layout.memoryBand) {
                if (b.segment != i)
                    continue;
                total += b.size;
                first = std::min(first, b.start);
                if (b.memoryOnly)
                    memoryOnly += b.size;
                else
                    QCOMPARE(b.fileOffset, rs.offset + (b.start - rs.virtualAddress));
            }
            if (total == 0 && !wellFormed)
                continue; // not drawn: it overlaps another in memory (the problems say so)
            QCOMPARE(first, rs.virtualAddress);
            QCOMPARE(total, rs.memorySize);
            QCOMPARE(memoryOnly, rs.memorySize > rs.fileSize ? rs.memorySize - rs.fileSize : 0);
        }
        // .bss is memory only, at its address.
        for (const ReadelfSection &rs : re->sections) {
            if (rs.name != ".bss" || rs.size == 0 || re->segments.isEmpty())
                continue;
            const auto it = std::find_if(layout.memoryBand.cbegin(), layout.memoryBand.cend(),
                [&](const LayoutBlock &b) { return b.section == rs.index; });
            QVERIFY(it != layout.memoryBand.cend());
            QCOMPARE(it->start, rs.address);
            QVERIFY(it->memoryOnly);
        }
        if (!wellFormed)
            QVERIFY(!layout.problems.isEmpty() || !info.warnings.isEmpty());
    }

    void objectSaysWhyNoSegments()
    {
        const FileLayout layout = fileLayout(open(QStringLiteral(LINKLAB_FIXTURE_OBJECT)));
        QVERIFY(layout.segments.isEmpty());
        QVERIFY2(layout.noSegments.contains(u"relocatable object"_s), qPrintable(layout.noSegments));
        QVERIFY(layout.noMemory.contains(u"not loaded"_s));
        QVERIFY(layout.sectionBlockCount() > 3);
    }

    void bssHasNoFileBytes()
    {
        const FileLayout layout = fileLayout(open(QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH)));
        QVERIFY(std::any_of(layout.notInFile.cbegin(), layout.notInFile.cend(),
            [](const QString &line) { return line.startsWith(u".bss:"_s); }));
        for (const LayoutBlock &b : layout.fileBand)
            QVERIFY(b.name != u".bss"_s);
    }

    void cutShort()
    {
        // In the middle of the code: the executable PT_LOAD (at 0x1000 in a file linked for 4 KiB pages) is cut.
        const QString path = truncatedCopy(0x1800);
        QVERIFY(!path.isEmpty());
        const BinaryInfo info = open(path);
        const FileLayout layout = fileLayout(info);
        // The section headers were at the end: gone, and said so; the band still covers what is there.
        const auto headers = std::find_if(layout.regions.cbegin(), layout.regions.cend(),
            [](const LayoutRegion &r) { return r.part == LayoutPart::SectionHeaders; });
        QVERIFY(headers != layout.regions.cend());
        QVERIFY(headers->pastEnd);
        QVERIFY(std::any_of(layout.problems.cbegin(), layout.problems.cend(),
            [](const QString &p) { return p.startsWith(u"section headers"_s) && p.contains(u"past the end"_s); }));
        QCOMPARE(std::accumulate(layout.fileBand.cbegin(), layout.fileBand.cend(), std::uint64_t(0),
                     [](std::uint64_t sum, const LayoutBlock &b) { return sum + b.size; }),
            info.fileSize);
        // A segment that passes the cut is marked.
        QVERIFY(std::any_of(
            layout.segments.cbegin(), layout.segments.cend(), [](const LayoutSegment &s) { return s.pastEnd; }));
    }

    void sectionPastTheEnd()
    {
        const QString path = sectionPastEndCopy();
        QVERIFY(!path.isEmpty());
        const BinaryInfo info = open(path);
        const FileLayout layout = fileLayout(info);
        const auto comment = std::find_if(layout.regions.cbegin(), layout.regions.cend(),
            [](const LayoutRegion &r) { return r.name == u".comment"_s; });
        QVERIFY(comment != layout.regions.cend());
        QCOMPARE(comment->start, info.fileSize - 16);
        QVERIFY(comment->pastEnd);
        QVERIFY(std::any_of(layout.problems.cbegin(), layout.problems.cend(),
            [](const QString &p) { return p.startsWith(u".comment"_s) && p.contains(u"missing"_s); }));
        // Its 16 bytes inside the file are drawn (over the section header table, which ends the file: an overlap).
        QVERIFY(std::any_of(layout.fileBand.cbegin(), layout.fileBand.cend(),
            [&](const LayoutBlock &b) { return b.regions.contains(int(comment - layout.regions.cbegin())); }));
    }

    void widths_data()
    {
        QTest::addColumn<QList<quint64>>("sizes");
        QTest::addColumn<double>("total");
        QTest::addColumn<double>("minimum");

        QTest::newRow("one") << QList<quint64> {100} << 500.0 << 10.0;
        QTest::newRow("tiny beside huge") << QList<quint64> {1, 1000000, 10, 64} << 1000.0 << 8.0;
        QTest::newRow("all equal") << QList<quint64> {5, 5, 5, 5} << 400.0 << 8.0;
        QTest::newRow("too narrow") << QList<quint64> {1, 2, 3} << 12.0 << 8.0;
        QTest::newRow("many small") << QList<quint64>(2000, 1) + QList<quint64> {1u << 30} << 40000.0 << 6.0;
    }

    void widths()
    {
        QFETCH(QList<quint64>, sizes);
        QFETCH(double, total);
        QFETCH(double, minimum);
        QList<LayoutBlock> band;
        std::uint64_t at = 0;
        for (quint64 s : sizes) {
            LayoutBlock b;
            b.part = LayoutPart::Section;
            b.start = at;
            b.size = s;
            at += s;
            band.append(b);
        }
        const BandGeometry g = bandGeometry(band, total, minimum);
        QCOMPARE(g.width.size(), band.size());
        const double sum = std::accumulate(g.width.cbegin(), g.width.cend(), 0.0);
        QVERIFY2(qAbs(sum - total) < 1e-6 * total, qPrintable(QString::number(sum)));
        const bool fits = total > double(band.size()) * minimum;
        for (qsizetype i = 0; i < band.size(); ++i) {
            if (fits)
                QVERIFY(g.width[i] >= minimum - 1e-9);
            if (i > 0)
                QCOMPARE(g.x[i], g.x[i - 1] + g.width[i - 1]);
        }
        // Blocks wider than the minimum are in proportion to their sizes.
        for (qsizetype i = 0; i < band.size(); ++i)
            for (qsizetype j = 0; j < band.size(); ++j)
                if (g.width[i] > minimum + 1e-6 && g.width[j] > minimum + 1e-6)
                    QVERIFY(qAbs(g.width[i] / double(band[i].size) - g.width[j] / double(band[j].size)) < 1e-9);
        // Bigger is never narrower.
        for (qsizetype i = 0; i < band.size(); ++i)
            for (qsizetype j = 0; j < band.size(); ++j)
                if (band[i].size > band[j].size)
                    QVERIFY(g.width[i] >= g.width[j] - 1e-9);
        // Positions map into the blocks.
        QCOMPARE(g.xAt(band, 0), 0.0);
        QVERIFY(qAbs(g.xAt(band, at) - total) < 1e-6);
        for (qsizetype i = 0; i < band.size(); ++i)
            QCOMPARE(g.xAt(band, band[i].start), g.x[i]);
    }

    void unmappedSpaceIsNarrow()
    {
        // A non-PIE executable's segments are far apart; the space between them is drawn at the minimum width.
        const FileLayout layout = fileLayout(open(u"/lib/x86_64-linux-gnu/libc.so.6"_s));
        QVERIFY(!layout.memoryBand.isEmpty());
        const BandGeometry g = bandGeometry(layout.memoryBand, 2000, 6);
        for (qsizetype i = 0; i < layout.memoryBand.size(); ++i)
            if (layout.memoryBand[i].part == LayoutPart::Unmapped)
                QCOMPARE(g.width[i], 6.0);
    }
};

} // namespace linklab

QTEST_GUILESS_MAIN(linklab::TestFileLayout)
#include "tst_filelayout.moc"
