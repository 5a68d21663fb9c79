// SPDX-License-Identifier: MIT
#include "builder/sourcefiles.h"

#include "builder/exampleproject.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <utility>

namespace linklab {

namespace {
constexpr int MaxDepth = 8;
} // namespace

bool isCSource(const QString &path)
{
    return path.endsWith(QLatin1String(".c"), Qt::CaseSensitive);
}

bool isCHeader(const QString &path)
{
    return path.endsWith(QLatin1String(".h"), Qt::CaseSensitive);
}

void addInputFiles(BuildPlan &plan, const QStringList &paths)
{
    for (const QString &file : paths) {
        const QString path = QDir::cleanPath(QFileInfo(file).absoluteFilePath());
        if (isCHeader(path))
            plan.headers.append(path);
        else
            plan.sources.append(path);
    }
}

bool isBuildFolder(const QString &name)
{
    static const QStringList exact = {QStringLiteral("build"), QStringLiteral("_build"), QStringLiteral("builddir"),
        QStringLiteral("CMakeFiles"), QStringLiteral("obj"), QStringLiteral("node_modules")};
    return name.startsWith(u'.') || exact.contains(name) || name.startsWith(QLatin1String("build-"))
        || name.startsWith(QLatin1String("build_")) || name.startsWith(QLatin1String("cmake-build"));
}

SourceScan scanSourceFiles(const QStringList &paths, int limit, const std::function<bool()> &cancelled)
{
    SourceScan scan;
    const auto full = [&] {
        if (scan.files.size() < limit)
            return false;
        scan.capped = true;
        return true;
    };
    // Depth first, in name order, with an explicit stack: the order a person reads a tree in, and no recursion
    // that a deep tree could exhaust.
    QList<std::pair<QString, int>> folders;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            folders.append({info.absoluteFilePath(), 0});
        } else if (info.isFile() && (isCSource(path) || isCHeader(path))) {
            if (full())
                return scan;
            scan.files.append(QDir::cleanPath(info.absoluteFilePath()));
        }
    }
    std::reverse(folders.begin(), folders.end());
    while (!folders.isEmpty()) {
        if (cancelled && cancelled()) {
            scan.cancelled = true;
            return scan;
        }
        const auto [folder, depth] = folders.takeLast();
        const QDir dir(folder);
        ++scan.foldersRead;
        const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.c"), QStringLiteral("*.h")},
            QDir::Files | QDir::Readable, QDir::Name | QDir::IgnoreCase);
        for (const QFileInfo &f : files) {
            if (full())
                return scan;
            scan.files.append(QDir::cleanPath(f.absoluteFilePath()));
        }
        if (depth >= MaxDepth)
            continue;
        const QFileInfoList dirs
            = dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name | QDir::Reversed);
        for (const QFileInfo &d : dirs) {
            if (!isBuildFolder(d.fileName()))
                folders.append({d.absoluteFilePath(), depth + 1});
        }
    }
    return scan;
}

QString defaultLibraryName(const QString &sourceFolder)
{
    if (sourceFolder.isEmpty())
        return {};
    // From the path's words alone: the folder need not exist (yet), and no disk is touched.
    const QString clean = QDir::cleanPath(sourceFolder);
    QString name = QFileInfo(clean).fileName();
    static const QStringList generic
        = {QStringLiteral("src"), QStringLiteral("source"), QStringLiteral("sources"), QStringLiteral("lib")};
    if (generic.contains(name.toLower())) {
        const QString parent = QFileInfo(QFileInfo(clean).path()).fileName();
        if (!parent.isEmpty())
            name = parent;
    }
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_+.-]"));
    name.replace(unsafe, QStringLiteral("_"));
    if (name.startsWith(QLatin1String("lib")) && name.size() > 3)
        name = name.mid(3);
    return name.isEmpty() || name == u'.' ? QStringLiteral("mylib") : name;
}

QString defaultOutDir(const QString &sourceFolder)
{
    if (sourceFolder.isEmpty())
        return {};
    // Next to the sources, as a person would do by hand; but the bundled example (part of LinkLab) and folders
    // the user cannot write to (an installed copy) build in the user's data folder instead.
    const Result<ExampleProject> example = ExampleProject::find();
    const QFileInfo info(sourceFolder);
    if ((example && info.canonicalFilePath() == QFileInfo(example->folder).canonicalFilePath()) || !info.isWritable()) {
        return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
            .filePath(QStringLiteral("builds/") + info.fileName() + QStringLiteral("/build-linklab"));
    }
    return QDir(sourceFolder).filePath(QStringLiteral("build-linklab"));
}

} // namespace linklab
