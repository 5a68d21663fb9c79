// SPDX-License-Identifier: MIT
#include "builder/exampleproject.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace linklab {

namespace {
const QString ManifestName = QStringLiteral("example.json");

// The files a manifest lists, made absolute; a name that leaves the folder or does not exist is an error.
Result<QStringList> listedFiles(const QDir &dir, const QJsonValue &value, const QString &key)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return Failure {QStringLiteral("%1: \"%2\" must be a non-empty list of file names").arg(ManifestName, key)};
    QStringList files;
    for (const QJsonValue &entry : value.toArray()) {
        const QString name = entry.toString();
        if (name.isEmpty() || name.contains(u'/') || name.startsWith(u'.'))
            return Failure {QStringLiteral("%1: \"%2\" holds '%3', not a file name in the example's folder")
                                .arg(ManifestName, key, name)};
        const QString path = dir.filePath(name);
        if (!QFileInfo(path).isFile())
            return Failure {QStringLiteral("%1 is missing from the example").arg(name)};
        files.append(path);
    }
    return files;
}
} // namespace

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

Result<ExampleProject> ExampleProject::read(const QString &folder)
{
    const QDir dir(folder);
    QFile file(dir.filePath(ManifestName));
    if (!file.open(QIODevice::ReadOnly))
        return Failure {QStringLiteral("%1: %2").arg(file.fileName(), file.errorString())};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(1 << 20), &parseError);
    if (!doc.isObject())
        return Failure {QStringLiteral("%1: not a JSON object (%2)").arg(file.fileName(), parseError.errorString())};
    const QJsonObject o = doc.object();
    ExampleProject example;
    example.folder = dir.absolutePath();
    example.name = o.value(QStringLiteral("name")).toString();
    example.title = o.value(QStringLiteral("title")).toString(example.name);
    example.linkFlags = o.value(QStringLiteral("link_flags")).toString();
    if (example.name.isEmpty())
        return Failure {QStringLiteral("%1: \"name\" is missing").arg(file.fileName())};
    const auto kind = kindFromKey(o.value(QStringLiteral("kind")).toString(QStringLiteral("shared")));
    if (!kind)
        return Failure {QStringLiteral("%1: \"kind\" must be static, shared or module").arg(file.fileName())};
    example.kind = *kind;
    auto library = listedFiles(dir, o.value(QStringLiteral("library")), QStringLiteral("library"));
    if (!library)
        return library.failure();
    auto program = listedFiles(dir, o.value(QStringLiteral("program")), QStringLiteral("program"));
    if (!program)
        return program.failure();
    example.librarySources = std::move(*library);
    example.programSources = std::move(*program);
    return example;
}

Result<ExampleProject> ExampleProject::find()
{
    QStringList tried;
    for (const QString &dir : candidates()) {
        if (!QFileInfo::exists(QDir(dir).filePath(ManifestName))) {
            tried.append(dir);
            continue;
        }
        // A manifest that is there but wrong is reported as it is, not hidden behind "not found".
        return read(dir);
    }
    return Failure {QStringLiteral("The example project was not found; looked in:\n%1").arg(tried.join(u'\n'))};
}

} // namespace linklab
