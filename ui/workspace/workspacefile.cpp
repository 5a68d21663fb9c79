// SPDX-License-Identifier: MIT
#include "workspace/workspacefile.h"
#include "binary/openbinary.h"

#include <QDir>
#include <QFileInfo>

namespace linklab {

WorkspaceFile::WorkspaceFile(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(QDir::cleanPath(QFileInfo(path).absoluteFilePath()))
    , m_identity(identityOf(path))
    , m_jobs(new JobTracker(this))
{
}

QString WorkspaceFile::identityOf(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

QString WorkspaceFile::fileName() const
{
    return QFileInfo(m_path).fileName();
}

void WorkspaceFile::load()
{
    m_state = State::Loading;
    m_identity = identityOf(m_path); // a rebuild may have made a symlink a file
    m_error.clear();
    m_clock.start();
    Q_EMIT stateChanged(this);
    // The job gets a copy of the path and nothing else: it runs on a pool thread.
    m_jobs->startJob(
        [path = m_path] {
            OpenOptions options;
            options.searchIndex = true; // the Symbols view's folded names and sort ranks, built here on the worker
            options.relocations = true;
            return openBinary(path, options);
        },
        [this](OpenResult result) { setResult(std::move(result)); });
}

void WorkspaceFile::setResult(OpenResult result)
{
    m_loadTime = m_clock.elapsed();
    if (auto *info = std::get_if<BinaryInfo>(&result)) {
        m_binary = std::make_shared<const BinaryInfo>(std::move(*info));
        m_state = State::Loaded;
        m_error.clear();
    } else {
        m_binary.reset();
        m_state = State::Failed;
        m_error = std::get<OpenError>(result).message;
    }
    Q_EMIT stateChanged(this);
}

} // namespace linklab
