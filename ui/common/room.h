// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QWidget>

class QAbstractItemView;

namespace linklab {

class WorkspaceFile;

// One of the main window's rooms (Inspector, Build; Dependencies, Run and Learn later). A room shows the
// workspace file the user selected in its own way and talks to the window only through the signals below, so
// the window knows no room by name: adding a room is creating it and one registration line in MainWindow.
class Room : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString title() const = 0;
    virtual QIcon icon() const { return {}; }
    // The file selected in the workspace list, or nullptr when none is.
    virtual void setCurrentFile(WorkspaceFile *file) = 0;
    // True for the room that shows workspace files in full (the Inspector): showFilesRequested() raises it.
    virtual bool showsWorkspaceFiles() const { return false; }
    // Ctrl+F: put the cursor in this room's filter, if it has one.
    virtual void focusFilter() { }
    // The table the user is looking at (a view wired by ViewWiring), for Edit > Copy and File > Export when the
    // keyboard focus is elsewhere; nullptr when none is shown.
    virtual QAbstractItemView *currentTable() const { return nullptr; }
    // Compare two workspace files (the Compare action on two selected files): true when this room does it; the
    // window raises the room that took them.
    virtual bool compareFiles(WorkspaceFile *oldFile, WorkspaceFile *newFile)
    {
        Q_UNUSED(oldFile);
        Q_UNUSED(newFile);
        return false;
    }
    // Show which libraries the loader would load for `path` (a program or shared library): true when this room
    // does it; the window raises the room that took it (the Dependencies room).
    virtual bool showDependencies(const QString &path)
    {
        Q_UNUSED(path);
        return false;
    }
    // Files or folders named on the command line (`linklab FOLDER`, or sent to the running window): true when this
    // room takes them (C sources and folders: the Build room). Nobody: they open in the workspace.
    virtual bool takeCommandLinePaths(const QStringList &paths)
    {
        Q_UNUSED(paths);
        return false;
    }
    // Files or folders dropped on the window: true when this room takes them. The room on screen is asked first,
    // then every room in turn; a room that takes them is raised. Nobody: they open in the workspace.
    virtual bool takeDroppedPaths(const QStringList &paths)
    {
        Q_UNUSED(paths);
        return false;
    }

Q_SIGNALS:
    // Add these files to the workspace (what a build made, say) and select the first.
    void openFilesRequested(const QStringList &paths);
    // The same, and bring forward the room that shows workspace files ("Open in Inspector").
    void showFilesRequested(const QStringList &paths);
    // Show `path`'s dependencies in the room that does (showDependencies) and bring that room forward.
    void dependenciesRequested(const QString &path);
    // Bring this room forward (a job it started needs the user's eyes).
    void raiseRequested();
};

} // namespace linklab
