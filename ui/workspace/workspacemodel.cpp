// SPDX-License-Identifier: MIT
#include "workspace/workspacemodel.h"

#include "workspace/kindicon.h"
#include "workspace/workspacefile.h"

#include "binary/elfnames.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QStyle>

namespace linklab {

WorkspaceModel::WorkspaceModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

WorkspaceFile *WorkspaceModel::find(const QString &path) const
{
    // The same path, or the same file now: a canonical path taken when an entry was opened goes stale when a
    // build replaces a symlink by a file (or the file did not exist yet), and a stale one made duplicates.
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const QString identity = WorkspaceFile::identityOf(path);
    for (WorkspaceFile *f : m_files) {
        if (f->path() == clean || WorkspaceFile::identityOf(f->path()) == identity)
            return f;
    }
    return nullptr;
}

QString WorkspaceModel::displayName(const WorkspaceFile *f) const
{
    // Two files of the same name (a prog in two build folders) say which folder each is in.
    const QString name = f->fileName();
    if (!m_sharedNames.contains(name))
        return name;
    const QStringList parts = QFileInfo(f->path()).absolutePath().split(u'/', Qt::SkipEmptyParts);
    const QString folder = parts.size() > 2 ? QString(QStringLiteral("…/") + parts.mid(parts.size() - 2).join(u'/'))
                                            : QString(u'/' + parts.join(u'/'));
    return tr("%1 — %2").arg(name, QDir::toNativeSeparators(folder));
}

void WorkspaceModel::namesChanged()
{
    // Kept apart from m_files and refreshed after a row comes or goes, so that no other row's text changes in
    // the middle of an insertion or a removal (views and QAbstractItemModelTester rely on that).
    QSet<QString> seen;
    m_sharedNames.clear();
    for (const WorkspaceFile *f : std::as_const(m_files)) {
        if (seen.contains(f->fileName()))
            m_sharedNames.insert(f->fileName());
        seen.insert(f->fileName());
    }
    if (!m_files.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

WorkspaceFile *WorkspaceModel::open(const QString &path, bool *added)
{
    if (WorkspaceFile *existing = find(path)) {
        if (added)
            *added = false;
        // Opening again a file that could not be read tries again: the user may have just fixed it.
        if (existing->state() == WorkspaceFile::State::Failed)
            existing->load();
        return existing;
    }
    auto *f = new WorkspaceFile(path, this);
    connect(f, &WorkspaceFile::stateChanged, this, &WorkspaceModel::onStateChanged);
    connect(f, &WorkspaceFile::progressChanged, this, &WorkspaceModel::fileProgressChanged);
    const int row = int(m_files.size());
    beginInsertRows({}, row, row);
    m_files.append(f);
    endInsertRows();
    namesChanged();
    if (added)
        *added = true;
    f->load();
    return f;
}

void WorkspaceModel::remove(WorkspaceFile *f)
{
    const int row = rowOf(f);
    if (row < 0)
        return;
    Q_EMIT fileRemoved(f);
    beginRemoveRows({}, row, row);
    m_files.removeAt(row);
    endRemoveRows();
    namesChanged();
    // Deleting the file drops a parse that may still be running (its JobTracker dies with it).
    delete f;
}

void WorkspaceModel::reload(WorkspaceFile *f)
{
    if (rowOf(f) >= 0)
        f->load();
}

int WorkspaceModel::rowOf(const WorkspaceFile *f) const
{
    return int(m_files.indexOf(const_cast<WorkspaceFile *>(f)));
}

QList<WorkspaceFile *> WorkspaceModel::loadingFiles() const
{
    QList<WorkspaceFile *> loading;
    for (WorkspaceFile *f : m_files) {
        if (f->state() == WorkspaceFile::State::Loading)
            loading.append(f);
    }
    return loading;
}

int WorkspaceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_files.size());
}

QVariant WorkspaceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WorkspaceFile *f = m_files.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (f->state() == WorkspaceFile::State::Loading)
            return tr("Loading %1…").arg(displayName(f));
        return displayName(f);
    case Qt::DecorationRole:
        switch (f->state()) {
        case WorkspaceFile::State::Loading: return loadingIcon();
        case WorkspaceFile::State::Failed: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        case WorkspaceFile::State::Loaded:
            // A file read only in part says so in the list, not only on its Overview.
            return f->binary()->warnings.isEmpty() ? kindIcon(f->binary()->kind)
                                                   : QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        }
        return {};
    case Qt::ToolTipRole: {
        const QString path = QDir::toNativeSeparators(f->path());
        switch (f->state()) {
        case WorkspaceFile::State::Loading: return tr("%1\nLoading…").arg(path);
        case WorkspaceFile::State::Failed: return tr("%1\nCould not open: %2").arg(path, f->errorMessage());
        case WorkspaceFile::State::Loaded: {
            const BinaryInfo &info = *f->binary();
            QString tip = tr("%1\n%2").arg(path, elfnames::overviewSentence(info));
            if (info.isTruncated())
                tip = tr("%1\n%2").arg(path, elfnames::truncationSentence(info));
            if (!info.warnings.isEmpty())
                tip += u'\n' + tr("%n warning(s): %1", nullptr, int(info.warnings.size())).arg(info.warnings.first());
            return tip;
        }
        }
        return {};
    }
    default: return {};
    }
}

void WorkspaceModel::onStateChanged(WorkspaceFile *f)
{
    const QModelIndex idx = indexOf(f);
    if (idx.isValid())
        Q_EMIT dataChanged(idx, idx);
    Q_EMIT fileStateChanged(f);
}

} // namespace linklab
