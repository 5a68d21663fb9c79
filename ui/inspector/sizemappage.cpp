// SPDX-License-Identifier: MIT
#include "inspector/sizemappage.h"

#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/jobtracker.h"
#include "common/picture.h"
#include "common/tablepage.h"
#include "inspector/sizemapview.h"
#include "inspector/sizetablemodel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace linklab {

SizeMapPage::SizeMapPage(std::shared_ptr<const BinaryInfo> binary, QWidget *parent)
    : QWidget(parent)
    , m_binary(std::move(binary))
    , m_view(new SizeMapView(this))
    , m_model(new SizeTableModel(this))
    , m_table(new TablePage(m_model, QFileInfo(m_binary->path).fileName() + QStringLiteral("-sizes"), this))
    , m_measure(new QComboBox(this))
    , m_export(new QPushButton(tr("Export Picture…"), this))
    , m_summary(new QLabel(this))
    , m_job(new JobTracker(this))
{
    m_view->setObjectName(QStringLiteral("sizeMapView"));
    m_measure->setObjectName(QStringLiteral("measureCombo"));
    m_measure->addItem(tr("Size in memory"), int(SizeMeasure::Memory));
    m_measure->addItem(tr("Size in the file"), int(SizeMeasure::File));
    m_measure->setToolTip(tr("Area by the bytes each part takes in memory once loaded (sh_size; .bss counts) or in "
                             "the file on disk (.bss takes none)"));
    m_export->setObjectName(QStringLiteral("exportPicture"));
    m_export->setToolTip(tr("Save the map and its legend as an SVG or PNG picture"));
    m_summary->setObjectName(QStringLiteral("sizeSummary"));
    m_summary->setWordWrap(true); // a long sentence must not widen the window (and squeeze the workspace)

    // One search for both: the table's filter bar moves up beside the map's controls and also dims the map.
    FilterBar *search = m_table->filterBar();
    search->lineEdit()->setPlaceholderText(tr("Search symbols and sections"));
    auto *row = new QHBoxLayout;
    row->addWidget(search, 1);
    row->addWidget(m_table->countLabel());
    row->addWidget(m_measure);
    row->addWidget(m_export);
    connect(search, &FilterBar::filterChanged, m_view, &SizeMapView::setFilter);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    m_table->view()->setColumnHidden(SizeTableModel::MemberColumn, !m_binary->isArchive());
    m_table->view()->setToolTip(tr("Double-click a symbol to see it in the Symbols table."));
    connect(m_table->view(), &QAbstractItemView::activated, this,
        [this](const QModelIndex &index) { activateRow(m_table->proxy()->mapToSource(index).row()); });
    connect(m_view, &SizeMapView::rowActivated, this, &SizeMapPage::activateRow);
    connect(m_measure, &QComboBox::currentIndexChanged, this, [this] {
        const auto measure = SizeMeasure(m_measure->currentData().toInt());
        m_view->setMeasure(measure);
        m_model->setMeasure(measure);
    });
    connect(m_export, &QPushButton::clicked, this, &SizeMapPage::chooseExport);
    m_summary->setText(tr("Measuring…"));
}

void SizeMapPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    measure();
}

bool SizeMapPage::isMeasured() const
{
    return m_view->data() != nullptr;
}

void SizeMapPage::measure()
{
    if (m_started)
        return;
    m_started = true;
    m_job->startJob([binary = m_binary] { return SizeMapData::measure(*binary); },
        [this](std::shared_ptr<const SizeMapData> data) {
            m_view->setData(data);
            m_model->setData(data);
            m_table->fitColumns();
            // The symbol's name is what people read; the share is a short number, not worth the spare width.
            QHeaderView *header = m_table->view()->header();
            header->setStretchLastSection(false);
            header->resizeSection(SizeTableModel::SymbolColumn, 460);
            m_table->view()->sortByColumn(SizeTableModel::SizeColumn, Qt::DescendingOrder);
            const SizeNode &whole = data->tree.first();
            int symbols = 0;
            for (const SizeRow &r : data->rows)
                symbols += r.symbolIndex >= 0;
            const QLocale locale;
            QString summary = tr("%1 bytes in memory, %2 in the file; %3 symbols with a size.")
                                  .arg(locale.toString(qulonglong(whole.size)),
                                      locale.toString(qulonglong(whole.fileSize)), locale.toString(symbols));
            summary += u' '
                + (data->dynamicOnly
                        ? tr("No .symtab (stripped): only exported symbols (.dynsym) are named, the code of the others "
                             "is [unattributed].")
                        : tr("Hover a block for its size and share; click a symbol to see it in the Symbols table."));
            m_summary->setText(summary);
            m_summary->setToolTip(tr("Hover a block for its size and share; click a symbol to see it in the Symbols "
                                     "table. Sizes agree with readelf -S (sections) and nm -S (symbols)."));
            Q_EMIT measured();
        });
}

void SizeMapPage::activateRow(int row)
{
    const std::shared_ptr<const SizeMapData> &data = m_view->data();
    if (!data || row < 0 || row >= data->rows.size())
        return;
    const SizeRow &r = data->rows.at(row);
    if (r.symbolIndex >= 0)
        Q_EMIT symbolActivated(r.member, r.symbolIndex, r.symbol);
}

void SizeMapPage::chooseExport()
{
    const QString base = QFileInfo(m_binary->path).fileName() + QStringLiteral("-sizes");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Size Map"), base + QStringLiteral(".svg"), picture::fileFilter());
    if (path.isEmpty())
        return;
    const QString error = m_view->save(path, tr("Size map of %1").arg(QFileInfo(m_binary->path).fileName()));
    m_summary->setText(error.isEmpty() ? tr("Saved %1.").arg(path) : error);
}

} // namespace linklab
