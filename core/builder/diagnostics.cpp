// SPDX-License-Identifier: MIT
#include "builder/diagnostics.h"

#include <QRegularExpression>

namespace linklab {

namespace {

// gcc and clang: "file:line:column: severity: message"; the column is absent with -fno-show-column.
const QRegularExpression &compilerLine()
{
    static const QRegularExpression re(
        QStringLiteral("^(.+?):(\\d+):(?:(\\d+):)? (fatal error|error|warning|note): (.*)$"));
    return re;
}

// A driver or compiler proper speaking for itself: "cc1: fatal error: x.c: No such file or directory",
// "gcc: error: unrecognized command-line option '-Wfoo'".
const QRegularExpression &toolLine()
{
    static const QRegularExpression re(
        QStringLiteral("^([A-Za-z0-9_+.-]*(?:cc1|gcc|clang|cc|collect2|g\\+\\+)[A-Za-z0-9_+.-]*): "
                       "(fatal error|error|warning|note): (.*)$"));
    return re;
}

// The linker: "/usr/bin/ld: cannot find -lx: No such file or directory", "/usr/bin/ld: warning: ...".
const QRegularExpression &linkerLine()
{
    static const QRegularExpression re(QStringLiteral("^(?:\\S*/)?ld(?:\\.bfd|\\.gold|\\.lld|\\.mold)?: (.*)$"));
    return re;
}

// What the linker says about a place in an object: "main.c:(.text+0x9): undefined reference to `f'"
// without debug info, "/src/main.c:5: undefined reference to `f'" with it.
const QRegularExpression &linkerPlace()
{
    static const QRegularExpression re(QStringLiteral("^(.+?):(?:\\((\\.[^)]*)\\)|(\\d+)): (.*)$"));
    return re;
}

bool restatesFailure(const QString &message)
{
    // The driver's closing words after the linker already said what went wrong.
    return message.startsWith(QStringLiteral("ld returned "))
        || message.startsWith(QStringLiteral("linker command failed"));
}

} // namespace

QList<Diagnostic> parseDiagnostics(const QString &output)
{
    QList<Diagnostic> out;
    const QStringList lines = output.split(u'\n');
    for (QString line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.isEmpty() || line.front().isSpace())
            continue; // source excerpts, carets, fix-it hints
        if (const auto m = toolLine().match(line); m.hasMatch()) {
            if (!restatesFailure(m.captured(3)))
                out.append({m.captured(1), 0, 0, m.captured(2), m.captured(3)});
            continue;
        }
        if (const auto m = compilerLine().match(line); m.hasMatch()) {
            out.append({m.captured(1), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4), m.captured(5)});
            continue;
        }
        if (const auto m = linkerLine().match(line); m.hasMatch()) {
            const QString message = m.captured(1);
            if (message.endsWith(QStringLiteral("':")) || message.endsWith(QStringLiteral("\":")))
                continue; // "x.o: in function `main':" introduces the next line
            if (message.startsWith(QStringLiteral("warning: ")))
                out.append({QStringLiteral("ld"), 0, 0, QStringLiteral("warning"), message.mid(9)});
            else if (const auto place = linkerPlace().match(message);
                     place.hasMatch() && !message.startsWith(QStringLiteral("cannot find")))
                out.append(
                    {place.captured(1), place.captured(3).toInt(), 0, QStringLiteral("error"), place.captured(4)});
            else
                out.append({QStringLiteral("ld"), 0, 0, QStringLiteral("error"), message});
            continue;
        }
        if (const auto m = linkerPlace().match(line); m.hasMatch()) {
            const QString message = m.captured(4);
            const bool linkerWords = message.contains(QStringLiteral("undefined reference"))
                || message.contains(QStringLiteral("multiple definition"))
                || message.contains(QStringLiteral("relocation "));
            if (linkerWords || !m.captured(2).isEmpty())
                out.append({m.captured(1), m.captured(3).toInt(), 0, QStringLiteral("error"), message});
        }
    }
    return out;
}

} // namespace linklab
