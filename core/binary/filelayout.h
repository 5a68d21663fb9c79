// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

// The textbook picture of an ELF file as values: the file from offset 0 to its end (the linking view), the
// segments over it, and the address space after loading (the execution view). Pure functions of a BinaryInfo, so
// the picture is tested without pixels; the Inspector's Layout page only draws it.
namespace linklab {

enum class LayoutPart {
    ElfHeader,
    ProgramHeaders,
    Section,
    SectionHeaders,
    Gap, // file: bytes nothing claims (alignment padding, or a segment's bytes in a file without sections)
    Overlap, // file: bytes two or more things claim
    SegmentData, // file: bytes of a segment in a file without section headers (a core file, a stripped one)
    Padding, // memory: inside a PT_LOAD segment but in no section
    Unmapped, // memory: between two PT_LOAD segments
};

// Something that claims a range of the file: the ELF header, the program header table, a section with bytes in
// the file, the section header table. start and size are what the headers say (readelf's numbers).
struct LayoutRegion {
    LayoutPart part = LayoutPart::Gap;
    QString name;
    int section = -1; // index into BinaryInfo::sections (Section only)
    std::uint64_t start = 0;
    std::uint64_t size = 0;
    std::uint64_t flags = 0; // sh_flags
    std::uint32_t type = 0; // sh_type
    bool pastEnd = false; // the range passes the end of the file: only the part inside it is drawn

    std::uint64_t end() const; // start + size, saturated
};

// One piece of a band. The pieces of a band follow each other with no space between them: the file band covers
// [0, file size) exactly, the memory band each PT_LOAD segment's [address, address + memory size) and the
// unmapped space between them.
struct LayoutBlock {
    LayoutPart part = LayoutPart::Gap;
    QString name;
    std::uint64_t start = 0; // file offset (file band) or virtual address (memory band)
    std::uint64_t size = 0;
    int section = -1; // index into BinaryInfo::sections, for a Section block
    QList<int> regions; // file band: what claims these bytes (indexes into FileLayout::regions; at most 8 listed)
    int claimants = 0; // how many regions claim them (Overlap: 2 or more)
    int segment = -1; // the innermost segment over these bytes (file band) or the PT_LOAD holding them (memory)
    bool memoryOnly = false; // memory band: no bytes in the file (the memsz > filesz part: .bss)
    std::uint64_t flags = 0; // sh_flags of a Section block
    std::uint64_t fileOffset = 0; // memory band, !memoryOnly: where these bytes come from in the file

    std::uint64_t end() const { return start + size; }
};

// A program header as a bracket over the file range it covers.
struct LayoutSegment {
    int index = 0; // into BinaryInfo::segments
    QString name; // "LOAD", "DYNAMIC", "GNU_RELRO", as readelf -l
    std::uint32_t type = 0;
    std::uint32_t flags = 0; // PF_R | PF_W | PF_X
    std::uint64_t offset = 0;
    std::uint64_t fileSize = 0;
    std::uint64_t address = 0;
    std::uint64_t memorySize = 0;
    QStringList sections; // as readelf's section-to-segment mapping
    bool pastEnd = false; // its file range passes the end of the file
    int row = -1; // bracket row over the file band, 0 nearest to it; -1: no bytes in the file, no bracket

    // "R", "RW", "RX", "RWX" or "" (none): the colour key of the picture.
    QString permissions() const;
};

struct FileLayout {
    QString path;
    std::uint64_t fileSize = 0;
    QList<LayoutRegion> regions; // in file order (by offset, then by size)
    QList<LayoutBlock> fileBand; // covers [0, fileSize)
    QList<LayoutSegment> segments; // in program header order
    int segmentRows = 0;
    QString noSegments; // why there are no segment brackets, in words; empty when there are
    QList<LayoutBlock> memoryBand; // by address
    QString noMemory; // why there is no memory view, in words; empty when there is one
    QStringList notInFile; // sections with no bytes in the file, with why (".bss: NOBITS, zero-filled when loaded")
    QStringList problems; // what the picture cannot show as the headers say, in words

    int sectionBlockCount() const; // file-band blocks that are (pieces of) sections
};

FileLayout fileLayout(const BinaryInfo &info);

QString layoutPartName(LayoutPart part); // "ELF header", "section", "gap", ...

} // namespace linklab
