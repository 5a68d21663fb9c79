// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QStringView>

namespace linklab {

// Appends `text` to `out` as UTF-8 without a temporary array: a run of ASCII (file paths, library names, nearly
// all of what the dependency outputs print) is copied character by character; anything else is converted by Qt.
inline void appendUtf8(QByteArray &out, QStringView text)
{
    const qsizetype at = out.size();
    out.resize(at + text.size());
    char *p = out.data() + at;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80) {
            out.truncate(at + i);
            out += text.mid(i).toUtf8();
            return;
        }
        p[i] = char(c);
    }
}

} // namespace linklab
