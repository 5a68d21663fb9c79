// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>

namespace linklab {

struct StepResult;

// The Build room's terminal: every command as "$ gcc …", what it printed, and a summary line. Read-only,
// monospace, bounded (the oldest lines go first), and it follows new output unless the user scrolled up.
class ConsoleView : public QPlainTextEdit
{
    Q_OBJECT
public:
    enum class Style {
        Output, // what a command printed
        Command, // "$ gcc -c …"
        Note, // "up to date: obj/a.o", what LinkLab itself says
        Error, // a failed step, a program's stderr
        Success, // "Built libx.so in 0.8 s"
    };

    static constexpr int MaxLines = 20000;

    explicit ConsoleView(QWidget *parent = nullptr);

    // Text as it arrives (a program's output in chunks): no line break is added.
    void write(const QString &text, Style style = Style::Output);
    // A whole line, starting on a fresh line.
    void writeLine(const QString &text, Style style = Style::Output);
    // How a build step ended: its output, "up to date: obj/a.o", or the failure in red.
    void writeStep(const StepResult &result);
};

} // namespace linklab
