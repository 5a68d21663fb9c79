// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QIcon>

namespace linklab {

// A small badge per kind of file ("SO", "A", "O", "EXE"), so the workspace list reads at a glance.
QIcon kindIcon(BinaryKind kind);
QIcon loadingIcon();

} // namespace linklab
