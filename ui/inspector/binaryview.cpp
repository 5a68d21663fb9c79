// SPDX-License-Identifier: MIT
#include "inspector/binaryview.h"

#include "common/filterbar.h"
#include "common/filterproxy.h"
#include "common/messagepanel.h"
#include "common/tablepage.h"
#include "inspector/archiveindexmodel.h"
#include "inspector/archivememberspage.h"
#include "inspector/dynamicmodel.h"
#include "inspector/layoutpage.h"
#include "inspector/overviewpage.h"
#include "inspector/relocationmodel.h"
#include "inspector/sectionmodel.h"
#include "inspector/segmentmodel.h"
#include "inspector/sizemappage.h"
#include "inspector/symbolspage.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QTreeView>

namespace linklab {

BinaryView::BinaryView(std::shared_ptr<const BinaryInfo> binary, QWidget *parent, LoadStage stage)
    : QTabWidget(parent)
    , m_binary(std::move(binary))
    , m_stage(m_binary->isArchive() ? LoadStage::Complete : stage)
{
    setDocumentMode(true);
    m_overview = new OverviewPage(this);
    m_overview->setBinary(m_binary, m_stage);
    addTab(m_overview, tr("Overview"));
    if (m_binary->isArchive())
        addArchivePages();
    else
        addElfPages();
}

void BinaryView::addElfPages()
{
    if (m_stage == LoadStage::Facts)
        m_pendingSymbols = pendingPage(tr("Reading the symbols…"),
            tr("The symbol tables (.dynsym, .symtab) are being read; they appear here when they are in."));
    else
        addSymbolsPage(-1);
    if (m_pendingSymbols)
        addTab(m_pendingSymbols, tr("Symbols"));

    auto *sections = new SectionModel(this);
    sections->setBinary(m_binary);
    m_sections = addTable(sections, tr("Sections"), QStringLiteral("sections"), int(m_binary->sections.size()),
        tr("No section headers (they are optional for loading and sometimes stripped)"));
    // Alignment is a short number: stretched across the spare width it reads as a gap, not a column.
    m_sections->view()->header()->setStretchLastSection(false);

    auto *segments = new SegmentModel(this);
    segments->setBinary(m_binary);
    m_segments = addTable(segments, tr("Segments"), QStringLiteral("segments"), int(m_binary->segments.size()),
        tr("No program headers: an object file is linked, not loaded"));

    // Sections and segments are in from the first stage: the picture of where they lie needs nothing more.
    m_layout = new LayoutPage(m_binary, this);
    addTab(m_layout, tr("Layout"));
    setTabToolTip(
        indexOf(m_layout), tr("Where each section lies in the file, and where the segments put it in memory"));
    connect(m_layout, &LayoutPage::sectionActivated, this, [this](int section) { showRow(m_sections, section); });
    connect(m_layout, &LayoutPage::segmentActivated, this, [this](int segment) { showRow(m_segments, segment); });

    auto *dynamic = new DynamicModel(this);
    dynamic->setBinary(m_binary);
    m_dynamic = addTable(dynamic, tr("Dynamic"), QStringLiteral("dynamic"), int(m_binary->dynamic.size()),
        tr("No dynamic section: a static executable or an object file needs no dynamic loader"));

    if (m_stage == LoadStage::Complete) {
        addRelocationsPage(-1);
    } else {
        m_pendingRelocations = pendingPage(tr("Reading the relocations…"),
            tr("The relocation sections are read after the symbols; they appear here when they are in."));
        addTab(m_pendingRelocations, tr("Relocations"));
    }
    if (m_stage == LoadStage::Facts) {
        m_pendingSizeMap = pendingPage(tr("Reading the symbols…"),
            tr("The size map splits each section into its symbols; it is drawn when they are in."));
        addTab(m_pendingSizeMap, tr("Size Map"));
    } else {
        addSizeMapPage(-1);
    }
}

QWidget *BinaryView::pendingPage(const QString &title, const QString &text)
{
    auto *panel = new MessagePanel(this);
    panel->setTitle(title);
    panel->setText(text);
    panel->setBusy(true);
    panel->setObjectName(QStringLiteral("pendingPage"));
    return panel;
}

void BinaryView::addSymbolsPage(int at)
{
    m_symbols = new SymbolsPage(m_binary, this);
    const int symbolsTab = insertTab(at, m_symbols, tr("Symbols"));
    if (m_binary->symbols.isEmpty()) {
        setTabEnabled(symbolsTab, false);
        setTabToolTip(symbolsTab, tr("No symbol tables: the file is stripped and has no .dynsym"));
    }
}

void BinaryView::addRelocationsPage(int at)
{
    auto *relocations = new RelocationModel(this);
    relocations->setBinary(m_binary);
    m_relocations
        = addTable(relocations, tr("Relocations"), QStringLiteral("relocations"), int(m_binary->relocations.size()),
            tr("No relocations: nothing in this file is patched by the linker or the loader"), at);
}

void BinaryView::addSizeMapPage(int at)
{
    m_sizeMap = new SizeMapPage(m_binary, this);
    const int tab = insertTab(at, m_sizeMap, tr("Size Map"));
    setTabToolTip(tab, tr("Where the bytes go: each section split into its symbols, as a picture and a table"));
    if (m_binary->sections.isEmpty() && m_binary->members.isEmpty()) {
        setTabEnabled(tab, false);
        setTabToolTip(tab, tr("No section headers: nothing to split the file into"));
    }
    connect(
        m_sizeMap, &SizeMapPage::symbolActivated, this, [this](const QString &member, int index, const QString &name) {
            if (member.isEmpty() && m_symbols) {
                setCurrentWidget(m_symbols);
                m_symbols->selectSymbol(index);
            } else if (!member.isEmpty() && m_members) {
                setCurrentWidget(m_members);
                m_members->selectMember(member, name);
            }
        });
}

void BinaryView::replaceTab(QWidget *&placeholder, const std::function<void(int)> &add)
{
    if (!placeholder)
        return;
    const int at = indexOf(placeholder);
    const bool shown = currentWidget() == placeholder;
    // Quietly: the tab in sight stays the same tab, only its page changes.
    const QSignalBlocker quiet(this);
    removeTab(at);
    add(at);
    if (shown)
        setCurrentIndex(at);
    placeholder->deleteLater();
    placeholder = nullptr;
}

void BinaryView::advance(std::shared_ptr<const BinaryInfo> binary, LoadStage stage)
{
    if (stage <= m_stage || m_binary->isArchive())
        return;
    m_binary = std::move(binary);
    m_stage = stage;
    m_overview->setBinary(m_binary, m_stage);
    replaceTab(m_pendingSymbols, [this](int at) { addSymbolsPage(at); });
    replaceTab(m_pendingSizeMap, [this](int at) { addSizeMapPage(at); });
    if (stage == LoadStage::Complete)
        replaceTab(m_pendingRelocations, [this](int at) { addRelocationsPage(at); });
}

void BinaryView::addArchivePages()
{
    m_members = new ArchiveMembersPage(m_binary, this);
    addTab(m_members, tr("Members"));

    auto *index = new ArchiveIndexModel(this);
    index->setBinary(m_binary);
    m_archiveIndex = addTable(index, tr("Archive Index"), QStringLiteral("armap"), int(m_binary->archiveIndex.size()),
        tr("No archive index: the linker then cannot find members by symbol (run ranlib)"));
    // Double-click (or Enter) on an entry: to the member that defines the symbol, as the linker would go.
    m_archiveIndex->view()->setToolTip(tr("Double-click an entry to see the member that defines the symbol."));
    connect(m_archiveIndex->view(), &QAbstractItemView::activated, this, [this](const QModelIndex &proxyIndex) {
        const int row = m_archiveIndex->proxy()->mapToSource(proxyIndex).row();
        if (row < 0 || row >= m_binary->archiveIndex.size())
            return;
        const auto &[symbol, member] = m_binary->archiveIndex.at(row);
        setCurrentWidget(m_members);
        m_members->selectMember(member, symbol);
    });
    addSizeMapPage(-1);
}

TablePage *BinaryView::addTable(QAbstractItemModel *model, const QString &title, const QString &exportSuffix, int rows,
    const QString &whyEmpty, int at)
{
    auto *page = new TablePage(model, QFileInfo(m_binary->path).fileName() + QLatin1Char('-') + exportSuffix, this);
    const int tab = insertTab(at, page, title);
    if (rows == 0) {
        // Disabled rather than hidden: that a file has no segments is itself worth seeing.
        setTabEnabled(tab, false);
        setTabToolTip(tab, whyEmpty);
    }
    return page;
}

void BinaryView::showRow(TablePage *page, int sourceRow)
{
    QAbstractItemModel *model = page->proxy()->sourceModel();
    if (sourceRow < 0 || sourceRow >= model->rowCount())
        return;
    const QModelIndex source = model->index(sourceRow, 0);
    if (!page->proxy()->mapFromSource(source).isValid())
        page->filterBar()->setPattern(QString());
    const QModelIndex shown = page->proxy()->mapFromSource(source);
    setCurrentWidget(page);
    page->view()->setCurrentIndex(shown);
    page->view()->scrollTo(shown);
}

QAbstractItemView *BinaryView::currentTable() const
{
    QWidget *page = currentWidget();
    if (auto *table = qobject_cast<TablePage *>(page))
        return table->view();
    if (page && page == m_sizeMap)
        return m_sizeMap->table()->view();
    if (page && page == m_members) {
        if (BinaryView *member = m_members->memberView(); member && member->currentTable())
            return member->currentTable();
        return m_members->tree()->view();
    }
    return nullptr;
}

void BinaryView::focusFilter()
{
    QWidget *page = currentWidget();
    if (page == m_overview) {
        QWidget *main = m_symbols ? static_cast<QWidget *>(m_symbols) : static_cast<QWidget *>(m_members);
        if (main && isTabEnabled(indexOf(main)))
            setCurrentWidget(main);
        page = currentWidget();
    }
    if (auto *table = qobject_cast<TablePage *>(page))
        table->filterBar()->focusFilter();
    else if (page == m_members)
        m_members->focusFilter();
    else if (page && page == m_sizeMap)
        m_sizeMap->table()->filterBar()->focusFilter();
}

} // namespace linklab
