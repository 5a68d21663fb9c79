// SPDX-License-Identifier: MIT
#include "deps/resolver.h"

#include "binary/bytenames.h"
#include "binary/openbinary.h"
#include "deps/ldsocache.h"
#include "deps/loaderfacts.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include "support/stringhash.h"

#include <algorithm>
#include <array>
#include <memory_resource>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace linklab {
namespace {

constexpr std::uint64_t DF_1_NODEFLIB = 0x800;
constexpr std::uint16_t ET_EXEC = 2, ET_DYN = 3;

// Splits a search list as the loader does: every element, an empty one meaning the current directory.
QStringList splitList(const QString &text, const QString &separators)
{
    QStringList out;
    QString current;
    for (const QChar c : text) {
        if (separators.contains(c)) {
            out << current;
            current.clear();
        } else {
            current += c;
        }
    }
    out << current;
    return out;
}

QString dirOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    if (slash < 0)
        return QString();
    return slash == 0 ? QStringLiteral("/") : path.left(slash);
}

QString withSlash(QString dir)
{
    while (dir.size() > 1 && dir.endsWith(u'/'))
        dir.chop(1);
    return dir.endsWith(u'/') ? dir : dir + u'/';
}

} // namespace

// One file as the loader sees it: first what open_verify() checks of a candidate (a regular file, the ELF magic,
// the class and machine), then what _dl_map_object_from_fd reads (the program headers and dynamic section).
struct DependencyResolver::Facts {
    bool readable = false; // opened, and a regular file
    bool directory = false;
    bool elf = false; // the ELF magic, and enough bytes for the class and machine
    QString probeError; // why the loader would pass over it as a candidate ("no such file", ...)
    QString error; // why its loader facts cannot be read (empty when they were)
    int elfClass = 0;
    std::uint16_t machine = 0;
    std::uint16_t type = 0;
    bool dynamic = false;
    QString soname;
    QString interpreter;
    QStringList needed;
    QStringList rpath;
    QStringList runpath;
    bool nodefaultlib = false;
    quint64 device = 0;
    quint64 inode = 0;
};

// The loader probes each candidate path and each folder of a search list; over many files the same ones come
// back (libc.so.6 from the cache for every program), so their answers are kept for the resolver's life. The
// loader keeps the same memory itself: a folder found missing is not tried again (r_search_path_elem.status).
struct DependencyResolver::Probes {
    std::unordered_map<QString, std::shared_ptr<const Facts>, StringHash> files; // every path asked for
    std::unordered_map<QString, bool, StringHash> folders;
    // /etc/ld.so.cache answers, by name (the ELF class and machine asked for are the same in nearly every call).
    std::unordered_map<QString, std::optional<QString>, StringHash> cache;
    int cacheClass = 0;
    std::uint16_t cacheMachine = 0;
    std::optional<QStringList> legacyWarnings;
};

// What resolvers working side by side (a long list shared out among threads) read of the files, so that each
// file is read once between them. Each resolver keeps its own Probes in front of it: the lock is taken only for
// a path that resolver has not met yet.
struct DependencyResolver::FileStore {
    std::mutex mutex;
    std::unordered_map<QString, std::shared_ptr<const Facts>, StringHash> byPath;
    QHash<QPair<quint64, quint64>, std::shared_ptr<const Facts>> byInode;
};

DependencyResolver::DependencyResolver(LoaderConfig config)
    : m_config(std::move(config))
    , m_probes(std::make_unique<Probes>())
    , m_store(std::make_shared<FileStore>())
{
}

std::unique_ptr<DependencyResolver> DependencyResolver::sibling() const
{
    auto other = std::make_unique<DependencyResolver>(m_config);
    other->m_store = m_store;
    return other;
}

DependencyResolver::~DependencyResolver() = default;

std::optional<QString> DependencyResolver::cached(const QString &name, int elfClass, std::uint16_t machine)
{
    if (elfClass != m_probes->cacheClass || machine != m_probes->cacheMachine) {
        m_probes->cache.clear();
        m_probes->cacheClass = elfClass;
        m_probes->cacheMachine = machine;
    }
    auto it = m_probes->cache.find(name);
    if (it == m_probes->cache.end())
        it = m_probes->cache.emplace(name, m_config.cacheLookup(name, elfClass, machine)).first;
    return it->second;
}

bool DependencyResolver::isFolder(const QString &path)
{
    auto it = m_probes->folders.find(path);
    if (it == m_probes->folders.end()) {
        struct stat st {
        };
        it = m_probes->folders.emplace(path, ::stat(encodeName(path).constData(), &st) == 0 && S_ISDIR(st.st_mode))
                 .first;
    }
    return it->second;
}

std::shared_ptr<const DependencyResolver::Facts> DependencyResolver::facts(const QString &path)
{
    if (auto it = m_probes->files.find(path); it != m_probes->files.end())
        return it->second;
    std::shared_ptr<const Facts> f = readFacts(path);
    m_probes->files.emplace(path, f);
    return f;
}

std::shared_ptr<const DependencyResolver::Facts> DependencyResolver::readFacts(const QString &path)
{
    {
        const std::lock_guard lock(m_store->mutex);
        if (auto it = m_store->byPath.find(path); it != m_store->byPath.end())
            return it->second;
    }
    // Opened once: the probe of a candidate and, when it is an ELF file, its loader facts from the same reads.
    auto f = std::make_shared<Facts>();
    const int fd = ::open(encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st {
    };
    if (fd < 0) {
        f->probeError = errno == ENOENT ? QStringLiteral("no such file") : QString::fromLocal8Bit(strerror(errno));
        f->error = f->probeError;
    } else if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        f->directory = S_ISDIR(st.st_mode);
        f->probeError = QStringLiteral("not a regular file");
        f->error = f->directory ? QStringLiteral("a directory, not a file")
                                : QStringLiteral("not a regular file (device, socket or pipe)");
    } else {
        f->readable = true;
        f->device = quint64(st.st_dev);
        f->inode = quint64(st.st_ino);
        std::shared_ptr<const Facts> same;
        {
            // The same file under another name: read once (the loader, too, knows a file by device and inode).
            const std::lock_guard lock(m_store->mutex);
            if (auto it = m_store->byInode.constFind({f->device, f->inode}); it != m_store->byInode.cend()) {
                same = *it;
                m_store->byPath.emplace(path, same);
            }
        }
        if (same) {
            ::close(fd);
            return same;
        }
        std::vector<std::uint8_t> head;
        if (!readLoaderHead(fd, quint64(st.st_size), head)) {
            f->probeError = QStringLiteral("cannot be read");
            f->error = f->probeError;
            f->readable = false;
        } else {
            const std::uint8_t *h = head.data();
            if (head.size() < 20 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
                f->probeError = QStringLiteral("not an ELF file (the loader would stop: invalid ELF header)");
            } else {
                f->elf = true;
                f->elfClass = h[4] == 1 ? 32 : h[4] == 2 ? 64 : 0;
                const bool big = h[5] == 2;
                f->type = big ? std::uint16_t(h[16] << 8 | h[17]) : std::uint16_t(h[17] << 8 | h[16]);
                f->machine = big ? std::uint16_t(h[18] << 8 | h[19]) : std::uint16_t(h[19] << 8 | h[18]);
            }
            const std::variant<LoaderFacts, QString> read
                = readLoaderFacts(fd, quint64(st.st_size), path, std::move(head));
            if (const auto *error = std::get_if<QString>(&read)) {
                f->error = *error;
            } else {
                const LoaderFacts &b = std::get<LoaderFacts>(read);
                f->dynamic = b.dynamic;
                f->soname = b.soname;
                f->interpreter = b.interpreter;
                f->needed = b.needed;
                f->runpath = b.runpath;
                // The loader ignores DT_RPATH when DT_RUNPATH is present (elf/get-dynamic-info.h).
                f->rpath = b.runpath.isEmpty() ? b.rpath : QStringList();
                f->nodefaultlib = (b.flags1 & DF_1_NODEFLIB) != 0;
            }
        }
    }
    if (fd >= 0)
        ::close(fd);
    const std::lock_guard lock(m_store->mutex);
    // Another resolver may have read it meanwhile: the first answer is the one all of them keep.
    if (auto it = m_store->byPath.find(path); it != m_store->byPath.end())
        return it->second;
    std::shared_ptr<const Facts> shared = f;
    if (f->inode) {
        if (auto it = m_store->byInode.constFind({f->device, f->inode}); it != m_store->byInode.cend())
            shared = *it;
        else
            m_store->byInode.insert({f->device, f->inode}, shared);
    }
    m_store->byPath.emplace(path, shared);
    return shared;
}

Result<DependencyGraph> DependencyResolver::resolve(const QString &file)
{
    const std::shared_ptr<const Facts> rootFacts = facts(file);
    if (rootFacts->directory)
        return Failure {QStringLiteral("%1: a directory, not a program or library").arg(file)};
    if (!rootFacts->readable) {
        if (QFileInfo(file).isDir()) // one that cannot even be opened
            return Failure {QStringLiteral("%1: a directory, not a program or library").arg(file)};
        OpenFile again; // the reason in the Inspector's words ("broken symbolic link to X", ...)
        const QString why = openRegularFile(file, again);
        return Failure {QStringLiteral("%1: %2").arg(file, why.isEmpty() ? rootFacts->error : why)};
    }
    if (!rootFacts->error.isEmpty())
        return Failure {QStringLiteral("%1: %2").arg(file, rootFacts->error)};
    if (rootFacts->type != ET_DYN && rootFacts->type != ET_EXEC)
        return Failure {
            QStringLiteral("%1: not a program or shared library (an object file is linked, not loaded)").arg(file)};

    DependencyGraph graph;
    graph.file = file;
    graph.nodes.reserve(32); // a node is large: growing the list moves every one of them
    graph.edges.reserve(64);

    // The simulated link map: every object loaded so far, with the names it answers to.
    struct Object {
        int node = -1;
        QString lname; // l_name: the path string it was opened by
        QStringList names; // l_libname: every name it was asked for
        std::shared_ptr<const Facts> facts;
        int loader = -1; // index into objects
        QString origin; // the root's $ORIGIN, found when first asked for (it costs a realpath)
        bool missing = false;
    };
    std::vector<Object> objects; // a std::vector: QList checks for a detach on every objects[i]
    objects.reserve(32);
    // Every name an object of the link map answers to (l_name, l_libname, DT_SONAME), with the first object that
    // answers to it: what _dl_map_object compares a NEEDED name with, looked up instead of compared one by one.
    // Kept in a buffer on the stack, so that a typical graph's names cost no allocation.
    std::array<std::byte, 16384> knownBuffer;
    std::pmr::monotonic_buffer_resource knownPool(knownBuffer.data(), knownBuffer.size());
    std::pmr::unordered_map<QString, int, StringHash> known(&knownPool);
    known.reserve(64);
    const auto answers = [&known](const QString &name, int object) {
        if (!name.isEmpty())
            known.try_emplace(name, object); // the first object to answer keeps the name
    };
    const auto remember = [&](int object) {
        const Object &o = objects[object];
        answers(o.lname, object);
        for (const QString &name : o.names)
            answers(name, object);
        if (o.facts && !o.missing) // an object without DT_SONAME is not compared by it (_dl_map_object)
            answers(o.facts->soname, object);
    };
    int loaded = 0;

    auto addNode = [&graph](DependencyNode node) {
        graph.nodes.append(std::move(node));
        return int(graph.nodes.size() - 1);
    };
    auto fill = [](DependencyNode &n, const Facts &f) {
        n.soname = f.soname;
        n.needed = f.needed;
        n.rpath = f.rpath;
        n.runpath = f.runpath;
        n.nodefaultlib = f.nodefaultlib;
        n.elfClass = f.elfClass;
        n.machine = f.machine;
    };

    DependencyNode rootNode;
    rootNode.name = file;
    rootNode.path = file;
    rootNode.found = true;
    rootNode.root = true;
    rootNode.rule = FoundBy::Root;
    rootNode.loadIndex = loaded++;
    fill(rootNode, *rootFacts);
    Object root;
    root.node = addNode(rootNode);
    root.lname = file;
    root.names = {file};
    root.facts = rootFacts;
    objects.push_back(root);
    remember(0);
    // A program the kernel started is in the link map under the name "" (its l_name), which an empty DT_NEEDED
    // matches (_dl_name_match_p); a library run as the program is known by the path it was given.
    if (rootFacts->type == ET_EXEC || !rootFacts->interpreter.isEmpty())
        known.try_emplace(QString(), 0);
    // A program started by the kernel knows its origin from /proc/self/exe (symlinks resolved); a library given
    // to the loader as the program is known by the path given.
    // A library's $ORIGIN is the folder of the path it was opened by (made absolute): found when an entry uses it.
    auto originOf = [&](const Object &l) -> QString {
        if (&l != &objects[0]) {
            if (l.missing || l.lname.isEmpty())
                return QString();
            return dirOf(l.lname.startsWith(u'/') ? l.lname : QDir::current().absoluteFilePath(l.lname));
        }
        if (!l.origin.isEmpty())
            return l.origin;
        const QFileInfo info(file);
        objects[0].origin = rootFacts->type == ET_EXEC || !rootFacts->interpreter.isEmpty()
            ? info.canonicalPath()
            : dirOf(info.absoluteFilePath());
        return objects[0].origin;
    };
    if (!rootFacts->dynamic)
        graph.warnings << QStringLiteral("statically linked: the loader loads nothing for it");

    // The loader itself is in the link map from the start (under its PT_INTERP path and its SONAME).
    const QString rtldPath = rootFacts->interpreter.isEmpty() ? m_config.interpreter : rootFacts->interpreter;
    int rtld = -1;
    if (rootFacts->dynamic && !rtldPath.isEmpty()) {
        Object o;
        o.lname = rtldPath;
        o.names = {rtldPath};
        o.facts = facts(rtldPath);
        objects.push_back(o);
        rtld = int(objects.size() - 1);
        remember(rtld);
    }

    const int wantClass = rootFacts->elfClass;
    const std::uint16_t wantMachine = rootFacts->machine;

    auto expand = [this, &originOf](const QString &dir, const Object &l, QString *problem) -> QString {
        if (!dir.contains(u'$'))
            return dir;
        QString out;
        for (qsizetype i = 0; i < dir.size(); ++i) {
            if (dir[i] != u'$') {
                out += dir[i];
                continue;
            }
            QString token;
            qsizetype end = i + 1;
            if (end < dir.size() && dir[end] == u'{') {
                const qsizetype close = dir.indexOf(u'}', end);
                if (close < 0) {
                    out += dir[i];
                    continue;
                }
                token = dir.mid(end + 1, close - end - 1);
                end = close + 1;
            } else {
                while (end < dir.size() && (dir[end].isLetterOrNumber() || dir[end] == u'_'))
                    ++end;
                token = dir.mid(i + 1, end - i - 1);
            }
            if (token == u"ORIGIN") {
                const QString origin = originOf(l);
                if (origin.isEmpty()) {
                    *problem = QStringLiteral("$ORIGIN is unknown for %1").arg(l.lname);
                    return QString();
                }
                out += origin;
            } else if (token == u"LIB") {
                out += m_config.libToken;
            } else if (token == u"PLATFORM") {
                out += m_config.platform;
            } else {
                out += dir.mid(i, end - i); // not a token the loader knows: kept as written
            }
            i = end - 1;
        }
        return out;
    };

    // Tries `name` in each directory of `dirs` (with its glibc-hwcaps subdirectories); appends candidates.
    auto searchDirs = [&](const QStringList &dirs, FoundBy rule, const Object &owner, const QString &name,
                          QList<Candidate> &tried) -> QString {
        QSet<QString> seen;
        for (const QString &raw : dirs) {
            QString problem;
            // An empty element is the current folder, and the loader builds the path without any directory.
            QString dir = raw.isEmpty() ? QString() : expand(raw, owner, &problem);
            if (!problem.isEmpty()) {
                tried.append({raw + u'/' + name, rule, problem + QStringLiteral(": the loader skips this entry")});
                continue;
            }
            if (!dir.isEmpty())
                dir = withSlash(dir);
            if (seen.contains(dir))
                continue; // the loader uses a directory once per list
            seen.insert(dir);
            QStringList paths;
            for (const QString &sub : m_config.hwcapsSubdirs) {
                const QString subdir = dir + QStringLiteral("glibc-hwcaps/") + sub + u'/';
                if (isFolder(subdir))
                    paths << subdir + name;
            }
            paths << dir + name;
            for (const QString &path : paths) {
                const std::shared_ptr<const Facts> f = facts(path);
                const Facts &h = *f;
                if (!h.readable || !h.elf) {
                    tried.append({path, rule, h.probeError});
                    continue;
                }
                if (h.elfClass != wantClass) {
                    tried.append({path, rule,
                        QStringLiteral("wrong ELF class: %1-bit, not %2-bit").arg(h.elfClass).arg(wantClass)});
                    continue;
                }
                if (h.machine != wantMachine) {
                    tried.append({path, rule,
                        QStringLiteral("another machine (e_machine %1, not %2)").arg(h.machine).arg(wantMachine)});
                    continue;
                }
                tried.append({path, rule, QString()});
                return path;
            }
        }
        return QString();
    };

    // _dl_map_object for one NEEDED name of objects[from].
    auto mapObject = [&](int from, const QString &name) -> int {
        // Already loaded: by a name it answers to, or its SONAME.
        if (const auto it = known.find(name); it != known.end()) {
            const int i = it->second;
            Object &o = objects[i];
            if (!o.names.contains(name))
                o.names << name;
            if (o.node < 0) { // the loader itself, first named here
                DependencyNode n;
                n.name = name;
                n.path = o.lname;
                n.found = true;
                n.rule = FoundBy::Interpreter;
                n.ruleDetail = QStringLiteral("%1, the loader, is in every program's link map").arg(o.lname);
                n.depth = graph.nodes[objects[from].node].depth + 1;
                n.loader = objects[from].node;
                // The loader moves itself to where the breadth-first search first meets it (rtld.c).
                n.loadIndex = loaded++;
                fill(n, *o.facts);
                o.node = addNode(n);
            }
            return i;
        }
        const Object &l = objects[from];
        QList<Candidate> tried;
        QString found;
        FoundBy rule = FoundBy::NotFound;
        QString detail;
        if (name.contains(u'/')) {
            const std::shared_ptr<const Facts> h = facts(name);
            if (h->readable && h->elf && h->elfClass == wantClass && h->machine == wantMachine) {
                found = name;
                rule = FoundBy::DirectPath;
                tried.append({name, rule, QString()});
            } else {
                tried.append({name, FoundBy::DirectPath,
                    !h->readable || !h->elf ? h->probeError : QStringLiteral("wrong ELF class or machine")});
            }
        } else {
            // DT_RPATH of the object and its loaders, then the executable's, when the object has no DT_RUNPATH.
            if (l.facts->runpath.isEmpty()) {
                bool didMain = false;
                for (int at = from; at >= 0 && found.isEmpty(); at = objects[at].loader) {
                    const Object &o = objects[at];
                    if (o.facts->rpath.isEmpty())
                        continue;
                    found = searchDirs(o.facts->rpath, FoundBy::Rpath, o, name, tried);
                    if (!found.isEmpty())
                        detail = QStringLiteral("DT_RPATH of %1").arg(graph.nodes[o.node].path);
                    didMain = didMain || at == 0;
                }
                if (found.isEmpty() && !didMain && from != 0 && !objects[0].facts->rpath.isEmpty()) {
                    found = searchDirs(objects[0].facts->rpath, FoundBy::Rpath, objects[0], name, tried);
                    if (!found.isEmpty())
                        detail = QStringLiteral("DT_RPATH of the program %1").arg(file);
                }
                if (!found.isEmpty())
                    rule = FoundBy::Rpath;
            }
            if (found.isEmpty() && m_config.ldLibraryPath) {
                found = searchDirs(splitList(*m_config.ldLibraryPath, QStringLiteral(":;")), FoundBy::LdLibraryPath,
                    objects[0], name, tried);
                if (!found.isEmpty())
                    rule = FoundBy::LdLibraryPath;
            }
            if (found.isEmpty() && !l.facts->runpath.isEmpty()) {
                found = searchDirs(l.facts->runpath, FoundBy::Runpath, l, name, tried);
                if (!found.isEmpty()) {
                    rule = FoundBy::Runpath;
                    detail = QStringLiteral("DT_RUNPATH of %1").arg(graph.nodes[l.node].path);
                }
            }
            if (found.isEmpty() && !l.facts->nodefaultlib) {
                if (m_config.cacheLookup) {
                    if (const auto answer = cached(name, wantClass, wantMachine)) {
                        const std::shared_ptr<const Facts> h = facts(*answer);
                        if (h->readable && h->elf && h->elfClass == wantClass && h->machine == wantMachine) {
                            found = *answer;
                            rule = FoundBy::Cache;
                            tried.append({*answer, FoundBy::Cache, QString()});
                        } else {
                            tried.append({*answer, FoundBy::Cache,
                                h->probeError.isEmpty() ? QStringLiteral("wrong ELF class or machine")
                                                        : h->probeError});
                        }
                    } else {
                        tried.append({name, FoundBy::Cache, QStringLiteral("not in /etc/ld.so.cache")});
                    }
                }
                if (found.isEmpty()) {
                    found = searchDirs(m_config.defaultDirs, FoundBy::Default, l, name, tried);
                    if (!found.isEmpty())
                        rule = FoundBy::Default;
                }
            } else if (found.isEmpty()) {
                tried.append({name, FoundBy::Default,
                    QStringLiteral("%1 has DF_1_NODEFLIB: the cache and the system directories are not searched")
                        .arg(graph.nodes[l.node].path)});
            }
        }
        DependencyNode n;
        n.name = name;
        n.tried = std::move(tried);
        n.depth = graph.nodes[l.node].depth + 1;
        n.loader = l.node;
        Object o;
        o.loader = from;
        o.names = {name};
        if (found.isEmpty()) {
            n.rule = FoundBy::NotFound;
            o.missing = true;
            o.lname = name;
            o.node = addNode(n);
            objects.push_back(o);
            remember(int(objects.size() - 1));
            return int(objects.size() - 1);
        }
        const std::shared_ptr<const Facts> f = facts(found);
        // The same file under another name: the loader reuses the object (device and inode).
        for (int i = 0; i < int(objects.size()); ++i) {
            Object &other = objects[i];
            if (!other.missing && other.facts && other.facts->inode && other.facts->inode == f->inode
                && other.facts->device == f->device) {
                other.names << name;
                answers(name, i);
                if (other.node < 0) {
                    n.path = other.lname;
                    n.found = true;
                    n.rule = FoundBy::Interpreter;
                    n.loadIndex = loaded++;
                    fill(n, *other.facts);
                    other.node = addNode(n);
                }
                return i;
            }
        }
        n.path = found;
        n.found = f->error.isEmpty();
        n.rule = n.found ? rule : FoundBy::NotFound;
        n.ruleDetail = detail;
        if (!f->error.isEmpty())
            n.tried.last().verdict = f->error;
        fill(n, *f);
        n.loadIndex = n.found ? loaded++ : -1;
        o.lname = found;
        o.facts = f;
        o.missing = !n.found;
        o.node = addNode(n);
        objects.push_back(o);
        remember(int(objects.size() - 1));
        return int(objects.size() - 1);
    };

    // Breadth first, as _dl_map_object_deps: the root's NEEDED in order, then each new object's.
    std::vector<int> queue {0};
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const int from = queue[q];
        if (objects[from].missing || !objects[from].facts)
            continue;
        const QStringList needed = objects[from].facts->needed;
        for (const QString &name : needed) {
            const int before = int(objects.size());
            const int to = mapObject(from, name);
            graph.edges.append({objects[from].node, objects[to].node, name});
            if ((to >= before && !objects[to].missing)
                || (to == rtld && std::find(queue.begin(), queue.end(), to) == queue.end()))
                queue.push_back(to);
        }
    }
    graph.warnings << legacyWarnings();
    return graph;
}

QStringList DependencyResolver::legacyWarnings()
{
    if (!m_probes->legacyWarnings) {
        QStringList warnings;
        for (const QString &legacy : m_config.legacyHwcaps)
            for (const QString &dir : m_config.defaultDirs)
                if (isFolder(dir + u'/' + legacy))
                    warnings << QStringLiteral("%1/%2 exists: legacy hwcaps subdirectories are not modelled")
                                    .arg(dir, legacy);
        m_probes->legacyWarnings = warnings;
    }
    return *m_probes->legacyWarnings;
}

void parseLoaderHelp(const QString &text, LoaderConfig &config)
{
    config.hwcapsSubdirs = hwcapsSubdirsFromLoaderHelp(text);
    enum { None, Paths, Hwcaps, Legacy } section = None;
    for (const QString &rawLine : text.split(u'\n')) {
        const QString line = rawLine.trimmed();
        if (line.startsWith(QLatin1String("Shared library search path")))
            section = Paths;
        else if (line.startsWith(QLatin1String("Subdirectories of glibc-hwcaps")))
            section = Hwcaps;
        else if (line.startsWith(QLatin1String("Legacy HWCAP subdirectories")))
            section = Legacy;
        else if (line.isEmpty() || !rawLine.startsWith(u' '))
            section = line.isEmpty() ? section : None;
        else if (section == Paths && line.endsWith(QLatin1String("(system search path)")))
            config.defaultDirs << line.section(u' ', 0, 0);
        else if (section == Legacy)
            config.legacyHwcaps << line.section(u' ', 0, 0);
    }
}

} // namespace linklab
