// SPDX-License-Identifier: MIT
// compareAbi on versions of one library built with gcc at test time: every category (removed, added, changed
// size/binding/default version, symbol versions, SONAME, NEEDED), the verdict and its advice, an archive against
// the shared library built from the same source, the picture's geometry; the exported sets against nm, and the
// symbol part against abidiff (abigail-tools).
#include "abifixtures.h"
#include "testsupport.h"

#include "binary/abicompare.h"
#include "binary/openbinary.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace Qt::StringLiterals;

namespace {

BinaryInfo open(const QString &path)
{
    OpenResult r = openBinary(path);
    if (auto *info = std::get_if<BinaryInfo>(&r))
        return std::move(*info);
    qWarning() << std::get<OpenError>(r).message;
    return {};
}

QStringList names(const QList<ExportedSymbol> &symbols)
{
    QStringList out;
    for (const ExportedSymbol &s : symbols)
        out.append(s.displayName());
    return out;
}

const SymbolChange *changeOf(const AbiComparison &c, const QString &displayName)
{
    for (const SymbolChange &ch : c.changed)
        if (ch.before.displayName() == displayName)
            return &ch;
    return nullptr;
}

// The exported definitions as the reference tools list them: for a shared library `nm -D --defined-only`
// (name@version; the version-definition symbols, "A V1", aside); for an object or an archive the rows of
// `readelf -sW` that are GLOBAL, WEAK or UNIQUE, DEFAULT or PROTECTED, and defined (nm does not show visibility).
QSet<QString> referenceExports(const QString &path, bool dynamic)
{
    if (dynamic)
        return test::nmDynamicDefined(path);
    QSet<QString> out;
    const test::Run r = test::run(QStringLiteral("readelf"), {u"-sW"_s, path});
    for (const QByteArray &line : r.out.split('\n')) {
        // Num: Value Size Type Bind Vis Ndx Name
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() != 8 || !f[0].endsWith(':'))
            continue;
        if ((f[4] == "GLOBAL" || f[4] == "WEAK" || f[4] == "UNIQUE") && (f[5] == "DEFAULT" || f[5] == "PROTECTED")
            && f[6] != "UND" && f[3] != "SECTION" && f[3] != "FILE")
            out.insert(QString::fromUtf8(f[7]));
    }
    return out;
}

// NEEDED entries as readelf -d prints them.
QStringList readelfNeeded(const QString &path)
{
    QStringList out;
    const test::Run r = test::run(QStringLiteral("readelf"), {u"-dW"_s, path});
    static const QRegularExpression needed(QStringLiteral("\\(NEEDED\\).*\\[(.*)\\]"));
    for (const QByteArray &line : r.out.split('\n')) {
        const QRegularExpressionMatch m = needed.match(QString::fromUtf8(line));
        if (m.hasMatch())
            out.append(m.captured(1));
    }
    return out;
}

} // namespace

class TestAbiCompare : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::AbiFixtures m_fix;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fix = test::buildAbiFixtures(m_dir.path());
        QVERIFY2(m_fix.error.isEmpty(), qPrintable(m_fix.error));
    }

    void exportedSymbolsAgreeWithNm_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("dynamic");
        QTest::newRow("v1") << m_fix.v1 << true;
        QTest::newRow("v2") << m_fix.v2 << true;
        QTest::newRow("unbumped") << m_fix.unbumped << true;
        QTest::newRow("archive") << m_fix.archive << false;
        QTest::newRow("object") << m_fix.object << false;
    }

    void exportedSymbolsAgreeWithNm()
    {
        QFETCH(QString, path);
        QFETCH(bool, dynamic);
        const QSet<QString> expected = referenceExports(path, dynamic);
        // What the link editor adds to every shared library is left out (and counted), never the library's own.
        int ignored = 0;
        const QStringList mine = names(exportedSymbols(open(path), &ignored));
        QSet<QString> own;
        for (const QString &n : expected)
            if (!QStringList {u"_init"_s, u"_fini"_s, u"_edata"_s, u"_end"_s, u"__bss_start"_s}.contains(
                    n.section(u'@', 0, 0)))
                own.insert(n);
        QCOMPARE(QSet<QString>(mine.cbegin(), mine.cend()), own);
        QCOMPARE(ignored, int(expected.size() - own.size()));
        QVERIFY(!mine.contains(u"helper"_s)); // hidden: never exported, in the archive or the library
    }

    void everyCategoryV1ToV2()
    {
        const AbiComparison c = compareAbi(open(m_fix.v1), open(m_fix.v2));
        QCOMPARE(names(c.removed), QStringList {u"gone@@V1"_s});
        QCOMPARE(names(c.added), (QStringList {u"fresh@@V2"_s, u"vfun@@V2"_s}));
        QVERIFY(c.removed.constFirst().isFunction());

        // table[4] -> table[8]: sizes as nm -S prints them.
        const SymbolChange *table = changeOf(c, u"table@@V1"_s);
        QVERIFY(table);
        QVERIFY(table->breaking);
        QCOMPARE(qint64(table->before.size), test::nmDynamicSize(m_fix.v1, u"table@@V1"_s));
        QCOMPARE(qint64(table->after.size), test::nmDynamicSize(m_fix.v2, u"table@@V1"_s));
        QCOMPARE(table->before.size * 2, table->after.size);
        QVERIFY(table->effect.contains(u"copy-relocated"_s));

        // vfun@V1 is still there (no longer the default): compatible.
        const SymbolChange *vfun = changeOf(c, u"vfun@@V1"_s);
        QVERIFY(vfun);
        QVERIFY(!vfun->breaking);
        QCOMPARE(vfun->after.displayName(), u"vfun@V1"_s);

        const SymbolChange *weak = changeOf(c, u"weakling@@V1"_s);
        QVERIFY(weak);
        QVERIFY(!weak->breaking);
        QCOMPARE(weak->what, QStringList {u"binding GLOBAL -> WEAK"_s});

        QCOMPARE(c.changed.size(), 3);
        QCOMPARE(c.kept, 2); // keep, uses
        QCOMPARE(c.versionsAdded, QStringList {u"V2"_s});
        QVERIFY(c.versionsRemoved.isEmpty());
        QVERIFY(c.sonameChanged);
        QVERIFY(c.sonameBreaking);
        QStringList neededAdded = readelfNeeded(m_fix.v2);
        for (const QString &n : readelfNeeded(m_fix.v1))
            neededAdded.removeAll(n);
        QCOMPARE(c.neededAdded, neededAdded);
        QVERIFY(c.neededAdded.contains(u"libm.so.6"_s));
        QVERIFY(c.neededRemoved.isEmpty());

        QVERIFY(c.breaking);
        QCOMPARE(c.headline, u"Breaks programs linked against the old version"_s);
        const QString all = (c.reasons + c.notes).join(u'\n');
        QVERIFY2(all.contains(u"1 function removed (gone@@V1)"_s), qPrintable(all));
        QVERIFY(all.contains(u"undefined symbol: gone"_s));
        QVERIFY(all.contains(u"Object size changed for data symbol table (16 bytes -> 32 bytes)"_s));
        QVERIFY(all.contains(u"SONAME changed (libabi.so.1 -> libabi.so.2)"_s));
        QVERIFY(all.contains(u"Needs libm.so.6"_s));
        QVERIFY2(c.advice.contains(u"soname was bumped"_s), qPrintable(c.advice));
    }

    void onlyAdditionsAreCompatible()
    {
        const AbiComparison c = compareAbi(open(m_fix.v1), open(m_fix.compat));
        QVERIFY(!c.breaking);
        QCOMPARE(names(c.added), QStringList {u"fresh@@V2"_s});
        QVERIFY(c.removed.isEmpty());
        QVERIFY(c.changed.isEmpty());
        QCOMPARE(c.versionsAdded, QStringList {u"V2"_s});
        QVERIFY(!c.sonameChanged);
        QCOMPARE(c.headline, u"Compatible: only additions"_s);
        QVERIFY(c.advice.contains(u"bump the minor version"_s));
        // And backwards: what compat has and v1 lacks is a removal.
        QVERIFY(compareAbi(open(m_fix.compat), open(m_fix.v1)).breaking);
    }

    void removalWithoutBumpAsksForOne()
    {
        const AbiComparison c = compareAbi(open(m_fix.v1), open(m_fix.unbumped));
        QVERIFY(c.breaking);
        QVERIFY(!c.sonameChanged);
        // A version removed is a removal: vfun@V1 is gone, vfun@@V2 is new.
        QCOMPARE(names(c.removed), (QStringList {u"gone@@V1"_s, u"vfun@@V1"_s}));
        QCOMPARE(names(c.added), QStringList {u"vfun@@V2"_s});
        QVERIFY(c.reasons.constFirst().startsWith(u"2 functions removed (gone@@V1 and vfun@@V1)"_s));
        QCOMPARE(c.advice, u"Bump the soname (libabi.so.1 -> libabi.so.2), or bring back what was removed."_s);
    }

    void sameFileHasNoChange()
    {
        const AbiComparison c = compareAbi(open(m_fix.v1), open(m_fix.v1));
        QVERIFY(!c.breaking);
        QCOMPARE(c.kept, int(exportedSymbols(open(m_fix.v1)).size()));
        QCOMPARE(c.headline, u"No change in the exported interface"_s);
    }

    void archiveAgainstItsSharedLibrary_data()
    {
        QTest::addColumn<QString>("old");
        QTest::newRow("archive") << m_fix.archive;
        QTest::newRow("object") << m_fix.object;
    }

    void archiveAgainstItsSharedLibrary()
    {
        QFETCH(QString, old);
        const AbiComparison c = compareAbi(open(old), open(m_fix.v1));
        QVERIFY(c.removed.isEmpty());
        QVERIFY(c.added.isEmpty());
        QVERIFY2(c.changed.isEmpty(), qPrintable(c.reasons.join(u'\n')));
        QVERIFY(!c.breaking);
        QVERIFY(!c.sonameChanged); // an archive has no soname to compare
        // The shared library built without the version script's `gone` does not export it.
        const AbiComparison missing = compareAbi(open(old), open(m_fix.unbumped));
        QVERIFY(missing.breaking);
        QCOMPARE(missing.headline, u"The shared library does not export what the archive defines"_s);
        QVERIFY(missing.reasons.constFirst().contains(u"undefined reference to `gone'"_s));
    }

    void copiedDataIsNotExported()
    {
        // A program that uses libc's stdout gets its own copy in .bss (a copy relocation): nm -D lists it as
        // defined, with the version the program needs; it is not something the program exports.
        QVERIFY(test::writeFile(m_dir.filePath(u"copy.c"_s),
            "#include <stdio.h>\nint exported_by_prog = 1;\nint main(void) { fputs(\"x\", stdout); return 0; }\n"));
        const test::Run gcc = test::run(u"gcc"_s, {u"-rdynamic"_s, u"-o"_s, u"copyprog"_s, u"copy.c"_s}, m_dir.path());
        QVERIFY2(gcc.exitCode == 0, gcc.err.constData());
        const QString prog = m_dir.filePath(u"copyprog"_s);
        const QSet<QString> nm = test::nmDynamicDefined(prog);
        QString copied;
        for (const QString &n : nm)
            if (n.startsWith(u"stdout@"_s))
                copied = n;
        QVERIFY2(!copied.isEmpty(), "gcc made no copy relocation for stdout");
        int ignored = 0;
        const QStringList mine = names(exportedSymbols(open(prog), &ignored));
        QVERIFY(!mine.contains(copied));
        QVERIFY(mine.contains(u"exported_by_prog"_s));
        QVERIFY(mine.contains(u"main"_s));
        QVERIFY(ignored >= 1);
    }

    void anotherMachineBreaks()
    {
        // The same source for i386 and x86-64: the same symbols, but no program of one can use the other.
        const AbiComparison c = compareAbi(open(m_fix.object32), open(m_fix.object));
        QVERIFY(c.removed.isEmpty());
        QVERIFY(c.added.isEmpty());
        QVERIFY(c.breaking);
        const test::Run header = test::run(u"readelf"_s, {u"-h"_s, m_fix.object32});
        QVERIFY(header.out.contains("ELF32"));
        QCOMPARE(c.machineChange, u"x86 (i386) 32-bit -> x86-64 64-bit"_s);
        QVERIFY(c.reasons.constFirst().startsWith(u"Built for another machine"_s));
    }

    void pictureLinesUpKeptSymbols()
    {
        const AbiComparison c = compareAbi(open(m_fix.v1), open(m_fix.v2));
        const AbiPicture p = abiPicture(c, 600);
        // Old: removed, changed, kept; new: changed, kept, added; shared columns line up.
        QCOMPARE(p.blocks.size(), 6);
        QRectF oldChanged, newChanged, oldKept, newKept;
        double sum = 0;
        for (const AbiPictureBlock &b : p.blocks) {
            QVERIFY(b.rect.width() >= 24 - 1e-9);
            if (b.category == AbiPictureBlock::Changed)
                (b.row == 0 ? oldChanged : newChanged) = b.rect;
            if (b.category == AbiPictureBlock::Kept)
                (b.row == 0 ? oldKept : newKept) = b.rect;
            if (b.row == 0 || b.category == AbiPictureBlock::Added)
                sum += b.rect.width();
        }
        QCOMPARE(oldChanged.left(), newChanged.left());
        QCOMPARE(oldKept.right(), newKept.right());
        QVERIFY(qAbs(sum - 600) < 1e-6);
        QCOMPARE(p.bounds.width(), 600.0);
        QVERIFY(p.oldBar.left() < p.newBar.left()); // removed sticks out on the left
        QVERIFY(p.newBar.right() > p.oldBar.right()); // added on the right
        // Widths follow the counts where the minimum does not decide.
        AbiComparison big;
        big.kept = 900;
        big.added.resize(100);
        const AbiPicture q = abiPicture(big, 1000, 36, 28, 24);
        QCOMPARE(q.blocks.size(), 3);
        QCOMPARE(q.blocks[0].rect.width(), 900.0);
        QCOMPARE(q.blocks[2].rect.width(), 100.0);
        // A tiny share keeps the minimum width.
        big.kept = 100000;
        big.added.resize(1);
        const AbiPicture r = abiPicture(big, 1000, 36, 28, 24);
        QCOMPARE(r.blocks.last().rect.width(), 24.0);
        QCOMPARE(r.bounds.width(), 1000.0);
        QVERIFY(abiPicture(AbiComparison {}, 1000).blocks.isEmpty());
    }

    // abidiff (abigail-tools) reads the same ELF symbol tables when there is no debug info: the symbols it
    // calls removed and added must be among ours; ours beyond its list are versions of a name both files
    // export (vfun@@V2 beside vfun@V1), which it folds into one name; an incompatible change for it is one for us.
    void symbolsAgreeWithAbidiff_data()
    {
        QTest::addColumn<QString>("old");
        QTest::addColumn<QString>("fresh");
        QTest::newRow("v1 -> v2") << m_fix.v1 << m_fix.v2;
        QTest::newRow("v1 -> compat") << m_fix.v1 << m_fix.compat;
        QTest::newRow("v1 -> unbumped") << m_fix.v1 << m_fix.unbumped;
        QTest::newRow("compat -> v1") << m_fix.compat << m_fix.v1;
        QTest::newRow("v2 -> v1") << m_fix.v2 << m_fix.v1;
    }

    void symbolsAgreeWithAbidiff()
    {
        QFETCH(QString, old);
        QFETCH(QString, fresh);
        if (test::run(u"abidiff"_s, {u"--version"_s}).exitCode != 0) {
            if (qEnvironmentVariableIsSet("LINKLAB_ALLOW_MISSING_ABIDIFF"))
                QSKIP("abidiff is not installed and LINKLAB_ALLOW_MISSING_ABIDIFF is set");
            QFAIL("abidiff (Debian package abigail-tools) is not installed: run scripts/bootstrap.sh, or set "
                  "LINKLAB_ALLOW_MISSING_ABIDIFF=1 to skip this comparison");
        }
        const test::Run r = test::run(u"abidiff"_s, {u"--no-show-locs"_s, old, fresh});
        QVERIFY2(r.exitCode >= 0 && (r.exitCode & 3) == 0, r.err.constData()); // bits 1, 2: error, usage
        QSet<QString> theirRemoved, theirAdded;
        static const QRegularExpression entry(QStringLiteral("^\\s+\\[([AD])\\] (\\S+)"));
        for (const QByteArray &line : r.out.split('\n')) {
            const QRegularExpressionMatch m = entry.match(QString::fromUtf8(line));
            if (m.hasMatch())
                (m.captured(1) == u"D" ? theirRemoved : theirAdded).insert(m.captured(2));
        }
        const BinaryInfo a = open(old), b = open(fresh);
        const AbiComparison c = compareAbi(a, b);
        const QStringList removed = names(c.removed), added = names(c.added);
        const QSet<QString> ourRemoved(removed.cbegin(), removed.cend()), ourAdded(added.cbegin(), added.cend());
        QVERIFY2(theirRemoved.subtract(ourRemoved).isEmpty(), r.out.constData());
        QVERIFY2(theirAdded.subtract(ourAdded).isEmpty(), r.out.constData());
        QSet<QString> bothNames;
        for (const ExportedSymbol &s : exportedSymbols(a))
            for (const ExportedSymbol &t : exportedSymbols(b))
                if (s.name == t.name)
                    bothNames.insert(s.name);
        for (const QString &n : removed + added) {
            if (!r.out.contains(n.toUtf8()))
                QVERIFY2(bothNames.contains(n.section(u'@', 0, 0)), qPrintable(n + u'\n' + QString::fromUtf8(r.out)));
        }
        if (r.exitCode & 8) // ABIDIFF_ABI_INCOMPATIBLE_CHANGE
            QVERIFY(c.breaking);
        QCOMPARE(c.sonameChanged, r.out.contains("SONAME changed"));
    }
};

QTEST_GUILESS_MAIN(TestAbiCompare)
#include "tst_abicompare.moc"
