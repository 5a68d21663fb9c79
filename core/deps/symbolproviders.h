// SPDX-License-Identifier: MIT
#pragma once

// Which shared libraries of this machine define a symbol: the libraries of /etc/ld.so.cache for this machine's
// ELF class and architecture, the files of the system directories and of any folder given, each read once
// (dynamic symbols, in parallel, through the symbol index on disk). What `linklab-cli provides` prints.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace linklab {

class SymbolIndex;

struct SymbolProvider {
    QString symbol;
    QString library; // the file name the loader knows it by: "libm.so.6"
    QString path; // "/lib/x86_64-linux-gnu/libm.so.6"
    QStringList versions; // the versions it is defined with, in table order; empty for an unversioned definition
    QString defaultVersion; // the `@@` one, if any
    QString flag; // "-lm" when the name is libNAME.so[.N...]; empty otherwise
    bool developmentLink = false; // a libNAME.so (symlink or linker script) exists for `-lNAME` to find
};

struct ProviderScan {
    QStringList libraries; // every file scanned, in the order given
    QStringList warnings;
};

// The libraries to scan: ld.so.cache entries whose flags fit `elfClass`/`machine` (glibc-hwcaps variants left
// out: they define what their baseline library defines), then the shared objects (`*.so`, `*.so.*`) of `dirs`,
// each real file once (the first path naming it is kept).
QStringList systemLibraries(const QStringList &dirs, int elfClass, std::uint16_t machine, QStringList *warnings);

// Lists, per symbol in the order asked, the libraries that define it (a dynamic symbol that is defined and not
// local), in the order of `libraries`. Only files of `elfClass` and `machine` are considered. The definitions come
// from the symbol index (`index`, or the user's index file when null): a library is read only when it is new or
// has changed since it was indexed.
QList<SymbolProvider> findProviders(const QStringList &symbols, const QStringList &libraries, int elfClass,
    std::uint16_t machine, QStringList *warnings = nullptr, SymbolIndex *index = nullptr);

// `-lNAME` for "libNAME.so" or "libNAME.so.6.0.1"; empty for a name the linker's -l cannot give.
QString linkFlagFor(const QString &fileName);

// `linklab-cli provides --json`: {"symbols": [{"symbol", "providers": [{"library", "path", "versions",
// "default_version", "flag", "development_link"}]}]}.
QJsonObject symbolProvidersToJson(const QStringList &symbols, const QList<SymbolProvider> &providers);

} // namespace linklab
