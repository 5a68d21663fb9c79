// SPDX-License-Identifier: MIT
#include "exampleproject.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace linklab {

QStringList ExampleProject::candidates()
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("LINKLAB_EXAMPLES_DIR");
    if (!env.isEmpty()) {
        // The variable may name the examples folder or the strmath folder itself.
        dirs.append(QDir(env).filePath(QStringLiteral("strmath")));
        dirs.append(env);
    }
    dirs.append(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/linklab/examples/strmath")));
#ifdef LINKLAB_SOURCE_EXAMPLES
    dirs.append(QStringLiteral(LINKLAB_SOURCE_EXAMPLES));
#endif
    for (QString &dir : dirs)
        dir = QDir::cleanPath(dir);
    return dirs;
}

ExampleProject ExampleProject::find()
{
    for (const QString &dir : candidates()) {
        const QDir d(dir);
        if (!QFileInfo::exists(d.filePath(QStringLiteral("strmath.h")))
            || !QFileInfo::exists(d.filePath(QStringLiteral("main.c"))))
            continue;
        ExampleProject example;
        example.folder = d.absolutePath();
        example.librarySources = {d.filePath(QStringLiteral("strmath_string.c")),
            d.filePath(QStringLiteral("strmath_math.c")), d.filePath(QStringLiteral("strmath.h"))};
        example.programSources = {d.filePath(QStringLiteral("main.c"))};
        example.name = QStringLiteral("strmath");
        example.linkFlags = QStringLiteral("-lm");
        return example;
    }
    return {};
}

} // namespace linklab
