// SPDX-License-Identifier: MIT
// libFuzzer harness for the ld.so.cache reader: the input is a cache file. Whatever parses is then searched the
// way the resolver searches it, for names that real caches hold and for every key the input itself holds, with
// and without glibc-hwcaps subdirectories and with the flags of two machines.
#include "deps/ldsocache.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const linklab::Result<linklab::LdSoCache> cache = linklab::parseLdSoCache(bytes, QStringLiteral("fuzz.cache"));
    if (!cache)
        return 0;
    const QStringList hwcaps[]
        = {{}, {QStringLiteral("x86-64-v4"), QStringLiteral("x86-64-v3"), QStringLiteral("x86-64-v2")},
            {QStringLiteral("x86-64-v2")}};
    QStringList names = {QStringLiteral("libc.so.6"), QStringLiteral("libm.so.6"), QStringLiteral("libz.so.1"),
        QStringLiteral("libllc.so.1"), QStringLiteral("libfoo.so.01")};
    for (qsizetype i = 0; i < cache->entries.size() && i < 8; ++i)
        names << cache->entries.at(i).key;
    for (const QString &name : names) {
        for (const QStringList &subdirs : hwcaps) {
            (void)linklab::lookupLdSoCache(*cache, name, 0x303, subdirs);
            (void)linklab::lookupLdSoCache(*cache, name, 0x3, subdirs);
        }
    }
    for (const linklab::LdSoCacheEntry &entry : cache->entries)
        (void)linklab::ldSoCacheFlagsText(entry);
    return 0;
}
