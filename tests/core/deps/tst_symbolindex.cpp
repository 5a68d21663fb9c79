// SPDX-License-Identifier: MIT
// The symbol index on disk: a library is read once, then answered from the index file while its device, inode,
// size and modification time stay; a rebuilt library is read again (its old symbols gone, its new ones found); a
// damaged index file is replaced, never trusted. The definitions it keeps for libm.so.6 are the ones
// `nm -D --defined-only` lists, with the same versions.
#include "testsupport.h"

#include "deps/symbolindex.h"
#include "deps/symbolproviders.h"

#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using linklab::test::run;

namespace {

QString buildLibrary(const QString &dir, const QByteArray &source)
{
    if (!linklab::test::writeFile(dir + QStringLiteral("/lib.c"), source))
        return {};
    const linklab::test::Run gcc = run(QStringLiteral("gcc"),
        {QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-o"), QStringLiteral("libidx.so.1"),
            QStringLiteral("lib.c")},
        dir);
    return gcc.exitCode == 0 ? dir + QStringLiteral("/libidx.so.1") : QString();
}

} // namespace

class TestSymbolIndex : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void readOnceThenFromTheIndex()
    {
        const QString lib = buildLibrary(m_dir.path(), "int alpha(void) { return 1; }\n");
        QVERIFY(!lib.isEmpty());
        const QString file = m_dir.filePath(QStringLiteral("cache/index"));

        SymbolIndex first(file);
        const QList<SymbolProvider> found = findProviders({QStringLiteral("alpha")}, {lib}, 64, 62, nullptr, &first);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].path, lib);
        QCOMPARE(found[0].flag, QStringLiteral("-lidx"));
        QVERIFY(QFileInfo::exists(file));

        SymbolIndex second(file); // a later run: the library is answered from the file
        const SymbolIndex::Stats stats = second.update({lib});
        QCOMPARE(stats.cached, 1);
        QCOMPARE(stats.read, 0);
        QVERIFY(!stats.saved);
        QCOMPARE(second.definitions(lib, QStringLiteral("alpha")).size(), 1);
    }

    void aRebuiltLibraryIsReadAgain()
    {
        const QString file = m_dir.filePath(QStringLiteral("cache/index"));
        const QString lib = buildLibrary(m_dir.path(), "int beta(void) { return 2; }\n");
        QVERIFY(!lib.isEmpty());
        QVERIFY(linklab::test::setMtime(lib, 60)); // whatever the clock's granularity, the time differs
        SymbolIndex index(file);
        const SymbolIndex::Stats stats = index.update({lib});
        QCOMPARE(stats.read, 1);
        QVERIFY(stats.saved);
        QVERIFY(index.definitions(lib, QStringLiteral("alpha")).isEmpty());
        QCOMPARE(index.definitions(lib, QStringLiteral("beta")).size(), 1);
        QVERIFY(findProviders({QStringLiteral("alpha")}, {lib}, 64, 62, nullptr, &index).isEmpty());
    }

    void aDamagedIndexIsReplaced()
    {
        const QString file = m_dir.filePath(QStringLiteral("cache/index"));
        const QString lib = m_dir.filePath(QStringLiteral("libidx.so.1"));
        QByteArray bytes = linklab::test::readFile(file);
        QVERIFY(bytes.size() > 64);
        bytes.truncate(bytes.size() / 2); // cut in the middle of an entry
        QVERIFY(linklab::test::writeFile(file, bytes));
        SymbolIndex index(file);
        QCOMPARE(index.update({lib}).read, 1);
        QCOMPARE(index.definitions(lib, QStringLiteral("beta")).size(), 1);
        QVERIFY(linklab::test::writeFile(file, QByteArray(4096, '\xff')));
        SymbolIndex garbage(file);
        QCOMPARE(garbage.update({lib}).read, 1);
        SymbolIndex after(file);
        QCOMPARE(after.update({lib}).cached, 1);
    }

    void libmAsNmListsIt()
    {
        const QString libm = QStringLiteral("/lib/x86_64-linux-gnu/libm.so.6");
        if (!QFileInfo::exists(libm))
            QSKIP("no /lib/x86_64-linux-gnu/libm.so.6 on this machine");
        const linklab::test::Run nm
            = run(QStringLiteral("nm"), {QStringLiteral("-D"), QStringLiteral("--defined-only"), libm});
        QCOMPARE(nm.exitCode, 0);
        QSet<QString> expected;
        for (const QByteArray &line : nm.out.split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() < 3)
                continue;
            QString name = QString::fromUtf8(fields[2]);
            QString version;
            if (const qsizetype at = name.indexOf(u'@'); at > 0) {
                version = name.mid(at).remove(u'@');
                name.truncate(at);
            }
            expected.insert(name + u' ' + version);
        }
        QVERIFY(expected.size() > 100);
        SymbolIndex index(m_dir.filePath(QStringLiteral("cache/system")));
        index.update({libm});
        const SymbolIndex::Entry *e = index.entry(libm);
        QVERIFY(e);
        QSet<QString> ours;
        for (const QByteArray &line : e->definitions.split('\n')) {
            const QList<QByteArray> fields = line.split('\x01');
            if (fields.size() != 3)
                continue;
            // nm prints a version-definition symbol (GLIBC_2.2.5, ABS) without its version.
            const QString name = QString::fromUtf8(fields[0]);
            const QString version = QString::fromUtf8(fields[1]);
            ours.insert(name + u' ' + (name == version ? QString() : version));
        }
        QCOMPARE(ours.size(), expected.size());
        QCOMPARE(ours, expected);
    }

    // Many symbols at once (one pass over every library's definitions) give what asking for each one gives (a
    // search per library): the same libraries, in the same order, with the same versions; names defined nowhere,
    // asked twice, or that are only the start of another name give nothing more.
    void manySymbolsAtOnceAsOneByOne()
    {
        QStringList libraries;
        for (const char *name : {"libm.so.6", "libc.so.6", "libz.so.1", "libpthread.so.0", "libdl.so.2"}) {
            const QString path = QStringLiteral("/lib/x86_64-linux-gnu/") + QLatin1String(name);
            if (QFileInfo::exists(path))
                libraries << path;
        }
        if (libraries.size() < 3)
            QSKIP("the system libraries this test reads are not in /lib/x86_64-linux-gnu");
        SymbolIndex index(m_dir.filePath(QStringLiteral("cache/many")));
        const QStringList symbols {QStringLiteral("cos"), QStringLiteral("printf"), QStringLiteral("pthread_create"),
            QStringLiteral("deflate"), QStringLiteral("nothing_defines_this"), QStringLiteral("cos"),
            QStringLiteral("memcpy"), QStringLiteral("cosh"), QStringLiteral("co"), QStringLiteral("dlopen"),
            QStringLiteral("GLIBC_2.2.5"), QStringLiteral("sin")};
        const QList<SymbolProvider> together = findProviders(symbols, libraries, 64, 62, nullptr, &index);
        QList<SymbolProvider> oneByOne;
        for (const QString &symbol : symbols)
            oneByOne += findProviders({symbol}, libraries, 64, 62, nullptr, &index);
        QVERIFY(together.size() >= 10);
        QCOMPARE(together.size(), oneByOne.size());
        for (qsizetype i = 0; i < together.size(); ++i) {
            QCOMPARE(together[i].symbol, oneByOne[i].symbol);
            QCOMPARE(together[i].path, oneByOne[i].path);
            QCOMPARE(together[i].versions, oneByOne[i].versions);
            QCOMPARE(together[i].defaultVersion, oneByOne[i].defaultVersion);
            QCOMPARE(together[i].flag, oneByOne[i].flag);
        }
    }
};

QTEST_GUILESS_MAIN(TestSymbolIndex)
#include "tst_symbolindex.moc"
