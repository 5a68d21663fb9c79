// SPDX-License-Identifier: MIT
#include "deps/loaderfacts.h"

#include "binary/bytenames.h"
#include "binary/openbinary.h"

#include <QByteArray>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include <unistd.h>

namespace linklab {

namespace {

constexpr std::uint32_t PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3;
constexpr std::int64_t DT_NULL = 0, DT_NEEDED = 1, DT_STRTAB = 5, DT_STRSZ = 10, DT_SONAME = 14, DT_RPATH = 15,
                       DT_RUNPATH = 29, DT_FLAGS_1 = 0x6ffffffb;
// Bounds for what a hostile header may ask for; real files are far below them.
constexpr std::uint64_t kMaxHeaderTable = 4 * 1024 * 1024;
constexpr std::uint64_t kMaxDynamic = 16 * 1024 * 1024;
constexpr std::uint64_t kMaxString = 64 * 1024;
// The strings of the dynamic entries are read in one piece when they lie within this span.
constexpr std::uint64_t kMaxStringSpan = 64 * 1024;

// Reads what the loader reads, with pread, checking every range against the file's size.
// Ranges already read (the file's first bytes, the span of the dynamic strings) are served from memory.
class Reader
{
public:
    Reader(int fd, std::uint64_t size)
        : m_fd(fd)
        , m_size(size)
    {
    }

    // Keeps `bytes`, the file's content from `offset`, to serve later reads and strings inside it.
    void keep(std::uint64_t offset, std::vector<std::uint8_t> bytes)
    {
        m_windows.push_back({offset, std::move(bytes)});
    }

    bool inside(std::uint64_t offset, std::uint64_t length) const
    {
        return offset <= m_size && length <= m_size - offset;
    }

    // The bytes [offset, offset + length); false when they are not all in the file or cannot be read.
    bool read(std::uint64_t offset, std::uint64_t length, std::vector<std::uint8_t> &out) const
    {
        if (!inside(offset, length))
            return false;
        if (const std::uint8_t *kept = window(offset, length)) {
            out.assign(kept, kept + length);
            return true;
        }
        out.resize(length);
        std::uint64_t done = 0;
        while (done < length) {
            const ssize_t n = ::pread(m_fd, out.data() + done, length - done, off_t(offset + done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false; // the file shrank meanwhile
            done += std::uint64_t(n);
        }
        return true;
    }

    // A NUL-terminated string at `offset`, no further than `limit` (the end of its table).
    std::optional<QString> string(std::uint64_t offset, std::uint64_t limit) const
    {
        limit = std::min(limit, m_size);
        for (const Window &w : m_windows) { // most strings lie whole in a range already read
            if (offset < w.offset || offset >= w.offset + w.bytes.size())
                continue;
            const std::uint64_t end = std::min<std::uint64_t>(limit, w.offset + w.bytes.size());
            if (offset >= end)
                break;
            const auto *first = w.bytes.data() + (offset - w.offset);
            const auto *last = w.bytes.data() + (end - w.offset);
            const auto *nul = std::find(first, last, std::uint8_t(0));
            if (nul != last && nul - first < qsizetype(kMaxString))
                return decodeName(QByteArrayView(reinterpret_cast<const char *>(first), qsizetype(nul - first)));
            break; // longer than the window: read piece by piece below
        }
        QByteArray text;
        std::vector<std::uint8_t> piece;
        while (offset < limit && std::uint64_t(text.size()) < kMaxString) {
            const std::uint64_t length = std::min<std::uint64_t>(256, limit - offset);
            if (!read(offset, length, piece))
                return std::nullopt;
            const auto nul = std::find(piece.begin(), piece.end(), std::uint8_t(0));
            text.append(reinterpret_cast<const char *>(piece.data()), qsizetype(nul - piece.begin()));
            if (nul != piece.end())
                return decodeName(text);
            offset += length;
        }
        return std::nullopt; // no NUL before the end of the table
    }

private:
    struct Window {
        std::uint64_t offset;
        std::vector<std::uint8_t> bytes;
    };
    const std::uint8_t *window(std::uint64_t offset, std::uint64_t length) const
    {
        for (const Window &w : m_windows)
            if (offset >= w.offset && offset - w.offset <= w.bytes.size()
                && length <= w.bytes.size() - (offset - w.offset))
                return w.bytes.data() + (offset - w.offset);
        return nullptr;
    }

    int m_fd;
    std::uint64_t m_size;
    std::vector<Window> m_windows;
};

// Integers of the file's byte order and word size.
struct Words {
    bool is64 = false;
    bool big = false;

    std::uint64_t get(const std::uint8_t *p, int bytes) const
    {
        const bool swap = big != (std::endian::native == std::endian::big);
        switch (bytes) {
        case 2: {
            std::uint16_t v;
            std::memcpy(&v, p, 2);
            return swap ? __builtin_bswap16(v) : v;
        }
        case 4: {
            std::uint32_t v;
            std::memcpy(&v, p, 4);
            return swap ? __builtin_bswap32(v) : v;
        }
        default: {
            std::uint64_t v;
            std::memcpy(&v, p, 8);
            return swap ? __builtin_bswap64(v) : v;
        }
        }
    }
    std::uint64_t u16(const std::uint8_t *p) const { return get(p, 2); }
    std::uint64_t u32(const std::uint8_t *p) const { return get(p, 4); }
    std::uint64_t word(const std::uint8_t *p) const { return get(p, is64 ? 8 : 4); }
};

struct Segment {
    std::uint32_t type = 0;
    std::uint64_t offset = 0, vaddr = 0, filesz = 0;
};

QStringList splitPath(const QString &text)
{
    return text.split(u':', Qt::KeepEmptyParts);
}

} // namespace

std::variant<LoaderFacts, QString> readLoaderFacts(const QString &path)
{
    OpenFile file;
    if (const QString error = openRegularFile(path, file); !error.isEmpty())
        return error;
    std::vector<std::uint8_t> head;
    if (!readLoaderHead(file.fd, file.size, head))
        return QStringLiteral("cannot be read");
    return readLoaderFacts(file.fd, file.size, path, std::move(head));
}

bool readLoaderHead(int fd, std::uint64_t size, std::vector<std::uint8_t> &head)
{
    Reader in(fd, size);
    return in.read(0, std::min<std::uint64_t>(kHeadBytes, size), head);
}

std::variant<LoaderFacts, QString> readLoaderFacts(
    int fd, std::uint64_t fileSize, const QString &path, std::vector<std::uint8_t> head)
{
    if (fileSize == 0)
        return QStringLiteral("empty file");
    const struct {
        int fd;
        std::uint64_t size;
    } file {fd, fileSize};
    Reader in(file.fd, file.size);
    if (head.size() > file.size)
        head.resize(file.size); // the file was cut since its head was read
    in.keep(0, std::move(head));
    std::vector<std::uint8_t> bytes; // the ELF header
    if (!in.read(0, std::min<std::uint64_t>(64, file.size), bytes))
        return QStringLiteral("cannot be read");
    const auto starts = [&](const char *magic, std::size_t n) {
        return bytes.size() >= n && std::memcmp(bytes.data(), magic, n) == 0;
    };
    if (starts("!<arch>\n", 8) || starts("!<thin>\n", 8))
        return QStringLiteral("an ar archive: archives are linked, never loaded");
    if (!starts("\x7f"
                "ELF",
            4)) {
        // The same words the Inspector uses for the kind of file it is.
        std::vector<std::uint8_t> first;
        in.read(0, std::min<std::uint64_t>(512, file.size), first);
        const OpenResult other = openBinaryData(
            QByteArray(reinterpret_cast<const char *>(first.data()), qsizetype(first.size())), path, OpenOptions {});
        if (const auto *error = std::get_if<OpenError>(&other))
            return error->message;
        return QStringLiteral("not an ELF file");
    }
    if (bytes.size() < 52 || (bytes[4] != 1 && bytes[4] != 2) || (bytes[5] != 1 && bytes[5] != 2))
        return QStringLiteral("a damaged ELF header (class or byte order unknown, or cut short)");
    Words w;
    w.is64 = bytes[4] == 2;
    w.big = bytes[5] == 2;
    if (w.is64 && bytes.size() < 64)
        return QStringLiteral("a damaged ELF header (cut short)");

    LoaderFacts facts;
    facts.elfClass = w.is64 ? 64 : 32;
    facts.bigEndian = w.big;
    facts.type = std::uint16_t(w.u16(&bytes[16]));
    facts.machine = std::uint16_t(w.u16(&bytes[18]));
    const std::uint64_t phoff = w.is64 ? w.get(&bytes[32], 8) : w.u32(&bytes[28]);
    const std::uint64_t phentsize = w.u16(&bytes[w.is64 ? 54 : 42]);
    const std::uint64_t phnum = w.u16(&bytes[w.is64 ? 56 : 44]);
    const std::uint64_t wantEntry = w.is64 ? 56 : 32;
    if (phnum == 0)
        return facts; // an object file, or a file with nothing to load
    if (phentsize != wantEntry)
        return QStringLiteral("a damaged ELF header (e_phentsize %1, not %2)").arg(phentsize).arg(wantEntry);
    if (phnum * phentsize > kMaxHeaderTable || !in.read(phoff, phnum * phentsize, bytes))
        return QStringLiteral("the program headers lie outside the file");

    std::vector<Segment> segments;
    segments.reserve(phnum);
    for (std::uint64_t i = 0; i < phnum; ++i) {
        const std::uint8_t *p = &bytes[i * phentsize];
        Segment s;
        s.type = std::uint32_t(w.u32(p));
        if (w.is64) {
            s.offset = w.get(p + 8, 8);
            s.vaddr = w.get(p + 16, 8);
            s.filesz = w.get(p + 32, 8);
        } else {
            s.offset = w.u32(p + 4);
            s.vaddr = w.u32(p + 8);
            s.filesz = w.u32(p + 16);
        }
        segments.push_back(s);
    }

    // Where an address of the loaded image lies in the file: inside the file part of a PT_LOAD segment.
    const auto fileOffset = [&](std::uint64_t address, std::uint64_t length) -> std::optional<std::uint64_t> {
        for (const Segment &s : segments) {
            if (s.type != PT_LOAD || address < s.vaddr)
                continue;
            const std::uint64_t into = address - s.vaddr;
            if (into > s.filesz || length > s.filesz - into)
                continue;
            if (in.inside(s.offset + into, length))
                return s.offset + into;
        }
        return std::nullopt;
    };

    for (const Segment &s : segments) {
        if (s.type == PT_INTERP && facts.interpreter.isEmpty() && s.filesz > 0) {
            if (const auto text = in.string(s.offset, s.offset + s.filesz))
                facts.interpreter = *text;
            else
                facts.warnings << QStringLiteral("PT_INTERP does not hold a string inside the file");
        }
    }

    const auto dyn
        = std::find_if(segments.begin(), segments.end(), [](const Segment &s) { return s.type == PT_DYNAMIC; });
    if (dyn == segments.end())
        return facts;
    facts.dynamic = true;
    std::uint64_t size = std::min(dyn->filesz, kMaxDynamic);
    if (!in.inside(dyn->offset, 0)) {
        facts.warnings << QStringLiteral("the dynamic segment lies outside the file");
        return facts;
    }
    if (!in.inside(dyn->offset, size)) {
        facts.warnings << QStringLiteral("the dynamic segment passes the end of the file");
        size = file.size - dyn->offset;
    }
    const std::uint64_t entry = w.is64 ? 16 : 8;
    size -= size % entry;
    if (!in.read(dyn->offset, size, bytes))
        return facts;

    struct Entry {
        std::int64_t tag;
        std::uint64_t value;
    };
    std::vector<Entry> entries;
    std::optional<std::uint64_t> strtab, strsz;
    for (std::uint64_t at = 0; at + entry <= size; at += entry) {
        const Entry e {std::int64_t(w.word(&bytes[at])), w.word(&bytes[at + entry / 2])};
        if (e.tag == DT_NULL)
            break;
        if (e.tag == DT_STRTAB)
            strtab = e.value;
        else if (e.tag == DT_STRSZ)
            strsz = e.value;
        else if (e.tag == DT_FLAGS_1)
            facts.flags1 = e.value;
        else if (e.tag == DT_NEEDED || e.tag == DT_SONAME || e.tag == DT_RPATH || e.tag == DT_RUNPATH)
            entries.push_back(e);
    }
    if (entries.empty())
        return facts;
    std::optional<std::uint64_t> strings;
    if (strtab && strsz)
        strings = fileOffset(*strtab, *strsz);
    if (!strings) {
        facts.warnings << QStringLiteral("DT_STRTAB does not point into a loaded part of the file");
        return facts;
    }
    // The strings of these entries are usually close together: one read for all of them when they are.
    std::uint64_t low = *strsz, high = 0;
    for (const Entry &e : entries) {
        if (e.value < *strsz) {
            low = std::min(low, e.value);
            high = std::max(high, e.value);
        }
    }
    if (low <= high) {
        const std::uint64_t end = std::min(*strsz, high + 256);
        std::vector<std::uint8_t> span;
        if (end - low <= kMaxStringSpan && in.read(*strings + low, end - low, span))
            in.keep(*strings + low, std::move(span));
    }
    for (const Entry &e : entries) {
        std::optional<QString> text;
        if (e.value < *strsz)
            text = in.string(*strings + e.value, *strings + *strsz);
        if (!text) {
            facts.warnings << QStringLiteral("a dynamic entry's string lies outside DT_STRTAB");
            continue;
        }
        if (e.tag == DT_NEEDED)
            facts.needed << *text;
        else if (e.tag == DT_SONAME)
            facts.soname = *text;
        else if (e.tag == DT_RPATH)
            facts.rpath << splitPath(*text);
        else
            facts.runpath << splitPath(*text);
    }
    return facts;
}

} // namespace linklab
