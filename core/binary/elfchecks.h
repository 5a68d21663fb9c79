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

// The checks readelf makes on the header, section headers and program headers, as plain-words warnings, so
// that a broken file never looks whole.
void checkElfStructure(const ElfLayout &layout, const std::uint8_t *data, std::size_t size, QStringList &warnings);

// Why GNU nm (bfd's elf_object_p) would refuse the file as "file format not recognized", or empty when it reads
// it: LinkLab still shows what it can, but `symbols` fails as nm does (exit status 1).
QString nmRejection(const ElfLayout &layout, const std::uint8_t *data, std::size_t size);

} // namespace linklab::detail
