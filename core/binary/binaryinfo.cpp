// SPDX-License-Identifier: MIT
#include "binary/binaryinfo.h"

namespace linklab {

QString SymbolInfo::versionSuffix() const
{
    if (version.isEmpty())
        return {};
    return (versionHidden ? QStringLiteral("@") : QStringLiteral("@@")) + version;
}

QString SymbolInfo::displayName() const
{
    constexpr std::uint8_t STT_SECTION = 3;
    if (name.isEmpty() && type == STT_SECTION && sectionIndex != 0 && sectionIndex < 0xff00)
        return sectionName;
    return name + versionSuffix();
}

} // namespace linklab
