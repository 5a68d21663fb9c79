// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QByteArray>

#include <functional>

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

// Where nm's output for a file goes: its lines, and the diagnostics nm prints on stderr ("x.o: no symbols"),
// in the order nm prints them.
struct NmSink {
    std::function<void(const QByteArray &)> out;
    std::function<void(const QString &)> diagnostic;
};

// Everything nm prints for one file named on its command line: the "\nFILE:\n" header when several files are
// listed, a header per archive member (thin-archive members named by the archive's folder as given), "no
// symbols" and unreadable members as diagnostics. For files nmRecognizes(). False when nm would fail on the file
// (exit status 1: a malformed archive), after printing all it can.
bool nmListFile(
    const BinaryInfo &binary, const QString &path, bool severalFiles, const NmOptions &options, const NmSink &sink);

// Whether nm reads the file as an object or archive at all; it says "file format not recognized" for a core dump.
bool nmRecognizes(const BinaryInfo &binary);

// nm's name for an archive member: thin-archive members by the path they are read from, the archive's folder as
// given plus the member's relative path (bfd's _bfd_append_relative_path); other members by their own name.
QString nmMemberLabel(const BinaryInfo &archive, const QString &archivePath, const ArchiveMember &member);

// Whether nm would call an undefined-looking class letter "undefined" (prints blanks instead of a value).
bool nmIsUndefinedClass(char letter);

} // namespace linklab
