// SPDX-License-Identifier: MIT
// The one file that talks to LIEF. Everything LIEF returns is copied into LinkLab's own values here, and every
// exception LIEF throws is caught here.
#include "binary/elfadapter.h"
#include "binary/openbinary.h"

#include "binary/demangle.h"
#include "binary/elfchecks.h"
#include "binary/nmformat.h"

#include <LIEF/ELF.hpp>
#include <LIEF/logging.hpp>

#include <QHash>

#include <algorithm>
#include <exception>
#include <mutex>

namespace linklab::detail {
namespace {

constexpr std::uint16_t kShnXindex = 0xffff;
constexpr std::uint16_t kVersymHidden = 0x8000;
constexpr std::uint16_t kVerFlgBase = 0x1;

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Version strings as binutils' _bfd_elf_get_symbol_version_string computes them (nm and readelf agree on these).
struct VersionTables {
    struct Def {
        QString name;
        std::uint16_t flags = 0;
    };
    QHash<std::uint16_t, Def> defs; // by vd_ndx, as bfd files them
    std::uint16_t maxDef = 0; // bfd's cverdefs: the highest vd_ndx
    QHash<std::uint16_t, QString> needs; // vna_other -> name
    bool present() const { return !defs.isEmpty() || !needs.isEmpty(); }
};

VersionTables readVersionTables(const LIEF::ELF::Binary &binary)
{
    VersionTables t;
    for (const auto &def : binary.symbols_version_definition()) {
        VersionTables::Def d;
        d.flags = def.flags();
        auto aux = def.symbols_aux();
        if (aux.size() > 0)
            d.name = fromStd(aux[0].name());
        const std::uint16_t ndx = def.ndx() & 0x7fff;
        t.defs.insert(ndx, d);
        t.maxDef = std::max(t.maxDef, ndx);
    }
    for (const auto &req : binary.symbols_version_requirement())
        for (const auto &aux : req.auxiliary_symbols())
            t.needs.insert(aux.other(), fromStd(aux.name()));
    return t;
}

void applyVersion(const VersionTables &t, std::uint16_t versym, SymbolInfo &sym)
{
    if (!t.present())
        return;
    const std::uint16_t vernum = versym & 0x7fff;
    const bool hidden = (versym & kVersymHidden) != 0;
    if (vernum == 0)
        return;
    if (vernum == 1 && (vernum > t.maxDef || t.defs.value(1).flags == kVerFlgBase))
        return;
    if (vernum <= t.maxDef) {
        const QString node = t.defs.value(vernum).name;
        if (node.isEmpty() || node == sym.name)
            return;
        sym.version = node;
        sym.versionHidden = hidden;
        return;
    }
    const auto need = t.needs.constFind(vernum);
    sym.version = need == t.needs.cend() ? QStringLiteral("<corrupt>") : *need;
    sym.versionHidden = need == t.needs.cend() ? hidden : true;
}

QString sectionNameFor(std::uint16_t shndx, const QList<SectionInfo> &sections)
{
    switch (shndx) {
    case 0: return QStringLiteral("UND");
    case 0xfff1: return QStringLiteral("ABS");
    case 0xfff2: return QStringLiteral("COM");
    case kShnXindex: return QStringLiteral("XINDEX");
    default: break;
    }
    if (shndx < sections.size())
        return sections[shndx].name;
    return QString::number(shndx);
}

void readSymbols(const LIEF::ELF::Binary &binary, const std::vector<std::uint16_t> &rawVersym,
    const OpenOptions &options, BinaryInfo &info)
{
    const VersionTables versions = readVersionTables(binary);
    const auto add = [&](const LIEF::ELF::Symbol &s, SymbolTable table, int index) {
        SymbolInfo sym;
        sym.table = table;
        sym.index = index;
        sym.name = fromStd(s.name());
        sym.value = s.value();
        sym.size = s.size();
        sym.type = std::uint8_t(s.information() & 0xf);
        sym.bind = std::uint8_t(s.information() >> 4);
        sym.visibility = std::uint8_t(s.other() & 0x3);
        sym.sectionIndex = s.shndx();
        sym.sectionName = sectionNameFor(sym.sectionIndex, info.sections);
        if (table == SymbolTable::Dynamic && s.has_version())
            applyVersion(versions, s.symbol_version().value(), sym);
        else if (table == SymbolTable::Dynamic && size_t(index) < rawVersym.size())
            applyVersion(versions, rawVersym[size_t(index)], sym);
        sym.demangled = options.demangle ? demangle(sym.name) : sym.name;
        sym.nm = nmTypeLetter(sym, info);
        info.symbols.append(std::move(sym));
    };
    int index = 0;
    for (const auto &s : binary.dynamic_symbols())
        add(s, SymbolTable::Dynamic, index++);
    index = 0;
    for (const auto &s : binary.static_symbols())
        add(s, SymbolTable::Static, index++);
}

void readDynamic(const LIEF::ELF::Binary &binary, BinaryInfo &info)
{
    using namespace LIEF::ELF;
    for (const auto &entry : binary.dynamic_entries()) {
        DynamicEntry e;
        e.tag = std::int64_t(entry.tag());
        e.value = entry.value();
        if (const auto *lib = dynamic_cast<const DynamicEntryLibrary *>(&entry)) {
            e.text = fromStd(lib->name());
            info.needed << e.text;
        } else if (const auto *so = dynamic_cast<const DynamicSharedObject *>(&entry)) {
            e.text = fromStd(so->name());
            info.soname = e.text;
        } else if (const auto *rpath = dynamic_cast<const DynamicEntryRpath *>(&entry)) {
            e.text = fromStd(rpath->rpath());
            info.rpath << e.text.split(u':', Qt::KeepEmptyParts);
        } else if (const auto *runpath = dynamic_cast<const DynamicEntryRunPath *>(&entry)) {
            e.text = fromStd(runpath->runpath());
            info.runpath << e.text.split(u':', Qt::KeepEmptyParts);
        }
        const bool end = e.tag == 0;
        info.dynamic.append(std::move(e));
        if (end) // the loader and readelf stop at the first DT_NULL; what follows is padding
            break;
    }
}

constexpr std::int64_t kDtFlags1 = 0x6ffffffb;
constexpr std::uint64_t kDf1Pie = 0x08000000;
constexpr std::uint32_t kPtInterp = 3;

BinaryKind kindOf(const BinaryInfo &info)
{
    switch (info.elfType) {
    case 1: return BinaryKind::Relocatable;
    case 2: return BinaryKind::Executable;
    case 4: return BinaryKind::Core;
    case 3: {
        // A DYN is an executable when DF_1_PIE says so, or, for linkers that do not set it, when it has an
        // interpreter but no SONAME. libc.so.6 has both (it can be run) and is a shared library.
        for (const auto &d : info.dynamic)
            if (d.tag == kDtFlags1 && (d.value & kDf1Pie))
                return BinaryKind::PieExecutable;
        const bool interp = std::any_of(
            info.segments.cbegin(), info.segments.cend(), [](const SegmentInfo &s) { return s.type == kPtInterp; });
        return interp && info.soname.isEmpty() ? BinaryKind::PieExecutable : BinaryKind::SharedLibrary;
    }
    default: return BinaryKind::OtherElf;
    }
}

void fillFromLief(const LIEF::ELF::Binary &binary, const std::vector<std::uint16_t> &rawVersym,
    const OpenOptions &options, BinaryInfo &info)
{
    const auto &header = binary.header();
    info.elfClass = header.identity_class() == LIEF::ELF::ELF_CLASS::ELFCLASS64 ? 64 : 32;
    info.bigEndian = header.identity_data() == LIEF::ELF::ELF_DATA::ELFDATA2MSB;
    info.machine = std::uint16_t(header.machine_type());
    info.elfType = std::uint16_t(header.file_type());
    info.osAbi = std::uint8_t(header.identity_os_abi());
    info.entry = header.entrypoint();
    info.flags = header.processor_flag();

    int index = 0;
    for (const auto &s : binary.sections()) {
        SectionInfo sec;
        sec.index = index++;
        sec.name = fromStd(s.name());
        sec.type = std::uint32_t(s.type());
        sec.address = s.virtual_address();
        sec.offset = s.file_offset();
        sec.size = s.size();
        sec.flags = s.flags();
        sec.link = s.link();
        sec.info = std::uint32_t(s.information());
        sec.alignment = s.alignment();
        sec.entrySize = s.entry_size();
        info.sections.append(std::move(sec));
    }
    index = 0;
    for (const auto &s : binary.segments()) {
        SegmentInfo seg;
        seg.index = index++;
        seg.type = std::uint32_t(s.type());
        seg.flags = std::uint32_t(s.flags());
        seg.offset = s.file_offset();
        seg.virtualAddress = s.virtual_address();
        seg.physicalAddress = s.physical_address();
        seg.fileSize = s.physical_size();
        seg.memorySize = s.virtual_size();
        seg.alignment = s.alignment();
        info.segments.append(seg);
    }
    if (binary.has_interpreter())
        info.interpreter = fromStd(binary.interpreter());
    readDynamic(binary, info);
    readSymbols(binary, rawVersym, options, info);
    info.kind = kindOf(info);

    if (!info.sections.isEmpty()) {
        const auto dangling = std::count_if(info.symbols.cbegin(), info.symbols.cend(), [&](const SymbolInfo &s) {
            return s.sectionIndex != 0 && s.sectionIndex < 0xff00 && s.sectionIndex >= info.sections.size();
        });
        if (dangling > 0)
            info.warnings << QStringLiteral("%1 symbols refer to sections that do not exist").arg(dangling);
    }
}

} // namespace

std::optional<QString> parseElf(const std::uint8_t *data, std::size_t size, const std::vector<std::uint8_t> *whole,
    const OpenOptions &options, BinaryInfo &info)
{
    static std::once_flag quiet;
    std::call_once(quiet, [] { LIEF::Logger::disable(); });

    ElfLayout raw;
    if (auto error = readElfLayout(data, size, raw))
        return error;
    checkElfStructure(raw, data, size, info.warnings);

    // With section headers, count .dynsym entries from its section as readelf does; without them (stripped
    // section headers) LIEF has to guess from the hash tables and relocations.
    const auto method = raw.sectionHeadersReadable(size) ? LIEF::ELF::DYNSYM_COUNT_METHODS::COUNT_SECTION
                                                         : LIEF::ELF::DYNSYM_COUNT_METHODS::COUNT_AUTO;
    QList<HeaderPatch> patches;
    const QByteArray clamped = clampForLief(raw, data, size, patches);
    try {
        // LIEF 0.9 parses from a vector (which it copies again) or a file name; handing it the very bytes the
        // checks above looked at keeps the two consistent.
        const auto *bytes = clamped.isEmpty() ? data : reinterpret_cast<const std::uint8_t *>(clamped.constData());
        const std::unique_ptr<LIEF::ELF::Binary> binary = (whole && clamped.isEmpty())
            ? LIEF::ELF::Parser::parse(*whole, std::string(), method)
            : LIEF::ELF::Parser::parse(std::vector<std::uint8_t>(bytes, bytes + size), std::string(), method);
        if (!binary)
            return QStringLiteral("broken ELF file: the ELF parser could not read its headers");
        const std::vector<std::uint16_t> rawVersym
            = binary->symbols_version().size() == 0 ? readVersymSection(raw, data, size) : std::vector<std::uint16_t>();
        fillFromLief(*binary, rawVersym, options, info);
    } catch (const std::bad_alloc &) {
        return QStringLiteral("broken ELF file: a size field asks for more memory than the file could hold");
    } catch (const std::exception &e) {
        if (info.sections.isEmpty() && info.segments.isEmpty())
            return QStringLiteral("broken ELF file: %1").arg(QString::fromLocal8Bit(e.what()));
        info.warnings << QStringLiteral("parsing stopped early: %1").arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        if (info.sections.isEmpty() && info.segments.isEmpty())
            return QStringLiteral("broken ELF file: the ELF parser failed");
        info.warnings << QStringLiteral("parsing stopped early");
    }
    for (const HeaderPatch &p : patches) { // show what the headers say, not what LIEF was given
        if (!p.segment && p.index < info.sections.size()) {
            info.sections[p.index].offset = p.offset;
            info.sections[p.index].size = p.size;
        } else if (p.segment && p.index < info.segments.size()) {
            info.segments[p.index].offset = p.offset;
            info.segments[p.index].fileSize = p.size;
        }
        if (p.segment)
            info.warnings << QStringLiteral(
                "segment %1's contents (%2 bytes at offset 0x%3) extend past the end of the file")
                                 .arg(p.index)
                                 .arg(p.size)
                                 .arg(p.offset, 0, 16);
    }
    // LIEF 0.9 reads at most 10000 section headers and knows no extended numbering (e_shnum 0, the count in
    // section 0); say so rather than let the symbols of the missing sections vanish without a word.
    if (!info.sections.isEmpty() && std::uint64_t(info.sections.size()) < raw.sectionCount)
        info.warnings << QStringLiteral("only %1 of the %2 section headers were read; symbols in the sections after "
                                        "them are not shown")
                             .arg(info.sections.size())
                             .arg(raw.sectionCount);
    if (info.sections.isEmpty() && raw.sectionCount > 1 && raw.shnum == 0)
        info.warnings << QStringLiteral("the file uses extended section numbering (%1 sections), which LIEF 0.9 "
                                        "cannot read; sections and .symtab are not shown")
                             .arg(raw.sectionCount);
    if (info.sections.isEmpty() && raw.shnum != 0)
        info.warnings << QStringLiteral("the file declares %1 section headers but none could be read").arg(raw.shnum);
    return std::nullopt;
}

} // namespace linklab::detail
