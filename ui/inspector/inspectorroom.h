// SPDX-License-Identifier: MIT
#pragma once

#include "common/room.h"

#include <QHash>

class QStackedWidget;

namespace linklab {

class InspectorPage;
class MessagePanel;
class WorkspaceModel;

// The first room: what is inside the selected file. Keeps one page per workspace file, so
// switching back and forth keeps each file's filters, sort order and scroll position.
class InspectorRoom : public Room
{
    Q_OBJECT
public:
    explicit InspectorRoom(WorkspaceModel *workspace, QWidget *parent = nullptr);

    QString title() const override;
    void setCurrentFile(WorkspaceFile *file) override;
    bool showsWorkspaceFiles() const override { return true; }
    void focusFilter() override;
    QAbstractItemView *currentTable() const override;

    InspectorPage *currentPage() const;
    InspectorPage *pageFor(WorkspaceFile *file) const { return m_pages.value(file); }
    MessagePanel *emptyPanel() const { return m_empty; }

private:
    void dropPage(WorkspaceFile *file);

    QStackedWidget *m_stack;
    MessagePanel *m_empty;
    QHash<WorkspaceFile *, InspectorPage *> m_pages;
};

} // namespace linklab
