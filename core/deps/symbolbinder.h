// SPDX-License-Identifier: MIT
#pragma once

// Which object the glibc loader binds each undefined dynamic symbol to, read from the files (never run): every
// object of the graph is searched in the global lookup scope (the link-map order: the root, then breadth-first),
// and the first that defines the symbol with a compatible version wins, as elf/dl-lookup.c (do_lookup_x and
// check_match) decides:
//   - a definition is a dynamic symbol that is not SHN_UNDEF, of type NOTYPE, OBJECT, FUNC, COMMON, TLS or
//     GNU_IFUNC, bound GLOBAL, WEAK (LD_DYNAMIC_WEAK unset: weak counts as global) or GNU_UNIQUE; LOCAL never binds;
//   - a versioned reference (`puts@GLIBC_2.2.5`) takes the definition of that version name, hidden (`@`) or
//     default (`@@`); else, in the same object, the one non-hidden definition without a version (glibc's fallback);
//   - an unversioned reference takes a definition without a version or of the object's oldest version (index 2,
//     even hidden: what a program linked before the library had versions expects), else the one default (`@@`);
//   - in an object without .gnu.version, any definition of the name.
// A non-PIE executable's undefined function with a value (its canonical PLT entry) defines the symbol's address
// for every lookup but a PLT call's: that is `addressProvider`; which relocations an object has is not read.
// Not modelled: DT_SYMBOLIC (the object's own definitions first) and copy relocations (the executable skipped):
// neither changes where an undefined symbol is bound.

#include "deps/dependencygraph.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace linklab {

// One undefined dynamic symbol of one object, and where the loader binds it.
struct SymbolBinding {
    int object = -1; // node index of the object with the reference
    QString symbol;
    QString version; // the version required (from .gnu.version_r); empty when unversioned
    bool weak = false; // a weak reference: unresolved, it stays 0 and loading goes on
    int provider = -1; // node index of the object bound to; -1 when nothing defines it
    QString providerVersion; // the version of the definition bound (empty when unversioned)
    // Where a reference to the symbol's address (GLOB_DAT, R_X86_64_64: not a PLT call) is bound when that is
    // elsewhere: a non-PIE executable's canonical PLT entry (an undefined symbol with a value) earlier in the
    // scope. -1 when such references go to `provider` too.
    int addressProvider = -1;
};

// A symbol more than one object of the scope defines, for a name something references: the first in the scope
// wins, the others are interposed (their definition is never used for these references).
struct Interposition {
    QString symbol;
    QString version; // the version of the references (empty: unversioned)
    int winner = -1;
    QList<int> losers; // in scope order
};

struct SymbolBindings {
    QList<SymbolBinding> bindings; // objects in load order, each object's symbols in table order
    QList<Interposition> interposed; // in the order of the first reference
    // Direct dependencies of the root (node indexes, NEEDED order) from which the root binds no symbol: what
    // `ldd -u` lists as "Unused direct dependencies".
    QList<int> unused;
    QStringList warnings; // objects whose symbols could not be read

    QList<SymbolBinding> unresolved() const;
};

// Reads the dynamic symbols of every found node of `graph` (openBinary, symbols only, one read per node) and
// binds them. Nodes that are missing take no part (their references are not listed; nothing is bound to them).
SymbolBindings bindSymbols(const DependencyGraph &graph);

// `linklab-cli bindings --json`: {"file", "bindings": [{"object", "symbol", "version", "provider",
// "provider_version", "weak", "address_provider"}],
// "interposed": [{"symbol", "version", "winner", "losers"}], "unused": [...], "warnings": [...]}; objects as paths,
// a version or provider null when there is none.
QJsonObject symbolBindingsToJson(const DependencyGraph &graph, const SymbolBindings &bindings);
// The text form: one line per reference, then the interposed symbols and the unused dependencies.
QString symbolBindingsText(const DependencyGraph &graph, const SymbolBindings &bindings);

} // namespace linklab
