// SPDX-License-Identifier: MIT
#include "inspector/symbolmodel.h"

#include "binary/hexformat.h"

#include "binary/elfnames.h"

#include <algorithm>

namespace linklab {

SymbolModel::SymbolModel(QObject *parent)
    : BinaryTableModel(
        {
            {tr("Table"),
                tr("Symbol table: .dynsym is what the dynamic loader sees, .symtab is the full table the linker uses "
                   "(often stripped)")},
            {tr("Num"), tr("Index of the symbol in its table, as readelf --syms numbers it"), true},
            {tr("Value"), tr("st_value: the symbol's address (or offset in its section for object files)"), true},
            {tr("Size"), tr("st_size in bytes"), true},
            {tr("Type"), tr("STT_*: FUNC is code, OBJECT is data, NOTYPE has no type, IFUNC is resolved at load time")},
            {tr("Bind"),
                tr("STB_*: GLOBAL is visible to other objects, LOCAL only inside this one, WEAK may be overridden")},
            {tr("Vis"), tr("STV_*: DEFAULT is exported, HIDDEN stays inside the shared object")},
            {tr("Section"),
                tr("Section the symbol is defined in; UND means undefined here, to be found in another object")},
            {tr("nm"),
                tr("nm's type letter: upper case is global, lower case local; U undefined, T code, D/B data, R "
                   "read-only")},
            {tr("Version"), tr("Symbol version: @@ is the default version, @ a hidden or required one")},
            {tr("Name"), tr("Symbol name (C++ names demangled when \"Demangle\" is on)")},
        },
        parent)
{
}

void SymbolModel::setDemangle(bool on)
{
    if (on == m_demangle)
        return;
    m_demangle = on;
    if (rows() > 0)
        Q_EMIT dataChanged(index(0, NameColumn), index(rows() - 1, NameColumn));
}

QString SymbolModel::shownName(int row) const
{
    const SymbolInfo &s = symbol(row);
    return m_demangle ? s.demangled : s.name;
}

QList<std::uint8_t> SymbolModel::typesPresent() const
{
    QList<std::uint8_t> types;
    if (!m_binary)
        return types;
    for (const SymbolInfo &s : m_binary->symbols) {
        if (!types.contains(s.type))
            types.append(s.type);
    }
    std::sort(types.begin(), types.end());
    return types;
}

int SymbolModel::rows() const
{
    return m_binary ? int(m_binary->symbols.size()) : 0;
}

QString SymbolModel::text(int row, int column) const
{
    const SymbolInfo &s = symbol(row);
    switch (column) {
    case TableColumn: return elfnames::tableName(s.table);
    case NumColumn: return QString::number(s.index);
    case ValueColumn: return hexAddress(s.value, m_binary->elfClass);
    case SizeColumn: return QString::number(s.size);
    case TypeColumn: return elfnames::symbolTypeName(s.type, m_binary->machine);
    case BindColumn: return elfnames::symbolBindName(s.bind);
    case VisibilityColumn: return elfnames::symbolVisibilityName(s.visibility);
    case SectionColumn: return s.sectionName;
    case NmColumn: return QString(QLatin1Char(s.nm));
    case VersionColumn: return s.versionSuffix();
    case NameColumn: return shownName(row);
    default: return {};
    }
}

QVariant SymbolModel::sortValue(int row, int column) const
{
    const SymbolInfo &s = symbol(row);
    switch (column) {
    case TableColumn: return int(s.table);
    case NumColumn:
        // Table first so that ".dynsym 3" and ".symtab 3" do not interleave.
        return (qlonglong(s.table) << 32) | qlonglong(s.index);
    case ValueColumn: return qulonglong(s.value);
    case SizeColumn: return qulonglong(s.size);
    // The ELF constants themselves: sorting groups FUNC, OBJECT, ... in the order of the standard.
    case TypeColumn: return int(s.type);
    case BindColumn: return int(s.bind);
    case VisibilityColumn: return int(s.visibility);
    case NmColumn: return int(s.nm);
    default: return text(row, column);
    }
}

QString SymbolModel::toolTip(int row, int column) const
{
    const SymbolInfo &s = symbol(row);
    switch (column) {
    case NmColumn: return nmLetterMeaning(s.nm);
    case NameColumn:
        if (s.demangled != s.name)
            return s.demangled + QLatin1Char('\n') + s.name + s.versionSuffix();
        return s.displayName();
    case SectionColumn: return tr("st_shndx = %1").arg(elfnames::sectionIndexName(s.sectionIndex));
    default: return {};
    }
}

QString nmLetterMeaning(char letter)
{
    const bool global = letter >= 'A' && letter <= 'Z';
    QString what;
    switch (QChar::toLower(char16_t(letter))) {
    case u'u': return SymbolModel::tr("U: undefined, must come from another object");
    case u'w': what = SymbolModel::tr("weak symbol, may be overridden or missing"); break;
    case u'v': what = SymbolModel::tr("weak object, may be overridden or missing"); break;
    case u't': what = SymbolModel::tr("code in the text section"); break;
    case u'd': what = SymbolModel::tr("initialised data"); break;
    case u'b': what = SymbolModel::tr("zero-initialised data (BSS)"); break;
    case u'r': what = SymbolModel::tr("read-only data"); break;
    case u'a': what = SymbolModel::tr("absolute value, not an address in a section"); break;
    case u'c': what = SymbolModel::tr("common symbol, merged by the linker"); break;
    case u'i': what = SymbolModel::tr("indirect function (IFUNC), resolved at load time"); break;
    case u'n': what = SymbolModel::tr("debugging symbol"); break;
    case u'g':
    case u's': what = SymbolModel::tr("small data"); break;
    default: return SymbolModel::tr("%1: other").arg(QLatin1Char(letter));
    }
    const QString l(QLatin1Char {letter});
    if (letter == 'w' || letter == 'v' || letter == 'W' || letter == 'V')
        return SymbolModel::tr("%1: %2%3")
            .arg(l, what, letter >= 'a' ? SymbolModel::tr(" (undefined here)") : QString());
    return SymbolModel::tr("%1: %2, %3").arg(l, what, global ? SymbolModel::tr("global") : SymbolModel::tr("local"));
}

} // namespace linklab
