// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QJsonObject>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <cstdint>

// Two versions of a library compared as the dynamic loader and the linker see them: the interface is the set of
// exported symbols (with their versions), the SONAME and the NEEDED list, read from the ELF tables (no debug
// info). What a library maintainer needs is the verdict: does the new file break programs linked against the old?
namespace linklab {

// One exported definition: a defined global, weak or unique symbol of default or protected visibility; for a
// shared library or a program from .dynsym, for an object or an archive from .symtab (what a shared library
// built from it would export, before a version script).
struct ExportedSymbol {
    QString name;
    QString demangled;
    QString version; // empty when unversioned (or in the base version)
    bool defaultVersion = false; // '@@' (the version newly linked programs take) vs '@'
    std::uint8_t type = 0; // STT_*
    std::uint8_t bind = 0; // STB_*
    std::uint64_t size = 0;
    QString member; // the archive member that defines it (archives only)

    // "table@@V1", "gone", as nm prints it.
    QString displayName() const;
    bool isFunction() const; // STT_FUNC or STT_GNU_IFUNC
    bool isData() const; // STT_OBJECT, STT_TLS or STT_COMMON
};

struct SymbolChange {
    ExportedSymbol before;
    ExportedSymbol after;
    QStringList what; // "size 16 -> 32 bytes", "type FUNC -> OBJECT", "binding GLOBAL -> WEAK", "version ..."
    bool breaking = false;
    QString effect; // what it does to a program linked against the old version, in words
};

struct AbiComparison {
    QString oldPath;
    QString newPath;
    BinaryKind oldKind = BinaryKind::OtherElf;
    BinaryKind newKind = BinaryKind::OtherElf;
    QString oldSoname;
    QString newSoname;
    bool sonameChanged = false;
    bool sonameBreaking = false;
    QStringList neededAdded;
    QStringList neededRemoved;
    QStringList versionsAdded; // symbol versions (V2) that appear in the new file only
    QStringList versionsRemoved;
    QString machineChange; // "x86-64 -> AArch64" when the two are for different machines or classes

    QList<ExportedSymbol> added;
    QList<ExportedSymbol> removed;
    QList<SymbolChange> changed; // every change, compatible or not
    int kept = 0; // exported by both, unchanged (changed ones are not counted here)
    int ignored = 0; // linker and C runtime entries left out of both (_init, _fini, _edata, ...)

    bool breaking = false;
    QString headline; // "Breaks programs linked against the old version", "Compatible: only additions", ...
    QStringList reasons; // why it breaks: one sentence per kind of change, with the error message users will see
    QStringList notes; // what changed without breaking anyone (additions, a default version moved, NEEDED)
    QString advice; // "Bump the soname (libfoo.so.2).", "Bump the minor version."

    int breakingChanges() const;
};

// Compares `oldInfo` (what programs were linked against) with `newInfo`. Both must be complete reads (symbols).
AbiComparison compareAbi(const BinaryInfo &oldInfo, const BinaryInfo &newInfo);

// The exported symbols of one file, sorted by name and version, as compareAbi sees them. `ignored` counts the
// linker's and the C runtime's entries left out.
QList<ExportedSymbol> exportedSymbols(const BinaryInfo &info, int *ignored = nullptr);

// The report as text (what `linklab-cli compare` prints) and as JSON (`--json`).
QString abiComparisonText(const AbiComparison &comparison);
QJsonObject abiComparisonToJson(const AbiComparison &comparison);

// The summary picture: two bars, the old file's exports above the new one's, lined up so that what both have
// (kept, then changed) is in the same columns, what was removed sticks out on the left of the old bar and what
// was added on the right of the new bar. Widths are proportional to counts, with a minimum so that one symbol
// in a thousand stays visible. Pure geometry, tested without pixels; the GUI paints it.
struct AbiPictureBlock {
    enum Category { Removed, Changed, Kept, Added };
    Category category = Kept;
    int row = 0; // 0 old, 1 new
    int count = 0;
    QRectF rect;
    QString label; // "2 removed"
};

struct AbiPicture {
    QList<AbiPictureBlock> blocks;
    QRectF oldBar; // the whole old bar (for its caption)
    QRectF newBar;
    QRectF bounds;
};

// Lays the bars out in `width` units (the bar height is fixed at `barHeight`, the rows `gap` apart).
AbiPicture abiPicture(
    const AbiComparison &comparison, double width, double barHeight = 36, double gap = 28, double minimumBlock = 24);
QString abiCategoryName(AbiPictureBlock::Category category); // "removed", "changed", "kept", "added"

} // namespace linklab
