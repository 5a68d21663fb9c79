// SPDX-License-Identifier: MIT
#include "binary/segmentsections.h"

namespace linklab {

namespace {
constexpr std::uint32_t ShtNobits = 8;
constexpr std::uint64_t ShfAlloc = 0x2;
constexpr std::uint64_t ShfTls = 0x400;
constexpr std::uint32_t PtTls = 7;
} // namespace

QStringList sectionsInSegment(const BinaryInfo &info, const SegmentInfo &segment)
{
    QStringList names;
    for (const SectionInfo &s : info.sections) {
        if (s.index == 0 || s.name.isEmpty())
            continue;
        const bool tbss = (s.flags & ShfTls) && s.type == ShtNobits;
        // .tbss takes no room in the image except in the TLS template.
        if (tbss && segment.type != PtTls)
            continue;
        bool inside = false;
        if (s.flags & ShfAlloc) {
            const std::uint64_t size = s.size;
            inside = s.address >= segment.virtualAddress && s.address - segment.virtualAddress <= segment.memorySize
                && size <= segment.memorySize - (s.address - segment.virtualAddress)
                && (size > 0 || s.address - segment.virtualAddress < segment.memorySize);
        } else if (s.type != ShtNobits) {
            inside = s.offset >= segment.offset && s.offset - segment.offset < segment.fileSize
                && s.size <= segment.fileSize - (s.offset - segment.offset);
        }
        if (inside)
            names.append(s.name);
    }
    return names;
}

} // namespace linklab
