// SPDX-License-Identifier: MIT
#pragma once

// What the Run room offers for a library: the functions it exports, and their C prototypes from the files that
// declare them — the sources the Build room compiled it from (found through the gcc -MMD files it left in the
// output folder), else the headers beside the library, plus any header the user adds.

#include "binary/binaryinfo.h"
#include "runtime/prototypes.h"

#include <QHash>
#include <QStringList>

namespace linklab {

// The defined, global or weak functions of the dynamic symbol table (what dlsym can find), sorted, unique.
QStringList exportedFunctions(const BinaryInfo &library);

// The C files that declare the library's functions, as above; at most `limit` files.
QStringList declarationFilesFor(const QString &libraryPath, int limit = 64);

struct LibraryPrototypes {
    QHash<QString, CPrototype> byName; // first declaration wins
    QStringList files; // the files read
    QStringList problems; // "FILE: why" for files that did not parse
};
// Reads every file (libclang), keeping what parses.
LibraryPrototypes collectPrototypes(const QStringList &files);

} // namespace linklab
