// SPDX-License-Identifier: MIT
#include "binary/bytenames.h"

namespace linklab {

namespace {

// Length of the valid UTF-8 sequence starting at `p` (1 to 4), or 0 when the byte there does not start one
// (overlong forms, surrogates and code points past U+10FFFF are invalid, as the UTF-8 standard says).
int validSequence(const unsigned char *p, qsizetype left)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    const auto cont = [&](qsizetype i) { return i < left && (p[i] & 0xc0) == 0x80; };
    if (c >= 0xc2 && c <= 0xdf)
        return cont(1) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xe0 && p[1] < 0xa0)
            return 0; // overlong
        if (c == 0xed && p[1] >= 0xa0)
            return 0; // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xf0 && p[1] < 0x90)
            return 0; // overlong
        if (c == 0xf4 && p[1] >= 0x90)
            return 0; // past U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

QString decodeName(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n && p[i] < 0x80) // the common case: plain ASCII, decoded in one go
        ++i;
    if (i == n)
        return QString::fromLatin1(bytes.data(), n);
    QString out;
    out.reserve(n);
    qsizetype runStart = 0;
    while (i < n) {
        const int len = validSequence(p + i, n - i);
        if (len > 0) {
            i += len;
            continue;
        }
        out += QString::fromUtf8(bytes.sliced(runStart, i - runStart));
        out += QChar(char16_t(0xdc00 + p[i]));
        ++i;
        runStart = i;
    }
    out += QString::fromUtf8(bytes.sliced(runStart, n - runStart));
    return out;
}

QByteArray encodeName(const QString &name)
{
    const QChar *u = name.constData();
    const qsizetype n = name.size();
    qsizetype ascii = 0;
    while (ascii < n && u[ascii].unicode() < 0x80) // the common case: plain ASCII, one byte per character
        ++ascii;
    if (ascii == n)
        return name.toLatin1();
    QByteArray out;
    qsizetype runStart = 0;
    bool escaped = false;
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = u[i].unicode();
        if (c < 0xdc80 || c > 0xdcff)
            continue;
        if (i > 0 && QChar::isHighSurrogate(u[i - 1].unicode()))
            continue; // the second half of a real pair: not an escaped byte
        if (!escaped) {
            out.reserve(n + 8);
            escaped = true;
        }
        out += QStringView(u + runStart, i - runStart).toUtf8();
        out += char(c - 0xdc00);
        runStart = i + 1;
    }
    if (!escaped)
        return name.toUtf8();
    out += QStringView(u + runStart, n - runStart).toUtf8();
    return out;
}

} // namespace linklab
