// SPDX-License-Identifier: MIT
// libFuzzer harness for everything openBinaryData() parses: kind detection, the ELF reader, the archive reader
// and the formatting of whatever model comes out (nm lines, text report, JSON), since odd values in a model built
// from broken input are what those formatters meet in the GUI and the CLI.
#include "binary/binaryjson.h"
#include "binary/nmformat.h"
#include "binary/openbinary.h"
#include "binary/textreport.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

namespace {

void exercise(const linklab::BinaryInfo &info)
{
    for (const bool dynamic : {false, true}) {
        linklab::NmOptions options;
        options.dynamic = dynamic;
        options.demangle = true;
        (void)linklab::nmLines(info, options);
    }
    (void)linklab::textReport(info);
    (void)QJsonDocument(linklab::toJson(info)).toJson(QJsonDocument::Compact);
    for (const auto &member : info.members)
        if (member.binary)
            (void)linklab::nmLines(*member.binary, {});
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // fromRawData: no copy and no terminating NUL, like the memory map openBinary() parses, so a read past the end
    // is caught by AddressSanitizer instead of landing on a padding byte.
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const linklab::OpenResult result = linklab::openBinaryData(bytes, QStringLiteral("fuzz-input"));
    if (const auto *info = std::get_if<linklab::BinaryInfo>(&result))
        exercise(*info);
    return 0;
}
