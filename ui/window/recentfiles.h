// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace linklab {

// The File > Open Recent list, most recent first, kept in QSettings.
class RecentFiles
{
public:
    static constexpr int MaxFiles = 10;

    QStringList files() const;
    void add(const QString &path); // moves an existing entry to the front
    void remove(const QString &path);
    void clear();

private:
    void store(const QStringList &files);
};

} // namespace linklab
