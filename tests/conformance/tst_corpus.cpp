// SPDX-License-Identifier: MIT
// Conformance against the shared corpus (../shared/corpus, see its README.md):
//  - every ELF file in elf/readelf/ and elf/unittests/ must agree with GNU readelf 2.40's recorded output
//    (header facts, section headers, dynamic entries, and every entry of both symbol tables);
//  - the facts pyelftools' own unit tests assert about some of those files must hold where LinkLab models them;
//  - every file in malformed/ must give an error or a result with warnings: never a crash, a hang or runaway memory.
#include "fixturepaths.h"
#include "readelfcompare.h"

#include "binary/bytenames.h"
#include "binary/elfnames.h"
#include "binary/openbinary.h"
#include "binary/relocnames.h"

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
        const QString root = corpusDir() + u"/malformed"_s;
        QStringList files;
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString name = QFileInfo(path).fileName();
            if (name == u"MANIFEST.tsv"_s || name.startsWith(u"README"_s))
                continue;
            files << path;
        }
        files.sort();
        QVERIFY2(!files.isEmpty(), qPrintable(u"no files under "_s + root));
        for (const QString &path : files)
            QTest::newRow(qPrintable(QDir(root).relativeFilePath(path))) << path;
    }

    void malformed()
    {
        QFETCH(QString, path);
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

        if (const auto *error = std::get_if<OpenError>(&result)) {
            qInfo("%s: error after %lld ms, peak RSS so far %ld MiB: %s", qPrintable(name), ms, rss / 1024,
                qPrintable(error->message));
            QVERIFY2(!error->message.trimmed().isEmpty(), "an OpenError must say what is wrong");
            return;
        }
        const auto &info = std::get<BinaryInfo>(result);
        qInfo("%s: partial result with %lld warning(s) after %lld ms, peak RSS so far %ld MiB: %s", qPrintable(name),
            qint64(info.warnings.size()), ms, rss / 1024, qPrintable(info.warnings.join(u" | "_s)));
        QVERIFY2(!info.warnings.isEmpty(),
            qPrintable(u"%1 opened as a clean %2 (%3 sections, %4 segments, %5 symbols) without any warning"_s
                           .arg(name, elfnames::kindName(info.kind))
                           .arg(info.sections.size())
                           .arg(info.segments.size())
                           .arg(info.symbols.size())));
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
