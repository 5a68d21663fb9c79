// SPDX-License-Identifier: MIT
#include "inspector/binaryview.h"

#include "common/filterbar.h"
#include "common/tablepage.h"
#include "inspector/archiveindexmodel.h"
#include "inspector/archivememberspage.h"
#include "inspector/dynamicmodel.h"
#include "inspector/overviewpage.h"
#include "inspector/relocationmodel.h"
#include "inspector/sectionmodel.h"
#include "inspector/segmentmodel.h"
#include "inspector/symbolspage.h"

#include <QFileInfo>
#include <QTreeView>

namespace linklab {

BinaryView::BinaryView(std::shared_ptr<const BinaryInfo> binary, QWidget *parent)
    : QTabWidget(parent)
    , m_binary(std::move(binary))
{
    setDocumentMode(true);
    m_overview = new OverviewPage(this);
    m_overview->setBinary(m_binary);
    addTab(m_overview, tr("Overview"));
    if (m_binary->isArchive())
        addArchivePages();
    else
        addElfPages();
}

void BinaryView::addElfPages()
{
    m_symbols = new SymbolsPage(m_binary, this);
    const int symbolsTab = addTab(m_symbols, tr("Symbols"));
    if (m_binary->symbols.isEmpty()) {
        setTabEnabled(symbolsTab, false);
        setTabToolTip(symbolsTab, tr("No symbol tables: the file is stripped and has no .dynsym"));
    }

    auto *sections = new SectionModel(this);
    sections->setBinary(m_binary);
    m_sections = addTable(sections, tr("Sections"), QStringLiteral("sections"), int(m_binary->sections.size()),
        tr("No section headers (they are optional for loading and sometimes stripped)"));

    auto *segments = new SegmentModel(this);
    segments->setBinary(m_binary);
    m_segments = addTable(segments, tr("Segments"), QStringLiteral("segments"), int(m_binary->segments.size()),
        tr("No program headers: an object file is linked, not loaded"));

    auto *dynamic = new DynamicModel(this);
    dynamic->setBinary(m_binary);
    m_dynamic = addTable(dynamic, tr("Dynamic"), QStringLiteral("dynamic"), int(m_binary->dynamic.size()),
        tr("No dynamic section: a static executable or an object file needs no dynamic loader"));

    auto *relocations = new RelocationModel(this);
    relocations->setBinary(m_binary);
    m_relocations
        = addTable(relocations, tr("Relocations"), QStringLiteral("relocations"), int(m_binary->relocations.size()),
            tr("No relocations: nothing in this file is patched by the linker or the loader"));
}

void BinaryView::addArchivePages()
{
    m_members = new ArchiveMembersPage(m_binary, this);
    addTab(m_members, tr("Members"));

    auto *index = new ArchiveIndexModel(this);
    index->setBinary(m_binary);
    m_archiveIndex = addTable(index, tr("Archive Index"), QStringLiteral("armap"), int(m_binary->archiveIndex.size()),
        tr("No archive index: the linker then cannot find members by symbol (run ranlib)"));
}

TablePage *BinaryView::addTable(
    QAbstractItemModel *model, const QString &title, const QString &exportSuffix, int rows, const QString &whyEmpty)
{
    auto *page = new TablePage(model, QFileInfo(m_binary->path).fileName() + QLatin1Char('-') + exportSuffix, this);
    const int tab = addTab(page, title);
    if (rows == 0) {
        // Disabled rather than hidden: that a file has no segments is itself worth seeing.
        setTabEnabled(tab, false);
        setTabToolTip(tab, whyEmpty);
    }
    return page;
}

QAbstractItemView *BinaryView::currentTable() const
{
    QWidget *page = currentWidget();
    if (auto *table = qobject_cast<TablePage *>(page))
        return table->view();
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
}

} // namespace linklab
