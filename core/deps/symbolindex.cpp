// SPDX-License-Identifier: MIT
#include "deps/symbolindex.h"

#include "binary/openbinary.h"

#include <QByteArrayMatcher>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentMap>

#include <sys/stat.h>

namespace linklab {

namespace {

constexpr quint32 kMagic = 0x4c4c5349; // "LLSI"
constexpr quint32 kFormat = 1;
constexpr std::uint8_t kStbLocal = 0, kSttSection = 3, kSttFile = 4;

struct Identity {
    bool ok = false;
    quint64 device = 0, inode = 0, size = 0;
    qint64 mtimeNs = 0;
};

Identity identify(const QString &path)
{
    Identity id;
    struct stat st {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return id;
    id.ok = true;
    id.device = quint64(st.st_dev);
    id.inode = quint64(st.st_ino);
    id.size = quint64(st.st_size);
    id.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return id;
}

bool sameFile(const SymbolIndex::Entry &e, const Identity &id)
{
    return e.device == id.device && e.inode == id.inode && e.size == id.size && e.mtimeNs == id.mtimeNs;
}

SymbolIndex::Entry readLibrary(const QString &path, const Identity &id)
{
    SymbolIndex::Entry e;
    e.device = id.device;
    e.inode = id.inode;
    e.size = id.size;
    e.mtimeNs = id.mtimeNs;
    OpenOptions options;
    options.demangle = false;
    const OpenResult opened = openBinary(path, options);
    if (const auto *error = std::get_if<OpenError>(&opened)) {
        e.warning = QStringLiteral("%1: %2").arg(path, error->message);
        return e;
    }
    const BinaryInfo &info = std::get<BinaryInfo>(opened);
    e.elfClass = info.elfClass;
    e.machine = info.machine;
    e.type = info.elfType;
    for (const SymbolInfo &sym : info.symbols) {
        if (sym.table != SymbolTable::Dynamic || !sym.isDefined() || sym.bind == kStbLocal || sym.type == kSttSection
            || sym.type == kSttFile || sym.name.isEmpty())
            continue;
        e.definitions += '\n';
        e.definitions += sym.name.toUtf8();
        e.definitions += '\x01';
        e.definitions += sym.version.toUtf8();
        e.definitions += '\x01';
        e.definitions += (!sym.version.isEmpty() && !sym.versionHidden) ? '1' : '0';
    }
    return e;
}

QDataStream &operator<<(QDataStream &out, const SymbolIndex::Entry &e)
{
    return out << e.device << e.inode << e.size << e.mtimeNs << e.elfClass << e.machine << e.type << e.warning
               << e.definitions;
}

QDataStream &operator>>(QDataStream &in, SymbolIndex::Entry &e)
{
    return in >> e.device >> e.inode >> e.size >> e.mtimeNs >> e.elfClass >> e.machine >> e.type >> e.warning
        >> e.definitions;
}

} // namespace

SymbolIndex::SymbolIndex(QString file)
    : m_file(file.isEmpty() ? defaultFile() : std::move(file))
{
}

QString SymbolIndex::defaultFile()
{
    QString dir = qEnvironmentVariable("LINKLAB_CACHE_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/linklab");
    return dir + QStringLiteral("/symbol-index-v1");
}

bool SymbolIndex::load()
{
    m_loaded = true;
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QDataStream in(&f);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0, format = 0, count = 0;
    in >> magic >> format >> count;
    if (in.status() != QDataStream::Ok || magic != kMagic || format != kFormat)
        return false;
    QHash<QString, Entry> entries;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        QString path;
        Entry e;
        in >> path >> e;
        if (in.status() == QDataStream::Ok)
            entries.insert(path, std::move(e));
    }
    if (in.status() != QDataStream::Ok)
        return false; // damaged: start again rather than trust half of it
    m_entries = std::move(entries);
    return true;
}

bool SymbolIndex::save(QStringList *warnings) const
{
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile f(m_file);
    if (f.open(QIODevice::WriteOnly)) {
        QDataStream out(&f);
        out.setVersion(QDataStream::Qt_6_0);
        out << kMagic << kFormat << quint32(m_entries.size());
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
            out << it.key() << it.value();
        if (out.status() == QDataStream::Ok && f.commit())
            return true;
    }
    if (warnings)
        warnings->append(QStringLiteral("the symbol index could not be saved to %1: %2").arg(m_file, f.errorString()));
    return false;
}

SymbolIndex::Stats SymbolIndex::update(const QStringList &libraries, QStringList *warnings)
{
    if (!m_loaded)
        load();
    Stats stats;
    struct Job {
        QString path;
        Identity id;
    };
    QList<Job> jobs;
    bool changed = false;
    for (const QString &path : libraries) {
        const Identity id = identify(path);
        if (!id.ok) {
            changed = m_entries.remove(path) > 0 || changed;
            continue;
        }
        const auto it = m_entries.constFind(path);
        if (it != m_entries.cend() && sameFile(*it, id))
            ++stats.cached;
        else
            jobs.append({path, id});
    }
    if (!jobs.isEmpty()) {
        // Reading is independent per file; a library is read by one thread, once.
        const std::function<Entry(const Job &)> read = [](const Job &job) { return readLibrary(job.path, job.id); };
        const QList<Entry> read_ = QtConcurrent::blockingMapped(jobs, read);
        for (qsizetype i = 0; i < jobs.size(); ++i)
            m_entries.insert(jobs[i].path, read_[i]);
        stats.read = int(jobs.size());
        changed = true;
    }
    if (warnings)
        for (const QString &path : libraries)
            if (const Entry *e = entry(path); e && !e->warning.isEmpty())
                warnings->append(e->warning);
    if (changed)
        stats.saved = save(warnings);
    return stats;
}

const SymbolIndex::Entry *SymbolIndex::entry(const QString &path) const
{
    const auto it = m_entries.constFind(path);
    return it == m_entries.cend() ? nullptr : &*it;
}

QList<SymbolIndex::Definition> SymbolIndex::definitions(const QString &path, const QString &symbol) const
{
    QList<Definition> out;
    const Entry *e = entry(path);
    if (!e || symbol.isEmpty())
        return out;
    const QByteArray needle = '\n' + symbol.toUtf8() + '\x01';
    const QByteArrayMatcher matcher(needle);
    const QByteArray &defs = e->definitions;
    for (qsizetype at = matcher.indexIn(defs); at >= 0; at = matcher.indexIn(defs, at + 1)) {
        const qsizetype versionFrom = at + needle.size();
        const qsizetype versionTo = defs.indexOf('\x01', versionFrom);
        if (versionTo < 0 || versionTo + 1 >= defs.size())
            break;
        out.append({QString::fromUtf8(defs.mid(versionFrom, versionTo - versionFrom)), defs[versionTo + 1] == '1'});
    }
    return out;
}

} // namespace linklab
