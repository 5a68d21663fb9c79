// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstdint>

namespace linklab {

struct BinaryInfo;

// The name readelf prints for relocation type `type` on machine `machine` ("R_X86_64_JUMP_SLOT"), from the C
// library's <elf.h> (about 25 machines); "unrecognized: 2a" as readelf prints a type it does not know.
QString relocationTypeName(std::uint16_t machine, std::uint32_t type);

// What the relocations mean, for a learner: "37 calls go through the PLT (R_X86_64_JUMP_SLOT); 12 data
// references are filled in by the loader ...". Empty when the file has none.
QString relocationSummary(const BinaryInfo &info);

} // namespace linklab
