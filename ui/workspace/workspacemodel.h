// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QSet>

namespace linklab {

class WorkspaceFile;

// The files open in the window, in the order they were opened. Owns the WorkspaceFile objects.
class WorkspaceModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit WorkspaceModel(QObject *parent = nullptr);

    // Opens a file (starting its parse) or returns the entry already open for it.
    // `added` tells which of the two happened.
    WorkspaceFile *open(const QString &path, bool *added = nullptr);
    void remove(WorkspaceFile *file);
    void reload(WorkspaceFile *file);

    WorkspaceFile *file(int row) const { return m_files.value(row); }
    WorkspaceFile *find(const QString &path) const;
    int rowOf(const WorkspaceFile *file) const;
    QModelIndex indexOf(const WorkspaceFile *file) const { return index(rowOf(file)); }
    const QList<WorkspaceFile *> &files() const { return m_files; }
    // The name the list shows: the file name, with its folder when another entry has the same name.
    QString displayName(const WorkspaceFile *file) const;
    // Files whose parse is still running.
    QList<WorkspaceFile *> loadingFiles() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // Any change of a file's state: started loading, loaded, failed.
    void fileStateChanged(linklab::WorkspaceFile *file);
    // A loading file moved on to its next stage (WorkspaceFile::stageText()).
    void fileProgressChanged(linklab::WorkspaceFile *file);
    // About to delete a file: views drop what they show for it.
    void fileRemoved(linklab::WorkspaceFile *file);

private:
    void onStateChanged(WorkspaceFile *file);
    void namesChanged();

    QList<WorkspaceFile *> m_files;
    QSet<QString> m_sharedNames; // file names more than one entry has
};

} // namespace linklab
