// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

class QMimeData;

namespace linklab {

// The local files and folders a drag from a file manager carries (remote URLs are left out).
QStringList droppedLocalPaths(const QMimeData *mime);

} // namespace linklab
