// SPDX-License-Identifier: MIT
#include "inspector/archivememberspage.h"

#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/messagepanel.h"
#include "common/tablepage.h"
#include "inspector/archivemembermodel.h"
#include "inspector/archivememberproxy.h"
#include "inspector/binaryview.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>

namespace linklab {

namespace {
const QString SplitterKey = QStringLiteral("inspector/archiveSplitter");
} // namespace

ArchiveMembersPage::ArchiveMembersPage(std::shared_ptr<const BinaryInfo> archive, QWidget *parent)
    : QWidget(parent)
    , m_archive(std::move(archive))
    , m_model(new ArchiveMemberModel(this))
    , m_detail(new QStackedWidget(this))
    , m_hint(new MessagePanel(this))
{
    m_model->setBinary(m_archive);
    m_tree = new TablePage(
        m_model, QFileInfo(m_archive->path).fileName() + QStringLiteral("-members"), this, new ArchiveMemberProxy);
    m_tree->view()->setRootIsDecorated(true);
    m_tree->setObjectName(QStringLiteral("memberTree"));

    m_detail->addWidget(m_hint);
    showMember(-1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("archiveSplitter"));
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({400, 600});
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    // The user's own split is remembered for every archive; until there is one, the tree gets what its names
    // need (fitTree, once it is shown).
    const QByteArray state = QSettings().value(SplitterKey).toByteArray();
    m_fitted = !state.isEmpty() && m_splitter->restoreState(state);
    connect(m_splitter, &QSplitter::splitterMoved, this,
        [this] { QSettings().setValue(SplitterKey, m_splitter->saveState()); });

    // A member the filter hides is not left on show beside a tree that no longer lists it.
    connect(m_tree->proxy(), &QAbstractItemModel::rowsRemoved, this, &ArchiveMembersPage::dropHiddenMember);
    connect(m_tree->proxy(), &QAbstractItemModel::modelReset, this, &ArchiveMembersPage::dropHiddenMember);
    connect(m_tree->proxy(), &QAbstractItemModel::layoutChanged, this, &ArchiveMembersPage::dropHiddenMember);

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

void ArchiveMembersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_fitted) {
        m_fitted = true;
        fitTree();
    }
}

void ArchiveMembersPage::fitTree()
{
    // Wide enough for the names and the kind column, at most 60% of the page: the detail pane beside it shows
    // a member's tables, which want the room more than a few long names.
    // The names are the members' (a C++ symbol under one may be 1,500 px long; it can scroll).
    QTreeView *view = m_tree->view();
    int names = 0;
    for (const ArchiveMember &member : m_archive->members)
        names = qMax(names, view->fontMetrics().horizontalAdvance(member.name));
    view->setColumnWidth(ArchiveMemberModel::NameColumn, names + view->indentation() + 32);
    view->resizeColumnToContents(ArchiveMemberModel::TypeColumn);
    int wanted = view->frameWidth() * 2 + view->verticalScrollBar()->sizeHint().width() + 24;
    for (int column = 0; column < ArchiveMemberModel::ColumnCount; ++column)
        wanted += view->isColumnHidden(column) ? 0 : view->columnWidth(column);
    const int total = qMax(m_splitter->width(), 600);
    const int tree = qBound(300, wanted, total * 6 / 10);
    m_splitter->setSizes({tree, total - tree});
}

void ArchiveMembersPage::dropHiddenMember()
{
    if (m_shownMember < 0)
        return;
    const QModelIndex source = m_model->index(m_shownMember, 0);
    if (!m_tree->proxy()->mapFromSource(source).isValid())
        showMember(-1);
}

bool ArchiveMembersPage::selectMember(const QString &memberName, const QString &symbol)
{
    int row = -1;
    for (int i = 0; i < m_archive->members.size(); ++i) {
        if (m_archive->members.at(i).name == memberName) {
            row = i;
            break;
        }
    }
    if (row < 0)
        return false;
    QModelIndex target = m_model->index(row, 0);
    if (const ArchiveMember *member = m_model->member(row); member && member->binary && !symbol.isEmpty()) {
        for (int s = 0; s < member->binary->symbols.size(); ++s) {
            const SymbolInfo &info = member->binary->symbols.at(s);
            if (info.name == symbol && info.isDefined()) {
                target = m_model->index(s, 0, target);
                break;
            }
        }
    }
    QModelIndex shown = m_tree->proxy()->mapFromSource(target);
    if (!shown.isValid()) {
        m_tree->filterBar()->setPattern(QString());
        shown = m_tree->proxy()->mapFromSource(target);
    }
    QTreeView *view = m_tree->view();
    if (shown.parent().isValid())
        view->expand(shown.parent());
    view->setCurrentIndex(shown);
    view->scrollTo(shown);
    showMember(row);
    return true;
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
