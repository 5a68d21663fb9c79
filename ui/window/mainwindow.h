// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMainWindow>

#include "common/room.h"

class QActionGroup;
class QLabel;
class QListView;
class QMenu;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace linklab {

class Room;
class ViewWiring;
class WorkspaceFile;
class WorkspaceModel;

// The window: the workspace list of open files on the left, the rooms (Inspector, and the
// Build, Dependencies, Run and Learn rooms later issues add) in the middle, a busy indicator
// in the status bar. Files come in by File > Open, File > Open Recent, the command line and
// drag and drop.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens files in the workspace (selecting one already open instead of adding it twice) and
    // selects the first of them.
    void openFiles(const QStringList &paths);
    // Files another `linklab` sent (SingleInstance): opened here, and the window comes to the front.
    void receiveFiles(const QStringList &paths);
    // The file types File › Open offers.
    static QStringList openFilters();

    WorkspaceModel *workspace() const { return m_workspace; }
    WorkspaceFile *currentFile() const;
    void setCurrentFile(WorkspaceFile *file);
    // The registered room of type T (tests and the command line reach a room this way), or nullptr.
    template<typename T>
    T *room() const
    {
        for (Room *r : m_rooms) {
            if (auto *found = qobject_cast<T *>(r))
                return found;
        }
        return nullptr;
    }
    QTabWidget *roomTabs() const { return m_roomTabs; }
    QListView *fileList() const { return m_fileList; }
    QString aboutText() const;
    QProgressBar *busyIndicator() const { return m_busy; }
    QLabel *busyLabel() const { return m_busyLabel; }
    // Stops the loading files' parses (the status bar's Cancel, Esc while it shows).
    QToolButton *cancelLoadingButton() const { return m_cancelLoading; }
    const QList<Room *> &rooms() const { return m_rooms; }
    // The files selected in the workspace list, in list order.
    QList<WorkspaceFile *> selectedFiles() const;
    // Hands two files to the room that compares (raising it).
    void compareFiles(WorkspaceFile *oldFile, WorkspaceFile *newFile);
    // The room that shows dependencies (the Dependencies room) resolves `path` and comes forward.
    void showDependencies(const QString &path);
    QAction *compareAction() const { return m_compareAction; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void registerRooms();
    void addRoom(Room *room);
    void raiseRoom(Room *room);
    void createActions();
    void createWorkspaceDock();
    void createRoomActions(QMenu *view);
    void stepRoom(int step);
    ViewWiring *currentTable() const;
    void updateTableActions();
    void restoreSettings();
    void saveSettings();

    void openDialog();
    void openPaths(const QStringList &paths); // routed as a drop is: rooms first, then the workspace
    void fillRecentMenu();
    void reloadCurrent();
    void closeCurrent();
    void removeFile(WorkspaceFile *file);
    void focusFilter();
    void showAbout();
    void showWorkspaceMenu(const QPoint &pos);
    void compareSelected();

    void currentFileChanged();
    void fileStateChanged(WorkspaceFile *file);
    void updateBusyState();

    WorkspaceModel *m_workspace;
    QListView *m_fileList;
    QTabWidget *m_roomTabs;
    QList<Room *> m_rooms;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_busyLabel;
    QProgressBar *m_busy;
    QToolButton *m_cancelLoading;
    QAction *m_reloadAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_selectAll = nullptr;
    QAction *m_exportCsv = nullptr;
    QAction *m_exportJson = nullptr;
    QActionGroup *m_roomActions = nullptr;
};

} // namespace linklab
