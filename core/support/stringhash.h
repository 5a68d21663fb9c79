// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <functional>
#include <string_view>

namespace linklab {

// A hash of a QString's UTF-16 units for std::unordered_map, for maps on a hot path. qHash(QString) in the Qt 6
// this project builds with is SipHash, keyed per process; it took a seventh of `deps` over /usr/bin, hashing the
// same paths and library names again and again. The standard library's hash of the same bytes is several times
// cheaper; these maps hold file names read from files, not keys chosen to collide.
struct StringHash {
    std::size_t operator()(const QString &text) const noexcept
    {
        return std::hash<std::u16string_view> {}(
            std::u16string_view(reinterpret_cast<const char16_t *>(text.constData()), std::size_t(text.size())));
    }
};

} // namespace linklab
