// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QString>

#include <cstdint>

// Names of ELF constants exactly as GNU readelf prints them, and plain-words descriptions for people.
namespace linklab::elfnames {

QString kindName(BinaryKind kind); // "shared library", "relocatable object", ...
QString machineName(std::uint16_t machine); // "Advanced Micro Devices X86-64" (readelf -h)
QString machineShortName(std::uint16_t machine); // "x86-64", "AArch64", "RISC-V", ...
// "DYN (Shared object file)"; readelf says "DYN (Position-Independent Executable file)" when DF_1_PIE is set.
QString elfTypeName(std::uint16_t type, bool pieFlag = false);
bool hasPieFlag(const BinaryInfo &info); // DT_FLAGS_1 has DF_1_PIE
QString osAbiName(std::uint8_t abi); // "UNIX - System V"
// readelf uses OS-specific names (Solaris SUNW_*) only when e_ident[EI_OSABI] says so, hence osAbi.
QString sectionTypeName(std::uint32_t type, std::uint16_t machine, std::uint8_t osAbi); // "PROGBITS"
QString sectionFlagsText(std::uint64_t flags); // "WAX" as readelf -S Key
// "LOAD", "GNU_STACK"; Solaris files (osAbi 6) have names of their own ("PT_SUNWCAP"), as readelf gives them.
QString segmentTypeName(std::uint32_t type, std::uint16_t machine, std::uint8_t osAbi = 0);
QString segmentFlagsText(std::uint32_t flags); // "R E"
QString dynamicTagName(std::int64_t tag, std::uint16_t machine, std::uint8_t osAbi); // "NEEDED" (readelf -d)
QString symbolTypeName(std::uint8_t type, std::uint16_t machine); // "FUNC"
QString symbolBindName(std::uint8_t bind); // "GLOBAL"
QString symbolVisibilityName(std::uint8_t vis); // "DEFAULT"
QString tableName(SymbolTable table); // ".dynsym" / ".symtab"
// The name of the section that holds the table, as readelf prints it ("Symbol table '.dynsym'"); tableName()
// when the file has no such section header (the table was found through the dynamic segment).
QString tableSectionName(const BinaryInfo &info, SymbolTable table);
QString sectionIndexName(std::uint16_t shndx); // "UND", "ABS", "COM" or the number

// One or two sentences: "Shared library for x86-64, SONAME libz.so.1, needs libc.so.6."
// "Truncated: 3,000 bytes of at least 121 KB." for an ELF file cut short (BinaryInfo::isTruncated), else empty:
// what the GUI leads with, before the sentence that says what the file is meant to be.
QString truncationSentence(const BinaryInfo &info);
QString overviewSentence(const BinaryInfo &info);

} // namespace linklab::elfnames
