// SPDX-License-Identifier: MIT
#include "inspector/inspectorpage.h"

#include "common/messagepanel.h"
#include "common/viewstate.h"
#include "inspector/binaryview.h"
#include "workspace/workspacefile.h"

#include <QApplication>
#include <QDir>
#include <QStyle>

namespace linklab {

InspectorPage::InspectorPage(WorkspaceFile *file, QWidget *parent)
    : QStackedWidget(parent)
    , m_file(file)
    , m_message(new MessagePanel(this))
{
    addWidget(m_message);
    connect(file, &WorkspaceFile::stateChanged, this, &InspectorPage::update);
    connect(file, &WorkspaceFile::stageArrived, this, &InspectorPage::stageArrived);
    update();
    if (file->partial())
        stageArrived();
}

void InspectorPage::stageArrived()
{
    const auto partial = m_file->partial();
    if (!partial || m_file->state() != WorkspaceFile::State::Loading)
        return;
    if (m_view && m_viewIsStaged) {
        m_view->advance(partial, m_file->partialStage());
        return;
    }
    // A reload keeps the old view until the new file is complete (mixing two versions would mislead); a first
    // load shows the facts at once.
    if (m_view)
        return;
    setView(new BinaryView(partial, this, m_file->partialStage()));
    m_viewIsStaged = true;
}

void InspectorPage::setView(BinaryView *view)
{
    addWidget(view);
    setCurrentWidget(view);
    if (m_view) {
        removeWidget(m_view);
        m_view->deleteLater();
    }
    m_view = view;
}

void InspectorPage::update()
{
    const QString path = QDir::toNativeSeparators(m_file->path());
    switch (m_file->state()) {
    case WorkspaceFile::State::Loading:
        // Keep showing the old view during a reload (F5); the workspace list and status bar say it is loading.
        if (m_view)
            return;
        m_message->setIcon({});
        m_message->setTitle(tr("Loading %1…").arg(m_file->fileName()));
        m_message->setText(path);
        m_message->setBusy(true);
        setCurrentWidget(m_message);
        return;
    case WorkspaceFile::State::Failed:
        m_message->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
        m_message->setTitle(tr("Could not open %1").arg(m_file->fileName()));
        m_message->setText(m_file->errorMessage() + QStringLiteral("\n\n") + path);
        m_message->setBusy(false);
        setCurrentWidget(m_message);
        break;
    case WorkspaceFile::State::Loaded: {
        if (m_view && m_viewIsStaged) {
            m_view->advance(m_file->binary(), LoadStage::Complete);
            m_viewIsStaged = false;
            return;
        }
        // A reload replaces the view but keeps the tab the user was looking at...
        const int tab = m_view ? m_view->currentIndex() : 0;
        auto *view = new BinaryView(m_file->binary(), this);
        addWidget(view);
        if (tab < view->count() && view->isTabEnabled(tab))
            view->setCurrentIndex(tab);
        if (m_view) // ... and the filters and sorting the user set
            carryViewState(*m_view, *view);
        setCurrentWidget(view);
        if (m_view) {
            removeWidget(m_view);
            m_view->deleteLater();
        }
        m_view = view;
        return;
    }
    }
    if (m_view) {
        removeWidget(m_view);
        m_view->deleteLater();
        m_view = nullptr;
    }
    m_viewIsStaged = false;
}

} // namespace linklab
