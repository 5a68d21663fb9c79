// SPDX-License-Identifier: MIT
#include "common/tablepage.h"

#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/viewwiring.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace linklab {

TablePage::TablePage(QAbstractItemModel *model, const QString &exportName, QWidget *parent, FilterProxy *proxy)
    : QWidget(parent)
    , m_proxy(proxy ? proxy : new FilterProxy(this))
    , m_filterBar(new FilterBar(this))
    , m_count(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_toolRow(new QHBoxLayout)
{
    if (!m_proxy->parent())
        m_proxy->setParent(this);
    m_proxy->setSourceModel(model);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setToolTip(tr("Rows shown of all rows"));

    m_toolRow->addWidget(m_filterBar, 1);
    m_toolRow->addWidget(m_count);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(m_toolRow);
    layout->addWidget(m_view, 1);

    // Flat tables show no tree handles; the archive member tree does.
    m_view->setRootIsDecorated(false);
    m_wiring = ViewWiring::wire(m_view, {m_proxy, m_filterBar, m_count, exportName});
    fitColumns();
}

QHBoxLayout *TablePage::secondRow()
{
    if (!m_secondRow) {
        m_secondRow = new QHBoxLayout;
        m_secondRow->addStretch(1);
        static_cast<QVBoxLayout *>(layout())->insertLayout(1, m_secondRow);
    }
    return m_secondRow;
}

void TablePage::fitColumns()
{
    QHeaderView *header = m_view->header();
    header->setResizeContentsPrecision(500);
    for (int column = 0; column + 1 < header->count(); ++column) {
        m_view->resizeColumnToContents(column);
        // A very long value (a C++ name) must not push the other columns off screen.
        header->resizeSection(column, qMin(header->sectionSize(column), 220));
    }
}

} // namespace linklab
