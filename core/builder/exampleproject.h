// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildplan.h"
#include "support/result.h"

#include <QString>
#include <QStringList>

namespace linklab {

// The bundled example library, described by the example.json manifest beside its files (which file is a library
// source, which the program, the library's name and link flags), wherever this copy of LinkLab finds it:
// $LINKLAB_EXAMPLES_DIR, the installed share folder, then the source tree it was built from.
struct ExampleProject {
    QString folder;
    QString title;
    QString name; // strmath
    LibraryKind kind = LibraryKind::Shared;
    QStringList librarySources; // absolute: strmath_string.c, strmath_math.c, strmath.h
    QStringList programSources; // absolute: main.c
    QString linkFlags; // -lm: sm_hypot calls sqrt

    // Reads `folder`/example.json; every file it names must exist in the folder.
    static Result<ExampleProject> read(const QString &folder);
    // The first candidate folder holding a valid example, or why none does.
    static Result<ExampleProject> find();
    // The places find() looks, in order.
    static QStringList candidates();
};

} // namespace linklab
