// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <variant>

namespace linklab {

// What a file turned out to be. Everything that is not ELF or ar is reported as an error instead.
enum class BinaryKind {
    Relocatable, // ET_REL, "object file"
    SharedLibrary, // ET_DYN that is not a PIE (libc.so.6, with an interpreter and a SONAME, is one)
    PieExecutable, // ET_DYN with DF_1_PIE, or with PT_INTERP and no SONAME
    Executable, // ET_EXEC
    Core, // ET_CORE
    OtherElf, // ET_NONE or an OS/processor specific type
    Archive, // ar archive (GNU or BSD), members parsed as ELF
    ThinArchive, // GNU thin archive: members are paths to files outside
};

enum class SymbolTable { Dynamic, Static };

struct SectionInfo {
    int index = 0;
    QString name;
    std::uint32_t type = 0;
    std::uint64_t address = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint64_t flags = 0;
    std::uint32_t link = 0;
    std::uint32_t info = 0;
    std::uint64_t alignment = 0;
    std::uint64_t entrySize = 0;
};

struct SegmentInfo {
    int index = 0;
    std::uint32_t type = 0;
    std::uint32_t flags = 0;
    std::uint64_t offset = 0;
    std::uint64_t virtualAddress = 0;
    std::uint64_t physicalAddress = 0;
    std::uint64_t fileSize = 0;
    std::uint64_t memorySize = 0;
    std::uint64_t alignment = 0;
};

struct DynamicEntry {
    std::int64_t tag = 0;
    std::uint64_t value = 0;
    QString text; // string value for NEEDED, SONAME, RPATH, RUNPATH, ... (empty otherwise)
};

struct SymbolInfo {
    SymbolTable table = SymbolTable::Static;
    int index = 0; // index in its table, as readelf's Num column (null entry is 0)
    QString name; // raw name, without version
    QString demangled; // demangled name; equals name when it is not a mangled C++ name or demangling was off
    QString version; // version name without '@' (empty when unversioned)
    bool versionHidden = false; // '@' (hidden or required) vs '@@' (default definition)
    // The raw .gnu.version entry of a dynamic symbol (index, | 0x8000 when hidden); 0 without one. The loader
    // decides by the index, not the name (an unversioned reference takes index 2, the oldest version).
    std::uint16_t versym = 0;
    std::uint64_t value = 0;
    std::uint64_t size = 0;
    std::uint8_t type = 0; // STT_*
    std::uint8_t bind = 0; // STB_*
    std::uint8_t visibility = 0; // STV_*
    std::uint16_t sectionIndex = 0; // st_shndx (SHN_UNDEF, SHN_ABS, SHN_COMMON, ...)
    QString sectionName; // as readelf's Ndx column would resolve it: "UND", "ABS", "COM" or the section name
    char nm = '?'; // nm's type letter

    bool isDefined() const { return sectionIndex != 0; }
    // "@VER" or "@@VER" or empty, as nm and readelf append it.
    QString versionSuffix() const;
    // The name as readelf prints it: name plus version suffix; a section symbol without a name of its own
    // shows its section's name.
    QString displayName() const;
};

// One entry of a relocation section (SHT_REL or SHT_RELA), as readelf -r lists it.
struct RelocationInfo {
    int section = 0; // index of the relocation section
    std::uint64_t offset = 0; // r_offset: where the loader or linker writes
    std::uint64_t info = 0; // r_info as readelf prints it
    std::uint32_t type = 0; // R_* number for this machine
    std::uint32_t symbolIndex = 0; // into the symbol table the section links to; 0: no symbol
    bool hasAddend = false; // RELA; REL keeps its addend in the patched bytes
    std::int64_t addend = 0;
    QString symbol; // the symbol's name (a section symbol's section name); empty without a symbol
    QString version; // its version when it has one (dynamic symbols)
    bool versionHidden = false;
    std::uint64_t symbolValue = 0;
};

struct BinaryInfo;
struct SymbolSearch;

struct ArchiveMember {
    QString name; // member name (long names resolved)
    QString path; // for thin archives: path of the member file as recorded
    std::uint64_t offset = 0; // offset of the member's data in the archive (0 for thin members)
    std::uint64_t size = 0;
    std::shared_ptr<const BinaryInfo> binary; // parsed member (null when it could not be parsed)
    QString error; // why it could not be parsed
};

struct BinaryInfo {
    QString path;
    BinaryKind kind = BinaryKind::OtherElf;

    // ELF header facts (unset for archives)
    int elfClass = 0; // 32 or 64
    bool bigEndian = false;
    std::uint16_t machine = 0; // e_machine
    std::uint16_t elfType = 0; // e_type
    std::uint8_t osAbi = 0;
    std::uint64_t entry = 0;
    std::uint32_t flags = 0; // e_flags
    // Where the ELF header says its own size and its two tables are, as readelf -h prints them (the file's layout
    // draws them). sectionHeaderCount is section 0's sh_size under extended numbering, as readelf's "(N)".
    std::uint16_t headerSize = 0; // e_ehsize
    std::uint64_t programHeaderOffset = 0; // e_phoff
    std::uint16_t programHeaderEntrySize = 0; // e_phentsize
    std::uint16_t programHeaderCount = 0; // e_phnum
    std::uint64_t sectionHeaderOffset = 0; // e_shoff
    std::uint16_t sectionHeaderEntrySize = 0; // e_shentsize
    std::uint64_t sectionHeaderCount = 0; // e_shnum
    QString interpreter;
    QString soname;
    QStringList needed;
    QStringList rpath;
    QStringList runpath;

    QList<SectionInfo> sections;
    QList<SegmentInfo> segments;
    QList<DynamicEntry> dynamic;
    QList<SymbolInfo> symbols; // .dynsym entries first (in table order), then .symtab entries
    QList<RelocationInfo> relocations; // every SHT_REL/SHT_RELA section in order (OpenOptions::relocations)

    QList<ArchiveMember> members; // archives only
    bool hasArchiveIndex = false;
    QList<QPair<QString, QString>> archiveIndex; // symbol -> member name, from the armap

    // The file's size, and the size its headers describe (the furthest end of the header tables, of a section's
    // contents or of a segment's file image), for ELF files. A file smaller than that was cut short.
    std::uint64_t fileSize = 0;
    std::uint64_t sizeNeeded = 0;

    QStringList warnings;
    // What could not be read and makes the reference tools fail (nm's "malformed archive", exit status 1); what
    // was read before it is still here.
    QStringList errors;
    // Why GNU nm would refuse this ELF file ("file format not recognized"), in plain words; empty when it reads it.
    QString nmRejects;

    // Filled only when OpenOptions::searchIndex asked for it (the GUI does; the CLI does not need it).
    std::shared_ptr<const SymbolSearch> symbolSearch;

    bool isArchive() const { return kind == BinaryKind::Archive || kind == BinaryKind::ThinArchive; }
    bool isTruncated() const { return fileSize < sizeNeeded; }
};
} // namespace linklab
