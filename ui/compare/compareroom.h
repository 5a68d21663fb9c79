// SPDX-License-Identifier: MIT
#pragma once

#include "common/room.h"

#include "binary/abicompare.h"

#include <QPointer>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;
class QToolButton;
class QPushButton;

namespace linklab {

class AbiChangeModel;
class AbiPictureView;
class JobTracker;
class MessagePanel;
class TablePage;
class WorkspaceModel;

// Two workspace files compared as a library maintainer needs it: does the new one break programs linked against
// the old? The verdict in words at the top, a picture of kept / changed / removed / added exports, and the tables
// of removed, changed and added symbols and of the SONAME, NEEDED and version changes. The comparison runs on a
// worker once both files are read.
class CompareRoom : public Room
{
    Q_OBJECT
public:
    explicit CompareRoom(WorkspaceModel *workspace, QWidget *parent = nullptr);

    QString title() const override;
    void setCurrentFile(WorkspaceFile *file) override;
    bool compareFiles(WorkspaceFile *oldFile, WorkspaceFile *newFile) override;
    QAbstractItemView *currentTable() const override;

    // Compares the two files the combo boxes name (when both are read; else when they are).
    void compareChosen();
    void swap();

    WorkspaceFile *oldFile() const;
    WorkspaceFile *newFile() const;
    bool hasResult() const { return m_hasResult; }
    const AbiComparison &comparison() const { return m_comparison; }
    QLabel *headlineLabel() const { return m_headline; }
    QTextBrowser *reasonsView() const { return m_reasons; }
    AbiPictureView *pictureView() const { return m_picture; }
    QTabWidget *tables() const { return m_tabs; }
    TablePage *page(int part) const { return m_pages[part]; }
    MessagePanel *messagePanel() const { return m_message; }
    QPushButton *exportButton() const { return m_export; }

Q_SIGNALS:
    void compared(); // a result is on screen

private:
    void fileStateChanged(WorkspaceFile *file);
    void showResult(const AbiComparison &comparison);
    void showMessage(const QString &title, const QString &text, bool busy = false);
    void exportPicture();

    WorkspaceModel *m_workspace;
    QComboBox *m_old;
    QComboBox *m_new;
    QToolButton *m_swap;
    QPushButton *m_compare;
    QStackedWidget *m_stack;
    MessagePanel *m_message;
    QWidget *m_result;
    QLabel *m_headline;
    QLabel *m_advice;
    QTextBrowser *m_reasons;
    AbiPictureView *m_picture;
    QPushButton *m_export;
    QTabWidget *m_tabs;
    AbiChangeModel *m_models[4];
    TablePage *m_pages[4];
    JobTracker *m_jobs;
    QPointer<WorkspaceFile> m_pendingOld;
    QPointer<WorkspaceFile> m_pendingNew;
    QPointer<WorkspaceFile> m_shownOld; // the files of the result on screen
    QPointer<WorkspaceFile> m_shownNew;
    AbiComparison m_comparison;
    bool m_hasResult = false;
};

} // namespace linklab
