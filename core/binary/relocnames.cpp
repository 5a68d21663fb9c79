// SPDX-License-Identifier: MIT
#include "binary/relocnames.h"

#include "binary/binaryinfo.h"

#include <QHash>

namespace linklab {

namespace {

struct Entry {
    std::uint16_t machine;
    std::uint32_t type;
    const char *name;
};

constexpr Entry kNames[] = {
#include "relocnames.inc"
};

// Where binutils names a type differently from the C library's <elf.h>, or <elf.h> (glibc 2.36) does not know it
// yet: readelf's names win, since it is the reference the tests hold LinkLab to.
constexpr Entry kReadelfNames[] = {
    {3, 7, "R_386_JUMP_SLOT"},
    {6, 7, "R_386_JUMP_SLOT"}, // <elf.h>: R_386_JMP_SLOT
    {40, 10, "R_ARM_THM_CALL"}, // <elf.h>: R_ARM_THM_PC22
    // LoongArch relocations of the 2.0 ABI (binutils 2.40), after <elf.h>'s last, R_LARCH_GNU_VTENTRY (58).
    {258, 64, "R_LARCH_B16"},
    {258, 65, "R_LARCH_B21"},
    {258, 66, "R_LARCH_B26"},
    {258, 67, "R_LARCH_ABS_HI20"},
    {258, 68, "R_LARCH_ABS_LO12"},
    {258, 69, "R_LARCH_ABS64_LO20"},
    {258, 70, "R_LARCH_ABS64_HI12"},
    {258, 71, "R_LARCH_PCALA_HI20"},
    {258, 72, "R_LARCH_PCALA_LO12"},
    {258, 73, "R_LARCH_PCALA64_LO20"},
    {258, 74, "R_LARCH_PCALA64_HI12"},
    {258, 75, "R_LARCH_GOT_PC_HI20"},
    {258, 76, "R_LARCH_GOT_PC_LO12"},
    {258, 77, "R_LARCH_GOT64_PC_LO20"},
    {258, 78, "R_LARCH_GOT64_PC_HI12"},
    {258, 79, "R_LARCH_GOT_HI20"},
    {258, 80, "R_LARCH_GOT_LO12"},
    {258, 81, "R_LARCH_GOT64_LO20"},
    {258, 82, "R_LARCH_GOT64_HI12"},
    {258, 83, "R_LARCH_TLS_LE_HI20"},
    {258, 84, "R_LARCH_TLS_LE_LO12"},
    {258, 85, "R_LARCH_TLS_LE64_LO20"},
    {258, 86, "R_LARCH_TLS_LE64_HI12"},
    {258, 87, "R_LARCH_TLS_IE_PC_HI20"},
    {258, 88, "R_LARCH_TLS_IE_PC_LO12"},
    {258, 89, "R_LARCH_TLS_IE64_PC_LO20"},
    {258, 90, "R_LARCH_TLS_IE64_PC_HI12"},
    {258, 91, "R_LARCH_TLS_IE_HI20"},
    {258, 92, "R_LARCH_TLS_IE_LO12"},
    {258, 93, "R_LARCH_TLS_IE64_LO20"},
    {258, 94, "R_LARCH_TLS_IE64_HI12"},
    {258, 95, "R_LARCH_TLS_LD_PC_HI20"},
    {258, 96, "R_LARCH_TLS_LD_HI20"},
    {258, 97, "R_LARCH_TLS_GD_PC_HI20"},
    {258, 98, "R_LARCH_TLS_GD_HI20"},
    {258, 99, "R_LARCH_32_PCREL"},
    {258, 100, "R_LARCH_RELAX"},
    {258, 102, "R_LARCH_ALIGN"},
    {258, 103, "R_LARCH_PCREL20_S2"},
    {258, 105, "R_LARCH_ADD6"},
    {258, 106, "R_LARCH_SUB6"},
    {258, 107, "R_LARCH_ADD_ULEB128"},
    {258, 108, "R_LARCH_SUB_ULEB128"},
    {258, 109, "R_LARCH_64_PCREL"},
};

const QHash<std::uint64_t, const char *> &table()
{
    static const QHash<std::uint64_t, const char *> names = [] {
        QHash<std::uint64_t, const char *> h;
        h.reserve(std::size(kNames));
        for (const Entry &e : kNames)
            h.insert((std::uint64_t(e.machine) << 32) | e.type, e.name);
        for (const Entry &e : kReadelfNames)
            h.insert((std::uint64_t(e.machine) << 32) | e.type, e.name);
        return h;
    }();
    return names;
}

} // namespace

QString relocationTypeName(std::uint16_t machine, std::uint32_t type)
{
    if (const char *name = table().value((std::uint64_t(machine) << 32) | type))
        return QString::fromLatin1(name);
    return QStringLiteral("unrecognized: %1").arg(type, 0, 16);
}

QString relocationSummary(const BinaryInfo &info)
{
    if (info.relocations.isEmpty())
        return {};
    int plt = 0, got = 0, relative = 0, copy = 0, other = 0;
    for (const RelocationInfo &r : info.relocations) {
        const QString name = relocationTypeName(info.machine, r.type);
        if (name.endsWith(QLatin1String("_JUMP_SLOT")) || name.endsWith(QLatin1String("_JMP_SLOT")))
            ++plt;
        else if (name.endsWith(QLatin1String("_GLOB_DAT")))
            ++got;
        else if (name.endsWith(QLatin1String("_RELATIVE")))
            ++relative;
        else if (name.endsWith(QLatin1String("_COPY")))
            ++copy;
        else
            ++other;
    }
    const auto n = [](int count, const char *one, const char *many) {
        return QStringLiteral("%1 %2").arg(count).arg(QLatin1String(count == 1 ? one : many));
    };
    if (info.kind == BinaryKind::Relocatable)
        return QStringLiteral("%1 for the linker to fill in when it places this object in a program or library.")
            .arg(n(int(info.relocations.size()), "relocation", "relocations"));
    QStringList parts;
    if (plt)
        parts << QStringLiteral("%1 through the PLT, bound by the loader (lazily, at the first call, unless "
                                "BIND_NOW)")
                     .arg(n(plt, "call goes", "calls go"));
    if (got)
        parts << QStringLiteral("%1 filled in by the loader with a symbol's address (GOT entries)")
                     .arg(n(got, "data reference is", "data references are"));
    if (relative)
        parts << QStringLiteral("%1 moved by the load address (no symbol lookup)")
                     .arg(n(relative, "pointer is", "pointers are"));
    if (copy)
        parts
            << QStringLiteral("%1 copied from a library into the program").arg(n(copy, "variable is", "variables are"));
    if (other)
        parts << QStringLiteral("%1 of other kinds").arg(n(other, "relocation", "relocations"));
    return parts.join(QStringLiteral("; ")) + u'.';
}

} // namespace linklab
