// SPDX-License-Identifier: MIT
#include "inspector/segmentmodel.h"

#include "binary/hexformat.h"

#include "binary/elfnames.h"
#include "binary/segmentsections.h"

namespace linklab {

SegmentModel::SegmentModel(QObject *parent)
    : BinaryTableModel(
        {
            {tr("Num"), tr("Program header index"), true},
            {tr("Type"), tr("p_type: LOAD is mapped into memory; DYNAMIC, INTERP, NOTE point at data for the loader")},
            {tr("Offset"), tr("p_offset: where the segment starts in the file"), true},
            {tr("VirtAddr"),
                tr("p_vaddr: where it is mapped in memory (relative to the load base for shared libraries)"), true},
            {tr("PhysAddr"), tr("p_paddr: unused on Linux"), true},
            {tr("FileSiz"), tr("p_filesz: bytes taken from the file"), true},
            {tr("MemSiz"), tr("p_memsz: bytes in memory; more than FileSiz means zero-filled (.bss)"), true},
            {tr("Flags"), tr("R read, W write, E execute")},
            {tr("Align"), tr("p_align"), true},
            {tr("Sections"), tr("Sections inside this segment (readelf's \"Section to Segment mapping\")")},
        },
        parent)
{
}

void SegmentModel::binaryChanged()
{
    m_sectionsPerSegment.clear();
    if (m_binary) {
        for (const SegmentInfo &segment : m_binary->segments)
            m_sectionsPerSegment.append(sectionsInSegment(*m_binary, segment).join(QLatin1Char(' ')));
    }
}

int SegmentModel::rows() const
{
    return m_binary ? int(m_binary->segments.size()) : 0;
}

QString SegmentModel::text(int row, int column) const
{
    const SegmentInfo &s = m_binary->segments.at(row);
    switch (column) {
    case NumColumn: return QString::number(s.index);
    case TypeColumn: return elfnames::segmentTypeName(s.type, m_binary->machine, m_binary->osAbi);
    case OffsetColumn: return hexString(s.offset);
    case VirtualAddressColumn: return hexAddress(s.virtualAddress, m_binary->elfClass);
    case PhysicalAddressColumn: return hexAddress(s.physicalAddress, m_binary->elfClass);
    case FileSizeColumn: return hexString(s.fileSize);
    case MemorySizeColumn: return hexString(s.memorySize);
    case FlagsColumn: return elfnames::segmentFlagsText(s.flags);
    case AlignColumn: return hexString(s.alignment);
    case SectionsColumn: return m_sectionsPerSegment.value(row);
    default: return {};
    }
}

QVariant SegmentModel::sortValue(int row, int column) const
{
    const SegmentInfo &s = m_binary->segments.at(row);
    switch (column) {
    case NumColumn: return s.index;
    case TypeColumn: return s.type;
    case OffsetColumn: return qulonglong(s.offset);
    case VirtualAddressColumn: return qulonglong(s.virtualAddress);
    case PhysicalAddressColumn: return qulonglong(s.physicalAddress);
    case FileSizeColumn: return qulonglong(s.fileSize);
    case MemorySizeColumn: return qulonglong(s.memorySize);
    case FlagsColumn: return s.flags;
    case AlignColumn: return qulonglong(s.alignment);
    default: return text(row, column);
    }
}

} // namespace linklab
