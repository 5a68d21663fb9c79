// SPDX-License-Identifier: MIT
#pragma once

#include "common/jobtracker.h"

#include "binary/openbinary.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>

namespace linklab {

// One file open in the workspace: its path, whether it is loading, loaded or failed, and the parsed value.
// Parsing runs on a worker thread, in stages (header facts, then symbols, then relocations), each handed back
// as it is read so a big library shows its Overview before its symbols are in; a reload makes a still-running
// parse stale, and cancelLoad() stops one.
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
    // The last complete parse (kept during a reload until the new one is in).
    std::shared_ptr<const BinaryInfo> binary() const { return m_binary; }
    // While loading: what the running parse has read so far, and how far that is (Facts, then Symbols); null
    // before the first stage and once the load has ended.
    std::shared_ptr<const BinaryInfo> partial() const { return m_partial; }
    LoadStage partialStage() const { return m_partialStage; }
    // What the running parse is doing ("reading the symbols"), and its step of `stageCount()`.
    QString stageText() const { return m_stageText; }
    int stageIndex() const { return m_stageIndex; }
    static constexpr int stageCount() { return 3; }
    QString errorMessage() const { return m_error; }
    // Wall time of the last load, from request to hand-back.
    qint64 loadMilliseconds() const { return m_loadTime; }

    // Parse (again) from disk.
    void load();
    // Stops a running parse: a reload falls back to the last complete parse, a first load fails as cancelled.
    void cancelLoad();

Q_SIGNALS:
    void stateChanged(linklab::WorkspaceFile *file);
    // A stage of the running parse arrived (partial() and partialStage() changed).
    void stageArrived(linklab::WorkspaceFile *file);
    // The running parse moved on to another part of the file (stageText(), stageIndex()).
    void progressChanged(linklab::WorkspaceFile *file);

private:
    struct Stage {
        LoadStage stage = LoadStage::Complete;
        std::shared_ptr<const BinaryInfo> binary; // null with `error` when the file could not be read
        QString error;
    };

    void stageDone(const Stage &stage);

    QString m_path;
    QString m_identity;
    State m_state = State::Loading;
    std::shared_ptr<const BinaryInfo> m_binary;
    std::shared_ptr<const BinaryInfo> m_partial;
    LoadStage m_partialStage = LoadStage::Facts;
    QString m_stageText;
    int m_stageIndex = 0;
    QString m_error;
    JobTracker *m_jobs;
    QElapsedTimer m_clock;
    qint64 m_loadTime = 0;
};

} // namespace linklab
