// SPDX-License-Identifier: MIT
#include "common/consoleview.h"

#include "builder/buildresult.h"

#include <QDir>
#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>

namespace linklab {

namespace {
QTextCharFormat formatFor(ConsoleView::Style style)
{
    QTextCharFormat f;
    switch (style) {
    case ConsoleView::Style::Output: break;
    case ConsoleView::Style::Command:
        f.setForeground(QColor(0x00, 0x33, 0xb3));
        f.setFontWeight(QFont::Bold);
        break;
    case ConsoleView::Style::Note: f.setForeground(QColor(0x6a, 0x73, 0x7d)); break;
    case ConsoleView::Style::Error: f.setForeground(QColor(0xc0, 0x1c, 0x28)); break;
    case ConsoleView::Style::Success:
        f.setForeground(QColor(0x1a, 0x7f, 0x37));
        f.setFontWeight(QFont::Bold);
        break;
    }
    return f;
}
} // namespace

ConsoleView::ConsoleView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setMaximumBlockCount(MaxLines);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void ConsoleView::write(const QString &text, Style style)
{
    if (text.isEmpty())
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 4;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    // Tools print "\r\n" sometimes; a console of lines shows them as one break.
    QString clean = text;
    clean.remove(u'\r');
    cursor.insertText(clean, formatFor(style));
    if (follow)
        bar->setValue(bar->maximum());
}

void ConsoleView::writeLine(const QString &text, Style style)
{
    if (!document()->lastBlock().text().isEmpty())
        write(QStringLiteral("\n"));
    write(text.endsWith(u'\n') ? text : text + u'\n', style);
}

void ConsoleView::writeStep(const StepResult &result)
{
    const QString output = result.output.trimmed();
    switch (result.status) {
    case StepStatus::UpToDate:
        // A link or ar step writes x.tmp, which the next step (the rename) turns into x: say it once, for x.
        if (!writesTemporary(result.step))
            writeLine(tr("up to date: %1").arg(QDir(result.step.workingDir).relativeFilePath(result.step.output)),
                Style::Note);
        break;
    case StepStatus::Succeeded:
    case StepStatus::Cancelled:
        if (!output.isEmpty())
            writeLine(output);
        break;
    case StepStatus::Failed:
        if (!output.isEmpty())
            writeLine(output, Style::Error);
        writeLine(result.exitCode >= 0 && result.error.isEmpty()
                ? tr("✗ failed with exit status %1").arg(result.exitCode)
                : tr("✗ failed: %1").arg(result.error),
            Style::Error);
        break;
    case StepStatus::Pending:
    case StepStatus::NotRun: break;
    }
}

} // namespace linklab
