// SPDX-License-Identifier: MIT
#include "window/recentfiles.h"

#include <QSettings>

namespace linklab {

namespace {
const QString Key = QStringLiteral("recentFiles");
}

QStringList RecentFiles::files() const
{
    return QSettings().value(Key).toStringList().mid(0, MaxFiles);
}

void RecentFiles::add(const QString &path)
{
    QStringList list = files();
    list.removeAll(path);
    list.prepend(path);
    store(list.mid(0, MaxFiles));
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = files();
    list.removeAll(path);
    store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList &list)
{
    QSettings().setValue(Key, list);
}

} // namespace linklab
