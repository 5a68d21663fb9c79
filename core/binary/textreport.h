// SPDX-License-Identifier: MIT
#pragma once

#include "binaryinfo.h"

#include <QString>

namespace linklab {

// The human-readable report `linklab-cli inspect` prints: facts in words, then readelf-style tables.
QString textReport(const BinaryInfo &info);

} // namespace linklab
