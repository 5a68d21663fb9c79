// SPDX-License-Identifier: MIT
#pragma once

#include "support/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace linklab {

// A lesson of the Learn room, read from one Markdown file (README "Lessons"): `# Title`, an introduction, then
// one `## Step title` per step, each with its text and one fenced ```step block of `key: value` lines saying what
// the step does for real and what it expects. A teacher writes lessons without C++.
enum class LessonStepKind {
    Copy, // copy: files of the lesson (or the bundled example) into the working folder
    Run, // run: gcc/cc/ar/cmake command, run as typed (shell words, no expansion) in the working folder
    Program, // program: ./prog [args], run with env: lines (LD_LIBRARY_PATH=., LD_BIND_NOW=1, ...)
    Inspect, // inspect: file, show: symbols|dynamic-symbols|undefined|relocations|dynamic|members|plt
    Deps, // deps: file, show: tree|bindings — the dependency graph as the loader resolves it (env LD_LIBRARY_PATH)
    Dlopen, // dlopen: lib [lib...] in linklab-runner, flags:, call:, args:, close:, linkmap:
    Compare, // compare: a b — an archive and a program (members copied), or two programs (static vs shared)
};

QString lessonStepKindKey(LessonStepKind kind);

// One `expect:` line: `exit 0`, `exit nonzero`, `file X`, `no-file X`, `symbol X`, `undefined X`, `no-symbol X`,
// `needed X`, `output TEXT`, `no-output TEXT`, `found X`, `missing X`, `result TEXT`, `error TEXT`, `loaded X`,
// `unloaded X`, `opened`.
struct Expectation {
    QString kind;
    QString value;
    int line = 0;
    // The expectation in words: "exits with status 0", "the loader cannot find libx.so".
    QString text() const;
};

struct LessonStep {
    QString title;
    QString text; // Markdown
    int line = 0; // of the `## ` heading
    LessonStepKind kind = LessonStepKind::Run;
    QString action; // the action's value as written
    QStringList words; // the action's value split as a shell would
    QStringList env; // K=V, in order
    QString show; // inspect/deps: which view
    QStringList flags; // dlopen: lazy, now, global, local
    QString call; // dlopen: a C declaration of the function to call
    QStringList args; // dlopen: the call's arguments, as typed
    bool close = false; // dlopen: dlclose every handle at the end
    bool linkmap = false; // dlopen: the link map after the opens (and after dlclose)
    QStringList produces; // files the step makes (drawn in the pipeline; each also expected to exist)
    QList<Expectation> expects;
};

struct Lesson {
    QString id; // the file's base name: "01-object-files"
    QString path;
    QString title;
    QString intro; // Markdown before the first step
    QList<LessonStep> steps;
};

// Reads a lesson. `fileName` names it in errors; `sourceDirs` are the folders a copy: step takes files from (the
// lesson's files/ folder, the bundled example). Every error names the line: "02-static.md:14: unknown step kind
// \"complie\" (copy, run, program, inspect, deps, dlopen, compare)".
Result<Lesson> parseLesson(const QString &text, const QString &fileName, const QStringList &sourceDirs);
Result<Lesson> readLesson(const QString &path, const QStringList &sourceDirs);

// The folder of bundled lessons: $LINKLAB_LESSONS_DIR, the installed share folder, then the source tree.
QString lessonsFolder();
// Where copy: steps take their files: the lessons' files/ folder, then the bundled example's folder.
QStringList lessonSourceDirs(const QString &lessonsDir);
// Every *.md lesson of a folder (README.md excepted), by name; the first failure stops the reading.
Result<QList<Lesson>> readLessons(const QString &dir);

} // namespace linklab
