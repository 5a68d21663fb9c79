// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QByteArray>
#include <QString>

#include <variant>

namespace linklab {

// An error opening a file: the path and a plain-words reason ("a directory", "PE executable: not an ELF file").
struct OpenError {
    QString path;
    QString message;
};

struct OpenOptions {
    bool demangle = true; // fill SymbolInfo::demangled
    bool searchIndex = false; // fill BinaryInfo::symbolSearch (here and in every archive member)
    bool relocations = false; // fill BinaryInfo::relocations (inspect and the GUI; nm does not need them)
    bool symbols = true; // read the symbol tables and versions (the dependency resolver needs only the dynamic section)
};

using OpenResult = std::variant<BinaryInfo, OpenError>;

OpenResult openBinary(const QString &path, const OpenOptions &options = {});
// Parse bytes already in memory (an archive member, a fuzz input). `name` is used in messages.
OpenResult openBinaryData(const QByteArray &data, const QString &name, const OpenOptions &options = {});

} // namespace linklab
