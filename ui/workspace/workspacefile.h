// SPDX-License-Identifier: MIT
#pragma once

#include "common/jobtracker.h"

#include "binary/openbinary.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>

namespace linklab {

// One file open in the workspace: its path, whether it is loading, loaded or failed, and the
// parsed value. Parsing runs on a worker thread; a reload makes a still-running parse stale.
class WorkspaceFile : public QObject
{
    Q_OBJECT
public:
    enum class State { Loading, Loaded, Failed };

    explicit WorkspaceFile(const QString &path, QObject *parent = nullptr);

    QString path() const { return m_path; }
    QString fileName() const;
    // Same file when both resolve to the same canonical path (a symlink and its target).
    QString identity() const { return m_identity; }
    static QString identityOf(const QString &path);

    State state() const { return m_state; }
    std::shared_ptr<const BinaryInfo> binary() const { return m_binary; }
    QString errorMessage() const { return m_error; }
    // Wall time of the last load, from request to hand-back.
    qint64 loadMilliseconds() const { return m_loadTime; }

    // Parse (again) from disk.
    void load();

Q_SIGNALS:
    void stateChanged(linklab::WorkspaceFile *file);

private:
    void setResult(OpenResult result);

    QString m_path;
    QString m_identity;
    State m_state = State::Loading;
    std::shared_ptr<const BinaryInfo> m_binary;
    QString m_error;
    JobTracker *m_jobs;
    QElapsedTimer m_clock;
    qint64 m_loadTime = 0;
};

} // namespace linklab
