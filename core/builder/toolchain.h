// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

namespace linklab {

// One program the build studio drives (gcc, clang, ar), as found on PATH.
struct Tool {
    QString name; // what the user picks and what commands show: "gcc", "clang", "ar"
    QString path; // absolute path found on PATH; empty when not installed
    QString version; // first line of `--version`, e.g. "gcc (Debian 12.2.0-14) 12.2.0"

    bool found() const { return !path.isEmpty(); }
};

struct Toolchain {
    QList<Tool> compilers; // gcc first (the default), then clang, cc; only those found
    Tool archiver; // ar

    const Tool *compiler(const QString &name) const;
    // The compiler used when the user does not choose one: gcc if present, else the first found.
    QString defaultCompiler() const;
};

// Looks for gcc, clang, cc and ar on PATH and asks each for its version. Runs short child processes and
// blocks for them (a few ms each): call it from a worker thread in the GUI.
Toolchain discoverToolchain();

// The version line of one tool (runs `tool --version`); empty when it does not answer.
QString toolVersion(const QString &path);

} // namespace linklab
