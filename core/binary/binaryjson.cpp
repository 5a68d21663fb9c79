// SPDX-License-Identifier: MIT
#include "binary/binaryjson.h"
#include "binary/openbinary.h"

#include "binary/elfnames.h"
#include "binary/hexformat.h"
#include "binary/relocnames.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace linklab {

QJsonValue jsonSize(std::uint64_t value)
{
    constexpr std::uint64_t kExactInDouble = std::uint64_t(1) << 53;
    if (value <= kExactInDouble)
        return QJsonValue(qint64(value));
    return hexString(value); // a hostile header's size would lose digits as a JSON number
}

void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
            if (std::uint8_t(c) < 0x20)
                out += "\\u00" + QByteArray::number(std::uint8_t(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
}

QString kindKey(BinaryKind kind)
{
    switch (kind) {
    case BinaryKind::Relocatable: return QStringLiteral("relocatable");
    case BinaryKind::SharedLibrary: return QStringLiteral("shared-library");
    case BinaryKind::PieExecutable: return QStringLiteral("pie-executable");
    case BinaryKind::Executable: return QStringLiteral("executable");
    case BinaryKind::Core: return QStringLiteral("core");
    case BinaryKind::OtherElf: return QStringLiteral("other-elf");
    case BinaryKind::Archive: return QStringLiteral("archive");
    case BinaryKind::ThinArchive: return QStringLiteral("thin-archive");
    }
    return {};
}

QJsonObject symbolToJson(const SymbolInfo &s, const BinaryInfo &owner)
{
    return QJsonObject {
        {QStringLiteral("table"), elfnames::tableSectionName(owner, s.table)},
        {QStringLiteral("index"), s.index},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("demangled"), s.demangled},
        {QStringLiteral("version"), s.versionSuffix()},
        {QStringLiteral("value"), hexString(s.value)},
        {QStringLiteral("size"), jsonSize(s.size)},
        {QStringLiteral("type"), elfnames::symbolTypeName(s.type, owner.machine)},
        {QStringLiteral("bind"), elfnames::symbolBindName(s.bind)},
        {QStringLiteral("visibility"), elfnames::symbolVisibilityName(s.visibility)},
        {QStringLiteral("section"), s.sectionName},
        {QStringLiteral("section_index"), int(s.sectionIndex)},
        {QStringLiteral("nm"), QString(QLatin1Char(s.nm))},
    };
}

namespace {

QJsonArray sectionsJson(const BinaryInfo &info)
{
    QJsonArray out;
    for (const auto &s : info.sections)
        out.append(QJsonObject {
            {QStringLiteral("index"), s.index},
            {QStringLiteral("name"), s.name},
            {QStringLiteral("type"), elfnames::sectionTypeName(s.type, info.machine, info.osAbi)},
            {QStringLiteral("address"), hexString(s.address)},
            {QStringLiteral("offset"), hexString(s.offset)},
            {QStringLiteral("size"), jsonSize(s.size)},
            {QStringLiteral("flags"), elfnames::sectionFlagsText(s.flags)},
            {QStringLiteral("link"), qint64(s.link)},
            {QStringLiteral("info"), qint64(s.info)},
            {QStringLiteral("alignment"), jsonSize(s.alignment)},
            {QStringLiteral("entry_size"), jsonSize(s.entrySize)},
        });
    return out;
}

QJsonArray segmentsJson(const BinaryInfo &info)
{
    QJsonArray out;
    for (const auto &s : info.segments)
        out.append(QJsonObject {
            {QStringLiteral("type"), elfnames::segmentTypeName(s.type, info.machine, info.osAbi)},
            {QStringLiteral("flags"), elfnames::segmentFlagsText(s.flags).trimmed().remove(u' ')},
            {QStringLiteral("offset"), hexString(s.offset)},
            {QStringLiteral("virtual_address"), hexString(s.virtualAddress)},
            {QStringLiteral("physical_address"), hexString(s.physicalAddress)},
            {QStringLiteral("file_size"), jsonSize(s.fileSize)},
            {QStringLiteral("memory_size"), jsonSize(s.memorySize)},
            {QStringLiteral("alignment"), jsonSize(s.alignment)},
        });
    return out;
}

QJsonArray dynamicJson(const BinaryInfo &info)
{
    QJsonArray out;
    for (const auto &d : info.dynamic) {
        QJsonObject o {{QStringLiteral("tag"), elfnames::dynamicTagName(d.tag, info.machine, info.osAbi)},
            {QStringLiteral("tag_value"), hexString(std::uint64_t(d.tag))},
            {QStringLiteral("value"), hexString(d.value)}};
        if (!d.text.isEmpty())
            o.insert(QStringLiteral("text"), d.text);
        out.append(o);
    }
    return out;
}

} // namespace

QJsonObject relocationToJson(const RelocationInfo &r, const BinaryInfo &owner)
{
    return QJsonObject {
        {QStringLiteral("section"), r.section < owner.sections.size() ? owner.sections[r.section].name : QString()},
        {QStringLiteral("offset"), hexString(r.offset)},
        {QStringLiteral("type"), relocationTypeName(owner.machine, r.type)},
        {QStringLiteral("symbol"), r.symbol},
        {QStringLiteral("version"), r.version},
        {QStringLiteral("addend"), qint64(r.addend)},
    };
}

namespace {

QJsonObject toJsonObject(const BinaryInfo &info, bool withSymbols)
{
    QJsonObject o;
    o.insert(QStringLiteral("path"), info.path);
    o.insert(QStringLiteral("format"), info.isArchive() ? QStringLiteral("ar") : QStringLiteral("elf"));
    o.insert(QStringLiteral("kind"), kindKey(info.kind));
    o.insert(QStringLiteral("summary"), elfnames::overviewSentence(info));
    const QJsonArray warnings = QJsonArray::fromStringList(info.warnings);
    o.insert(QStringLiteral("errors"), QJsonArray::fromStringList(info.errors));

    if (info.isArchive()) {
        QJsonArray members;
        for (const auto &m : info.members) {
            QJsonObject mo {{QStringLiteral("name"), m.name}, {QStringLiteral("offset"), hexString(m.offset)},
                {QStringLiteral("size"), jsonSize(m.size)}};
            if (!m.path.isEmpty())
                mo.insert(QStringLiteral("path"), m.path);
            if (m.binary)
                mo.insert(QStringLiteral("binary"), toJson(*m.binary));
            if (!m.error.isEmpty())
                mo.insert(QStringLiteral("error"), m.error);
            members.append(mo);
        }
        QJsonArray index;
        for (const auto &[symbol, member] : info.archiveIndex)
            index.append(QJsonObject {{QStringLiteral("symbol"), symbol}, {QStringLiteral("member"), member}});
        o.insert(QStringLiteral("members"), members);
        o.insert(QStringLiteral("archive_index"), index);
        o.insert(QStringLiteral("warnings"), warnings);
        return o;
    }

    o.insert(QStringLiteral("class"), QStringLiteral("ELF%1").arg(info.elfClass));
    o.insert(QStringLiteral("endian"), info.bigEndian ? QStringLiteral("big") : QStringLiteral("little"));
    o.insert(QStringLiteral("machine"), elfnames::machineName(info.machine));
    o.insert(QStringLiteral("machine_code"), int(info.machine));
    o.insert(QStringLiteral("type"), elfnames::elfTypeName(info.elfType, elfnames::hasPieFlag(info)));
    o.insert(QStringLiteral("os_abi"), elfnames::osAbiName(info.osAbi));
    o.insert(QStringLiteral("entry"), hexString(info.entry));
    o.insert(QStringLiteral("flags"), hexString(info.flags));
    // Where the ELF header says its own size and its two tables are, as readelf -h prints them.
    const auto table = [](std::uint64_t offset, std::uint16_t entrySize, std::uint64_t count) {
        return QJsonObject {{QStringLiteral("offset"), jsonSize(offset)},
            {QStringLiteral("entry_size"), int(entrySize)}, {QStringLiteral("count"), jsonSize(count)}};
    };
    o.insert(QStringLiteral("header"),
        QJsonObject {{QStringLiteral("size"), int(info.headerSize)},
            {QStringLiteral("program_headers"),
                table(info.programHeaderOffset, info.programHeaderEntrySize, info.programHeaderCount)},
            {QStringLiteral("section_headers"),
                table(info.sectionHeaderOffset, info.sectionHeaderEntrySize, info.sectionHeaderCount)}});
    o.insert(QStringLiteral("interpreter"), info.interpreter);
    o.insert(QStringLiteral("soname"), info.soname);
    o.insert(QStringLiteral("needed"), QJsonArray::fromStringList(info.needed));
    o.insert(QStringLiteral("rpath"), QJsonArray::fromStringList(info.rpath));
    o.insert(QStringLiteral("runpath"), QJsonArray::fromStringList(info.runpath));
    o.insert(QStringLiteral("sections"), sectionsJson(info));
    o.insert(QStringLiteral("segments"), segmentsJson(info));
    o.insert(QStringLiteral("dynamic"), dynamicJson(info));
    if (withSymbols) {
        QJsonArray symbols;
        for (const auto &s : info.symbols)
            symbols.append(symbolToJson(s, info));
        o.insert(QStringLiteral("symbols"), symbols);
        QJsonArray relocations;
        for (const auto &r : info.relocations)
            relocations.append(relocationToJson(r, info));
        o.insert(QStringLiteral("relocations"), relocations);
    }
    o.insert(QStringLiteral("warnings"), warnings);
    return o;
}

// One symbol as symbolToJson() gives it, written straight out: a QJsonObject per symbol costs ~20 us and
// ~1.5 KB, which for the hundreds of thousands of symbols of a big (or hostile) file is seconds and gigabytes.
void appendSymbolJson(QByteArray &out, const SymbolInfo &s, const BinaryInfo &owner)
{
    const auto field = [&out](const char *key, const QString &value) {
        out += '"';
        out += key;
        out += "\":";
        appendJsonString(out, value);
        out += ',';
    };
    const auto number = [&out](const char *key, std::uint64_t value) {
        out += '"';
        out += key;
        out += "\":";
        out += QByteArray::number(value);
        out += ',';
    };
    out += '{';
    field("bind", elfnames::symbolBindName(s.bind));
    field("demangled", s.demangled);
    number("index", std::uint64_t(s.index));
    field("name", s.name);
    field("nm", QString(QLatin1Char(s.nm)));
    field("section", s.sectionName);
    number("section_index", s.sectionIndex);
    if (s.size <= (std::uint64_t(1) << 53))
        number("size", s.size);
    else
        field("size", hexString(s.size));
    field("table", elfnames::tableSectionName(owner, s.table));
    field("type", elfnames::symbolTypeName(s.type, owner.machine));
    field("value", hexString(s.value));
    field("version", s.versionSuffix());
    field("visibility", elfnames::symbolVisibilityName(s.visibility));
    out.chop(1);
    out += '}';
}

} // namespace

QJsonObject toJson(const BinaryInfo &info)
{
    return toJsonObject(info, true);
}

QByteArray toCompactJson(const BinaryInfo &info)
{
    QByteArray out = QJsonDocument(toJsonObject(info, false)).toJson(QJsonDocument::Compact);
    if (info.isArchive())
        return out;
    out.chop(1); // the closing brace: the symbols follow
    out.reserve(out.size() + info.symbols.size() * 256);
    out += ",\"symbols\":[";
    for (const SymbolInfo &s : info.symbols) {
        appendSymbolJson(out, s, info);
        out += ',';
    }
    if (!info.symbols.isEmpty())
        out.chop(1);
    out += "],\"relocations\":[";
    for (const RelocationInfo &r : info.relocations) {
        out += "{\"addend\":" + QByteArray::number(qint64(r.addend)) + ",\"offset\":\"" + hexString(r.offset).toLatin1()
            + "\",\"section\":";
        appendJsonString(out, r.section < info.sections.size() ? info.sections[r.section].name : QString());
        out += ",\"symbol\":";
        appendJsonString(out, r.symbol);
        out += ",\"type\":";
        appendJsonString(out, relocationTypeName(info.machine, r.type));
        out += ",\"version\":";
        appendJsonString(out, r.version);
        out += "},";
    }
    if (!info.relocations.isEmpty())
        out.chop(1);
    out += "]}";
    return out;
}

QJsonObject toJson(const OpenError &error)
{
    return QJsonObject {{QStringLiteral("path"), error.path}, {QStringLiteral("error"), error.message}};
}

namespace {
QJsonArray nmSymbolArray(const BinaryInfo &info, const NmOptions &options)
{
    QJsonArray out;
    for (const SymbolInfo *s : nmSymbols(info, options))
        out.append(symbolToJson(*s, info));
    return out;
}
} // namespace

QJsonObject nmSymbolsToJson(const BinaryInfo &info, const QString &path, const NmOptions &options)
{
    QJsonObject file {{QStringLiteral("path"), path}};
    if (!info.isArchive()) {
        file.insert(QStringLiteral("symbols"), nmSymbolArray(info, options));
    } else {
        QJsonArray members;
        for (const auto &m : info.members) {
            QJsonObject member {{QStringLiteral("name"), m.name}};
            if (m.binary)
                member.insert(QStringLiteral("symbols"), nmSymbolArray(*m.binary, options));
            else
                member.insert(QStringLiteral("error"), m.error);
            members.append(member);
        }
        file.insert(QStringLiteral("members"), members);
    }
    file.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(info.warnings));
    file.insert(QStringLiteral("errors"), QJsonArray::fromStringList(info.errors));
    return file;
}

} // namespace linklab
