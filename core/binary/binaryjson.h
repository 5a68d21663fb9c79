// SPDX-License-Identifier: MIT
#pragma once

#include "binaryinfo.h"

#include <QJsonObject>
#include <QJsonValue>

namespace linklab {

// The JSON form `linklab-cli inspect --json` prints and the GUI exports. Addresses and values are hex strings
// ("0x1139") so 64-bit values survive JSON readers that use doubles; sizes and indexes are numbers.
QJsonObject toJson(const BinaryInfo &info);
QJsonObject toJson(const OpenError &error);
QJsonObject symbolToJson(const SymbolInfo &symbol, const BinaryInfo &owner);

QString hexString(std::uint64_t value);
// A size as a JSON number, or as a hex string when it is beyond what a double holds exactly (2^53).
QJsonValue jsonSize(std::uint64_t value);
QString kindKey(BinaryKind kind); // "shared-library", "relocatable", ...

} // namespace linklab
