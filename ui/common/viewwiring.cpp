// SPDX-License-Identifier: MIT
#include "common/viewwiring.h"

#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/tableexport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTableView>
#include <QTreeView>

#include <vector>

namespace linklab {

namespace {
QString grouped(int n)
{
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > 0 && (i > 1 || digits.at(0) != QLatin1Char('-')); i -= 3)
        digits.insert(i, QChar(0x202F));
    return digits;
}
} // namespace

QString countText(int visible, int total)
{
    return ViewWiring::tr("%1 of %2").arg(grouped(visible), grouped(total));
}

ViewWiring *ViewWiring::wire(QAbstractItemView *view, const Parts &parts)
{
    return new ViewWiring(view, parts);
}

ViewWiring::ViewWiring(QAbstractItemView *view, const Parts &parts)
    : QObject(view)
    , m_view(view)
    , m_proxy(parts.proxy)
    , m_count(parts.countLabel)
    , m_exportName(parts.exportName.isEmpty() ? QStringLiteral("table") : parts.exportName)
{
    Q_ASSERT(m_proxy);
    view->setModel(m_proxy);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);

    if (auto *tree = qobject_cast<QTreeView *>(view)) {
        // Uniform rows let the view skip measuring each of 46k rows.
        tree->setUniformRowHeights(true);
        tree->setAllColumnsShowFocus(true);
        tree->header()->setSortIndicator(-1, Qt::AscendingOrder);
        tree->setSortingEnabled(true);
        tree->header()->setSectionsMovable(true);
        tree->header()->setStretchLastSection(true);
    } else if (auto *table = qobject_cast<QTableView *>(view)) {
        table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        table->setSortingEnabled(true);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
    }

    if (parts.filterBar) {
        connect(parts.filterBar, &FilterBar::filterChanged, m_proxy, &FilterProxy::setTextFilter);
        m_proxy->setTextFilter(parts.filterBar->filter());
    }

    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ViewWiring::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ViewWiring::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ViewWiring::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ViewWiring::updateCount);
    updateCount();

    auto *copy = new QAction(tr("&Copy Rows"), view);
    copy->setShortcut(QKeySequence::Copy);
    // Only while this view has focus: every table has its own Ctrl+C.
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &ViewWiring::copySelection);
    view->addAction(copy);

    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, &ViewWiring::showContextMenu);
}

ViewWiring *ViewWiring::of(const QAbstractItemView *view)
{
    return view ? view->findChild<ViewWiring *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

bool ViewWiring::hasSelection() const
{
    return m_view->selectionModel() && m_view->selectionModel()->hasSelection();
}

bool ViewWiring::hasRows() const
{
    return m_proxy->rowCount() > 0;
}

void ViewWiring::updateCount()
{
    if (m_count)
        m_count->setText(m_proxy->countSummary());
}

QString ViewWiring::selectedRowsText() const
{
    QModelIndexList rows = m_view->selectionModel() ? m_view->selectionModel()->selectedRows() : QModelIndexList();
    // Selection order is click order; copy in the order the view shows (depth-first for trees). The path of
    // each row is computed once: building it inside the comparator made copying 46k rows take a second.
    const auto path = [](QModelIndex index) {
        QList<int> rowsFromRoot;
        for (; index.isValid(); index = index.parent())
            rowsFromRoot.prepend(index.row());
        return rowsFromRoot;
    };
    std::vector<std::pair<QList<int>, QModelIndex>> keyed;
    keyed.reserve(size_t(rows.size()));
    for (const QModelIndex &index : rows)
        keyed.emplace_back(path(index), index);
    std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (qsizetype i = 0; i < rows.size(); ++i)
        rows[i] = keyed[size_t(i)].second;
    return tableexport::rowsToTsv(m_proxy, rows);
}

void ViewWiring::copySelection() const
{
    if (m_view->selectionModel() && m_view->selectionModel()->hasSelection())
        QApplication::clipboard()->setText(selectedRowsText());
}

bool ViewWiring::exportTo(const QString &fileName, const QString &format) const
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray data
        = format == QLatin1String("json") ? tableexport::toJson(m_proxy) : tableexport::toCsv(m_proxy);
    return file.write(data) == data.size();
}

void ViewWiring::exportAs(const QString &format)
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("exportDirectory"), QDir::homePath()).toString();
    const QString filter = format == QLatin1String("json") ? tr("JSON files (*.json)") : tr("CSV files (*.csv)");
    const QString fileName = QFileDialog::getSaveFileName(
        m_view, tr("Export Rows"), QDir(dir).filePath(m_exportName + QLatin1Char('.') + format), filter);
    if (fileName.isEmpty())
        return;
    settings.setValue(QStringLiteral("exportDirectory"), QFileInfo(fileName).absolutePath());
    if (!exportTo(fileName, format))
        QMessageBox::warning(
            m_view, tr("Export Rows"), tr("Could not write %1.").arg(QDir::toNativeSeparators(fileName)));
}

void ViewWiring::showContextMenu(const QPoint &pos)
{
    QMenu menu(m_view);
    const bool hasSelection = m_view->selectionModel() && m_view->selectionModel()->hasSelection();
    QAction *copy = menu.addAction(tr("&Copy Rows"), this, &ViewWiring::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(hasSelection);
    menu.addAction(tr("Select &All"), m_view, &QAbstractItemView::selectAll)->setShortcut(QKeySequence::SelectAll);
    menu.addSeparator();
    const bool hasRows = m_proxy->rowCount() > 0;
    menu.addAction(tr("Export as CS&V…"), this, [this] { exportAs(QStringLiteral("csv")); })->setEnabled(hasRows);
    menu.addAction(tr("Export as &JSON…"), this, [this] { exportAs(QStringLiteral("json")); })->setEnabled(hasRows);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace linklab
