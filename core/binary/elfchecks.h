// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace linklab::detail {

// Where the ELF header says the tables are. Read directly from the bytes, with every read bounds-checked.
struct ElfLayout {
    bool is64 = false;
    bool bigEndian = false;
    std::uint64_t shoff = 0;
    std::uint16_t shentsize = 0;
    std::uint32_t shnum = 0;
    std::uint16_t shstrndx = 0;
    std::uint64_t sectionCount = 0; // e_shnum, or section 0's sh_size under extended numbering
    std::uint64_t phoff = 0;
    std::uint16_t phentsize = 0;
    std::uint16_t phnum = 0;

    bool sectionHeadersReadable(std::size_t fileSize) const;
};

// Reads the ELF identification and header; an error message when they are unusable.
std::optional<QString> readElfLayout(const std::uint8_t *data, std::size_t size, ElfLayout &layout);

// The checks readelf makes on the header, section headers and program headers, as plain-words warnings.
// LIEF quietly skips what it cannot read, so without these a broken file would look whole.
void checkElfStructure(const ElfLayout &layout, const std::uint8_t *data, std::size_t size, QStringList &warnings);

// The entries of the first SHT_GNU_versym section, read by its section header. LIEF finds versym only through
// DT_VERSYM, which Solaris objects do not have; nm and readelf go by the section. Empty when there is none.
std::vector<std::uint16_t> readVersymSection(const ElfLayout &layout, const std::uint8_t *data, std::size_t size);

// LIEF 0.9 reserves memory up to every section's and segment's end, even far past the end of the file (a
// 667-byte file can make it zero-fill 1 GB). clampForLief() returns a copy of the image whose out-of-range
// sections and segments are shrunk to fit, or an empty array when nothing needs it; `patches` records the
// original values so the model can still show what the headers say.
struct HeaderPatch {
    bool segment = false;
    int index = 0;
    std::uint64_t offset = 0; // as the header says
    std::uint64_t size = 0;
    std::size_t offsetField = 0; // where the two values are stored in the image
    std::size_t sizeField = 0;
};
QByteArray clampForLief(
    const ElfLayout &layout, const std::uint8_t *data, std::size_t size, QList<HeaderPatch> &patches);

} // namespace linklab::detail
