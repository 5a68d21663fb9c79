// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"
#include "binary/openbinary.h"

#include <QTabWidget>

class QAbstractItemModel;
class QAbstractItemView;

#include <functional>
#include <memory>

namespace linklab {

class ArchiveMembersPage;
class LayoutPage;
class OverviewPage;
class SizeMapPage;
class SymbolsPage;
class TablePage;

// Every view of one parsed file, as tabs: Overview, Symbols, Sections, Segments, Dynamic for ELF
// files; Overview, Members, Archive index for archives (a member opens a BinaryView of its own).
// Built from a staged read, it shows what is in and says "Reading the symbols…" on the tabs still to come (never
// "stripped" or "no relocations" before it knows); advance() fills them in place as the stages arrive.
class BinaryView : public QTabWidget
{
    Q_OBJECT
public:
    explicit BinaryView(
        std::shared_ptr<const BinaryInfo> binary, QWidget *parent = nullptr, LoadStage stage = LoadStage::Complete);

    // A later stage of the same read: the pending tabs get their pages, the others stay as they are.
    void advance(std::shared_ptr<const BinaryInfo> binary, LoadStage stage);
    LoadStage stage() const { return m_stage; }
    // The placeholder shown while the symbols (or the relocations) are read; nullptr once they are in.
    QWidget *pendingSymbols() const { return m_pendingSymbols; }
    QWidget *pendingRelocations() const { return m_pendingRelocations; }

    const std::shared_ptr<const BinaryInfo> &binary() const { return m_binary; }

    OverviewPage *overview() const { return m_overview; }
    SymbolsPage *symbols() const { return m_symbols; }
    TablePage *sections() const { return m_sections; }
    TablePage *segments() const { return m_segments; }
    LayoutPage *layoutPage() const { return m_layout; }
    TablePage *dynamic() const { return m_dynamic; }
    TablePage *relocations() const { return m_relocations; }
    ArchiveMembersPage *members() const { return m_members; }
    TablePage *archiveIndex() const { return m_archiveIndex; }
    SizeMapPage *sizeMap() const { return m_sizeMap; }

    // Ctrl+F: the filter of the current table, or of the main table when the overview is shown.
    void focusFilter();
    // The table on the current tab (a member's when the Members tab shows one), or nullptr.
    QAbstractItemView *currentTable() const;

private:
    void addElfPages();
    void addSymbolsPage(int at);
    void addRelocationsPage(int at);
    void addSizeMapPage(int at);
    QWidget *pendingPage(const QString &title, const QString &text);
    void replaceTab(QWidget *&placeholder, const std::function<void(int)> &add);
    void addArchivePages();
    // Shows the table's row for `sourceRow` of its model (clearing a filter that hides it) and selects it.
    void showRow(TablePage *page, int sourceRow);
    TablePage *addTable(QAbstractItemModel *model, const QString &title, const QString &exportSuffix, int rows,
        const QString &whyEmpty, int at = -1);

    std::shared_ptr<const BinaryInfo> m_binary;
    LoadStage m_stage = LoadStage::Complete;
    QWidget *m_pendingSymbols = nullptr;
    QWidget *m_pendingRelocations = nullptr;
    QWidget *m_pendingSizeMap = nullptr;
    OverviewPage *m_overview = nullptr;
    SymbolsPage *m_symbols = nullptr;
    TablePage *m_sections = nullptr;
    TablePage *m_segments = nullptr;
    LayoutPage *m_layout = nullptr;
    TablePage *m_dynamic = nullptr;
    TablePage *m_relocations = nullptr;
    ArchiveMembersPage *m_members = nullptr;
    TablePage *m_archiveIndex = nullptr;
    SizeMapPage *m_sizeMap = nullptr;
};

} // namespace linklab
