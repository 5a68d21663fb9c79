// SPDX-License-Identifier: MIT
#pragma once

#include "buildrunner.h"
#include "programrun.h"

#include <QJsonObject>

namespace linklab {

QJsonObject toJson(const Diagnostic &diagnostic);
// {"success", "cancelled", "ms", "commands": [{argv, status, exit_code, ms, output}], "artifacts", "diagnostics"}
QJsonObject toJson(const BuildResult &result);
// {"started", "exit_code", "signal", "stdout", "stderr", "ms", "missing_library", "explanation"}
QJsonObject toJson(const RunResult &result);

} // namespace linklab
