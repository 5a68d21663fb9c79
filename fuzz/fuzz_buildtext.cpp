// SPDX-License-Identifier: MIT
// libFuzzer harness for the build studio's text parsers: compiler and linker output (parseDiagnostics) and
// gcc -MMD dependency files (parseDepFile). The first input byte picks the parser.
#include "builder/buildlog.h"
#include "builder/diagnostics.h"

#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const QString text = QString::fromLocal8Bit(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    if (data[0] & 1) {
        (void)linklab::parseDepFile(text, QStringLiteral("/fuzz"));
    } else {
        for (const linklab::Diagnostic &d : linklab::parseDiagnostics(text)) {
            if (d.line < 0 || d.column < 0 || d.severity.isEmpty())
                __builtin_trap(); // the parser promises non-negative positions and a severity
        }
    }
    return 0;
}
