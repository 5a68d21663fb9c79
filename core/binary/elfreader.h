// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"
#include "binary/openbinary.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

namespace linklab::detail {

// LinkLab's own ELF reader: the header, section and program headers, the interpreter, the dynamic section and
// both symbol tables with their versions, read straight from the bytes with every offset, size and count
// checked against the file, for every class and byte order. It reads only the tables it shows (as nm and the
// loader do), so a 111 MB library costs what its symbol tables cost, and it never allocates in proportion to a
// product of two untrusted numbers: a name stops at the end of its string table, and names that overlap far
// more than a real string table's do are cut (with one warning).
//
// Returns an error when the ELF header itself is unusable; anything else broken becomes a warning and the
// rest is still read.
//
// `need`, when given, is called before any range of `data` is read: a file mapped sparsely loads only the
// ranges the reader asks for (the tables it shows), so a 111 MB library costs the memory of its symbol tables.
using NeedRange = std::function<void(std::uint64_t offset, std::uint64_t length)>;
std::optional<QString> readElf(const std::uint8_t *data, std::size_t size, const OpenOptions &options, BinaryInfo &info,
    const NeedRange &need = {});

} // namespace linklab::detail
