// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildrunner.h"
#include "builder/programrun.h"
#include "builder/toolchain.h"

#include <QJsonObject>

namespace linklab {

QJsonObject toJson(const Diagnostic &diagnostic);
// {"success", "cancelled", "ms", "commands": [{argv, status, exit_code, ms, output}], "artifacts", "diagnostics"}
QJsonObject toJson(const BuildResult &result);
// {"started", "exit_code", "signal", "stdout", "stderr", "ms", "missing_library", "explanation"}
QJsonObject toJson(const RunResult &result);
// {"name", "path", "version"}
QJsonObject toJson(const Tool &tool);
// {"compilers": [tool...], "default_compiler", "archiver": tool}
QJsonObject toJson(const Toolchain &toolchain);

} // namespace linklab
