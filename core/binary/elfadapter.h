// SPDX-License-Identifier: MIT
#pragma once

#include "binary/openbinary.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace linklab::detail {

// The only entry point into LIEF. Parses `size` bytes of an ELF image (already known to start with the ELF magic)
// into `info`. Returns an error message when nothing useful could be read; otherwise fills `info` and appends
// warnings for the parts that were broken. LIEF types and exceptions never leave elfadapter.cpp.
// `whole`, when not null, is a vector holding exactly the `size` bytes at `data`; LIEF parses from vectors, so
// passing it saves a copy of the whole image.
std::optional<QString> parseElf(const std::uint8_t *data, std::size_t size, const std::vector<std::uint8_t> *whole,
    const OpenOptions &options, BinaryInfo &info);

} // namespace linklab::detail
