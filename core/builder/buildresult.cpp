// SPDX-License-Identifier: MIT
#include "builder/buildresult.h"

#include <algorithm>

namespace linklab {

QString statusKey(StepStatus status)
{
    switch (status) {
    case StepStatus::Pending: return QStringLiteral("pending");
    case StepStatus::Succeeded: return QStringLiteral("ok");
    case StepStatus::Failed: return QStringLiteral("failed");
    case StepStatus::UpToDate: return QStringLiteral("up-to-date");
    case StepStatus::Cancelled: return QStringLiteral("cancelled");
    case StepStatus::NotRun: return QStringLiteral("not-run");
    }
    return {};
}

int BuildResult::failedSteps() const
{
    return int(
        std::count_if(steps.begin(), steps.end(), [](const StepResult &s) { return s.status == StepStatus::Failed; }));
}

int BuildResult::errorCount() const
{
    return int(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) { return d.isError(); }));
}

QString BuildResult::failureSummary() const
{
    // Spelled out: "%n error(s)" reads badly without a translation loaded.
    const int errors = errorCount();
    if (errors > 0)
        return errors == 1 ? QStringLiteral("Build failed: 1 error")
                           : QStringLiteral("Build failed: %1 errors").arg(errors);
    const int failed = failedSteps();
    return failed == 1 ? QStringLiteral("Build failed: 1 step failed")
                       : QStringLiteral("Build failed: %1 steps failed").arg(failed);
}

void BuildResult::append(const BuildResult &more)
{
    const int offset = int(steps.size());
    for (StepResult step : more.steps) {
        step.index += offset;
        for (Diagnostic &d : step.diagnostics)
            d.step += offset;
        steps.append(std::move(step));
    }
    for (Diagnostic d : more.diagnostics) {
        d.step += offset;
        diagnostics.append(std::move(d));
    }
    artifacts.append(more.artifacts);
    success = success && more.success;
    cancelled = cancelled || more.cancelled;
    ms += more.ms;
}

} // namespace linklab
