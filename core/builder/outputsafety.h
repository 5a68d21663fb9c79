// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildplan.h"
#include "support/result.h"

#include <QString>
#include <QStringList>

namespace linklab {

// The rule that a build never writes over what the person gave it: no object, library, symlink, temporary
// file, program, log or exported script may land on a source or header, whatever the names and whatever
// symlinks lie between, and the output folder must be a folder LinkLab can write to before anything starts.

// The path with every symlink resolved, also for a path that does not exist yet (its nearest existing folder
// is resolved and the rest appended), so two spellings of one place compare equal.
QString realPath(const QString &path);

// Every path a build of `plan` (and of `program`, when given) writes: each step's output, its temporary file,
// its -MMD file, and the build log.
QStringList plannedOutputs(const BuildPlan &plan, const ProgramPlan *program);

// Fails when one of plannedOutputs() or of `extraOutputs` (exported scripts) would replace an input of the
// build: a library source or header, or a program source; compared through symlinks.
Check checkOutputsSpareInputs(const BuildPlan &plan, const ProgramPlan *program, const QStringList &extraOutputs = {});

// Fails, in plain words, unless `outDir` is a folder this process can create files in, or can be created
// (its nearest existing parent is such a folder). Probes by creating and removing a temporary entry, which
// is the only test that also holds for root, read-only mounts and /proc. Creates nothing that stays.
Check checkOutputFolderWritable(const QString &outDir);

// The same file given twice (by the same or another path, through symlinks) is built once: removes the
// later copies from the plan's sources and headers and returns one note per copy removed.
QStringList removeDuplicateInputs(BuildPlan &plan);

} // namespace linklab
