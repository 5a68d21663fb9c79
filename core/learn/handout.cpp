// SPDX-License-Identifier: MIT
#include "learn/handout.h"

#include <QDateTime>
#include <QSysInfo>

namespace linklab {

namespace {
// A fence longer than any run of backticks in `text`, so output holding ``` cannot end the block early.
QString fenceFor(const QString &text)
{
    int longest = 0, run = 0;
    for (const QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max(3, longest + 1), u'`');
}
} // namespace

QString handoutMarkdown(const Lesson &lesson, const QList<StepOutcome> &outcomes, const QString &pictureFile)
{
    QStringList out;
    out << QStringLiteral("# ") + lesson.title << QString();
    out << QStringLiteral("*Run with LinkLab on %1 (%2, %3), %4.*")
               .arg(QSysInfo::machineHostName(), QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture(),
                   QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
        << QString();
    if (!lesson.intro.isEmpty())
        out << lesson.intro << QString();
    if (!pictureFile.isEmpty())
        out << QStringLiteral("![The pipeline as the steps built it](%1)").arg(pictureFile) << QString();
    for (int i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep &step = lesson.steps[i];
        out << QStringLiteral("## %1. %2").arg(i + 1).arg(step.title) << QString() << step.text << QString();
        const StepOutcome o = outcomes.value(i);
        if (!o.ran) {
            out << QStringLiteral("*(not run)*") << QString();
            continue;
        }
        const QString body = QStringLiteral("$ ") + o.command + u'\n' + o.output.trimmed()
            + (o.error.isEmpty() || o.output.contains(o.error.trimmed()) ? QString() : u'\n' + o.error.trimmed());
        const QString fence = fenceFor(body);
        out << fence << body << fence << QString();
        for (const CheckResult &c : o.checks)
            out << QStringLiteral("- %1 %2").arg(c.met ? QStringLiteral("✓") : QStringLiteral("✗"), c.words);
        if (!o.checks.isEmpty())
            out << QString();
    }
    return out.join(u'\n');
}

} // namespace linklab
