// SPDX-License-Identifier: MIT
// openBinary(): kinds and header facts of the fixtures, and a plain message for everything that is not ELF.
#include "binary/elfnames.h"
#include "binary/openbinary.h"
#include "fixturepaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/resource.h>
#include <unistd.h>

using namespace linklab;

class TestOpenBinary : public QObject
{
    Q_OBJECT

private:
    static BinaryInfo open(const QString &path)
    {
        OpenResult r = openBinary(path);
        if (auto *e = std::get_if<OpenError>(&r))
            qFatal("could not open %s: %s", qPrintable(path), qPrintable(e->message));
        return std::get<BinaryInfo>(std::move(r));
    }

    static QString errorFor(const QString &path)
    {
        const OpenResult r = openBinary(path);
        if (std::holds_alternative<BinaryInfo>(r))
            return QStringLiteral("<opened>");
        return std::get<OpenError>(r).message;
    }

    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void kinds_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind");
        QTest::newRow("object") << QStringLiteral(LINKLAB_FIXTURE_OBJECT) << int(BinaryKind::Relocatable);
        QTest::newRow("shared") << QStringLiteral(LINKLAB_FIXTURE_SHARED) << int(BinaryKind::SharedLibrary);
        QTest::newRow("pie exe") << QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH) << int(BinaryKind::PieExecutable);
        QTest::newRow("archive") << QStringLiteral(LINKLAB_FIXTURE_STATIC) << int(BinaryKind::Archive);
        QTest::newRow("thin archive") << QStringLiteral(LINKLAB_FIXTURE_THIN) << int(BinaryKind::ThinArchive);
    }
    void kinds()
    {
        QFETCH(QString, path);
        QFETCH(int, kind);
        const BinaryInfo info = open(path);
        QCOMPARE(int(info.kind), kind);
        QVERIFY2(info.warnings.isEmpty(), qPrintable(info.warnings.join(u'\n')));
    }

    void sharedLibraryFacts()
    {
        const BinaryInfo info = open(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        QCOMPARE(info.elfClass, int(sizeof(void *) * 8));
        QCOMPARE(info.soname, QStringLiteral("libfixture.so.1"));
        QVERIFY(info.needed.contains(QStringLiteral("libc.so.6")));
        QVERIFY(info.needed.contains(QStringLiteral("libm.so.6")));
        QVERIFY(info.interpreter.isEmpty());
        QVERIFY(!info.sections.isEmpty());
        QCOMPARE(info.sections.first().type, 0u); // the null section header is index 0, as in readelf -S
        QVERIFY(!info.segments.isEmpty());
        // The version script makes every exported fixture symbol LIBFIXTURE_1.0 and hides the rest.
        bool sawAdd = false;
        for (const SymbolInfo &s : info.symbols) {
            if (s.table == SymbolTable::Dynamic && s.name == u"fixture_add") {
                sawAdd = true;
                QCOMPARE(s.version, QStringLiteral("LIBFIXTURE_1.0"));
                QCOMPARE(s.displayName(), QStringLiteral("fixture_add@@LIBFIXTURE_1.0"));
                QCOMPARE(s.nm, 'T');
                QCOMPARE(elfnames::symbolTypeName(s.type, info.machine), QStringLiteral("FUNC"));
            }
            QVERIFY2(!(s.table == SymbolTable::Dynamic && s.name == u"fixture_hidden" && s.isDefined()),
                "hidden symbol exported");
        }
        QVERIFY(sawAdd);
        const QString sentence = elfnames::overviewSentence(info);
        QVERIFY2(sentence.startsWith(u"Shared library for "), qPrintable(sentence));
        QVERIFY2(sentence.contains(u"SONAME libfixture.so.1"), qPrintable(sentence));
        QVERIFY2(sentence.contains(u"needs "), qPrintable(sentence));
    }

    void demangledNames()
    {
        const BinaryInfo info = open(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        const auto it = std::find_if(info.symbols.cbegin(), info.symbols.cend(),
            [](const SymbolInfo &s) { return s.name == u"_ZN7fixture5scaleEii"; });
        QVERIFY(it != info.symbols.cend());
        QCOMPARE(it->demangled, QStringLiteral("fixture::scale(int, int)"));
    }

    void rpathAndRunpath()
    {
        const BinaryInfo rpath = open(QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH));
        QVERIFY2(rpath.rpath.contains(QStringLiteral("/opt/linklab/lib")), qPrintable(rpath.rpath.join(u':')));
        QVERIFY(rpath.runpath.isEmpty());
        QVERIFY(rpath.needed.contains(QStringLiteral("libfixture.so.1")));
        QVERIFY(!rpath.interpreter.isEmpty());
        const BinaryInfo runpath = open(QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH));
        QVERIFY2(runpath.runpath.contains(QStringLiteral("$ORIGIN/../lib")), qPrintable(runpath.runpath.join(u':')));
        QVERIFY(runpath.rpath.isEmpty());
    }

    // libc.so.6 has an interpreter (it can be run) and a SONAME: a shared library, as file(1) says.
    void sharedLibraryWithInterpreter()
    {
        const QString libc = QStringLiteral("/usr/lib/x86_64-linux-gnu/libc.so.6");
        QVERIFY2(QFileInfo::exists(libc), "no /usr/lib/x86_64-linux-gnu/libc.so.6 on this machine");
        const BinaryInfo info = open(libc);
        QVERIFY(!info.interpreter.isEmpty());
        QCOMPARE(info.kind, BinaryKind::SharedLibrary);
    }

    // Extended section numbering (e_shnum 0, the count in section 0's sh_size; objects with over 65,279
    // sections): every section and symbol is read as with e_shnum.
    void extendedSectionNumbering()
    {
        QFile f(QStringLiteral(LINKLAB_FIXTURE_OBJECT));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        QCOMPARE(bytes[4], char(2)); // the fixture is ELF64 little-endian
        const auto shoff = qFromLittleEndian<quint64>(bytes.constData() + 40);
        const quint16 shnum = qFromLittleEndian<quint16>(bytes.constData() + 60);
        qToLittleEndian<quint16>(0, bytes.data() + 60);
        qToLittleEndian<quint64>(shnum, bytes.data() + shoff + 32);
        const OpenResult r = openBinaryData(bytes, QStringLiteral("xnum.o"));
        QVERIFY(std::holds_alternative<BinaryInfo>(r));
        const BinaryInfo &extended = std::get<BinaryInfo>(r);
        const BinaryInfo plain = open(QStringLiteral(LINKLAB_FIXTURE_OBJECT));
        QCOMPARE(extended.sections.size(), int(shnum));
        QCOMPARE(extended.sections.size(), plain.sections.size());
        QCOMPARE(extended.sections.last().name, plain.sections.last().name);
        QCOMPARE(extended.symbols.size(), plain.symbols.size());
        QCOMPARE(extended.symbols.last().sectionName, plain.symbols.last().sectionName);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QVERIFY(m_dir.isValid());
        QTest::newRow("missing") << m_dir.filePath(QStringLiteral("nope.so")) << QStringLiteral("no such file");
        QTest::newRow("directory") << m_dir.path() << QStringLiteral("a directory, not a file");
        QTest::newRow("empty") << writeFile(QStringLiteral("empty"), {}) << QStringLiteral("empty file");
        QTest::newRow("text") << writeFile(QStringLiteral("notes.txt"), "hello\nworld\n")
                              << QStringLiteral("text file: not an ELF file");
        QTest::newRow("ld script")
            << writeFile(QStringLiteral("libc.so"), "/* GNU ld script */\nGROUP ( libc.so.6 )\n")
            << QStringLiteral("GNU ld script (text): not an ELF file; the linker reads the libraries it names");
        QByteArray pe(0x100, '\0');
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3c] = char(0x80);
        pe.replace(0x80, 4, QByteArray("PE\0\0", 4));
        QByteArray mzFar(0x40, '\0'); // e_lfanew near 4 GiB: offset + 4 once wrapped around in 32 bits
        mzFar[0] = 'M';
        mzFar[1] = 'Z';
        mzFar.replace(0x3c, 4, QByteArray("\xfe\xff\xff\xff", 4));
        QTest::newRow("mz with far pe offset") << writeFile(QStringLiteral("far.exe"), mzFar)
                                               << QStringLiteral("DOS/Windows executable (MZ): not an ELF file");
        QTest::newRow("pe") << writeFile(QStringLiteral("app.exe"), pe)
                            << QStringLiteral("PE executable (Windows): not an ELF file");
        QTest::newRow("truncated elf") << writeFile(QStringLiteral("short.o"),
            QByteArray("\x7f"
                       "ELF\x02\x01\x01",
                7)) << QStringLiteral("truncated ELF file: 7 bytes, shorter than the ELF identification");
        QByteArray badClass("\x7f"
                            "ELF\x07\x01\x01",
            7);
        badClass.append(QByteArray(57, '\0'));
        QTest::newRow("bad class") << writeFile(QStringLiteral("badclass.o"), badClass)
                                   << QStringLiteral("ELF file with an invalid class byte (7)");
    }
    void errors()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QCOMPARE(errorFor(path), expected);
    }

    // File permissions do not apply to root, and CI runs the suite as root: then this test runs itself again
    // as nobody (setpriv), and that run must pass. As any other user it checks directly.
    void permissionDenied()
    {
        if (::geteuid() == 0) {
            const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
            QVERIFY2(!setpriv.isEmpty(), "setpriv (util-linux) is needed to run this check as an unprivileged user");
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("TMPDIR"), QStringLiteral("/tmp")); // a folder nobody may write in
            env.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
            child.setProcessEnvironment(env);
            child.setWorkingDirectory(QStringLiteral("/"));
            child.start(setpriv,
                {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                    QCoreApplication::applicationFilePath(), QStringLiteral("permissionDenied")});
            QVERIFY2(child.waitForFinished(60'000), qPrintable(child.errorString()));
            const QByteArray out = child.readAllStandardOutput() + child.readAllStandardError();
            QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, out.constData());
            // The child ran the check itself, as an unprivileged user (and did not skip it).
            QVERIFY2(out.contains("PASS   : TestOpenBinary::permissionDenied()"), out.constData());
            QVERIFY2(!out.contains("SKIP"), out.constData());
            return;
        }
        const QString path = writeFile(QStringLiteral("locked.so"),
            "\x7f"
            "ELF");
        QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
        QCOMPARE(errorFor(path), QStringLiteral("permission denied"));
        // A readable file in the same folder opens: the folder itself is not what stops the first one.
        const QString readable = writeFile(QStringLiteral("open.o"),
            "\x7f"
            "ELF");
        QVERIFY(errorFor(readable) != QStringLiteral("permission denied"));
    }

    // Inputs that once made LIEF zero-fill up to 1 GB, or the thin-archive reader read /dev/zero forever.
    void fuzzReproducers_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(LINKLAB_SOURCE_DIR "/fuzz/crashes"));
        const QStringList files = dir.entryList(QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void fuzzReproducers()
    {
        QFETCH(QString, path);
        const OpenResult r = openBinary(path);
        if (const auto *info = std::get_if<BinaryInfo>(&r)) {
            bool flagged = !info->warnings.isEmpty();
            for (const auto &m : info->members)
                flagged = flagged || !m.error.isEmpty();
            QVERIFY2(flagged, "a broken file came back without a warning");
        }
        rusage usage {};
        QCOMPARE(getrusage(RUSAGE_SELF, &usage), 0);
        QVERIFY2(usage.ru_maxrss < 300 * 1024, qPrintable(QStringLiteral("peak RSS %1 KiB").arg(usage.ru_maxrss)));
    }

    void stagedRead()
    {
        // Facts first (no symbols yet), then the symbols with their index (no relocations yet), then all.
        QList<LoadStage> stages;
        QList<qsizetype> symbols;
        QList<qsizetype> relocations;
        QList<bool> indexed;
        OpenOptions options;
        options.searchIndex = true;
        options.relocations = true;
        options.stageReady = [&](LoadStage stage, const BinaryInfo &soFar) {
            stages.append(stage);
            symbols.append(soFar.symbols.size());
            relocations.append(soFar.relocations.size());
            indexed.append(bool(soFar.symbolSearch));
            return true;
        };
        const OpenResult r = openBinary(QStringLiteral(LINKLAB_FIXTURE_SHARED), options);
        const auto *info = std::get_if<BinaryInfo>(&r);
        QVERIFY(info);
        QCOMPARE(stages, (QList<LoadStage> {LoadStage::Facts, LoadStage::Symbols}));
        QCOMPARE(symbols.at(0), 0);
        QCOMPARE(symbols.at(1), info->symbols.size());
        QVERIFY(info->symbols.size() > 0);
        QCOMPARE(relocations, (QList<qsizetype> {0, 0}));
        QVERIFY(info->relocations.size() > 0);
        QCOMPARE(indexed, (QList<bool> {false, true}));
        // The staged result is the same as a read in one go.
        OpenOptions whole;
        whole.searchIndex = true;
        whole.relocations = true;
        const OpenResult once = openBinary(QStringLiteral(LINKLAB_FIXTURE_SHARED), whole);
        QCOMPARE(std::get<BinaryInfo>(once).symbols.size(), info->symbols.size());
        QCOMPARE(std::get<BinaryInfo>(once).relocations.size(), info->relocations.size());
        QCOMPARE(std::get<BinaryInfo>(once).kind, info->kind);

        // Stopped after the facts: an error that says so, and the symbols are never read.
        stages.clear();
        options.stageReady = [&](LoadStage stage, const BinaryInfo &) {
            stages.append(stage);
            return false;
        };
        const OpenResult stopped = openBinary(QStringLiteral(LINKLAB_FIXTURE_SHARED), options);
        QVERIFY(std::holds_alternative<OpenError>(stopped));
        QCOMPARE(std::get<OpenError>(stopped).message, QStringLiteral("cancelled"));
        QCOMPARE(stages, QList<LoadStage> {LoadStage::Facts});

        // Archives are read in one go: no stages, even from their members.
        stages.clear();
        options.stageReady = [&](LoadStage stage, const BinaryInfo &) {
            stages.append(stage);
            return true;
        };
        QVERIFY(std::holds_alternative<BinaryInfo>(openBinary(QStringLiteral(LINKLAB_FIXTURE_STATIC), options)));
        QVERIFY(stages.isEmpty());
    }

    void truncatedSharedLibraryKeepsWhatItCan()
    {
        QFile f(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray whole = f.readAll();
        // Cut off the section headers at the end: the program headers and dynamic section are still there.
        const QString path = writeFile(QStringLiteral("cut.so"), whole.first(whole.size() - 200));
        const OpenResult r = openBinary(path);
        QVERIFY(std::holds_alternative<BinaryInfo>(r));
        const auto &info = std::get<BinaryInfo>(r);
        QVERIFY(!info.warnings.isEmpty());
        QVERIFY2(info.warnings.join(u' ').contains(u"section headers"), qPrintable(info.warnings.join(u' ')));
        // It says it was cut, and from what size.
        QVERIFY(info.isTruncated());
        QCOMPARE(info.fileSize, std::uint64_t(whole.size() - 200));
        QCOMPARE(info.sizeNeeded, std::uint64_t(whole.size()));
        QVERIFY2(elfnames::truncationSentence(info).startsWith(u"Truncated: "),
            qPrintable(elfnames::truncationSentence(info)));

        // Cut to 3,000 bytes: still said, with both sizes.
        const QString shorter = writeFile(QStringLiteral("cut3000.so"), whole.first(3000));
        const OpenResult s = openBinary(shorter);
        QVERIFY(std::holds_alternative<BinaryInfo>(s));
        const QString sentence = elfnames::truncationSentence(std::get<BinaryInfo>(s));
        QVERIFY2(sentence.startsWith(u"Truncated: 3,000 bytes of at least "), qPrintable(sentence));

        // The whole file is not truncated.
        const OpenResult w = openBinary(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        QVERIFY(!std::get<BinaryInfo>(w).isTruncated());
        QVERIFY(elfnames::truncationSentence(std::get<BinaryInfo>(w)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOpenBinary)
#include "tst_openbinary.moc"
