// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

namespace linklab {

struct SymbolInfo;

// What a symbol table view needs to filter and sort 46k names within a frame, computed once on the worker
// thread that reads the file (OpenOptions::searchIndex) instead of inside a view's const methods:
// - case-folded copies of every name: QString::contains(..., Qt::CaseInsensitive) folds each character on every
//   call and is several times slower than a plain search in folded text, the common case while typing;
// - each row's position in name order, so that every later sort compares integers, not long C++ names.
struct SymbolSearch {
    QList<QString> foldedNames; // per row: SymbolInfo::name, case-folded
    QList<QString> foldedDemangled; // per row: SymbolInfo::demangled, case-folded (shares foldedNames' string for C)
    QList<int> nameRank; // per row: its position when sorted by name (stable: equal names keep table order)
    QList<int> demangledRank; // the same by demangled name
};

SymbolSearch buildSymbolSearch(const QList<SymbolInfo> &symbols);

} // namespace linklab
