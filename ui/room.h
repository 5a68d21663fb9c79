// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QWidget>

namespace linklab {

class WorkspaceFile;

// One of the main window's rooms (Inspector now; Build, Dependencies, Run and Learn later).
// A room shows the workspace file the user selected in its own way; MainWindow lists rooms
// in one registry, so adding a room is one line there.
class Room : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString title() const = 0;
    virtual QIcon icon() const { return {}; }
    // The file selected in the workspace list, or nullptr when none is.
    virtual void setCurrentFile(WorkspaceFile *file) = 0;
    // Ctrl+F: put the cursor in this room's filter, if it has one.
    virtual void focusFilter() { }
    // Files or folders dropped on the window: true when this room takes them (else they open in the workspace).
    virtual bool takeDroppedPaths(const QStringList &paths)
    {
        Q_UNUSED(paths);
        return false;
    }
};

} // namespace linklab
