// SPDX-License-Identifier: MIT
#include "binary/hexformat.h"

namespace linklab {

QString hexString(std::uint64_t value)
{
    return QStringLiteral("0x%1").arg(value, 0, 16);
}

QString hexPadded(std::uint64_t value, int width)
{
    return QStringLiteral("%1").arg(value, width, 16, QLatin1Char('0'));
}

QString hexAddress(std::uint64_t value, int elfClass)
{
    return QStringLiteral("0x") + hexPadded(value, elfClass == 32 ? 8 : 16);
}

} // namespace linklab
