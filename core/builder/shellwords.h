// SPDX-License-Identifier: MIT
#pragma once

#include "support/result.h"

#include <QString>
#include <QStringList>

namespace linklab {

// Quoting exactly as a POSIX shell takes it back: plain words stay bare, anything else in single quotes.
QString shellQuote(const QString &word);
// The words of an argv as one line a shell runs unchanged (what the console and scripts show).
QString commandLine(const QStringList &argv);

// Splits a free-text flags field as a shell would (quotes, backslashes; no expansion). Fails when a quote is not
// closed.
Result<QStringList> splitShellWords(const QString &text);

} // namespace linklab
