// SPDX-License-Identifier: MIT
#pragma once

#include "learn/lessonengine.h"

namespace linklab {

// The parts of running a step that only read files (call them off the GUI thread).

// The files a gcc or ar command line reads and writes, by the shape of its words (-o, ar's archive, -lname
// found in the folder, gcc -c without -o): added to outcome.inputs and outcome.outputs as relative names.
void commandFiles(const QStringList &argv, const QString &workDir, StepOutcome &outcome);
// Runs an inspect:, deps: or compare: step (they read files, resolve dependencies, time programs) and checks
// its expectations.
StepOutcome readStepFiles(const LessonStep &step, StepOutcome outcome, const QString &workDir);
// The expectations of `step` checked against what it did (reads files in `workDir`).
QList<CheckResult> checkExpectations(const LessonStep &step, const StepOutcome &outcome, const QString &workDir);

} // namespace linklab
