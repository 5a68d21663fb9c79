// SPDX-License-Identifier: MIT
#pragma once

#include "binary/openbinary.h"

#include <QByteArrayView>

namespace linklab::detail {

// Reads a Unix ar archive (GNU and BSD variants, thin archives) from `data`. Each member with data is handed to
// `parseMember`; thin members are read from disk relative to `archivePath`'s folder. Never reads outside `data`.
// Returns an error message when the archive itself is unreadable.
using MemberParser = OpenResult (*)(const QByteArray &data, const QString &name, const OpenOptions &options);

std::optional<QString> readArchive(QByteArrayView data, const QString &archivePath, const OpenOptions &options,
    MemberParser parseMember, BinaryInfo &info);

} // namespace linklab::detail
