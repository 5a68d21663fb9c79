// SPDX-License-Identifier: MIT
#include "binary/elfchecks.h"

#include <QByteArray>

#include <algorithm>

namespace linklab::detail {
namespace {

constexpr std::uint32_t SHT_NULL = 0, SHT_DYNAMIC = 6, SHT_NOBITS = 8, SHT_REL = 9, SHT_RELA = 4;
constexpr std::uint64_t SHF_INFO_LINK = 0x40, SHF_COMPRESSED = 0x800;
constexpr std::uint32_t PT_DYNAMIC = 2;
constexpr std::size_t kMaxWarningsPerKind = 8; // a fuzzed file can have thousands; the first few say enough
// Inflating proves a compressed section intact, but a hostile file can make it expensive: deflate expands at most
// ~1032:1, so streams up to 64 KiB (at most ~66 MB out) are inflated, each stream once, 256 KiB of them per file.
constexpr std::uint64_t kMaxInflatedStream = 64u << 10;
constexpr std::uint64_t kInflateBudget = 256u << 10;
constexpr std::uint64_t kMaxCheckedInflate = 64u << 20;

std::uint64_t readUnsigned(const std::uint8_t *p, int bytes, bool bigEndian)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= std::uint64_t(p[i]) << (bigEndian ? (bytes - 1 - i) * 8 : i * 8);
    return v;
}

bool rangeFits(std::uint64_t offset, std::uint64_t length, std::size_t size)
{
    return offset <= size && length <= size - offset;
}

struct RawSection {
    std::uint32_t name = 0, type = 0, link = 0, info = 0;
    std::uint64_t flags = 0, offset = 0, size = 0;
};

RawSection readSection(const ElfLayout &l, const std::uint8_t *p)
{
    const bool be = l.bigEndian;
    RawSection s;
    s.name = std::uint32_t(readUnsigned(p, 4, be));
    s.type = std::uint32_t(readUnsigned(p + 4, 4, be));
    if (l.is64) {
        s.flags = readUnsigned(p + 8, 8, be);
        s.offset = readUnsigned(p + 24, 8, be);
        s.size = readUnsigned(p + 32, 8, be);
        s.link = std::uint32_t(readUnsigned(p + 40, 4, be));
        s.info = std::uint32_t(readUnsigned(p + 44, 4, be));
    } else {
        s.flags = readUnsigned(p + 8, 4, be);
        s.offset = readUnsigned(p + 16, 4, be);
        s.size = readUnsigned(p + 20, 4, be);
        s.link = std::uint32_t(readUnsigned(p + 24, 4, be));
        s.info = std::uint32_t(readUnsigned(p + 28, 4, be));
    }
    return s;
}

// Collects warnings of one kind, keeping the first few and counting the rest.
class WarningGroup
{
public:
    explicit WarningGroup(QStringList &out)
        : m_out(out)
    {
    }
    ~WarningGroup()
    {
        if (m_dropped > 0)
            m_out << QStringLiteral("... and %1 more like the above").arg(m_dropped);
    }
    void add(const QString &w)
    {
        if (m_count++ < kMaxWarningsPerKind)
            m_out << w;
        else
            ++m_dropped;
    }

private:
    QStringList &m_out;
    std::size_t m_count = 0;
    std::size_t m_dropped = 0;
};

// SHF_COMPRESSED: an Elf_Chdr (type, size, alignment) precedes a zlib stream that must inflate to ch_size bytes.
struct InflateBudget {
    std::uint64_t left = kInflateBudget;
    QList<std::uint64_t> seen; // stream offsets already checked
};

void checkCompressed(const ElfLayout &l, const RawSection &s, std::uint32_t index, InflateBudget &budget,
    const std::uint8_t *data, std::size_t size, WarningGroup &warn)
{
    const std::uint64_t chdrSize = l.is64 ? 24 : 12;
    if (s.type == SHT_NOBITS || !rangeFits(s.offset, s.size, size) || s.size < chdrSize) {
        warn.add(QStringLiteral("compressed section %1 is too small for its compression header").arg(index));
        return;
    }
    const std::uint8_t *p = data + s.offset;
    const auto type = std::uint32_t(readUnsigned(p, 4, l.bigEndian));
    const std::uint64_t expanded = l.is64 ? readUnsigned(p + 8, 8, l.bigEndian) : readUnsigned(p + 4, 4, l.bigEndian);
    if (type != 1 && type != 2) {
        warn.add(QStringLiteral("compressed section %1 uses unknown compression type %2").arg(index).arg(type));
        return;
    }
    const std::uint64_t stream = s.size - chdrSize;
    if (type != 1 || expanded > kMaxCheckedInflate || expanded == 0 || stream > kMaxInflatedStream
        || stream > budget.left || budget.seen.contains(s.offset))
        return; // zstd, too big to check cheaply, out of budget, or already checked
    budget.left -= stream;
    budget.seen.append(s.offset);
    // qUncompress wants the expected size as a 4-byte big-endian prefix before the zlib stream.
    QByteArray framed(4, '\0');
    for (int i = 0; i < 4; ++i)
        framed[i] = char((expanded >> (24 - 8 * i)) & 0xff);
    framed.append(reinterpret_cast<const char *>(p + chdrSize), qsizetype(s.size - chdrSize));
    const QByteArray out = qUncompress(framed);
    if (std::uint64_t(out.size()) != expanded)
        warn.add(QStringLiteral("compressed section %1 does not inflate to the %2 bytes its header declares")
                     .arg(index)
                     .arg(expanded));
}

} // namespace

bool ElfLayout::sectionHeadersReadable(std::size_t fileSize) const
{
    return shnum != 0 && shentsize >= (is64 ? 64 : 40) && rangeFits(shoff, std::uint64_t(shnum) * shentsize, fileSize);
}

std::optional<QString> readElfLayout(const std::uint8_t *data, std::size_t size, ElfLayout &h)
{
    if (size < 16)
        return QStringLiteral("truncated ELF file: %1 bytes, shorter than the ELF identification").arg(size);
    if (data[4] != 1 && data[4] != 2)
        return QStringLiteral("ELF file with an invalid class byte (%1)").arg(data[4]);
    if (data[5] != 1 && data[5] != 2)
        return QStringLiteral("ELF file with an invalid data encoding byte (%1)").arg(data[5]);
    h.is64 = data[4] == 2;
    h.bigEndian = data[5] == 2;
    const std::size_t headerSize = h.is64 ? 64 : 52;
    if (size < headerSize)
        return QStringLiteral("truncated ELF header: %1 bytes, a %2-bit header needs %3")
            .arg(size)
            .arg(h.is64 ? 64 : 32)
            .arg(headerSize);
    const bool be = h.bigEndian;
    const int w = h.is64 ? 8 : 4;
    const std::size_t after = h.is64 ? 48 : 36; // e_flags; then e_ehsize, e_phentsize, ...
    h.phoff = readUnsigned(data + 24 + w, w, be);
    h.shoff = readUnsigned(data + 24 + 2 * w, w, be);
    h.phentsize = std::uint16_t(readUnsigned(data + after + 6, 2, be));
    h.phnum = std::uint16_t(readUnsigned(data + after + 8, 2, be));
    h.shentsize = std::uint16_t(readUnsigned(data + after + 10, 2, be));
    h.shnum = std::uint32_t(readUnsigned(data + after + 12, 2, be));
    h.shstrndx = std::uint16_t(readUnsigned(data + after + 14, 2, be));
    h.sectionCount = h.shnum;
    if (h.shnum == 0 && h.shoff != 0 && rangeFits(h.shoff, h.is64 ? 64 : 40, size))
        h.sectionCount = readSection(h, data + h.shoff).size;
    return std::nullopt;
}

void checkElfStructure(const ElfLayout &l, const std::uint8_t *data, std::size_t size, QStringList &warnings)
{
    const std::uint64_t expectedShent = l.is64 ? 64 : 40;
    const std::uint64_t expectedPhent = l.is64 ? 56 : 32;
    if (l.shoff != 0 && l.shnum == 0) {
        // e_shnum 0 with an offset is legal only for extended numbering, where section 0's sh_size holds the count.
        const bool extended = rangeFits(l.shoff, expectedShent, size) && readSection(l, data + l.shoff).size != 0;
        if (!extended)
            warnings << QStringLiteral("possibly corrupt ELF header: a section header offset but no section headers");
    }
    if (l.shnum != 0 && l.shentsize != expectedShent)
        warnings << QStringLiteral("section header entry size is %1, expected %2").arg(l.shentsize).arg(expectedShent);
    const std::uint64_t shBytes = std::uint64_t(l.shnum) * l.shentsize;
    if (l.shnum != 0 && !rangeFits(l.shoff, shBytes, size))
        warnings << QStringLiteral(
            "section headers (%1 bytes at offset 0x%2) extend past the end of the file (%3 bytes)")
                        .arg(shBytes)
                        .arg(l.shoff, 0, 16)
                        .arg(size);
    if (l.phnum != 0 && l.phentsize != expectedPhent)
        warnings << QStringLiteral("program header entry size is %1, expected %2").arg(l.phentsize).arg(expectedPhent);
    const std::uint64_t phBytes = std::uint64_t(l.phnum) * l.phentsize;
    const bool phReadable = l.phnum != 0 && l.phentsize == expectedPhent && rangeFits(l.phoff, phBytes, size);
    if (l.phnum != 0 && !rangeFits(l.phoff, phBytes, size))
        warnings << QStringLiteral("program headers (%1 bytes at offset 0x%2) extend past the end of the file")
                        .arg(phBytes)
                        .arg(l.phoff, 0, 16);

    QList<RawSection> sections;
    if (l.sectionHeadersReadable(size)) {
        for (std::uint32_t i = 0; i < l.shnum; ++i)
            sections.append(readSection(l, data + l.shoff + std::uint64_t(i) * l.shentsize));
        if (l.shstrndx >= l.shnum && l.shstrndx != 0xffff)
            warnings << QStringLiteral("the section name table index (%1) is out of range").arg(l.shstrndx);
        if (sections[0].type != SHT_NULL)
            warnings << QStringLiteral("section 0 should be the null section but has type %1").arg(sections[0].type);
    }
    {
        WarningGroup links(warnings), extents(warnings), compressed(warnings);
        InflateBudget budget;
        const std::uint32_t count = std::uint32_t(sections.size());
        for (std::uint32_t i = 0; i < count; ++i) {
            const RawSection &s = sections[int(i)];
            if (s.link >= count)
                links.add(QStringLiteral("section %1 has an out of range sh_link value of %2").arg(i).arg(s.link));
            else if (s.link == i && s.type != SHT_NULL)
                links.add(QStringLiteral("section %1 links to itself").arg(i));
            const bool infoIsIndex = s.type == SHT_REL || s.type == SHT_RELA || (s.flags & SHF_INFO_LINK);
            if (infoIsIndex && s.info >= count)
                links.add(QStringLiteral("section %1 has an out of range sh_info value of %2").arg(i).arg(s.info));
            if (s.type != SHT_NOBITS && s.type != SHT_NULL && !rangeFits(s.offset, s.size, size))
                extents.add(
                    QStringLiteral("section %1's contents (%2 bytes at offset 0x%3) extend past the end of the file")
                        .arg(i)
                        .arg(s.size)
                        .arg(s.offset, 0, 16));
            else if (s.flags & SHF_COMPRESSED)
                checkCompressed(l, s, i, budget, data, size, compressed);
        }
    }
    if (phReadable && !sections.isEmpty()) {
        // The first PT_DYNAMIC is the one the loader uses; it should be a .dynamic section (NOBITS in a
        // separate debug file).
        for (std::uint16_t i = 0; i < l.phnum; ++i) {
            const std::uint8_t *p = data + l.phoff + std::uint64_t(i) * l.phentsize;
            if (readUnsigned(p, 4, l.bigEndian) != PT_DYNAMIC)
                continue;
            const std::uint64_t offset = readUnsigned(p + (l.is64 ? 8 : 4), l.is64 ? 8 : 4, l.bigEndian);
            const bool found = std::any_of(sections.cbegin(), sections.cend(), [&](const RawSection &s) {
                return (s.type == SHT_DYNAMIC || s.type == SHT_NOBITS) && s.offset == offset;
            });
            if (!found)
                warnings << QStringLiteral("no .dynamic section in the dynamic segment");
            break;
        }
    }
}

QString nmRejection(const ElfLayout &l, const std::uint8_t *data, std::size_t size)
{
    // The checks of bfd's elf_object_p (binutils 2.40) after which nm says "file format not recognized" and exits
    // 1. Others that reject the ELF target (a bad version byte, odd entry sizes, section headers outside the file)
    // leave nm saying "no symbols" and exiting 0, as the mutation campaign showed: LinkLab says what it found there
    // and exits 0 too.
    const bool be = l.bigEndian;
    const std::uint64_t shdrSize = l.is64 ? 64 : 40;
    const std::uint16_t machine = std::uint16_t(readUnsigned(data + 18, 2, be));
    if (l.shoff == 0 || l.shentsize != shdrSize || !rangeFits(l.shoff, shdrSize, size))
        return {};
    const std::uint64_t count = l.sectionCount;
    if (count <= 1 || count > size / shdrSize || !rangeFits(l.shoff, count * shdrSize, size))
        return {}; // (by division first: a 64-bit count from section 0 could wrap the product)
    for (std::uint64_t i = 1; i < count; ++i) {
        const RawSection sec = readSection(l, data + l.shoff + i * shdrSize);
        constexpr std::uint32_t SHT_RELA = 4, SHT_REL = 9;
        constexpr std::uint64_t SHF_INFO_LINK = 0x40;
        // Solaris sets sh_link to SHN_BEFORE or SHN_AFTER on x86 and SPARC, and bfd lets that pass there.
        const bool solarisLink = (sec.link == 0xff00 || sec.link == 0xff01)
            && (machine == 3 || machine == 6 || machine == 62 || machine == 2 || machine == 11 || machine == 18
                || machine == 43);
        if (sec.link >= count && !solarisLink)
            return QStringLiteral("section %1's sh_link (%2) is past the last section").arg(i).arg(sec.link);
        if (((sec.flags & SHF_INFO_LINK) || sec.type == SHT_REL || sec.type == SHT_RELA) && sec.info >= count)
            return QStringLiteral("section %1's sh_info (%2) is past the last section").arg(i).arg(sec.info);
        if (sec.type != SHT_NOBITS && sec.type != SHT_NULL && sec.size != 0 && !rangeFits(sec.offset, sec.size, size))
            return QStringLiteral("section %1's contents run past the end of the file").arg(i);
    }
    return {};
}

} // namespace linklab::detail
