// SPDX-License-Identifier: MIT
#pragma once

#include "support/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace linklab {

enum class LibraryKind {
    Static, // lib<name>.a: objects bundled by `ar rcs`, copied into each program at link time
    Shared, // lib<name>.so[.N]: position-independent code with a soname, found by the loader at run time
    Module, // <name>.so: a shared object without soname, meant only for dlopen (CMake's MODULE)
};

QString kindKey(LibraryKind kind); // "static", "shared", "module"
std::optional<LibraryKind> kindFromKey(const QString &key);
// One line for people: what this kind is and what it puts on disk.
QString kindExplanation(LibraryKind kind);

// What the user asked for. Paths are absolute; nothing here is ever written to except outDir.
struct BuildPlan {
    QStringList sources; // .c files to compile into the library
    QStringList headers; // .h files the user listed; their folders become -I options
    QStringList includeDirs; // extra -I folders
    QString name; // "strmath" -> libstrmath.a / libstrmath.so / strmath.so
    LibraryKind kind = LibraryKind::Shared;
    QString version; // shared only: "1" or "1.2.3" -> libx.so.1.2.3, soname libx.so.1, symlinks
    QString compiler = QStringLiteral("gcc"); // name or path of the C compiler driver
    QString archiver = QStringLiteral("ar");

    bool warnings = true; // -Wall -Wextra
    QString optimization = QStringLiteral("-O2"); // "", "-O0", "-O1", "-O2", "-O3", "-Os", "-Og"
    bool debugInfo = false; // -g
    bool hiddenVisibility = false; // -fvisibility=hidden: only symbols marked visible are exported
    QStringList defines; // "NAME" or "NAME=VALUE" -> -DNAME=VALUE
    QStringList extraCflags; // free field, split as a shell would
    QStringList ldflags; // free field for the link step, split as a shell would
    QStringList libraries; // "m" -> -lm, linked into the library (and into a program using a static one)

    QString outDir; // every output goes here; created when missing
};

// A program linked against the library, as the course exercise does: gcc main.c -L. -l<name> -o prog.
struct ProgramPlan {
    QStringList sources; // main.c, or several .c files
    QString output = QStringLiteral("prog"); // file name inside outDir
    bool rpath = false; // -Wl,-rpath,$ORIGIN: the program finds the library next to itself
};

enum class StepKind {
    Compile, // cc -c source -o obj/x.o (runs in parallel with other compiles)
    Archive, // ar rcs lib.a.tmp objects
    Link, // cc -shared -o lib.so.tmp objects
    LinkProgram, // cc -o prog.tmp main.c -L. -lname
    Rename, // mv -f x.tmp x: done in process (rename(2)), so a failed build keeps the last good file
    Symlink, // ln -sfn target link: done in process (symlink(2) then rename(2))
};

// One command of a build. Process steps run `argv` in `workingDir`; Rename and Symlink are done in process
// but `argv` holds the exact shell command with the same effect, which is what the console and scripts show.
struct BuildStep {
    StepKind kind = StepKind::Compile;
    QStringList argv;
    QString workingDir; // always the plan's outDir: outputs are relative to it, sources absolute
    QString output; // absolute path this step writes (for Rename/Symlink: the final name)
    QStringList inputs; // absolute paths it reads (sources, objects; for Rename: the temporary file)
    QString depFile; // Compile: the -MMD file listing the headers read
    bool parallel = false; // may run at the same time as the neighbouring parallel steps
    QString linkTarget; // Symlink: what the link points to (relative, as ln -s gets it)
};

// Archive, link and program steps write "<file>.tmp", which the Rename step after them puts in place.
bool writesTemporary(const BuildStep &step);
// The file a step is for: its output, or for a step writing a temporary file, the name it gets renamed to.
QString finalOutput(const BuildStep &step);

// The file the library step produces (libx.a, libx.so.1.2.3, x.so), absolute.
QString libraryFile(const BuildPlan &plan);
// Every artifact of a library build: the real file first, then its symlinks (libx.so.1, libx.so).
QStringList libraryArtifacts(const BuildPlan &plan);
// libx.so.1 for version "1.2.3"; libx.so without a version; empty for static and module.
QString soname(const BuildPlan &plan);
// The object file for source number `index` (obj/<stem>.o; obj/<stem>-2.o when two sources share a stem).
QString objectFile(const BuildPlan &plan, int index);

// The compile flags shared by every compile of the plan (without -c, -fPIC, -o and the source).
QStringList compileFlags(const BuildPlan &plan);
// The checkbox flags: warnings, optimization, debug info (what CMake takes as target_compile_options).
QStringList optionFlags(const BuildPlan &plan);
// Include folders: the folders of the listed headers, then the explicit ones, each once, in order.
QStringList includeFolders(const BuildPlan &plan);
// The version's first number: "1.2.3" -> "1".
QString majorVersion(const QString &version);
// The program a ProgramPlan links, absolute (inside the plan's outDir); empty while either is incomplete.
QString programFile(const BuildPlan &plan, const ProgramPlan &program);

// Whether the plan can be built, or what is wrong in plain words.
Check validatePlan(const BuildPlan &plan);
Check validateProgram(const BuildPlan &plan, const ProgramPlan &program);

// The steps that build the library: compiles, then ar or the link, the rename, the symlinks.
QList<BuildStep> planLibrary(const BuildPlan &plan);
// The steps that link the program (one command compiling and linking, then the rename).
QList<BuildStep> planProgram(const BuildPlan &plan, const ProgramPlan &program);

// Sorts the words of a link-flags field into the plan: "-lm" and "-l m" go to `libraries` (so a static
// library's dependencies reach the program that links it), everything else to `ldflags`.
void setLinkFlags(BuildPlan &plan, const QStringList &words);

} // namespace linklab
