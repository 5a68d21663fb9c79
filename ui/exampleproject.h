// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace linklab {

// The bundled example library (strmath: two .c files, a header and a main.c), wherever this copy of LinkLab
// finds it: $LINKLAB_EXAMPLES_DIR, the installed share folder, then the source tree it was built from.
struct ExampleProject {
    QString folder;
    QStringList librarySources; // strmath_string.c, strmath_math.c, strmath.h
    QStringList programSources; // main.c
    QString name; // strmath
    QString linkFlags; // -lm: sm_hypot calls sqrt

    bool isValid() const { return !folder.isEmpty(); }
    static ExampleProject find();
    // The places find() looks, in order, for a message when none holds the example.
    static QStringList candidates();
};

} // namespace linklab
