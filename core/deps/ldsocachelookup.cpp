// SPDX-License-Identifier: MIT
// Searching a parsed ld.so.cache as the loader does (glibc's elf/dl-cache.c, search_cache), the flags each
// architecture's loader requires (the dl-cache.h of each sysdeps folder), and the loader's glibc-hwcaps list.
#include "binary/bytenames.h"
#include "deps/ldsocache.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

#include <cstring>
#include <elf.h>

namespace linklab {

namespace {

using namespace ldsocacheflags;

// _dl_cache_libcmp: runs of digits compare as numbers, so "libfoo.so.10" sorts after "libfoo.so.9".
int libcmp(const QByteArray &left, const QByteArray &right)
{
    // QByteArray data is NUL-terminated, which the walk below relies on, as glibc's does.
    const char *p1 = left.constData();
    const char *p2 = right.constData();
    auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    while (*p1 != '\0') {
        if (isDigit(*p1)) {
            if (!isDigit(*p2))
                return 1;
            // Numbers compared by length without leading zeros, then digit by digit: no overflow.
            while (*p1 == '0' && isDigit(p1[1]))
                ++p1;
            while (*p2 == '0' && isDigit(p2[1]))
                ++p2;
            const char *e1 = p1;
            const char *e2 = p2;
            while (isDigit(*e1))
                ++e1;
            while (isDigit(*e2))
                ++e2;
            if (e1 - p1 != e2 - p2)
                return e1 - p1 < e2 - p2 ? -1 : 1;
            if (const int c = std::memcmp(p1, p2, size_t(e1 - p1)); c != 0)
                return c;
            p1 = e1;
            p2 = e2;
        } else if (isDigit(*p2)) {
            return -1;
        } else if (*p1 != *p2) {
            return int(static_cast<signed char>(*p1)) - int(static_cast<signed char>(*p2));
        } else {
            ++p1;
            ++p2;
        }
    }
    return int(static_cast<signed char>(*p1)) - int(static_cast<signed char>(*p2));
}

// _dl_cache_check_flags of the architecture whose required value is `required`.
bool flagsCompatible(qint32 entry, qint32 required)
{
    if (required == ElfLibc6) // the generic check (i386, 32-bit PowerPC, s390, SPARC, MIPS o32, ...)
        return entry == Elf || entry == ElfLibc6;
    if (required == (ArmLibHf | ElfLibc6) || required == (ArmLibSf | ElfLibc6))
        return entry == required || entry == ElfLibc6;
    return entry == required;
}

// _DL_CACHE_DEFAULT_ID: an entry with exactly these flags ends the search.
qint32 defaultId(qint32 required)
{
    if (required == (ArmLibHf | ElfLibc6) || required == (ArmLibSf | ElfLibc6))
        return ElfLibc6;
    return required;
}

// dl_cache_hwcap_isa_level_compatible on x86; other machines accept every level.
bool isaLevelCompatible(quint64 hwcap, qint32 required, const QStringList &hwcapsSubdirs)
{
    if (required != (X8664Lib64 | ElfLibc6) && required != (X8664LibX32 | ElfLibc6))
        return true;
    const quint32 level = quint32(hwcap >> 32) & 0x3ff;
    return level == 0 || (level <= 3 && hwcapsSubdirs.contains(QStringLiteral("x86-64-v%1").arg(level + 1)));
}

// glibc 2.36's legacy hwcap test (hwcap_exclude and the platform bits), with the CPU described in the header.
bool legacyHwcapUsable(quint64 hwcap, qint32 required)
{
    constexpr quint64 Tls = quint64(1) << 63;
    const quint64 usable = required == (X8664Lib64 | ElfLibc6) ? (Tls | (quint64(1) << 1)) : Tls;
    return (hwcap & ~usable) == 0;
}

} // namespace

std::optional<qint32> cacheFlagsFor(int elfClass, quint16 machine)
{
    const bool is64 = elfClass == 64; // 32 or 64, as BinaryInfo::elfClass
    if (elfClass != 32 && !is64)
        return std::nullopt;
    switch (machine) {
    case EM_X86_64: return ElfLibc6 | (is64 ? X8664Lib64 : X8664LibX32);
    case EM_AARCH64:
        if (!is64)
            return std::nullopt; // ILP32 was never merged into glibc
        return ElfLibc6 | Aarch64Lib64;
    case EM_ARM: return is64 ? std::nullopt : std::optional<qint32>(ElfLibc6 | ArmLibHf);
    case EM_IA_64: return is64 ? std::optional<qint32>(ElfLibc6 | Ia64Lib64) : std::nullopt;
    case EM_PPC64: return is64 ? std::optional<qint32>(ElfLibc6 | PowerpcLib64) : std::nullopt;
    case EM_S390: return ElfLibc6 | (is64 ? S390Lib64 : 0);
    case EM_SPARCV9: return is64 ? std::optional<qint32>(ElfLibc6 | SparcLib64) : std::nullopt;
    case EM_MIPS: return ElfLibc6 | (is64 ? Mips64LibN64 : 0);
    case EM_RISCV: return ElfLibc6 | RiscvFloatAbiDouble;
    case 258:
        return ElfLibc6 | LarchFloatAbiDouble; // EM_LOONGARCH
    // The machines on which glibc uses the generic check (flags 1 or 3).
    case EM_386:
    case EM_PPC:
    case EM_SPARC:
    case EM_SPARC32PLUS:
    case EM_68K:
    case EM_SH:
    case EM_PARISC:
    case EM_ALPHA:
    case 195: // EM_ARC_COMPACT2 (ARC HS)
    case 252: // EM_CSKY
    case 189: // EM_MICROBLAZE
    case 113: // EM_ALTERA_NIOS2
    case 92: // EM_OPENRISC
        return ElfLibc6;
    default: return std::nullopt;
    }
}

std::optional<QString> lookupLdSoCache(
    const LdSoCache &cache, const QString &name, qint32 flags, const QStringList &hwcapsSubdirs)
{
    const QList<LdSoCacheEntry> &libs = cache.entries;
    const bool newFormat = cache.format.contains(QLatin1String("glibc-ld.so.cache"));
    const QByteArray wanted = encodeName(name);
    auto compareAt = [&](qsizetype i) {
        const LdSoCacheEntry &e = libs.at(i);
        return libcmp(wanted, e.keyBytes.isEmpty() ? encodeName(e.key) : e.keyBytes);
    };

    qsizetype left = 0;
    qsizetype right = libs.size() - 1;
    std::optional<QString> best;
    qsizetype bestPriority = 0;
    while (left <= right) {
        qsizetype middle = (left + right) / 2;
        const int cmp = compareAt(middle);
        if (cmp == 0) {
            // The first entry with this name, then each one after it, as search_cache walks them.
            left = middle;
            while (middle > 0 && compareAt(middle - 1) == 0)
                --middle;
            for (; middle <= right; ++middle) {
                if (middle > left && compareAt(middle) != 0)
                    break;
                const LdSoCacheEntry &lib = libs.at(middle);
                if (!flagsCompatible(lib.flags, flags))
                    continue;
                bool named = false;
                if (newFormat) {
                    named = isHwcapsEntry(lib.hwcap);
                    if (named && !isaLevelCompatible(lib.hwcap, flags, hwcapsSubdirs))
                        continue;
                    // glibc-hwcaps entries come first; at the first ordinary entry a match found so far wins.
                    if (!named && best)
                        break;
                    if (!named && !legacyHwcapUsable(lib.hwcap, flags))
                        continue;
                    if (named) {
                        const qsizetype priority
                            = lib.hwcapsSubdir.isEmpty() ? 0 : hwcapsSubdirs.indexOf(lib.hwcapsSubdir) + 1;
                        if (priority == 0)
                            continue;
                        if (best && priority >= bestPriority)
                            continue;
                        bestPriority = priority;
                    }
                }
                best = lib.path;
                if (!named && lib.flags == defaultId(flags))
                    break;
            }
            break;
        }
        if (cmp < 0)
            left = middle + 1;
        else
            right = middle - 1;
    }
    return best;
}

QStringList hwcapsSubdirsFromLoaderHelp(const QString &helpText)
{
    QStringList subdirs;
    bool inSection = false;
    const QStringList lines = helpText.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!inSection) {
            inSection = line.startsWith(QLatin1String("Subdirectories of glibc-hwcaps directories"));
            continue;
        }
        if (!line.startsWith(QLatin1Char(' ')) || line.trimmed().isEmpty())
            break;
        // "  x86-64-v3 (supported, searched)"
        const QString item = line.trimmed();
        const qsizetype open = item.indexOf(QLatin1String(" ("));
        if (open <= 0 || !item.endsWith(QLatin1Char(')')))
            continue;
        const QStringList marks = item.mid(open + 2, item.size() - open - 3).split(QLatin1String(", "));
        if (marks.contains(QLatin1String("supported")) && marks.contains(QLatin1String("searched")))
            subdirs << item.left(open);
    }
    return subdirs;
}

QStringList loaderHwcapsSubdirs()
{
    // This machine's own loader first, then the others Debian installs, as the native one may be absent.
    static const char *const loaders[] = {
#if defined(Q_PROCESSOR_X86_64)
        "/lib64/ld-linux-x86-64.so.2",
#elif defined(Q_PROCESSOR_ARM_64)
        "/lib/ld-linux-aarch64.so.1",
#elif defined(Q_PROCESSOR_POWER_64)
        "/lib64/ld64.so.2",
#elif defined(Q_PROCESSOR_S390_X)
        "/lib/ld64.so.1",
#endif
        "/lib64/ld-linux-x86-64.so.2",
        "/lib/ld-linux-aarch64.so.1",
        "/lib64/ld64.so.2",
        "/lib/ld64.so.1",
        "/lib/ld-linux-riscv64-lp64d.so.1",
        "/lib64/ld-linux-loongarch-lp64d.so.1",
        "/lib/ld-linux-armhf.so.3",
        "/lib/ld-linux.so.2",
    };
    for (const char *loader : loaders) {
        const QString program = QString::fromLatin1(loader);
        if (!QFileInfo(program).isExecutable())
            continue;
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C")); // the section titles are translated
        environment.remove(QStringLiteral("GLIBC_TUNABLES")); // LinkLab's own settings say nothing of the machine
        process.setProcessEnvironment(environment);
        process.setStandardInputFile(QProcess::nullDevice());
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(program, {QStringLiteral("--help")});
        if (!process.waitForFinished(10000)) {
            process.kill();
            process.waitForFinished(1000);
            continue;
        }
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            continue;
        const QString help = QString::fromLocal8Bit(process.readAllStandardOutput());
        if (help.contains(QLatin1String("Subdirectories of glibc-hwcaps directories")))
            return hwcapsSubdirsFromLoaderHelp(help);
    }
    return {};
}

QString ldSoCacheFlagsText(const LdSoCacheEntry &entry)
{
    static const char *const types[] = {"libc4", "ELF", "libc5", "libc6"};
    const qint32 type = entry.flags & TypeMask;
    QString text = type <= ElfLibc6 ? QString::fromLatin1(types[type]) : QStringLiteral("unknown");
    const qint32 required = entry.flags & RequiredMask;
    switch (required) {
    case SparcLib64:
    case S390Lib64:
    case PowerpcLib64:
    case Mips64LibN64: text += QLatin1String(",64bit"); break;
    case Ia64Lib64: text += QLatin1String(",IA-64"); break;
    case X8664Lib64: text += QLatin1String(",x86-64"); break;
    case Mips64LibN32: text += QLatin1String(",N32"); break;
    case X8664LibX32: text += QLatin1String(",x32"); break;
    case ArmLibHf: text += QLatin1String(",hard-float"); break;
    case Aarch64Lib64: text += QLatin1String(",AArch64"); break;
    case ArmLibSf:
    case RiscvFloatAbiSoft:
    case LarchFloatAbiSoft: text += QLatin1String(",soft-float"); break;
    case MipsLib32Nan2008: text += QLatin1String(",nan2008"); break;
    case Mips64LibN32Nan2008: text += QLatin1String(",N32,nan2008"); break;
    case Mips64LibN64Nan2008: text += QLatin1String(",64bit,nan2008"); break;
    case RiscvFloatAbiDouble:
    case LarchFloatAbiDouble: text += QLatin1String(",double-float"); break;
    case 0: break;
    default: text += QLatin1Char(',') + QString::number(required); break;
    }
    if (!entry.hwcapsSubdir.isEmpty())
        text += QStringLiteral(", hwcap: \"%1\"").arg(entry.hwcapsSubdir);
    else if (entry.hwcap != 0)
        text += QStringLiteral(", hwcap: 0x%1").arg(entry.hwcap, 16, 16, QLatin1Char('0'));
    return text;
}

} // namespace linklab
