// SPDX-License-Identifier: MIT
#include "builder/outputsafety.h"

#include "builder/buildlog.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace linklab {

namespace {

QString errnoText(int err)
{
    switch (err) {
    case EACCES:
    case EPERM: return QStringLiteral("permission denied");
    case EROFS: return QStringLiteral("read-only file system");
    case ENOSPC: return QStringLiteral("no space left on the device");
    case ENOTDIR: return QStringLiteral("a part of the path is a file, not a folder");
    default: return QString::fromLocal8Bit(std::strerror(err));
    }
}

// Tries to create and remove an entry in an existing folder: 0 when it worked, else the errno.
int probeWritable(const QString &folder)
{
    QByteArray pattern = QFile::encodeName(QDir(folder).filePath(QStringLiteral(".linklab-probe-XXXXXX")));
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        return errno;
    ::close(fd);
    ::unlink(pattern.constData());
    return 0;
}

} // namespace

QString realPath(const QString &path)
{
    QString existing = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList rest;
    // Walk up to the nearest entry that exists (a symlink counts even when dangling: resolve what it can).
    while (!QFileInfo::exists(existing) && !QFileInfo(existing).isSymLink()) {
        const QFileInfo info(existing);
        if (info.path() == existing)
            break;
        rest.prepend(info.fileName());
        existing = info.path();
    }
    QString resolved = QFileInfo(existing).canonicalFilePath();
    if (resolved.isEmpty())
        resolved = existing;
    for (const QString &part : std::as_const(rest))
        resolved = QDir(resolved).filePath(part);
    return QDir::cleanPath(resolved);
}

QStringList plannedOutputs(const BuildPlan &plan, const ProgramPlan *program)
{
    QList<BuildStep> steps = planLibrary(plan);
    if (program)
        steps.append(planProgram(plan, *program));
    QStringList out;
    for (const BuildStep &step : std::as_const(steps)) {
        out.append(step.output); // for archives and links, the temporary file
        out.append(finalOutput(step));
        if (step.kind == StepKind::Symlink)
            out.append(step.output + QStringLiteral(".tmp")); // the link is made beside, then renamed over
        if (!step.depFile.isEmpty())
            out.append(step.depFile);
    }
    out.append(QDir(plan.outDir).filePath(BuildLog::fileName()));
    out.removeDuplicates();
    return out;
}

Check checkOutputsSpareInputs(const BuildPlan &plan, const ProgramPlan *program, const QStringList &extraOutputs)
{
    // An input is hit when an output names the same directory entry (its folder resolved) or the file the entry
    // finally points to: writing "OUT/main.c" replaces main.c whether main.c is the source or a link to it.
    QHash<QString, QString> inputs; // real path or entry -> the input as the user gave it
    QStringList given = plan.sources + plan.headers;
    if (program)
        given += program->sources;
    for (const QString &input : std::as_const(given)) {
        const QFileInfo info(input);
        inputs.insert(QDir(realPath(info.absolutePath())).filePath(info.fileName()), input);
        inputs.insert(realPath(input), input);
    }
    const QStringList outputs = plannedOutputs(plan, program) + extraOutputs;
    for (const QString &output : outputs) {
        const QFileInfo info(output);
        const QString entry = QDir(realPath(info.absolutePath())).filePath(info.fileName());
        const auto hit = inputs.constFind(entry);
        if (hit != inputs.cend())
            return Check::fail(QStringLiteral("The build would write %1 over your file %2; choose other names or "
                                              "another output folder.")
                                   .arg(QDir::toNativeSeparators(output), QDir::toNativeSeparators(*hit)));
    }
    return {};
}

Check checkOutputFolderWritable(const QString &outDir)
{
    if (outDir.isEmpty())
        return Check::fail(QStringLiteral("Choose an output folder."));
    const QFileInfo info(outDir);
    if (info.exists()) {
        if (!info.isDir())
            return Check::fail(QStringLiteral("The output folder %1 is a file, not a folder.").arg(outDir));
        if (const int err = probeWritable(outDir))
            return Check::fail(QStringLiteral("Cannot write to %1: %2.").arg(outDir, errnoText(err)));
        return {};
    }
    // Missing: it will be created, so its nearest existing parent must take a new folder.
    QString parent = QDir::cleanPath(info.absoluteFilePath());
    while (!QFileInfo::exists(parent)) {
        const QString up = QFileInfo(parent).path();
        if (up == parent)
            break;
        parent = up;
    }
    if (!QFileInfo(parent).isDir())
        return Check::fail(QStringLiteral("Cannot create %1: %2 is a file, not a folder.").arg(outDir, parent));
    if (const int err = probeWritable(parent))
        return Check::fail(QStringLiteral("Cannot create %1: %2 (in %3).").arg(outDir, errnoText(err), parent));
    return {};
}

QStringList removeDuplicateInputs(BuildPlan &plan)
{
    QStringList notes;
    QHash<QString, QString> seen; // real path -> the path kept
    const auto dedupe = [&](QStringList &paths) {
        QStringList kept;
        for (const QString &path : std::as_const(paths)) {
            const QString real = realPath(path);
            const auto first = seen.constFind(real);
            if (first != seen.cend()) {
                notes.append(*first == path
                        ? QStringLiteral("%1 was given twice; it is built once.").arg(path)
                        : QStringLiteral("%1 is the same file as %2; it is built once.").arg(path, *first));
                continue;
            }
            seen.insert(real, path);
            kept.append(path);
        }
        paths = kept;
    };
    dedupe(plan.sources);
    dedupe(plan.headers);
    return notes;
}

} // namespace linklab
