// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <variant>
#include <vector>

namespace linklab {

// What the glibc loader reads of an ELF file before it maps it (elf/dl-load.c: open_verify, _dl_map_object_from_fd,
// elf/get-dynamic-info.h): the ELF header, the program headers, PT_INTERP, and the dynamic segment found through
// PT_DYNAMIC, with its strings reached through DT_STRTAB mapped by a PT_LOAD segment. Nothing else is read: no
// section headers, no symbols, a few small reads per file. Every offset and size is checked against the file.
struct LoaderFacts {
    int elfClass = 0; // 32 or 64
    bool bigEndian = false;
    std::uint16_t type = 0; // e_type
    std::uint16_t machine = 0; // e_machine
    bool dynamic = false; // it has a PT_DYNAMIC segment
    QString interpreter; // PT_INTERP
    QString soname; // DT_SONAME
    QStringList needed; // DT_NEEDED, in order
    QStringList rpath; // DT_RPATH split on ':' (every DT_RPATH entry, in order)
    QStringList runpath; // DT_RUNPATH split on ':'
    std::uint64_t flags1 = 0; // DT_FLAGS_1
    QStringList warnings; // what could not be read (a string past its table, a segment past the file's end)
};

// The facts, or why the file cannot be read as the loader would ("no such file", "not an ELF file", ...).
std::variant<LoaderFacts, QString> readLoaderFacts(const QString &path);

// The same from a file already open: `fd` a regular file of `size` bytes, `head` its first bytes as
// readLoaderHead read them (the ELF header, and in most files the program headers and PT_INTERP too), so
// that a caller who looked at the header first does not read it again. `path` names the file in messages.
std::variant<LoaderFacts, QString> readLoaderFacts(
    int fd, std::uint64_t size, const QString &path, std::vector<std::uint8_t> head);
// What readLoaderHead reads: about what the loader reads first (elf/dl-load.c, struct filebuf: 832 bytes).
constexpr std::uint64_t kHeadBytes = 1024;
bool readLoaderHead(int fd, std::uint64_t size, std::vector<std::uint8_t> &head);

} // namespace linklab
