// SPDX-License-Identifier: MIT
#include "builder/buildoutputview.h"

#include "builder/diagnosticmodel.h"
#include "common/consoleview.h"
#include "common/elidedlabel.h"
#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/sourceviewer.h"
#include "common/tablepage.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace linklab {

BuildOutputView::BuildOutputView(QWidget *parent)
    : QSplitter(Qt::Vertical, parent)
    , m_tabs(new QTabWidget)
    , m_console(new ConsoleView)
    , m_diagnostics(new DiagnosticModel(this))
    , m_diagnosticsPage(new TablePage(m_diagnostics, QStringLiteral("diagnostics")))
    , m_viewer(new SourceViewer)
    , m_viewerTitle(new ElidedLabel)
    , m_edit(new QToolButton)
{
    setObjectName(QStringLiteral("buildOutput"));
    m_console->setObjectName(QStringLiteral("buildConsole"));
    m_console->setPlaceholderText(tr("Every command of a build appears here as it runs, with what it printed."));
    auto *clear = new QToolButton;
    clear->setObjectName(QStringLiteral("clearConsole"));
    clear->setText(tr("Clear Console"));
    clear->setIcon(QIcon::fromTheme(QStringLiteral("edit-clear")));
    clear->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    clear->setAutoRaise(true);
    connect(clear, &QToolButton::clicked, m_console, &ConsoleView::clear);

    QTreeView *view = m_diagnosticsPage->view();
    view->setObjectName(QStringLiteral("diagnosticView"));
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setWordWrap(false);
    view->setToolTip(tr("Click a message to see its line in the source viewer."));
    m_diagnosticsPage->filterBar()->setToolTip(tr("Show only the messages that match"));
    const auto open
        = [this](const QModelIndex &index) { openDiagnostic(m_diagnosticsPage->proxy()->mapToSource(index).row()); };
    connect(view, &QAbstractItemView::activated, this, open);
    connect(view, &QAbstractItemView::clicked, this, open);
    connect(m_diagnostics, &QAbstractItemModel::modelReset, m_diagnosticsPage, &TablePage::fitColumns);
    connect(m_diagnostics, &QAbstractItemModel::modelReset, this, &BuildOutputView::updateDiagnosticsTab);
    connect(m_diagnostics, &QAbstractItemModel::rowsInserted, this, &BuildOutputView::updateDiagnosticsTab);

    m_tabs->setObjectName(QStringLiteral("outputTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_console, tr("Console"));
    m_tabs->addTab(m_diagnosticsPage, tr("Diagnostics"));
    m_tabs->setCornerWidget(clear, Qt::TopRightCorner);
    connect(m_tabs, &QTabWidget::currentChanged, clear,
        [this, clear] { clear->setVisible(m_tabs->currentWidget() == m_console); });

    m_viewer->setObjectName(QStringLiteral("sourceViewer"));
    m_viewerTitle->setObjectName(QStringLiteral("viewerTitle"));
    m_viewerTitle->setFullText(tr("Source viewer: double-click a file under Sources, or click a diagnostic."));
    m_viewerTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_edit->setObjectName(QStringLiteral("openInEditor"));
    m_edit->setText(tr("Open in &Editor"));
    m_edit->setIcon(QIcon::fromTheme(QStringLiteral("document-edit")));
    m_edit->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_edit->setAutoRaise(true);
    m_edit->setToolTip(tr("This viewer is read-only: edit the file in your usual editor. When it is saved, the "
                          "viewer shows the new text."));
    m_edit->setEnabled(false);
    connect(m_edit, &QToolButton::clicked, this, [this] {
        if (!m_viewer->path().isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_viewer->path()));
    });
    connect(m_viewer, &SourceViewer::fileReloaded, this,
        [this](const QString &path) { setViewerTitle(path, m_viewer->highlightedLine(), 0, tr("reloaded")); });
    auto *titleRow = new QHBoxLayout;
    titleRow->setContentsMargins(0, 0, 0, 0);
    titleRow->addWidget(m_viewerTitle, 1);
    titleRow->addWidget(m_edit);
    auto *viewerPane = new QWidget;
    auto *viewerLayout = new QVBoxLayout(viewerPane);
    viewerLayout->setContentsMargins(0, 4, 0, 0);
    viewerLayout->addLayout(titleRow);
    viewerLayout->addWidget(m_viewer, 1);

    addWidget(m_tabs);
    addWidget(viewerPane);
    setStretchFactor(0, 1);
    setStretchFactor(1, 1);
    setChildrenCollapsible(false);
    updateDiagnosticsTab();
}

void BuildOutputView::showConsole()
{
    m_tabs->setCurrentWidget(m_console);
}

QTreeView *BuildOutputView::diagnosticView() const
{
    return m_diagnosticsPage->view();
}

void BuildOutputView::showDiagnostics()
{
    m_tabs->setCurrentWidget(m_diagnosticsPage);
}

bool BuildOutputView::openSource(const QString &path, int line, int column)
{
    const QString absolute = QDir(m_baseDir).absoluteFilePath(path);
    QString error;
    if (!QFileInfo(absolute).isFile()) {
        m_viewerTitle->setFullText(tr("%1 is not a file LinkLab can show.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (!m_viewer->openFile(absolute, &error)) {
        m_viewerTitle->setFullText(tr("Cannot show %1: %2").arg(QDir::toNativeSeparators(absolute), error));
        return false;
    }
    if (line > 0)
        m_viewer->goTo(line, column);
    setViewerTitle(absolute, line, column, tr("read-only"));
    m_edit->setEnabled(true);
    return true;
}

void BuildOutputView::setViewerTitle(const QString &path, int line, int column, const QString &note)
{
    QString title = QFileInfo(path).fileName();
    if (line > 0)
        title += column > 0 ? tr(", line %1, column %2").arg(line).arg(column) : tr(", line %1").arg(line);
    m_viewerTitle->setFullText(tr("%1 (%2) — %3").arg(title, note, QDir::toNativeSeparators(path)));
}

bool BuildOutputView::openDiagnostic(int row)
{
    if (row < 0 || row >= m_diagnostics->rowCount())
        return false;
    const Diagnostic &d = m_diagnostics->diagnostic(row);
    if (d.file.isEmpty())
        return false; // a linker message about no file: nothing to show
    return openSource(d.file, d.line, d.column);
}

void BuildOutputView::updateDiagnosticsTab()
{
    const int errors = m_diagnostics->errorCount();
    const int warnings = m_diagnostics->warningCount();
    const int index = m_tabs->indexOf(m_diagnosticsPage);
    QString label = tr("Diagnostics");
    if (m_diagnostics->rowCount() > 0)
        label += QStringLiteral(" (%1)").arg(m_diagnostics->rowCount());
    m_tabs->setTabText(index, label);
    QStyle *s = style();
    m_tabs->setTabIcon(index,
        errors         ? s->standardIcon(QStyle::SP_MessageBoxCritical)
            : warnings ? s->standardIcon(QStyle::SP_MessageBoxWarning)
                       : QIcon());
    m_tabs->setTabToolTip(index, tr("Errors: %1, warnings: %2").arg(errors).arg(warnings));
}

} // namespace linklab
