// SPDX-License-Identifier: MIT
// Conformance: `linklab-cli symbols OPTIONS FILE...` prints exactly what GNU nm prints with the same options, byte
// for byte on stdout, and exits with the same status. Inputs are the fixtures built from tests/fixtures/ and
// libraries installed on the machine (a missing one fails its rows, naming the file: a row that cannot run is not
// agreement), and the corpus's foreign files (Thumb, MIPS, big-endian, Solaris, ...), which skip only when the
// corpus folder is absent (CTest then says Skipped).
#include "fixturepaths.h"
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace linklab {
namespace {

// A cold run of linklab-cli on a big C++ archive in a Debug build takes a few seconds; this only catches a hang.
constexpr int kProcessTimeoutMs = 240'000;
constexpr int kSampleCount = 40;

const QString kSystemLibDir = u"/usr/lib/x86_64-linux-gnu"_s;

struct ToolRun {
    QByteArray out;
    QByteArray err;
    int status = -1;
    QString problem; // why the run did not finish normally (empty when it did)
};

ToolRun runTool(const QString &program, const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C"_s); // nm sorts with strcoll: both tools must see the same locale
    process.setProcessEnvironment(env);
    process.start(program, args);
    ToolRun run;
    if (!process.waitForStarted()) {
        run.problem = u"could not start %1: %2"_s.arg(program, process.errorString());
        return run;
    }
    if (!process.waitForFinished(kProcessTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.problem = u"%1 did not finish within %2 s"_s.arg(program).arg(kProcessTimeoutMs / 1000);
        return run;
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit)
        run.problem = u"%1 crashed: %2"_s.arg(program, QString::fromLocal8Bit(run.err.right(2000)));
    run.status = process.exitCode();
    return run;
}

QString cliPath()
{
    return QStringLiteral(LINKLAB_CLI);
}

// The first line where the two outputs differ, with both versions, instead of two walls of text.
QString firstDifference(const QByteArray &ours, const QByteArray &theirs)
{
    const QList<QByteArray> a = ours.split('\n');
    const QList<QByteArray> b = theirs.split('\n');
    const qsizetype n = std::max(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const QByteArray *la = i < a.size() ? &a[i] : nullptr;
        const QByteArray *lb = i < b.size() ? &b[i] : nullptr;
        if (la && lb && *la == *lb)
            continue;
        const auto show = [](const QByteArray *line) {
            return line ? u"\"%1\""_s.arg(QString::fromUtf8(*line)) : u"<end of output>"_s;
        };
        return u"stdout differs at line %1 (linklab-cli printed %2 lines, nm %3)\n   linklab-cli: %4\n   nm:          %5"_s
            .arg(i + 1)
            .arg(ours.count('\n'))
            .arg(theirs.count('\n'))
            .arg(show(la), show(lb));
    }
    return u"outputs are equal"_s;
}

// Every Nth file of the sorted *.so.* list, so the sample is the same on every run on the same machine.
QStringList sampledSystemLibraries()
{
    const QDir dir(kSystemLibDir);
    QStringList files;
    for (const QFileInfo &fi : dir.entryInfoList({u"*.so.*"_s}, QDir::Files, QDir::Name)) {
        // Skip debug links and other non-ELF look-alikes by their first bytes (nm would reject them anyway, but
        // then a row would test an error path, not symbols).
        QFile f(fi.absoluteFilePath());
        if (f.open(QIODevice::ReadOnly)
            && f.read(4)
                == "\x7f"
                   "ELF")
            files << fi.absoluteFilePath();
    }
    if (files.size() <= kSampleCount)
        return files;
    QStringList sample;
    const qsizetype step = files.size() / kSampleCount;
    for (qsizetype i = 0; i < files.size() && sample.size() < kSampleCount; i += step)
        sample << files[i];
    return sample;
}

} // namespace

class TestNmAgreement : public QObject
{
    Q_OBJECT

private:
    QString m_nm;
    QTemporaryDir m_made; // archives made at test time, some broken on purpose

    // Writes `bytes` under m_made and returns the path.
    QString make(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_made.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    void addRows(const QString &label, const QStringList &files, const QList<QStringList> &optionSets,
        const QString &missing = {})
    {
        for (const QStringList &options : optionSets) {
            const QString tag = options.isEmpty() ? label : label + u' ' + options.join(u' ');
            QTest::newRow(qPrintable(tag)) << options << files << missing;
        }
    }

    void addSystemRows(const QString &fileName, const QList<QStringList> &optionSets)
    {
        addInstalledRows(fileName, kSystemLibDir + u'/' + fileName, optionSets);
    }

    // A file every machine that builds LinkLab has; the row fails, naming what is missing, when it is not there.
    void addInstalledRows(const QString &label, const QString &path, const QList<QStringList> &optionSets)
    {
        const bool present = !path.isEmpty() && QFileInfo(path).isFile();
        addRows(label, {path}, optionSets, present ? QString() : u"missing:"_s + (path.isEmpty() ? label : path));
    }

private slots:
    void initTestCase()
    {
        m_nm = QStandardPaths::findExecutable(u"nm"_s);
        QVERIFY2(!m_nm.isEmpty(), "GNU nm (binutils) is not on PATH; it is a build dependency");
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(u"linklab-cli not built at "_s + cliPath()));
        const ToolRun version = runTool(m_nm, {u"--version"_s});
        QVERIFY2(version.problem.isEmpty() && version.status == 0, qPrintable(version.problem));
        qInfo("reference: %s", version.out.left(version.out.indexOf('\n')).constData());
    }

    void agrees_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QStringList>("files");
        // "missing:PATH": a file every build machine has is not here, the row fails; "corpus:PATH": the corpus
        // folder is absent, the row is skipped (and CTest says so)
        QTest::addColumn<QString>("missing");

        const QList<QStringList> all = {
            {},
            {u"-D"_s},
            {u"-C"_s},
            {u"--defined-only"_s},
            {u"-u"_s},
            {u"-D"_s, u"-C"_s},
            {u"-D"_s, u"--defined-only"_s},
            {u"-D"_s, u"-u"_s},
        };
        const QString object = QStringLiteral(LINKLAB_FIXTURE_OBJECT);
        const QString staticLib = QStringLiteral(LINKLAB_FIXTURE_STATIC);
        const QString shared = QStringLiteral(LINKLAB_FIXTURE_SHARED);
        addRows(u"object"_s, {object}, all);
        addRows(u"static"_s, {staticLib}, all);
        addRows(u"thin"_s, {QStringLiteral(LINKLAB_FIXTURE_THIN)}, all);
        addRows(u"shared"_s, {shared}, all);
        addRows(u"exe-rpath"_s, {QStringLiteral(LINKLAB_FIXTURE_EXE_RPATH)}, all);
        addRows(u"exe-runpath"_s, {QStringLiteral(LINKLAB_FIXTURE_EXE_RUNPATH)}, all);
        // Several files in one call: nm prints "\nFILE:\n" before each one (and before each archive member).
        addRows(u"object+static+shared"_s, {object, staticLib, shared},
            {{}, {u"-D"_s}, {u"-C"_s}, {u"--defined-only"_s}, {u"-D"_s, u"-u"_s}});

        const QList<QStringList> sharedSets
            = {{}, {u"-D"_s}, {u"-D"_s, u"-C"_s}, {u"-D"_s, u"--defined-only"_s}, {u"-D"_s, u"-u"_s}};
        addSystemRows(u"libc.so.6"_s, sharedSets);
        addSystemRows(u"libm.so.6"_s, sharedSets);
        addSystemRows(u"libstdc++.so.6"_s, sharedSets);
        addSystemRows(u"libz.so.1"_s, sharedSets);
        addSystemRows(u"libQt6Core.so.6"_s, sharedSets);
        // A C static library from a build dependency (libiberty-dev).
        addSystemRows(u"libiberty.a"_s, {{}, {u"-C"_s}, {u"--defined-only"_s}, {u"-u"_s}, {u"-D"_s}});
        addSystemRows(u"libc_nonshared.a"_s, all);
        // Where __cxa_demangle and binutils' libiberty disagree (decltype, _Float16): -C must follow nm. Whatever
        // LLVM is installed (libclang-dev pulls one in): the newest.
        const QString llvm = test::newestInstalled(kSystemLibDir, u"libLLVM-*.so.1"_s);
        addInstalledRows(u"libLLVM-N.so.1 (%1)"_s.arg(QFileInfo(llvm).fileName()), llvm, {{u"-D"_s, u"-C"_s}});
        // gcc's own C++ archives, wherever this gcc keeps them.
        for (const QString &name : {u"libstdc++.a"_s, u"libsupc++.a"_s})
            addInstalledRows(name, test::gccFile(name), {{u"-C"_s}});

        // The corpus's files of other machines and systems, as Debian's nm reads them (bfd's generic ELF
        // backend): every one nm reads without error (core files it refuses).
        const QDir corpus(QStringLiteral(LINKLAB_CORPUS_DIR));
        if (!corpus.exists(u"elf"_s)) {
            addRows(u"corpus"_s, {}, {{}}, u"corpus:"_s + corpus.path());
        } else {
            const QList<QStringList> corpusSets = {{}, {u"-D"_s}, {u"-C"_s}, {u"--defined-only"_s}, {u"-u"_s}};
            for (const QString &sub : {u"elf/readelf"_s, u"elf/unittests"_s}) {
                const QDir dir(corpus.filePath(sub));
                for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
                    if (name.startsWith(u"core_"_s))
                        continue;
                    addRows(u"corpus "_s + name, {dir.filePath(name)}, corpusSets);
                }
            }
        }

        const QStringList sample = sampledSystemLibraries();
        for (const QString &path : sample)
            addRows(u"sample "_s + QFileInfo(path).fileName(), {path}, {{u"-D"_s}});
        if (sample.isEmpty())
            addRows(u"sample"_s, {}, {{u"-D"_s}}, u"missing:"_s + kSystemLibDir + u"/*.so.*"_s);
    }

    void agrees()
    {
        QFETCH(QStringList, options);
        QFETCH(QStringList, files);
        QFETCH(QString, missing);
        if (missing.startsWith(u"corpus:"_s))
            QSKIP(qPrintable(u"conformance corpus "_s + missing.mid(7) + u" not present: skipped"_s));
        QVERIFY2(missing.isEmpty(),
            qPrintable(u"not installed on this machine, though every machine that builds "
                       u"LinkLab has it: "_s
                + missing.mid(8)));

        const ToolRun theirs = runTool(m_nm, options + files);
        QVERIFY2(theirs.problem.isEmpty(), qPrintable(theirs.problem));
        const ToolRun ours = runTool(cliPath(), QStringList {u"symbols"_s} + options + files);
        QVERIFY2(ours.problem.isEmpty(), qPrintable(ours.problem));

        QVERIFY2(ours.out == theirs.out, qPrintable(firstDifference(ours.out, theirs.out)));
        QVERIFY2(ours.status == theirs.status,
            qPrintable(
                u"exit status: linklab-cli %1, nm %2\n   linklab-cli stderr: %3\n   nm stderr: %4"_s.arg(ours.status)
                    .arg(theirs.status)
                    .arg(QString::fromUtf8(ours.err.left(500)), QString::fromUtf8(theirs.err.left(500)))));
        // Every successful nm run above exits 0; a row that makes nm fail is a broken row, not agreement.
        QCOMPARE(theirs.status, 0);
    }

    // Archives made here as hostile ones are found in the wild: nm's output and exit status, byte for byte, even
    // where nm fails (a malformed archive exits 1 after listing what came before the damage).
    void agreesOnMadeArchives_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("nmStatus");
        QVERIFY(m_made.isValid());
        const QString object = QStringLiteral(LINKLAB_FIXTURE_OBJECT);
        const QString shared = QStringLiteral(LINKLAB_FIXTURE_SHARED);
        // GNU ar names a thin archive's long paths "/N" and ends the name field with '/' ("/0             /").
        const QString thin = m_made.filePath(u"longpaths.a"_s);
        const ToolRun ar = runTool(u"ar"_s, {u"rcT"_s, thin, shared, object});
        QVERIFY2(ar.problem.isEmpty() && ar.status == 0, ar.err.constData());
        QVERIFY(QFile(thin).open(QIODevice::ReadOnly));
        QFile objectFile(object);
        QVERIFY(objectFile.open(QIODevice::ReadOnly));
        const QByteArray objectBytes = objectFile.readAll();
        const auto header = [](const QByteArray &name, qsizetype size, const QByteArray &end = "`\n") -> QByteArray {
            return name.leftJustified(16, ' ') + QByteArray("0").leftJustified(12, ' ')
                + QByteArray("0").leftJustified(6, ' ') + QByteArray("0").leftJustified(6, ' ')
                + QByteArray("644").leftJustified(8, ' ') + QByteArray::number(size).leftJustified(10, ' ') + end;
        };
        const QByteArray good = header("a.o/", objectBytes.size()) + objectBytes + (objectBytes.size() % 2 ? "\n" : "");
        const QString malformed
            = make(u"malformed.a"_s, "!<arch>\n" + good + header("b.o/", objectBytes.size(), "XX") + objectBytes);
        const QString pastEnd = make(u"pastend.a"_s, "!<arch>\n" + good + header("c.o/", 1 << 30) + objectBytes);
        QTest::newRow("thin long paths -D") << QStringList {u"-D"_s} << thin << 0;
        for (const QStringList &options : QList<QStringList> {{}, {u"-u"_s}, {u"--defined-only"_s}}) {
            const QString tag = options.join(u' ');
            QTest::newRow(qPrintable(u"thin long paths "_s + tag)) << options << thin << 0;
            QTest::newRow(qPrintable(u"malformed member header "_s + tag)) << options << malformed << 1;
            QTest::newRow(qPrintable(u"member past the end "_s + tag)) << options << pastEnd << 0;
        }
    }

    void agreesOnMadeArchives()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, file);
        QFETCH(int, nmStatus);
        const ToolRun theirs = runTool(m_nm, options + QStringList {file});
        QVERIFY2(theirs.problem.isEmpty(), qPrintable(theirs.problem));
        QCOMPARE(theirs.status, nmStatus); // the row tests what it says it tests
        QVERIFY2(theirs.out.count(" U ") + theirs.out.count(" T ") > 0, theirs.out.constData()); // nm lists symbols
        const ToolRun ours = runTool(cliPath(), QStringList {u"symbols"_s} + options + QStringList {file});
        QVERIFY2(ours.problem.isEmpty(), qPrintable(ours.problem));
        QVERIFY2(ours.out == theirs.out, qPrintable(firstDifference(ours.out, theirs.out)));
        QCOMPARE(ours.status, theirs.status);
    }

    void cleanupTestCase()
    {
        // QTemporaryDir cannot remove a file whose name is not UTF-8 (agreesOnBytes makes one); the shell can.
        runTool(u"rm"_s, {u"-rf"_s, m_made.path()});
    }

    // Names are bytes: a symbol named "caf\xE9" (not UTF-8) prints as nm prints it, and a file whose name is not
    // UTF-8 opens (the shell passes the raw bytes; QProcess could not).
    void agreesOnBytes()
    {
        QVERIFY(m_made.isValid());
        const QString folder = m_made.filePath(u"bytes"_s);
        QVERIFY(QDir().mkpath(folder));
        const QString c = m_made.filePath(u"bytes.c"_s);
        QFile source(c);
        QVERIFY(source.open(QIODevice::WriteOnly));
        source.write("int x __asm__(\"caf\\xe9\") = 1;\nint y __asm__(\"ok_\\xc3\\xa9\") = 2;\n"
                     "int z __asm__(\"x\\xed\\xb3\\xa9\") = 3;\n");
        source.close();
        // gcc writes the object under a name with a Latin-1 byte, made by the shell from an octal escape.
        const ToolRun gcc = runTool(
            u"sh"_s, {u"-c"_s, u"cd \"$1\" && exec gcc -c -o \"$(printf 'f\\351.o')\" \"$2\""_s, u"sh"_s, folder, c});
        QVERIFY2(gcc.problem.isEmpty() && gcc.status == 0, gcc.err.constData());
        for (const QString &options : {QString(), u"-C"_s, u"--defined-only"_s}) {
            const QString script = u"cd \"$1\" && exec \"$2\" %1 *.o"_s.arg(options);
            const ToolRun theirs = runTool(u"sh"_s, {u"-c"_s, script, u"sh"_s, folder, m_nm});
            const ToolRun ours = runTool(u"sh"_s,
                {u"-c"_s, u"cd \"$1\" && exec \"$2\" symbols %1 *.o"_s.arg(options), u"sh"_s, folder, cliPath()});
            QVERIFY2(theirs.problem.isEmpty() && theirs.status == 0, theirs.err.constData());
            QVERIFY2(theirs.out.contains("caf\xe9\n"), theirs.out.constData()); // the row tests what it says
            QVERIFY2(ours.out == theirs.out, qPrintable(firstDifference(ours.out, theirs.out)));
            QCOMPARE(ours.status, theirs.status);
        }
        // Two files, so each is named in a header line: the file name's bytes come back too.
        const ToolRun theirs
            = runTool(u"sh"_s, {u"-c"_s, u"cd \"$1\" && exec \"$2\" *.o *.o"_s, u"sh"_s, folder, m_nm});
        const ToolRun ours
            = runTool(u"sh"_s, {u"-c"_s, u"cd \"$1\" && exec \"$2\" symbols *.o *.o"_s, u"sh"_s, folder, cliPath()});
        QVERIFY2(theirs.out.contains("f\xe9.o:"), theirs.out.constData());
        QVERIFY2(ours.out == theirs.out, qPrintable(firstDifference(ours.out, theirs.out)));
    }

    // Exit statuses and error messages that scripts rely on: 1 for a file that cannot be read (the message names
    // it), 2 for bad usage.
    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("stderrNames"); // stderr must contain this (empty: only be non-empty)
        QTest::addColumn<bool>("sameAsNm"); // stdout and status must also agree with nm

        const QString missing = QStringLiteral(LINKLAB_FIXTURE_DIR) + u"/no-such-library.so"_s;
        const QString dir = QStringLiteral(LINKLAB_FIXTURE_DIR);
        const QString object = QStringLiteral(LINKLAB_FIXTURE_OBJECT);
        QTest::newRow("missing file") << QStringList {missing} << 1 << missing << true;
        QTest::newRow("directory") << QStringList {dir} << 1 << dir << true;
        QTest::newRow("object then missing file") << QStringList {object, missing} << 1 << missing << true;
        QTest::newRow("missing file -D") << QStringList {u"-D"_s, missing} << 1 << missing << true;
        QTest::newRow("unknown long option") << QStringList {u"--no-such-option"_s, object} << 2 << QString() << false;
        QTest::newRow("unknown short option") << QStringList {u"-Q"_s, object} << 2 << QString() << false;
        QTest::newRow("no file") << QStringList {} << 2 << QString() << false;
        QTest::newRow("success") << QStringList {object} << 0 << QString() << true;
    }

    void exitStatus()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, stderrNames);
        QFETCH(bool, sameAsNm);

        const ToolRun ours = runTool(cliPath(), QStringList {u"symbols"_s} + args);
        QVERIFY2(ours.problem.isEmpty(), qPrintable(ours.problem));
        const QString err = QString::fromUtf8(ours.err);
        QVERIFY2(ours.status == status,
            qPrintable(u"exit status %1, expected %2; stderr: %3"_s.arg(ours.status).arg(status).arg(err)));
        if (status != 0) {
            QVERIFY2(!err.trimmed().isEmpty(), "a failing run must say why on stderr");
            if (!stderrNames.isEmpty())
                QVERIFY2(err.contains(stderrNames), qPrintable(u"stderr does not name %1: %2"_s.arg(stderrNames, err)));
        } else {
            QVERIFY2(!ours.out.isEmpty(), "a successful run on the object prints its symbols");
        }
        if (sameAsNm) {
            const ToolRun theirs = runTool(m_nm, args);
            QVERIFY2(theirs.problem.isEmpty(), qPrintable(theirs.problem));
            QVERIFY2(ours.out == theirs.out, qPrintable(firstDifference(ours.out, theirs.out)));
            QCOMPARE(ours.status, theirs.status);
        }
    }
};

} // namespace linklab

QTEST_GUILESS_MAIN(linklab::TestNmAgreement)
#include "tst_nm_agreement.moc"
