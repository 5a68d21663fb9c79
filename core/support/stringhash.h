// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstdint>
#include <cstring>

namespace linklab {

// A hash of a QString's UTF-16 units for std::unordered_map, for maps on a hot path. qHash(QString) in the Qt 6
// this project builds with is SipHash, keyed per process; it took a seventh of `deps` over /usr/bin, hashing the
// same paths and library names again and again. This one mixes eight bytes per step (a multiply and a shift, as
// the finalisers of MurmurHash3 and SplitMix64 do): several times cheaper, and good enough for tables of file
// names read from files, not keys chosen to collide.
struct StringHash {
    std::size_t operator()(const QString &text) const noexcept
    {
        const auto *p = reinterpret_cast<const unsigned char *>(text.constData());
        std::size_t n = std::size_t(text.size()) * sizeof(char16_t);
        std::uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
        for (; n >= 8; n -= 8, p += 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            h = (h ^ word) * 0xff51afd7ed558ccdull;
            h ^= h >> 32;
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, p, n);
        h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
        h ^= h >> 29;
        return std::size_t(h);
    }
};

} // namespace linklab
