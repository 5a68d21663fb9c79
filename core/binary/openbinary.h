// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <variant>

namespace linklab {

// An error opening a file: the path and a plain-words reason ("a directory", "PE executable: not an ELF file").
struct OpenError {
    QString path;
    QString message;
};

// How far a staged read has come (OpenOptions::stageReady): what the BinaryInfo handed over holds.
enum class LoadStage {
    Facts, // header facts, sections, segments, interpreter, dynamic section; no symbols yet
    Symbols, // and the symbols (with their search index when asked for); no relocations yet
    Complete, // everything asked for: openBinary's result
};

struct OpenOptions {
    bool demangle = true; // fill SymbolInfo::demangled
    bool searchIndex = false; // fill BinaryInfo::symbolSearch (here and in every archive member)
    bool relocations = false; // fill BinaryInfo::relocations (inspect and the GUI; nm does not need them)
    bool symbols = true; // read the symbol tables and versions (the dependency resolver needs only the dynamic section)
    // A staged read (the GUI): for an ELF file, called on the reading thread with what is read so far before the
    // next, slower part is read: Facts, then Symbols when relocations follow. What is handed over is a complete
    // value for its stage (its lists are shared with the final result, not copied). Returning false stops the
    // read, and openBinary returns OpenError "cancelled". Archives are read in one go (their members are small).
    std::function<bool(LoadStage stage, const BinaryInfo &soFar)> stageReady;
};

using OpenResult = std::variant<BinaryInfo, OpenError>;

// An open regular file: the one open() and fstat() every way of reading starts from (closed when destroyed).
struct OpenFile {
    int fd = -1;
    std::size_t size = 0;
    OpenFile() = default;
    OpenFile(const OpenFile &) = delete;
    OpenFile &operator=(const OpenFile &) = delete;
    ~OpenFile();
};
// Opens `path` for reading if it is a non-empty regular file (a FIFO does not block); the reason in plain words
// otherwise ("no such file", "a directory, not a file", "broken symbolic link to X", ...).
QString openRegularFile(const QString &path, OpenFile &file);

OpenResult openBinary(const QString &path, const OpenOptions &options = {});
// Parse bytes already in memory (an archive member, a fuzz input). `name` is used in messages.
OpenResult openBinaryData(const QByteArray &data, const QString &name, const OpenOptions &options = {});

} // namespace linklab
