// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildplan.h"
#include "builder/diagnostics.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace linklab {

// What a build did, step by step: the values BuildRunner hands back and both front ends report.
enum class StepStatus {
    Pending,
    Succeeded,
    Failed, // exit status not 0, crashed, could not start, or the in-process rename/symlink failed
    UpToDate, // skipped: the output is newer than every input and was made by the same command
    Cancelled, // killed by cancel(), or never started because of it
    NotRun, // never started because an earlier step failed
};

QString statusKey(StepStatus status); // "ok", "failed", "up-to-date", "cancelled", "not-run", "pending"

struct StepResult {
    int index = -1;
    BuildStep step;
    StepStatus status = StepStatus::Pending;
    int exitCode = -1; // exit status (for rename/symlink, what mv or ln would give); -1 when it did not exit
    qint64 ms = 0; // wall-clock duration
    QString output; // stdout and stderr merged, as a terminal would show them
    QString error; // why it failed when the output does not say (could not start, killed by signal)
    QList<Diagnostic> diagnostics;
};

struct BuildResult {
    bool success = false;
    bool cancelled = false;
    QList<StepResult> steps;
    QStringList artifacts; // the files the plan promised, once they all exist
    QList<Diagnostic> diagnostics;
    qint64 ms = 0;

    int failedSteps() const;
    int errorCount() const; // diagnostics that are errors
    // "Build failed: 2 errors", or "Build failed: 1 step failed" when no step printed an error.
    QString failureSummary() const;
    // Adds a later build (the program's after the library's) into one result: its steps and artifacts follow
    // these, its diagnostics' step numbers are shifted to match, and success needs both.
    void append(const BuildResult &more);
};

} // namespace linklab
