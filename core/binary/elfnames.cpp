// SPDX-License-Identifier: MIT
// The names readelf prints for ELF constants (machines, section, segment and dynamic types per machine and OS
// ABI, symbol types and bindings) as lookup tables, and the one-line overview built from them. Long because the
// tables are; every function is a lookup.
#include "binary/elfnames.h"

#include "binary/hexformat.h"

#include <QLocale>
#include <QStringList>

#include <utility>

namespace linklab::elfnames {
namespace {

template<typename Key, size_t N>
const char *lookup(const std::pair<Key, const char *> (&table)[N], Key key)
{
    for (const auto &[k, name] : table)
        if (k == key)
            return name;
    return nullptr;
}

constexpr std::uint16_t EM_ARM = 40, EM_MIPS = 8, EM_X86_64 = 62, EM_RISCV = 243, EM_SPARCV9 = 43, EM_AARCH64 = 183;

// Tables read best as tables.
// clang-format off
// GNU readelf's names for e_machine (readelf -h "Machine:").
const std::pair<std::uint16_t, const char *> kMachines[] = {
    {0, "None"}, {2, "Sparc"}, {3, "Intel 80386"}, {4, "MC68000"}, {8, "MIPS R3000"}, {10, "MIPS R4000 big-endian"},
    {15, "HPPA"}, {18, "Sparc v8+"}, {20, "PowerPC"}, {21, "PowerPC64"}, {22, "IBM S/390"}, {40, "ARM"},
    {42, "Renesas / SuperH SH"}, {43, "Sparc v9"}, {50, "Intel IA-64"}, {62, "Advanced Micro Devices X86-64"},
    {183, "AArch64"}, {243, "RISC-V"}, {247, "Linux BPF"}, {258, "LoongArch"},
};
const std::pair<std::uint16_t, const char *> kMachineShort[] = {
    {2, "SPARC"}, {3, "x86 (i386)"}, {4, "m68k"}, {8, "MIPS"}, {10, "MIPS"}, {15, "PA-RISC"}, {18, "SPARC v8+"},
    {20, "PowerPC"}, {21, "PowerPC64"}, {22, "s390"}, {40, "ARM"}, {42, "SuperH"}, {43, "SPARC v9"}, {50, "IA-64"},
    {62, "x86-64"}, {183, "AArch64"}, {243, "RISC-V"}, {247, "BPF"}, {258, "LoongArch"},
};
const std::pair<std::uint32_t, const char *> kSectionTypes[] = {
    {0, "NULL"}, {1, "PROGBITS"}, {2, "SYMTAB"}, {3, "STRTAB"}, {4, "RELA"}, {5, "HASH"}, {6, "DYNAMIC"},
    {7, "NOTE"}, {8, "NOBITS"}, {9, "REL"}, {10, "SHLIB"}, {11, "DYNSYM"}, {14, "INIT_ARRAY"}, {15, "FINI_ARRAY"},
    {16, "PREINIT_ARRAY"}, {17, "GROUP"}, {18, "SYMTAB SECTION INDICES"}, {19, "RELR"},
    {0x6ffffff6, "GNU_HASH"}, {0x6ffffff7, "GNU_LIBLIST"}, {0x6ffffffd, "VERDEF"}, {0x6ffffffe, "VERNEED"},
    {0x6fffffff, "VERSYM"}, {0x6ffffff0, "VERSYM"}, {0x6ffffffc, "VERDEF"}, {0x7ffffffd, "AUXILIARY"},
    {0x7fffffff, "FILTER"},
};
// readelf's get_solaris_section_type, used when EI_OSABI is Solaris.
const std::pair<std::uint32_t, const char *> kSolarisSectionTypes[] = {
    {0x6fffffee, "SUNW_ancillary"}, {0x6fffffef, "SUNW_capchain"}, {0x6ffffff0, "SUNW_capinfo"},
    {0x6ffffff1, "SUNW_symsort"}, {0x6ffffff2, "SUNW_tlssort"}, {0x6ffffff3, "SUNW_LDYNSYM"}, {0x6ffffff4, "SUNW_dof"},
    {0x6ffffff5, "SUNW_cap"}, {0x6ffffff6, "SUNW_SIGNATURE"}, {0x6ffffff7, "SUNW_ANNOTATE"},
    {0x6ffffff8, "SUNW_DEBUGSTR"}, {0x6ffffff9, "SUNW_DEBUG"}, {0x6ffffffa, "SUNW_move"}, {0x6ffffffb, "SUNW_COMDAT"},
    {0x6ffffffc, "SUNW_syminfo"}, {0x6ffffffd, "SUNW_verdef"}, {0x6ffffffe, "SUNW_verneed"},
    {0x6fffffff, "SUNW_versym"}, {0x70000000, "SPARC_GOTDATA"},
};
const std::pair<std::int64_t, const char *> kSolarisDynamicTags[] = {
    {0x6000000d, "SUNW_AUXILIARY"}, {0x6000000e, "SUNW_RTLDINF"}, {0x6000000f, "SUNW_FILTER"}, {0x60000010, "SUNW_CAP"},
    {0x60000011, "SUNW_SYMTAB"}, {0x60000012, "SUNW_SYMSZ"}, {0x60000013, "SUNW_SORTENT"}, {0x60000014, "SUNW_SYMSORT"},
    {0x60000015, "SUNW_SYMSORTSZ"}, {0x60000016, "SUNW_TLSSORT"}, {0x60000017, "SUNW_TLSSORTSZ"},
    {0x60000018, "SUNW_CAPINFO"}, {0x60000019, "SUNW_STRPAD"}, {0x6000001a, "SUNW_CAPCHAIN"}, {0x6000001b, "SUNW_LDMACH"},
    {0x6000001d, "SUNW_CAPCHAINENT"}, {0x6000001f, "SUNW_CAPCHAINSZ"}, {0x60000021, "SUNW_PARENT"},
    {0x60000023, "SUNW_ASLR"}, {0x60000025, "SUNW_RELAX"}, {0x60000029, "SUNW_NXHEAP"}, {0x6000002b, "SUNW_NXSTACK"},
    {0x70000001, "SPARC_REGISTER"}, {0x7ffffffd, "AUXILIARY"}, {0x7ffffffe, "USED"}, {0x7fffffff, "FILTER"},
};
// readelf's get_mips_dynamic_type.
const std::pair<std::int64_t, const char *> kMipsDynamicTags[] = {
    {0x70000001, "MIPS_RLD_VERSION"}, {0x70000002, "MIPS_TIME_STAMP"}, {0x70000003, "MIPS_ICHECKSUM"},
    {0x70000004, "MIPS_IVERSION"}, {0x70000005, "MIPS_FLAGS"}, {0x70000006, "MIPS_BASE_ADDRESS"},
    {0x70000007, "MIPS_MSYM"}, {0x70000008, "MIPS_CONFLICT"}, {0x70000009, "MIPS_LIBLIST"},
    {0x7000000a, "MIPS_LOCAL_GOTNO"}, {0x7000000b, "MIPS_CONFLICTNO"}, {0x70000010, "MIPS_LIBLISTNO"},
    {0x70000011, "MIPS_SYMTABNO"}, {0x70000012, "MIPS_UNREFEXTNO"}, {0x70000013, "MIPS_GOTSYM"},
    {0x70000014, "MIPS_HIPAGENO"}, {0x70000016, "MIPS_RLD_MAP"}, {0x70000017, "MIPS_DELTA_CLASS"},
    {0x70000018, "MIPS_DELTA_CLASS_NO"}, {0x70000019, "MIPS_DELTA_INSTANCE"}, {0x7000001a, "MIPS_DELTA_INSTANCE_NO"},
    {0x7000001b, "MIPS_DELTA_RELOC"}, {0x7000001c, "MIPS_DELTA_RELOC_NO"}, {0x7000001d, "MIPS_DELTA_SYM"},
    {0x7000001e, "MIPS_DELTA_SYM_NO"}, {0x70000020, "MIPS_DELTA_CLASSSYM"}, {0x70000021, "MIPS_DELTA_CLASSSYM_NO"},
    {0x70000022, "MIPS_CXX_FLAGS"}, {0x70000023, "MIPS_PIXIE_INIT"}, {0x70000024, "MIPS_SYMBOL_LIB"},
    {0x70000025, "MIPS_LOCALPAGE_GOTIDX"}, {0x70000026, "MIPS_LOCAL_GOTIDX"}, {0x70000027, "MIPS_HIDDEN_GOTIDX"},
    {0x70000028, "MIPS_PROTECTED_GOTIDX"}, {0x70000029, "MIPS_OPTIONS"}, {0x7000002a, "MIPS_INTERFACE"},
    {0x7000002b, "MIPS_DYNSTR_ALIGN"}, {0x7000002c, "MIPS_INTERFACE_SIZE"}, {0x7000002d, "MIPS_RLD_TEXT_RESOLVE_ADDR"},
    {0x7000002e, "MIPS_PERF_SUFFIX"}, {0x7000002f, "MIPS_COMPACT_SIZE"}, {0x70000030, "MIPS_GP_VALUE"},
    {0x70000031, "MIPS_AUX_DYNAMIC"}, {0x70000032, "MIPS_PLTGOT"}, {0x70000034, "MIPS_RWPLT"},
    {0x70000035, "MIPS_RLD_MAP_REL"}, {0x70000036, "MIPS_XHASH"},
};
constexpr std::uint8_t kOsAbiSolaris = 6;
// readelf's get_solaris_segment_type.
const std::pair<std::uint32_t, const char *> kSolarisSegmentTypes[] = {
    {0x6464e550, "PT_SUNW_UNWIND"}, {0x6474e550, "PT_SUNW_EH_FRAME"}, {0x6ffffff7, "PT_LOSUNW"},
    {0x6ffffffa, "PT_SUNWBSS"}, {0x6ffffffb, "PT_SUNWSTACK"}, {0x6ffffffc, "PT_SUNWDTRACE"}, {0x6ffffffd, "PT_SUNWCAP"},
    {0x6fffffff, "PT_HISUNW"},
};
const std::pair<std::uint32_t, const char *> kSegmentTypes[] = {
    {0, "NULL"}, {1, "LOAD"}, {2, "DYNAMIC"}, {3, "INTERP"}, {4, "NOTE"}, {5, "SHLIB"}, {6, "PHDR"}, {7, "TLS"},
    {0x6474e550, "GNU_EH_FRAME"}, {0x6474e551, "GNU_STACK"}, {0x6474e552, "GNU_RELRO"}, {0x6474e553, "GNU_PROPERTY"},
    {0x6474e554, "GNU_SFRAME"},
};
const std::pair<std::int64_t, const char *> kDynamicTags[] = {
    {0, "NULL"}, {1, "NEEDED"}, {2, "PLTRELSZ"}, {3, "PLTGOT"}, {4, "HASH"}, {5, "STRTAB"}, {6, "SYMTAB"},
    {7, "RELA"}, {8, "RELASZ"}, {9, "RELAENT"}, {10, "STRSZ"}, {11, "SYMENT"}, {12, "INIT"}, {13, "FINI"},
    {14, "SONAME"}, {15, "RPATH"}, {16, "SYMBOLIC"}, {17, "REL"}, {18, "RELSZ"}, {19, "RELENT"}, {20, "PLTREL"},
    {21, "DEBUG"}, {22, "TEXTREL"}, {23, "JMPREL"}, {24, "BIND_NOW"}, {25, "INIT_ARRAY"}, {26, "FINI_ARRAY"},
    {27, "INIT_ARRAYSZ"}, {28, "FINI_ARRAYSZ"}, {29, "RUNPATH"}, {30, "FLAGS"}, {32, "PREINIT_ARRAY"},
    {33, "PREINIT_ARRAYSZ"}, {34, "SYMTAB_SHNDX"}, {35, "RELRSZ"}, {36, "RELR"}, {37, "RELRENT"},
    {0x6ffffdf5, "GNU_PRELINKED"}, {0x6ffffdf6, "GNU_CONFLICTSZ"}, {0x6ffffdf7, "GNU_LIBLISTSZ"},
    {0x6ffffdf8, "CHECKSUM"}, {0x6ffffdf9, "PLTPADSZ"}, {0x6ffffdfa, "MOVEENT"}, {0x6ffffdfb, "MOVESZ"},
    {0x6ffffdfc, "FEATURE"}, {0x6ffffdfd, "POSFLAG_1"}, {0x6ffffdfe, "SYMINSZ"}, {0x6ffffdff, "SYMINENT"},
    {0x6ffffef5, "GNU_HASH"}, {0x6ffffef6, "TLSDESC_PLT"}, {0x6ffffef7, "TLSDESC_GOT"}, {0x6ffffef8, "GNU_CONFLICT"},
    {0x6ffffef9, "GNU_LIBLIST"}, {0x6ffffefa, "CONFIG"}, {0x6ffffefb, "DEPAUDIT"}, {0x6ffffefc, "AUDIT"},
    {0x6ffffefd, "PLTPAD"}, {0x6ffffefe, "MOVETAB"}, {0x6ffffeff, "SYMINFO"}, {0x6ffffff0, "VERSYM"},
    {0x6ffffff9, "RELACOUNT"}, {0x6ffffffa, "RELCOUNT"}, {0x6ffffffb, "FLAGS_1"}, {0x6ffffffc, "VERDEF"},
    {0x6ffffffd, "VERDEFNUM"}, {0x6ffffffe, "VERNEED"}, {0x6fffffff, "VERNEEDNUM"}, {0x7ffffffd, "AUXILIARY"},
    {0x7fffffff, "FILTER"},
};
const std::pair<std::uint8_t, const char *> kSymbolTypes[] = {
    {0, "NOTYPE"}, {1, "OBJECT"}, {2, "FUNC"}, {3, "SECTION"}, {4, "FILE"}, {5, "COMMON"}, {6, "TLS"},
    {8, "RELC"}, {9, "SRELC"},
};
// clang-format on

} // namespace

QString kindName(BinaryKind kind)
{
    switch (kind) {
    case BinaryKind::Relocatable: return QStringLiteral("relocatable object");
    case BinaryKind::SharedLibrary: return QStringLiteral("shared library");
    case BinaryKind::PieExecutable: return QStringLiteral("position-independent executable");
    case BinaryKind::Executable: return QStringLiteral("executable");
    case BinaryKind::Core: return QStringLiteral("core dump");
    case BinaryKind::OtherElf: return QStringLiteral("ELF file");
    case BinaryKind::Archive: return QStringLiteral("static library (ar archive)");
    case BinaryKind::ThinArchive: return QStringLiteral("thin archive");
    }
    return {};
}

QString machineName(std::uint16_t machine)
{
    if (const char *n = lookup(kMachines, machine))
        return QString::fromLatin1(n);
    return QStringLiteral("<unknown>: 0x%1").arg(machine, 0, 16);
}

QString machineShortName(std::uint16_t machine)
{
    if (const char *n = lookup(kMachineShort, machine))
        return QString::fromLatin1(n);
    return QStringLiteral("machine %1").arg(machine);
}

bool hasPieFlag(const BinaryInfo &info)
{
    constexpr std::int64_t DT_FLAGS_1 = 0x6ffffffb;
    constexpr std::uint64_t DF_1_PIE = 0x08000000;
    for (const auto &d : info.dynamic)
        if (d.tag == DT_FLAGS_1 && (d.value & DF_1_PIE))
            return true;
    return false;
}

QString elfTypeName(std::uint16_t type, bool pieFlag)
{
    switch (type) {
    case 0: return QStringLiteral("NONE (None)");
    case 1: return QStringLiteral("REL (Relocatable file)");
    case 2: return QStringLiteral("EXEC (Executable file)");
    case 3:
        return pieFlag ? QStringLiteral("DYN (Position-Independent Executable file)")
                       : QStringLiteral("DYN (Shared object file)");
    case 4: return QStringLiteral("CORE (Core file)");
    default: return QStringLiteral("<unknown>: %1").arg(type, 0, 16);
    }
}

QString osAbiName(std::uint8_t abi)
{
    switch (abi) {
    case 0: return QStringLiteral("UNIX - System V");
    case 3: return QStringLiteral("UNIX - GNU");
    case 6: return QStringLiteral("UNIX - Solaris");
    case 9: return QStringLiteral("UNIX - FreeBSD");
    default: return QStringLiteral("<unknown: %1>").arg(abi, 0, 16);
    }
}

QString sectionTypeName(std::uint32_t type, std::uint16_t machine, std::uint8_t osAbi)
{
    if (const char *n = lookup(kSectionTypes, type))
        return QString::fromLatin1(n);
    if (osAbi == kOsAbiSolaris)
        if (const char *n = lookup(kSolarisSectionTypes, type))
            return QString::fromLatin1(n);
    if (type == 0x6ffffff5)
        return QStringLiteral("GNU_ATTRIBUTES");
    if (type >= 0x70000000 && type <= 0x7fffffff) {
        if (machine == EM_ARM && type == 0x70000001)
            return QStringLiteral("ARM_EXIDX");
        if (machine == EM_ARM && type == 0x70000003)
            return QStringLiteral("ARM_ATTRIBUTES");
        if (machine == EM_X86_64 && type == 0x70000001)
            return QStringLiteral("X86_64_UNWIND");
        if (machine == EM_RISCV && type == 0x70000003)
            return QStringLiteral("RISCV_ATTRIBUTES");
        if (machine == EM_MIPS && type == 0x70000006)
            return QStringLiteral("MIPS_REGINFO");
        if (machine == EM_MIPS && type == 0x7000000d)
            return QStringLiteral("MIPS_OPTIONS");
        if (machine == EM_MIPS && type == 0x7000001e)
            return QStringLiteral("MIPS_DWARF");
        if (machine == EM_MIPS && type == 0x7000002a)
            return QStringLiteral("MIPS_ABIFLAGS");
        return QStringLiteral("LOPROC+%1").arg(hexString(type - 0x70000000));
    }
    if (type >= 0x60000000 && type < 0x70000000)
        return QStringLiteral("LOOS+%1").arg(hexString(type - 0x60000000));
    if (type >= 0x80000000)
        return QStringLiteral("LOUSER+%1").arg(hexString(type - 0x80000000));
    return QStringLiteral("%1: <unknown>").arg(type, 8, 16, QLatin1Char(u'0')); // readelf: "%08x: <unknown>"
}

QString sectionFlagsText(std::uint64_t flags)
{
    static const std::pair<std::uint64_t, char> kFlags[] = {
        {0x1, 'W'},
        {0x2, 'A'},
        {0x4, 'X'},
        {0x10, 'M'},
        {0x20, 'S'},
        {0x40, 'I'},
        {0x80, 'L'},
        {0x100, 'O'},
        {0x200, 'G'},
        {0x400, 'T'},
        {0x800, 'C'},
        {0x200000, 'R'},
        {0x80000000, 'E'},
    };
    QString out;
    std::uint64_t rest = flags;
    for (const auto &[bit, letter] : kFlags)
        if (flags & bit) {
            out += QLatin1Char(letter);
            rest &= ~bit;
        }
    if (rest & 0x0ff00000)
        out += u'o';
    if (rest & 0xf0000000)
        out += u'p';
    if (rest & ~std::uint64_t(0xfff00000))
        out += u'x';
    return out;
}

QString segmentTypeName(std::uint32_t type, std::uint16_t machine, std::uint8_t osAbi)
{
    if (osAbi == kOsAbiSolaris)
        if (const char *n = lookup(kSolarisSegmentTypes, type))
            return QString::fromLatin1(n);
    if (const char *n = lookup(kSegmentTypes, type))
        return QString::fromLatin1(n);
    if (machine == EM_ARM && type == 0x70000001)
        return QStringLiteral("EXIDX");
    if (machine == EM_MIPS && type == 0x70000000)
        return QStringLiteral("REGINFO");
    if (machine == EM_MIPS && type == 0x70000002)
        return QStringLiteral("OPTIONS");
    if (machine == EM_MIPS && type == 0x70000003)
        return QStringLiteral("ABIFLAGS");
    if (machine == EM_RISCV && type == 0x70000003)
        return QStringLiteral("RISCV_ATTRIBUTES");
    if (machine == EM_AARCH64 && type == 0x70000002)
        return QStringLiteral("AARCH64_MEMTAG_MTE");
    if (type >= 0x70000000 && type <= 0x7fffffff)
        return QStringLiteral("LOPROC+%1").arg(hexString(type - 0x70000000));
    if (type >= 0x60000000 && type < 0x70000000)
        return QStringLiteral("LOOS+%1").arg(hexString(type - 0x60000000));
    return QStringLiteral("<unknown>: %1").arg(type, 0, 16); // readelf: "<unknown>: %lx"
}

QString segmentFlagsText(std::uint32_t flags)
{
    QString out;
    out += (flags & 4) ? u'R' : u' ';
    out += (flags & 2) ? u'W' : u' ';
    out += (flags & 1) ? u'E' : u' ';
    return out;
}

QString dynamicTagName(std::int64_t tag, std::uint16_t machine, std::uint8_t osAbi)
{
    if (const char *n = lookup(kDynamicTags, tag))
        return QString::fromLatin1(n);
    if (osAbi == kOsAbiSolaris)
        if (const char *n = lookup(kSolarisDynamicTags, tag))
            return QString::fromLatin1(n);
    if (machine == EM_MIPS)
        if (const char *n = lookup(kMipsDynamicTags, tag))
            return QString::fromLatin1(n);
    if (machine == EM_AARCH64 && tag == 0x70000001)
        return QStringLiteral("AARCH64_BTI_PLT");
    if (machine == EM_AARCH64 && tag == 0x70000003)
        return QStringLiteral("AARCH64_PAC_PLT");
    if (machine == EM_AARCH64 && tag == 0x70000005)
        return QStringLiteral("AARCH64_VARIANT_PCS");
    if (machine == EM_SPARCV9 && tag == 0x70000001)
        return QStringLiteral("SPARC_REGISTER");
    // readelf prints these numbers in hex without "0x".
    const QString number = QString::number(std::uint64_t(tag), 16);
    if (tag >= 0x70000000 && tag <= 0x7fffffff)
        return QStringLiteral("Processor Specific: %1").arg(number);
    if (tag >= 0x6000000d && tag < 0x70000000)
        return QStringLiteral("Operating System specific: %1").arg(number);
    return QStringLiteral("<unknown>: %1").arg(number);
}

QString symbolTypeName(std::uint8_t type, std::uint16_t machine)
{
    if (const char *n = lookup(kSymbolTypes, type))
        return QString::fromLatin1(n);
    if (type == 10)
        return QStringLiteral("IFUNC");
    if (type >= 13 && type <= 15) {
        if (machine == EM_ARM && type == 13)
            return QStringLiteral("THUMB_FUNC");
        if (machine == EM_SPARCV9 && type == 13)
            return QStringLiteral("REGISTER");
        return QStringLiteral("<processor specific>: %1").arg(type);
    }
    if (type >= 10 && type <= 12)
        return QStringLiteral("<OS specific>: %1").arg(type);
    return QStringLiteral("<unknown>: %1").arg(type);
}

QString symbolBindName(std::uint8_t bind)
{
    switch (bind) {
    case 0: return QStringLiteral("LOCAL");
    case 1: return QStringLiteral("GLOBAL");
    case 2: return QStringLiteral("WEAK");
    case 10: return QStringLiteral("UNIQUE");
    default: break;
    }
    if (bind >= 13)
        return QStringLiteral("<processor specific>: %1").arg(bind);
    if (bind >= 10)
        return QStringLiteral("<OS specific>: %1").arg(bind);
    return QStringLiteral("<unknown>: %1").arg(bind);
}

QString symbolVisibilityName(std::uint8_t vis)
{
    static const char *const names[] = {"DEFAULT", "INTERNAL", "HIDDEN", "PROTECTED"};
    return QString::fromLatin1(names[vis & 3]);
}

QString tableName(SymbolTable table)
{
    return table == SymbolTable::Dynamic ? QStringLiteral(".dynsym") : QStringLiteral(".symtab");
}

QString tableSectionName(const BinaryInfo &info, SymbolTable table)
{
    constexpr std::uint32_t SHT_SYMTAB = 2, SHT_DYNSYM = 11;
    const std::uint32_t type = table == SymbolTable::Dynamic ? SHT_DYNSYM : SHT_SYMTAB;
    for (const SectionInfo &s : info.sections)
        if (s.type == type && !s.name.isEmpty())
            return s.name;
    return tableName(table);
}

QString sectionIndexName(std::uint16_t shndx)
{
    switch (shndx) {
    case 0: return QStringLiteral("UND");
    case 0xfff1: return QStringLiteral("ABS");
    case 0xfff2: return QStringLiteral("COM");
    default: return QString::number(shndx);
    }
}

QString truncationSentence(const BinaryInfo &info)
{
    if (!info.isTruncated())
        return {};
    const QLocale english(QLocale::English);
    return QStringLiteral("Truncated: %1 bytes of at least %2; what lies past the end is missing.")
        .arg(english.toString(qulonglong(info.fileSize)),
            english.formattedDataSize(
                qint64(info.sizeNeeded), info.sizeNeeded < 10240 ? 1 : 0, QLocale::DataSizeSIFormat));
}

QString overviewSentence(const BinaryInfo &info)
{
    if (info.isArchive()) {
        int symbols = 0;
        for (const auto &m : info.members)
            if (m.binary)
                for (const auto &s : m.binary->symbols)
                    symbols += (s.index != 0 && s.isDefined() && s.bind != 0) ? 1 : 0;
        QString s = info.kind == BinaryKind::ThinArchive
            ? QStringLiteral("Thin static library (ar archive that points at %1 object files elsewhere)")
                  .arg(info.members.size())
            : QStringLiteral("Static library (ar archive) with %1 member%2")
                  .arg(info.members.size())
                  .arg(info.members.size() == 1 ? QString() : QStringLiteral("s"));
        s += QStringLiteral(", %1 global symbols defined").arg(symbols);
        if (info.hasArchiveIndex)
            s += QStringLiteral(", an index of %1 symbols for the linker").arg(info.archiveIndex.size());
        else
            s += QStringLiteral(", no symbol index (run ranlib or ar s to add one)");
        return s + u'.';
    }
    QString kind = kindName(info.kind);
    kind[0] = kind[0].toUpper();
    QString s = QStringLiteral("%1 for %2 (%3-bit, %4-endian)")
                    .arg(kind, machineShortName(info.machine))
                    .arg(info.elfClass)
                    .arg(info.bigEndian ? QStringLiteral("big") : QStringLiteral("little"));
    if (!info.soname.isEmpty())
        s += QStringLiteral(", SONAME %1").arg(info.soname);
    if (!info.interpreter.isEmpty())
        s += QStringLiteral(", loaded by %1").arg(info.interpreter);
    if (!info.needed.isEmpty())
        s += QStringLiteral(", needs %1").arg(info.needed.join(QStringLiteral(", ")));
    else if (info.kind == BinaryKind::Executable && info.dynamic.isEmpty())
        s += QStringLiteral(", statically linked");
    return s + u'.';
}

} // namespace linklab::elfnames
