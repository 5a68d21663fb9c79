// SPDX-License-Identifier: MIT
// LinkLab's ELF reader. Every read goes through Image, which checks offset and length against the file; every
// count taken from the file is bounded by what the file can hold before anything is reserved. One file because it
// is one pass of one Reader over one file's tables (headers, dynamic section, versions, symbols, relocations)
// sharing the same bounds-checked Image and string tables; each table is a method of a few dozen lines. Where the tools
// disagree on where to look, it looks where binutils does (readelf for the dynamic section, bfd for versions),
// since nm and readelf are the references the tests hold it to.
#include "binary/elfreader.h"

#include "binary/bytenames.h"
#include "binary/demangle.h"
#include "binary/elfchecks.h"
#include "binary/nmformat.h"
#include "binary/symbolsearch.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cstring>

namespace linklab::detail {
namespace {

constexpr std::uint32_t SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_DYNAMIC = 6, SHT_NOBITS = 8, SHT_DYNSYM = 11;
constexpr std::uint32_t SHT_GNU_verdef = 0x6ffffffd, SHT_GNU_verneed = 0x6ffffffe, SHT_GNU_versym = 0x6fffffff;
constexpr std::uint32_t PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3;
constexpr std::int64_t DT_NULL = 0, DT_NEEDED = 1, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_STRSZ = 10,
                       DT_SONAME = 14, DT_RPATH = 15, DT_RUNPATH = 29, DT_GNU_HASH = 0x6ffffef5, DT_VERSYM = 0x6ffffff0,
                       DT_VERDEF = 0x6ffffffc, DT_VERDEFNUM = 0x6ffffffd, DT_VERNEED = 0x6ffffffe,
                       DT_VERNEEDNUM = 0x6fffffff, DT_FLAGS_1 = 0x6ffffffb;
constexpr std::uint64_t DF_1_PIE = 0x08000000;
constexpr std::uint16_t SHN_XINDEX = 0xffff;
constexpr std::uint16_t kVersymHidden = 0x8000;
constexpr std::uint16_t kVerFlgBase = 0x1;

// Names of one string table may add up to this much more than the table itself before they are cut: real
// tables share a tail now and then ("foo" inside "barfoo"), a hostile one without NUL bytes makes every name run
// to its end, which for 7,000 symbols over a 500 KB table would be gigabytes.
constexpr std::uint64_t kNameBudgetFactor = 4;
constexpr std::uint64_t kNameBudgetSlack = 1 << 20;

// The bytes of the file with bounds-checked reads in its byte order.
class Image
{
public:
    Image(const std::uint8_t *data, std::size_t size, bool is64, bool bigEndian, const NeedRange &need)
        : m_data(data)
        , m_size(size)
        , m_is64(is64)
        , m_be(bigEndian)
        , m_need(need)
    {
    }

    std::size_t size() const { return m_size; }
    bool is64() const { return m_is64; }
    int word() const { return m_is64 ? 8 : 4; }
    const std::uint8_t *at(std::uint64_t offset) const { return m_data + offset; }
    // Whether the range lies inside the file, without loading it.
    bool inside(std::uint64_t offset, std::uint64_t length) const
    {
        return offset <= m_size && length <= m_size - offset;
    }
    // Whether the range lies inside the file; when it does, it is loaded (for a file read on demand).
    bool fits(std::uint64_t offset, std::uint64_t length) const
    {
        const bool inside = offset <= m_size && length <= m_size - offset;
        if (inside && m_need && length > 0)
            m_need(offset, length);
        return inside;
    }
    // Callers check fits() first.
    std::uint64_t get(std::uint64_t offset, int bytes) const
    {
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) {
            const int shift = m_be ? 8 * (bytes - 1 - i) : 8 * i;
            v |= std::uint64_t(m_data[offset + std::uint64_t(i)]) << shift;
        }
        return v;
    }
    std::uint64_t u16(std::uint64_t o) const { return get(o, 2); }
    std::uint64_t u32(std::uint64_t o) const { return get(o, 4); }
    std::uint64_t addr(std::uint64_t o) const { return get(o, word()); }

private:
    const std::uint8_t *m_data;
    std::size_t m_size;
    bool m_is64;
    bool m_be;
    const NeedRange &m_need;
};

// The furthest byte the headers describe. Ends past 1 TiB are nonsense from a corrupt header, not a size a file
// was cut from: they are left out, so a damaged header is not reported as a truncation to exabytes.
std::uint64_t sizeDescribed(const ElfLayout &layout, const BinaryInfo &info)
{
    constexpr std::uint64_t Sane = std::uint64_t(1) << 40;
    constexpr std::uint32_t SHT_NOBITS = 8;
    std::uint64_t end = 0;
    const auto extend = [&](std::uint64_t offset, std::uint64_t length) {
        if (offset < Sane && length < Sane)
            end = std::max(end, offset + length);
    };
    if (layout.shoff != 0)
        extend(layout.shoff, std::min<std::uint64_t>(layout.sectionCount, Sane) * layout.shentsize);
    if (layout.phoff != 0)
        extend(layout.phoff, std::uint64_t(layout.phnum) * layout.phentsize);
    for (const SectionInfo &section : info.sections) {
        if (section.type != SHT_NOBITS)
            extend(section.offset, section.size);
    }
    for (const SegmentInfo &segment : info.segments)
        extend(segment.offset, segment.fileSize);
    return end;
}

// A string table: where it lies, what it is called in warnings, and how much more may be decoded from it.
struct StringTable {
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    bool valid = false;
    QString label;
    std::uint64_t budget = 0;

    static StringTable at(const Image &image, std::uint64_t offset, std::uint64_t size, const QString &label)
    {
        StringTable t;
        t.label = label;
        if (size == 0 || !image.fits(offset, size))
            return t;
        t.offset = offset;
        t.size = size;
        t.valid = true;
        t.budget = size * kNameBudgetFactor + kNameBudgetSlack;
        return t;
    }
};

class Reader
{
public:
    Reader(const Image &image, const ElfLayout &layout, const OpenOptions &options, BinaryInfo &info)
        : m_image(image)
        , m_layout(layout)
        , m_options(options)
        , m_info(info)
    {
    }

    // False when a staged read was stopped (OpenOptions::stageReady returned false).
    bool run()
    {
        readHeader();
        readSegments();
        readSections();
        readInterpreter();
        readDynamic();
        m_info.kind = kindOf();
        m_info.sizeNeeded = sizeDescribed(m_layout, m_info);
        if (m_options.stageReady && !m_options.stageReady(LoadStage::Facts, m_info))
            return false;
        if (m_options.symbols || m_options.relocations) { // relocations name their symbols
            readVersions();
            readSymbols();
            if (m_options.searchIndex)
                m_info.symbolSearch = std::make_shared<const SymbolSearch>(buildSymbolSearch(m_info.symbols));
        }
        if (m_options.relocations) {
            if (m_options.stageReady && !m_options.stageReady(LoadStage::Symbols, m_info))
                return false;
            readRelocations();
        }
        m_info.kind = kindOf();
        return true;
    }

private:
    struct RawSection {
        std::uint32_t nameOffset = 0;
        std::uint32_t type = 0;
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
        std::uint32_t link = 0;
        std::uint32_t info = 0;
        std::uint64_t entrySize = 0;
    };

    void warnOnce(const QString &text)
    {
        if (!m_warned.contains(text)) {
            m_warned.insert(text);
            m_info.warnings << text;
        }
    }

    // The string at `index` in `table`, up to its NUL byte or the end of the table, whichever comes first.
    QString stringAt(StringTable &table, std::uint64_t index)
    {
        if (!table.valid)
            return {};
        if (index >= table.size) {
            warnOnce(QStringLiteral("names point past the end of %1; they are shown empty").arg(table.label));
            return {};
        }
        const std::uint8_t *start = m_image.at(table.offset + index);
        const std::uint64_t left = table.size - index;
        // Scanning no further than the budget allows keeps a table without NUL bytes from costing
        // symbols x table size in time, as it would in memory.
        const std::uint64_t scan = std::min(left, table.budget + 1);
        const auto *nul = static_cast<const std::uint8_t *>(std::memchr(start, 0, scan));
        std::uint64_t length = nul ? std::uint64_t(nul - start) : scan;
        if (!nul && scan == left)
            warnOnce(QStringLiteral("%1 does not end in a NUL byte: the names at its end run to the end of the table")
                         .arg(table.label));
        if (length > table.budget) {
            warnOnce(QStringLiteral("the names in %1 overlap far more than a real string table's (are its NUL bytes "
                                    "missing?): names past the first %2 bytes read from it are cut")
                         .arg(table.label)
                         .arg(table.size * kNameBudgetFactor + kNameBudgetSlack));
            length = table.budget;
        }
        table.budget -= length;
        return decodeName(QByteArrayView(reinterpret_cast<const char *>(start), qsizetype(length)));
    }

    void readHeader()
    {
        const Image &im = m_image;
        const int w = im.word();
        m_info.elfClass = im.is64() ? 64 : 32;
        m_info.bigEndian = m_layout.bigEndian;
        m_info.osAbi = *im.at(7);
        m_info.elfType = std::uint16_t(im.u16(16));
        m_info.machine = std::uint16_t(im.u16(18));
        m_info.entry = im.get(24, w);
        m_info.flags = std::uint32_t(im.u32(im.is64() ? 48 : 36));
        m_info.headerSize = std::uint16_t(im.u16(im.is64() ? 52 : 40));
        m_info.programHeaderOffset = m_layout.phoff;
        m_info.programHeaderEntrySize = m_layout.phentsize;
        m_info.programHeaderCount = m_layout.phnum;
        m_info.sectionHeaderOffset = m_layout.shoff;
        m_info.sectionHeaderEntrySize = m_layout.shentsize;
        m_info.sectionHeaderCount = m_layout.sectionCount;
    }

    // How many entries of a header table (`what`: "program", "section") can be read: all of them when the
    // table lies inside the file, else the whole entries that do, with a warning. The count may come from section
    // 0's 64-bit sh_size (extended numbering), so it is compared by division: count x entry size cannot wrap
    // around to a small number that seems to fit.
    std::uint64_t readableEntries(
        const char *what, std::uint64_t offset, std::uint64_t count, std::uint64_t entsize, std::uint64_t minimum)
    {
        if (count == 0 || offset == 0)
            return 0;
        if (entsize < minimum) {
            m_info.warnings << QStringLiteral("%1 header entries of %2 bytes are too small (%3 needed); they are not "
                                              "shown")
                                   .arg(QLatin1String(what))
                                   .arg(entsize)
                                   .arg(minimum);
            return 0;
        }
        if (count <= m_image.size() / entsize && m_image.fits(offset, count * entsize))
            return count;
        const std::uint64_t fit = offset < m_image.size() ? (m_image.size() - offset) / entsize : 0;
        if (fit == 0)
            m_info.warnings << QStringLiteral("the file declares %1 %2 headers but none could be read")
                                   .arg(count)
                                   .arg(QLatin1String(what));
        else
            m_info.warnings << QStringLiteral("only %1 of the %2 %3 headers lie inside the file")
                                   .arg(fit)
                                   .arg(count)
                                   .arg(QLatin1String(what));
        return fit;
    }

    void readSegments()
    {
        const Image &im = m_image;
        const std::uint64_t count
            = readableEntries("program", m_layout.phoff, m_layout.phnum, m_layout.phentsize, im.is64() ? 56 : 32);
        for (std::uint64_t i = 0; i < count; ++i) {
            const std::uint64_t p = m_layout.phoff + i * m_layout.phentsize;
            SegmentInfo s;
            s.index = int(i);
            s.type = std::uint32_t(im.u32(p));
            if (im.is64()) {
                s.flags = std::uint32_t(im.u32(p + 4));
                s.offset = im.get(p + 8, 8);
                s.virtualAddress = im.get(p + 16, 8);
                s.physicalAddress = im.get(p + 24, 8);
                s.fileSize = im.get(p + 32, 8);
                s.memorySize = im.get(p + 40, 8);
                s.alignment = im.get(p + 48, 8);
            } else {
                s.offset = im.u32(p + 4);
                s.virtualAddress = im.u32(p + 8);
                s.physicalAddress = im.u32(p + 12);
                s.fileSize = im.u32(p + 16);
                s.memorySize = im.u32(p + 20);
                s.flags = std::uint32_t(im.u32(p + 24));
                s.alignment = im.u32(p + 28);
            }
            if (s.fileSize > 0 && !im.inside(s.offset, s.fileSize))
                m_info.warnings << QStringLiteral(
                    "segment %1's contents (%2 bytes at offset 0x%3) extend past the end of the file")
                                       .arg(i)
                                       .arg(s.fileSize)
                                       .arg(s.offset, 0, 16);
            m_info.segments.append(s);
        }
    }

    void readSections()
    {
        const Image &im = m_image;
        const std::uint64_t count = readableEntries(
            "section", m_layout.shoff, m_layout.sectionCount, m_layout.shentsize, im.is64() ? 64 : 40);
        if (count == 0)
            return;
        m_raw.reserve(qsizetype(count));
        for (std::uint64_t i = 0; i < count; ++i) {
            const std::uint64_t p = m_layout.shoff + i * m_layout.shentsize;
            RawSection r;
            SectionInfo s;
            s.index = int(i);
            r.nameOffset = std::uint32_t(im.u32(p));
            r.type = s.type = std::uint32_t(im.u32(p + 4));
            if (im.is64()) {
                s.flags = im.get(p + 8, 8);
                s.address = im.get(p + 16, 8);
                s.offset = im.get(p + 24, 8);
                s.size = im.get(p + 32, 8);
                s.link = std::uint32_t(im.u32(p + 40));
                s.info = std::uint32_t(im.u32(p + 44));
                s.alignment = im.get(p + 48, 8);
                s.entrySize = im.get(p + 56, 8);
            } else {
                s.flags = im.u32(p + 8);
                s.address = im.u32(p + 12);
                s.offset = im.u32(p + 16);
                s.size = im.u32(p + 20);
                s.link = std::uint32_t(im.u32(p + 24));
                s.info = std::uint32_t(im.u32(p + 28));
                s.alignment = im.u32(p + 32);
                s.entrySize = im.u32(p + 36);
            }
            r.offset = s.offset;
            r.size = s.type == SHT_NOBITS ? 0 : s.size;
            r.link = s.link;
            r.info = s.info;
            r.entrySize = s.entrySize;
            m_raw.append(r);
            m_info.sections.append(std::move(s));
        }
        std::uint64_t names = m_layout.shstrndx;
        if (names == SHN_XINDEX && !m_raw.isEmpty())
            names = m_raw[0].link; // extended numbering: the real index is in section 0's sh_link
        if (names == 0 || names >= std::uint64_t(m_raw.size()))
            return;
        StringTable table = stringTableOfSection(names);
        for (qsizetype i = 0; i < m_raw.size(); ++i)
            m_info.sections[i].name = stringAt(table, m_raw[i].nameOffset);
    }

    StringTable stringTableOfSection(std::uint64_t index)
    {
        if (index >= std::uint64_t(m_raw.size()))
            return {};
        const RawSection &r = m_raw[qsizetype(index)];
        const QString name = m_info.sections[qsizetype(index)].name;
        const QString label = name.isEmpty() ? QStringLiteral("string table [%1]").arg(index)
                                             : QStringLiteral("string table [%1] (%2)").arg(index).arg(name);
        return StringTable::at(m_image, r.offset, r.size, label);
    }

    // The file offset of `length` bytes at virtual address `address`, through the PT_LOAD segment holding them
    // (as readelf's offset_from_vma), or nothing when no segment maps them inside the file.
    std::optional<std::uint64_t> offsetOf(std::uint64_t address, std::uint64_t length) const
    {
        for (const SegmentInfo &s : m_info.segments) {
            if (s.type != PT_LOAD || address < s.virtualAddress)
                continue;
            const std::uint64_t into = address - s.virtualAddress;
            if (into > s.fileSize || length > s.fileSize - into)
                continue;
            const std::uint64_t offset = s.offset + into;
            if (m_image.fits(offset, length))
                return offset;
        }
        return std::nullopt;
    }

    const RawSection *firstSection(std::uint32_t type, qsizetype *index = nullptr) const
    {
        for (qsizetype i = 0; i < m_raw.size(); ++i) {
            if (m_raw[i].type == type) {
                if (index)
                    *index = i;
                return &m_raw[i];
            }
        }
        return nullptr;
    }

    void readInterpreter()
    {
        for (const SegmentInfo &s : std::as_const(m_info.segments)) {
            if (s.type != PT_INTERP || s.fileSize == 0 || !m_image.fits(s.offset, s.fileSize))
                continue;
            StringTable t = StringTable::at(m_image, s.offset, s.fileSize, QStringLiteral("the PT_INTERP segment"));
            m_info.interpreter = stringAt(t, 0);
            return;
        }
    }

    std::optional<std::uint64_t> dynamicValue(std::int64_t tag) const
    {
        for (const DynamicEntry &d : m_info.dynamic) {
            if (d.tag == tag)
                return d.value;
        }
        return std::nullopt;
    }

    void readDynamic()
    {
        // Where readelf looks: the SHT_DYNAMIC section when there are section headers, else PT_DYNAMIC.
        std::uint64_t offset = 0, size = 0;
        qsizetype sectionIndex = -1;
        bool found = false;
        if (const RawSection *s = firstSection(SHT_DYNAMIC, &sectionIndex)) {
            offset = s->offset;
            size = s->size;
            found = true;
        } else {
            for (const SegmentInfo &seg : std::as_const(m_info.segments)) {
                if (seg.type == PT_DYNAMIC) {
                    offset = seg.offset;
                    size = seg.fileSize;
                    found = true;
                    break;
                }
            }
        }
        if (!found || size == 0)
            return;
        if (!m_image.fits(offset, size)) {
            if (offset >= m_image.size()) {
                m_info.warnings << QStringLiteral("the dynamic section lies outside the file");
                return;
            }
            size = m_image.size() - offset;
            m_image.fits(offset, size);
        }
        const std::uint64_t entry = m_image.is64() ? 16 : 8;
        const std::uint64_t count = size / entry;
        const int w = m_image.word();
        for (std::uint64_t i = 0; i < count; ++i) {
            const std::uint64_t p = offset + i * entry;
            DynamicEntry e;
            const std::uint64_t rawTag = m_image.get(p, w);
            e.tag = std::int64_t(rawTag); // 32-bit tags zero-extended, as readelf prints them
            e.value = m_image.get(p + std::uint64_t(w), w);
            m_info.dynamic.append(e);
            if (e.tag == DT_NULL) // the loader and readelf stop at the first DT_NULL; what follows is padding
                break;
        }
        // The strings: DT_STRTAB and DT_STRSZ through the segments, as the loader finds them; else the string
        // table the dynamic section links to.
        const auto strtab = dynamicValue(DT_STRTAB);
        const auto strsz = dynamicValue(DT_STRSZ);
        if (strtab && strsz && *strsz > 0) {
            if (const auto at = offsetOf(*strtab, *strsz))
                m_dynamicStrings = StringTable::at(m_image, *at, *strsz, QStringLiteral("the dynamic string table"));
        }
        if (!m_dynamicStrings.valid && sectionIndex >= 0)
            m_dynamicStrings = stringTableOfSection(m_raw[sectionIndex].link);
        for (DynamicEntry &e : m_info.dynamic) {
            if (e.tag != DT_NEEDED && e.tag != DT_SONAME && e.tag != DT_RPATH && e.tag != DT_RUNPATH)
                continue;
            e.text = stringAt(m_dynamicStrings, e.value);
            if (e.tag == DT_NEEDED)
                m_info.needed << e.text;
            else if (e.tag == DT_SONAME)
                m_info.soname = e.text;
            else if (e.tag == DT_RPATH)
                m_info.rpath << e.text.split(u':', Qt::KeepEmptyParts);
            else
                m_info.runpath << e.text.split(u':', Qt::KeepEmptyParts);
        }
    }

    // ---- Symbol versions, as bfd's _bfd_elf_slurp_version_tables reads them --------------------------------

    struct VersionDef {
        QString name;
        std::uint16_t flags = 0;
    };

    // Where a version table lies: its section when there are section headers, else the dynamic tag's address.
    bool versionTable(std::uint32_t sectionType, std::int64_t addressTag, std::int64_t countTag, std::uint64_t &offset,
        std::uint64_t &end, std::uint64_t &count, StringTable &strings)
    {
        qsizetype index = -1;
        if (const RawSection *s = firstSection(sectionType, &index)) {
            if (!m_image.fits(s->offset, s->size))
                return false;
            offset = s->offset;
            end = s->offset + s->size;
            count = s->info;
            strings = stringTableOfSection(s->link);
            return true;
        }
        const auto address = dynamicValue(addressTag);
        const auto number = dynamicValue(countTag);
        if (!address || !number)
            return false;
        const auto at = offsetOf(*address, 1);
        if (!at)
            return false;
        offset = *at;
        end = m_image.size();
        count = *number;
        strings = m_dynamicStrings;
        return true;
    }

    void readVersions()
    {
        std::uint64_t offset = 0, end = 0, count = 0;
        StringTable strings;
        if (versionTable(SHT_GNU_verdef, DT_VERDEF, DT_VERDEFNUM, offset, end, count, strings)) {
            std::uint64_t at = offset;
            for (std::uint64_t i = 0; i < count; ++i) {
                if (at + 20 > end || !m_image.fits(at, 20)) {
                    versionWarning(QStringLiteral("definitions"), i);
                    break;
                }
                VersionDef def;
                def.flags = std::uint16_t(m_image.u16(at + 2));
                const std::uint16_t ndx = std::uint16_t(m_image.u16(at + 4)) & 0x7fff;
                const std::uint64_t cnt = m_image.u16(at + 6);
                const std::uint64_t aux = m_image.u32(at + 12);
                const std::uint64_t next = m_image.u32(at + 16);
                if (cnt > 0) {
                    if (aux > end - at || end - at - aux < 8 || !m_image.fits(at + aux, 8)) {
                        versionWarning(QStringLiteral("definitions"), i);
                        break;
                    }
                    def.name = stringAt(strings, m_image.u32(at + aux));
                }
                m_defs.insert(ndx, def);
                m_maxDef = std::max(m_maxDef, ndx);
                if (next == 0)
                    break;
                if (next > end - at) {
                    versionWarning(QStringLiteral("definitions"), i + 1);
                    break;
                }
                at += next;
            }
        }
        if (versionTable(SHT_GNU_verneed, DT_VERNEED, DT_VERNEEDNUM, offset, end, count, strings)) {
            std::uint64_t at = offset;
            bool bad = false;
            for (std::uint64_t i = 0; i < count && !bad; ++i) {
                if (at + 16 > end || !m_image.fits(at, 16)) {
                    versionWarning(QStringLiteral("needs"), i);
                    break;
                }
                const std::uint64_t cnt = m_image.u16(at + 2);
                const std::uint64_t aux = m_image.u32(at + 8);
                const std::uint64_t next = m_image.u32(at + 12);
                if (aux > end - at) {
                    versionWarning(QStringLiteral("needs"), i);
                    break;
                }
                std::uint64_t a = at + aux;
                for (std::uint64_t j = 0; j < cnt; ++j) {
                    if (a + 16 > end || !m_image.fits(a, 16)) {
                        versionWarning(QStringLiteral("needs"), i);
                        bad = true;
                        break;
                    }
                    const std::uint16_t other = std::uint16_t(m_image.u16(a + 6));
                    m_needs.insert(other, stringAt(strings, m_image.u32(a + 8)));
                    const std::uint64_t anext = m_image.u32(a + 12);
                    if (anext == 0)
                        break;
                    if (anext > end - a) {
                        versionWarning(QStringLiteral("needs"), i);
                        bad = true;
                        break;
                    }
                    a += anext;
                }
                if (bad || next == 0)
                    break;
                if (next > end - at) {
                    versionWarning(QStringLiteral("needs"), i + 1);
                    break;
                }
                at += next;
            }
        }
        // The version index of each dynamic symbol: the SHT_GNU_versym section (all Solaris objects have), else
        // DT_VERSYM. Read once the symbol count is known.
        qsizetype index = -1;
        if (const RawSection *s = firstSection(SHT_GNU_versym, &index); s && m_image.fits(s->offset, s->size)) {
            m_versymOffset = s->offset;
            m_versymCount = s->size / 2;
        } else if (const auto address = dynamicValue(DT_VERSYM)) {
            if (const auto at = offsetOf(*address, 2)) {
                m_versymOffset = *at;
                m_versymCount = (m_image.size() - *at) / 2;
            }
        }
    }

    void versionWarning(const QString &what, std::uint64_t entry)
    {
        warnOnce(QStringLiteral("the version %1 are corrupt from entry %2 on; symbols that refer to the rest show "
                                "<corrupt> as their version")
                     .arg(what)
                     .arg(entry));
    }

    // Version strings as binutils' _bfd_elf_get_symbol_version_string computes them (nm and readelf agree).
    void applyVersion(std::uint16_t versym, SymbolInfo &sym) const
    {
        if (m_defs.isEmpty() && m_needs.isEmpty())
            return;
        const std::uint16_t vernum = versym & 0x7fff;
        const bool hidden = (versym & kVersymHidden) != 0;
        if (vernum == 0)
            return;
        if (vernum == 1 && (vernum > m_maxDef || m_defs.value(1).flags == kVerFlgBase))
            return;
        if (vernum <= m_maxDef) {
            const QString node = m_defs.value(vernum).name;
            if (node.isEmpty() || node == sym.name)
                return;
            sym.version = node;
            sym.versionHidden = hidden;
            return;
        }
        const auto need = m_needs.constFind(vernum);
        sym.version = need == m_needs.cend() ? QStringLiteral("<corrupt>") : *need;
        sym.versionHidden = need == m_needs.cend() ? hidden : true;
    }

    // ---- Symbols --------------------------------------------------------------------------------------------

    // The number of dynamic symbols the hash tables imply, for a file without section headers (as the loader
    // and LIEF count them): DT_HASH's nchain, or one past the last symbol DT_GNU_HASH's chains reach.
    std::uint64_t hashedSymbolCount() const
    {
        if (const auto hash = dynamicValue(DT_HASH)) {
            if (const auto at = offsetOf(*hash, 8))
                return m_image.u32(*at + 4);
        }
        const auto gnu = dynamicValue(DT_GNU_HASH);
        if (!gnu)
            return 0;
        const auto head = offsetOf(*gnu, 16);
        if (!head)
            return 0;
        const std::uint64_t buckets = m_image.u32(*head);
        const std::uint64_t symoffset = m_image.u32(*head + 4);
        const std::uint64_t bloom = m_image.u32(*head + 8);
        const std::uint64_t bucketsAt = *head + 16 + bloom * std::uint64_t(m_image.word());
        if (bloom > m_image.size() || buckets > m_image.size() || !m_image.fits(bucketsAt, buckets * 4))
            return 0;
        std::uint64_t last = 0;
        for (std::uint64_t b = 0; b < buckets; ++b)
            last = std::max(last, m_image.u32(bucketsAt + 4 * b));
        if (last < symoffset)
            return symoffset;
        const std::uint64_t chainsAt = bucketsAt + buckets * 4;
        for (std::uint64_t i = last; i - symoffset < m_image.size(); ++i) {
            const std::uint64_t at = chainsAt + 4 * (i - symoffset);
            if (!m_image.fits(at, 4))
                return i;
            if (m_image.u32(at) & 1)
                return i + 1;
        }
        return 0;
    }

    QString sectionNameFor(std::uint16_t shndx) const
    {
        switch (shndx) {
        case 0: return QStringLiteral("UND");
        case 0xfff1: return QStringLiteral("ABS");
        case 0xfff2: return QStringLiteral("COM");
        case SHN_XINDEX: return QStringLiteral("XINDEX");
        default: break;
        }
        if (shndx < m_info.sections.size())
            return m_info.sections[shndx].name;
        return QString::number(shndx);
    }

    void readTable(SymbolTable table, std::uint64_t offset, std::uint64_t count, StringTable strings)
    {
        const std::uint64_t entry = m_image.is64() ? 24 : 16;
        if (!m_image.fits(offset, 0))
            return;
        const std::uint64_t fit = (m_image.size() - offset) / entry;
        if (count > fit) {
            m_info.warnings << QStringLiteral("%1 declares %2 symbols, but only %3 lie inside the file")
                                   .arg(elfTableName(table))
                                   .arg(count)
                                   .arg(fit);
            count = fit;
        }
        m_image.fits(offset, count * entry); // loads the table
        if (table == SymbolTable::Dynamic && m_versymCount > 0)
            m_image.fits(m_versymOffset, 2 * std::min(count, m_versymCount));
        m_info.symbols.reserve(m_info.symbols.size() + qsizetype(count));
        m_tableStart[int(table)] = m_info.symbols.size();
        m_tableCount[int(table)] = qsizetype(count);
        for (std::uint64_t i = 0; i < count; ++i) {
            const std::uint64_t p = offset + i * entry;
            SymbolInfo sym;
            sym.table = table;
            sym.index = int(i);
            std::uint8_t info = 0, other = 0;
            if (m_image.is64()) {
                info = *m_image.at(p + 4);
                other = *m_image.at(p + 5);
                sym.sectionIndex = std::uint16_t(m_image.u16(p + 6));
                sym.value = m_image.get(p + 8, 8);
                sym.size = m_image.get(p + 16, 8);
            } else {
                sym.value = m_image.u32(p + 4);
                sym.size = m_image.u32(p + 8);
                info = *m_image.at(p + 12);
                other = *m_image.at(p + 13);
                sym.sectionIndex = std::uint16_t(m_image.u16(p + 14));
            }
            sym.type = info & 0xf;
            sym.bind = info >> 4;
            sym.visibility = other & 0x3;
            sym.name = stringAt(strings, m_image.u32(p));
            sym.sectionName = sectionNameFor(sym.sectionIndex);
            if (table == SymbolTable::Dynamic && i < m_versymCount) {
                sym.versym = std::uint16_t(m_image.u16(m_versymOffset + 2 * i));
                applyVersion(sym.versym, sym);
            }
            sym.demangled = m_options.demangle ? demangle(sym.name) : sym.name;
            sym.nm = nmTypeLetter(sym, m_info);
            m_info.symbols.append(std::move(sym));
        }
    }

    static QString elfTableName(SymbolTable table)
    {
        return table == SymbolTable::Dynamic ? QStringLiteral(".dynsym") : QStringLiteral(".symtab");
    }

    void readSymbols()
    {
        const std::uint64_t entry = m_image.is64() ? 24 : 16;
        // .dynsym: by its section; without section headers, where DT_SYMTAB points, as many as the hash says.
        if (const RawSection *s = firstSection(SHT_DYNSYM)) {
            readTable(SymbolTable::Dynamic, s->offset, s->size / entry, stringTableOfSection(s->link));
        } else if (m_raw.isEmpty()) {
            if (const auto symtab = dynamicValue(DT_SYMTAB)) {
                const std::uint64_t count = hashedSymbolCount();
                if (const auto at = offsetOf(*symtab, entry); at && count > 0)
                    readTable(SymbolTable::Dynamic, *at, count, m_dynamicStrings);
            }
        }
        if (const RawSection *s = firstSection(SHT_SYMTAB))
            readTable(SymbolTable::Static, s->offset, s->size / entry, stringTableOfSection(s->link));

        if (!m_info.sections.isEmpty()) {
            const auto dangling
                = std::count_if(m_info.symbols.cbegin(), m_info.symbols.cend(), [&](const SymbolInfo &s) {
                      return s.sectionIndex != 0 && s.sectionIndex < 0xff00 && s.sectionIndex >= m_info.sections.size();
                  });
            if (dangling > 0)
                m_info.warnings << QStringLiteral("%1 symbols refer to sections that do not exist").arg(dangling);
        }
    }

    // ---- Relocations ----------------------------------------------------------------------------------------

    void readRelocations()
    {
        constexpr std::uint32_t SHT_RELA = 4, SHT_REL = 9;
        constexpr std::uint16_t EM_MIPS = 8, EM_SPARCV9 = 43;
        const bool is64 = m_image.is64();
        qsizetype dynsymSection = -1, symtabSection = -1;
        firstSection(SHT_DYNSYM, &dynsymSection);
        firstSection(SHT_SYMTAB, &symtabSection);
        for (qsizetype index = 0; index < m_raw.size(); ++index) {
            const RawSection &sec = m_raw[index];
            if (sec.type != SHT_REL && sec.type != SHT_RELA)
                continue;
            const bool rela = sec.type == SHT_RELA;
            const std::uint64_t entry = (is64 ? 8 : 4) * (rela ? 3 : 2);
            if (!m_image.fits(sec.offset, sec.size)) {
                warnOnce(QStringLiteral("relocation section %1 lies outside the file").arg(index));
                continue;
            }
            // Which of the symbol tables read above the entries index: the one the section links to.
            int table = -1;
            if (qsizetype(sec.link) == dynsymSection)
                table = int(SymbolTable::Dynamic);
            else if (qsizetype(sec.link) == symtabSection)
                table = int(SymbolTable::Static);
            const std::uint64_t count = sec.size / entry;
            m_info.relocations.reserve(m_info.relocations.size() + qsizetype(count));
            for (std::uint64_t i = 0; i < count; ++i) {
                const std::uint64_t p = sec.offset + i * entry;
                RelocationInfo r;
                r.section = int(index);
                r.hasAddend = rela;
                std::uint64_t info = 0;
                if (is64) {
                    r.offset = m_image.get(p, 8);
                    info = m_image.get(p + 8, 8);
                    if (m_info.machine == EM_MIPS && !m_info.bigEndian) {
                        // MIPS64 little-endian: a 32-bit symbol index, then four single-byte fields (as readelf
                        // reorders them).
                        info = ((info & 0xffffffff) << 32) | ((info >> 56) & 0xff) | ((info >> 40) & 0xff00)
                            | ((info >> 24) & 0xff0000) | ((info >> 8) & 0xff000000);
                    }
                    r.symbolIndex = std::uint32_t(info >> 32);
                    r.type = std::uint32_t(info & 0xffffffff);
                    if (m_info.machine == EM_MIPS || m_info.machine == EM_SPARCV9)
                        r.type &= 0xff; // the other bytes are MIPS's type2/type3 and SPARC's type data
                    if (rela)
                        r.addend = std::int64_t(m_image.get(p + 16, 8));
                } else {
                    r.offset = m_image.u32(p);
                    info = m_image.u32(p + 4);
                    r.symbolIndex = std::uint32_t(info >> 8);
                    r.type = std::uint32_t(info & 0xff);
                    if (rela)
                        r.addend = std::int64_t(std::int32_t(std::uint32_t(m_image.u32(p + 8))));
                }
                r.info = info;
                if (r.symbolIndex != 0 && table >= 0 && qsizetype(r.symbolIndex) < m_tableCount[table]) {
                    const SymbolInfo &sym = m_info.symbols[m_tableStart[table] + qsizetype(r.symbolIndex)];
                    constexpr std::uint8_t STT_SECTION = 3;
                    r.symbol = sym.name.isEmpty() && sym.type == STT_SECTION ? sym.sectionName : sym.name;
                    r.version = sym.version;
                    r.versionHidden = sym.versionHidden;
                    r.symbolValue = sym.value;
                } else if (r.symbolIndex != 0) {
                    warnOnce(QStringLiteral("relocations in section %1 refer to symbols that do not exist").arg(index));
                }
                m_info.relocations.append(std::move(r));
            }
        }
    }

    BinaryKind kindOf() const
    {
        switch (m_info.elfType) {
        case 1: return BinaryKind::Relocatable;
        case 2: return BinaryKind::Executable;
        case 4: return BinaryKind::Core;
        case 3: {
            // A DYN is an executable when DF_1_PIE says so, or, for linkers that do not set it, when it has an
            // interpreter but no SONAME. libc.so.6 has both (it can be run) and is a shared library.
            if (const auto flags = dynamicValue(DT_FLAGS_1); flags && (*flags & DF_1_PIE))
                return BinaryKind::PieExecutable;
            const bool interp = std::any_of(m_info.segments.cbegin(), m_info.segments.cend(),
                [](const SegmentInfo &s) { return s.type == PT_INTERP; });
            return interp && m_info.soname.isEmpty() ? BinaryKind::PieExecutable : BinaryKind::SharedLibrary;
        }
        default: return BinaryKind::OtherElf;
        }
    }

    const Image &m_image;
    const ElfLayout &m_layout;
    const OpenOptions &m_options;
    BinaryInfo &m_info;
    QList<RawSection> m_raw;
    QSet<QString> m_warned;
    StringTable m_dynamicStrings;
    QHash<std::uint16_t, VersionDef> m_defs; // by vd_ndx, as bfd files them
    std::uint16_t m_maxDef = 0; // bfd's cverdefs: the highest vd_ndx
    QHash<std::uint16_t, QString> m_needs; // vna_other -> name
    qsizetype m_tableStart[2] = {0, 0}; // where each SymbolTable's entries start in m_info.symbols
    qsizetype m_tableCount[2] = {0, 0};
    std::uint64_t m_versymOffset = 0;
    std::uint64_t m_versymCount = 0;
};

} // namespace

std::optional<QString> readElf(
    const std::uint8_t *data, std::size_t size, const OpenOptions &options, BinaryInfo &info, const NeedRange &need)
{
    ElfLayout layout;
    if (need) {
        // What the header checks read: the header, section 0 (extended numbering), both header tables and the
        // contents of compressed sections (their inflated size is checked).
        need(0, std::min<std::size_t>(size, 64));
        if (auto error = readElfLayout(data, size, layout))
            return error;
        const std::uint64_t shdr = layout.is64 ? 64 : 40;
        const auto clamp = [size](std::uint64_t offset, std::uint64_t length) {
            return offset >= size ? 0 : std::min<std::uint64_t>(length, size - offset);
        };
        need(layout.shoff, clamp(layout.shoff, shdr));
        (void)readElfLayout(data, size, layout); // again: section 0 may hold the section count
        const std::uint64_t count = std::min<std::uint64_t>(layout.sectionCount, size / shdr);
        need(layout.shoff, clamp(layout.shoff, count * std::max<std::uint64_t>(layout.shentsize, shdr)));
        need(layout.phoff,
            clamp(layout.phoff, std::uint64_t(layout.phnum) * std::max<std::uint64_t>(layout.phentsize, 1)));
        const Image headers(data, size, layout.is64, layout.bigEndian, need);
        for (std::uint64_t i = 0; layout.shentsize >= shdr && i < count; ++i) {
            const std::uint64_t p = layout.shoff + i * layout.shentsize;
            if (!headers.fits(p, shdr))
                break;
            constexpr std::uint64_t SHF_COMPRESSED = 0x800;
            const std::uint64_t flags = layout.is64 ? headers.get(p + 8, 8) : headers.u32(p + 8);
            if (flags & SHF_COMPRESSED) {
                const std::uint64_t offset = layout.is64 ? headers.get(p + 24, 8) : headers.u32(p + 16);
                const std::uint64_t length = layout.is64 ? headers.get(p + 32, 8) : headers.u32(p + 20);
                need(offset, clamp(offset, length));
            }
        }
    } else if (auto error = readElfLayout(data, size, layout)) {
        return error;
    }
    checkElfStructure(layout, data, size, info.warnings);
    info.nmRejects = nmRejection(layout, data, size);
    const Image image(data, size, layout.is64, layout.bigEndian, need);
    info.fileSize = size;
    if (!Reader(image, layout, options, info).run())
        return QStringLiteral("cancelled");
    return std::nullopt;
}

} // namespace linklab::detail
