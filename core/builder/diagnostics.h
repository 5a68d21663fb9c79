// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

namespace linklab {

// One message from the compiler or linker, as gcc and clang print it: file:line:column: severity: message.
struct Diagnostic {
    QString file; // as the tool printed it (absolute for sources LinkLab compiles)
    int line = 0; // 1-based; 0 when the message has no line (linker errors)
    int column = 0; // 1-based; 0 when none
    QString severity; // "error", "warning", "note", "fatal error"
    QString message;
    int step = -1; // index of the build step whose output held it

    bool isError() const { return severity == u"error" || severity == u"fatal error"; }
};

// Parses gcc's and clang's text diagnostics and the linker's errors ("undefined reference to 'f'",
// "cannot find -lx") out of a command's output. Lines that are context (source excerpts, carets,
// "In function" headers) are not diagnostics and are skipped.
QList<Diagnostic> parseDiagnostics(const QString &output);

} // namespace linklab
