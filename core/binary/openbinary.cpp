// SPDX-License-Identifier: MIT
// openBinary: find out what a file is, then hand ELF images to the LIEF adapter and ar archives to the archive
// reader. Anything else becomes an OpenError that says in plain words what the file is.
#include "archivereader.h"
#include "binaryinfo.h"
#include "elfadapter.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace linklab {

QString SymbolInfo::versionSuffix() const
{
    if (version.isEmpty())
        return {};
    return (versionHidden ? QStringLiteral("@") : QStringLiteral("@@")) + version;
}

QString SymbolInfo::displayName() const
{
    constexpr std::uint8_t STT_SECTION = 3;
    if (name.isEmpty() && type == STT_SECTION && sectionIndex != 0 && sectionIndex < 0xff00)
        return sectionName;
    return name + versionSuffix();
}

namespace {

bool looksLikeText(QByteArrayView head)
{
    for (char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0 || (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f'))
            return false;
    }
    return true;
}

// A plain-words description of a file that is neither ELF nor ar, from its first bytes.
QString describeOther(QByteArrayView head)
{
    const auto starts = [&](const char *magic, qsizetype n) {
        return head.size() >= n && std::memcmp(head.data(), magic, size_t(n)) == 0;
    };
    if (starts("MZ", 2)) {
        // The PE header offset lives at 0x3c; "PE\0\0" there makes it a Windows executable.
        if (head.size() >= 0x40) {
            const quint32 peOffset = quint32(quint8(head[0x3c])) | quint32(quint8(head[0x3d])) << 8
                | quint32(quint8(head[0x3e])) << 16 | quint32(quint8(head[0x3f])) << 24;
            if (peOffset + 4 <= quint32(head.size()) && std::memcmp(head.data() + peOffset, "PE\0\0", 4) == 0)
                return QStringLiteral("PE executable (Windows): not an ELF file");
        }
        return QStringLiteral("DOS/Windows executable (MZ): not an ELF file");
    }
    if (starts("\xfe\xed\xfa\xce", 4) || starts("\xce\xfa\xed\xfe", 4) || starts("\xfe\xed\xfa\xcf", 4)
        || starts("\xcf\xfa\xed\xfe", 4))
        return QStringLiteral("Mach-O file (macOS): not an ELF file");
    if (starts("\xca\xfe\xba\xbe", 4))
        return QStringLiteral("Mach-O universal binary or Java class file: not an ELF file");
    if (starts("\0asm", 4))
        return QStringLiteral("WebAssembly module: not an ELF file");
    if (starts("PK\x03\x04", 4))
        return QStringLiteral("ZIP archive: not an ELF file");
    if (starts("\x1f\x8b", 2))
        return QStringLiteral("gzip-compressed file: not an ELF file");
    if (starts("BC\xc0\xde", 4))
        return QStringLiteral("LLVM bitcode file: not an ELF file");
    if (starts("#!", 2))
        return QStringLiteral("script (starts with #!): not an ELF file");
    if (looksLikeText(head)) {
        const QByteArray lower = head.toByteArray().toLower();
        if (lower.contains("group") || lower.contains("input") || lower.contains("output_format"))
            return QStringLiteral("GNU ld script (text): not an ELF file; the linker reads the libraries it names");
        return QStringLiteral("text file: not an ELF file");
    }
    return QStringLiteral("unknown format: not an ELF file or ar archive");
}

OpenResult parseBytes(
    QByteArrayView data, const QString &name, const QString &path, const QString &filePath, const OpenOptions &options);

OpenResult parseMemberBytes(const QByteArray &data, const QString &name, const OpenOptions &options)
{
    if (data.startsWith("!<arch>\n") || data.startsWith("!<thin>\n"))
        return OpenError {name, QStringLiteral("nested archive: not read")};
    return parseBytes(data, name, name, QString(), options);
}

// `filePath` is set when `data` is the whole of that file (not an archive member or a buffer).
OpenResult parseBytes(
    QByteArrayView data, const QString &name, const QString &path, const QString &filePath, const OpenOptions &options)
{
    if (data.isEmpty())
        return OpenError {name, QStringLiteral("empty file")};
    BinaryInfo info;
    info.path = path;
    if (data.startsWith("\x7f"
                        "ELF")) {
        if (auto error = detail::parseElf(
                reinterpret_cast<const std::uint8_t *>(data.data()), size_t(data.size()), filePath, options, info))
            return OpenError {name, *error};
        return info;
    }
    if (data.startsWith("!<arch>\n") || data.startsWith("!<thin>\n")) {
        if (auto error = detail::readArchive(data, path, options, parseMemberBytes, info))
            return OpenError {name, *error};
        return info;
    }
    return OpenError {name, describeOther(data.first(std::min<qsizetype>(data.size(), 512)))};
}

} // namespace

OpenResult openBinaryData(const QByteArray &data, const QString &name, const OpenOptions &options)
{
    return parseBytes(data, name, name, QString(), options);
}

OpenResult openBinary(const QString &path, const OpenOptions &options)
{
    const QFileInfo fi(path);
    if (!fi.exists() && !fi.isSymLink())
        return OpenError {path, QStringLiteral("no such file")};
    if (!fi.exists())
        return OpenError {path, QStringLiteral("broken symbolic link to %1").arg(fi.symLinkTarget())};
    if (fi.isDir())
        return OpenError {path, QStringLiteral("a directory, not a file")};
    if (!fi.isFile())
        return OpenError {path, QStringLiteral("not a regular file (device, socket or pipe)")};

    // open(2) tells permission problems apart from other failures; QFile's message is less specific.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == EACCES || err == EPERM)
            return OpenError {path, QStringLiteral("permission denied")};
        return OpenError {path, QString::fromLocal8Bit(std::strerror(err))};
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return OpenError {path, file.errorString()};
    }
    if (file.size() == 0)
        return OpenError {path, QStringLiteral("empty file")};
    // Map rather than read: archives and big libraries are then paged in only as far as they are parsed.
    const uchar *mapped = file.map(0, file.size());
    if (mapped) {
        const QByteArrayView view(reinterpret_cast<const char *>(mapped), file.size());
        return parseBytes(view, path, path, path, options);
    }
    const QByteArray all = file.readAll();
    return parseBytes(all, path, path, path, options);
}

} // namespace linklab
