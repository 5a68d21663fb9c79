// SPDX-License-Identifier: MIT
#pragma once

// Which files the glibc loader would load for a program or library, and why, without running or loading it:
// the ELF header, program headers and dynamic section of each object are read (through core/binary, symbols
// skipped), and the search of ld.so(8) is followed step by step (elf/dl-load.c, _dl_map_object):
//   1. a NEEDED name with a slash is a path;
//   2. an object already loaded under that name, SONAME or file is reused;
//   3. DT_RPATH of the object and of each object above it in the loading chain, then the executable's — only
//      when the object has no DT_RUNPATH (the loader drops DT_RPATH when DT_RUNPATH is present);
//   4. LD_LIBRARY_PATH (as the user sets it here, never LinkLab's own);
//   5. DT_RUNPATH of the object itself;
//   6. /etc/ld.so.cache, and 7. the system directories, both unless the object has DF_1_NODEFLIB.
// Every directory is tried with its glibc-hwcaps subdirectories first (those that exist, in the loader's order);
// $ORIGIN, $LIB and $PLATFORM are expanded as the loader expands them; a candidate of the wrong ELF class or
// machine is skipped with the reason. Objects are read once per resolver (keyed by device and inode), so one
// resolver serves many files. A resolver is used by one thread at a time; sibling() gives another thread a
// resolver that shares what was read of the files (a long list shared out among the cores reads each library
// once between them).

#include "deps/dependencygraph.h"
#include "support/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace linklab {

struct LoaderConfig {
    QStringList defaultDirs; // the system search path, in order: "/lib/x86_64-linux-gnu", ...
    QStringList hwcapsSubdirs; // glibc-hwcaps subdirectories the loader searches, best first: "x86-64-v3", ...
    QStringList legacyHwcaps; // legacy hwcaps subdirectory names (only warned about when present)
    QString libToken; // what $LIB expands to
    QString platform; // what $PLATFORM expands to
    QString interpreter; // the loader for a root without PT_INTERP (a library): "/lib64/ld-linux-x86-64.so.2"
    std::optional<QString> ldLibraryPath; // unset unless the user gives it
    // /etc/ld.so.cache: the path the loader would take for `name` for an object of this class and machine.
    std::function<std::optional<QString>(const QString &name, int elfClass, std::uint16_t machine)> cacheLookup;

    // This machine's loader: its directories and hwcaps (from `ld.so --help`: the loader, never the inspected
    // file) and its cache file.
    static LoaderConfig forThisMachine();
};

// The parts of `ld.so --help` the resolver needs: system directories, glibc-hwcaps subdirectories searched (best
// first), legacy hwcaps names.
void parseLoaderHelp(const QString &text, LoaderConfig &config);

class DependencyResolver
{
public:
    explicit DependencyResolver(LoaderConfig config);
    ~DependencyResolver();
    DependencyResolver(const DependencyResolver &) = delete;
    DependencyResolver &operator=(const DependencyResolver &) = delete;

    const LoaderConfig &config() const { return m_config; }
    // Fails only when `file` itself cannot be read or is not an ELF file; missing libraries are results.
    Result<DependencyGraph> resolve(const QString &file);

    // Another resolver, for another thread, that shares what this one reads of the files.
    std::unique_ptr<DependencyResolver> sibling() const;

    struct Facts; // what the loader reads of one file
    struct Probes; // what the search learnt of the file system: files read, folders that exist, cache answers
    struct FileStore; // the files read, shared by siblings

private:
    std::shared_ptr<const Facts> facts(const QString &path);
    std::shared_ptr<const Facts> readFacts(const QString &path);
    std::optional<QString> cached(const QString &name, int elfClass, std::uint16_t machine);
    bool isFolder(const QString &path);
    QStringList legacyWarnings();

    const LoaderConfig m_config;
    std::unique_ptr<Probes> m_probes; // one resolver serves many files: each candidate and folder is probed once
    std::shared_ptr<FileStore> m_store;
};

} // namespace linklab
