// SPDX-License-Identifier: MIT
#include "inspector/layouttips.h"

#include "binary/elfnames.h"
#include "binary/hexformat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace linklab::layouttips {

namespace {

constexpr std::uint64_t ShfWrite = 0x1, ShfAlloc = 0x2, ShfExec = 0x4;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("linklab::LayoutView", text, disambiguation, n);
}

QString number(std::uint64_t v)
{
    return QLocale().toString(qulonglong(v));
}

// Lines of a tooltip, each kept on one line (Qt wraps rich text at a width of its own choosing).
QString toolTipText(const QStringList &lines)
{
    return QStringLiteral("<div style=\"white-space: nowrap\">") + lines.join(QStringLiteral("<br>"))
        + QStringLiteral("</div>");
}

} // namespace

QString sectionPermissions(std::uint64_t flags)
{
    if (!(flags & ShfAlloc))
        return {};
    return QStringLiteral("R") + ((flags & ShfWrite) ? QStringLiteral("W") : QString())
        + ((flags & ShfExec) ? QStringLiteral("X") : QString());
}

QString spaced(const QString &permissions) // "RX" -> "R X", as readelf writes p_flags
{
    return permissions.isEmpty() ? QStringLiteral("---")
                                 : QStringList(permissions.split(QString(), Qt::SkipEmptyParts)).join(u' ');
}

QString blockToolTip(const FileLayout &layout, const BinaryInfo *binary, const LayoutBlock &b, bool memory)
{
    QStringList lines;
    const QString range
        = QStringLiteral("%1 – %2 (%3 bytes)").arg(hexString(b.start), hexString(b.end()), number(b.size));
    if (b.section >= 0 && binary && b.section < binary->sections.size()) {
        const SectionInfo &s = binary->sections[b.section];
        lines << QStringLiteral("<b>%1</b> (%2)")
                     .arg(s.name.toHtmlEscaped(), elfnames::sectionTypeName(s.type, binary->machine, binary->osAbi));
        lines << tr("offset %1 – %2 in the file, %3 bytes")
                     .arg(hexString(s.offset), hexString(s.offset + s.size), number(s.size));
        if (s.flags & ShfAlloc)
            lines << tr("address %1 in memory").arg(hexString(s.address));
        lines << tr("flags %1")
                     .arg(elfnames::sectionFlagsText(s.flags).isEmpty() ? tr("none (not loaded)")
                                                                        : elfnames::sectionFlagsText(s.flags));
        if (s.size != b.size)
            lines << tr("this piece: %1").arg(range);
        if (memory && b.memoryOnly)
            lines << tr("no bytes in the file: the loader fills it with zeros");
        lines << tr("Click to see it in Sections.");
        return toolTipText(lines);
    }
    lines << QStringLiteral("<b>%1</b>").arg(b.name.toHtmlEscaped());
    lines << (memory ? tr("address %1").arg(range) : tr("offset %1").arg(range));
    switch (b.part) {
    case LayoutPart::Gap:
        lines << tr("No header describes these bytes: usually padding, so the next part starts aligned.");
        break;
    case LayoutPart::Overlap:
        lines << tr("%n things claim these bytes: the file is broken.", nullptr, b.claimants);
        break;
    case LayoutPart::SegmentData:
        lines << tr("The file has no section headers: only the segment says what is here.");
        break;
    case LayoutPart::Unmapped: lines << tr("Nothing of the file is mapped here (drawn narrow: not to scale)."); break;
    case LayoutPart::Padding:
        lines << (b.memoryOnly ? tr("No bytes in the file: the loader fills it with zeros.")
                               : tr("Inside the segment but in no section."));
        break;
    default: break;
    }
    if (memory && !b.memoryOnly && b.part != LayoutPart::Unmapped)
        lines << tr("bytes from file offset %1").arg(hexString(b.fileOffset));
    if (b.segment >= 0 && b.segment < layout.segments.size())
        lines << tr("in segment %1 (%2 %3)")
                     .arg(b.segment)
                     .arg(layout.segments[b.segment].name, spaced(layout.segments[b.segment].permissions()));
    return toolTipText(lines);
}

QString segmentToolTip(const LayoutSegment &s)
{
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> %2 (program header %3)").arg(s.name, spaced(s.permissions())).arg(s.index);
    lines << tr("offset %1 – %2 in the file, %3 bytes")
                 .arg(hexString(s.offset), hexString(s.offset + s.fileSize), number(s.fileSize));
    lines << tr("address %1 – %2 in memory, %3 bytes")
                 .arg(hexString(s.address), hexString(s.address + s.memorySize), number(s.memorySize));
    if (s.memorySize > s.fileSize)
        lines << tr("%1 bytes in memory have no bytes in the file (zero-filled: .bss)")
                     .arg(number(s.memorySize - s.fileSize));
    if (!s.sections.isEmpty())
        lines << tr("sections: %1").arg(s.sections.join(u' ').toHtmlEscaped());
    if (s.pastEnd)
        lines << tr("<b>passes the end of the file</b>");
    lines << tr("Click to see it in Segments.");
    return toolTipText(lines);
}

} // namespace linklab::layouttips
