// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstdint>

namespace linklab {

// The one set of hex formatters every view, report and JSON writer uses.

// "0x1f": no padding, for values, sizes and flags (and JSON, where 64-bit numbers would lose digits).
QString hexString(std::uint64_t value);
// "00001f" without "0x", zero-padded to `width` digits (readelf's columns).
QString hexPadded(std::uint64_t value, int width);
// "0x0000000000001139" for 64-bit files, "0x00001139" for 32-bit ones, as readelf pads addresses.
QString hexAddress(std::uint64_t value, int elfClass);

} // namespace linklab
