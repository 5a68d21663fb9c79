// SPDX-License-Identifier: MIT
// The ELF files of a folder (by their first four bytes, not their names), for tests that read the system's files.
#pragma once

#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QStringList>

namespace linklab::test {

// The files under `dir` matching `nameFilters` (all when empty) that start with the ELF magic, sorted.
inline QStringList elfFilesIn(const QString &dir, const QStringList &nameFilters = {}, bool recursive = false)
{
    QStringList out;
    QDirIterator it(
        dir, nameFilters, QDir::Files, recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)
            && f.read(4)
                == QByteArray("\x7f"
                              "ELF",
                    4))
            out << path;
    }
    out.sort();
    return out;
}

} // namespace linklab::test
