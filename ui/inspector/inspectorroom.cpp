// SPDX-License-Identifier: MIT
#include "inspector/inspectorroom.h"

#include "common/messagepanel.h"
#include "inspector/binaryview.h"
#include "inspector/inspectorpage.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QStackedWidget>
#include <QVBoxLayout>

namespace linklab {

InspectorRoom::InspectorRoom(WorkspaceModel *workspace, QWidget *parent)
    : Room(parent)
    , m_stack(new QStackedWidget(this))
    , m_empty(new MessagePanel(this))
{
    m_empty->setObjectName(QStringLiteral("emptyHint"));
    m_empty->setTitle(tr("Open a file or drop one here"));
    m_empty->setText(tr("Object files (.o), static libraries (.a), shared libraries (.so) and executables: their\n"
                        "symbols, sections, segments, dynamic entries and relocations, as nm and readelf show them.\n"
                        "File › Open (Ctrl+O), or drag several files from your file manager onto this window.\n"
                        "To make a library from C sources first, go to the Build room (View › Rooms)."));
    m_stack->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    connect(workspace, &WorkspaceModel::fileRemoved, this, &InspectorRoom::dropPage);
}

QString InspectorRoom::title() const
{
    return tr("Inspector");
}

void InspectorRoom::setCurrentFile(WorkspaceFile *file)
{
    if (!file) {
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    InspectorPage *page = m_pages.value(file);
    if (!page) {
        page = new InspectorPage(file, m_stack);
        m_pages.insert(file, page);
        m_stack->addWidget(page);
    }
    m_stack->setCurrentWidget(page);
}

InspectorPage *InspectorRoom::currentPage() const
{
    return qobject_cast<InspectorPage *>(m_stack->currentWidget());
}

void InspectorRoom::focusFilter()
{
    if (InspectorPage *page = currentPage(); page && page->binaryView())
        page->binaryView()->focusFilter();
}

QAbstractItemView *InspectorRoom::currentTable() const
{
    InspectorPage *page = currentPage();
    return page && page->binaryView() && page->currentWidget() == page->binaryView()
        ? page->binaryView()->currentTable()
        : nullptr;
}

void InspectorRoom::dropPage(WorkspaceFile *file)
{
    if (InspectorPage *page = m_pages.take(file)) {
        m_stack->removeWidget(page);
        delete page;
    }
}

} // namespace linklab
