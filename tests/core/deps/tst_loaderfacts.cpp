// SPDX-License-Identifier: MIT
// The resolver's small reader (what the loader reads: ELF header, program headers, PT_INTERP, PT_DYNAMIC and its
// strings through DT_STRTAB) against the Inspector's full reader (which agrees with readelf): the same class,
// machine, type, interpreter, SONAME, NEEDED, RPATH, RUNPATH and DT_FLAGS_1 on every program in /usr/bin, every
// shared library in the system folder, and the ELF files of the shared corpus (other architectures, 32-bit,
// big-endian). The malformed corpus must give facts or a reason, never a crash.
#include "binary/openbinary.h"
#include "deps/loaderfacts.h"
#include "elffiles.h"
#include "fixturepaths.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using linklab::test::elfFilesIn;

namespace {

constexpr std::uint32_t PT_DYNAMIC = 2;
constexpr std::int64_t DT_FLAGS_1 = 0x6ffffffb;

// Compares the two readers on one file; an empty string when they agree.
QString disagreement(const QString &path)
{
    OpenOptions options;
    options.symbols = false;
    options.demangle = false;
    const OpenResult full = openBinary(path, options);
    const std::variant<LoaderFacts, QString> small = readLoaderFacts(path);
    const auto *info = std::get_if<BinaryInfo>(&full);
    const auto *facts = std::get_if<LoaderFacts>(&small);
    if (!info || !facts)
        return info ? QStringLiteral("only the full reader read it: %1").arg(std::get<QString>(small))
            : facts ? QStringLiteral("only the loader reader read it")
                    : QString();
    QStringList wrong;
    const auto same = [&](const char *what, const auto &a, const auto &b) {
        if (a != b)
            wrong << QString::fromLatin1(what);
    };
    same("class", facts->elfClass, info->elfClass);
    same("machine", facts->machine, info->machine);
    same("type", facts->type, info->elfType);
    const bool hasDynamicSegment = std::any_of(
        info->segments.cbegin(), info->segments.cend(), [](const SegmentInfo &s) { return s.type == PT_DYNAMIC; });
    same("PT_DYNAMIC", facts->dynamic, hasDynamicSegment);
    same("interpreter", facts->interpreter, info->interpreter);
    same("soname", facts->soname, info->soname);
    same("needed", facts->needed, info->needed);
    same("rpath", facts->rpath, info->rpath);
    same("runpath", facts->runpath, info->runpath);
    std::uint64_t flags1 = 0;
    for (const DynamicEntry &e : info->dynamic)
        if (e.tag == DT_FLAGS_1)
            flags1 = e.value;
    same("DT_FLAGS_1", facts->flags1, flags1);
    return wrong.join(u", ");
}

} // namespace

class TestLoaderFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void systemFilesAgree()
    {
        QStringList files = elfFilesIn(QStringLiteral("/usr/bin"), {}, false);
        files << elfFilesIn(QStringLiteral("/usr/lib/x86_64-linux-gnu"), {QStringLiteral("*.so*")}, false);
        QVERIFY2(files.size() >= 200, qPrintable(QStringLiteral("only %1 ELF files found").arg(files.size())));
        QStringList problems;
        for (const QString &path : std::as_const(files))
            if (const QString why = disagreement(path); !why.isEmpty())
                problems << path + QStringLiteral(": ") + why;
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join(u'\n')));
    }

    // A caller that read the first bytes already (the resolver, probing a candidate) passes them on: whatever
    // their length, even shorter than the ELF header, the facts are the ones read from the path alone.
    void factsFromAHeadAlreadyRead()
    {
        QStringList files = elfFilesIn(QStringLiteral("/usr/bin"), {}, false).mid(0, 60);
        files << elfFilesIn(QStringLiteral("/usr/lib/x86_64-linux-gnu"), {QStringLiteral("libc.so*")}, false);
        const auto describe = [](const std::variant<LoaderFacts, QString> &r) -> QString {
            if (const auto *error = std::get_if<QString>(&r))
                return QStringLiteral("error: ") + *error;
            const LoaderFacts &f = std::get<LoaderFacts>(r);
            return QStringList {QString::number(f.elfClass), QString::number(f.machine), QString::number(f.type),
                QString::number(f.dynamic), f.interpreter, f.soname, f.needed.join(u','), f.rpath.join(u','),
                f.runpath.join(u','), QString::number(f.flags1), f.warnings.join(u',')}
                .join(u'|');
        };
        for (const QString &path : std::as_const(files)) {
            const QString expected = describe(readLoaderFacts(path));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const qsizetype length : {0, 19, 64, 100, 1024, 8192}) {
                const QByteArray head = file.read(length);
                file.seek(0);
                const std::vector<std::uint8_t> bytes(head.cbegin(), head.cend());
                QCOMPARE(
                    describe(readLoaderFacts(int(file.handle()), std::uint64_t(file.size()), path, bytes)), expected);
            }
        }
    }

    void fixturesWithPaths()
    {
        const auto rpath = readLoaderFacts(QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH));
        QVERIFY(std::holds_alternative<LoaderFacts>(rpath));
        QVERIFY(!std::get<LoaderFacts>(rpath).rpath.isEmpty());
        QVERIFY(std::get<LoaderFacts>(rpath).runpath.isEmpty());
        QCOMPARE(disagreement(QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH)), QString());
        const auto runpath = readLoaderFacts(QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH));
        QVERIFY(std::holds_alternative<LoaderFacts>(runpath));
        QVERIFY(!std::get<LoaderFacts>(runpath).runpath.isEmpty());
        QCOMPARE(disagreement(QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH)), QString());
        const auto object = readLoaderFacts(QStringLiteral(LINKLAB_FIXTURE_OBJECT).split(u';').first());
        QVERIFY(std::holds_alternative<LoaderFacts>(object));
        QCOMPARE(std::get<LoaderFacts>(object).type, std::uint16_t(1)); // ET_REL: nothing for the loader
        QVERIFY(!std::get<LoaderFacts>(object).dynamic);
    }

    void corpusFilesAgree()
    {
        const QString corpus = QStringLiteral(LINKLAB_CORPUS_DIR) + QStringLiteral("/elf");
        if (!QFileInfo(corpus).isDir())
            QSKIP("the shared corpus is not on this machine");
        const QStringList files = elfFilesIn(corpus, {}, true);
        QVERIFY2(files.size() >= 20, qPrintable(QStringLiteral("only %1 ELF files in the corpus").arg(files.size())));
        int bigEndian = 0, thirtyTwo = 0;
        QStringList problems;
        for (const QString &path : files) {
            if (const QString why = disagreement(path); !why.isEmpty())
                problems << path + QStringLiteral(": ") + why;
            const std::variant<LoaderFacts, QString> read = readLoaderFacts(path);
            if (const auto *f = std::get_if<LoaderFacts>(&read)) {
                bigEndian += f->bigEndian;
                thirtyTwo += f->elfClass == 32;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join(u'\n')));
        QVERIFY(bigEndian > 0);
        QVERIFY(thirtyTwo > 0);
    }

    void malformedFilesGiveFactsOrAReason()
    {
        const QString corpus = QStringLiteral(LINKLAB_CORPUS_DIR) + QStringLiteral("/malformed");
        if (!QFileInfo(corpus).isDir())
            QSKIP("the shared corpus is not on this machine");
        QDirIterator it(corpus, QDir::Files, QDirIterator::Subdirectories);
        int files = 0, reasons = 0;
        while (it.hasNext()) {
            const auto result = readLoaderFacts(it.next());
            ++files;
            if (const auto *why = std::get_if<QString>(&result)) {
                QVERIFY2(!why->isEmpty(), qPrintable(it.filePath()));
                ++reasons;
            }
        }
        QVERIFY(files > 0);
        QVERIFY(reasons > 0); // some of them are not even ELF headers
    }

    void notAnElfFileSaysWhat()
    {
        const auto dir = readLoaderFacts(QStringLiteral("/usr"));
        QVERIFY(std::holds_alternative<QString>(dir));
        QVERIFY2(std::get<QString>(dir).contains(u"directory"), qPrintable(std::get<QString>(dir)));
        const auto missing = readLoaderFacts(QStringLiteral("/nonexistent/libx.so"));
        QCOMPARE(std::get<QString>(missing), QStringLiteral("no such file"));
        QTemporaryDir tmp;
        QFile script(tmp.filePath(QStringLiteral("libscript.so")));
        QVERIFY(script.open(QIODevice::WriteOnly) && script.write("#!/bin/sh\necho hello\n") > 0);
        script.close();
        const auto text = readLoaderFacts(script.fileName());
        QVERIFY(std::holds_alternative<QString>(text));
        QVERIFY2(std::get<QString>(text).contains(u"not an ELF"), qPrintable(std::get<QString>(text)));
    }
};

QTEST_GUILESS_MAIN(TestLoaderFacts)
#include "tst_loaderfacts.moc"
