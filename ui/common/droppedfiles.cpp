// SPDX-License-Identifier: MIT
#include "common/droppedfiles.h"

#include <QMimeData>
#include <QUrl>

namespace linklab {

QStringList droppedLocalPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

} // namespace linklab
