// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildplan.h"

#include <QString>

class QWidget;

namespace linklab {

// The build as something to keep: a CMakeLists.txt or a shell script (asking where to save it), or the
// commands on the clipboard. What the user should be told comes back; an empty message means they cancelled.
struct BuildExport {
    enum class Format { CMake, ShellScript, Clipboard };

    QString message;
    bool failed = false;

    static BuildExport run(QWidget *parent, Format format, const BuildPlan &plan, const ProgramPlan *program);
};

} // namespace linklab
