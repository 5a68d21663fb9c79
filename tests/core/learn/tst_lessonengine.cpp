// SPDX-License-Identifier: MIT
// Every bundled lesson run start to finish through the engine, for real (gcc, ar, cmake, the programs, the
// loader, linklab-runner) in a temporary working folder: every step runs and every expectation holds. Then what
// the engine promises around that: a copy keeps a student's edit, a re-run compiles the changed source, a failed
// expectation is put in words, the pipeline fills in, the handout holds the commands and outputs.
#include "fixturepaths.h"

#include "learn/handout.h"
#include "learn/lessonengine.h"
#include "learn/pipeline.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;

class TestLessonEngine : public QObject
{
    Q_OBJECT

    static StepOutcome runAndWait(LessonEngine &engine, int index)
    {
        QSignalSpy done(&engine, &LessonEngine::stepFinished);
        if (!engine.runStep(index) || !done.wait(120000))
            return {};
        return done.first().first().value<StepOutcome>();
    }

    static QString describe(const StepOutcome &o)
    {
        QStringList lines {QStringLiteral("$ ") + o.command, o.output, o.error};
        for (const CheckResult &c : o.checks)
            if (!c.met)
                lines << c.words;
        return lines.join(u'\n');
    }

    QList<Lesson> m_lessons;
    QStringList m_sources;

private slots:
    void initTestCase()
    {
        qputenv("LINKLAB_RUNNER", LINKLAB_RUNNER);
        auto lessons = readLessons(lessonsFolder());
        QVERIFY2(lessons, qPrintable(lessons.reason()));
        m_lessons = *lessons;
        m_sources = lessonSourceDirs(lessonsFolder());
    }

    void everyLessonRuns_data()
    {
        QTest::addColumn<int>("lesson");
        for (int i = 0; i < m_lessons.size(); ++i)
            QTest::newRow(qPrintable(m_lessons[i].id)) << i;
    }

    void everyLessonRuns()
    {
        QFETCH(int, lesson);
        QTemporaryDir work;
        LessonEngine engine;
        engine.setLesson(m_lessons[lesson], work.path(), m_sources);
        for (int i = 0; i < m_lessons[lesson].steps.size(); ++i) {
            const StepOutcome o = runAndWait(engine, i);
            QVERIFY2(o.ran, qPrintable(m_lessons[lesson].steps[i].title));
            QVERIFY2(!o.command.isEmpty(), qPrintable(m_lessons[lesson].steps[i].title));
            QVERIFY2(o.passed(), qPrintable(m_lessons[lesson].steps[i].title + u'\n' + describe(o)));
        }
        // The pipeline holds every file the commands made that is still there.
        const Pipeline pipeline = buildPipeline(engine.outcomes(), work.path());
        QVERIFY(!pipeline.nodes.isEmpty());
        for (const PipelineNode &n : pipeline.nodes)
            QVERIFY2(QFile::exists(n.path), qPrintable(n.path));
        const QString handout = handoutMarkdown(engine.lesson(), engine.outcomes(), QStringLiteral("pipeline.png"));
        QVERIFY(handout.contains(QStringLiteral("# ") + m_lessons[lesson].title));
        QVERIFY(handout.contains(engine.outcomes().last().command));
        QVERIFY(!handout.contains(QStringLiteral("✗")));
    }

    // The commands ran for real: the library of lesson 3 is what nm -D says it is.
    void commandsAreReal()
    {
        QTemporaryDir work;
        LessonEngine engine;
        const Lesson &shared = m_lessons[2];
        engine.setLesson(shared, work.path(), m_sources);
        for (int i = 0; i < 4; ++i)
            QVERIFY(runAndWait(engine, i).passed());
        QProcess nm;
        nm.start(QStringLiteral("nm"), {QStringLiteral("-D"), work.filePath(QStringLiteral("libstrmath.so"))});
        QVERIFY(nm.waitForFinished());
        const StepOutcome view = engine.outcomes()[3];
        QCOMPARE(view.output, QString::fromUtf8(nm.readAllStandardOutput()));
        // The pipeline: two sources -> two objects -> the library, edges labelled with the commands.
        const Pipeline p = buildPipeline(engine.outcomes(), work.path());
        const int lib = p.indexOf(QStringLiteral("libstrmath.so"));
        QVERIFY(lib >= 0);
        QCOMPARE(p.nodes[lib].kind, PipelineKind::SharedLibrary);
        int into = 0;
        for (const PipelineEdge &e : p.edges)
            if (e.to == lib) {
                ++into;
                QCOMPARE(e.command, QStringLiteral("gcc -shared -o libstrmath.so strmath_string.o strmath_math.o -lm"));
            }
        QCOMPARE(into, 2);
        QCOMPARE(p.nodes[p.indexOf(QStringLiteral("strmath_math.o"))].kind, PipelineKind::Object);
    }

    // A call: declaration libclang cannot read is reported in words, nothing is called, and the library is still
    // opened and closed (the engine moves on).
    void badCallDeclaration()
    {
        const QString text = QStringLiteral(
            "# T\n## Copy\n```step\ncopy: base.c\nexpect: file base.c\n```\n"
            "## Build\n```step\nrun: gcc -shared -fPIC -o libbase.so base.c\nexpect: exit 0\n```\n"
            "## Call\n```step\ndlopen: libbase.so\ncall: int base_value(int\nexpect: result 41\n```\n");
        auto lesson = parseLesson(text, QStringLiteral("t.md"), m_sources);
        QVERIFY2(lesson, qPrintable(lesson.reason()));
        QTemporaryDir work;
        LessonEngine engine;
        engine.setLesson(*lesson, work.path(), m_sources);
        QVERIFY(runAndWait(engine, 0).passed());
        QVERIFY(runAndWait(engine, 1).passed());
        const StepOutcome call = runAndWait(engine, 2);
        QVERIFY(call.ran);
        QVERIFY(call.opened);
        QVERIFY2(call.output.contains(QStringLiteral("cannot read the declaration \"int base_value(int\"")),
            qPrintable(call.output));
        QCOMPARE(call.failedChecks(), 1);
    }

    // A student edits the copied source; copying again keeps the edit, the compile step compiles it, and a
    // broken source shows the compiler's real error and a failed expectation in words.
    void rerunAfterASourceChange()
    {
        QTemporaryDir work;
        LessonEngine engine;
        const Lesson &objects = m_lessons[0];
        engine.setLesson(objects, work.path(), m_sources);
        QVERIFY(runAndWait(engine, 0).passed());
        QVERIFY(runAndWait(engine, 1).passed());
        QFile source(work.filePath(QStringLiteral("strmath_string.c")));
        QVERIFY(source.open(QIODevice::Append));
        source.write("int sm_added_by_student(void) { return 7; }\n");
        source.close();
        const StepOutcome copy = runAndWait(engine, 0);
        QVERIFY(copy.output.contains(QStringLiteral("your version is kept")));
        QVERIFY(runAndWait(engine, 1).passed());
        QVERIFY(runAndWait(engine, 2).output.contains(QStringLiteral("T sm_added_by_student")));

        QVERIFY(source.open(QIODevice::Append));
        source.write("this is not C\n");
        source.close();
        const StepOutcome broken = runAndWait(engine, 1);
        QVERIFY(broken.ran);
        QVERIFY(!broken.passed());
        QVERIFY(broken.exitCode != 0);
        QVERIFY2(broken.output.contains(QStringLiteral("error")), qPrintable(broken.output));
        QCOMPARE(broken.failedChecks(), 2); // exit 0, and the object it produces
        QVERIFY2(broken.checks.first().words.startsWith(
                     QStringLiteral("Expected: exits with status 0 — but it exited with status 1")),
            qPrintable(broken.checks.first().words));

        // Opened again (the app restarted), the folder's progress comes back: marks, outputs, the pipeline.
        {
            LessonEngine later;
            later.setLesson(objects, work.path(), m_sources);
            QVERIFY(later.outcomes()[0].ran && later.outcomes()[0].passed());
            QCOMPARE(later.outcomes()[1].output, broken.output);
            QCOMPARE(later.outcomes()[1].failedChecks(), 2);
            QCOMPARE(later.outcomes()[2].output, engine.outcomes()[2].output);
            QVERIFY(!later.outcomes()[3].ran);
        }

        engine.resetWorkDir();
        QVERIFY(!QFile::exists(work.filePath(QStringLiteral("strmath_string.c"))));
        QVERIFY(!engine.outcomes().first().ran);
    }
};

QTEST_GUILESS_MAIN(TestLessonEngine)
#include "tst_lessonengine.moc"
