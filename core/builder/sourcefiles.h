// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildplan.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace linklab {

// The rules for the files a person gives a build: which are sources and which headers, what a dropped folder
// holds, and the name and output folder a build gets when the person has not chosen them.

bool isCSource(const QString &path); // *.c
bool isCHeader(const QString &path); // *.h
// Puts each path (made absolute) into plan.headers when it is a .h file, else into plan.sources (gcc decides
// from the suffix how to compile it), in order.
void addInputFiles(BuildPlan &plan, const QStringList &paths);

// Folders that hold build output (ours, CMake's, Meson's, Autotools') or tool state rather than sources.
bool isBuildFolder(const QString &name);

struct SourceScan {
    QStringList files; // absolute .c and .h paths: files given as they are, then each folder's, sorted
    // The .c files among `files` that define main(): a program's, not the library's (a library that holds main
    // exports it). scanSourceFiles() fills it; they stay in `files` too, in their place.
    QStringList programs;
    bool capped = false; // stopped at the limit: there are more than `limit` files
    bool cancelled = false;
    int foldersRead = 0;
};

// Enough for any hand-written library; a dropped home folder or /usr must not add (or scan) forever.
constexpr int MaxScannedSourceFiles = 2000;

// The C files among `paths` and inside the folders among them (subfolders to a depth of 8, without build
// output, hidden folders or symlinked folders). Stops as soon as `limit` files are found, and between folders
// when `cancelled` returns true: it runs as a job off the GUI thread.
SourceScan scanSourceFiles(
    const QStringList &paths, int limit = MaxScannedSourceFiles, const std::function<bool()> &cancelled = {});

// Whether C source text defines a function named main (not a declaration, a call or a mention in a comment or a
// string): comments, string and character literals are blanked, then `main (...) {` is looked for at file scope.
// A scan of the text, so no compiler (or libclang) is needed to sort a dropped folder.
bool definesMain(QByteArrayView source);
// The same for a file, read up to 4 MB (a larger .c file is not a hand-written main.c); false when unreadable.
bool fileDefinesMain(const QString &path);
// The .c files of `files` that define main, in order.
QStringList programSources(const QStringList &files);

// Whether adding `folder` to a list holding `current` starts another project: none of the current files lies inside
// it, and it does not lie inside the folder of the first of them (a project's src/ or include/ added later).
bool startsAnotherProject(const QStringList &current, const QString &folder);

// The library name a folder suggests: "libfoo" -> "foo", "my lib" -> "my_lib", "src" -> its parent's name.
QString defaultLibraryName(const QString &sourceFolder);
// <sourceFolder>/build-linklab, or a folder under the user's data folder for the bundled example and for sources
// in a folder the user cannot write to. Empty for an empty folder.
QString defaultOutDir(const QString &sourceFolder);
// Where builds of folders LinkLab may not write to go: <user data>/<application>/builds (its name once).
QString userBuildsFolder();

} // namespace linklab
