// SPDX-License-Identifier: MIT
#include "binary/symbolsearch.h"

#include "binary/binaryinfo.h"

#include <algorithm>
#include <numeric>

namespace linklab {

namespace {

QList<int> ranks(const QList<SymbolInfo> &symbols, QString SymbolInfo::*name)
{
    const qsizetype rows = symbols.size();
    QList<int> order(rows);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [&](int a, int b) { return QString::compare(symbols.at(a).*name, symbols.at(b).*name) < 0; });
    QList<int> rank(rows);
    for (int position = 0; position < rows; ++position)
        rank[order.at(position)] = position;
    return rank;
}

} // namespace

SymbolSearch buildSymbolSearch(const QList<SymbolInfo> &symbols)
{
    SymbolSearch search;
    search.foldedNames.reserve(symbols.size());
    search.foldedDemangled.reserve(symbols.size());
    for (const SymbolInfo &s : symbols) {
        search.foldedNames.append(s.name.toCaseFolded());
        // Share the string when demangling changed nothing (C names): no second copy.
        search.foldedDemangled.append(
            s.demangled == s.name ? search.foldedNames.constLast() : s.demangled.toCaseFolded());
    }
    search.nameRank = ranks(symbols, &SymbolInfo::name);
    search.demangledRank = ranks(symbols, &SymbolInfo::demangled);
    return search;
}

} // namespace linklab
