// SPDX-License-Identifier: MIT
#pragma once

// What to do about a linker's "undefined reference to `cos'": which library on this machine defines the symbol and
// the flag that links it ("add -lm"), or, when the build's own library defines it, the -l order rule.

#include "builder/diagnostics.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace linklab {

struct LinkHint {
    QString symbol;
    QString library; // the file name the loader knows: "libm.so.6" (empty for the order rule)
    QString path; // where it is: "/lib/x86_64-linux-gnu/libm.so.6"
    QString flag; // what links it: "-lm"
    bool ownLibrary = false; // the symbol is in the library this build made: the order of -l is the cause
    QString text; // the advice, in a sentence
};

// The symbol an "undefined reference to `cos'" diagnostic names, or an empty string.
QString undefinedSymbolOf(const Diagnostic &diagnostic);

// A hint per undefined symbol among `diagnostics`. `ownLibraries` are the libraries the build made (checked
// first); then the shared libraries of this machine (the ld.so.cache's and the system directories', read once,
// in parallel: about a second, so never on the GUI thread). Symbols nothing defines get no hint.
QHash<QString, LinkHint> linkHints(const QList<Diagnostic> &diagnostics, const QStringList &ownLibraries);

// {"symbol", "library", "path", "flag", "text"} for `linklab-cli build --json`'s diagnostic "hint".
QJsonObject toJson(const LinkHint &hint);

} // namespace linklab
