// SPDX-License-Identifier: MIT
// The ld.so.cache reader against glibc's own tools: every entry of the machine's cache as `ldconfig -p` prints it,
// lookups as the real loader resolves them (`ld.so --list`), caches built at test time with `ldconfig -C` in all
// three formats (with a glibc-hwcaps subdirectory), the loader's hwcaps list, and malformed bytes.
#include "deps/ldsocache.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <elf.h>

using namespace linklab;
using namespace Qt::StringLiterals;

namespace {

const QString Ldconfig = u"/usr/sbin/ldconfig"_s;

// "\tKEY (FLAGS) => PATH", as print_entry in glibc's elf/cache.c writes it.
QString line(const LdSoCacheEntry &e)
{
    return u"\t%1 (%2) => %3"_s.arg(e.key, ldSoCacheFlagsText(e), e.path);
}

QStringList lines(const LdSoCache &cache)
{
    QStringList out;
    for (const LdSoCacheEntry &e : cache.entries)
        out << line(e);
    return out;
}

// `ldconfig -p` of a cache file: the count it announces and its entry lines, in order.
struct Printed {
    qsizetype count = -1;
    QStringList entries;
};

Printed ldconfigPrint(const QString &cacheFile)
{
    QStringList args {u"-p"_s};
    if (!cacheFile.isEmpty())
        args << u"-C"_s << cacheFile;
    const test::Run r = test::run(Ldconfig, args);
    Printed printed;
    if (r.exitCode != 0)
        return printed;
    static const QRegularExpression header(u"^(\\d+) libs found in cache"_s);
    for (const QString &l : QString::fromLocal8Bit(r.out).split(u'\n')) {
        if (const auto m = header.match(l); m.hasMatch())
            printed.count = m.captured(1).toLongLong();
        else if (l.startsWith(u'\t'))
            printed.entries << l;
    }
    return printed;
}

quint32 u32(const QByteArray &b, qsizetype at)
{
    return qFromUnaligned<quint32>(b.constData() + at);
}

void setU32(QByteArray &b, qsizetype at, quint32 value)
{
    qToUnaligned(value, b.data() + at);
}

const qint32 X8664Flags = ldsocacheflags::ElfLibc6 | ldsocacheflags::X8664Lib64;

} // namespace

class TestLdSoCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_lib; // the folder the test's ld.so.conf lists
    QMap<QString, QString> m_caches; // "new", "old", "compat" -> cache file built by ldconfig

    bool compileLibrary(const QString &path, const QString &soname, const QByteArray &body)
    {
        const QString source = m_dir.filePath(soname + u".c"_s);
        if (!test::writeFile(source, body) || !QDir().mkpath(QFileInfo(path).absolutePath()))
            return false;
        const test::Run r
            = test::run(u"cc"_s, {u"-shared"_s, u"-fPIC"_s, u"-Wl,-soname,"_s + soname, u"-o"_s, path, source});
        if (r.exitCode != 0)
            qWarning().noquote() << r.err;
        return r.exitCode == 0;
    }

    LdSoCache parsed(const QString &format)
    {
        const Result<LdSoCache> cache = readLdSoCache(m_caches.value(format));
        if (!cache)
            qWarning().noquote() << cache.reason();
        return cache.valueOr({});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFileInfo(Ldconfig).isExecutable())
            QSKIP("ldconfig is not installed");
        // libllc.so.1 in the folder and in two glibc-hwcaps subdirectories; libllconly.so.2 in the folder only.
        m_lib = m_dir.filePath(u"lib"_s);
        QVERIFY(compileLibrary(m_lib + u"/libllc.so.1"_s, u"libllc.so.1"_s, "int llc(void) { return 0; }\n"));
        QVERIFY(compileLibrary(
            m_lib + u"/glibc-hwcaps/x86-64-v2/libllc.so.1"_s, u"libllc.so.1"_s, "int llc(void) { return 2; }\n"));
        QVERIFY(compileLibrary(
            m_lib + u"/glibc-hwcaps/x86-64-v3/libllc.so.1"_s, u"libllc.so.1"_s, "int llc(void) { return 3; }\n"));
        QVERIFY(compileLibrary(m_lib + u"/libllconly.so.2"_s, u"libllconly.so.2"_s, "int only(void) { return 0; }\n"));
        const QString conf = m_dir.filePath(u"ld.so.conf"_s);
        QVERIFY(test::writeFile(conf, m_lib.toLocal8Bit() + '\n'));
        for (const QString &format : {u"new"_s, u"old"_s, u"compat"_s}) {
            const QString file = m_dir.filePath(u"ld.so.cache."_s + format);
            // -X: leave the folder's symbolic links alone; ldconfig also adds the system folders, as it always does.
            const test::Run r = test::run(Ldconfig, {u"-X"_s, u"-c"_s, format, u"-C"_s, file, u"-f"_s, conf});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            m_caches.insert(format, file);
        }
        // Small caches of the test's libraries alone: ldconfig -r chroots (root only), so the system folders it
        // always adds are empty there. Without them the truncation test walks the big caches with a stride.
        const QString root = m_dir.filePath(u"root"_s);
        QVERIFY(QDir().mkpath(root + u"/lib/glibc-hwcaps/x86-64-v2"_s));
        QVERIFY(QFile::copy(m_lib + u"/libllc.so.1"_s, root + u"/lib/libllc.so.1"_s));
        QVERIFY(QFile::copy(
            m_lib + u"/glibc-hwcaps/x86-64-v2/libllc.so.1"_s, root + u"/lib/glibc-hwcaps/x86-64-v2/libllc.so.1"_s));
        QVERIFY(test::writeFile(root + u"/small.conf"_s, "/lib\n"));
        for (const QString &format : {u"new"_s, u"old"_s, u"compat"_s}) {
            const QString file = u"/small."_s + format;
            const test::Run r = test::run(
                Ldconfig, {u"-X"_s, u"-r"_s, root, u"-c"_s, format, u"-C"_s, file, u"-f"_s, u"/small.conf"_s});
            if (r.exitCode == 0 && QFileInfo(root + file).size() < 1024)
                m_caches.insert(u"small-"_s + format, root + file);
        }
    }

    void machineCacheMatchesLdconfig()
    {
        const Result<LdSoCache> cache = readLdSoCache();
        QVERIFY2(cache.ok(), qPrintable(cache.reason()));
        QCOMPARE(cache->format, u"glibc-ld.so.cache1.1"_s);
        QCOMPARE(cache->warnings, QStringList());
        const Printed printed = ldconfigPrint({});
        QVERIFY(printed.count > 0);
        QCOMPARE(cache->entries.size(), printed.count);
        QCOMPARE(lines(*cache), printed.entries);
    }

    void builtCachesMatchLdconfig_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expectedFormat");
        QTest::newRow("new") << u"new"_s << u"glibc-ld.so.cache1.1"_s;
        QTest::newRow("old") << u"old"_s << u"ld.so-1.7.0"_s;
        QTest::newRow("compat") << u"compat"_s << u"ld.so-1.7.0 + glibc-ld.so.cache1.1"_s;
    }

    void builtCachesMatchLdconfig()
    {
        QFETCH(QString, format);
        QFETCH(QString, expectedFormat);
        const Result<LdSoCache> cache = readLdSoCache(m_caches.value(format));
        QVERIFY2(cache.ok(), qPrintable(cache.reason()));
        QCOMPARE(cache->format, expectedFormat);
        const Printed printed = ldconfigPrint(m_caches.value(format));
        QCOMPARE(cache->entries.size(), printed.count);
        QCOMPARE(lines(*cache), printed.entries);
        // Only the format with both tables carries the glibc bug that garbles the hwcaps names.
        QCOMPARE(cache->warnings.size(), format == u"compat"_s ? 1 : 0);
    }

    void hwcapsEntriesAndPriority()
    {
#if !defined(Q_PROCESSOR_X86_64)
        QSKIP("the glibc-hwcaps subdirectories of this test are x86-64's");
#endif
        const LdSoCache cache = parsed(u"new"_s);
        QStringList llc;
        for (const LdSoCacheEntry &e : cache.entries) {
            if (e.key == u"libllc.so.1"_s)
                llc << e.hwcapsSubdir + u" "_s + e.path;
        }
        // ldconfig sorts the glibc-hwcaps entries first, by subdirectory name; the ordinary one last.
        QCOMPARE(llc,
            QStringList({u"x86-64-v2 "_s + m_lib + u"/glibc-hwcaps/x86-64-v2/libllc.so.1"_s,
                u"x86-64-v3 "_s + m_lib + u"/glibc-hwcaps/x86-64-v3/libllc.so.1"_s,
                u" "_s + m_lib + u"/libllc.so.1"_s}));
        const QString base = m_lib + u"/libllc.so.1"_s;
        const QString v2 = m_lib + u"/glibc-hwcaps/x86-64-v2/libllc.so.1"_s;
        const QString v3 = m_lib + u"/glibc-hwcaps/x86-64-v3/libllc.so.1"_s;
        const QStringList all {u"x86-64-v4"_s, u"x86-64-v3"_s, u"x86-64-v2"_s};
        QCOMPARE(lookupLdSoCache(cache, u"libllc.so.1"_s, X8664Flags, all), v3);
        QCOMPARE(lookupLdSoCache(cache, u"libllc.so.1"_s, X8664Flags, {u"x86-64-v2"_s}), v2);
        QCOMPARE(lookupLdSoCache(cache, u"libllc.so.1"_s, X8664Flags, {u"x86-64-v2"_s, u"x86-64-v3"_s}), v2);
        QCOMPARE(lookupLdSoCache(cache, u"libllc.so.1"_s, X8664Flags, {u"x86-64-v4"_s}), base);
        QCOMPARE(lookupLdSoCache(cache, u"libllc.so.1"_s, X8664Flags, {}), base);
        QCOMPARE(lookupLdSoCache(cache, u"libllconly.so.2"_s, X8664Flags, all), m_lib + u"/libllconly.so.2"_s);
        // _dl_cache_libcmp compares numbers, so a leading zero names the same library.
        QCOMPARE(lookupLdSoCache(cache, u"libllconly.so.02"_s, X8664Flags, all), m_lib + u"/libllconly.so.2"_s);
        QCOMPARE(lookupLdSoCache(cache, u"libllc.so.2"_s, X8664Flags, all), std::nullopt);
        QCOMPARE(lookupLdSoCache(cache, u"libllc.so.1"_s, ldsocacheflags::ElfLibc6, all), std::nullopt);
        QCOMPARE(lookupLdSoCache(cache, u"libllc.so.1"_s, *cacheFlagsFor(32, EM_X86_64), all), std::nullopt);

        // With both tables the loader reads the names from the wrong base and uses no glibc-hwcaps entry.
        QCOMPARE(lookupLdSoCache(parsed(u"compat"_s), u"libllc.so.1"_s, X8664Flags, all), base);
        // The old table has no hwcap field: the glibc-hwcaps copies are ordinary entries, sorted first.
        QCOMPARE(lookupLdSoCache(parsed(u"old"_s), u"libllc.so.1"_s, X8664Flags, all), v2);
    }

    // Legacy hwcap folders (ldconfig wrote them until glibc 2.37): "tls" and "x86_64" are usable on every x86-64;
    // the platform ("haswell") and "avx512_1" ones are skipped, the simplification the header documents.
    void legacyHwcapEntries()
    {
#if !defined(Q_PROCESSOR_X86_64)
        QSKIP("x86-64's legacy hwcap folders");
#endif
        const QString root = m_dir.filePath(u"legacy"_s);
        const QString library = m_lib + u"/libllconly.so.2"_s;
        for (const QString &dir : {u""_s, u"/tls"_s, u"/haswell"_s, u"/x86_64"_s, u"/avx512_1"_s}) {
            QVERIFY(QDir().mkpath(root + u"/lib"_s + dir));
            QVERIFY(QFile::copy(library, root + u"/lib"_s + dir + u"/libllconly.so.2"_s));
        }
        QVERIFY(test::writeFile(root + u"/ld.so.conf"_s, "/lib\n"));
        auto build = [&](const QString &name) {
            const test::Run r
                = test::run(Ldconfig, {u"-X"_s, u"-r"_s, root, u"-C"_s, u"/"_s + name, u"-f"_s, u"/ld.so.conf"_s});
            return r.exitCode == 0 ? root + u"/"_s + name : QString();
        };
        const QString withTls = build(u"with-tls.cache"_s);
        if (withTls.isEmpty())
            QSKIP("ldconfig -r needs root");
        QVERIFY(QFile::remove(root + u"/lib/tls/libllconly.so.2"_s));
        const QString withoutTls = build(u"without-tls.cache"_s);
        QVERIFY(!withoutTls.isEmpty());

        const LdSoCache cache = *readLdSoCache(withTls);
        const Printed printed = ldconfigPrint(withTls);
        QCOMPARE(printed.count, 5);
        QCOMPARE(lines(cache), printed.entries); // "hwcap: 0x8000000000000000" and the others in hex
        QCOMPARE(lookupLdSoCache(cache, u"libllconly.so.2"_s, X8664Flags, {}), u"/lib/tls/libllconly.so.2"_s);
        QCOMPARE(lookupLdSoCache(*readLdSoCache(withoutTls), u"libllconly.so.2"_s, X8664Flags, {}),
            u"/lib/x86_64/libllconly.so.2"_s);
    }

    void lookupsMatchTheLoader()
    {
#if !defined(Q_PROCESSOR_X86_64)
        QSKIP("compares with /lib64/ld-linux-x86-64.so.2");
#endif
        const Result<LdSoCache> cache = readLdSoCache();
        QVERIFY2(cache.ok(), qPrintable(cache.reason()));
        const QStringList hwcaps = loaderHwcapsSubdirs();
        const std::optional<qint32> flags = cacheFlagsFor(64, EM_X86_64);
        QCOMPARE(flags, X8664Flags);
        // Programs without RPATH or RUNPATH: every library the loader finds for them comes from the cache.
        static const QRegularExpression found(u"^\\t(\\S+) => (\\S+) \\(0x[0-9a-f]+\\)$"_s);
        QMap<QString, QString> loader;
        for (const QString &program :
            {u"/usr/bin/ls"_s, u"/usr/bin/git"_s, u"/usr/bin/ssh"_s, u"/usr/bin/curl"_s, u"/usr/bin/python3"_s,
                u"/usr/bin/gdb"_s, u"/usr/bin/cmake"_s, u"/usr/bin/gpg"_s, u"/usr/bin/tar"_s, u"/usr/bin/clang-14"_s}) {
            if (!QFileInfo(program).isExecutable())
                continue;
            const test::Run r = test::run(u"/lib64/ld-linux-x86-64.so.2"_s, {u"--list"_s, program});
            QCOMPARE(r.exitCode, 0);
            for (const QString &l : QString::fromLocal8Bit(r.out).split(u'\n')) {
                if (const auto m = found.match(l); m.hasMatch() && !m.captured(1).contains(u'/'))
                    loader.insert(m.captured(1), m.captured(2));
            }
        }
        QVERIFY2(loader.size() >= 12, qPrintable(u"only %1 libraries to compare"_s.arg(loader.size())));
        for (auto it = loader.cbegin(); it != loader.cend(); ++it)
            QCOMPARE(lookupLdSoCache(*cache, it.key(), *flags, hwcaps), it.value());
    }

    void loaderHwcapsList()
    {
#if !defined(Q_PROCESSOR_X86_64)
        QSKIP("reads /lib64/ld-linux-x86-64.so.2 --help");
#endif
        const test::Run r = test::run(u"/lib64/ld-linux-x86-64.so.2"_s, {u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        const QString help = QString::fromLocal8Bit(r.out);
        const qsizetype start = help.indexOf(u"Subdirectories of glibc-hwcaps directories, in priority order:\n"_s);
        QVERIFY(start >= 0);
        QStringList expected;
        static const QRegularExpression searched(u"^  (\\S+) \\(supported, searched\\)$"_s);
        for (const QString &l : help.mid(start).split(u'\n').mid(1)) {
            if (l.isEmpty())
                break;
            if (const auto m = searched.match(l); m.hasMatch())
                expected << m.captured(1);
        }
        QCOMPARE(loaderHwcapsSubdirs(), expected);
    }

    void hwcapsFromHelpText_data()
    {
        QTest::addColumn<QString>("help");
        QTest::addColumn<QStringList>("subdirs");
        QTest::newRow("all") << u"x\nSubdirectories of glibc-hwcaps directories, in priority order:\n"
                                "  x86-64-v4 (supported, searched)\n  x86-64-v3 (supported, searched)\n"
                                "  x86-64-v2 (supported, searched)\n\nLegacy HWCAP subdirectories under library "
                                "search path directories:\n  haswell (AT_PLATFORM; supported, searched)\n"_s
                             << QStringList {u"x86-64-v4"_s, u"x86-64-v3"_s, u"x86-64-v2"_s};
        QTest::newRow("v2 cpu, masked") << u"Subdirectories of glibc-hwcaps directories, in priority order:\n"
                                           "  x86-64-v4\n  x86-64-v3 (supported, masked)\n"
                                           "  x86-64-v2 (supported, searched)\n"_s
                                        << QStringList {u"x86-64-v2"_s};
        QTest::newRow("no section") << u"Usage: ld.so [OPTION]... EXECUTABLE-FILE\n"_s << QStringList();
        QTest::newRow("empty") << QString() << QStringList();
    }

    void hwcapsFromHelpText()
    {
        QFETCH(QString, help);
        QFETCH(QStringList, subdirs);
        QCOMPARE(hwcapsSubdirsFromLoaderHelp(help), subdirs);
    }

    void cacheFlags_data()
    {
        QTest::addColumn<int>("elfClass");
        QTest::addColumn<int>("machine");
        QTest::addColumn<int>("flags"); // -1: none
        QTest::newRow("x86-64") << 64 << int(EM_X86_64) << 0x303;
        QTest::newRow("x32") << 32 << int(EM_X86_64) << 0x803;
        QTest::newRow("i386") << 32 << int(EM_386) << 0x3;
        QTest::newRow("aarch64") << 64 << int(EM_AARCH64) << 0xa03;
        QTest::newRow("armhf") << 32 << int(EM_ARM) << 0x903;
        QTest::newRow("ppc64") << 64 << int(EM_PPC64) << 0x503;
        QTest::newRow("s390x") << 64 << int(EM_S390) << 0x403;
        QTest::newRow("riscv64") << 64 << int(EM_RISCV) << 0x1003;
        QTest::newRow("mips64") << 64 << int(EM_MIPS) << 0x703;
        QTest::newRow("avr") << 32 << int(EM_AVR) << -1;
        QTest::newRow("no class") << 0 << int(EM_X86_64) << -1;
    }

    void cacheFlags()
    {
        QFETCH(int, elfClass);
        QFETCH(int, machine);
        QFETCH(int, flags);
        const std::optional<qint32> got = cacheFlagsFor(elfClass, quint16(machine));
        QCOMPARE(got.value_or(-1), flags);
    }

    void notACache_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("hello, world\n");
        QTest::newRow("elf") << QByteArray("\x7f"
                                           "ELF\x02\x01\x01",
                                    7)
                + QByteArray(64, '\0');
        QTest::newRow("new magic only") << QByteArray("glibc-ld.so.cache1.1");
        QTest::newRow("other version") << QByteArray("glibc-ld.so.cache1.0") + QByteArray(64, '\0');
        QTest::newRow("old magic only") << QByteArray("ld.so-1.7.0");
    }

    void notACache()
    {
        QFETCH(QByteArray, bytes);
        const Result<LdSoCache> cache = parseLdSoCache(bytes, u"x.cache"_s);
        QVERIFY(!cache.ok());
        QVERIFY2(cache.reason().startsWith(u"x.cache is not"_s), qPrintable(cache.reason()));
    }

    // Every length of the small caches up to the end of their tables and the first strings, then a stride, then
    // the whole tail (extension directory): an error or warnings each time, never a crash.
    void truncated_data()
    {
        QTest::addColumn<QString>("format");
        for (const char *f : {"new", "old", "compat"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void truncated()
    {
        QFETCH(QString, format);
        const QByteArray whole = test::readFile(m_caches.value(format));
        QVERIFY(whole.size() > 1000);
        const qsizetype tables = whole.indexOf(QByteArray("lib"), 16); // the first string
        QVERIFY(tables > 0);
        qsizetype parsedOk = 0;
        for (qsizetype n = 0; n < whole.size(); n += (n < tables + 512 || n > whole.size() - 1024) ? 1 : 37) {
            const Result<LdSoCache> cache = parseLdSoCache(whole.left(n));
            if (!cache)
                continue;
            ++parsedOk;
            QVERIFY(cache->entries.size() <= 2000);
            for (const LdSoCacheEntry &e : cache->entries)
                QVERIFY(!e.key.isEmpty() && !e.path.isEmpty());
        }
        QVERIFY(parsedOk > 0);
    }

    void truncatedSmall_data()
    {
        truncated_data();
    }

    void truncatedSmall()
    {
        QFETCH(QString, format);
        const QString file = m_caches.value(u"small-"_s + format);
        if (file.isEmpty())
            QSKIP("ldconfig -r needs root: no small cache");
        const QByteArray whole = test::readFile(file);
        const Printed printed = ldconfigPrint(file);
        QCOMPARE(printed.count, 2);
        QCOMPARE(lines(*parseLdSoCache(whole)), printed.entries);
        qsizetype withEntries = 0;
        for (qsizetype n = 0; n <= whole.size(); ++n) {
            const Result<LdSoCache> cache = parseLdSoCache(whole.left(n));
            if (!cache)
                continue;
            QVERIFY(cache->entries.size() <= 2);
            if (!cache->entries.isEmpty())
                ++withEntries;
            else
                QVERIFY(!cache->warnings.isEmpty());
        }
        QVERIFY(withEntries > 0);
    }

    void hugeCount()
    {
        for (const QString &format : {u"new"_s, u"old"_s, u"compat"_s}) {
            QByteArray bytes = test::readFile(m_caches.value(format));
            setU32(bytes, format == u"new"_s ? 20 : 12, 0xffffffffu);
            const Result<LdSoCache> cache = parseLdSoCache(bytes);
            QVERIFY(!cache.ok());
            QVERIFY2(cache.reason().contains(u"4294967295 entries"_s), qPrintable(cache.reason()));
        }
        // The new table of a compat cache with a count too large (ld.so does not even check this one).
        QByteArray compat = test::readFile(m_caches.value(u"compat"_s));
        const qsizetype newHeader = ((16 + qsizetype(u32(compat, 12)) * 12) + 7) / 8 * 8;
        QCOMPARE(compat.mid(newHeader, 20), QByteArray("glibc-ld.so.cache1.1"));
        setU32(compat, newHeader + 20, 0x7fffffffu);
        QVERIFY(!parseLdSoCache(compat).ok());
    }

    void stringsOutsideTheFile()
    {
        QByteArray bytes = test::readFile(m_caches.value(u"new"_s));
        const LdSoCache good = *parseLdSoCache(bytes);
        setU32(bytes, 48 + 4, quint32(bytes.size())); // entry 0's key: one past the end
        setU32(bytes, 48 + 24 + 8, 0xfffffff0u); // entry 1's path
        const Result<LdSoCache> cache = parseLdSoCache(bytes);
        QVERIFY(cache.ok());
        QCOMPARE(cache->entries.size(), good.entries.size() - 2);
        QCOMPARE(cache->warnings.size(), 2);
        QVERIFY2(cache->warnings.at(0).contains(u"entry 0 skipped"_s), qPrintable(cache->warnings.at(0)));
        QVERIFY2(cache->warnings.at(1).contains(u"entry 1 skipped: its path"_s), qPrintable(cache->warnings.at(1)));

        // Every entry broken: the warnings stop at 50 and say how many more there were.
        QByteArray broken = test::readFile(m_caches.value(u"new"_s));
        const quint32 count = u32(broken, 20);
        for (quint32 i = 0; i < count; ++i)
            setU32(broken, 48 + qsizetype(i) * 24 + 4, 0xffffff00u);
        const Result<LdSoCache> none = parseLdSoCache(broken);
        QVERIFY(none.ok());
        QVERIFY(none->entries.isEmpty());
        QCOMPARE(none->warnings.size(), 51);
        QCOMPARE(none->warnings.last(), u"and %1 more warnings"_s.arg(count - 50));

        // The old format counts string offsets from the end of its table.
        QByteArray old = test::readFile(m_caches.value(u"old"_s));
        setU32(old, 16 + 8, 0x7ffffff0u);
        const Result<LdSoCache> oldCache = parseLdSoCache(old);
        QVERIFY(oldCache.ok());
        QCOMPARE(oldCache->warnings.size(), 1);
    }

    // Entries that all point into one long unterminated run of bytes: refused quickly, without decoding it each time.
    void stringsSharedTooOften()
    {
        const quint32 count = 200000;
        QByteArray bytes = QByteArray("glibc-ld.so.cache1.1") + QByteArray(28, '\0');
        setU32(bytes, 20, count);
        const qsizetype strings = 48 + qsizetype(count) * 24;
        bytes.resize(strings + 4 * 1024 * 1024, 'x');
        for (quint32 i = 0; i < count; ++i) {
            setU32(bytes, 48 + qsizetype(i) * 24, 0x303);
            setU32(bytes, 48 + qsizetype(i) * 24 + 4, quint32(strings + i % 1024));
            setU32(bytes, 48 + qsizetype(i) * 24 + 8, quint32(strings));
        }
        bytes[bytes.size() - 1] = '\0';
        QElapsedTimer timer;
        timer.start();
        const Result<LdSoCache> cache = parseLdSoCache(bytes);
        QVERIFY(!cache.ok());
        QVERIFY2(cache.reason().contains(u"same strings"_s), qPrintable(cache.reason()));
        QVERIFY(timer.elapsed() < 5000);
    }

    void badExtension()
    {
        QByteArray bytes = test::readFile(m_caches.value(u"new"_s));
        const QString base = m_lib + u"/libllc.so.1"_s;
        const QStringList all {u"x86-64-v4"_s, u"x86-64-v3"_s, u"x86-64-v2"_s};
        for (const quint32 offset : {quint32(bytes.size()), quint32(bytes.size() + 4), 0xfffffffcu, 2u, 48u}) {
            QByteArray changed = bytes;
            setU32(changed, 32, offset);
            const Result<LdSoCache> cache = parseLdSoCache(changed);
            QVERIFY(cache.ok());
            QVERIFY(!cache->warnings.isEmpty());
            QVERIFY2(cache->warnings.first().contains(u"extension directory"_s), qPrintable(cache->warnings.first()));
            // No names: the loader uses none of the glibc-hwcaps entries.
            QCOMPARE(lookupLdSoCache(*cache, u"libllc.so.1"_s, X8664Flags, all), base);
        }
        // A section that claims to reach past the end of the file.
        const quint32 extension = u32(bytes, 32);
        QByteArray changed = bytes;
        setU32(changed, extension + 8 + 12, 0x7fffffffu);
        const Result<LdSoCache> cache = parseLdSoCache(changed);
        QVERIFY(cache.ok());
        QVERIFY(!cache->warnings.isEmpty());
    }

    void wrongByteOrder()
    {
        QByteArray bytes = test::readFile(m_caches.value(u"new"_s));
        bytes[28] = QSysInfo::ByteOrder == QSysInfo::LittleEndian ? 3 : 2;
        const Result<LdSoCache> cache = parseLdSoCache(bytes);
        QVERIFY(!cache.ok());
        QVERIFY2(cache.reason().contains(u"byte order"_s), qPrintable(cache.reason()));
    }

    void notARegularFile()
    {
        QVERIFY(!readLdSoCache(u"/dev/zero"_s).ok());
        QVERIFY(!readLdSoCache(m_dir.filePath(u"missing"_s)).ok());
        QVERIFY(!readLdSoCache(m_dir.path()).ok());
    }
};

QTEST_GUILESS_MAIN(TestLdSoCache)
#include "tst_ldsocache.moc"
