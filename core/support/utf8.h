// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QStringView>

#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace linklab {

// Copies `n` UTF-16 units to `out` as bytes when every one is ASCII (and, with `jsonPlain`, printable and neither
// '"' nor '\\': a JSON string that needs no escape); false when one is not, `out` then holding no meaning. Eight
// units a step with SSE2, which every x86-64 has; the file paths and library names of the dependency outputs are
// almost all such strings, and converting them one unit at a time was a fifth of `deps --json`.
inline bool narrowAscii(const char16_t *units, std::size_t n, char *out, bool jsonPlain = false)
{
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i high = _mm_set1_epi16(short(0xff80));
    const __m128i zero = _mm_setzero_si128();
    const __m128i control = _mm_set1_epi16(0x20);
    const __m128i quote = _mm_set1_epi16(u'"');
    const __m128i backslash = _mm_set1_epi16(u'\\');
    for (; i + 8 <= n; i += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(units + i));
        __m128i bad = _mm_cmpeq_epi16(_mm_and_si128(v, high), zero); // 0xffff where ASCII
        if (jsonPlain) {
            bad = _mm_andnot_si128(_mm_cmplt_epi16(v, control), bad);
            bad = _mm_andnot_si128(_mm_cmpeq_epi16(v, quote), bad);
            bad = _mm_andnot_si128(_mm_cmpeq_epi16(v, backslash), bad);
        }
        if (_mm_movemask_epi8(bad) != 0xffff)
            return false;
        _mm_storel_epi64(reinterpret_cast<__m128i *>(out + i), _mm_packus_epi16(v, v));
    }
#endif
    for (; i < n; ++i) {
        const char16_t c = units[i];
        if (c >= 0x80 || (jsonPlain && (c < 0x20 || c == u'"' || c == u'\\')))
            return false;
        out[i] = char(c);
    }
    return true;
}

// Appends `text` to `out` as UTF-8 without a temporary array: ASCII (file paths, library names, nearly all of
// what the dependency outputs print) is narrowed in place; anything else is converted by Qt.
inline void appendUtf8(QByteArray &out, QStringView text)
{
    const qsizetype at = out.size();
    out.resize(at + text.size());
    if (!narrowAscii(reinterpret_cast<const char16_t *>(text.utf16()), std::size_t(text.size()), out.data() + at)) {
        out.truncate(at);
        out += text.toUtf8();
    }
}

// The same into a std::string, whose appends are cheaper than QByteArray's for output built piece by piece.
inline void appendUtf8(std::string &out, QStringView text)
{
    const std::size_t at = out.size();
    out.resize(at + std::size_t(text.size()));
    if (!narrowAscii(reinterpret_cast<const char16_t *>(text.utf16()), std::size_t(text.size()), out.data() + at)) {
        out.resize(at);
        const QByteArray bytes = text.toUtf8();
        out.append(bytes.constData(), std::size_t(bytes.size()));
    }
}

} // namespace linklab
