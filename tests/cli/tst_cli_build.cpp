// SPDX-License-Identifier: MIT
// `linklab-cli build` as a user runs it: the files it makes, the commands it reports, the program it runs, and
// agreement with the reference tools (nm, ar, readelf, sh, cmake) on what was built. C sources are written into a
// temporary folder by each test; expected values come from those sources and from the tools, never from LinkLab.
#include "fixturepaths.h"
#include "testsupport.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace linklab::test;
using namespace Qt::StringLiterals;

namespace {

// Every file under the folders of a build's inputs (outside its output folder), with its content's hash and
// modification time.
QMap<QString, QPair<QByteArray, qint64>> snapshot(const QStringList &args, const QString &workingDir)
{
    QString out;
    const qsizetype o = args.indexOf(u"-o"_s);
    if (o >= 0 && o + 1 < args.size())
        out = QDir(workingDir).absoluteFilePath(args[o + 1]);
    QSet<QString> exported; // --cmake FILE and --script FILE are outputs the user asked for
    for (qsizetype i = 0; i + 1 < args.size(); ++i)
        if (args[i] == u"--cmake"_s || args[i] == u"--script"_s)
            exported.insert(QDir(workingDir).absoluteFilePath(args[i + 1]));
    QSet<QString> folders;
    for (const QString &a : args) {
        const QFileInfo fi(QDir(workingDir).absoluteFilePath(a));
        if (!a.startsWith(u'-') && fi.isFile() && (out.isEmpty() || !fi.absoluteFilePath().startsWith(out + u'/')))
            folders.insert(fi.absolutePath());
    }
    QMap<QString, QPair<QByteArray, qint64>> files;
    for (const QString &folder : std::as_const(folders)) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if ((!out.isEmpty() && path.startsWith(out + u'/')) || exported.contains(path))
                continue;
            files.insert(path, {hashOf(path), it.fileInfo().lastModified().toMSecsSinceEpoch()});
        }
    }
    return files;
}

// "Your sources are never modified": every build run through here checks that no file in its sources' folders
// (outside the output folder) changed, appeared or disappeared, whatever the build's outcome.
Run cliIn(const QStringList &args, const QString &workingDir)
{
    const auto before = snapshot(args, workingDir);
    const Run r = run(QStringLiteral(LINKLAB_CLI), QStringList {u"build"_s} + args, workingDir);
    const auto after = snapshot(args, workingDir);
    if (before != after) {
        QStringList changed;
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            if (after.value(it.key()) != it.value())
                changed << it.key();
        for (auto it = after.cbegin(); it != after.cend(); ++it)
            if (!before.contains(it.key()))
                changed << u"new: "_s + it.key();
        QTest::qFail(
            qPrintable(u"the build changed files beside its sources: "_s + changed.join(u", "_s)), __FILE__, __LINE__);
    }
    return r;
}

Run cli(const QStringList &args)
{
    return cliIn(args, QString());
}

QJsonObject report(const Run &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out.append(v.toString());
    return out;
}

QList<QJsonObject> commands(const QJsonObject &report)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : report[u"commands"_s].toArray())
        out.append(v.toObject());
    return out;
}

QStringList argv(const QJsonObject &command)
{
    return strings(command[u"argv"_s]);
}

// The compile command whose source (its last word) is `source`.
QJsonObject compileOf(const QJsonObject &report, const QString &source)
{
    for (const QJsonObject &c : commands(report)) {
        const QStringList words = argv(c);
        if (words.contains(u"-c"_s) && words.last() == source)
            return c;
    }
    return {};
}

// The first command with `word` in its argv.
QJsonObject commandWith(const QJsonObject &report, const QString &word)
{
    for (const QJsonObject &c : commands(report)) {
        if (argv(c).contains(word))
            return c;
    }
    return {};
}

// Names nm lists with type T (functions in .text), sorted.
QStringList nmFunctions(const QStringList &nmArgs)
{
    const Run r = run(u"nm"_s, nmArgs);
    QStringList names;
    for (const QByteArray &line : r.out.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() == 3 && fields[1] == "T")
            names.append(QString::fromLatin1(fields[2]));
    }
    names.sort();
    return names;
}

// The bracketed values readelf -d prints for one tag: "(SONAME) Library soname: [libx.so.1]" -> libx.so.1.
QStringList dynamicEntries(const QString &file, const QString &tag)
{
    const Run r = run(u"readelf"_s, {u"-d"_s, u"-W"_s, file});
    static const QRegularExpression re(u"\\((\\w+)\\)\\s.*\\[(.*)\\]$"_s);
    QStringList values;
    for (const QString &line : QString::fromLocal8Bit(r.out).split(u'\n')) {
        const auto m = re.match(line.trimmed());
        if (m.hasMatch() && m.captured(1) == tag)
            values.append(m.captured(2));
    }
    return values;
}

QString linkText(const QString &path)
{
    char buffer[4096];
    const ssize_t n = ::readlink(QFile::encodeName(path).constData(), buffer, sizeof buffer);
    return n > 0 ? QFile::decodeName(QByteArray(buffer, n)) : QString();
}

// A small library: x.h, a.c (two functions and a static one, which nm shows as local t, never T), b.c.
const QStringList kExports {u"x_add"_s, u"x_mul"_s, u"x_name"_s};

struct Library {
    QString a, b, header;
    QStringList args() const { return {a, b, header}; }
};

Library writeLibrary(const QString &dir)
{
    const Library lib {dir + u"/src/a.c"_s, dir + u"/src/b.c"_s, dir + u"/src/x.h"_s};
    writeFile(lib.header,
        "#pragma once\n#include <math.h>\nint x_add(int a, int b);\nint x_mul(int a, int b);\n"
        "const char *x_name(void);\n");
    writeFile(lib.a,
        "#include \"x.h\"\n__attribute__((noinline)) static int twice(int v) { return v + v; }\n"
        "int x_add(int a, int b) { return twice(a + b) / 2; }\nint x_mul(int a, int b) { return a * b; }\n");
    writeFile(lib.b, "#include \"x.h\"\nconst char *x_name(void) { return \"linklab x\"; }\n");
    return lib;
}

// A program using the library; prints to both streams and ends with `status`.
QString writeProgram(const QString &dir, int status)
{
    const QString path = dir + u"/src/main.c"_s;
    writeFile(path,
        "#include <stdio.h>\n#include \"x.h\"\nint main(void)\n{\n"
        "    printf(\"add %d\\n\\tmul %d\\n\", x_add(2, 40), x_mul(6, 7));\n"
        "    printf(\"name %s caf\\xc3\\xa9\\n\", x_name());\n"
        "    fprintf(stderr, \"note on stderr\\n\");\n"
        "    return "
            + QByteArray::number(status) + ";\n}\n");
    return path;
}

QStringList absolute(const QString &dir, const QStringList &names)
{
    QStringList out;
    for (const QString &n : names)
        out.append(QDir(dir).filePath(n));
    return out;
}

} // namespace

class TestCliBuild : public QObject
{
    Q_OBJECT

private slots:
    void help()
    {
        const Run r = cli({u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        for (const QString &option : {u"--kind"_s, u"--so-version"_s, u"--exe"_s, u"--run-env"_s, u"--json"_s})
            QVERIFY2(text.contains(option), qPrintable(option));
    }

    void kinds_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("artifacts");
        QTest::addColumn<QString>("soname"); // empty: the library must have none
        QTest::newRow("static") << u"static"_s << QString() << QStringList {u"libx.a"_s} << QString();
        QTest::newRow("shared 1.2.3") << u"shared"_s << u"1.2.3"_s
                                      << QStringList {u"libx.so.1.2.3"_s, u"libx.so.1"_s, u"libx.so"_s}
                                      << u"libx.so.1"_s;
        QTest::newRow("shared unversioned") << u"shared"_s << QString() << QStringList {u"libx.so"_s} << u"libx.so"_s;
        QTest::newRow("module") << u"module"_s << QString() << QStringList {u"x.so"_s} << QString();
    }
    void kinds()
    {
        QFETCH(QString, kind);
        QFETCH(QString, version);
        QFETCH(QStringList, artifacts);
        QFETCH(QString, soname);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString out = dir.filePath(u"out"_s);
        QStringList args {u"--kind"_s, kind, u"--name"_s, u"x"_s, u"-o"_s, out, u"--json"_s};
        if (!version.isEmpty())
            args << u"--so-version"_s << version;
        const Run r = cli(args + lib.args());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        const QJsonObject o = report(r);
        QVERIFY2(o[u"success"_s].toBool(), r.out.constData());

        // Exactly the promised files, and they are there.
        QCOMPARE(strings(o[u"artifacts"_s]), absolute(out, artifacts));
        for (const QString &file : absolute(out, artifacts))
            QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        const QString real = QDir(out).filePath(artifacts.first());
        QVERIFY(!QFileInfo(real).isSymLink());
        if (artifacts.size() == 3) { // libx.so -> libx.so.1 -> libx.so.1.2.3, as ldconfig and ln -s make them
            QCOMPARE(linkText(QDir(out).filePath(artifacts[1])), artifacts[0]);
            QCOMPARE(linkText(QDir(out).filePath(artifacts[2])), artifacts[1]);
            QCOMPARE(
                QFileInfo(QDir(out).filePath(u"libx.so"_s)).canonicalFilePath(), QFileInfo(real).canonicalFilePath());
        }

        // Every command reports what ran; processes exited 0.
        const QList<QJsonObject> cmds = commands(o);
        QVERIFY(!cmds.isEmpty());
        for (const QJsonObject &c : cmds) {
            QVERIFY(!argv(c).isEmpty());
            QVERIFY(c[u"ms"_s].isDouble() && c[u"ms"_s].toDouble() >= 0);
            QVERIFY(c[u"output"_s].isString());
            QVERIFY(c.contains(u"exit_code"_s));
            QCOMPARE(c[u"status"_s].toString(), u"ok"_s);
            const QString program = argv(c).first();
            if (program == u"gcc" || program == u"ar")
                QCOMPARE(c[u"exit_code"_s].toInt(), 0);
        }

        // Compiles: -c, -fPIC exactly for code that goes into a shared object, -MMD, the object under obj/.
        const bool pic = kind != u"static";
        QStringList objects;
        for (const QString &source : {lib.a, lib.b}) {
            const QStringList words = argv(compileOf(o, source));
            QVERIFY2(!words.isEmpty(), qPrintable(source));
            QCOMPARE(words.first(), u"gcc"_s);
            QCOMPARE(words.contains(u"-fPIC"_s), pic);
            QVERIFY(words.contains(u"-MMD"_s));
            const qsizetype dashO = words.indexOf(u"-o"_s);
            QVERIFY(dashO > 0);
            const QString object = words.value(dashO + 1);
            QCOMPARE(object, u"obj/"_s + QFileInfo(source).completeBaseName() + u".o"_s);
            QVERIFY(QFileInfo::exists(QDir(out).filePath(object)));
            objects.append(object);
        }

        if (kind == u"static") {
            // ar rcs ARCHIVE OBJECTS; ar itself lists those objects and nm finds the functions in them.
            const QStringList words = argv(commandWith(o, u"rcs"_s));
            QCOMPARE(words.mid(0, 2), (QStringList {u"ar"_s, u"rcs"_s}));
            QCOMPARE(words.mid(3), objects);
            const Run ar = run(u"ar"_s, {u"t"_s, real});
            QCOMPARE(ar.exitCode, 0);
            QCOMPARE(
                QString::fromLocal8Bit(ar.out).split(u'\n', Qt::SkipEmptyParts), (QStringList {u"a.o"_s, u"b.o"_s}));
            QCOMPARE(nmFunctions({u"--defined-only"_s, real}), kExports);
            return;
        }
        // gcc -shared [-Wl,-soname,SONAME] -o FILE OBJECTS
        const QStringList words = argv(commandWith(o, u"-shared"_s));
        QCOMPARE(words.mid(0, 2), (QStringList {u"gcc"_s, u"-shared"_s}));
        const QStringList sonameFlags = words.filter(QRegularExpression(u"^-Wl,-soname,"_s));
        if (soname.isEmpty()) {
            QVERIFY2(sonameFlags.isEmpty(), qPrintable(sonameFlags.join(u' ')));
        } else {
            QCOMPARE(words.value(2), u"-Wl,-soname,"_s + soname);
            QCOMPARE(sonameFlags.size(), 1);
        }
        for (const QString &object : objects)
            QVERIFY(words.contains(object));
        QCOMPARE(nmFunctions({u"-D"_s, u"--defined-only"_s, real}), kExports);
        QCOMPARE(dynamicEntries(real, u"SONAME"_s), soname.isEmpty() ? QStringList() : QStringList {soname});
    }

    void runProgram_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("status");
        const QStringList env {u"--run-env"_s, u"LD_LIBRARY_PATH=."_s};
        QTest::newRow("shared, LD_LIBRARY_PATH=.") << u"shared"_s << env << 0;
        QTest::newRow("shared, program returns 3") << u"shared"_s << env << 3;
        QTest::newRow("shared, --rpath") << u"shared"_s << QStringList {u"--rpath"_s} << 0;
        QTest::newRow("static") << u"static"_s << QStringList() << 0;
    }
    // The run's output and status are the program's own: the same as running it by hand in the output folder.
    void runProgram()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, extra);
        QFETCH(int, status);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString main = writeProgram(dir.path(), status);
        const QString out = dir.filePath(u"out"_s);
        QStringList args {u"--kind"_s, kind, u"--name"_s, u"x"_s, u"-o"_s, out, u"--exe"_s, main, u"--run"_s,
            u"--json"_s, u"--ldflags"_s, u"-lm"_s};
        if (kind == u"shared")
            args << u"--so-version"_s << u"1.0"_s;
        const Run r = cli(args + extra + lib.args());
        QVERIFY2(r.exitCode == 0, r.err.constData()); // the program started: the CLI succeeded, whatever it returned
        const QJsonObject o = report(r);
        const QJsonObject ran = o[u"run"_s].toObject();
        QVERIFY2(ran[u"started"_s].toBool(), r.out.constData());

        const QString prog = QDir(out).filePath(u"prog"_s);
        QVERIFY(strings(o[u"artifacts"_s]).contains(prog));
        const QStringList link = argv(commandWith(o, u"-L."_s));
        QVERIFY(link.contains(main));
        QVERIFY(link.contains(u"-lx"_s));
        QCOMPARE(link.contains(u"-Wl,-rpath,$ORIGIN"_s), extra.contains(u"--rpath"_s));

        const Run byHand = run(prog, {}, out, extra.filter(u"="_s));
        QCOMPARE(byHand.exitCode, status);
        QVERIFY(byHand.out.contains("add 42\n\tmul 42\nname linklab x"));
        QCOMPARE(ran[u"stdout"_s].toString(), QString::fromUtf8(byHand.out));
        QCOMPARE(ran[u"stderr"_s].toString(), QString::fromUtf8(byHand.err));
        QCOMPARE(ran[u"exit_code"_s].toInt(), byHand.exitCode);
        QCOMPARE(ran[u"signal"_s].toInt(), 0);
        QVERIFY(!ran.contains(u"missing_library"_s));

        const QStringList needed = dynamicEntries(prog, u"NEEDED"_s);
        QCOMPARE(needed.contains(u"libx.so.1"_s), kind == u"shared");
        if (extra.contains(u"--rpath"_s))
            QCOMPARE(dynamicEntries(prog, u"RUNPATH"_s) + dynamicEntries(prog, u"RPATH"_s), QStringList {u"$ORIGIN"_s});
    }

    // Without LD_LIBRARY_PATH or an rpath the loader fails; the report names the soname the library really has.
    void runWithoutLibraryPath()
    {
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString main = writeProgram(dir.path(), 0);
        const QString out = dir.filePath(u"out"_s);
        const Run r = cli(QStringList {u"--kind"_s, u"shared"_s, u"--name"_s, u"x"_s, u"--so-version"_s, u"4.5"_s,
                              u"-o"_s, out, u"--exe"_s, main, u"--run"_s, u"--json"_s}
            + lib.args());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject ran = report(r)[u"run"_s].toObject();
        const QStringList soname = dynamicEntries(QDir(out).filePath(u"libx.so.4.5"_s), u"SONAME"_s);
        QCOMPARE(soname, QStringList {u"libx.so.4"_s});
        QVERIFY2(ran[u"stderr"_s].toString().contains(u"cannot open shared object file"_s), r.out.constData());
        QCOMPARE(ran[u"missing_library"_s].toString(), soname.first());
        QVERIFY(!ran[u"explanation"_s].toString().isEmpty());
        QCOMPARE(ran[u"stdout"_s].toString(), QString());
        const Run byHand = run(QDir(out).filePath(u"prog"_s), {}, out);
        QCOMPARE(ran[u"exit_code"_s].toInt(), byHand.exitCode);
        QCOMPARE(ran[u"stderr"_s].toString(), QString::fromLocal8Bit(byHand.err));
    }

    // Without --json the program's stdout passes through byte for byte, after the commands and before "built".
    void runTextModePassesOutputThrough()
    {
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString main = writeProgram(dir.path(), 0);
        const QString out = dir.filePath(u"out"_s);
        const Run r = cli(QStringList {u"--kind"_s, u"shared"_s, u"--name"_s, u"x"_s, u"-o"_s, out, u"--exe"_s, main,
                              u"--run"_s, u"--run-env"_s, u"LD_LIBRARY_PATH=."_s}
            + lib.args());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const Run byHand = run(QDir(out).filePath(u"prog"_s), {}, out, {u"LD_LIBRARY_PATH=."_s});
        QCOMPARE(byHand.exitCode, 0);
        QVERIFY(byHand.out.contains("caf\xc3\xa9\n"));
        const qsizetype at = r.out.indexOf(byHand.out);
        QVERIFY2(at >= 0, r.out.constData());
        QVERIFY2(r.out.indexOf("gcc -shared") < at, r.out.constData());
        QVERIFY2(r.out.indexOf("\nbuilt libx.so") >= at + byHand.out.size() - 1, r.out.constData());
        QVERIFY2(r.err.contains(byHand.err), r.err.constData());
    }

    void diagnostics_data()
    {
        QTest::addColumn<QByteArray>("line"); // the line put into b.c's function
        QTest::addColumn<QString>("marker"); // where on it the compiler points
        QTest::addColumn<QString>("severity");
        QTest::addColumn<int>("status");
        QTest::newRow("error") << QByteArray("    return undeclared_thing;") << u"undeclared_thing"_s << u"error"_s
                               << 1;
        QTest::newRow("warning") << QByteArray("    int unused_local;\n    return 0;") << u"unused_local"_s
                                 << u"warning"_s << 0;
    }
    void diagnostics()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, marker);
        QFETCH(QString, severity);
        QFETCH(int, status);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QByteArray source = "#include \"x.h\"\nint x_broken(void)\n{\n" + line + "\n}\n";
        QVERIFY(writeFile(lib.b, source));
        const Run r = cli(
            QStringList {u"--kind"_s, u"shared"_s, u"--name"_s, u"x"_s, u"-o"_s, dir.filePath(u"out"_s), u"--json"_s}
            + lib.args());
        QCOMPARE(r.exitCode, status);
        const QJsonObject o = report(r);
        QCOMPARE(o[u"success"_s].toBool(), status == 0);

        const QStringList lines = QString::fromUtf8(source).split(u'\n');
        int expectedLine = 0;
        int expectedColumn = 0;
        for (int i = 0; i < lines.size() && expectedLine == 0; ++i) {
            if (lines[i].contains(marker)) {
                expectedLine = i + 1;
                expectedColumn = int(lines[i].indexOf(marker)) + 1;
            }
        }
        QJsonObject found;
        for (const QJsonValue &v : o[u"diagnostics"_s].toArray()) {
            const QJsonObject d = v.toObject();
            if (d[u"severity"_s].toString() == severity && d[u"message"_s].toString().contains(marker))
                found = d;
        }
        QVERIFY2(!found.isEmpty(), r.out.constData());
        QCOMPARE(found[u"file"_s].toString(), lib.b);
        QCOMPARE(found[u"line"_s].toInt(), expectedLine);
        QCOMPARE(found[u"column"_s].toInt(), expectedColumn);
        // The compile of b.c holds the message in its output too, as gcc printed it.
        QVERIFY(compileOf(o, lib.b)[u"output"_s].toString().contains(marker));
    }

    void linkError()
    {
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString main = dir.filePath(u"src/main.c"_s);
        QVERIFY(writeFile(main, "int x_missing(void);\nint main(void) { return x_missing(); }\n"));
        const QString out = dir.filePath(u"out"_s);
        const Run r = cli(
            QStringList {u"--kind"_s, u"shared"_s, u"--name"_s, u"x"_s, u"-o"_s, out, u"--exe"_s, main, u"--json"_s}
            + lib.args());
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = report(r);
        QVERIFY(!o[u"success"_s].toBool());
        bool found = false;
        for (const QJsonValue &v : o[u"diagnostics"_s].toArray()) {
            const QJsonObject d = v.toObject();
            found = found
                || (d[u"severity"_s].toString() == u"error"
                    && d[u"message"_s].toString().contains(u"undefined reference"_s)
                    && d[u"message"_s].toString().contains(u"x_missing"_s));
        }
        QVERIFY2(found, r.out.constData());
        QVERIFY(!QFileInfo::exists(QDir(out).filePath(u"prog"_s)));
        QVERIFY(!QFileInfo::exists(QDir(out).filePath(u"prog.tmp"_s)));
    }

    // The guard every build here goes through (cliIn) does see a build that writes into its sources: a compiler
    // that appends to the file it compiles must fail the test.
    void sourceGuardCatchesAChangedSource()
    {
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        QVERIFY(writeFile(dir.filePath(u"touchcc"_s),
            "#!/bin/sh\nfor a; do last=$a; done\necho '/* touched */' >> \"$last\"\nexec gcc \"$@\"\n"));
        QVERIFY(QFile::setPermissions(
            dir.filePath(u"touchcc"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        QEXPECT_FAIL("", "this compiler writes into a source: the guard must report it", Abort);
        cli(QStringList {u"--kind"_s, u"static"_s, u"--name"_s, u"x"_s, u"-o"_s, dir.filePath(u"out"_s), u"--cc"_s,
                dir.filePath(u"touchcc"_s)}
            + lib.args());
    }

    void relativeCompilerPath()
    {
        // "--cc ./mycc" is the file in the directory the command runs from, as CC=./mycc is for make; the
        // commands themselves run in OUTDIR.
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        QVERIFY(writeFile(dir.filePath(u"mycc"_s), "#!/bin/sh\nexec gcc \"$@\"\n"));
        QVERIFY(QFile::setPermissions(
            dir.filePath(u"mycc"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        const Run r = cliIn(QStringList {u"--kind"_s, u"static"_s, u"--name"_s, u"x"_s, u"-o"_s, u"out"_s, u"--cc"_s,
                                u"./mycc"_s, u"--json"_s}
                + lib.args(),
            dir.path());
        QCOMPARE(r.exitCode, 0);
        const QJsonArray commands = report(r)[u"commands"_s].toArray();
        QCOMPARE(commands.first()[u"argv"_s].toArray().first().toString(), dir.filePath(u"mycc"_s));
    }

    void failedRebuildKeepsLastGoodLibrary_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<bool>("breakSource"); // else break the link with a library that does not exist
        const QStringList shared {u"libx.so.1.2.3"_s, u"libx.so.1"_s, u"libx.so"_s};
        QTest::newRow("static, compile error") << u"static"_s << QStringList {u"libx.a"_s} << true;
        QTest::newRow("shared, compile error") << u"shared"_s << shared << true;
        QTest::newRow("shared, link error") << u"shared"_s << shared << false;
    }
    void failedRebuildKeepsLastGoodLibrary()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, files);
        QFETCH(bool, breakSource);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString out = dir.filePath(u"out"_s);
        QStringList args {u"--kind"_s, kind, u"--name"_s, u"x"_s, u"-o"_s, out, u"--json"_s};
        if (kind == u"shared")
            args << u"--so-version"_s << u"1.2.3"_s;
        QCOMPARE(cli(args + lib.args()).exitCode, 0);
        const QString real = QDir(out).filePath(files.first());
        const QByteArray good = readFile(real);
        QVERIFY(!good.isEmpty());

        if (breakSource)
            QVERIFY(writeFile(lib.b, readFile(lib.b) + "int x_later(void) { return }\n"));
        else
            args << u"--ldflags"_s << u"-lno_such_linklab_library"_s;
        const Run r = cli(args + lib.args());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!report(r)[u"success"_s].toBool());
        QCOMPARE(readFile(real), good);
        for (const QString &file : files)
            QVERIFY2(QFileInfo(QDir(out).filePath(file)).canonicalFilePath() == QFileInfo(real).canonicalFilePath(),
                qPrintable(file));
        QCOMPARE(QDir(out).entryList({u"*.tmp"_s}), QStringList());
    }

    // ninja's rule: an object is rebuilt when its source, a header it read (-MMD) or its command changed.
    void upToDate()
    {
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        // b.c stops reading x.h, so touching x.h concerns a.c only.
        QVERIFY(writeFile(lib.b, "const char *x_name(void) { return \"linklab x\"; }\n"));
        const QString out = dir.filePath(u"out"_s);
        const QString objA = QDir(out).filePath(u"obj/a.o"_s);
        const QString objB = QDir(out).filePath(u"obj/b.o"_s);
        const QString libFile = QDir(out).filePath(u"libx.so"_s);
        const QStringList args {u"--kind"_s, u"shared"_s, u"--name"_s, u"x"_s, u"-o"_s, out, u"--json"_s};
        auto status
            = [&](const QJsonObject &o, const QString &source) { return compileOf(o, source)[u"status"_s].toString(); };
        auto mtime = [](const QString &path) { return QFileInfo(path).lastModified(); };

        QCOMPARE(cli(args + lib.args()).exitCode, 0);
        const QDateTime builtA = mtime(objA);
        const QDateTime builtB = mtime(objB);
        const QDateTime builtLib = mtime(libFile);

        Run r = cli(args + lib.args());
        QCOMPARE(r.exitCode, 0);
        QJsonObject o = report(r);
        QCOMPARE(status(o, lib.a), u"up-to-date"_s);
        QCOMPARE(status(o, lib.b), u"up-to-date"_s);
        QCOMPARE(strings(o[u"artifacts"_s]), QStringList {libFile});
        QCOMPARE(mtime(objA), builtA);
        QCOMPARE(mtime(objB), builtB);
        QCOMPARE(mtime(libFile), builtLib);

        // Other flags: everything compiles again, then nothing does.
        const QStringList otherFlags = args + QStringList {u"--cflags"_s, u"-O1 -Wall"_s};
        r = cli(otherFlags + lib.args());
        QCOMPARE(r.exitCode, 0);
        o = report(r);
        QCOMPARE(status(o, lib.a), u"ok"_s);
        QCOMPARE(status(o, lib.b), u"ok"_s);
        QVERIFY(compileOf(o, lib.a)[u"argv"_s].toArray().contains(u"-O1"_s));
        r = cli(otherFlags + lib.args());
        QCOMPARE(r.exitCode, 0);
        o = report(r);
        QCOMPARE(status(o, lib.a), u"up-to-date"_s);
        QCOMPARE(status(o, lib.b), u"up-to-date"_s);

        // A header a.c includes becomes newer than a.o: a.c compiles, b.c does not, the library is linked again.
        const QDateTime beforeA = mtime(objA);
        const QDateTime beforeB = mtime(objB);
        {
            QFile header(lib.header);
            QVERIFY(header.open(QIODevice::ReadWrite));
            QVERIFY(header.setFileTime(beforeA.addSecs(2), QFileDevice::FileModificationTime));
        }
        r = cli(otherFlags + lib.args());
        QCOMPARE(r.exitCode, 0);
        o = report(r);
        QCOMPARE(status(o, lib.a), u"ok"_s);
        QCOMPARE(status(o, lib.b), u"up-to-date"_s);
        QCOMPARE(commandWith(o, u"-shared"_s)[u"status"_s].toString(), u"ok"_s);
        QVERIFY(mtime(objA) > beforeA);
        QCOMPARE(mtime(objB), beforeB);
    }

    // A program reads headers too; when one changes, the program must be built again.
    void programRebuiltWhenItsHeaderChanges()
    {
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString header = dir.filePath(u"src/message.h"_s);
        const QString main = dir.filePath(u"src/main.c"_s);
        QVERIFY(writeFile(header, "#define MESSAGE \"first\"\n"));
        QVERIFY(writeFile(main,
            "#include <stdio.h>\n#include \"message.h\"\n#include \"x.h\"\n"
            "int main(void) { printf(\"%s %d\\n\", MESSAGE, x_add(1, 2)); return 0; }\n"));
        const QStringList args = QStringList {u"--kind"_s, u"static"_s, u"--name"_s, u"x"_s, u"-o"_s,
                                     dir.filePath(u"out"_s), u"--exe"_s, main, u"--run"_s, u"--json"_s}
            + lib.args();
        Run r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(report(r)[u"run"_s].toObject()[u"stdout"_s].toString(), u"first 3\n"_s);
        QVERIFY(writeFile(header, "#define MESSAGE \"second\"\n"));
        {
            QFile f(header);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(2), QFileDevice::FileModificationTime));
        }
        r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(report(r)[u"run"_s].toObject()[u"stdout"_s].toString(), u"second 3\n"_s);
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args"); // %SRC a good source, %HDR its header, %MAIN a program, %OUT a folder
        QTest::addColumn<QString>("message");
        const QString src = u"%SRC"_s;
        const QString out = u"%OUT"_s;
        auto row = [&](const char *name, const QStringList &args, const QString &message) {
            QTest::newRow(name) << args << message;
        };
        const QStringList base {u"--kind"_s, u"shared"_s, u"--name"_s, u"x"_s, u"-o"_s, out};
        row("missing --kind", {u"--name"_s, u"x"_s, u"-o"_s, out, src}, u"--kind"_s);
        row("bad --kind", {u"--kind"_s, u"dynamic"_s, u"--name"_s, u"x"_s, u"-o"_s, out, src}, u"--kind"_s);
        row("missing -o", {u"--kind"_s, u"shared"_s, u"--name"_s, u"x"_s, src}, u"-o"_s);
        row("missing --name", {u"--kind"_s, u"shared"_s, u"-o"_s, out, src}, u"name"_s);
        row("no sources", base, u"no input files"_s);
        row("only a header", base + QStringList {u"%HDR"_s}, u".c source"_s);
        row("--run without --exe", base + QStringList {u"--run"_s, src}, u"--exe"_s);
        row("unclosed quote in --cflags", base + QStringList {u"--cflags"_s, u"-O2 '-DX=1"_s, src}, u"quote"_s);
        row("unclosed quote in --ldflags", base + QStringList {u"--ldflags"_s, u"\"-lm"_s, src}, u"quote"_s);
        row("nonexistent source", base + QStringList {u"%DIR/nope.c"_s}, u"nope.c"_s);
        row("nonexistent program source", base + QStringList {u"--exe"_s, u"%DIR/nomain.c"_s, src}, u"nomain.c"_s);
        row("module with --exe",
            {u"--kind"_s, u"module"_s, u"--name"_s, u"x"_s, u"-o"_s, out, u"--exe"_s, u"%MAIN"_s, src}, u"module"_s);
        row("version on a static library",
            {u"--kind"_s, u"static"_s, u"--name"_s, u"x"_s, u"--so-version"_s, u"1"_s, u"-o"_s, out, src},
            u"version"_s);
        row("bad version", base + QStringList {u"--so-version"_s, u"1.x"_s, src}, u"version"_s);
        row("-j 0", base + QStringList {u"-j"_s, u"0"_s, src}, u"-j"_s);
        row("--run-env without =", base + QStringList {u"--exe"_s, u"%MAIN"_s, u"--run-env"_s, u"PATH"_s, src},
            u"--run-env"_s);
        row("unknown option", base + QStringList {u"--frobnicate"_s, src}, u"frobnicate"_s);
    }
    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString main = writeProgram(dir.path(), 0);
        const QString out = dir.filePath(u"out"_s);
        for (QString &a : args) {
            a.replace(u"%SRC"_s, lib.a).replace(u"%HDR"_s, lib.header).replace(u"%MAIN"_s, main);
            a.replace(u"%OUT"_s, out).replace(u"%DIR"_s, dir.path());
        }
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(message), r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QVERIFY(!QFileInfo::exists(out)); // nothing was built
    }

    // No output of a build lands on a file the person gave it, whatever the names and the symlinks between:
    // refused before anything runs, every input byte-identical afterwards, nothing built.
    void neverOverwritesInputs_data()
    {
        QTest::addColumn<QStringList>("args"); // %SRC, %HDR: the library's; %OUT the output folder; %LINK -> src/
        QTest::addColumn<QString>("message");
        const QStringList base {u"--kind"_s, u"static"_s, u"--name"_s, u"t"_s};
        QTest::newRow("program named after its own source in OUTDIR") << base
                + QStringList {u"-o"_s, u"%OUT"_s, u"--exe"_s, u"%OUT/main.c"_s, u"--exe-name"_s, u"main.c"_s,
                    u"%SRC"_s} << u"over your file"_s;
        QTest::newRow("program named after a header in OUTDIR") << base
                + QStringList {u"-o"_s, u"%OUT"_s, u"--exe"_s, u"%MAIN"_s, u"--exe-name"_s, u"lib.h"_s, u"%SRC"_s,
                    u"%OUT/lib.h"_s} << u"over your file"_s;
        QTest::newRow("output folder is a symlink to the sources")
            << base + QStringList {u"-o"_s, u"%LINK"_s, u"%SRC"_s} << u"inside the output folder"_s;
        QTest::newRow("shell script over a source")
            << base + QStringList {u"-o"_s, u"%OUT"_s, u"--script"_s, u"%SRC"_s, u"%SRC"_s} << u"over your file"_s;
        QTest::newRow("CMakeLists over the header through a symlinked folder")
            << base + QStringList {u"-o"_s, u"%OUT"_s, u"--cmake"_s, u"%LINK/x.h"_s, u"%SRC"_s, u"%HDR"_s}
            << u"over your file"_s;
    }

    void neverOverwritesInputs()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString main = writeProgram(dir.path(), 0);
        const QString out = dir.filePath(u"out"_s);
        const QString link = dir.filePath(u"link-to-src"_s);
        QVERIFY(QFile::link(QFileInfo(lib.a).absolutePath(), link));
        QVERIFY(writeFile(out + u"/main.c"_s, readFile(main)));
        QVERIFY(writeFile(out + u"/lib.h"_s, "int t_answer(void);\n"));
        QStringList inputs {lib.a, lib.b, lib.header, main, out + u"/main.c"_s, out + u"/lib.h"_s};
        QList<QByteArray> before;
        for (const QString &input : inputs)
            before.append(readFile(input));
        for (QString &a : args) {
            a.replace(u"%SRC"_s, lib.a).replace(u"%HDR"_s, lib.header).replace(u"%MAIN"_s, main);
            a.replace(u"%OUT"_s, out).replace(u"%LINK"_s, link);
        }
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(message), r.err.constData());
        for (qsizetype i = 0; i < inputs.size(); ++i)
            QVERIFY2(readFile(inputs[i]) == before[i], qPrintable(inputs[i]));
        QVERIFY(!QFileInfo::exists(out + u"/libt.a"_s));
        QVERIFY(!QFileInfo::exists(out + u"/obj"_s));
        QVERIFY(!QFileInfo::exists(QFileInfo(lib.a).absolutePath() + u"/obj"_s));
    }

    // The same source twice (by its path, or through a symlink) is compiled once, so the library holds each
    // function once and the shared link does not fail with "multiple definition".
    void duplicateSourcesBuiltOnce_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("static") << u"static"_s;
        QTest::newRow("shared") << u"shared"_s;
    }

    void duplicateSourcesBuiltOnce()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        const QString alias = dir.filePath(u"alias.c"_s);
        QVERIFY(QFile::link(lib.a, alias));
        const QString out = dir.filePath(u"out"_s);
        const Run r = cli({u"--kind"_s, kind, u"--name"_s, u"x"_s, u"-o"_s, out, u"--ldflags"_s, u"-lm"_s, u"--json"_s,
            lib.a, lib.b, lib.a, alias, lib.header});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("was given twice") && r.err.contains("is the same file as"), r.err.constData());
        int compiles = 0;
        for (const QJsonObject &c : commands(report(r)))
            compiles += argv(c).contains(u"-c"_s);
        QCOMPARE(compiles, 2);
        const QString library = out + (kind == u"static" ? u"/libx.a"_s : u"/libx.so"_s);
        QStringList nmArgs {library};
        if (kind == u"shared")
            nmArgs.prepend(u"-D"_s);
        QCOMPARE(nmFunctions(nmArgs), kExports); // each once
    }

    // An output folder that cannot take files is said before anything starts, in plain words.
    void unwritableOutputFolder_data()
    {
        QTest::addColumn<QString>("outDir");
        QTest::addColumn<QString>("message");
        QTest::newRow("existing, not writable") << u"/proc/self"_s << u"Cannot write to /proc/self"_s;
        QTest::newRow("cannot be created") << u"/proc/self/linklab-out"_s << u"Cannot create /proc/self/linklab-out"_s;
        QTest::newRow("parent is a file") << u"%FILE/out"_s << u"is a file, not a folder"_s;
    }

    void unwritableOutputFolder()
    {
        QFETCH(QString, outDir);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        outDir.replace(u"%FILE"_s, lib.header);
        const Run r = cli({u"--kind"_s, u"static"_s, u"--name"_s, u"x"_s, u"-o"_s, outDir, lib.a});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(message), r.err.constData());
        QVERIFY2(!r.out.contains("gcc"), r.out.constData()); // no command started
    }

    // The script holds the exact commands: run by sh in a fresh folder it builds the same library, even when every
    // path in it has spaces, quotes and a dollar sign in it.
    void exportShellScript()
    {
        QTemporaryDir tmp;
        const QDir dir(tmp.filePath(u"it's a \"lab\" $HOME `x` folder"_s));
        QVERIFY(QDir().mkpath(dir.path()));
        const Library lib = writeLibrary(dir.path());
        const QString main = writeProgram(dir.path(), 0);
        const QString out = dir.filePath(u"out dir's"_s);
        const QString script = dir.filePath(u"build \"it\".sh"_s);
        const Run r = cli(QStringList {u"--kind"_s, u"shared"_s, u"--name"_s, u"x"_s, u"--so-version"_s, u"1.2.3"_s,
                              u"-o"_s, out, u"--exe"_s, main, u"--rpath"_s, u"--script"_s, script, u"--json"_s}
            + lib.args());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFileInfo::exists(script));
        const QString real = QDir(out).filePath(u"libx.so.1.2.3"_s);
        const QStringList functions = nmFunctions({u"-D"_s, u"--defined-only"_s, real});
        QCOMPARE(functions, kExports);

        // The script cds into the -o folder: move LinkLab's build away so the script starts from nothing.
        QVERIFY(QDir().rename(out, dir.filePath(u"out-linklab"_s)));
        const Run sh = run(u"sh"_s, {script}, dir.path());
        QVERIFY2(sh.exitCode == 0, sh.err.constData());
        QCOMPARE(nmFunctions({u"-D"_s, u"--defined-only"_s, real}), functions);
        QCOMPARE(dynamicEntries(real, u"SONAME"_s), QStringList {u"libx.so.1"_s});
        QCOMPARE(linkText(QDir(out).filePath(u"libx.so.1"_s)), u"libx.so.1.2.3"_s);
        QCOMPARE(linkText(QDir(out).filePath(u"libx.so"_s)), u"libx.so.1"_s);
        const Run prog = run(QDir(out).filePath(u"prog"_s), {}, dir.path());
        QCOMPARE(prog.exitCode, 0);
        QVERIFY(prog.out.startsWith("add 42\n"));
    }

    void exportCMake_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<bool>("libm"); // the library calls sqrt, so its link (or its user's) needs --ldflags -lm
        const QStringList program {u"--exe"_s, u"%MAIN"_s};
        const QStringList versioned = QStringList {u"--so-version"_s, u"1.2.3"_s} + program;
        QTest::newRow("shared 1.2.3 with a program") << u"shared"_s << versioned << false;
        QTest::newRow("static with a program") << u"static"_s << program << false;
        QTest::newRow("shared with a program, -lm") << u"shared"_s << versioned << true;
        QTest::newRow("static with a program, -lm") << u"static"_s << program << true;
        QTest::newRow("module") << u"module"_s << QStringList() << false;
    }
    // The CMakeLists.txt does the same build: cmake makes files of the same names with the same symbols.
    void exportCMake()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, extra);
        QFETCH(bool, libm);
        QTemporaryDir dir;
        const Library lib = writeLibrary(dir.path());
        if (libm) // sqrt sets errno, so gcc keeps the call: a real reference into libm
            QVERIFY(writeFile(lib.a, readFile(lib.a) + "double x_root(double v) { return sqrt(v); }\n"));
        const QString main = writeProgram(dir.path(), 0);
        extra.replaceInStrings(u"%MAIN"_s, main);
        if (libm)
            extra << u"--ldflags"_s << u"-lm"_s;
        const QString out = dir.filePath(u"out"_s);
        const QString cmakeLists = dir.filePath(u"src/CMakeLists.txt"_s);
        const Run r = cli(
            QStringList {u"--kind"_s, kind, u"--name"_s, u"x"_s, u"-o"_s, out, u"--cmake"_s, cmakeLists, u"--json"_s}
            + extra + lib.args());
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QVERIFY(QFileInfo::exists(cmakeLists));
        const QStringList artifacts = strings(report(r)[u"artifacts"_s]);

        const QString build = dir.filePath(u"cmake-build"_s);
        const Run configure = run(u"cmake"_s, {u"-S"_s, QFileInfo(cmakeLists).absolutePath(), u"-B"_s, build});
        QVERIFY2(configure.exitCode == 0, configure.err.constData());
        const Run make = run(u"cmake"_s, {u"--build"_s, build});
        // CMake puts target_link_options before the objects, where -lm is dropped under --as-needed (this gcc's
        // default), and ignores them for a STATIC library; libraries belong in target_link_libraries.
        QVERIFY2(make.exitCode == 0, make.out.right(2000).constData());
        for (const QString &artifact : artifacts) {
            const QString name = QFileInfo(artifact).fileName();
            QVERIFY2(QFileInfo::exists(QDir(build).filePath(name)), qPrintable(name));
        }
        const QString ours = artifacts.first();
        const QString theirs = QDir(build).filePath(QFileInfo(ours).fileName());
        // Both export exactly what the sources define (and only that), not merely the same as each other.
        QStringList expected = kExports;
        if (libm)
            expected << u"x_root"_s;
        expected.sort();
        if (kind == u"static") {
            QCOMPARE(nmFunctions({u"--defined-only"_s, theirs}), expected);
            QCOMPARE(nmFunctions({u"--defined-only"_s, ours}), expected);
        } else {
            QCOMPARE(nmFunctions({u"-D"_s, u"--defined-only"_s, theirs}), expected);
            QCOMPARE(
                nmFunctions({u"-D"_s, u"--defined-only"_s, theirs}), nmFunctions({u"-D"_s, u"--defined-only"_s, ours}));
            QCOMPARE(dynamicEntries(theirs, u"SONAME"_s), dynamicEntries(ours, u"SONAME"_s));
            QCOMPARE(dynamicEntries(theirs, u"NEEDED"_s), dynamicEntries(ours, u"NEEDED"_s));
            QCOMPARE(dynamicEntries(theirs, u"SONAME"_s),
                kind == u"module"_s ? QStringList() : QStringList {u"libx.so.1"_s});
            QCOMPARE(dynamicEntries(theirs, u"NEEDED"_s).contains(u"libm.so.6"_s), libm);
        }
        if (!extra.contains(u"--exe"_s))
            return;
        // CMake's program finds the library through its build rpath; it prints what LinkLab's does.
        const Run cmakeProg = run(QDir(build).filePath(u"prog"_s), {}, build);
        const Run ourProg = run(QDir(out).filePath(u"prog"_s), {}, out, {u"LD_LIBRARY_PATH=."_s});
        QCOMPARE(ourProg.exitCode, 0);
        QCOMPARE(cmakeProg.exitCode, 0);
        QCOMPARE(cmakeProg.out, ourProg.out);
    }
};

QTEST_GUILESS_MAIN(TestCliBuild)
#include "tst_cli_build.moc"
