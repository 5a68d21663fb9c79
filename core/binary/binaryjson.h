// SPDX-License-Identifier: MIT
#pragma once

#include "binary/nmformat.h"
#include "binary/openbinary.h"

#include <QJsonObject>
#include <QJsonValue>

namespace linklab {

// The JSON form `linklab-cli inspect --json` prints and the GUI exports. Addresses and values are hex strings
// ("0x1139") so 64-bit values survive JSON readers that use doubles; sizes and indexes are numbers.
QJsonObject toJson(const BinaryInfo &info);
// The same as one line of compact JSON, written without a QJsonObject per symbol (what inspect --json prints).
QByteArray toCompactJson(const BinaryInfo &info);
QJsonObject toJson(const OpenError &error);
QJsonObject symbolToJson(const SymbolInfo &symbol, const BinaryInfo &owner);
// {"section", "offset" (hex string), "type" (as readelf names it), "symbol", "version", "addend"}.
QJsonObject relocationToJson(const RelocationInfo &relocation, const BinaryInfo &owner);
// What `symbols --json` prints for one file: {"path", "symbols"} with the symbols nm would list (for an archive,
// "members": [{"name", "symbols"} or {"name", "error"}]), and "warnings".
QJsonObject nmSymbolsToJson(const BinaryInfo &info, const QString &path, const NmOptions &options);

// A size as a JSON number, or as a hex string when it is beyond what a double holds exactly (2^53).
QJsonValue jsonSize(std::uint64_t value);
QString kindKey(BinaryKind kind); // "shared-library", "relocatable", ...
// Appends `text` as a JSON string (quotes, backslashes and control characters escaped, the rest as UTF-8), for
// the writers that stream large outputs rather than build a QJsonObject per entry.
void appendJsonString(QByteArray &out, const QString &text);

} // namespace linklab
