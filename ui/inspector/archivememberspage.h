// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QWidget>

#include <memory>

class QSplitter;
class QStackedWidget;

namespace linklab {

class TextFilter;

class ArchiveMemberModel;
class BinaryView;
class MessagePanel;
class TablePage;

// An archive as a tree of members and their symbols; selecting a member shows that object's own
// views (overview, symbols, sections) beside the tree.
class ArchiveMembersPage : public QWidget
{
    Q_OBJECT
public:
    explicit ArchiveMembersPage(std::shared_ptr<const BinaryInfo> archive, QWidget *parent = nullptr);

    TablePage *tree() const { return m_tree; }
    ArchiveMemberModel *model() const { return m_model; }
    // The view of the selected member, or nullptr when none is selected.
    BinaryView *memberView() const { return m_memberView; }
    void showMember(int memberRow);
    int shownMember() const { return m_shownMember; }
    // Selects a member (and one of its symbols, when named) in the tree, clearing a filter that hides it.
    bool selectMember(const QString &memberName, const QString &symbol = {});
    void focusFilter();
    QSplitter *splitter() const { return m_splitter; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    static constexpr qsizetype kExpandedMembers = 30;

    void currentChanged(const QModelIndex &proxyIndex);
    void expandMatches(const TextFilter &filter);
    void dropHiddenMember();
    void fitTree();

    std::shared_ptr<const BinaryInfo> m_archive;
    ArchiveMemberModel *m_model;
    TablePage *m_tree;
    QStackedWidget *m_detail;
    QSplitter *m_splitter;
    bool m_fitted = false;
    MessagePanel *m_hint;
    BinaryView *m_memberView = nullptr;
    int m_shownMember = -2; // nothing shown yet, so the first showMember(-1) fills the hint
};

} // namespace linklab
