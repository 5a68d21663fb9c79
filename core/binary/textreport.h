// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QString>

class QTextStream;

namespace linklab {

// The human-readable report `linklab-cli inspect` prints: facts in words, then readelf-style tables.
// writeTextReport() streams it, so a big archive's report is never held in memory whole.
void writeTextReport(QTextStream &out, const BinaryInfo &info);
QString textReport(const BinaryInfo &info);
// The relocation sections as `readelf -rW` lists them (what `linklab-cli relocs` prints).
QByteArray relocationListing(const BinaryInfo &info);

} // namespace linklab
