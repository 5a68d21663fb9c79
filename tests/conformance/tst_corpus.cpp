// SPDX-License-Identifier: MIT
// Conformance against the shared corpus (../shared/corpus, see its README.md):
//  - every ELF file in elf/readelf/ and elf/unittests/ must agree with GNU readelf 2.40's recorded output
//    (header facts, every field of the section and program headers, the section-to-segment mapping, every dynamic
//    entry's value, every entry of both symbol tables, every relocation);
//  - the facts pyelftools' own unit tests assert about some of those files must hold where LinkLab models them;
//  - every file in malformed/ must give its own specific message (an error, or a warning with a partial result),
//    never a crash, a hang or runaway memory; the files are checked against malformed/MANIFEST.tsv.
#include "fixturepaths.h"
#include "readelfcompare.h"

#include "binary/bytenames.h"
#include "binary/elfnames.h"
#include "binary/openbinary.h"
#include "binary/relocnames.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

#include <sys/resource.h>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

#if defined(__SANITIZE_ADDRESS__)
#define LINKLAB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LINKLAB_ASAN 1
#endif
#endif

namespace linklab {
namespace {

constexpr qint64 kMaxParseMs = 20'000;
constexpr long kMaxPeakRssKiB = 2L * 1024 * 1024; // 2 GiB, as ru_maxrss counts (KiB on Linux)
constexpr rlim_t kAddressSpaceLimit = rlim_t(6) << 30; // 6 GiB of address space for the malformed rows

QString corpusDir()
{
    return QDir::cleanPath(QStringLiteral(LINKLAB_CORPUS_DIR));
}

using namespace linklab::test;

bool hasDtVersym(const BinaryInfo &info)
{
    constexpr std::int64_t DT_VERSYM = 0x6ffffff0;
    return std::any_of(
        info.dynamic.cbegin(), info.dynamic.cend(), [](const DynamicEntry &d) { return d.tag == DT_VERSYM; });
}

void compareSymbols(const BinaryInfo &info, const ReadelfReport &re, Mismatches &mm)
{
    QHash<QPair<int, int>, const SymbolInfo *> ours; // (table, index) -> entry
    QMap<SymbolTable, int> counts;
    for (const SymbolInfo &s : info.symbols) {
        ours.insert({int(s.table), s.index}, &s);
        ++counts[s.table];
    }
    for (const SymbolTable table : {SymbolTable::Dynamic, SymbolTable::Static}) {
        const QString name = elfnames::tableName(table);
        // Without section headers readelf -s prints no table at all, while LinkLab finds .dynsym through the
        // dynamic segment; pyelftoolsNoSectionHeaders() checks those symbols instead.
        if (!re.tableCounts.contains(name) && re.noSections)
            continue;
        mm.check(name + u" entry count"_s, u"Symbol table"_s, QString::number(counts.value(table)),
            QString::number(re.tableCounts.value(name, 0)));
    }
    for (const ReadelfSymbol &rs : re.symbols) {
        const SymbolTable table = rs.table == u".dynsym"_s ? SymbolTable::Dynamic : SymbolTable::Static;
        const SymbolInfo *s = ours.value({int(table), rs.index});
        const QString where = u"%1[%2] %3"_s.arg(rs.table).arg(rs.index).arg(shown(rs.name));
        if (!s) {
            mm.add(rs.table + u" missing entry"_s, where, u"<no such entry>"_s, shown(rs.name));
            continue;
        }
        mm.check(rs.table + u" value"_s, where, hex(s->value), hex(rs.value));
        mm.check(rs.table + u" size"_s, where, QString::number(s->size), QString::number(rs.size));
        mm.check(rs.table + u" type"_s, where, elfnames::symbolTypeName(s->type, info.machine), rs.type);
        mm.check(rs.table + u" bind"_s, where, elfnames::symbolBindName(s->bind), rs.bind);
        mm.check(rs.table + u" visibility"_s, where, elfnames::symbolVisibilityName(s->visibility), rs.visibility);
        mm.check(rs.table + u" Ndx"_s, where, elfnames::sectionIndexName(s->sectionIndex), rs.ndx);
        // readelf finds symbol versions only through DT_VERSYM; nm (bfd) also reads the SHT_GNU_versym section,
        // which is all Solaris objects have. LinkLab follows nm there (tst_nm_agreement checks that), so for
        // such files readelf's unversioned name must equal LinkLab's name without its version.
        const bool versymWithoutDtVersym = table == SymbolTable::Dynamic && !s->version.isEmpty() && !hasDtVersym(info);
        const QString ourName = versymWithoutDtVersym ? s->name : s->displayName();
        mm.check(rs.table + u" name"_s, where, shown(readelfPrinted(ourName.toUtf8())), shown(rs.name));
        if (!rs.other.isEmpty())
            mm.note(u"%1: readelf shows st_other bits beyond the visibility, [%2]; SymbolInfo has no field for "
                    u"them, so they are not compared"_s.arg(where, rs.other));
    }
}

void compareRelocations(const BinaryInfo &info, const ReadelfReport &re, Mismatches &mm)
{
    QMap<QString, QList<const RelocationInfo *>> ours;
    for (const RelocationInfo &r : info.relocations)
        ours[r.section < info.sections.size() ? info.sections[r.section].name : QString()].append(&r);
    QMap<QString, int> at;
    for (auto it = re.relocCounts.cbegin(); it != re.relocCounts.cend(); ++it)
        mm.check(u"relocation count"_s, it.key(), QString::number(ours.value(it.key()).size()), QString::number(*it));
    for (const ReadelfReloc &rr : re.relocs) {
        const int i = at[rr.section]++;
        const QList<const RelocationInfo *> &list = ours[rr.section];
        if (i >= list.size())
            continue; // counted above
        const RelocationInfo &r = *list[i];
        const QString where = u"%1[%2]"_s.arg(rr.section).arg(i);
        mm.check(u"relocation offset"_s, where, hex(r.offset), hex(rr.offset));
        mm.check(u"relocation type"_s, where, relocationTypeName(info.machine, r.type), rr.type);
        QByteArray symbol;
        if (r.symbolIndex != 0) {
            symbol = encodeName(r.symbol);
            // As for symbols: readelf finds versions through DT_VERSYM only, nm (and LinkLab) through the section.
            if (!r.version.isEmpty() && hasDtVersym(info))
                symbol += (r.versionHidden ? "@" : "@@") + encodeName(r.version);
        }
        mm.check(u"relocation symbol"_s, where, shown(readelfPrinted(symbol)), shown(rr.symbol));
        if (r.hasAddend)
            mm.check(u"relocation addend"_s, where, QString::number(r.addend), QString::number(rr.addend));
    }
}

QList<QPair<QString, QString>> elfCorpusFiles()
{
    QList<QPair<QString, QString>> files; // (tag, path)
    for (const QString &sub : {u"elf/readelf"_s, u"elf/unittests"_s}) {
        const QDir dir(corpusDir() + u'/' + sub);
        for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
            files.append({sub.mid(4) + u'/' + name, dir.filePath(name)});
    }
    return files;
}

const BinaryInfo *expectBinary(const OpenResult &result)
{
    if (const auto *error = std::get_if<OpenError>(&result)) {
        qWarning("openBinary failed: %s: %s", qPrintable(error->path), qPrintable(error->message));
        return nullptr;
    }
    return &std::get<BinaryInfo>(result);
}

QStringList dynamicNames(const BinaryInfo &info)
{
    QStringList names;
    for (const SymbolInfo &s : info.symbols)
        if (s.table == SymbolTable::Dynamic)
            names << s.name;
    return names;
}

QList<const SymbolInfo *> findSymbols(const BinaryInfo &info, SymbolTable table, const QString &name)
{
    QList<const SymbolInfo *> found;
    for (const SymbolInfo &s : info.symbols)
        if (s.table == table && s.name == name)
            found << &s;
    return found;
}

const SymbolInfo *dynamicAt(const BinaryInfo &info, int index)
{
    for (const SymbolInfo &s : info.symbols)
        if (s.table == SymbolTable::Dynamic && s.index == index)
            return &s;
    return nullptr;
}

long peakRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Caps the address space so that a size field asking for absurd memory ends in bad_alloc (which core turns into
// an error) instead of the OOM killer. AddressSanitizer reserves terabytes of shadow memory, so not under ASan.
class AddressSpaceCap
{
public:
    AddressSpaceCap()
    {
#ifndef LINKLAB_ASAN
        if (getrlimit(RLIMIT_AS, &m_saved) == 0
            && (m_saved.rlim_cur == RLIM_INFINITY || m_saved.rlim_cur > kAddressSpaceLimit)) {
            rlimit capped = m_saved;
            capped.rlim_cur = kAddressSpaceLimit;
            m_active = setrlimit(RLIMIT_AS, &capped) == 0;
        }
#endif
    }
    ~AddressSpaceCap()
    {
        if (m_active)
            setrlimit(RLIMIT_AS, &m_saved);
    }
    AddressSpaceCap(const AddressSpaceCap &) = delete;
    AddressSpaceCap &operator=(const AddressSpaceCap &) = delete;

private:
    rlimit m_saved {};
    bool m_active = false;
};

struct ManifestRow {
    qint64 size = -1;
    QByteArray sha256Prefix;
    QString readelfFirstLine;
};

// malformed/MANIFEST.tsv: path, size, sha256_16, file(1), readelf_Ws_rc, readelf_Ws_stderr_lines, first_stderr_line.
QHash<QString, ManifestRow> readManifest(const QString &path)
{
    QHash<QString, ManifestRow> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].split('\t');
        if (fields.size() < 7)
            continue;
        rows.insert(QString::fromUtf8(fields[0]),
            ManifestRow {fields[1].toLongLong(), fields[2], QString::fromUtf8(fields[6])});
    }
    return rows;
}

// What LinkLab must say about each malformed file ("error: ..." ends the open, "warning: ..." comes with a partial
// result). The comment gives readelf's first message from the manifest where it had one; where the two say the
// same thing in the same words, the expectation is readelf's message.
QHash<QString, QStringList> malformedExpectations()
{
    const QString y = u"yara_elf_fuzzer_corpus/"_s;
    const QString shLink = u"warning: section 0 has an out of range sh_link value of 151011328"_s; // = readelf
    const QString zeroShent32 = u"warning: section header entry size is 0, expected 40"_s;
    return {
        // readelf: silent (it does not inflate sections for -Ws)
        {u"pyelftools/compressed_bad_size.o"_s,
            {u"warning: compressed section 6 does not inflate to the 808 bytes its header declares"_s}},
        {u"pyelftools/compressed_unknown_type.o"_s,
            {u"warning: compressed section 6 uses unknown compression type 2147483646"_s}},
        // readelf: Reading 10200 bytes extends past end of file for section headers
        {u"pyelftools/corrupt_sh.elf"_s,
            {u"warning: section headers (10200 bytes at offset 0xffff) extend past the end of the file (4504 bytes)"_s}},
        // readelf: possibly corrupt ELF file header - it has a non-zero section header offset, but no section headers
        {u"pyelftools/section_header_bogus_size.elf"_s,
            {u"warning: program header entry size is 0, expected 56"_s,
                u"warning: section header entries of 0 bytes are too small (64 needed); they are not shown"_s}},
        // readelf: possibly corrupt ELF header - it has a non-zero program header offset, but no program headers
        {u"pyelftools/section_link_to_self.elf"_s, {u"warning: section header entry size is 0, expected 64"_s}},
        {u"pyelftools/trailing_null_dies.elf"_s,
            {u"warning: section 0 should be the null section but has type 1"_s,
                u"warning: section 0 links to itself"_s}},
        {u"pyelftools/x64_bad_sections.elf"_s,
            {u"warning: no .dynamic section in the dynamic segment"_s, // = readelf
                u"warning: the section name table index (39) is out of range"_s}},
        // readelf: Failed to read file header
        {y + u"crash-03bca75466ee42801a8bff280de04afc3d1a3637"_s,
            {u"error: truncated ELF header: 28 bytes, a 64-bit header needs 64"_s}},
        {y + u"crash-086300bbce1c6537573057336a343a82d483e2c0"_s, {zeroShent32}},
        {y + u"crash-2cafe4de66d87a83d83aaf65d8e4cea48f2c1144"_s, {zeroShent32}},
        {y + u"crash-370485c5b087f780a2447a03d775f7188e323d31"_s, {zeroShent32}},
        {y + u"crash-aee928239444a7b039500d4499035e6d30cb89da"_s, {zeroShent32}},
        {y + u"crash-49bb55d669fda0683f945b89396a6bd458caf2d8"_s, {shLink}},
        {y + u"crash-7dc27920ae1cb85333e7f2735a45014488134673"_s, {shLink}},
        {y + u"crash-7e945ce5f43f515ea078c558a2e3205089d414e5"_s, {shLink}},
        {y + u"crash-a809561e75b94bd5d4d8cf7488d9e2663fc1ccdc"_s, {shLink}},
        {y + u"crash-a8715a38a94161c9509309f5dbb5a7936aba8376"_s, {shLink}},
        {y + u"crash-c4002396c52065d21fe1c1f05f8937aab8d59c18"_s, {shLink}},
        {y + u"crash-c6569e6e28f0a18bb2f3bf49c982333a359bed67"_s, {shLink}},
        // readelf: possibly corrupt ELF file header - it has a non-zero section header offset, but no section headers
        {y + u"crash-49d00b6b033eaeb07cd39809dbc1d7ba2df196ec"_s,
            {u"warning: possibly corrupt ELF header: a section header offset but no section headers"_s,
                u"warning: program header entries of 2 bytes are too small (56 needed); they are not shown"_s}},
        // readelf: Reading 2240 bytes extends past end of file for section headers
        {y + u"crash-723296cdc1c0dba83ea767d69286429e608c46c3"_s,
            {u"warning: section headers (2240 bytes at offset 0x13e0) extend past the end of the file (5922 bytes)"_s,
                u"warning: only 13 of the 35 section headers lie inside the file"_s}},
        // readelf: Too many program headers - 0x4100 - the file is not that big
        {y + u"crash-c610b3036f195ad7fb05248a530278aad37b438d"_s,
            {u"warning: program header entry size is 0, expected 32"_s}},
        // readelf: The e_shentsize field in the ELF header is less than the size of an ELF section header
        {y + u"crash-cc6844f44825a785de1b079c88f728e1c0f779fb"_s,
            {u"warning: section header entry size is 6, expected 40"_s}},
        // readelf: Reading 633 bytes extends past end of file for string table
        {y + u"crash-f1fd008da535b110853885221ebfaac3f262a1c1e280f10929f7b353c44996c8"_s,
            {u"warning: section 29's contents (633 bytes at offset 0xfffffdc4) extend past the end of the file"_s}},
        {y + u"poc-6bf54fca69bb5029676d747b12c74b597dd8c5939343ea8f2cbfea9e666dd6b1"_s,
            {u"warning: section 0 has an out of range sh_link value of 241172480"_s}}, // = readelf
        // readelf: Not an ELF file - it has the wrong magic bytes at the start
        {y + u"poc-789fc6da83de39c3ff394a950b0831f6fe5b63a85a46aaa236048b5c1dcf0e59"_s,
            {u"error: PE executable (Windows): not an ELF file"_s}},
        // readelf: Too many program headers - 0x8c01 - the file is not that big (0x8c01 = 35841)
        {y + u"poc-939e9cd87b0d80834210fbf54edc66341aebf416d7509f6633f1d49766978b22"_s,
            {u"warning: the file declares 35841 program headers but none could be read"_s}},
        {y + u"poc-93a9fd1909dd49fc2a9b654333504f249cdac58126d3cfc4728577e78cb3eb89"_s,
            {u"warning: section 0 has an out of range sh_link value of 4096"_s}}, // = readelf
        // readelf: Reading 1152 bytes extends past end of file for symbols
        {y + u"poc-b5b03a1f305b2cc1c158e01fee6c08c65145325d4e073f04d969329577077862"_s,
            {u"warning: section 28's contents (1152 bytes at offset 0xffffffff) extend past the end of the file"_s}},
        // readelf: Failed to read file header
        {y + u"poc-fa8bbacb5a12f057a0ed3999c37d78b4991e6b201bda4dc9a75a7c7970c7690d"_s,
            {u"error: ELF file with an invalid data encoding byte (42)"_s}},
    };
}

} // namespace

class TestCorpus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo(corpusDir()).isDir())
            QSKIP(qPrintable(u"conformance corpus "_s + corpusDir()
                + u" not present: skipped (configure with -DLINKLAB_CORPUS_DIR=...)"_s));
        QVERIFY2(!elfCorpusFiles().isEmpty(), qPrintable(u"no ELF files under "_s + corpusDir() + u"/elf"_s));
    }

    void agreesWithReadelf_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("readelfOutput");
        for (const auto &[tag, path] : elfCorpusFiles()) {
            const QString out
                = corpusDir() + u"/elf/readelf_out/"_s + QFileInfo(path).fileName() + u".readelf-WhlSdsVr.txt"_s;
            QTest::newRow(qPrintable(tag)) << path << out;
        }
    }

    void agreesWithReadelf()
    {
        QFETCH(QString, path);
        QFETCH(QString, readelfOutput);
        QFile file(readelfOutput);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(u"missing reference output "_s + readelfOutput));
        QString parseError;
        const auto report = parseReadelf(file.readAll(), &parseError);
        QVERIFY2(report, qPrintable(readelfOutput + u": "_s + parseError));
        QVERIFY2(!report->header.isEmpty(), qPrintable(readelfOutput + u": no ELF header block"_s));
        int declared = 0;
        for (const int n : std::as_const(report->tableCounts))
            declared += n;
        QVERIFY2(report->symbols.size() == declared,
            qPrintable(u"%1: parsed %2 symbol rows, the table headers declare %3"_s.arg(readelfOutput)
                           .arg(report->symbols.size())
                           .arg(declared)));

        OpenOptions options;
        options.demangle = false;
        options.relocations = true;
        const OpenResult result = openBinary(path, options);
        const BinaryInfo *info = expectBinary(result);
        QVERIFY2(info, qPrintable(path + u": a valid ELF file must open"_s));
        for (const QString &w : info->warnings)
            qInfo("LinkLab warning: %s", qPrintable(w));

        Mismatches mm;
        compareHeader(*info, *report, mm);
        compareSections(*info, *report, mm);
        compareSegments(*info, *report, mm);
        compareDynamic(*info, *report, mm);
        compareSymbols(*info, *report, mm);
        compareRelocations(*info, *report, mm);
        for (const QString &n : mm.notes())
            qWarning("not compared: %s", qPrintable(n));
        if (!mm.isEmpty()) {
            for (const QString &line : mm.reportLines())
                qWarning("%s", qPrintable(line));
            QFAIL(qPrintable(mm.summary(QFileInfo(path).fileName())));
        }
    }

    // Facts pyelftools' unit tests assert (elf/EXPECTED_FACTS_pyelftools_unittests.txt) that LinkLab's model covers.
    void pyelftoolsVersionedLibrary()
    {
        const OpenResult result = openBinary(corpusDir() + u"/elf/unittests/lib_versioned64.so.elf"_s);
        const BinaryInfo *info = expectBinary(result);
        QVERIFY(info);
        QCOMPARE(info->needed, (QStringList {u"libz.so.1"_s, u"libc.so.6"_s}));
        QCOMPARE(info->soname, u"lib_versioned.so.1"_s);
        QCOMPARE(dynamicNames(*info).size(), 24);
        struct Expected {
            int index;
            const char *name;
            const char *version; // empty: none
            bool hidden;
        };
        const Expected expected[] = {
            {2, "_ITM_deregisterTMCloneTable", "", false},
            {3, "puts", "GLIBC_2.2.5", true}, // verneed: always printed with one '@'
            {5, "__stack_chk_fail", "GLIBC_2.4", true},
            {7, "gzoffset", "ZLIB_1.2.3.5", true},
            {10, "__cxa_finalize", "GLIBC_2.2.5", true},
            {11, "_edata", "", false}, // version index 1: *global*
            {12, "VER_1.0", "", false}, // the version's own symbol
            {15, "function1", "VER_1.2", true}, // 4|0x8000: hidden
            {17, "function1", "VER_1.0", false},
            {18, "VER_1.1", "", false},
            {23, "function2", "VER_1.1", false},
        };
        for (const Expected &e : expected) {
            const SymbolInfo *s = dynamicAt(*info, e.index);
            QVERIFY2(s, qPrintable(u"no .dynsym entry %1"_s.arg(e.index)));
            QCOMPARE(s->name, QString::fromLatin1(e.name));
            QCOMPARE(s->version, QString::fromLatin1(e.version));
            if (!s->version.isEmpty())
                QCOMPARE(s->versionHidden, e.hidden);
        }
        const auto f = findSymbols(*info, SymbolTable::Dynamic, u"function1_ver1_1"_s);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0]->value, std::uint64_t(0x9a2));
    }

    void pyelftoolsNoSectionHeaders()
    {
        const OpenResult result = openBinary(corpusDir() + u"/elf/unittests/aarch64_super_stripped.elf"_s);
        const BinaryInfo *info = expectBinary(result);
        QVERIFY(info);
        QVERIFY(info->sections.isEmpty());
        // NEEDED is read through PT_DYNAMIC, as the loader does.
        QCOMPARE(info->needed, QStringList {u"libc.so.6"_s});
        QCOMPARE(info->interpreter, u"/lib/ld-linux-aarch64.so.1"_s);
        // DT_HASH says 4 dynamic symbols.
        QCOMPARE(
            dynamicNames(*info), (QStringList {QString(), u"__libc_start_main"_s, u"__gmon_start__"_s, u"abort"_s}));
    }

    void pyelftoolsAndroidDynamicTags()
    {
        const OpenResult result = openBinary(corpusDir() + u"/elf/unittests/android_dyntags.so.elf"_s);
        const BinaryInfo *info = expectBinary(result);
        QVERIFY(info);
        const QStringList names = dynamicNames(*info);
        QCOMPARE(names.size(), 212);
        const QStringList first = {QString(), u"__cxa_finalize"_s, u"__cxa_atexit"_s, u"__register_atfork"_s,
            u"__stack_chk_fail"_s, u"_ZNK7android7RefBase9decStrongEPKv"_s, u"_ZN7android7RefBaseD2Ev"_s, u"_ZdlPv"_s,
            u"pthread_mutex_lock"_s};
        QCOMPARE(names.mid(0, first.size()), first);
        // 0x6000000f and 0x60000010 are Android's DT_ANDROID_REL/RELSZ; only a Solaris file has DT_SUNW_* tags there.
        for (const DynamicEntry &d : info->dynamic) {
            const QString name = elfnames::dynamicTagName(d.tag, info->machine, info->osAbi);
            QVERIFY2(!name.startsWith(u"SUNW"_s),
                qPrintable(u"tag 0x%1 named %2 in a non-Solaris file"_s.arg(d.tag, 0, 16).arg(name)));
        }
    }

    void pyelftoolsSolarisDynamicTags()
    {
        const OpenResult result = openBinary(corpusDir() + u"/elf/unittests/exe_solaris32_cc.sparc.elf"_s);
        const BinaryInfo *info = expectBinary(result);
        QVERIFY(info);
        constexpr std::int64_t kDtSunwStrpad = 0x60000019, kDtSunwLdmach = 0x6000001b;
        bool strpad = false, ldmach = false;
        for (const DynamicEntry &d : info->dynamic) {
            strpad = strpad || d.tag == kDtSunwStrpad;
            ldmach = ldmach || d.tag == kDtSunwLdmach;
        }
        QVERIFY2(strpad, "DT_SUNW_STRPAD missing");
        QVERIFY2(ldmach, "DT_SUNW_LDMACH missing");
    }

    void pyelftoolsSymbolLookups()
    {
        {
            const OpenResult result = openBinary(corpusDir() + u"/elf/unittests/simple_gcc.elf.arm"_s);
            const BinaryInfo *info = expectBinary(result);
            QVERIFY(info);
            const auto main = findSymbols(*info, SymbolTable::Static, u"main"_s);
            QCOMPARE(main.size(), 1);
            QCOMPARE(main[0]->value, std::uint64_t(0x8068));
            QCOMPARE(main[0]->size, std::uint64_t(0x28));
            QVERIFY(findSymbols(*info, SymbolTable::Static, u"$a"_s).size() > 1);
            QVERIFY(findSymbols(*info, SymbolTable::Static, u"no_such_symbol_anywhere"_s).isEmpty());
        }
        {
            const OpenResult result = openBinary(corpusDir() + u"/elf/unittests/simple_mipsel.elf"_s);
            const BinaryInfo *info = expectBinary(result);
            QVERIFY(info);
            const auto main = findSymbols(*info, SymbolTable::Static, u"main"_s);
            QCOMPARE(main.size(), 1);
            QCOMPARE(main[0]->value, std::uint64_t(0x400790));
        }
        {
            const OpenResult result = openBinary(corpusDir() + u"/elf/unittests/aarch64_be_gnu_hash.so.elf"_s);
            const BinaryInfo *info = expectBinary(result);
            QVERIFY(info);
            QVERIFY(info->bigEndian);
            const auto caller = findSymbols(*info, SymbolTable::Dynamic, u"caller"_s);
            QCOMPARE(caller.size(), 1);
            QCOMPARE(caller[0]->value, std::uint64_t(0x5a4));
        }
    }

    void pyelftoolsCompressedSections_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("compressed_32.o") << corpusDir() + u"/elf/unittests/compressed_32.o"_s;
        QTest::newRow("compressed_64.o") << corpusDir() + u"/elf/unittests/compressed_64.o"_s;
    }

    void pyelftoolsCompressedSections()
    {
        QFETCH(QString, path);
        constexpr std::uint64_t kShfCompressed = 0x800;
        const OpenResult result = openBinary(path);
        const BinaryInfo *info = expectBinary(result);
        QVERIFY(info);
        const SectionInfo *debugInfo = nullptr;
        for (const SectionInfo &s : info->sections)
            if (s.name == u".debug_info"_s)
                debugInfo = &s;
        QVERIFY2(debugInfo, "no .debug_info section");
        QVERIFY2(debugInfo->flags & kShfCompressed, "SHF_COMPRESSED not set on .debug_info");
    }

    void pyelftoolsRelr()
    {
        const OpenResult result = openBinary(corpusDir() + u"/elf/unittests/lib_relro.so.elf"_s);
        const BinaryInfo *info = expectBinary(result);
        QVERIFY(info);
        constexpr std::int64_t kDtRelr = 36, kDtRelrsz = 35, kDtRelrent = 37;
        QSet<std::int64_t> tags;
        for (const DynamicEntry &d : info->dynamic)
            tags.insert(d.tag);
        QVERIFY(tags.contains(kDtRelr));
        QVERIFY(tags.contains(kDtRelrsz));
        QVERIFY(tags.contains(kDtRelrent));
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("expected");
        const QString root = corpusDir() + u"/malformed"_s;
        QStringList files;
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString name = QFileInfo(path).fileName();
            if (name == u"MANIFEST.tsv"_s || name.startsWith(u"README"_s))
                continue;
            files << QDir(root).relativeFilePath(path);
        }
        files.sort();
        QVERIFY2(!files.isEmpty(), qPrintable(u"no files under "_s + root));
        // Every file is the one the manifest describes (size and hash), and every manifest row has its file.
        const QHash<QString, ManifestRow> manifest = readManifest(root + u"/MANIFEST.tsv"_s);
        QVERIFY2(!manifest.isEmpty(), "malformed/MANIFEST.tsv has no rows");
        QCOMPARE(QStringList(manifest.keys()).size(), files.size());
        const QHash<QString, QStringList> expectations = malformedExpectations();
        for (const QString &file : std::as_const(files)) {
            QVERIFY2(manifest.contains(file), qPrintable(file + u" is not in MANIFEST.tsv"_s));
            QFile f(root + u'/' + file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QCOMPARE(qint64(bytes.size()), manifest[file].size);
            QCOMPARE(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16),
                manifest[file].sha256Prefix);
            QVERIFY2(expectations.contains(file), qPrintable(u"no expected message for "_s + file));
            QTest::newRow(qPrintable(file)) << root + u'/' + file << expectations[file];
        }
        QCOMPARE(expectations.size(), files.size());
    }

    // Each broken file ends in its own specific message (the one that names what is wrong in it), an error or a
    // warning of a partial result; where readelf's first message (MANIFEST.tsv) says the same thing in the same
    // words, the expectation is readelf's.
    void malformed()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, expected);
        const AddressSpaceCap cap;
        QElapsedTimer timer;
        timer.start();
        const OpenResult result = openBinary(path);
        const qint64 ms = timer.elapsed();
        const QString name = QFileInfo(path).fileName();

        QVERIFY2(ms <= kMaxParseMs, qPrintable(u"openBinary took %1 ms (limit %2 ms)"_s.arg(ms).arg(kMaxParseMs)));
        const long rss = peakRssKiB();
        QVERIFY2(rss <= kMaxPeakRssKiB,
            qPrintable(u"peak RSS %1 MiB after this file (limit %2 MiB)"_s.arg(rss / 1024).arg(kMaxPeakRssKiB / 1024)));

        QStringList messages;
        if (const auto *error = std::get_if<OpenError>(&result)) {
            qInfo("%s: error after %lld ms: %s", qPrintable(name), ms, qPrintable(error->message));
            messages << u"error: "_s + error->message;
        } else {
            const auto &info = std::get<BinaryInfo>(result);
            for (const QString &w : info.warnings)
                messages << u"warning: "_s + w;
            for (const QString &e : info.errors)
                messages << u"error: "_s + e;
            qInfo("%s: partial result after %lld ms: %s", qPrintable(name), ms, qPrintable(messages.join(u" | "_s)));
        }
        for (const QString &e : expected)
            QVERIFY2(messages.contains(e),
                qPrintable(u"expected \"%1\"; LinkLab said: %2"_s.arg(e, messages.join(u" | "_s).left(900))));
    }

    // Runs after every malformed row: the whole pass must stay under the memory bound.
    void malformedPeakMemory()
    {
        const long rss = peakRssKiB();
        qInfo("peak RSS of the whole run: %ld MiB", rss / 1024);
        QVERIFY2(rss <= kMaxPeakRssKiB,
            qPrintable(u"peak RSS %1 MiB, limit %2 MiB"_s.arg(rss / 1024).arg(kMaxPeakRssKiB / 1024)));
    }
};

} // namespace linklab

QTEST_GUILESS_MAIN(linklab::TestCorpus)
#include "tst_corpus.moc"
