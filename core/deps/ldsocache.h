// SPDX-License-Identifier: MIT
#pragma once

#include "support/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace linklab {

// The flag values of ld.so.cache entries (glibc's sysdeps/generic/ldconfig.h): the low byte is the kind of object,
// the high byte the ABI an entry is for. The loader compares an entry's flags with one value per architecture.
namespace ldsocacheflags {
inline constexpr qint32 TypeMask = 0x00ff;
inline constexpr qint32 Libc4 = 0x0000;
inline constexpr qint32 Elf = 0x0001;
inline constexpr qint32 ElfLibc5 = 0x0002;
inline constexpr qint32 ElfLibc6 = 0x0003;
inline constexpr qint32 RequiredMask = 0xff00;
inline constexpr qint32 SparcLib64 = 0x0100;
inline constexpr qint32 Ia64Lib64 = 0x0200;
inline constexpr qint32 X8664Lib64 = 0x0300;
inline constexpr qint32 S390Lib64 = 0x0400;
inline constexpr qint32 PowerpcLib64 = 0x0500;
inline constexpr qint32 Mips64LibN32 = 0x0600;
inline constexpr qint32 Mips64LibN64 = 0x0700;
inline constexpr qint32 X8664LibX32 = 0x0800;
inline constexpr qint32 ArmLibHf = 0x0900;
inline constexpr qint32 Aarch64Lib64 = 0x0a00;
inline constexpr qint32 ArmLibSf = 0x0b00;
inline constexpr qint32 MipsLib32Nan2008 = 0x0c00;
inline constexpr qint32 Mips64LibN32Nan2008 = 0x0d00;
inline constexpr qint32 Mips64LibN64Nan2008 = 0x0e00;
inline constexpr qint32 RiscvFloatAbiSoft = 0x0f00;
inline constexpr qint32 RiscvFloatAbiDouble = 0x1000;
inline constexpr qint32 LarchFloatAbiSoft = 0x1100;
inline constexpr qint32 LarchFloatAbiDouble = 0x1200;
// In the hwcap field: the low 32 bits index the cache's list of glibc-hwcaps subdirectories; bits 32..41 hold
// the ISA level the library needs (x86: 0 baseline, 1 x86-64-v2, 2 v3, 3 v4).
inline constexpr quint64 HwcapExtension = quint64(1) << 62;
// dl_cache_hwcap_extension: bit 62 alone in the upper half of hwcap, ignoring the ISA level bits.
constexpr bool isHwcapsEntry(quint64 hwcap)
{
    return ((hwcap >> 32) & ~quint64(0x3ff)) == (HwcapExtension >> 32);
}
} // namespace ldsocacheflags

struct LdSoCacheEntry {
    QString key; // the name looked up: "libc.so.6"
    QByteArray keyBytes; // the same as its bytes (what the loader compares)
    QString path; // "/lib/x86_64-linux-gnu/libc.so.6"
    qint32 flags = 0; // raw FLAG_* (FLAG_ELF_LIBC6 | FLAG_X8664_LIB64 ...)
    quint32 osVersion = 0; // raw
    quint64 hwcap = 0; // raw (new format)
    QString hwcapsSubdir; // for glibc-hwcaps entries: "x86-64-v3"; empty for ordinary entries
};

struct LdSoCache {
    QString path;
    QString format; // "glibc-ld.so.cache1.1" (new), "ld.so-1.7.0" (old), or "ld.so-1.7.0 + glibc-ld.so.cache1.1"
    QList<LdSoCacheEntry> entries; // in file order (the order ldconfig sorted them; lookups depend on it)
    QStringList warnings; // what was odd but skipped (an entry whose strings point outside the file, ...)
};

// Parses the bytes of a cache file; every offset and size is checked; a file that is not a cache fails with a
// plain reason. Never allocates in proportion to an unchecked count. Entries may share strings, but a table that
// makes LinkLab decode more than 8 times the file's size in names and paths fails too (made-up, not ldconfig's).
//
// Like ld.so, the new format wins when a file holds both: entries then come from the new table only. The names
// of glibc-hwcaps subdirectories are read the way ld.so and `ldconfig -p` read them, as offsets from the start of
// the file. In a file with both formats ldconfig writes them as offsets from the new header instead (a glibc
// bug), so those names are garbage and the loader never picks such an entry; a warning says so.
Result<LdSoCache> parseLdSoCache(const QByteArray &bytes, const QString &path = QStringLiteral("/etc/ld.so.cache"));
// Reads a regular file of at most 64 MiB (a larger "cache" is not one) and parses it.
Result<LdSoCache> readLdSoCache(const QString &path = QStringLiteral("/etc/ld.so.cache"));

// The flags value the loader requires for an object of this ELF class and machine (e_machine), as
// _dl_cache_check_flags does on that architecture: x86-64 -> FLAG_ELF_LIBC6|FLAG_X8664_LIB64, i386 ->
// FLAG_ELF_LIBC6, AArch64 -> FLAG_ELF_LIBC6|FLAG_AARCH64_LIB64, ...; nullopt for a machine glibc has no cache flag
// for. What the class and machine cannot tell is assumed as Debian builds it: 32-bit ARM is hard-float, MIPS32 is
// o32 and MIPS64 n64 (both without nan2008), RISC-V and LoongArch use the double-float ABI.
// `elfClass` is 32 or 64, as BinaryInfo::elfClass.
std::optional<qint32> cacheFlagsFor(int elfClass, quint16 machine);

// What _dl_load_cache_lookup returns for `name`: among entries with that key and compatible flags, a glibc-hwcaps
// entry whose subdirectory is in `hwcapsSubdirs` (priority order, best first) wins by that priority, else the first
// ordinary entry. Returns the path, or nullopt.
//
// It walks the entries as glibc 2.36's search_cache does (a binary search with _dl_cache_libcmp, which compares
// runs of digits as numbers, so the entries must be in ldconfig's order). Simplified: an x86 glibc-hwcaps entry's
// ISA level counts as supported when `hwcapsSubdirs` names that level's subdirectory; a legacy hwcap entry (from a
// "tls", "x86_64", "haswell" or "avx512_1" folder, which ldconfig stopped writing in 2.37) is used, on x86-64,
// only when its bits are "x86_64" and "tls" alone, as on a CPU that is not of the haswell or xeon_phi platform and
// has no avx512_1; on other machines only "tls" entries are used.
std::optional<QString> lookupLdSoCache(
    const LdSoCache &cache, const QString &name, qint32 flags, const QStringList &hwcapsSubdirs);

// The glibc-hwcaps subdirectories the loader of this machine searches, best first ("x86-64-v4", "x86-64-v3",
// "x86-64-v2" on a modern x86-64), read from the output of `/lib64/ld-linux-x86-64.so.2 --help` (section
// "Subdirectories of glibc-hwcaps directories, in priority order", entries marked "supported, searched"), or the
// ld.so of another architecture when that is the one installed. Empty list when it cannot be determined.
// Runs the system's loader (never an inspected file) and waits for it: call it off the GUI thread.
QStringList loaderHwcapsSubdirs();
// The part of loaderHwcapsSubdirs() that reads the text `ld.so --help` printed.
QStringList hwcapsSubdirsFromLoaderHelp(const QString &helpText);

// An entry as `ldconfig -p` prints it: "libc6,x86-64" for the flags, then ", hwcap: \"x86-64-v3\"" for a
// glibc-hwcaps entry or ", hwcap: 0x..." for another non-zero hwcap.
QString ldSoCacheFlagsText(const LdSoCacheEntry &entry);

} // namespace linklab
