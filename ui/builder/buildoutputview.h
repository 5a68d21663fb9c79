// SPDX-License-Identifier: MIT
#pragma once

#include <QSplitter>

class QTabWidget;
class QToolButton;
class QTreeView;

namespace linklab {

class ConsoleView;
class ElidedLabel;
class DiagnosticModel;
class SourceViewer;
class TablePage;

// The Build room's right side: the console and the diagnostics list as tabs on top, the source viewer below,
// so a clicked diagnostic shows its line while the list stays in sight.
class BuildOutputView : public QSplitter
{
    Q_OBJECT
public:
    explicit BuildOutputView(QWidget *parent = nullptr);

    ConsoleView *console() const { return m_console; }
    DiagnosticModel *diagnostics() const { return m_diagnostics; }
    // The diagnostics table: filter, sort, copy and export as every table; rows may be sorted or filtered.
    QTreeView *diagnosticView() const;
    TablePage *diagnosticsPage() const { return m_diagnosticsPage; }
    SourceViewer *viewer() const { return m_viewer; }
    QTabWidget *tabs() const { return m_tabs; }
    ElidedLabel *viewerTitle() const { return m_viewerTitle; }
    // Opens the file shown in the desktop's editor for it (the viewer is read-only).
    QToolButton *editButton() const { return m_edit; }

    void showConsole();
    void showDiagnostics();
    // Where relative paths in diagnostics are taken from: the folder the compiler ran in.
    void setBaseDir(const QString &dir) { m_baseDir = dir; }
    // 1-based line and column; 0 for none. False (and the title says why) when the file cannot be shown.
    bool openSource(const QString &path, int line = 0, int column = 0);
    bool openDiagnostic(int row);

private:
    void updateDiagnosticsTab();
    void setViewerTitle(const QString &path, int line, int column, const QString &note);

    QTabWidget *m_tabs;
    ConsoleView *m_console;
    DiagnosticModel *m_diagnostics;
    TablePage *m_diagnosticsPage;
    SourceViewer *m_viewer;
    ElidedLabel *m_viewerTitle;
    QToolButton *m_edit;
    QString m_baseDir;
};

} // namespace linklab
