// SPDX-License-Identifier: MIT
// libFuzzer harness for the ar archive reader: the input is taken as everything after an archive magic, so
// every run goes through member headers, the GNU long-name table, BSD "#1/N" names and the symbol index instead
// of being rejected at the first byte. Members are parsed as ELF, which also feeds the ELF reader. The first
// input byte picks the magic: odd bytes make a thin archive ("!<thin>\n"), whose members are paths on disk.
#include "binary/nmformat.h"
#include "binary/openbinary.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray magic = (data[0] & 1) ? QByteArrayLiteral("!<thin>\n") : QByteArrayLiteral("!<arch>\n");
    QByteArray bytes;
    bytes.reserve(magic.size() + qsizetype(size));
    bytes.append(magic);
    bytes.append(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const linklab::OpenResult result = linklab::openBinaryData(bytes, QStringLiteral("fuzz-input.a"));
    if (const auto *info = std::get_if<linklab::BinaryInfo>(&result)) {
        for (const auto &member : info->members)
            if (member.binary)
                (void)linklab::nmLines(*member.binary, {});
    }
    return 0;
}
