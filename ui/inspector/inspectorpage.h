// SPDX-License-Identifier: MIT
#pragma once

#include <QStackedWidget>

namespace linklab {

class BinaryView;
class MessagePanel;
class WorkspaceFile;

// What the inspector shows for one workspace file: "Loading…", the reason it could not be
// opened, or its BinaryView. Follows the file through reloads, and through the stages of a first load: the
// view appears with the header facts and fills in as the symbols and relocations arrive.
class InspectorPage : public QStackedWidget
{
    Q_OBJECT
public:
    explicit InspectorPage(WorkspaceFile *file, QWidget *parent = nullptr);

    WorkspaceFile *file() const { return m_file; }
    BinaryView *binaryView() const { return m_view; }
    MessagePanel *messagePanel() const { return m_message; }

private:
    void update();
    void stageArrived();
    void setView(BinaryView *view);

    WorkspaceFile *m_file;
    MessagePanel *m_message;
    BinaryView *m_view = nullptr;
    bool m_viewIsStaged = false; // m_view was built from the running load's stages: advance it, do not rebuild
};

} // namespace linklab
