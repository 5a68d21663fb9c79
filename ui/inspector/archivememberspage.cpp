// SPDX-License-Identifier: MIT
#include "inspector/archivememberspage.h"

#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/messagepanel.h"
#include "common/tablepage.h"
#include "inspector/archivemembermodel.h"
#include "inspector/binaryview.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>

namespace linklab {

ArchiveMembersPage::ArchiveMembersPage(std::shared_ptr<const BinaryInfo> archive, QWidget *parent)
    : QWidget(parent)
    , m_archive(std::move(archive))
    , m_model(new ArchiveMemberModel(this))
    , m_detail(new QStackedWidget(this))
    , m_hint(new MessagePanel(this))
{
    m_model->setBinary(m_archive);
    m_tree = new TablePage(m_model, QFileInfo(m_archive->path).fileName() + QStringLiteral("-members"), this);
    m_tree->view()->setRootIsDecorated(true);
    m_tree->setObjectName(QStringLiteral("memberTree"));

    m_detail->addWidget(m_hint);
    showMember(-1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    // Proportions, scaled to the real width when shown; the tree's own size hint would take it all.
    splitter->setSizes({400, 600});
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_tree->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &ArchiveMembersPage::currentChanged);

    // The filter looks at names only (a member's "relocatable object, 11 symbols" would match almost any
    // letter). A small library shows its symbols at once; a filter opens the members that hold a match, as
    // long as there are few of them: expanding thousands of rows makes every later refilter slow (Qt keeps a
    // persistent index per expanded row).
    m_tree->proxy()->setFilterKeyColumn(ArchiveMemberModel::NameColumn);
    if (m_archive->members.size() <= kExpandedMembers)
        m_tree->view()->expandAll();
    connect(m_tree->filterBar(), &FilterBar::filterChanged, this, &ArchiveMembersPage::expandMatches);
}

void ArchiveMembersPage::expandMatches(const TextFilter &filter)
{
    QTreeView *view = m_tree->view();
    const bool small = m_archive->members.size() <= kExpandedMembers;
    if (filter.isEmpty()) {
        if (small)
            view->expandAll();
        else
            view->collapseAll();
        return;
    }
    QAbstractItemModel *proxy = view->model();
    const int shown = proxy->rowCount();
    if (shown > kExpandedMembers && !small) {
        view->collapseAll();
        return;
    }
    for (int row = 0; row < shown; ++row)
        view->expand(proxy->index(row, 0));
}

void ArchiveMembersPage::focusFilter()
{
    m_tree->filterBar()->focusFilter();
}

void ArchiveMembersPage::currentChanged(const QModelIndex &proxyIndex)
{
    showMember(m_model->memberRow(m_tree->proxy()->mapToSource(proxyIndex)));
}

void ArchiveMembersPage::showMember(int memberRow)
{
    if (memberRow == m_shownMember)
        return;
    m_shownMember = memberRow;
    if (m_memberView) {
        m_detail->removeWidget(m_memberView);
        m_memberView->deleteLater();
        m_memberView = nullptr;
    }
    const ArchiveMember *member = m_model->member(memberRow);
    if (!member) {
        m_hint->setTitle(tr("Select a member"));
        m_hint->setText(tr("Each member of a static library is an object file of its own, "
                           "as ar x would extract it. Select one to see its sections and symbols."));
        m_detail->setCurrentWidget(m_hint);
        return;
    }
    if (!member->binary) {
        m_hint->setTitle(tr("%1 could not be read").arg(member->name));
        m_hint->setText(member->error);
        m_detail->setCurrentWidget(m_hint);
        return;
    }
    m_memberView = new BinaryView(member->binary, m_detail);
    m_detail->addWidget(m_memberView);
    m_detail->setCurrentWidget(m_memberView);
}

} // namespace linklab
