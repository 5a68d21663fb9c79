// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace linklab {

struct BinaryInfo;
struct LessonStep;

// The command a step runs, as the student sees it before and after running it: the command line with its
// environment, the reference tool that shows the same view ("nm -D libx.so"), or the dlopen/dlsym calls.
QString stepCommandLine(const LessonStep &step);
// A library as dlopen must be given it to take it from the working folder: "./libx.so", not "libx.so" (which
// dlopen would look for in the system's folders).
QString dlopenPath(const QString &library);

// What the Learn room shows for an inspect: or compare: step, computed from LinkLab's own reading of the files
// (core/binary), with the reference command that prints the same thing.
struct StepView {
    QString command; // "nm -D libstrmath.so": what a person would type to see it
    QString text; // what that shows (nm's and readelf's own formats where they exist)
};

// `show` as lesson.h lists it; `name` is the file as the lesson names it.
StepView inspectView(const BinaryInfo &info, const QString &show, const QString &name);
// A beginner's PLT/GOT view of a linked program or library: each imported function called through a PLT stub and
// the GOT slot its JUMP_SLOT relocation fills, each imported variable and its GLOB_DAT or COPY relocation, and
// the functions of the file itself that are called directly. Symbol names, not raw offsets.
QString pltGotView(const BinaryInfo &info);
// Which members of an archive the linker copied into a program: a member is copied when a global symbol it
// defines is defined in the program's symbol table.
QString archiveMembersCopied(const BinaryInfo &archive, const BinaryInfo &program, QStringList *copied = nullptr);

// One program of a static-vs-shared comparison: its facts and how long it takes to start and end (median).
struct ProgramFacts {
    QString name;
    qint64 size = 0;
    int definedFunctions = 0;
    QStringList libraryFunctions; // functions defined in the program whose names start with the lesson's prefix
    QStringList needed;
    double startupMs = -1; // median of several runs; -1 when not measured
};
ProgramFacts programFacts(const BinaryInfo &info, const QString &name, const QString &prefix);
// Side by side, with two lines explaining each difference.
QString sideBySide(const ProgramFacts &a, const ProgramFacts &b);

// Whether the file (or any member of an archive) defines `name` globally / references it undefined.
bool definesSymbol(const BinaryInfo &info, const QString &name);
bool referencesSymbol(const BinaryInfo &info, const QString &name);

} // namespace linklab
