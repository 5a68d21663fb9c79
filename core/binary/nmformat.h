// SPDX-License-Identifier: MIT
#pragma once

#include "binaryinfo.h"

#include <QByteArray>

namespace linklab {

// nm's one-letter symbol class, computed as binutils' bfd_decode_symclass does from the symbol's binding, type
// and the flags of the section it is defined in.
char nmTypeLetter(const SymbolInfo &symbol, const BinaryInfo &binary);

struct NmOptions {
    bool dynamic = false; // -D: .dynsym instead of .symtab
    bool definedOnly = false; // --defined-only
    bool undefinedOnly = false; // -u
    bool demangle = false; // -C
};

// Whether nm finds any symbols in that table (otherwise it says "no symbols").
bool nmHasSymbols(const BinaryInfo &binary, bool dynamic);

// The symbols nm would list for one ELF file with these options, in nm's order (by name, as strcoll in the
// current locale orders them, ties in table order).
QList<const SymbolInfo *> nmSymbols(const BinaryInfo &binary, const NmOptions &options);

// The lines nm prints for one ELF file (no file header), e.g. "0000000000001139 T main\n". UTF-8 bytes.
QByteArray nmLines(const BinaryInfo &binary, const NmOptions &options);

// Whether nm would call an undefined-looking class letter "undefined" (prints blanks instead of a value).
bool nmIsUndefinedClass(char letter);

} // namespace linklab
