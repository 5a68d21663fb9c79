// SPDX-License-Identifier: MIT
// The rules for the files a person gives a build: sources and headers sorted apart, what a dropped folder holds
// (and that a huge folder stops at the cap instead of being walked to the end), default names and folders.
#include "builder/exampleproject.h"
#include "builder/sourcefiles.h"

#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace linklab::test;
using namespace Qt::StringLiterals;

class TestSourceFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inputsSortedIntoSourcesAndHeaders()
    {
        BuildPlan plan;
        addInputFiles(plan, {u"/s/a.c"_s, u"/s/a.h"_s, u"/s/../s/b.c"_s, u"/s/x.S"_s});
        QCOMPARE(plan.sources, (QStringList {u"/s/a.c"_s, u"/s/b.c"_s, u"/s/x.S"_s}));
        QCOMPARE(plan.headers, (QStringList {u"/s/a.h"_s}));
    }

    void scanFolder()
    {
        QTemporaryDir dir;
        for (const char *name : {"b.c", "a.h", "notes.txt", "sub/c.c", "build/gen.c", ".git/x.c", "build-linklab/o.c",
                 "cmake-build-debug/d.c", "sub/deeper/e.h"})
            QVERIFY(writeFile(dir.filePath(QString::fromUtf8(name)), "int x;\n"));
        QVERIFY(QFile::link(dir.filePath(u"sub"_s), dir.filePath(u"loop"_s))); // a symlinked folder: not followed
        const QString single = dir.filePath(u"b.c"_s);
        const SourceScan scan = scanSourceFiles({single, dir.path()});
        QVERIFY(!scan.capped);
        QVERIFY(!scan.cancelled);
        QCOMPARE(scan.files,
            (QStringList {single, dir.filePath(u"a.h"_s), dir.filePath(u"b.c"_s), dir.filePath(u"sub/c.c"_s),
                dir.filePath(u"sub/deeper/e.h"_s)}));
    }

    void mainIsFound_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<bool>("defines");
        QTest::newRow("int main(void)") << QByteArray("#include <stdio.h>\nint main(void)\n{\n    return 0;\n}\n")
                                        << true;
        QTest::newRow("argc argv, brace on the line") << QByteArray("int main(int argc, char **argv) {\n}\n") << true;
        QTest::newRow("static int\\nmain") << QByteArray("static int\nmain (int argc, char *argv[])\n{ }\n") << true;
        QTest::newRow("function-pointer parameter")
            << QByteArray("int main(int argc, char **argv, void (*f)(int)) { return 0; }") << true;
        QTest::newRow("prototype only") << QByteArray("int main(void);\nint f(void) { return 1; }\n") << false;
        QTest::newRow("in a comment") << QByteArray("/* int main(void) { } */\n// int main() {}\nint x;\n") << false;
        QTest::newRow("in a string") << QByteArray("const char *s = \"int main(void) { }\";\n") << false;
        QTest::newRow("in a macro") << QByteArray("#define M int main(void) { return 0; }\nint y;\n") << false;
        QTest::newRow("another name") << QByteArray("int my_main(void) { return 0; }\nint main_loop(void) { }\n")
                                      << false;
        QTest::newRow("called from a function") << QByteArray("int f(void) { if (main(0)) {} return 0; }\n") << false;
        QTest::newRow("a library") << QByteArray("#include \"m.h\"\nint add(int a, int b) { return a + b; }\n")
                                   << false;
    }

    void mainIsFound()
    {
        QFETCH(QByteArray, source);
        QFETCH(bool, defines);
        QCOMPARE(definesMain(source), defines);
    }

    void scanSortsOutPrograms()
    {
        // Add Folder on a project with a main.c: the scan says which file is the program's.
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(u"lib.c"_s), "int twice(int x) { return 2 * x; }\n"));
        QVERIFY(writeFile(dir.filePath(u"lib.h"_s), "int twice(int x);\n"));
        QVERIFY(writeFile(dir.filePath(u"main.c"_s), "#include \"lib.h\"\nint main(void) { return twice(0); }\n"));
        const SourceScan scan = scanSourceFiles({dir.path()});
        QCOMPARE(scan.programs, QStringList {dir.filePath(u"main.c"_s)});
        QCOMPARE(scan.files.size(), 3);
        QVERIFY(!fileDefinesMain(dir.filePath(u"lib.c"_s)));
        QVERIFY(!fileDefinesMain(dir.filePath(u"lib.h"_s)));
    }

    void anotherProject_data()
    {
        QTest::addColumn<QStringList>("current");
        QTest::addColumn<QString>("folder");
        QTest::addColumn<bool>("another");
        const QStringList example {u"/ex/strmath/a.c"_s, u"/ex/strmath/b.c"_s};
        QTest::newRow("empty list") << QStringList() << u"/home/u/broken"_s << false;
        QTest::newRow("an unrelated folder") << example << u"/home/u/broken"_s << true;
        QTest::newRow("the same folder") << example << u"/ex/strmath"_s << false;
        QTest::newRow("a subfolder (include/)") << example << u"/ex/strmath/include"_s << false;
        QTest::newRow("the parent of the files") << example << u"/ex"_s << false;
        QTest::newRow("a sibling with a common prefix") << example << u"/ex/strmath2"_s << true;
    }

    void anotherProject()
    {
        QFETCH(QStringList, current);
        QFETCH(QString, folder);
        QFETCH(bool, another);
        QCOMPARE(startsAnotherProject(current, folder), another);
    }

    void scanStopsAtTheCap()
    {
        // 30 files in each of 20 folders: with a cap of 50, the scan reads a few folders and stops; it does not
        // walk the rest of the tree (which, for a dropped /usr, would freeze the window).
        QTemporaryDir dir;
        for (int f = 0; f < 20; ++f) {
            for (int i = 0; i < 30; ++i)
                QVERIFY(writeFile(dir.filePath(u"d%1/f%2.c"_s.arg(f, 2, 10, QChar(u'0')).arg(i)), "int x;\n"));
        }
        const SourceScan scan = scanSourceFiles({dir.path()}, 50);
        QVERIFY(scan.capped);
        QCOMPARE(scan.files.size(), 50);
        QVERIFY2(scan.foldersRead <= 3, qPrintable(QString::number(scan.foldersRead)));
    }

    void scanCancels()
    {
        QTemporaryDir dir;
        for (int f = 0; f < 5; ++f)
            QVERIFY(writeFile(dir.filePath(u"d%1/a.c"_s.arg(f)), "int x;\n"));
        int asked = 0;
        const SourceScan scan = scanSourceFiles({dir.path()}, MaxScannedSourceFiles, [&asked] { return ++asked > 2; });
        QVERIFY(scan.cancelled);
        QCOMPARE(scan.foldersRead, 2);
    }

    void defaultNames_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << u"/home/me/strmath"_s << u"strmath"_s;
        QTest::newRow("lib prefix") << u"/home/me/libfoo"_s << u"foo"_s;
        QTest::newRow("space") << u"/home/me/my lib"_s << u"my_lib"_s;
        QTest::newRow("src") << u"/home/me/calc/src"_s << u"calc"_s;
        QTest::newRow("root") << u"/"_s << u"mylib"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void defaultNames()
    {
        QFETCH(QString, folder);
        QFETCH(QString, name);
        QCOMPARE(defaultLibraryName(folder), name);
    }

    void defaultOutputFolder()
    {
        QTemporaryDir dir;
        QCOMPARE(defaultOutDir(dir.path()), dir.filePath(u"build-linklab"_s));
        QCOMPARE(defaultOutDir(QString()), QString());
        // The bundled example is part of LinkLab: it builds in the user's data folder, never inside LinkLab.
        const Result<ExampleProject> example = ExampleProject::find();
        QVERIFY2(example.ok(), qPrintable(example.reason()));
        const QString out = defaultOutDir(example->folder);
        QVERIFY2(!out.startsWith(example->folder), qPrintable(out));
        QVERIFY(out.endsWith(u"/strmath/build-linklab"_s));
        QVERIFY2(out.startsWith(userBuildsFolder()), qPrintable(out));
        // The application's name once, even when the organization has the same name (.../LinkLab/LinkLab/...).
        QCoreApplication::setOrganizationName(u"LinkLab"_s);
        QCoreApplication::setApplicationName(u"LinkLab"_s);
        const QString named = defaultOutDir(example->folder);
        QVERIFY2(!named.contains(u"LinkLab/LinkLab"_s), qPrintable(named));
        QVERIFY2(named.contains(u"/LinkLab/builds/strmath/"_s), qPrintable(named));
    }
};

QTEST_GUILESS_MAIN(TestSourceFiles)
#include "tst_sourcefiles.moc"
