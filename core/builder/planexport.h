// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildplan.h"

namespace linklab {

// A CMakeLists.txt doing the same build (add_library NAME STATIC|SHARED|MODULE, plus the program), with
// paths relative to `cmakeDir` (the folder the file will be written to) when they are inside it.
QString exportCMake(const BuildPlan &plan, const ProgramPlan *program, const QString &cmakeDir);
// A /bin/sh script of the exact commands of a clean build (and the program link, when given).
QString exportShellScript(const BuildPlan &plan, const ProgramPlan *program);

} // namespace linklab
