// SPDX-License-Identifier: MIT
// linklab-cli lesson: check a lesson file, or run it start to finish as the Learn room does, printing each command,
// what it printed and whether each expectation held.
#include "cli.h"

#include "learn/handout.h"
#include "learn/lessonengine.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QTemporaryDir>

namespace linklab::cli {

namespace {
// A lesson by path, by id ("03-shared-library") or by number ("3").
Result<Lesson> findLesson(const QString &name)
{
    const QString dir = lessonsFolder();
    if (QFileInfo(name).isFile())
        return readLesson(name, lessonSourceDirs(dir.isEmpty() ? QFileInfo(name).absolutePath() : dir));
    auto lessons = readLessons(dir);
    if (!lessons)
        return lessons.failure();
    for (const Lesson &lesson : *lessons)
        if (lesson.id == name || lesson.id.section(u'-', 0, 0).toInt() == name.toInt())
            return lesson;
    return Failure {QStringLiteral("%1: no such lesson file or bundled lesson").arg(name)};
}
} // namespace

int runLesson(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run LESSON (a lesson file, or a bundled lesson's name or number) step by step, for real, in a working "
        "folder: each command as it ran, its output, and each expectation met or not. Exit status 1 when a step "
        "did not do what it expects. With --check, only read the lesson and report its first error (with its "
        "line). --list lists the bundled lessons."));
    parser.addPositionalArgument(QStringLiteral("LESSON"), QStringLiteral("A lesson .md file, name or number."));
    const QCommandLineOption check(QStringLiteral("check"), QStringLiteral("Only read and validate the lesson."));
    const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("List the bundled lessons."));
    const QCommandLineOption workdir(QStringLiteral("workdir"),
        QStringLiteral("The working folder (default: a temporary folder, removed afterwards)."), QStringLiteral("DIR"));
    const QCommandLineOption handout(QStringLiteral("handout"),
        QStringLiteral("Also write the lesson as a Markdown handout with the outputs of this run."),
        QStringLiteral("FILE"));
    parser.addOptions({check, list, workdir, handout});
    if (auto stop = parseCommand(parser, args, false))
        return *stop;
    if (parser.isSet(list)) {
        auto lessons = readLessons(lessonsFolder());
        if (!lessons) {
            writeErr(lessons.reason());
            return FileError;
        }
        for (const Lesson &lesson : *lessons)
            writeOut(
                QStringLiteral("%1  %2 (%3 steps)\n").arg(lesson.id, lesson.title).arg(lesson.steps.size()).toUtf8());
        return Ok;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("lesson takes one LESSON"));
    auto lesson = findLesson(parser.positionalArguments().constFirst());
    if (!lesson) {
        writeErr(lesson.reason());
        return FileError;
    }
    if (parser.isSet(check)) {
        writeOut(QStringLiteral("%1: %2 steps, valid\n").arg(lesson->title).arg(lesson->steps.size()).toUtf8());
        return Ok;
    }
    QTemporaryDir temporary;
    const QString dir = parser.isSet(workdir) ? parser.value(workdir) : temporary.path();
    LessonEngine engine;
    engine.setLesson(*lesson, dir, lessonSourceDirs(lessonsFolder()));
    InterruptWatch watch;
    QEventLoop loop;
    watch.stop = [&loop] { loop.exit(Interrupted); };
    int failed = 0;
    QObject::connect(&engine, &LessonEngine::stepFinished, &loop, [&](const StepOutcome &o) {
        const LessonStep &step = lesson->steps[o.index];
        QString text = QStringLiteral("== %1. %2\n$ %3\n%4").arg(o.index + 1).arg(step.title, o.command, o.output);
        if (!o.error.isEmpty() && !o.output.contains(o.error.trimmed()))
            text += o.error.trimmed() + u'\n';
        for (const CheckResult &c : o.checks)
            text += (c.met ? QStringLiteral("  ok: ") : QStringLiteral("  NOT MET: ")) + c.words + u'\n';
        writeOut(text.toUtf8());
        failed += o.passed() ? 0 : 1;
        if (o.index + 1 < lesson->steps.size())
            engine.runStep(o.index + 1);
        else
            loop.exit(Ok);
    });
    engine.runStep(0);
    const int status = loop.exec();
    if (status == Interrupted)
        return Interrupted;
    if (parser.isSet(handout) && !writeTextFile(parser.value(handout), handoutMarkdown(*lesson, engine.outcomes(), {})))
        return FileError;
    writeOut(QStringLiteral("%1 of %2 steps as expected\n")
                 .arg(lesson->steps.size() - failed)
                 .arg(lesson->steps.size())
                 .toUtf8());
    return failed ? FileError : Ok;
}

} // namespace linklab::cli
