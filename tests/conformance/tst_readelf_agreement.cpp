// SPDX-License-Identifier: MIT
// Conformance: what the Sections, Segments and Dynamic views and `linklab-cli inspect` show of a file is what GNU
// readelf, run at test time, prints about it: every field of every section header (-S), every field of every
// program header and the section-to-segment mapping (-l), every dynamic entry's value (-d), the header (-h).
// Inputs: the fixtures built from tests/fixtures/, and system files that every Debian 12 machine with LinkLab's
// build dependencies has (libc, libstdc++, Qt, LLVM, coreutils, cmake, gcc's own objects). A missing one fails
// its row: a row that cannot run must not count as agreement.
#include "fixturepaths.h"
#include "readelfcompare.h"
#include "testsupport.h"

#include "binary/openbinary.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace linklab::test;

namespace linklab {
namespace {

const QString kLibDir = u"/usr/lib/x86_64-linux-gnu"_s;

struct Readelf {
    std::optional<ReadelfReport> report;
    QString problem;
};

Readelf runReadelf(const QString &path)
{
    const Run r = run(u"readelf"_s, {u"-W"_s, u"-h"_s, u"-l"_s, u"-S"_s, u"-d"_s, path});
    if (r.exitCode != 0)
        return {std::nullopt, u"readelf exited %1: %2"_s.arg(r.exitCode).arg(QString::fromLocal8Bit(r.err))};
    QString error;
    auto report = parseReadelf(r.out, &error);
    return {std::move(report), error};
}

void failOn(const Mismatches &mm, const QString &path)
{
    if (mm.isEmpty())
        return;
    for (const QString &line : mm.reportLines())
        qWarning("%s", qPrintable(line));
    QFAIL(qPrintable(mm.summary(path)));
}

QString jsonText(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString::number(v.toInteger());
}

} // namespace

class TestReadelfAgreement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(u"readelf"_s).isEmpty(), "readelf (binutils) is not on PATH");
    }

    void files_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("dynamic"); // the row exists to check a dynamic section: readelf must list one
        QTest::addColumn<bool>("segments");

        QTest::newRow("fixture object") << QStringLiteral(LINKLAB_FIXTURE_OBJECT) << false << false;
        QTest::newRow("fixture shared") << QStringLiteral(LINKLAB_FIXTURE_SHARED) << true << true;
        QTest::newRow("fixture exe rpath") << QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH) << true << true;
        QTest::newRow("fixture exe runpath") << QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH) << true << true;
        for (const QString &name : {u"libc.so.6"_s, u"libm.so.6"_s, u"libstdc++.so.6"_s, u"libz.so.1"_s,
                 u"libQt6Core.so.6"_s, u"libQt6Widgets.so.6"_s, u"ld-linux-x86-64.so.2"_s})
            QTest::newRow(qPrintable(name)) << kLibDir + u'/' + name << true << true;
        // Executables: PIE and not, small and past the size where the reader maps only what it reads.
        for (const QString &name : {u"ls"_s, u"bash"_s, u"readelf"_s, u"cmake"_s, u"make"_s})
            QTest::newRow(qPrintable(name)) << u"/usr/bin/"_s + name << true << true;
        const QString llvm = newestInstalled(kLibDir, u"libLLVM-*.so.1"_s);
        QTest::newRow("libLLVM-N.so.1 (newest installed)") << llvm << true << true;
        // Relocatable objects from gcc's and glibc's own folders, found wherever this gcc keeps them.
        for (const QString &name : {u"crtbeginS.o"_s, u"crtend.o"_s, u"crt1.o"_s, u"crti.o"_s})
            QTest::newRow(qPrintable(name)) << gccFile(name) << false << false;
    }

    void files()
    {
        QFETCH(QString, path);
        QFETCH(bool, dynamic);
        QFETCH(bool, segments);
        QVERIFY2(!path.isEmpty() && QFileInfo(QFileInfo(path).canonicalFilePath()).isFile(),
            qPrintable(u"input not found: '%1' (every row's file is on a Debian 12 machine with LinkLab's build "
                       "dependencies; a missing one fails the row rather than skipping it)"_s.arg(path)));

        const Readelf re = runReadelf(path);
        QVERIFY2(re.report, qPrintable(path + u": "_s + re.problem));
        const ReadelfReport &report = *re.report;
        // The row checks what it says it checks.
        QVERIFY2(!report.header.isEmpty(), "readelf printed no ELF header");
        QVERIFY2(!report.sections.isEmpty(), "readelf listed no section headers");
        QCOMPARE(report.hasDynamic, dynamic);
        QCOMPARE(!report.segments.isEmpty(), segments);
        if (dynamic)
            QVERIFY(report.dynamic.size() > 5);

        const OpenResult result = openBinary(path);
        const auto *error = std::get_if<OpenError>(&result);
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        const BinaryInfo &info = std::get<BinaryInfo>(result);

        Mismatches mm;
        compareHeader(info, report, mm);
        compareSections(info, report, mm);
        compareSegments(info, report, mm);
        compareDynamic(info, report, mm);
        for (const QString &n : mm.notes())
            qInfo("not compared: %s", qPrintable(n));
        failOn(mm, path);
        // Every section and segment field and every dynamic value was compared, not only counted.
        QVERIFY(mm.compared() >= report.sections.size() * 11 + report.segments.size() * 9);
    }

    // `linklab-cli inspect` (text) prints the same values in its Sections, Segments and Dynamic tables.
    void inspectText_data() { files_data(); }

    void inspectText()
    {
        QFETCH(QString, path);
        QVERIFY2(!path.isEmpty() && QFileInfo::exists(path), qPrintable(u"input not found: '%1'"_s.arg(path)));
        const Readelf re = runReadelf(path);
        QVERIFY2(re.report, qPrintable(path + u": "_s + re.problem));
        const ReadelfReport &report = *re.report;
        const Run r = run(QStringLiteral(LINKLAB_CLI), {u"inspect"_s, path});
        QCOMPARE(r.exitCode, 0);

        static const QRegularExpression sectionRe(
            uR"(^  \[ *(\d+)\] (.*?) +(\S+) +([0-9a-f]{8,16}) ([0-9a-f]{8,}) ([0-9a-f]{8,}) +(\S*) +(\d+) +(\d+) +(\d+)$)"_s);
        static const QRegularExpression segmentRe(
            uR"(^  (\S+) +off 0x([0-9a-f]+) vaddr 0x([0-9a-f]+) filesz 0x([0-9a-f]+) memsz 0x([0-9a-f]+) (.{3}) align 0x([0-9a-f]+)$)"_s);
        static const QRegularExpression dynamicRe(uR"(^  (\S+) +(.*)$)"_s);
        const OpenResult opened = openBinary(path);
        QVERIFY(std::holds_alternative<BinaryInfo>(opened));
        enum class Block { None, Sections, Segments, Dynamic } block = Block::None;
        Mismatches mm;
        int sections = 0, segments = 0, dynamic = 0;
        for (const QString &line : QString::fromUtf8(r.out).split(u'\n')) {
            if (line.startsWith(u"Sections ("_s)) {
                block = Block::Sections;
                continue;
            }
            if (line.startsWith(u"Segments ("_s)) {
                block = Block::Segments;
                continue;
            }
            if (line.startsWith(u"Dynamic section ("_s)) {
                block = Block::Dynamic;
                continue;
            }
            if (!line.startsWith(u"  "_s)) {
                block = Block::None;
                continue;
            }
            if (block == Block::Sections && !line.startsWith(u"  [Nr]"_s)) {
                const auto m = sectionRe.match(line);
                if (!m.hasMatch() || sections >= report.sections.size()) {
                    mm.add(u"text section line"_s, line, u"unparsed or extra"_s, QString());
                    continue;
                }
                const ReadelfSection &rs = report.sections[sections++];
                const QString where = u"section [%1]"_s.arg(rs.index);
                mm.check(u"text section index"_s, where, m.captured(1), QString::number(rs.index));
                mm.check(u"text section name"_s, where, m.captured(2), QString::fromLatin1(rs.name));
                mm.check(u"text section type"_s, where, m.captured(3), rs.type);
                mm.check(u"text section address"_s, where, parseHex(m.captured(4)), rs.address);
                mm.check(u"text section offset"_s, where, parseHex(m.captured(5)), rs.offset);
                mm.check(u"text section size"_s, where, parseHex(m.captured(6)), rs.size);
                mm.check(u"text section flags"_s, where, m.captured(7), rs.flags);
                mm.check(u"text section link"_s, where, m.captured(8), QString::number(rs.link));
                mm.check(u"text section info"_s, where, m.captured(9), QString::number(rs.info));
                mm.check(u"text section alignment"_s, where, m.captured(10), QString::number(rs.alignment));
            } else if (block == Block::Segments) {
                const auto m = segmentRe.match(line);
                if (!m.hasMatch() || segments >= report.segments.size()) {
                    mm.add(u"text segment line"_s, line, u"unparsed or extra"_s, QString());
                    continue;
                }
                const ReadelfSegment &rs = report.segments[segments];
                const QString where = u"segment [%1]"_s.arg(segments++);
                mm.check(u"text segment type"_s, where, m.captured(1).left(14), rs.type);
                mm.check(u"text segment offset"_s, where, parseHex(m.captured(2)), rs.offset);
                mm.check(u"text segment virtual address"_s, where, parseHex(m.captured(3)), rs.virtualAddress);
                mm.check(u"text segment file size"_s, where, parseHex(m.captured(4)), rs.fileSize);
                mm.check(u"text segment memory size"_s, where, parseHex(m.captured(5)), rs.memorySize);
                mm.check(u"text segment flags"_s, where, m.captured(6), rs.flags);
                mm.check(u"text segment alignment"_s, where, parseHex(m.captured(7)), rs.alignment);
            } else if (block == Block::Dynamic) {
                const auto m = dynamicRe.match(line);
                if (!m.hasMatch() || dynamic >= report.dynamic.size()) {
                    mm.add(u"text dynamic line"_s, line, u"unparsed or extra"_s, QString());
                    continue;
                }
                const ReadelfDynamic &rd = report.dynamic[dynamic];
                const QString where = u"dynamic [%1]"_s.arg(dynamic++);
                mm.check(u"text dynamic tag"_s, where, m.captured(1), rd.tagName);
                if (!rd.text.isEmpty()) {
                    mm.check(u"text dynamic string"_s, where, m.captured(2), u'[' + QString::fromUtf8(rd.text) + u']');
                    continue;
                }
                QString why;
                if (const auto v = readelfDynamicValue(rd, std::get<BinaryInfo>(opened), &why))
                    mm.check(u"text dynamic value"_s, where, parseHex(m.captured(2)), *v);
            }
        }
        mm.check(u"text section rows"_s, path, QString::number(sections), QString::number(report.sections.size()));
        mm.check(u"text segment rows"_s, path, QString::number(segments), QString::number(report.segments.size()));
        mm.check(u"text dynamic rows"_s, path, QString::number(dynamic), QString::number(report.dynamic.size()));
        failOn(mm, path);
    }

    // `linklab-cli inspect --json` prints the same values: each section's, segment's and dynamic entry's fields
    // against readelf, through the JSON a script would read.
    void inspectJson_data() { files_data(); }

    void inspectJson()
    {
        QFETCH(QString, path);
        QVERIFY2(!path.isEmpty() && QFileInfo::exists(path), qPrintable(u"input not found: '%1'"_s.arg(path)));
        const Readelf re = runReadelf(path);
        QVERIFY2(re.report, qPrintable(path + u": "_s + re.problem));
        const ReadelfReport &report = *re.report;

        const Run r = run(QStringLiteral(LINKLAB_CLI), {u"inspect"_s, u"--json"_s, path});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.trimmed(), &parseError);
        QVERIFY2(doc.isObject(), qPrintable(parseError.errorString()));
        const QJsonObject o = doc.object();

        Mismatches mm;
        const QJsonArray sections = o[u"sections"_s].toArray();
        mm.check(
            u"json section count"_s, path, QString::number(sections.size()), QString::number(report.sections.size()));
        for (qsizetype i = 0; i < sections.size() && i < report.sections.size(); ++i) {
            const QJsonObject s = sections[i].toObject();
            const ReadelfSection &rs = report.sections[i];
            const QString where = u"section [%1]"_s.arg(i);
            mm.check(
                u"json section name"_s, where, shown(readelfPrinted(s[u"name"_s].toString().toUtf8())), shown(rs.name));
            mm.check(u"json section type"_s, where, s[u"type"_s].toString(), rs.type);
            mm.check(u"json section address"_s, where, s[u"address"_s].toString(), hex(rs.address));
            mm.check(u"json section offset"_s, where, s[u"offset"_s].toString(), hex(rs.offset));
            mm.check(u"json section size"_s, where, jsonText(s[u"size"_s]), QString::number(rs.size));
            mm.check(u"json section entry_size"_s, where, jsonText(s[u"entry_size"_s]), QString::number(rs.entrySize));
            mm.check(u"json section flags"_s, where, s[u"flags"_s].toString(), rs.flags);
            mm.check(u"json section link"_s, where, jsonText(s[u"link"_s]), QString::number(rs.link));
            mm.check(u"json section info"_s, where, jsonText(s[u"info"_s]), QString::number(rs.info));
            mm.check(u"json section alignment"_s, where, jsonText(s[u"alignment"_s]), QString::number(rs.alignment));
        }
        const QJsonArray segs = o[u"segments"_s].toArray();
        mm.check(u"json segment count"_s, path, QString::number(segs.size()), QString::number(report.segments.size()));
        for (qsizetype i = 0; i < segs.size() && i < report.segments.size(); ++i) {
            const QJsonObject s = segs[i].toObject();
            const ReadelfSegment &rs = report.segments[i];
            const QString where = u"segment [%1]"_s.arg(i);
            mm.check(u"json segment type"_s, where, s[u"type"_s].toString().left(14), rs.type);
            mm.check(u"json segment flags"_s, where, s[u"flags"_s].toString(), QString(rs.flags).remove(u' '));
            mm.check(u"json segment offset"_s, where, s[u"offset"_s].toString(), hex(rs.offset));
            mm.check(
                u"json segment virtual_address"_s, where, s[u"virtual_address"_s].toString(), hex(rs.virtualAddress));
            mm.check(u"json segment physical_address"_s, where, s[u"physical_address"_s].toString(),
                hex(rs.physicalAddress));
            mm.check(u"json segment file_size"_s, where, jsonText(s[u"file_size"_s]), QString::number(rs.fileSize));
            mm.check(
                u"json segment memory_size"_s, where, jsonText(s[u"memory_size"_s]), QString::number(rs.memorySize));
            mm.check(u"json segment alignment"_s, where, jsonText(s[u"alignment"_s]), QString::number(rs.alignment));
        }
        // Dynamic entries: the JSON holds the raw value; readelf's text gives the number where it prints one.
        const OpenResult result = openBinary(path);
        QVERIFY(std::holds_alternative<BinaryInfo>(result));
        const BinaryInfo &info = std::get<BinaryInfo>(result);
        const QJsonArray dyn = o[u"dynamic"_s].toArray();
        mm.check(u"json dynamic count"_s, path, QString::number(dyn.size()), QString::number(report.dynamic.size()));
        int values = 0;
        for (qsizetype i = 0; i < dyn.size() && i < report.dynamic.size(); ++i) {
            const QJsonObject d = dyn[i].toObject();
            const ReadelfDynamic &rd = report.dynamic[i];
            const QString where = u"dynamic [%1] %2"_s.arg(i).arg(rd.tagName);
            mm.check(u"json dynamic tag"_s, where, d[u"tag"_s].toString(), rd.tagName);
            mm.check(u"json dynamic tag_value"_s, where, d[u"tag_value"_s].toString(), hex(rd.tag));
            if (!rd.text.isEmpty()) {
                mm.check(u"json dynamic text"_s, where, d[u"text"_s].toString(), QString::fromUtf8(rd.text));
                continue;
            }
            QString why;
            if (const auto v = readelfDynamicValue(rd, info, &why)) {
                mm.check(u"json dynamic value"_s, where, d[u"value"_s].toString(), hex(*v));
                ++values;
            }
        }
        failOn(mm, path);
        if (!report.dynamic.isEmpty())
            QVERIFY2(values > report.dynamic.size() / 2, "most dynamic values must have been compared");
    }
};

} // namespace linklab

QTEST_GUILESS_MAIN(linklab::TestReadelfAgreement)
#include "tst_readelf_agreement.moc"
