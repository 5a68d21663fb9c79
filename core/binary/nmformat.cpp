// SPDX-License-Identifier: MIT
#include "binary/nmformat.h"

#include "binary/bytenames.h"
#include <QtGlobal>

#include <algorithm>
#include <clocale>
#include <cstring>
#include <vector>

namespace linklab {
namespace {

// ELF constants (the values of <elf.h>; spelled out so core does not depend on the host's headers).
constexpr std::uint16_t SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_COMMON = 0xfff2;
constexpr std::uint16_t SHN_X86_64_LCOMMON = 0xff02;
constexpr std::uint8_t STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2, STB_GNU_UNIQUE = 10;
constexpr std::uint8_t STT_OBJECT = 1, STT_SECTION = 3, STT_FILE = 4, STT_COMMON = 5;
constexpr std::uint8_t STT_GNU_IFUNC = 10;
constexpr std::uint32_t SHT_NOBITS = 8;
constexpr std::uint32_t SHT_SYMTAB = 2, SHT_DYNSYM = 11;
constexpr std::uint64_t SHF_WRITE = 0x1, SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4;
constexpr std::uint16_t EM_X86_64 = 62;

bool isObjectType(std::uint8_t type)
{
    return type == STT_OBJECT || type == STT_COMMON;
}

// bfd's coff_section_type: a few PE section names keep their letter even in ELF files.
char coffSectionType(const QString &name)
{
    static const struct {
        const char *prefix;
        char letter;
    } table[] = {{".drectve", 'i'}, {".edata", 'e'}, {".idata", 'i'}, {".pdata", 'p'}};
    for (const auto &entry : table) {
        const QLatin1StringView prefix(entry.prefix);
        if (!name.startsWith(prefix))
            continue;
        if (name.size() == prefix.size())
            return entry.letter; // bfd's memchr also matches the terminating NUL
        const QChar next = name.at(prefix.size());
        if (next == u'.' || next == u'$' || next.isDigit())
            return entry.letter;
    }
    return '?';
}

bool isDebuggingSectionName(const QString &name)
{
    for (const char *prefix : {".debug", ".gnu.debuglto_.debug_", ".gnu.linkonce.wi.", ".zdebug", ".line", ".stab"})
        if (name.startsWith(QLatin1StringView(prefix)))
            return true;
    return name == u".gdb_index";
}

// bfd's decode_section_type over the flags _bfd_elf_make_section_from_shdr derives from the section header.
char decodeSectionType(const SectionInfo &section)
{
    const bool hasContents = section.type != SHT_NOBITS;
    const bool alloc = section.flags & SHF_ALLOC;
    const bool load = alloc && hasContents;
    const bool readOnly = !(section.flags & SHF_WRITE);
    const bool code = section.flags & SHF_EXECINSTR;
    const bool data = !code && load;
    const bool debugging = !alloc && isDebuggingSectionName(section.name);
    if (code)
        return 't';
    if (data)
        return readOnly ? 'r' : 'd';
    if (!hasContents)
        return 'b';
    if (debugging)
        return 'N';
    if (readOnly)
        return 'n';
    return '?';
}

} // namespace

bool nmIsUndefinedClass(char letter)
{
    return letter == 'U' || letter == 'w' || letter == 'v';
}

char nmTypeLetter(const SymbolInfo &symbol, const BinaryInfo &binary)
{
    const std::uint16_t shndx = symbol.sectionIndex;
    const bool weak = symbol.bind == STB_WEAK;
    const bool object = isObjectType(symbol.type);
    if (shndx == SHN_COMMON || (binary.machine == EM_X86_64 && shndx == SHN_X86_64_LCOMMON))
        return 'C';
    if (shndx == SHN_UNDEF)
        return weak ? (object ? 'v' : 'w') : 'U';
    if (symbol.type == STT_GNU_IFUNC)
        return 'i';
    if (weak)
        return object ? 'V' : 'W';
    if (symbol.bind == STB_GNU_UNIQUE)
        return 'u';
    if (symbol.bind != STB_LOCAL && symbol.bind != STB_GLOBAL)
        return '?';

    char c = 'a';
    // bfd puts symbols of reserved or unknown section indexes into its absolute section.
    if (shndx < SHN_LORESERVE && shndx < binary.sections.size()) { // SHN_ABS (0xfff1) is reserved too
        const SectionInfo &section = binary.sections[shndx];
        c = coffSectionType(section.name);
        if (c == '?')
            c = decodeSectionType(section);
    }
    if (symbol.bind == STB_GLOBAL && c >= 'a' && c <= 'z')
        c = char(c - 'a' + 'A');
    return c;
}

bool nmHasSymbols(const BinaryInfo &binary, bool dynamic)
{
    // bfd finds the tables through their section headers; a file without them has no symbols for nm.
    const std::uint32_t wanted = dynamic ? SHT_DYNSYM : SHT_SYMTAB;
    const bool tablePresent = std::any_of(
        binary.sections.cbegin(), binary.sections.cend(), [&](const SectionInfo &s) { return s.type == wanted; });
    const SymbolTable table = dynamic ? SymbolTable::Dynamic : SymbolTable::Static;
    return tablePresent && std::any_of(binary.symbols.cbegin(), binary.symbols.cend(), [&](const SymbolInfo &s) {
        return s.table == table && s.index != 0;
    });
}

namespace {

// Appends a name's exact bytes (see bytenames.h): plain ASCII, the common case, without a temporary.
void appendName(QByteArray &out, const QString &name)
{
    const qsizetype at = out.size();
    out.resize(at + name.size());
    char *dst = out.data() + at;
    for (const QChar c : name) {
        if (c.unicode() >= 0x80) {
            out.truncate(at);
            out += encodeName(name);
            return;
        }
        *dst++ = char(c.unicode());
    }
}

// Appends `value` in lower-case hex, zero-padded to `width` digits (nm's value column).
void appendHex(QByteArray &out, std::uint64_t value, int width)
{
    char digits[16];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[value & 0xf];
        value >>= 4;
    } while (value != 0);
    for (int i = n; i < width; ++i)
        out += '0';
    while (n > 0)
        out += digits[--n];
}

// The symbols nm lists in nm's order. Each name's bytes are the sort key and, without -C, what is printed; they
// are encoded once into one arena (no allocation per symbol) and referred to by offset.
struct NmSorted {
    QByteArray names; // every listed name's bytes, each followed by a NUL
    struct Entry {
        qsizetype name; // offset into `names`
        qsizetype length;
        const SymbolInfo *symbol;
    };
    std::vector<Entry> entries;

    QByteArrayView nameOf(const Entry &e) const { return QByteArrayView(names.constData() + e.name, e.length); }
};

bool collatesAsBytes()
{
    // glibc's C.UTF-8 collates by code point, which for UTF-8 is byte order: strcmp, as glibc implements it.
    const char *collate = std::setlocale(LC_COLLATE, nullptr);
    if (collate == nullptr)
        return true;
    for (const char *bytewise : {"C", "POSIX", "C.UTF-8", "C.utf8"})
        if (std::strcmp(collate, bytewise) == 0)
            return true;
    return false;
}

NmSorted nmSorted(const BinaryInfo &binary, const NmOptions &options)
{
    NmSorted sorted;
    if (!nmHasSymbols(binary, options.dynamic))
        return sorted;
    const SymbolTable table = options.dynamic ? SymbolTable::Dynamic : SymbolTable::Static;
    qsizetype bytes = 0;
    for (const SymbolInfo &s : binary.symbols) {
        if (s.table != table || s.index == 0)
            continue;
        if (s.type == STT_SECTION || s.type == STT_FILE) // BSF_DEBUGGING: only shown by nm -a
            continue;
        const bool undefined = nmIsUndefinedClass(s.nm);
        if (options.undefinedOnly && !undefined)
            continue;
        if (options.definedOnly && undefined)
            continue;
        sorted.entries.push_back({0, 0, &s});
        bytes += s.name.size() + 1;
    }
    sorted.names.reserve(bytes);
    for (NmSorted::Entry &e : sorted.entries) {
        e.name = sorted.names.size();
        appendName(sorted.names, e.symbol->name);
        e.length = sorted.names.size() - e.name;
        sorted.names += '\0';
    }
    // nm sorts on the raw (mangled, unversioned) name with strcoll; empty names first; ties keep table order
    // (entries are in table order, so the symbol's address breaks ties: a plain sort, no stable merge).
    const char *base = sorted.names.constData();
    const bool asBytes = collatesAsBytes();
    std::sort(sorted.entries.begin(), sorted.entries.end(), [&](const NmSorted::Entry &a, const NmSorted::Entry &b) {
        if ((a.length == 0) != (b.length == 0))
            return a.length == 0;
        if (a.length != 0) {
            const int c
                = asBytes ? std::strcmp(base + a.name, base + b.name) : std::strcoll(base + a.name, base + b.name);
            if (c != 0)
                return c < 0;
        }
        return a.symbol < b.symbol;
    });
    return sorted;
}

} // namespace

QList<const SymbolInfo *> nmSymbols(const BinaryInfo &binary, const NmOptions &options)
{
    QList<const SymbolInfo *> list;
    const NmSorted sorted = nmSorted(binary, options);
    list.reserve(qsizetype(sorted.entries.size()));
    for (const NmSorted::Entry &e : sorted.entries)
        list.append(e.symbol);
    return list;
}

QByteArray nmLines(const BinaryInfo &binary, const NmOptions &options)
{
    const int width = binary.elfClass == 32 ? 8 : 16;
    QByteArray out;
    const NmSorted sorted = nmSorted(binary, options);
    out.reserve(sorted.names.size() + qsizetype(sorted.entries.size()) * (width + 16));
    for (const NmSorted::Entry &e : sorted.entries) {
        const SymbolInfo *s = e.symbol;
        if (nmIsUndefinedClass(s->nm)) {
            out.append(width, ' ');
        } else {
            // bfd gives common symbols their size as value. (Thumb bits stay: the host nm reads foreign
            // machines through the generic ELF backend, which keeps values as they are.)
            appendHex(out, s->nm == 'C' ? s->size : s->value, width);
        }
        out += ' ';
        out += s->nm;
        out += ' ';
        if (options.demangle)
            appendName(out, s->demangled);
        else
            out += sorted.nameOf(e);
        if (!s->version.isEmpty()) { // nm uses '@' for every undefined symbol, whatever the versym bit says
            out += (s->versionHidden || s->sectionIndex == 0) ? "@" : "@@";
            appendName(out, s->version);
        }
        out += '\n';
    }
    return out;
}

QString nmMemberLabel(const BinaryInfo &archive, const QString &archivePath, const ArchiveMember &member)
{
    if (archive.kind != BinaryKind::ThinArchive || member.name.startsWith(u'/'))
        return member.name;
    return archivePath.first(archivePath.lastIndexOf(u'/') + 1) + member.name;
}

namespace {

void listObject(const BinaryInfo &binary, const QString &label, const NmOptions &options, const NmSink &sink)
{
    if (!label.isEmpty())
        sink.out('\n' + encodeName(label) + ":\n");
    if (!nmHasSymbols(binary, options.dynamic)) {
        sink.diagnostic(QStringLiteral("%1: no symbols").arg(label.isEmpty() ? binary.path : label));
        return;
    }
    sink.out(nmLines(binary, options));
}

} // namespace

bool nmRecognizes(const BinaryInfo &binary)
{
    // bfd does not read core dumps as objects, nor files its elf_object_p refuses.
    return binary.kind != BinaryKind::Core && binary.nmRejects.isEmpty();
}

bool nmListFile(
    const BinaryInfo &binary, const QString &path, bool severalFiles, const NmOptions &options, const NmSink &sink)
{
    if (!binary.isArchive()) {
        listObject(binary, severalFiles ? path : QString(), options, sink);
    } else {
        if (severalFiles)
            sink.out('\n' + encodeName(path) + ":\n");
        for (const ArchiveMember &m : binary.members) {
            if (m.binary)
                listObject(*m.binary, nmMemberLabel(binary, path, m), options, sink);
            else
                sink.diagnostic(QStringLiteral("%1(%2): %3").arg(path, m.name, m.error));
        }
    }
    for (const QString &e : binary.errors)
        sink.diagnostic(QStringLiteral("%1: %2").arg(path, e));
    for (const QString &w : binary.warnings)
        sink.diagnostic(QStringLiteral("%1: warning: %2").arg(path, w));
    return binary.errors.isEmpty();
}

} // namespace linklab
