// SPDX-License-Identifier: MIT
// LoaderConfig for this machine: what its loader says of itself (`ld.so --help`) and its /etc/ld.so.cache.
#include "deps/ldsocache.h"
#include "deps/resolver.h"

#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>

#include <memory>

namespace linklab {

LoaderConfig LoaderConfig::forThisMachine()
{
    LoaderConfig config;
    for (const char *candidate : {"/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1", "/lib/ld-linux.so.2",
             "/lib/ld-linux-armhf.so.3", "/lib64/ld64.so.2", "/lib/ld-linux-riscv64-lp64d.so.1", "/lib64/ld64.so.1"}) {
        if (QFileInfo::exists(QLatin1String(candidate))) {
            config.interpreter = QLatin1String(candidate);
            break;
        }
    }
    if (!config.interpreter.isEmpty()) {
        // The loader describes its own search (a system program run for its --help, not the inspected file).
        QProcess ldso;
        ldso.start(config.interpreter, {QStringLiteral("--help")});
        if (ldso.waitForFinished(5000))
            parseLoaderHelp(QString::fromLocal8Bit(ldso.readAllStandardOutput()), config);
    }
    if (config.defaultDirs.isEmpty())
        config.defaultDirs = {QStringLiteral("/lib"), QStringLiteral("/usr/lib")};
    // Debian's loader expands $LIB to its multiarch directory ("lib/x86_64-linux-gnu").
    config.libToken = config.defaultDirs.first().mid(1);
    config.platform = QSysInfo::currentCpuArchitecture() == u"x86_64" ? QStringLiteral("x86_64")
                                                                      : QSysInfo::currentCpuArchitecture();
    Result<LdSoCache> cache = readLdSoCache();
    if (cache) {
        auto shared = std::make_shared<const LdSoCache>(std::move(*cache));
        const QStringList hwcaps = config.hwcapsSubdirs;
        config.cacheLookup = [shared, hwcaps](const QString &name, int elfClass, std::uint16_t machine) {
            const std::optional<qint32> flags = cacheFlagsFor(elfClass, machine);
            if (!flags)
                return std::optional<QString>();
            return lookupLdSoCache(*shared, name, *flags, hwcaps);
        };
    }
    return config;
}

} // namespace linklab
