// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace linklab {

// Where the bytes of a file go, as Google's bloaty counts them with `-d sections`, `-d symbols` and
// `-d sections,symbols`: each section split into the symbols that lie in it, and what no symbol covers.
//
// Sizes: `size` is the bytes in memory (a section's sh_size, what readelf -S prints, for every section, loaded or
// not), `fileSize` the bytes in the file (0 for SHT_NOBITS: .bss, .tbss). A symbol's size is its st_size (nm -S).
//
// Which symbols: .symtab when the file has one, else .dynsym; defined, with a size, not STT_SECTION or STT_FILE,
// not SHN_COMMON (a common symbol has no bytes in an object yet). A symbol belongs to the section its st_shndx
// names; in a linked file one whose address lies outside that section (or that has SHN_ABS) goes by address
// instead. TLS symbols in a linked file hold an offset in the TLS segment, not an address, and are placed by it.
//
// Counting each byte once, as bloaty does (its range map gives each byte to one label):
// - aliases (several symbols with the same address and size: malloc and __libc_malloc) are one row, named by the
//   first of them in the symbol table (bloaty's "first added wins"); the others are listed in `aliases`;
// - a symbol that lies partly or wholly inside another counts only for its bytes outside it (sorted by address,
//   the larger first at one address); a symbol running past its section's end counts up to the end;
// - the bytes of a section no symbol covers are the row "[unattributed]".
// So a section's rows add up to its sh_size, and a symbol's row is its nm -S size unless it overlaps another.
// Archives: members -> sections -> symbols, each row naming its member.
enum class SizeDetail { Sections, Symbols, SectionsAndSymbols };

struct SizeRow {
    QString member; // archive member; empty for a plain ELF file
    QString section;
    int sectionIndex = 0;
    QString symbol; // as nm prints it (name@VER for versioned ones); empty for a section row (SizeDetail::Sections);
                    // "[unattributed]" for uncovered bytes
    QString demangled; // the symbol's demangled name (equals symbol when not mangled)
    QStringList aliases; // other symbols with the same address and size
    int symbolIndex = -1; // index in BinaryInfo::symbols (the member's for archives); -1 when not a symbol
    std::uint64_t size = 0; // bytes in memory
    std::uint64_t fileSize = 0; // bytes in the file
    bool loaded = false; // SHF_ALLOC: the section is loaded into memory
};

QString unattributedName(); // "[unattributed]"

// "sections", "symbols", "sections,symbols" (also "symbols,sections"); nullopt for anything else.
std::optional<SizeDetail> parseSizeDetail(const QString &text);

// The rows of a file, largest first: for Sections one per section; for SectionsAndSymbols grouped by member and
// section (groups largest first, then the rows inside each); for Symbols every symbol and "[unattributed]" row
// of SectionsAndSymbols in one list, largest first. Sections of size 0 have no row.
QList<SizeRow> sizeRows(const BinaryInfo &info, SizeDetail detail);

// `linklab-cli sizes --json`, one line: {"file", "rows": [{"member" (archives only), "section", "symbol" (absent
// with Sections), "size", "file_size"}]}; sizes are numbers (hex strings past 2^53, as elsewhere).
QByteArray sizeRowsToJson(const QString &file, const QList<SizeRow> &rows, SizeDetail detail);
// The text table: share of the total (memory size), size, file size, section and symbol; a total line last.
QByteArray sizeTable(const QList<SizeRow> &rows, SizeDetail detail);

// The tree a treemap draws: node 0 is the whole file, then members (archives), sections and symbols; a parent
// comes before its children. Built from SectionsAndSymbols rows (or Sections rows: sections are then leaves).
struct SizeNode {
    enum Kind { File, Member, Section, Symbol };
    Kind kind = File;
    int parent = -1;
    QList<int> children;
    QString label; // the member's, section's or symbol's name
    int row = -1; // the SizeRow of a leaf; -1 for inner nodes
    std::uint64_t size = 0; // sums over the children for inner nodes
    std::uint64_t fileSize = 0;
};
QList<SizeNode> sizeTree(const QList<SizeRow> &rows);

} // namespace linklab
