// SPDX-License-Identifier: MIT
// A bounds-checked reader for Unix ar archives: GNU (with "/" or "/SYM64/" index and "//" long names), BSD
// ("#1/N" names, "__.SYMDEF" index) and GNU thin archives ("!<thin>", members stay outside the archive).
#include "binary/archivereader.h"

#include "binary/bytenames.h"
#include "binary/openbinary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <cstdint>

namespace linklab::detail {
namespace {

constexpr qsizetype kMagicSize = 8;
constexpr qsizetype kHeaderSize = 60;
// Bounds on what hostile name tables and thin archives can make us allocate or read.
constexpr qsizetype kMaxNameLength = 4096;
constexpr qsizetype kMaxIndexNameBytes = 64 << 20;
constexpr std::uint64_t kMaxThinBytes = std::uint64_t(1) << 30;

struct RawMember {
    QByteArray rawName; // the 16-byte name field, trimmed
    qsizetype headerOffset = 0;
    qsizetype dataOffset = 0;
    std::uint64_t size = 0;
};

std::uint64_t readBE(QByteArrayView d, qsizetype at, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | std::uint8_t(d[at + i]);
    return v;
}

std::uint64_t readLE(QByteArrayView d, qsizetype at, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | std::uint8_t(d[at + i]);
    return v;
}

// Decimal field of a member header; nullopt when it holds anything but digits and trailing blanks.
std::optional<std::uint64_t> parseDecimal(QByteArrayView field)
{
    const QByteArrayView trimmed = field.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 19)
        return std::nullopt;
    std::uint64_t v = 0;
    for (char c : trimmed) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + std::uint64_t(c - '0');
    }
    return v;
}

// GNU index: count, offsets (4 or 8 bytes, big-endian), then NUL-terminated names.
void readGnuIndex(QByteArrayView d, int width, QList<QPair<QString, qsizetype>> &out, QStringList &warnings)
{
    if (d.size() < width) {
        warnings << QStringLiteral("archive index is truncated");
        return;
    }
    const std::uint64_t count = readBE(d, 0, width);
    if (count > std::uint64_t(d.size() - width) / std::uint64_t(width)) {
        warnings << QStringLiteral("archive index claims %1 symbols, more than it can hold").arg(count);
        return;
    }
    qsizetype names = width + qsizetype(count) * width;
    for (std::uint64_t i = 0; i < count; ++i) {
        const qsizetype end = d.indexOf('\0', names);
        if (names >= d.size() || end < 0) {
            warnings << QStringLiteral("archive index names are truncated");
            return;
        }
        out.append(
            {decodeName(d.sliced(names, end - names)), qsizetype(readBE(d, width + qsizetype(i) * width, width))});
        names = end + 1;
    }
}

// BSD "__.SYMDEF": byte count of ranlib entries (strx, offset), the entries, string table size, strings.
// Written in the byte order of the machine that made it; little-endian is tried first.
void readBsdIndex(QByteArrayView d, QList<QPair<QString, qsizetype>> &out, QStringList &warnings)
{
    for (const bool little : {true, false}) {
        const auto rd = [&](qsizetype at) { return little ? readLE(d, at, 4) : readBE(d, at, 4); };
        if (d.size() < 4)
            break;
        const std::uint64_t ranlibBytes = rd(0);
        if (ranlibBytes % 8 != 0 || ranlibBytes + 8 > std::uint64_t(d.size()))
            continue;
        const qsizetype strBase = 4 + qsizetype(ranlibBytes) + 4;
        const std::uint64_t strSize = rd(4 + qsizetype(ranlibBytes));
        if (strSize > std::uint64_t(d.size() - strBase))
            continue;
        const QByteArrayView strings = d.sliced(strBase, qsizetype(strSize));
        QHash<std::uint64_t, QString> names; // entries may share a string; decode each once
        qsizetype nameBytes = 0;
        for (qsizetype i = 0; i < qsizetype(ranlibBytes / 8); ++i) {
            const std::uint64_t strx = rd(4 + i * 8);
            const std::uint64_t off = rd(8 + i * 8);
            if (strx >= std::uint64_t(strings.size()))
                continue;
            auto it = names.find(strx);
            if (it == names.end()) {
                const QByteArrayView rest = strings.sliced(qsizetype(strx));
                const qsizetype end = rest.first(std::min(rest.size(), kMaxNameLength)).indexOf('\0');
                const QByteArrayView name = rest.first(end < 0 ? std::min(rest.size(), kMaxNameLength) : end);
                nameBytes += name.size();
                if (nameBytes > kMaxIndexNameBytes) {
                    warnings << QStringLiteral("BSD archive index is implausibly large; the rest is not read");
                    return;
                }
                it = names.insert(strx, decodeName(name));
            }
            out.append({*it, qsizetype(off)});
        }
        return;
    }
    warnings << QStringLiteral("BSD archive index (__.SYMDEF) is malformed");
}

// `ref` is what follows the '/' of a "/123" name field. GNU ar may end the field with a '/' after the blanks
// ("/0             /", in thin archives of long paths) and writes "/123:456" for a member of an archive nested in
// a thin archive; like bfd, read the leading digits and take the rest as what it is.
QString longName(QByteArrayView table, QByteArrayView ref, QStringList &warnings)
{
    qsizetype digits = 0;
    while (digits < ref.size() && ref[digits] >= '0' && ref[digits] <= '9')
        ++digits;
    const QByteArrayView tail = ref.sliced(digits).trimmed();
    const bool nested = tail.startsWith(':');
    const bool tailOk = tail.isEmpty() || tail == "/" || nested;
    const auto offset = tailOk ? parseDecimal(ref.first(digits)) : std::nullopt;
    if (nested && offset && *offset < std::uint64_t(table.size()))
        warnings << QStringLiteral("member /%1 lies in an archive nested in this thin archive, which is not read")
                        .arg(QString::fromLatin1(ref));
    if (!offset || *offset >= std::uint64_t(table.size())) {
        warnings << QStringLiteral("member name refers outside the long-name table: /%1").arg(QString::fromLatin1(ref));
        return QStringLiteral("/%1").arg(QString::fromLatin1(ref));
    }
    const QByteArrayView rest = table.sliced(qsizetype(*offset));
    const QByteArrayView window = rest.first(std::min(rest.size(), kMaxNameLength));
    const qsizetype end = window.indexOf('\n');
    QByteArrayView name = end < 0 ? window : window.first(end);
    if (name.endsWith('/'))
        name.chop(1);
    return decodeName(name);
}

// Reads a thin archive's member from disk. Only regular files of the size the archive recorded are read, so a
// member naming /dev/zero or a FIFO cannot make us read forever or block.
QByteArray readThinMember(const QString &path, std::uint64_t expected, QString &error)
{
    const QFileInfo fi(path);
    if (!fi.exists()) {
        error = QStringLiteral("thin archive member not found: %1").arg(path);
        return {};
    }
    if (!fi.isFile()) {
        error = QStringLiteral("thin archive member is not a regular file: %1").arg(path);
        return {};
    }
    if (std::uint64_t(fi.size()) != expected) {
        error
            = QStringLiteral("thin archive member changed size since the archive was made (%1 bytes, archive says %2)")
                  .arg(fi.size())
                  .arg(expected);
        return {};
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("thin archive member cannot be read: %1").arg(f.errorString());
        return {};
    }
    return f.read(qint64(expected));
}

} // namespace

std::optional<QString> readArchive(QByteArrayView data, const QString &archivePath, const OpenOptions &options,
    MemberParser parseMember, BinaryInfo &info)
{
    const bool thin = data.startsWith("!<thin>\n");
    if (!thin && !data.startsWith("!<arch>\n"))
        return QStringLiteral("not an ar archive");
    info.kind = thin ? BinaryKind::ThinArchive : BinaryKind::Archive;

    QList<RawMember> raw;
    qsizetype pos = kMagicSize;
    while (pos < data.size()) {
        if (data[pos] == '\n') { // padding some writers leave at the end
            ++pos;
            continue;
        }
        if (data.size() - pos < kHeaderSize) {
            info.warnings << QStringLiteral("archive ends inside a member header at offset %1").arg(pos);
            break;
        }
        const QByteArrayView header = data.sliced(pos, kHeaderSize);
        const auto size = parseDecimal(header.sliced(48, 10));
        if (header.sliced(58, 2) != "`\n") {
            // What nm calls a "malformed archive" and fails on (exit 1); the members before it are still listed.
            info.errors << QStringLiteral("malformed archive: the member header at offset %1 does not end in \"`\\n\"; "
                                          "the rest of the archive is skipped")
                               .arg(pos);
            break;
        }
        if (!size) {
            info.warnings
                << QStringLiteral("malformed member header at offset %1; the rest of the archive is skipped").arg(pos);
            break;
        }
        RawMember m;
        m.rawName = header.sliced(0, 16).trimmed().toByteArray();
        m.headerOffset = pos;
        m.dataOffset = pos + kHeaderSize;
        m.size = *size;
        const bool special = m.rawName == "/" || m.rawName == "//" || m.rawName == "/SYM64/";
        // In thin archives only the index and the name table have their data inside the archive.
        const std::uint64_t inArchive = (thin && !special) ? 0 : m.size;
        if (inArchive > std::uint64_t(data.size() - m.dataOffset)) {
            // As nm does: read what there is (a truncated archive still shows its last member's symbols, or says
            // why they cannot be read), and stop there.
            const qsizetype rest = data.size() - m.dataOffset;
            info.warnings << QStringLiteral("member at offset %1 claims %2 bytes, past the end of the archive; "
                                            "the %3 bytes there are read")
                                 .arg(pos)
                                 .arg(m.size)
                                 .arg(rest);
            m.size = std::uint64_t(rest);
            raw.append(m);
            break;
        }
        raw.append(m);
        pos = m.dataOffset + qsizetype(inArchive) + qsizetype(inArchive % 2);
    }

    QByteArrayView longNames;
    QList<QPair<QString, qsizetype>> index;
    QHash<qsizetype, QString> nameAtOffset;
    QHash<QByteArray, QString> longNameCache; // "/123" -> name: many members may point at one entry
    QHash<QString, std::shared_ptr<const BinaryInfo>> thinCache; // canonical path -> parsed member
    std::uint64_t thinBytes = 0;
    const QDir baseDir = QFileInfo(archivePath).absoluteDir();

    for (const RawMember &m : raw) {
        QByteArrayView body = (thin && m.rawName != "/" && m.rawName != "//" && m.rawName != "/SYM64/")
            ? QByteArrayView()
            : data.sliced(m.dataOffset, qsizetype(m.size));
        if (m.rawName == "/") {
            info.hasArchiveIndex = true;
            readGnuIndex(body, 4, index, info.warnings);
            continue;
        }
        if (m.rawName == "/SYM64/") {
            info.hasArchiveIndex = true;
            readGnuIndex(body, 8, index, info.warnings);
            continue;
        }
        if (m.rawName == "//") {
            longNames = body;
            continue;
        }
        QString name;
        std::uint64_t dataSize = m.size;
        if (m.rawName.startsWith("#1/")) { // BSD: the name is the first N bytes of the data
            const auto n = parseDecimal(QByteArrayView(m.rawName).sliced(3));
            if (!n || *n > std::uint64_t(body.size())) {
                info.warnings << QStringLiteral("BSD member name length is invalid at offset %1").arg(m.headerOffset);
                continue;
            }
            name = decodeName(body.first(qsizetype(*n))).remove(QChar(0));
            body = body.sliced(qsizetype(*n));
            dataSize -= *n;
        } else if (m.rawName.startsWith('/') && m.rawName.size() > 1) {
            auto cached = longNameCache.constFind(m.rawName);
            if (cached == longNameCache.cend())
                cached = longNameCache.insert(
                    m.rawName, longName(longNames, QByteArrayView(m.rawName).sliced(1), info.warnings));
            name = *cached;
        } else {
            QByteArrayView n = m.rawName;
            if (n.endsWith('/'))
                n.chop(1);
            name = decodeName(n);
        }
        if (name.startsWith(u"__.SYMDEF")) {
            info.hasArchiveIndex = true;
            readBsdIndex(body, index, info.warnings);
            continue;
        }

        ArchiveMember member;
        member.name = name;
        member.offset = thin ? 0 : std::uint64_t(m.dataOffset);
        member.size = dataSize;
        nameAtOffset.insert(m.headerOffset, name);
        QByteArray bytes;
        if (thin) {
            member.path = QDir::isAbsolutePath(name) ? name : baseDir.filePath(name);
            if (member.path.contains(QChar(0))) { // no file has such a name (and Qt warns on every use of one)
                member.error = QStringLiteral("thin archive member name holds a NUL byte");
                info.members.append(std::move(member));
                continue;
            }
            // A thin archive can name one big file thousands of times: parse each file once, and read at most
            // kMaxThinBytes in all.
            const QString canonical = QFileInfo(member.path).canonicalFilePath();
            if (const auto hit = thinCache.constFind(canonical); !canonical.isEmpty() && hit != thinCache.cend()) {
                member.binary = *hit;
                info.members.append(std::move(member));
                continue;
            }
            if (thinBytes + m.size > kMaxThinBytes) {
                member.error = QStringLiteral("not read: the thin archive's members add up to more than 1 GiB");
                info.members.append(std::move(member));
                continue;
            }
            thinBytes += m.size;
            bytes = readThinMember(member.path, m.size, member.error);
            if (!member.error.isEmpty()) {
                info.members.append(std::move(member));
                continue;
            }
        } else {
            bytes = body.toByteArray();
        }
        OpenResult parsed = parseMember(bytes, name, options);
        if (auto *b = std::get_if<BinaryInfo>(&parsed)) {
            b->path = thin ? member.path : QStringLiteral("%1(%2)").arg(archivePath, name);
            member.binary = std::make_shared<const BinaryInfo>(std::move(*b));
            if (thin)
                thinCache.insert(QFileInfo(member.path).canonicalFilePath(), member.binary);
        } else {
            member.error = std::get<OpenError>(parsed).message;
        }
        info.members.append(std::move(member));
    }

    for (const auto &[symbol, offset] : index)
        info.archiveIndex.append({symbol, nameAtOffset.value(offset, QStringLiteral("?"))});
    return std::nullopt;
}

} // namespace linklab::detail
