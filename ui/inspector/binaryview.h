// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QTabWidget>

class QAbstractItemModel;
class QAbstractItemView;

#include <memory>

namespace linklab {

class ArchiveMembersPage;
class OverviewPage;
class SymbolsPage;
class TablePage;

// Every view of one parsed file, as tabs: Overview, Symbols, Sections, Segments, Dynamic for ELF
// files; Overview, Members, Archive index for archives (a member opens a BinaryView of its own).
class BinaryView : public QTabWidget
{
    Q_OBJECT
public:
    explicit BinaryView(std::shared_ptr<const BinaryInfo> binary, QWidget *parent = nullptr);

    const std::shared_ptr<const BinaryInfo> &binary() const { return m_binary; }

    OverviewPage *overview() const { return m_overview; }
    SymbolsPage *symbols() const { return m_symbols; }
    TablePage *sections() const { return m_sections; }
    TablePage *segments() const { return m_segments; }
    TablePage *dynamic() const { return m_dynamic; }
    TablePage *relocations() const { return m_relocations; }
    ArchiveMembersPage *members() const { return m_members; }
    TablePage *archiveIndex() const { return m_archiveIndex; }

    // Ctrl+F: the filter of the current table, or of the main table when the overview is shown.
    void focusFilter();
    // The table on the current tab (a member's when the Members tab shows one), or nullptr.
    QAbstractItemView *currentTable() const;

private:
    void addElfPages();
    void addArchivePages();
    TablePage *addTable(QAbstractItemModel *model, const QString &title, const QString &exportSuffix, int rows,
        const QString &whyEmpty);

    std::shared_ptr<const BinaryInfo> m_binary;
    OverviewPage *m_overview = nullptr;
    SymbolsPage *m_symbols = nullptr;
    TablePage *m_sections = nullptr;
    TablePage *m_segments = nullptr;
    TablePage *m_dynamic = nullptr;
    TablePage *m_relocations = nullptr;
    ArchiveMembersPage *m_members = nullptr;
    TablePage *m_archiveIndex = nullptr;
};

} // namespace linklab
