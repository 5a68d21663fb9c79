// SPDX-License-Identifier: MIT
#include "binary/segmentsections.h"

namespace linklab {

namespace {
constexpr std::uint32_t ShtNobits = 8;
constexpr std::uint64_t ShfAlloc = 0x2;
constexpr std::uint64_t ShfTls = 0x400;
constexpr std::uint32_t PtLoad = 1, PtDynamic = 2, PtNote = 4, PtPhdr = 6, PtTls = 7;
constexpr std::uint32_t PtGnuEhFrame = 0x6474e550, PtGnuStack = 0x6474e551, PtGnuRelro = 0x6474e552,
                        PtGnuSframe = 0x6474e554, PtGnuMbindLo = 0x6474e555, PtGnuMbindHi = 0x6474f554;

// binutils' ELF_SECTION_IN_SEGMENT_STRICT (include/elf/internal.h), which readelf -l uses for its mapping.
bool inSegment(const SectionInfo &s, const SegmentInfo &p)
{
    const bool tls = s.flags & ShfTls;
    const bool alloc = s.flags & ShfAlloc;
    const bool nobits = s.type == ShtNobits;
    // .tbss takes no room in the image except in the TLS template.
    const std::uint64_t size = (tls && nobits && p.type != PtTls) ? 0 : s.size;
    // Only PT_LOAD, PT_GNU_RELRO and PT_TLS hold TLS sections; PT_TLS holds only those, PT_PHDR none at all.
    if (tls ? !(p.type == PtTls || p.type == PtGnuRelro || p.type == PtLoad) : (p.type == PtTls || p.type == PtPhdr))
        return false;
    // Segments the loader maps hold only allocated sections.
    const bool mapped = p.type == PtLoad || p.type == PtDynamic || p.type == PtGnuEhFrame || p.type == PtGnuStack
        || p.type == PtGnuRelro || p.type == PtGnuSframe || (p.type >= PtGnuMbindLo && p.type <= PtGnuMbindHi);
    if (!alloc && mapped)
        return false;
    // Anything with file contents lies inside the segment's file range (starting before its end).
    if (!nobits
        && !(s.offset >= p.offset && s.offset - p.offset <= p.fileSize - 1 && s.offset - p.offset + size <= p.fileSize))
        return false;
    // An allocated section lies inside the segment's address range.
    if (alloc
        && !(s.address >= p.virtualAddress && s.address - p.virtualAddress <= p.memorySize - 1
            && s.address - p.virtualAddress + size <= p.memorySize))
        return false;
    // No empty section at the very start or end of PT_DYNAMIC or PT_NOTE.
    if ((p.type == PtDynamic || p.type == PtNote) && s.size == 0 && p.memorySize != 0) {
        const bool fileInside = nobits || (s.offset > p.offset && s.offset - p.offset < p.fileSize);
        const bool addressInside
            = !alloc || (s.address > p.virtualAddress && s.address - p.virtualAddress < p.memorySize);
        if (!(fileInside && addressInside))
            return false;
    }
    return true;
}
} // namespace

QList<int> sectionIndexesInSegment(const BinaryInfo &info, const SegmentInfo &segment)
{
    QList<int> indexes;
    for (qsizetype i = 0; i < info.sections.size(); ++i) {
        const SectionInfo &s = info.sections[i];
        if (s.index == 0 || s.name.isEmpty())
            continue;
        const bool tbss = (s.flags & ShfTls) && s.type == ShtNobits;
        // readelf leaves .tbss out of every segment but PT_TLS (ELF_TBSS_SPECIAL).
        if (tbss && segment.type != PtTls)
            continue;
        if (inSegment(s, segment))
            indexes.append(int(i));
    }
    return indexes;
}

QStringList sectionsInSegment(const BinaryInfo &info, const SegmentInfo &segment)
{
    QStringList names;
    for (int i : sectionIndexesInSegment(info, segment))
        names.append(info.sections[i].name);
    return names;
}

} // namespace linklab
