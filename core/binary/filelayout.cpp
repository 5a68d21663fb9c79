// SPDX-License-Identifier: MIT
#include "binary/filelayout.h"

#include "binary/elfnames.h"
#include "binary/segmentsections.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>
#include <set>

namespace linklab {

namespace {

constexpr std::uint32_t ShtNobits = 8;
constexpr std::uint64_t ShfAlloc = 0x2;
constexpr std::uint32_t PtLoad = 1;
constexpr std::uint32_t PfX = 1, PfW = 2, PfR = 4;
constexpr qsizetype kListedClaimants = 8;
// Past this many, segments get no bracket row and gaps no segment: a hostile header can declare 65,535 of them.
constexpr qsizetype kDrawnSegments = 256;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("linklab::FileLayout", text, disambiguation, n);
}

std::uint64_t saturatedEnd(std::uint64_t start, std::uint64_t size)
{
    return size > std::numeric_limits<std::uint64_t>::max() - start ? std::numeric_limits<std::uint64_t>::max()
                                                                    : start + size;
}

QString hex(std::uint64_t v)
{
    return QStringLiteral("0x") + QString::number(v, 16);
}

void addRegions(const BinaryInfo &info, FileLayout &out)
{
    const std::uint64_t standardHeader = info.elfClass == 64 ? 64 : 52;
    out.regions.append({LayoutPart::ElfHeader, tr("ELF header"), -1, 0, standardHeader, 0, 0, false});
    if (info.headerSize != standardHeader)
        out.problems << tr("The ELF header says it is %1 bytes long; an ELF%2 header is %3 bytes.")
                            .arg(info.headerSize)
                            .arg(info.elfClass)
                            .arg(standardHeader);
    if (info.programHeaderCount > 0 && info.programHeaderOffset != 0)
        out.regions.append({LayoutPart::ProgramHeaders, tr("program headers"), -1, info.programHeaderOffset,
            std::uint64_t(info.programHeaderCount) * info.programHeaderEntrySize, 0, 0, false});
    QStringList empty;
    for (qsizetype i = 0; i < info.sections.size(); ++i) {
        const SectionInfo &s = info.sections[i];
        if (s.index == 0 && s.type == 0)
            continue; // the null section header
        if (s.type == ShtNobits) {
            if (s.size > 0)
                out.notInFile << tr("%1: %2 bytes of NOBITS, zero-filled in memory when loaded, no bytes in the file")
                                     .arg(s.name)
                                     .arg(s.size);
            continue;
        }
        if (s.size == 0) {
            empty << (s.name.isEmpty() ? QStringLiteral("[%1]").arg(s.index) : s.name);
            continue;
        }
        const QString name = s.name.isEmpty() ? QStringLiteral("[%1]").arg(s.index) : s.name;
        out.regions.append({LayoutPart::Section, name, int(i), s.offset, s.size, s.flags, s.type, false});
    }
    if (!empty.isEmpty()) {
        constexpr qsizetype kNamed = 12;
        QString names = QStringList(empty.mid(0, kNamed)).join(QStringLiteral(", "));
        if (empty.size() > kNamed)
            names += tr(" and %1 more").arg(empty.size() - kNamed);
        out.notInFile << tr("Empty sections (size 0, nothing to draw): %1").arg(names);
    }
    if (info.sectionHeaderOffset != 0 && info.sectionHeaderCount > 0)
        out.regions.append({LayoutPart::SectionHeaders, tr("section headers"), -1, info.sectionHeaderOffset,
            info.sectionHeaderCount * info.sectionHeaderEntrySize, 0, 0, false});
    std::stable_sort(out.regions.begin(), out.regions.end(), [](const LayoutRegion &a, const LayoutRegion &b) {
        return a.start != b.start ? a.start < b.start : a.size > b.size;
    });
    for (LayoutRegion &r : out.regions) {
        if (r.end() <= out.fileSize)
            continue;
        r.pastEnd = true;
        if (r.start >= out.fileSize)
            out.problems << tr("%1 (%2 bytes at offset %3) lies past the end of the file (%4 bytes): not drawn.")
                                .arg(r.name)
                                .arg(r.size)
                                .arg(hex(r.start))
                                .arg(out.fileSize);
        else
            out.problems << tr("%1 (%2 bytes at offset %3) passes the end of the file: its last %4 bytes are missing.")
                                .arg(r.name)
                                .arg(r.size)
                                .arg(hex(r.start))
                                .arg(r.end() - out.fileSize);
    }
}

// Cuts [0, fileSize) at every region's start and end; each piece lists what claims it.
void buildFileBand(FileLayout &out)
{
    struct Event {
        std::uint64_t at;
        bool starts;
        int region;
    };
    std::vector<Event> events;
    events.reserve(size_t(out.regions.size()) * 2);
    for (qsizetype i = 0; i < out.regions.size(); ++i) {
        const LayoutRegion &r = out.regions[i];
        if (r.start >= out.fileSize)
            continue;
        events.push_back({r.start, true, int(i)});
        events.push_back({std::min(r.end(), out.fileSize), false, int(i)});
    }
    std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.at < b.at; });
    std::set<int> active;
    std::uint64_t cursor = 0;
    size_t e = 0;
    const auto addPiece = [&](std::uint64_t from, std::uint64_t to) {
        if (to <= from)
            return;
        LayoutBlock b;
        b.start = from;
        b.size = to - from;
        b.claimants = int(active.size());
        for (auto it = active.begin(); it != active.end() && b.regions.size() < kListedClaimants; ++it)
            b.regions.append(*it);
        if (!out.fileBand.isEmpty()) {
            LayoutBlock &last = out.fileBand.last();
            if (last.claimants == b.claimants && last.regions == b.regions && b.claimants <= kListedClaimants) {
                last.size += b.size;
                return;
            }
        }
        if (b.claimants == 0) {
            b.part = LayoutPart::Gap;
            b.name = tr("gap");
        } else if (b.claimants == 1) {
            const LayoutRegion &r = out.regions[b.regions.first()];
            b.part = r.part;
            b.name = r.name;
            b.section = r.section;
            b.flags = r.flags;
        } else {
            b.part = LayoutPart::Overlap;
            QStringList names;
            for (int i : b.regions)
                names << out.regions[i].name;
            b.name = tr("overlap: %1").arg(names.join(QStringLiteral(", ")));
        }
        out.fileBand.append(b);
    };
    while (cursor < out.fileSize) {
        const std::uint64_t next = e < events.size() ? std::min(events[e].at, out.fileSize) : out.fileSize;
        addPiece(cursor, next);
        cursor = next;
        for (; e < events.size() && events[e].at == cursor; ++e) {
            if (events[e].starts)
                active.insert(events[e].region);
            else
                active.erase(events[e].region);
        }
    }
}

// Each gap is split where a segment starts or ends and tagged with the innermost segment over it: in a file with
// sections that is alignment padding inside (or between) segments; without sections, the segments' own bytes.
void tagGaps(const BinaryInfo &info, FileLayout &out)
{
    if (info.segments.size() > kDrawnSegments)
        return;
    const bool noSections = info.sections.isEmpty();
    QList<LayoutBlock> band;
    band.reserve(out.fileBand.size());
    for (const LayoutBlock &b : std::as_const(out.fileBand)) {
        if (b.part != LayoutPart::Gap) {
            band.append(b);
            continue;
        }
        std::vector<std::uint64_t> cuts {b.start, b.end()};
        for (const SegmentInfo &s : info.segments) {
            for (std::uint64_t at : {s.offset, saturatedEnd(s.offset, s.fileSize)})
                if (s.fileSize > 0 && at > b.start && at < b.end())
                    cuts.push_back(at);
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        for (size_t c = 0; c + 1 < cuts.size(); ++c) {
            LayoutBlock piece = b;
            piece.start = cuts[c];
            piece.size = cuts[c + 1] - cuts[c];
            std::uint64_t smallest = std::numeric_limits<std::uint64_t>::max();
            for (const SegmentInfo &s : info.segments) {
                if (s.fileSize > 0 && s.offset <= piece.start && saturatedEnd(s.offset, s.fileSize) >= piece.end()
                    && s.fileSize < smallest) {
                    smallest = s.fileSize;
                    piece.segment = s.index;
                }
            }
            if (noSections && piece.segment >= 0) {
                piece.part = LayoutPart::SegmentData;
                piece.name = elfnames::segmentTypeName(info.segments[piece.segment].type, info.machine, info.osAbi);
            }
            if (!band.isEmpty() && band.last().part == piece.part && band.last().segment == piece.segment
                && band.last().claimants == 0 && band.last().end() == piece.start) {
                band.last().size += piece.size;
                continue;
            }
            band.append(piece);
        }
    }
    out.fileBand = band;
}

void addSegments(const BinaryInfo &info, FileLayout &out)
{
    for (const SegmentInfo &s : info.segments) {
        LayoutSegment l;
        l.index = s.index;
        l.name = elfnames::segmentTypeName(s.type, info.machine, info.osAbi);
        l.type = s.type;
        l.flags = s.flags;
        l.offset = s.offset;
        l.fileSize = s.fileSize;
        l.address = s.virtualAddress;
        l.memorySize = s.memorySize;
        l.pastEnd = s.fileSize > 0 && saturatedEnd(s.offset, s.fileSize) > out.fileSize;
        if (!info.sections.isEmpty())
            l.sections = sectionsInSegment(info, s);
        out.segments.append(l);
    }
    // Rows: PT_LOAD nearest the band, then the others, larger ones lower, each in the lowest row where it overlaps
    // nothing already there.
    QList<int> order;
    for (qsizetype i = 0; i < out.segments.size() && order.size() < kDrawnSegments; ++i)
        if (out.segments[i].fileSize > 0 && out.segments[i].offset < out.fileSize)
            order.append(int(i));
    if (order.size() == kDrawnSegments)
        out.problems << tr("Only the first %1 segments get a bracket.").arg(kDrawnSegments);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const LayoutSegment &sa = out.segments[a], &sb = out.segments[b];
        if ((sa.type == PtLoad) != (sb.type == PtLoad))
            return sa.type == PtLoad;
        if (sa.type == PtLoad)
            return sa.offset < sb.offset;
        return sa.fileSize > sb.fileSize;
    });
    QList<QList<std::pair<std::uint64_t, std::uint64_t>>> rows;
    for (int i : order) {
        LayoutSegment &s = out.segments[i];
        const std::uint64_t from = s.offset, to = std::min(saturatedEnd(s.offset, s.fileSize), out.fileSize);
        int row = 0;
        for (; row < rows.size(); ++row) {
            const bool clash = std::any_of(rows[row].cbegin(), rows[row].cend(),
                [&](const auto &used) { return from < used.second && used.first < to; });
            if (!clash)
                break;
        }
        if (row == rows.size())
            rows.append(QList<std::pair<std::uint64_t, std::uint64_t>>());
        rows[row].append({from, to});
        s.row = row;
    }
    out.segmentRows = int(rows.size());
    for (const LayoutSegment &s : std::as_const(out.segments)) {
        if (s.pastEnd)
            out.problems << tr("Segment %1 (%2, %3 bytes at offset %4) passes the end of the file.")
                                .arg(s.index)
                                .arg(s.name)
                                .arg(s.fileSize)
                                .arg(hex(s.offset));
    }
    if (!info.segments.isEmpty())
        return;
    if (info.kind == BinaryKind::Relocatable)
        out.noSegments = tr("No segments: a relocatable object (.o) has no program headers. It is input for the "
                            "linker, never loaded itself; the linker gathers its sections into the segments of the "
                            "executable or library it makes.");
    else if (info.programHeaderCount > 0)
        out.noSegments = tr("No segments could be read: the ELF header declares %1 program headers, but the table "
                            "is not inside the file or its entries are the wrong size.")
                             .arg(info.programHeaderCount);
    else
        out.noSegments = tr("No segments: this file has no program headers, so the loader cannot map it.");
}

// The memory band of one PT_LOAD segment: its sections by address, the padding between them (named after the
// headers it holds, as the first segment of most files maps the ELF header and program headers), the memory-only
// tail split off where the file bytes end.
class MemoryBuilder
{
public:
    MemoryBuilder(const BinaryInfo &info, FileLayout &out)
        : m_info(info)
        , m_out(out)
    {
    }

    void addLoad(const SegmentInfo &seg)
    {
        m_seg = &seg;
        m_end = saturatedEnd(seg.virtualAddress, seg.memorySize);
        m_fileEnd = saturatedEnd(seg.virtualAddress, std::min(seg.fileSize, seg.memorySize));
        QList<int> sections;
        for (int i : sectionIndexesInSegment(m_info, seg)) {
            const SectionInfo &s = m_info.sections[i];
            if ((s.flags & ShfAlloc) && s.size > 0)
                sections.append(i);
        }
        std::stable_sort(sections.begin(), sections.end(),
            [&](int a, int b) { return m_info.sections[a].address < m_info.sections[b].address; });
        std::uint64_t cursor = seg.virtualAddress;
        for (int i : sections) {
            const SectionInfo &s = m_info.sections[i];
            const std::uint64_t from = std::max(cursor, s.address);
            const std::uint64_t to = std::min(saturatedEnd(s.address, s.size), m_end);
            if (to <= from)
                continue; // wholly under the section before it
            padding(cursor, from);
            piece(from, to, LayoutPart::Section, s.name, i, s.flags);
            cursor = to;
        }
        padding(cursor, m_end);
    }

private:
    void padding(std::uint64_t from, std::uint64_t to)
    {
        // Header tables the segment maps, as addresses.
        struct Header {
            std::uint64_t from, to;
            LayoutPart part;
            QString name;
        };
        QList<Header> headers;
        for (const LayoutRegion &r : std::as_const(m_out.regions)) {
            if (r.part != LayoutPart::ElfHeader && r.part != LayoutPart::ProgramHeaders)
                continue;
            if (r.start < m_seg->offset || r.end() > saturatedEnd(m_seg->offset, m_seg->fileSize))
                continue;
            const std::uint64_t a = m_seg->virtualAddress + (r.start - m_seg->offset);
            headers.append({a, saturatedEnd(a, r.size), r.part, r.name});
        }
        std::uint64_t cursor = from;
        for (const Header &h : std::as_const(headers)) {
            const std::uint64_t a = std::max(h.from, cursor), b = std::min(h.to, to);
            if (b <= a)
                continue;
            piece(cursor, a, LayoutPart::Padding, tr("no section"), -1, 0);
            piece(a, b, h.part, h.name, -1, 0);
            cursor = b;
        }
        piece(cursor, to, LayoutPart::Padding, tr("no section"), -1, 0);
    }

    // Split where the file's bytes end: the part after is memory only (.bss).
    void piece(
        std::uint64_t from, std::uint64_t to, LayoutPart part, const QString &name, int section, std::uint64_t flags)
    {
        const auto add = [&](std::uint64_t a, std::uint64_t b, bool memoryOnly) {
            if (b <= a)
                return;
            LayoutBlock block;
            block.part = part;
            block.name = (part == LayoutPart::Padding && memoryOnly) ? tr("memory only") : name;
            block.start = a;
            block.size = b - a;
            block.section = section;
            block.segment = m_seg->index;
            block.memoryOnly = memoryOnly;
            block.flags = flags;
            block.fileOffset = memoryOnly ? 0 : m_seg->offset + (a - m_seg->virtualAddress);
            m_out.memoryBand.append(block);
        };
        add(from, std::min(to, m_fileEnd), false);
        add(std::max(from, m_fileEnd), to, true);
    }

    const BinaryInfo &m_info;
    FileLayout &m_out;
    const SegmentInfo *m_seg = nullptr;
    std::uint64_t m_end = 0;
    std::uint64_t m_fileEnd = 0;
};

void buildMemoryBand(const BinaryInfo &info, FileLayout &out)
{
    if (info.segments.isEmpty()) {
        out.noMemory = info.kind == BinaryKind::Relocatable
            ? tr("No memory view: an object file is not loaded; its sections get addresses only when the linker "
                 "places them in an executable or a library.")
            : out.noSegments;
        return;
    }
    QList<const SegmentInfo *> loads;
    for (const SegmentInfo &s : info.segments)
        if (s.type == PtLoad && s.memorySize > 0)
            loads.append(&s);
    if (loads.isEmpty()) {
        out.noMemory = tr("No memory view: there is no PT_LOAD segment, so nothing of this file is mapped.");
        return;
    }
    if (loads.size() > kDrawnSegments) {
        out.problems << tr("Only the first %1 PT_LOAD segments are drawn in memory.").arg(kDrawnSegments);
        loads.resize(kDrawnSegments);
    }
    std::stable_sort(loads.begin(), loads.end(),
        [](const SegmentInfo *a, const SegmentInfo *b) { return a->virtualAddress < b->virtualAddress; });
    MemoryBuilder builder(info, out);
    std::uint64_t end = 0;
    bool first = true;
    for (const SegmentInfo *s : std::as_const(loads)) {
        if (!first && s->virtualAddress < end) {
            out.problems << tr("Segment %1 (LOAD at %2) overlaps the segment before it in memory: not drawn there.")
                                .arg(s->index)
                                .arg(hex(s->virtualAddress));
            continue;
        }
        if (!first && s->virtualAddress > end) {
            LayoutBlock gap;
            gap.part = LayoutPart::Unmapped;
            gap.name = tr("unmapped");
            gap.start = end;
            gap.size = s->virtualAddress - end;
            out.memoryBand.append(gap);
        }
        builder.addLoad(*s);
        end = saturatedEnd(s->virtualAddress, s->memorySize);
        first = false;
    }
}

} // namespace

std::uint64_t LayoutRegion::end() const
{
    return saturatedEnd(start, size);
}

QString LayoutSegment::permissions() const
{
    QString p;
    if (flags & PfR)
        p += u'R';
    if (flags & PfW)
        p += u'W';
    if (flags & PfX)
        p += u'X';
    return p;
}

int FileLayout::sectionBlockCount() const
{
    return int(std::count_if(
        fileBand.cbegin(), fileBand.cend(), [](const LayoutBlock &b) { return b.part == LayoutPart::Section; }));
}

FileLayout fileLayout(const BinaryInfo &info)
{
    FileLayout out;
    out.path = info.path;
    out.fileSize = info.fileSize;
    if (info.isArchive()) {
        out.noSegments = out.noMemory = tr("An archive is a bundle of object files: open a member to see its layout.");
        return out;
    }
    addRegions(info, out);
    buildFileBand(out);
    addSegments(info, out);
    tagGaps(info, out);
    buildMemoryBand(info, out);
    return out;
}

QString layoutPartName(LayoutPart part)
{
    switch (part) {
    case LayoutPart::ElfHeader: return tr("ELF header");
    case LayoutPart::ProgramHeaders: return tr("program header table");
    case LayoutPart::Section: return tr("section");
    case LayoutPart::SectionHeaders: return tr("section header table");
    case LayoutPart::Gap: return tr("gap: bytes no header describes");
    case LayoutPart::Overlap: return tr("overlap: bytes claimed twice");
    case LayoutPart::SegmentData: return tr("segment bytes (no section headers)");
    case LayoutPart::Padding: return tr("in a segment, in no section");
    case LayoutPart::Unmapped: return tr("unmapped");
    }
    return {};
}

} // namespace linklab
