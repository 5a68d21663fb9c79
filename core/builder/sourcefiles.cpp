// SPDX-License-Identifier: MIT
#include "builder/sourcefiles.h"

#include "builder/exampleproject.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <utility>

namespace linklab {

namespace {
constexpr int MaxDepth = 8;
constexpr qint64 MaxMainScanBytes = 4 * 1024 * 1024;

// The text with comments, string and character literals and preprocessor lines turned into spaces (newlines
// kept), so that what is left is code.
QByteArray codeOnly(QByteArrayView source)
{
    QByteArray out(source.data(), source.size());
    enum class In { Code, LineComment, BlockComment, String, Char, Directive } state = In::Code;
    bool lineStart = true;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char c = out[i];
        const char next = i + 1 < out.size() ? out[i + 1] : '\0';
        const auto blank = [&](qsizetype at) {
            if (out[at] != '\n')
                out[at] = ' ';
        };
        switch (state) {
        case In::Code:
            if (c == '/' && next == '/') {
                state = In::LineComment;
                blank(i);
            } else if (c == '/' && next == '*') {
                state = In::BlockComment;
                blank(i);
                blank(++i);
            } else if (c == '"') {
                state = In::String;
                blank(i);
            } else if (c == '\'') {
                state = In::Char;
                blank(i);
            } else if (c == '#' && lineStart) {
                state = In::Directive;
                blank(i);
            }
            break;
        case In::LineComment:
        case In::Directive:
            if (c == '\\' && next == '\n') {
                blank(i);
                ++i; // a continued line stays in the comment or directive
            } else if (c == '\n') {
                state = In::Code;
            } else {
                blank(i);
            }
            break;
        case In::BlockComment:
            if (c == '*' && next == '/') {
                blank(i);
                blank(++i);
                state = In::Code;
            } else {
                blank(i);
            }
            break;
        case In::String:
        case In::Char:
            if (c == '\\' && next != '\0') {
                blank(i);
                blank(++i);
            } else {
                if ((state == In::String && c == '"') || (state == In::Char && c == '\'') || c == '\n')
                    state = In::Code;
                blank(i);
            }
            break;
        }
        if (c == '\n')
            lineStart = true;
        else if (c != ' ' && c != '\t' && state == In::Code)
            lineStart = false;
    }
    return out;
}
} // namespace

bool definesMain(QByteArrayView source)
{
    const QByteArray code = codeOnly(source);
    // `main`, a parameter list (one level of nested parentheses for function-pointer parameters), then the body.
    // A prototype ends in ';' and a call sits inside another function's body: only a definition is at depth 0.
    static const QRegularExpression definition(
        QStringLiteral("(?<![A-Za-z0-9_])main\\s*\\(([^()]|\\([^()]*\\))*\\)\\s*\\{"));
    const QString text = QString::fromLatin1(code);
    int depth = 0;
    qsizetype scanned = 0;
    for (QRegularExpressionMatchIterator it = definition.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        for (; scanned < match.capturedStart(); ++scanned) {
            if (text[scanned] == u'{')
                ++depth;
            else if (text[scanned] == u'}')
                depth = qMax(0, depth - 1);
        }
        if (depth == 0)
            return true;
    }
    return false;
}

bool fileDefinesMain(const QString &path)
{
    if (!isCSource(path))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > MaxMainScanBytes)
        return false;
    return definesMain(file.readAll());
}

QStringList programSources(const QStringList &files)
{
    QStringList programs;
    for (const QString &file : files) {
        if (!programs.contains(file) && fileDefinesMain(file))
            programs.append(file);
    }
    return programs;
}

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

namespace {
SourceScan scanFiles(const QStringList &paths, int limit, const std::function<bool()> &cancelled)
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
} // namespace

SourceScan scanSourceFiles(const QStringList &paths, int limit, const std::function<bool()> &cancelled)
{
    SourceScan scan = scanFiles(paths, limit, cancelled);
    if (!scan.cancelled)
        scan.programs = programSources(scan.files);
    return scan;
}

bool startsAnotherProject(const QStringList &current, const QString &folder)
{
    if (current.isEmpty() || folder.isEmpty())
        return false;
    const auto inside = [](const QString &path, const QString &dir) {
        const QString d = QDir::cleanPath(dir);
        return path == d || path.startsWith(d.endsWith(u'/') ? d : d + u'/');
    };
    const QString added = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    for (const QString &file : current) {
        if (inside(QDir::cleanPath(file), added))
            return false;
    }
    return !inside(added, QFileInfo(current.constFirst()).absolutePath());
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

QString userBuildsFolder()
{
    // ~/.local/share/LinkLab/builds. Not AppLocalDataLocation: with the organization and the application both
    // named LinkLab, that is .../LinkLab/LinkLab, which reads as a mistake.
    QString app = QCoreApplication::applicationName();
    if (app.isEmpty())
        app = QStringLiteral("LinkLab");
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(app + QStringLiteral("/builds"));
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
        return QDir(userBuildsFolder()).filePath(info.fileName() + QStringLiteral("/build-linklab"));
    }
    return QDir(sourceFolder).filePath(QStringLiteral("build-linklab"));
}

} // namespace linklab
