// SPDX-License-Identifier: MIT
#include "learn/lesson.h"

#include "builder/exampleproject.h"
#include "builder/shellwords.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

namespace linklab {

namespace {

const QStringList ActionKeys = {QStringLiteral("copy"), QStringLiteral("run"), QStringLiteral("program"),
    QStringLiteral("inspect"), QStringLiteral("deps"), QStringLiteral("dlopen"), QStringLiteral("compare")};
const QStringList AttributeKeys = {QStringLiteral("env"), QStringLiteral("show"), QStringLiteral("flags"),
    QStringLiteral("call"), QStringLiteral("args"), QStringLiteral("close"), QStringLiteral("linkmap"),
    QStringLiteral("produces"), QStringLiteral("expect")};
// The programs a run: step may start: the toolchain the course uses, nothing that could touch other files.
const QStringList Commands
    = {QStringLiteral("gcc"), QStringLiteral("cc"), QStringLiteral("ar"), QStringLiteral("cmake")};
// Expectation kinds, and whether they take a value.
const QHash<QString, bool> ExpectKinds = {{QStringLiteral("exit"), true}, {QStringLiteral("file"), true},
    {QStringLiteral("no-file"), true}, {QStringLiteral("symbol"), true}, {QStringLiteral("undefined"), true},
    {QStringLiteral("no-symbol"), true}, {QStringLiteral("needed"), true}, {QStringLiteral("output"), true},
    {QStringLiteral("no-output"), true}, {QStringLiteral("found"), true}, {QStringLiteral("missing"), true},
    {QStringLiteral("result"), true}, {QStringLiteral("error"), true}, {QStringLiteral("loaded"), true},
    {QStringLiteral("unloaded"), true}, {QStringLiteral("opened"), false}};
const QHash<LessonStepKind, QStringList> Shows = {
    {LessonStepKind::Inspect,
        {QStringLiteral("symbols"), QStringLiteral("dynamic-symbols"), QStringLiteral("undefined"),
            QStringLiteral("relocations"), QStringLiteral("dynamic"), QStringLiteral("members"),
            QStringLiteral("plt")}},
    {LessonStepKind::Deps, {QStringLiteral("tree"), QStringLiteral("bindings")}},
};

// A file name inside the working folder: relative, never leaving it.
bool isLocalName(const QString &name)
{
    if (name.isEmpty() || QDir::isAbsolutePath(name))
        return false;
    const QString clean = QDir::cleanPath(name);
    return clean != QLatin1String("..") && !clean.startsWith(QLatin1String("../"));
}

class Parser
{
public:
    Parser(QString fileName, QStringList sourceDirs)
        : m_file(std::move(fileName))
        , m_sourceDirs(std::move(sourceDirs))
    {
    }

    Result<Lesson> parse(const QString &text)
    {
        const QStringList lines = text.split(u'\n');
        Lesson lesson;
        LessonStep *step = nullptr;
        bool inBlock = false, inFence = false, stepHasBlock = false;
        QString *prose = &lesson.intro;
        for (int i = 0; i < lines.size(); ++i) {
            const int n = i + 1;
            const QString line = lines[i].endsWith(u'\r') ? lines[i].chopped(1) : lines[i];
            const QString trimmed = line.trimmed();
            if (inBlock) {
                if (trimmed.startsWith(QLatin1String("```"))) {
                    inBlock = false;
                    if (auto c = finishStep(*step); !c)
                        return Failure {c.reason()};
                    continue;
                }
                if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
                    continue;
                if (auto c = readKey(*step, trimmed, n); !c)
                    return Failure {c.reason()};
                continue;
            }
            if (trimmed.startsWith(QLatin1String("```"))) {
                const QString info = trimmed.mid(3).trimmed();
                if (!inFence && info == QLatin1String("step")) {
                    if (!step)
                        return error(n, QStringLiteral("a step block before the first \"## \" step heading"));
                    if (stepHasBlock)
                        return error(
                            n, QStringLiteral("a second step block in step \"%1\" (one per step)").arg(step->title));
                    inBlock = stepHasBlock = true;
                    m_blockLine = n;
                    continue;
                }
                inFence = !inFence;
            }
            if (!inFence && line.startsWith(QLatin1String("# ")) && lesson.title.isEmpty() && !step) {
                lesson.title = line.mid(2).trimmed();
                continue;
            }
            if (!inFence && line.startsWith(QLatin1String("## "))) {
                if (step && !stepHasBlock)
                    return error(step->line, QStringLiteral("step \"%1\" has no ```step block").arg(step->title));
                lesson.steps.append(LessonStep {});
                step = &lesson.steps.last();
                step->title = line.mid(3).trimmed();
                step->line = n;
                stepHasBlock = false;
                m_action.clear();
                prose = &step->text;
                continue;
            }
            prose->append(line + u'\n');
        }
        if (inBlock)
            return error(m_blockLine, QStringLiteral("the step block is not closed with ```"));
        if (step && !stepHasBlock)
            return error(step->line, QStringLiteral("step \"%1\" has no ```step block").arg(step->title));
        if (lesson.title.isEmpty())
            return error(1, QStringLiteral("the lesson has no \"# Title\" line"));
        if (lesson.steps.isEmpty())
            return error(1, QStringLiteral("the lesson has no steps (\"## Step title\" and a ```step block)"));
        lesson.intro = lesson.intro.trimmed();
        for (LessonStep &s : lesson.steps)
            s.text = s.text.trimmed();
        return lesson;
    }

private:
    Failure error(int line, const QString &message) const
    {
        return Failure {QStringLiteral("%1:%2: %3").arg(m_file).arg(line).arg(message)};
    }

    Check readKey(LessonStep &step, const QString &line, int n)
    {
        const int colon = line.indexOf(u':');
        const QString key = (colon < 0 ? line : line.left(colon)).trimmed();
        const QString value = colon < 0 ? QString() : line.mid(colon + 1).trimmed();
        if (colon < 0)
            return error(n, QStringLiteral("\"%1\" is not a \"key: value\" line").arg(line));
        if (ActionKeys.contains(key)) {
            if (!m_action.isEmpty())
                return error(n, QStringLiteral("a step does one thing: \"%1\" after \"%2\"").arg(key, m_action));
            m_action = key;
            m_actionLine = n;
            step.kind = LessonStepKind(ActionKeys.indexOf(key));
            step.action = value;
            auto words = splitShellWords(value);
            if (!words)
                return error(n, QStringLiteral("bad command: %1").arg(words.reason()));
            step.words = *words;
            return checkAction(step, n);
        }
        if (!AttributeKeys.contains(key))
            return error(n,
                QStringLiteral("unknown step kind \"%1\" (actions: %2; details: %3)")
                    .arg(key, ActionKeys.join(QStringLiteral(", ")), AttributeKeys.join(QStringLiteral(", "))));
        if (key == QLatin1String("env")) {
            if (!value.contains(u'=') || value.startsWith(u'='))
                return error(n, QStringLiteral("env: wants NAME=VALUE, not \"%1\"").arg(value));
            step.env.append(value);
        } else if (key == QLatin1String("show")) {
            step.show = value;
        } else if (key == QLatin1String("flags")) {
            step.flags = value.split(QRegularExpression(QStringLiteral("[\\s,|]+")), Qt::SkipEmptyParts);
            for (const QString &f : std::as_const(step.flags))
                if (!QStringList {QStringLiteral("lazy"), QStringLiteral("now"), QStringLiteral("global"),
                        QStringLiteral("local"), QStringLiteral("nodelete"), QStringLiteral("deepbind")}
                         .contains(f))
                    return error(n,
                        QStringLiteral("unknown dlopen flag \"%1\" (lazy, now, global, local, nodelete, deepbind)")
                            .arg(f));
        } else if (key == QLatin1String("call")) {
            step.call = value;
        } else if (key == QLatin1String("args")) {
            step.args.clear();
            for (const QString &a : value.split(u','))
                step.args.append(a.trimmed());
            if (value.trimmed().isEmpty())
                step.args.clear();
        } else if (key == QLatin1String("close") || key == QLatin1String("linkmap")) {
            (key == QLatin1String("close") ? step.close : step.linkmap) = value == QLatin1String("yes");
            if (value != QLatin1String("yes") && value != QLatin1String("no"))
                return error(n, QStringLiteral("%1: yes or no, not \"%2\"").arg(key, value));
        } else if (key == QLatin1String("produces")) {
            const QStringList files = value.split(u' ', Qt::SkipEmptyParts);
            for (const QString &f : files)
                if (!isLocalName(f))
                    return error(n, QStringLiteral("produces: \"%1\" is not a file in the working folder").arg(f));
            step.produces.append(files);
        } else if (key == QLatin1String("expect")) {
            const QString kind = value.section(u' ', 0, 0);
            const QString rest = value.section(u' ', 1).trimmed();
            if (!ExpectKinds.contains(kind))
                return error(n,
                    QStringLiteral("unknown expectation \"%1\" (%2)")
                        .arg(kind, QStringList(ExpectKinds.keys()).join(QStringLiteral(", "))));
            if (ExpectKinds.value(kind) && rest.isEmpty())
                return error(n, QStringLiteral("expect %1: says what (expect: %1 VALUE)").arg(kind));
            if (kind == QLatin1String("exit") && rest != QLatin1String("nonzero")) {
                bool ok = false;
                rest.toInt(&ok);
                if (!ok)
                    return error(n, QStringLiteral("expect exit: a number or \"nonzero\", not \"%1\"").arg(rest));
            }
            step.expects.append({kind, rest, n});
        }
        return {};
    }

    Check checkAction(const LessonStep &step, int n) const
    {
        const QStringList &w = step.words;
        if (w.isEmpty())
            return error(n, QStringLiteral("%1: says what (nothing after the colon)").arg(m_action));
        switch (step.kind) {
        case LessonStepKind::Copy:
            for (const QString &name : w) {
                if (name.contains(u'/') || name.startsWith(u'.'))
                    return error(n, QStringLiteral("copy: \"%1\" is not a file name of the lesson").arg(name));
                bool found = false;
                for (const QString &dir : m_sourceDirs)
                    found = found || QFileInfo(QDir(dir).filePath(name)).isFile();
                if (!found)
                    return error(n,
                        QStringLiteral("missing file: \"%1\" is in none of %2")
                            .arg(name, m_sourceDirs.join(QStringLiteral(", "))));
            }
            break;
        case LessonStepKind::Run:
            if (!Commands.contains(w.first()))
                return error(n,
                    QStringLiteral("bad command: \"%1\" is not a command lessons run (%2)")
                        .arg(w.first(), Commands.join(QStringLiteral(", "))));
            for (int i = 1; i < w.size(); ++i)
                if (QDir::isAbsolutePath(w[i]) || w[i].startsWith(QLatin1String("../")))
                    return error(
                        n, QStringLiteral("bad command: \"%1\" is outside the lesson's working folder").arg(w[i]));
            break;
        case LessonStepKind::Program:
            if (!w.first().startsWith(QLatin1String("./")) || !isLocalName(w.first()))
                return error(
                    n, QStringLiteral("program: \"%1\" must be a program the lesson made (./name)").arg(w.first()));
            break;
        case LessonStepKind::Inspect:
        case LessonStepKind::Deps:
        case LessonStepKind::Dlopen:
        case LessonStepKind::Compare:
            for (const QString &name : w)
                if (!isLocalName(name))
                    return error(
                        n, QStringLiteral("%1: \"%2\" is not a file in the working folder").arg(m_action, name));
            if (step.kind == LessonStepKind::Compare && w.size() != 2)
                return error(n, QStringLiteral("compare: names two files"));
            if ((step.kind == LessonStepKind::Inspect || step.kind == LessonStepKind::Deps) && w.size() != 1)
                return error(n, QStringLiteral("%1: names one file").arg(m_action));
            break;
        }
        return {};
    }

    Check finishStep(LessonStep &step) const
    {
        if (m_action.isEmpty())
            return error(m_blockLine,
                QStringLiteral("the step block says nothing to do (one of %1)")
                    .arg(ActionKeys.join(QStringLiteral(", "))));
        if (Shows.contains(step.kind)) {
            if (step.show.isEmpty())
                step.show = Shows.value(step.kind).first();
            if (!Shows.value(step.kind).contains(step.show))
                return error(m_actionLine,
                    QStringLiteral("show: \"%1\" is not a view of %2 (%3)")
                        .arg(step.show, m_action, Shows.value(step.kind).join(QStringLiteral(", "))));
        }
        if (!step.env.isEmpty()
            && (step.kind == LessonStepKind::Copy || step.kind == LessonStepKind::Run
                || step.kind == LessonStepKind::Inspect))
            return error(m_actionLine,
                QStringLiteral("env: belongs to program, deps, dlopen and compare steps (a %1 step runs without it)")
                    .arg(m_action));
        if (step.kind != LessonStepKind::Dlopen && (!step.call.isEmpty() || !step.flags.isEmpty() || step.close))
            return error(m_actionLine, QStringLiteral("call:, flags: and close: belong to a dlopen: step"));
        if (!step.args.isEmpty() && step.call.isEmpty())
            return error(m_actionLine, QStringLiteral("args: without call:"));
        return {};
    }

    QString m_file;
    QStringList m_sourceDirs;
    QString m_action;
    int m_actionLine = 0;
    int m_blockLine = 0;
};

} // namespace

QString lessonStepKindKey(LessonStepKind kind)
{
    return ActionKeys.value(int(kind));
}

QString Expectation::text() const
{
    if (kind == QLatin1String("exit"))
        return value == QLatin1String("nonzero") ? QStringLiteral("the command fails (exit status not 0)")
                                                 : QStringLiteral("exits with status %1").arg(value);
    static const QHash<QString, QString> words = {{QStringLiteral("file"), QStringLiteral("makes the file %1")},
        {QStringLiteral("no-file"), QStringLiteral("does not make %1")},
        {QStringLiteral("symbol"), QStringLiteral("%1 is defined")},
        {QStringLiteral("undefined"), QStringLiteral("%1 is undefined (needed from elsewhere)")},
        {QStringLiteral("no-symbol"), QStringLiteral("%1 is not there")},
        {QStringLiteral("needed"), QStringLiteral("NEEDED lists %1")},
        {QStringLiteral("output"), QStringLiteral("the output says \"%1\"")},
        {QStringLiteral("no-output"), QStringLiteral("the output does not say \"%1\"")},
        {QStringLiteral("found"), QStringLiteral("the loader finds %1")},
        {QStringLiteral("missing"), QStringLiteral("the loader cannot find %1")},
        {QStringLiteral("result"), QStringLiteral("the call returns %1")},
        {QStringLiteral("error"), QStringLiteral("it fails with \"%1\"")},
        {QStringLiteral("loaded"), QStringLiteral("%1 is in the link map")},
        {QStringLiteral("unloaded"), QStringLiteral("%1 has left the link map after dlclose")},
        {QStringLiteral("opened"), QStringLiteral("dlopen succeeds")}};
    const QString text = words.value(kind, kind + QStringLiteral(" %1"));
    return text.contains(QLatin1String("%1")) ? text.arg(value) : text;
}

Result<Lesson> parseLesson(const QString &text, const QString &fileName, const QStringList &sourceDirs)
{
    return Parser(fileName, sourceDirs).parse(text);
}

Result<Lesson> readLesson(const QString &path, const QStringList &sourceDirs)
{
    QFile file(path);
    if (QFileInfo(path).isDir())
        return Failure {QStringLiteral("%1: a folder, not a lesson file").arg(path)};
    if (!file.open(QIODevice::ReadOnly))
        return Failure {QStringLiteral("%1: %2").arg(path, file.errorString())};
    auto lesson = parseLesson(QString::fromUtf8(file.read(4 << 20)), QFileInfo(path).fileName(), sourceDirs);
    if (lesson) {
        lesson->id = QFileInfo(path).completeBaseName();
        lesson->path = QFileInfo(path).absoluteFilePath();
    }
    return lesson;
}

QString lessonsFolder()
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("LINKLAB_LESSONS_DIR");
    if (!env.isEmpty())
        dirs.append(env);
    dirs.append(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/linklab/lessons")));
#ifdef LINKLAB_SOURCE_LESSONS
    dirs.append(QStringLiteral(LINKLAB_SOURCE_LESSONS));
#endif
    for (const QString &dir : std::as_const(dirs))
        if (QFileInfo(QDir(dir).filePath(QStringLiteral("files"))).isDir())
            return QDir::cleanPath(dir);
    return {};
}

QStringList lessonSourceDirs(const QString &lessonsDir)
{
    QStringList dirs {QDir(lessonsDir).filePath(QStringLiteral("files"))};
    if (const auto example = ExampleProject::find())
        dirs.append(example->folder);
    return dirs;
}

Result<QList<Lesson>> readLessons(const QString &dir)
{
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return Failure {QStringLiteral("no lessons folder (set LINKLAB_LESSONS_DIR)")};
    const QStringList sources = lessonSourceDirs(dir);
    QList<Lesson> lessons;
    const QStringList names = QDir(dir).entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        if (name == QLatin1String("README.md"))
            continue;
        auto lesson = readLesson(QDir(dir).filePath(name), sources);
        if (!lesson)
            return lesson.failure();
        lessons.append(*lesson);
    }
    return lessons;
}

} // namespace linklab
