// SPDX-License-Identifier: MIT
// openBinary: find out what a file is, then hand ELF images to the ELF reader and ar archives to the archive
// reader. Anything else becomes an OpenError that says in plain words what the file is.
#include "binary/openbinary.h"
#include "binary/archivereader.h"
#include "binary/bytenames.h"

#include "binary/elfreader.h"
#include "binary/symbolsearch.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace linklab {

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
            if (quint64(peOffset) + 4 <= quint64(head.size()) && std::memcmp(head.data() + peOffset, "PE\0\0", 4) == 0)
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

OpenResult parseBytes(QByteArrayView data, const QString &name, const QString &path, const OpenOptions &options,
    const detail::NeedRange &need = {});

OpenResult parseMemberBytes(const QByteArray &data, const QString &name, const OpenOptions &options)
{
    if (data.startsWith("!<arch>\n") || data.startsWith("!<thin>\n"))
        return OpenError {name, QStringLiteral("nested archive: not read")};
    OpenOptions member = options;
    member.stageReady = nullptr; // the stages are the file's, not each member's
    return parseBytes(data, name, name, member);
}

OpenResult parseBytes(QByteArrayView data, const QString &name, const QString &path, const OpenOptions &options,
    const detail::NeedRange &need)
{
    if (data.isEmpty())
        return OpenError {name, QStringLiteral("empty file")};
    BinaryInfo info;
    info.path = path;
    try {
        if (data.startsWith("\x7f"
                            "ELF")) {
            if (auto error = detail::readElf(
                    reinterpret_cast<const std::uint8_t *>(data.data()), size_t(data.size()), options, info, need))
                return OpenError {name, *error};
            return info;
        }
        if (data.startsWith("!<arch>\n") || data.startsWith("!<thin>\n")) {
            if (auto error = detail::readArchive(data, path, options, parseMemberBytes, info))
                return OpenError {name, *error};
            return info;
        }
    } catch (const std::bad_alloc &) {
        // The readers bound what they allocate; this is the last line for whatever a hostile file still finds.
        return OpenError {name, QStringLiteral("the file asks for more memory than is available; not read")};
    }
    return OpenError {name, describeOther(data.first(std::min<qsizetype>(data.size(), 512)))};
}

QString openErrorText(int err)
{
    switch (err) {
    case ENOENT: return QStringLiteral("no such file");
    case EACCES:
    case EPERM: return QStringLiteral("permission denied");
    case ELOOP: return QStringLiteral("symbolic link loop");
    default: return QString::fromLocal8Bit(std::strerror(err));
    }
}

} // namespace

OpenFile::~OpenFile()
{
    if (fd >= 0)
        ::close(fd);
}

QString openRegularFile(const QString &path, OpenFile &file)
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    file.fd = ::open(encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (file.fd < 0) {
        const int err = errno;
        QFileInfo fi(path);
        if (err == ENOENT && fi.isSymLink())
            return QStringLiteral("broken symbolic link to %1").arg(fi.symLinkTarget());
        return openErrorText(err);
    }
    struct stat st {
    };
    if (::fstat(file.fd, &st) != 0)
        return openErrorText(errno);
    if (S_ISDIR(st.st_mode))
        return QStringLiteral("a directory, not a file");
    if (!S_ISREG(st.st_mode))
        return QStringLiteral("not a regular file (device, socket or pipe)");
    if (st.st_size == 0)
        return QStringLiteral("empty file");
    file.size = std::size_t(st.st_size);
    return {};
}

namespace {

// Reads the whole of an open file. Reading (not mapping) keeps one consistent copy: a file that is rewritten
// while it is parsed cannot crash the process with SIGBUS, and the checks and the reader see the same bytes.
std::variant<std::vector<std::uint8_t>, QString> readWhole(const OpenFile &file)
{
    std::vector<std::uint8_t> bytes(file.size);
    size_t done = 0;
    while (done < bytes.size()) { // a file that shrinks meanwhile ends the read early; one that grows is cut
        const ssize_t n = ::pread(file.fd, bytes.data() + done, bytes.size() - done, off_t(done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return openErrorText(errno);
        if (n == 0)
            break;
        done += size_t(n);
    }
    bytes.resize(done);
    return bytes;
}

// A big ELF file read on demand: a private anonymous mapping the size of the file, in which the ranges the reader
// asks for are filled by pread, 64 KiB at a time. Pages never asked for take no memory, so opening a 111 MB
// library costs what its header tables and symbol tables cost, not 111 MB. The bytes are LinkLab's own copy, so
// a file rewritten meanwhile can give stale bytes but never SIGBUS (which mapping the file itself could).
class LazyFile
{
public:
    static constexpr std::uint64_t Chunk = 4 * 1024;

    LazyFile(int fd, std::size_t size)
        : m_fd(fd)
        , m_size(size)
        , m_loaded((size + Chunk - 1) / Chunk, false)
    {
        void *map = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        m_data = map == MAP_FAILED ? nullptr : static_cast<std::uint8_t *>(map);
    }
    ~LazyFile()
    {
        if (m_data)
            ::munmap(m_data, m_size);
    }
    LazyFile(const LazyFile &) = delete;
    LazyFile &operator=(const LazyFile &) = delete;

    bool valid() const { return m_data != nullptr; }
    const std::uint8_t *data() const { return m_data; }
    std::size_t size() const { return m_size; }

    void need(std::uint64_t offset, std::uint64_t length)
    {
        if (length == 0 || offset >= m_size)
            return;
        const std::uint64_t first = offset / Chunk;
        const std::uint64_t last = (std::min<std::uint64_t>(offset + length, m_size) - 1) / Chunk;
        for (std::uint64_t c = first; c <= last; ++c) {
            if (m_loaded[c])
                continue;
            std::uint64_t end = c; // read a run of chunks not loaded yet in one call
            while (end + 1 <= last && !m_loaded[end + 1])
                ++end;
            const std::uint64_t from = c * Chunk;
            const std::uint64_t to = std::min<std::uint64_t>((end + 1) * Chunk, m_size);
            std::uint64_t done = 0;
            while (from + done < to) { // a file that shrank meanwhile leaves zeros, as if cut there
                const ssize_t n = ::pread(m_fd, m_data + from + done, to - from - done, off_t(from + done));
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    break;
                done += std::uint64_t(n);
            }
            for (std::uint64_t k = c; k <= end; ++k)
                m_loaded[k] = true;
            c = end;
        }
    }

private:
    int m_fd;
    std::size_t m_size;
    std::uint8_t *m_data = nullptr;
    std::vector<bool> m_loaded;
};

// Files from this size on are read on demand when they are ELF; smaller ones (and archives, whose every member is
// read anyway) are read whole.
constexpr std::size_t kLazyFromBytes = 4 * 1024 * 1024;

} // namespace

OpenResult openBinaryData(const QByteArray &data, const QString &name, const OpenOptions &options)
{
    return parseBytes(data, name, name, options);
}

OpenResult openBinary(const QString &path, const OpenOptions &options)
{
    OpenFile file;
    if (const QString error = openRegularFile(path, file); !error.isEmpty())
        return OpenError {path, error};
    char magic[4] = {};
    // Big files, and any file when only the headers and the dynamic section are wanted (the dependency
    // resolver reads hundreds of programs): read on demand, not whole.
    if ((file.size >= kLazyFromBytes || (!options.symbols && !options.relocations))
        && ::pread(file.fd, magic, 4, 0) == 4
        && std::memcmp(magic,
               "\x7f"
               "ELF",
               4)
            == 0) {
        LazyFile lazy(file.fd, file.size);
        if (lazy.valid()) {
            lazy.need(0, 512); // what kind detection looks at
            const QByteArrayView view(reinterpret_cast<const char *>(lazy.data()), qsizetype(lazy.size()));
            return parseBytes(view, path, path, options,
                [&lazy](std::uint64_t offset, std::uint64_t length) { lazy.need(offset, length); });
        }
    }
    const std::variant<std::vector<std::uint8_t>, QString> read = readWhole(file);
    if (const auto *error = std::get_if<QString>(&read))
        return OpenError {path, *error};
    const auto &bytes = std::get<std::vector<std::uint8_t>>(read);
    const QByteArrayView view(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
    return parseBytes(view, path, path, options);
}

} // namespace linklab
