// SPDX-License-Identifier: MIT
// The Learn room as a student uses it, offscreen: pick a lesson, walk its steps with the keyboard (Down, Enter),
// each step runs for real and its result shows; the pipeline picture gains a box per file made; the room
// remembers the lesson and step reached; a source changed in the Source tab is compiled by the next run; the
// handout holds the commands and outputs of this run.
#include "fixturepaths.h"

#include "learn/comparisonview.h"
#include "learn/learnroom.h"
#include "learn/pipelineview.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;

class TestLearnRoom : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;

    // Presses Enter in the step list and waits for the step to finish.
    static StepOutcome enterAndWait(LearnRoom &room)
    {
        QSignalSpy done(room.engine(), &LessonEngine::stepFinished);
        room.stepList()->setFocus();
        QTest::keyClick(room.stepList(), Qt::Key_Return);
        if (!done.wait(120000))
            return {};
        return done.first().first().value<StepOutcome>();
    }

    static int lessonIndex(const LearnRoom &room, const QString &id)
    {
        for (int i = 0; i < room.lessons().size(); ++i)
            if (room.lessons()[i].id == id)
                return i;
        return -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LinkLabTest"));
        QSettings().clear();
        qputenv("LINKLAB_RUNNER", LINKLAB_RUNNER);
        QVERIFY(m_work.isValid());
    }

    void walkALessonWithTheKeyboard()
    {
        LearnRoom room;
        room.resize(1280, 720);
        room.show();
        QVERIFY2(room.loadError().isEmpty(), qPrintable(room.loadError()));
        QCOMPARE(room.lessons().size(), 6);
        // The room never makes the window wider than the others do (the main window's tests size it to 900).
        QVERIFY2(room.minimumSizeHint().width() <= 640, qPrintable(QString::number(room.minimumSizeHint().width())));
        room.setWorkBase(m_work.path());
        const int shared = lessonIndex(room, QStringLiteral("03-shared-library"));
        QVERIFY(shared >= 0);
        room.selectLesson(shared);
        QCOMPARE(room.currentStep(), 0);
        QVERIFY(room.pipelineView()->nodeNames().isEmpty());

        // Copy, compile, link: Enter runs the step, Down moves to the next.
        QVERIFY(enterAndWait(room).passed());
        QVERIFY(room.pipelineView()->nodeNames().contains(QStringLiteral("strmath_math.c")));
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        QCOMPARE(room.currentStep(), 1);
        QVERIFY(enterAndWait(room).passed());
        QVERIFY(room.pipelineView()->nodeNames().contains(QStringLiteral("strmath_math.o")));
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        const StepOutcome link = enterAndWait(room);
        QVERIFY(link.passed());
        QVERIFY(room.pipelineView()->nodeNames().contains(QStringLiteral("libstrmath.so")));
        // The result view shows the command as it ran and each expectation.
        QVERIFY(room.resultText().contains(
            QStringLiteral("$ gcc -shared -o libstrmath.so strmath_string.o strmath_math.o -lm")));
        QVERIFY(room.resultText().contains(QStringLiteral("✓ makes the file libstrmath.so")));
        QVERIFY(room.stepList()->item(2)->text().startsWith(QStringLiteral("✓")));
        // Two objects into the library: two arrows, labelled with the link command.
        int arrows = 0;
        const Pipeline &p = room.pipelineView()->pipeline();
        for (const PipelineEdge &e : p.edges)
            arrows += p.nodes[e.to].name == QStringLiteral("libstrmath.so") ? 1 : 0;
        QCOMPARE(arrows, 2);

        // F5 runs the current step too; running a step without the program present says so in words.
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        QCOMPARE(room.currentStep(), 6);
        const StepOutcome inspect = enterAndWait(room);
        QVERIFY(!inspect.passed()); // prog was never linked: the student skipped a step
        QTest::keyClick(room.stepList(), Qt::Key_Up);
        QTest::keyClick(room.stepList(), Qt::Key_Up);
        QTest::keyClick(room.stepList(), Qt::Key_Up);
        QCOMPARE(room.currentStep(), 3);
        QVERIFY(enterAndWait(room).passed()); // nm -D libstrmath.so: "T sm_add" and "U sqrt" are marked
        QCOMPARE(room.highlightCount(), 2);
        // The library looked at goes to the workspace in one click (the Inspector and the Dependencies room).
        QVERIFY(room.openFileButton()->isVisibleTo(&room));
        QSignalSpy open(&room, &Room::openFilesRequested);
        room.openFileButton()->click();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toStringList(),
            QStringList {QDir(room.engine()->workDir()).filePath(QStringLiteral("libstrmath.so"))});
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        QTest::keyClick(room.stepList(), Qt::Key_Down);
        QVERIFY(room.resultText().contains(QStringLiteral("✗ Expected:")));

        // The room remembers where the student was.
        LearnRoom again;
        QCOMPARE(again.currentLesson(), shared);
        QCOMPARE(again.currentStep(), 6);

        // The handout: the commands and outputs of this run, and the pipeline picture beside it.
        const QString handout = m_work.filePath(QStringLiteral("handout.md"));
        QCOMPARE(room.exportHandout(handout), QString());
        QFile file(handout);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QStringLiteral("$ gcc -shared -o libstrmath.so")));
        QVERIFY(text.contains(QStringLiteral("![The pipeline as the steps built it](handout-pipeline.png)")));
        QVERIFY(QFile::exists(m_work.filePath(QStringLiteral("handout-pipeline.png"))));
    }

    // The call of a dlopen: step is a form: the student's arguments are the ones called, and the expectation
    // written for the lesson's own arguments says in words that the result differs.
    void callFromTheForm()
    {
        LearnRoom room;
        room.setWorkBase(m_work.path());
        room.selectLesson(lessonIndex(room, QStringLiteral("04-load-time-vs-run-time")));
        room.selectStep(0);
        QVERIFY(enterAndWait(room).passed());
        room.selectStep(1);
        QVERIFY(enterAndWait(room).passed());
        room.selectStep(7);
        QVERIFY(room.callArguments()->isVisibleTo(&room));
        QCOMPARE(room.callArguments()->text(), QStringLiteral("2, 40"));
        QTest::keyClicks(room.callArguments(), QStringLiteral("0")); // "2, 400"
        QSignalSpy done(room.engine(), &LessonEngine::stepFinished);
        QTest::keyClick(room.callArguments(), Qt::Key_Return);
        QVERIFY(done.wait(60000));
        const StepOutcome call = done.first().first().value<StepOutcome>();
        QVERIFY2(call.output.contains(QStringLiteral("sm_add(2, 400) = 402")), qPrintable(call.output));
        QVERIFY(!call.passed());
        QCOMPARE(room.callArguments()->text(), QStringLiteral("2, 400")); // kept after the run
        room.selectStep(6);
        QVERIFY(!room.callArguments()->isVisibleTo(&room));
    }

    // A compare: step of two programs draws them side by side and brings the picture forward.
    void staticVersusSharedPicture()
    {
        LearnRoom room;
        room.setWorkBase(m_work.path());
        room.selectLesson(lessonIndex(room, QStringLiteral("06-calls-through-the-plt")));
        for (int i = 0; i < 5; ++i) {
            room.selectStep(i);
            QVERIFY(enterAndWait(room).passed());
        }
        QCOMPARE(room.resultTabs()->currentWidget(), room.comparisonView());
        QVERIFY(room.resultTabs()->isTabVisible(2));
        QStringList texts;
        for (QGraphicsItem *item : room.comparisonView()->scene()->items())
            if (auto *t = dynamic_cast<QGraphicsSimpleTextItem *>(item))
                texts << t->text();
        QVERIFY(texts.contains(QStringLiteral("libstrmath.so")));
        QVERIFY(texts.contains(QStringLiteral("library code: 9 function(s)")));
        room.selectStep(0);
        QVERIFY(!room.resultTabs()->isTabVisible(2));
    }

    // A source edited in the Source tab is saved and compiled by the next run of a step.
    void rerunAfterEditingASource()
    {
        LearnRoom room;
        room.setWorkBase(m_work.path());
        room.selectLesson(lessonIndex(room, QStringLiteral("01-object-files")));
        room.selectStep(0);
        QVERIFY(enterAndWait(room).passed());
        QComboBox *sources = nullptr;
        for (QComboBox *b : room.findChildren<QComboBox *>())
            if (b->findText(QStringLiteral("strmath_string.c")) >= 0)
                sources = b;
        QVERIFY(sources);
        sources->setCurrentText(QStringLiteral("strmath_string.c"));
        QPlainTextEdit *editor = nullptr;
        for (QPlainTextEdit *e : room.findChildren<QPlainTextEdit *>())
            if (e->toPlainText().contains(QStringLiteral("sm_strlen")) && !e->isReadOnly())
                editor = e;
        QVERIFY(editor);
        editor->appendPlainText(QStringLiteral("int sm_from_the_editor(void) { return 1; }"));
        room.selectStep(1);
        QVERIFY(enterAndWait(room).passed()); // saved before running
        room.selectStep(2);
        const StepOutcome symbols = enterAndWait(room);
        QVERIFY(symbols.output.contains(QStringLiteral("T sm_from_the_editor")));
    }
};

QTEST_MAIN(TestLearnRoom)
#include "tst_learnroom.moc"
