// SPDX-License-Identifier: MIT
// The layout is glibc's (sysdeps/generic/dl-cache.h, elf/cache.c writes it, elf/dl-cache.c reads it):
//   old  "ld.so-1.7.0" header (16 bytes), nlibs entries of 12 bytes {flags, key, value}, strings; offsets count
//        from the end of the entries.
//   new  "glibc-ld.so.cache1.1" header (48 bytes), nlibs entries of 24 bytes {flags, key, value, osversion,
//        hwcap}, strings, then an extension directory; string offsets count from the new header.
//   both the old table, padded to 8 bytes, with a new one behind it (ldconfig -c compat).
// Every number is in the byte order of the machine that wrote it; the new header says which.
#include "deps/ldsocache.h"

#include "binary/bytenames.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <cstring>

namespace linklab {

namespace {

using namespace ldsocacheflags;

constexpr char OldMagic[] = "ld.so-1.7.0";
constexpr char NewMagic[] = "glibc-ld.so.cache";
constexpr char NewVersion[] = "1.1";
constexpr qsizetype OldMagicSize = sizeof OldMagic - 1;
constexpr qsizetype NewMagicSize = sizeof NewMagic - 1;
constexpr qsizetype OldHeaderSize = 16; // magic[11], pad, nlibs
constexpr qsizetype OldEntrySize = 12;
constexpr qsizetype NewHeaderSize = 48;
constexpr qsizetype NewEntrySize = 24;
constexpr qsizetype NewAlignment = 8; // __alignof__ (struct cache_file_new) on 64-bit machines
constexpr quint32 ExtensionMagic = quint32(-358342284);
constexpr quint32 ExtensionTagGlibcHwcaps = 1;
constexpr qsizetype ExtensionHeaderSize = 8; // magic, count
constexpr qsizetype ExtensionSectionSize = 16; // tag, flags, offset, size
constexpr quint8 EndianMask = 3;
constexpr quint8 EndianInvalid = 1;
constexpr quint8 EndianCurrent = QSysInfo::ByteOrder == QSysInfo::LittleEndian ? 2 : 3;
constexpr int MaxWarnings = 50;
constexpr qint64 MaxCacheFileSize = 64 * 1024 * 1024;

// A bounds-checked view of the file: every read says whether it fit.
class Bytes
{
public:
    explicit Bytes(const QByteArray &data)
        : m_data(data)
        , m_budget(8 * qint64(data.size()) + 65536)
    {
    }
    // Entries may share strings (ldconfig merges a name into the path it ends), but a made-up table can point
    // millions of entries into one long string: the bytes decoded are bounded by a multiple of the file's size.
    bool exhausted() const { return m_budget < 0; }
    qsizetype size() const { return m_data.size(); }
    bool fits(qsizetype offset, qsizetype length) const
    {
        return offset >= 0 && length >= 0 && offset <= size() && length <= size() - offset;
    }
    // The value at `offset` in the file's (the host's) byte order; 0 outside the file (callers check first: this
    // keeps a missed check from reading past the buffer in a release build).
    template<typename T>
    T at(qsizetype offset) const
    {
        T value {};
        if (fits(offset, qsizetype(sizeof(T))))
            std::memcpy(&value, m_data.constData() + offset, sizeof(T));
        return value;
    }
    QByteArray slice(qsizetype offset, qsizetype length) const
    {
        return fits(offset, length) ? m_data.mid(offset, length) : QByteArray();
    }
    bool startsWithAt(qsizetype offset, const char *text, qsizetype length) const
    {
        return fits(offset, length) && std::memcmp(m_data.constData() + offset, text, size_t(length)) == 0;
    }
    // The NUL-terminated string at `offset`, or nullopt when it starts or ends outside the file. Its bytes are
    // kept as they are (bytenames.h: a name that is not UTF-8 comes back whole when encoded again).
    std::optional<QString> string(qint64 offset)
    {
        const std::optional<QByteArrayView> bytes = raw(offset);
        return bytes ? std::optional<QString>(decodeName(*bytes)) : std::nullopt;
    }
    std::optional<QByteArrayView> raw(qint64 offset)
    {
        if (offset < 0 || offset >= size())
            return std::nullopt;
        const char *start = m_data.constData() + offset;
        const void *end = exhausted() ? nullptr : std::memchr(start, 0, size_t(size() - offset));
        // What was scanned counts, found or not, so that the work stays bounded too.
        const qsizetype length = end ? static_cast<const char *>(end) - start : size() - offset;
        m_budget -= length + 1;
        if (!end || exhausted())
            return std::nullopt;
        return QByteArrayView(start, length);
    }

private:
    const QByteArray &m_data;
    qint64 m_budget;
};

// Collects warnings up to a bound (a corrupt table can make one per entry); finish() says how many were dropped.
class Warnings
{
public:
    explicit Warnings(QStringList &out)
        : m_out(out)
    {
    }
    void add(const QString &text)
    {
        if (m_out.size() < MaxWarnings)
            m_out << text;
        else
            ++m_dropped;
    }
    void finish()
    {
        if (m_dropped > 0)
            m_out << QStringLiteral("and %1 more warnings").arg(m_dropped);
        m_dropped = 0;
    }

private:
    QStringList &m_out;
    qsizetype m_dropped = 0;
};

// The glibc-hwcaps subdirectory names, by index, as cache_extension_load and glibc_hwcaps_string find them. A
// malformed directory is only a warning: ld.so then ignores every glibc-hwcaps entry, and so will the lookup.
QList<std::optional<QString>> hwcapsNames(Bytes &file, qsizetype newHeader, Warnings &warnings)
{
    const quint32 extensionOffset = file.at<quint32>(newHeader + 32);
    if (extensionOffset == 0)
        return {};
    auto malformed = [&](const QString &why) {
        warnings.add(QStringLiteral("the extension directory at offset %1 is malformed (%2): the loader uses none "
                                    "of the glibc-hwcaps entries")
                         .arg(extensionOffset)
                         .arg(why));
        return QList<std::optional<QString>> {};
    };
    if (extensionOffset % 4 != 0)
        return malformed(QStringLiteral("not a multiple of 4"));
    if (!file.fits(extensionOffset, ExtensionHeaderSize))
        return malformed(QStringLiteral("past the end of the file"));
    if (file.at<quint32>(extensionOffset) != ExtensionMagic)
        return malformed(QStringLiteral("wrong magic number"));
    const quint32 count = file.at<quint32>(extensionOffset + 4);
    const qsizetype sections = extensionOffset + ExtensionHeaderSize;
    if ((file.size() - sections) / ExtensionSectionSize < count)
        return malformed(QStringLiteral("%1 sections do not fit in the file").arg(count));
    qint64 hwcapsOffset = -1;
    qint64 hwcapsSize = 0;
    for (quint32 i = 0; i < count; ++i) {
        const qsizetype section = sections + qsizetype(i) * ExtensionSectionSize;
        const quint32 tag = file.at<quint32>(section);
        const quint32 offset = file.at<quint32>(section + 8);
        const quint32 size = file.at<quint32>(section + 12);
        if (!file.fits(offset, size))
            return malformed(QStringLiteral("section %1 ends past the end of the file").arg(i));
        if (tag == ExtensionTagGlibcHwcaps) { // the last one wins, as in glibc
            hwcapsOffset = offset;
            hwcapsSize = size;
        }
    }
    if (hwcapsOffset < 0)
        return {};
    if (hwcapsSize == 0 || hwcapsOffset % 4 != 0 || hwcapsSize % 4 != 0) {
        warnings.add(QStringLiteral("the glibc-hwcaps section is empty or misaligned: the loader ignores it"));
        return {};
    }
    QList<std::optional<QString>> names;
    names.reserve(hwcapsSize / 4); // bounded by the file's size, checked above
    for (qint64 i = 0; i < hwcapsSize / 4 && !file.exhausted(); ++i)
        names << file.string(file.at<quint32>(hwcapsOffset + i * 4));
    return names;
}

// An entry's name and path, read from the string table at `base`; false (with a warning) when either offset is not a
// string inside the file: the entry is skipped.
bool readEntryNames(
    Bytes &file, qsizetype base, quint32 key, quint32 value, quint32 index, LdSoCacheEntry &entry, Warnings &warnings)
{
    const std::optional<QByteArrayView> keyBytes = file.raw(base + qint64(key));
    const std::optional<QString> keyText = keyBytes ? std::optional<QString>(decodeName(*keyBytes)) : std::nullopt;
    const std::optional<QString> valueText = file.string(base + qint64(value));
    if (!keyText || !valueText) {
        warnings.add(QStringLiteral("entry %1 skipped: its %2 (offset %3) is not a string inside the file")
                         .arg(index)
                         .arg(keyText ? QStringLiteral("path") : QStringLiteral("name"))
                         .arg(keyText ? value : key));
        return false;
    }
    entry.key = *keyText;
    entry.keyBytes = keyBytes->toByteArray(); // what lookups compare, as the file holds it
    entry.path = *valueText;
    return true;
}

Check parseNew(Bytes &file, qsizetype base, LdSoCache &cache, Warnings &warnings)
{
    if (!file.fits(base, NewHeaderSize))
        return Check::fail(
            QStringLiteral("the file ends inside its glibc-ld.so.cache header (%1 bytes)").arg(file.size()));
    if (!file.startsWithAt(base + NewMagicSize, NewVersion, 3))
        return Check::fail(QStringLiteral("it is a glibc-ld.so.cache of version \"%1\"; LinkLab reads version 1.1")
                               .arg(QString::fromLatin1(file.slice(base + NewMagicSize, 3))));
    const quint32 nlibs = file.at<quint32>(base + 20);
    const quint8 endian = file.at<quint8>(base + 28);
    if (endian != 0 && (endian & EndianMask) == EndianInvalid)
        return Check::fail(QStringLiteral("ldconfig marked this cache as invalid"));
    if (endian != 0 && (endian & EndianMask) != EndianCurrent)
        return Check::fail(QStringLiteral("the cache was written for a machine of the other byte order"));
    const qsizetype entries = base + NewHeaderSize;
    if ((file.size() - entries) / NewEntrySize < nlibs)
        return Check::fail(QStringLiteral("the header claims %1 entries but the file has room for %2")
                               .arg(nlibs)
                               .arg((file.size() - entries) / NewEntrySize));
    const QList<std::optional<QString>> names = hwcapsNames(file, base, warnings);
    bool hwcapsUsed = false;
    cache.entries.reserve(nlibs); // checked against the file's size above
    for (quint32 i = 0; i < nlibs && !file.exhausted(); ++i) {
        const qsizetype at = entries + qsizetype(i) * NewEntrySize;
        LdSoCacheEntry entry;
        entry.flags = file.at<qint32>(at);
        const quint32 key = file.at<quint32>(at + 4);
        const quint32 value = file.at<quint32>(at + 8);
        entry.osVersion = file.at<quint32>(at + 12);
        entry.hwcap = file.at<quint64>(at + 16);
        if (!readEntryNames(file, base, key, value, i, entry, warnings))
            continue;
        if (isHwcapsEntry(entry.hwcap)) {
            hwcapsUsed = true;
            const quint32 index = quint32(entry.hwcap);
            if (index < quint32(names.size()) && names.at(index))
                entry.hwcapsSubdir = *names.at(index);
            else
                warnings.add(QStringLiteral("entry %1 (%2) is a glibc-hwcaps entry without a subdirectory name "
                                            "(index %3): the loader never uses it")
                                 .arg(i)
                                 .arg(entry.key)
                                 .arg(index));
        }
        cache.entries << entry;
    }
    if (base != 0 && hwcapsUsed)
        warnings.add(QStringLiteral(
            "in a cache with both formats ldconfig writes the glibc-hwcaps names as offsets from the new header, "
            "but ld.so and ldconfig -p read them from the start of the file (a glibc bug): the names shown are "
            "what they read, and the loader never uses these glibc-hwcaps entries"));
    return {};
}

Check parseOld(Bytes &file, quint32 nlibs, LdSoCache &cache, Warnings &warnings)
{
    const qsizetype strings = OldHeaderSize + qsizetype(nlibs) * OldEntrySize;
    cache.entries.reserve(nlibs); // checked against the file's size by the caller
    for (quint32 i = 0; i < nlibs && !file.exhausted(); ++i) {
        const qsizetype at = OldHeaderSize + qsizetype(i) * OldEntrySize;
        LdSoCacheEntry entry;
        entry.flags = file.at<qint32>(at);
        const quint32 key = file.at<quint32>(at + 4);
        const quint32 value = file.at<quint32>(at + 8);
        if (!readEntryNames(file, strings, key, value, i, entry, warnings))
            continue;
        cache.entries << entry;
    }
    return {};
}

Result<LdSoCache> parseInto(Bytes &file, LdSoCache cache, Warnings &warnings)
{
    const QString &path = cache.path;
    if (file.startsWithAt(0, NewMagic, NewMagicSize)) {
        cache.format = QStringLiteral("glibc-ld.so.cache1.1");
        if (Check parsed = parseNew(file, 0, cache, warnings); !parsed)
            return Failure {QStringLiteral("%1 is not a usable ld.so cache: %2").arg(path, parsed.reason())};
        return cache;
    }
    if (!file.startsWithAt(0, OldMagic, OldMagicSize))
        return Failure {QStringLiteral("%1 is not an ld.so cache: it starts with neither \"glibc-ld.so.cache\" nor "
                                       "\"ld.so-1.7.0\"")
                            .arg(path)};
    if (!file.fits(0, OldHeaderSize))
        return Failure {QStringLiteral("%1 is not a usable ld.so cache: the file ends inside its header").arg(path)};
    const quint32 nlibs = file.at<quint32>(12);
    if ((file.size() - OldHeaderSize) / OldEntrySize < nlibs)
        return Failure {QStringLiteral("%1 is not a usable ld.so cache: the header claims %2 entries but the file has "
                                       "room for %3")
                            .arg(path)
                            .arg(nlibs)
                            .arg((file.size() - OldHeaderSize) / OldEntrySize)};
    const qsizetype oldEnd = OldHeaderSize + qsizetype(nlibs) * OldEntrySize;
    const qsizetype newHeader = (oldEnd + NewAlignment - 1) / NewAlignment * NewAlignment;
    // ld.so looks for the whole "glibc-ld.so.cache1.1" there; anything else is the old format alone.
    if (file.fits(newHeader, NewHeaderSize) && file.startsWithAt(newHeader, NewMagic, NewMagicSize)
        && file.startsWithAt(newHeader + NewMagicSize, NewVersion, 3)) {
        cache.format = QStringLiteral("ld.so-1.7.0 + glibc-ld.so.cache1.1");
        if (Check parsed = parseNew(file, newHeader, cache, warnings); !parsed)
            return Failure {QStringLiteral("%1 is not a usable ld.so cache: %2").arg(path, parsed.reason())};
        return cache;
    }
    cache.format = QStringLiteral("ld.so-1.7.0");
    if (Check parsed = parseOld(file, nlibs, cache, warnings); !parsed)
        return Failure {QStringLiteral("%1 is not a usable ld.so cache: %2").arg(path, parsed.reason())};
    return cache;
}

} // namespace

Result<LdSoCache> parseLdSoCache(const QByteArray &bytes, const QString &path)
{
    LdSoCache cache;
    cache.path = path;
    QStringList warningList;
    Warnings warnings(warningList);
    Bytes file(bytes);
    Result<LdSoCache> result = parseInto(file, std::move(cache), warnings);
    if (result && file.exhausted())
        result = Failure {QStringLiteral("%1 is not a usable ld.so cache: its entries point into the same strings "
                                         "far more often than ldconfig writes them")
                              .arg(path)};
    warnings.finish();
    if (result)
        result->warnings = std::move(warningList);
    return result;
}

Result<LdSoCache> readLdSoCache(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Failure {QStringLiteral("%1 does not exist").arg(path)};
    if (!info.isFile())
        return Failure {QStringLiteral("%1 is not a regular file").arg(path)};
    if (info.size() > MaxCacheFileSize)
        return Failure {QStringLiteral("%1 is %2 bytes, too large for an ld.so cache").arg(path).arg(info.size())};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Failure {QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    // read() with a bound, never readAll(): the file may have grown since it was measured.
    const QByteArray bytes = file.read(MaxCacheFileSize + 1);
    if (bytes.size() > MaxCacheFileSize)
        return Failure {QStringLiteral("%1 is too large for an ld.so cache").arg(path)};
    return parseLdSoCache(bytes, path);
}

} // namespace linklab
