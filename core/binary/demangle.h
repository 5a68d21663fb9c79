// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace linklab {

// The C++ (Itanium ABI) demangled form of `name`, or `name` itself when it is not a mangled name.
QString demangle(const QString &name);

} // namespace linklab
