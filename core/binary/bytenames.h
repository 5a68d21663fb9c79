// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace linklab {

// Names in ELF files, archives and file systems are bytes, usually but not always UTF-8. LinkLab holds them as
// QStrings that keep every byte: valid UTF-8 is decoded as such, and each byte that is not part of valid UTF-8 is
// kept as the lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"). encodeName() gives the exact bytes
// back, so `symbols` prints a name "caf\xE9" as nm does, and a file name that is not UTF-8 opens; a view shows
// such a byte as a replacement character. Lone surrogates never come from valid UTF-8, so nothing is ambiguous.
QString decodeName(QByteArrayView bytes);
QByteArray encodeName(const QString &name);

} // namespace linklab
