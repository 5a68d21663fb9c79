// SPDX-License-Identifier: MIT
// The lesson format: a lesson read into steps, and every mistake a teacher can make reported with its line.
#include "learn/lesson.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace Qt::StringLiterals;

class TestLesson : public QObject
{
    Q_OBJECT

    QTemporaryDir m_files;

    QStringList sources() const { return {m_files.path()}; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        QFile f(m_files.filePath(QStringLiteral("hello.c")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("int hello(void) { return 42; }\n");
    }

    void readsAComplete()
    {
        const QString text = QStringLiteral("# Hello\n"
                                            "Intro **text**.\n"
                                            "\n"
                                            "## Copy\n"
                                            "Step one.\n"
                                            "```step\n"
                                            "copy: hello.c\n"
                                            "expect: file hello.c\n"
                                            "```\n"
                                            "## Compile\n"
                                            "```c\n"
                                            "## not a heading inside a code block\n"
                                            "```\n"
                                            "```step\n"
                                            "run: gcc -c hello.c -o 'my hello.o'\n"
                                            "expect: exit 0\n"
                                            "```\n"
                                            "## Look\n"
                                            "```step\n"
                                            "inspect: hello.o\n"
                                            "show: symbols\n"
                                            "expect: symbol hello\n"
                                            "```\n"
                                            "## Load\n"
                                            "```step\n"
                                            "dlopen: libhello.so\n"
                                            "flags: now global\n"
                                            "call: int hello(void)\n"
                                            "linkmap: yes\n"
                                            "close: yes\n"
                                            "expect: result 42\n"
                                            "```\n");
        auto lesson = parseLesson(text, QStringLiteral("hello.md"), sources());
        QVERIFY2(lesson, qPrintable(lesson.reason()));
        QCOMPARE(lesson->title, QStringLiteral("Hello"));
        QCOMPARE(lesson->intro, QStringLiteral("Intro **text**."));
        QCOMPARE(lesson->steps.size(), 4);
        QCOMPARE(lesson->steps[0].kind, LessonStepKind::Copy);
        QCOMPARE(lesson->steps[0].text, QStringLiteral("Step one."));
        QCOMPARE(lesson->steps[1].kind, LessonStepKind::Run);
        QCOMPARE(lesson->steps[1].words, (QStringList {u"gcc"_s, u"-c"_s, u"hello.c"_s, u"-o"_s, u"my hello.o"_s}));
        QVERIFY(lesson->steps[1].text.contains(QStringLiteral("## not a heading")));
        QCOMPARE(lesson->steps[1].line, 10);
        QCOMPARE(lesson->steps[1].expects.first().line, 16);
        QCOMPARE(lesson->steps[2].show, QStringLiteral("symbols"));
        QCOMPARE(lesson->steps[3].flags, (QStringList {u"now"_s, u"global"_s}));
        QVERIFY(lesson->steps[3].close && lesson->steps[3].linkmap);
        QCOMPARE(lesson->steps[3].expects.first().text(), QStringLiteral("the call returns 42"));
    }

    void errorsNameTheLine_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("error");
        // The step block starts at line 4 of "# T\n\n## S\n```step\n" + step + "```\n": its first key is line 5.
        QTest::newRow("unknown step kind")
            << u"complie: gcc -c x.c\n"_s << u"bad.md:5: unknown step kind \"complie\""_s;
        QTest::newRow("missing file") << u"copy: hello.c nosuch.c\n"_s << u"bad.md:5: missing file: \"nosuch.c\""_s;
        QTest::newRow("command not allowed")
            << u"run: rm -rf x\n"_s << u"bad.md:5: bad command: \"rm\" is not a command"_s;
        QTest::newRow("unclosed quote") << u"run: gcc -c 'x.c\n"_s << u"bad.md:5: bad command:"_s;
        QTest::newRow("outside the folder")
            << u"run: gcc -c /etc/passwd\n"_s << u"bad.md:5: bad command: \"/etc/passwd\" is outside"_s;
        QTest::newRow("empty command") << u"run:\n"_s << u"bad.md:5: run: says what"_s;
        QTest::newRow("unknown expectation")
            << u"run: gcc -c hello.c\nexpect: works\n"_s << u"bad.md:6: unknown expectation \"works\""_s;
        QTest::newRow("exit not a number")
            << u"run: gcc -c hello.c\nexpect: exit zero\n"_s << u"bad.md:6: expect exit:"_s;
        QTest::newRow("two actions") << u"run: gcc -c hello.c\ncopy: hello.c\n"_s
                                     << u"bad.md:6: a step does one thing"_s;
        QTest::newRow("unknown view") << u"inspect: x.o\nshow: pictures\n"_s << u"bad.md:5: show: \"pictures\""_s;
        QTest::newRow("bad flag") << u"dlopen: x.so\nflags: later\n"_s << u"bad.md:6: unknown dlopen flag \"later\""_s;
        QTest::newRow("program not made here") << u"program: /bin/ls\n"_s << u"bad.md:5: program: \"/bin/ls\""_s;
        QTest::newRow("no key") << u"gcc -c hello.c\n"_s
                                << u"bad.md:5: \"gcc -c hello.c\" is not a \"key: value\" line"_s;
        QTest::newRow("nothing to do") << u"expect: exit 0\n"_s << u"bad.md:4: the step block says nothing to do"_s;
        QTest::newRow("env on a command")
            << u"run: gcc -c hello.c\nenv: CC=clang\n"_s << u"bad.md:5: env: belongs to program"_s;
        QTest::newRow("call outside dlopen")
            << u"run: gcc -c hello.c\ncall: int f(void)\n"_s << u"bad.md:5: call:, flags: and close: belong"_s;
    }

    void errorsNameTheLine()
    {
        QFETCH(QString, step);
        QFETCH(QString, error);
        const QString text = QStringLiteral("# T\n\n## S\n```step\n") + step + QStringLiteral("```\n");
        auto lesson = parseLesson(text, QStringLiteral("bad.md"), sources());
        QVERIFY(!lesson);
        QVERIFY2(lesson.reason().startsWith(error), qPrintable(lesson.reason()));
    }

    void structuralErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("no title") << u"## S\n```step\nrun: gcc -c hello.c\n```\n"_s
                                  << u"bad.md:1: the lesson has no \"# Title\""_s;
        QTest::newRow("no steps") << u"# T\ntext\n"_s << u"bad.md:1: the lesson has no steps"_s;
        QTest::newRow("step without block") << u"# T\n## A\ntext\n## B\n```step\nrun: gcc -c hello.c\n```\n"_s
                                            << u"bad.md:2: step \"A\" has no ```step block"_s;
        QTest::newRow("unclosed block") << u"# T\n## A\n```step\nrun: gcc -c hello.c\n"_s
                                        << u"bad.md:3: the step block is not closed"_s;
        QTest::newRow("block before a step")
            << u"# T\n```step\nrun: gcc\n```\n"_s << u"bad.md:2: a step block before"_s;
        QTest::newRow("two blocks")
            << u"# T\n## A\n```step\nrun: gcc -c hello.c\n```\n```step\nrun: gcc -c hello.c\n```\n"_s
            << u"bad.md:6: a second step block"_s;
    }

    void structuralErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        auto lesson = parseLesson(text, QStringLiteral("bad.md"), sources());
        QVERIFY(!lesson);
        QVERIFY2(lesson.reason().startsWith(error), qPrintable(lesson.reason()));
    }

    void fileErrors()
    {
        auto dir = readLesson(m_files.path(), sources());
        QVERIFY(!dir);
        QVERIFY(dir.reason().contains(QStringLiteral("a folder")));
        auto missing = readLesson(m_files.filePath(QStringLiteral("nosuch.md")), sources());
        QVERIFY(!missing);
        QVERIFY(missing.reason().contains(QStringLiteral("nosuch.md")));
    }

    // The complete example of README's "Lessons: the format" is a valid lesson.
    void readmeExampleReads()
    {
        QFile readme(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const qsizetype begin = text.indexOf(QStringLiteral("````markdown\n"));
        QVERIFY(begin >= 0);
        const qsizetype end = text.indexOf(QStringLiteral("````\n"), begin + 12);
        QVERIFY(end > begin);
        auto lesson = parseLesson(
            text.mid(begin + 12, end - begin - 12), QStringLiteral("README.md"), lessonSourceDirs(lessonsFolder()));
        QVERIFY2(lesson, qPrintable(lesson.reason()));
        QCOMPARE(lesson->steps.size(), 4);
        QCOMPARE(lesson->steps.last().kind, LessonStepKind::Dlopen);
    }

    // Every bundled lesson reads, and each has the steps the issue asks for.
    void bundledLessonsAreValid()
    {
        const QString dir = lessonsFolder();
        QVERIFY2(!dir.isEmpty(), "no lessons folder");
        auto lessons = readLessons(dir);
        QVERIFY2(lessons, qPrintable(lessons.reason()));
        QCOMPARE(lessons->size(), 6);
        for (const Lesson &lesson : *lessons) {
            QVERIFY(!lesson.steps.isEmpty());
            for (const LessonStep &step : lesson.steps)
                QVERIFY2(!step.expects.isEmpty() || !step.produces.isEmpty(),
                    qPrintable(lesson.id + QStringLiteral(": step without an expectation: ") + step.title));
        }
    }
};

QTEST_GUILESS_MAIN(TestLesson)
#include "tst_lesson.moc"
