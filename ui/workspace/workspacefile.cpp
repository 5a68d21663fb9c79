// SPDX-License-Identifier: MIT
#include "workspace/workspacefile.h"
#include "binary/openbinary.h"

#include <QDir>
#include <QFileInfo>

namespace linklab {

namespace {
QString describeStage(int index)
{
    switch (index) {
    case 0: return WorkspaceFile::tr("reading the headers");
    case 1: return WorkspaceFile::tr("reading the symbols");
    default: return WorkspaceFile::tr("reading the relocations");
    }
}
} // namespace

WorkspaceFile::WorkspaceFile(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(QDir::cleanPath(QFileInfo(path).absoluteFilePath()))
    , m_identity(identityOf(path))
    , m_jobs(new JobTracker(this))
{
    connect(m_jobs, &JobTracker::progress, this, [this](int value, int, const QString &) {
        m_stageIndex = value;
        m_stageText = describeStage(value);
        Q_EMIT progressChanged(this);
    });
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
    m_partial.reset();
    m_stageIndex = 0;
    m_stageText = describeStage(0);
    m_clock.start();
    Q_EMIT stateChanged(this);
    // The job gets a copy of the path and nothing else: it runs on a pool thread. Each stage is a value of its
    // own (sharing its lists with the next), handed back by a queued signal as soon as it is read.
    m_jobs->startStaged<Stage>(
        [path = m_path](QPromise<Stage> &promise) {
            promise.setProgressRange(0, stageCount());
            promise.setProgressValueAndText(0, QString());
            OpenOptions options;
            options.searchIndex = true; // the Symbols view's folded names and sort ranks, built here on the worker
            options.relocations = true;
            options.stageReady = [&promise](LoadStage stage, const BinaryInfo &soFar) {
                if (promise.isCanceled())
                    return false;
                promise.addResult(Stage {stage, std::make_shared<const BinaryInfo>(soFar), {}});
                promise.setProgressValueAndText(stage == LoadStage::Facts ? 1 : 2, QString());
                return !promise.isCanceled();
            };
            OpenResult result = openBinary(path, options);
            if (promise.isCanceled())
                return;
            if (auto *info = std::get_if<BinaryInfo>(&result))
                promise.addResult(
                    Stage {LoadStage::Complete, std::make_shared<const BinaryInfo>(std::move(*info)), {}});
            else
                promise.addResult(Stage {LoadStage::Complete, nullptr, std::get<OpenError>(result).message});
        },
        [this](const Stage &stage) { stageDone(stage); }, [] {});
}

void WorkspaceFile::stageDone(const Stage &stage)
{
    if (stage.stage != LoadStage::Complete) {
        m_partial = stage.binary;
        m_partialStage = stage.stage;
        Q_EMIT stageArrived(this);
        return;
    }
    m_loadTime = m_clock.elapsed();
    m_partial.reset();
    if (stage.binary) {
        m_binary = stage.binary;
        m_state = State::Loaded;
        m_error.clear();
    } else {
        m_binary.reset();
        m_state = State::Failed;
        m_error = stage.error;
    }
    Q_EMIT stateChanged(this);
}

void WorkspaceFile::cancelLoad()
{
    if (m_state != State::Loading)
        return;
    m_jobs->cancel();
    m_partial.reset();
    m_loadTime = m_clock.elapsed();
    if (m_binary) {
        m_state = State::Loaded; // a reload stopped: the last complete parse stays
    } else {
        m_state = State::Failed;
        m_error = tr("loading was cancelled; File › Reload (F5) reads it again");
    }
    Q_EMIT stateChanged(this);
}

} // namespace linklab
