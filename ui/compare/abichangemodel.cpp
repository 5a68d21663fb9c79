// SPDX-License-Identifier: MIT
#include "compare/abichangemodel.h"

#include "binary/elfnames.h"

#include <QIcon>

namespace linklab {

namespace {

QList<TableModelBase::Column> columnsFor(AbiChangeModel::Part part)
{
    using C = TableModelBase::Column;
    const C breaks {AbiChangeModel::tr("Breaks"),
        AbiChangeModel::tr("Whether this change breaks programs linked against the old file"), false};
    if (part == AbiChangeModel::Part::Library)
        return {breaks, C {AbiChangeModel::tr("What"), AbiChangeModel::tr("SONAME, NEEDED or symbol version")},
            C {AbiChangeModel::tr("Old"), {}}, C {AbiChangeModel::tr("New"), {}},
            C {AbiChangeModel::tr("Effect"), AbiChangeModel::tr("What it does to programs")}};
    QList<C> columns {breaks, C {AbiChangeModel::tr("Symbol"), AbiChangeModel::tr("Name@version as nm prints it")},
        C {AbiChangeModel::tr("Type"), AbiChangeModel::tr("STT_* as readelf prints it")},
        C {AbiChangeModel::tr("Binding"), AbiChangeModel::tr("STB_* as readelf prints it")},
        C {AbiChangeModel::tr("Size"), AbiChangeModel::tr("st_size in bytes"), true}};
    if (part == AbiChangeModel::Part::Changed)
        columns << C {AbiChangeModel::tr("Change"), AbiChangeModel::tr("What changed between the two files")}
                << C {AbiChangeModel::tr("Effect"), AbiChangeModel::tr("What it does to programs")};
    else
        columns << C {AbiChangeModel::tr("Demangled"), AbiChangeModel::tr("The C++ name, when it is one")};
    return columns;
}

QString yes(bool breaking)
{
    return breaking ? AbiChangeModel::tr("breaks") : AbiChangeModel::tr("no");
}

} // namespace

AbiChangeModel::AbiChangeModel(Part part, QObject *parent)
    : TableModelBase(columnsFor(part), parent)
    , m_part(part)
{
}

void AbiChangeModel::setComparison(const AbiComparison &c)
{
    resetWith([&] {
        m_rows.clear();
        auto symbolRow = [&](const ExportedSymbol &s, bool breaking) {
            Row r;
            r.breaking = breaking;
            r.size = s.size;
            r.cells << yes(breaking) << s.displayName() << elfnames::symbolTypeName(s.type, 0)
                    << elfnames::symbolBindName(s.bind) << QString::number(s.size)
                    << (s.demangled == s.name ? QString() : s.demangled);
            m_rows.append(r);
        };
        switch (m_part) {
        case Part::Removed:
            for (const ExportedSymbol &s : c.removed)
                symbolRow(s, true);
            break;
        case Part::Added:
            for (const ExportedSymbol &s : c.added)
                symbolRow(s, false);
            break;
        case Part::Changed:
            for (const SymbolChange &ch : c.changed) {
                Row r;
                r.breaking = ch.breaking;
                r.size = ch.after.size;
                const QString size = ch.before.size == ch.after.size
                    ? QString::number(ch.after.size)
                    : QStringLiteral("%1 → %2").arg(ch.before.size).arg(ch.after.size);
                r.cells << yes(ch.breaking) << ch.before.displayName() << elfnames::symbolTypeName(ch.after.type, 0)
                        << elfnames::symbolBindName(ch.after.bind) << size << ch.what.join(QStringLiteral(", "))
                        << ch.effect;
                m_rows.append(r);
            }
            break;
        case Part::Library: {
            auto add = [&](bool breaking, const QString &what, const QString &before, const QString &after,
                           const QString &effect) {
                Row r;
                r.breaking = breaking;
                r.cells << yes(breaking) << what << before << after << effect;
                m_rows.append(r);
            };
            if (c.sonameChanged)
                add(c.sonameBreaking, tr("SONAME"), c.oldSoname, c.newSoname,
                    c.sonameBreaking ? tr("programs linked against the old file ask for %1").arg(c.oldSoname)
                                     : tr("the old file had none: programs recorded its file name"));
            for (const QString &n : c.neededAdded)
                add(false, tr("NEEDED added"), {}, n, tr("must be installed wherever the new file is"));
            for (const QString &n : c.neededRemoved)
                add(false, tr("NEEDED removed"), n, {}, tr("programs that relied on it without linking it fail"));
            for (const QString &v : c.versionsAdded)
                add(false, tr("version added"), {}, v, {});
            for (const QString &v : c.versionsRemoved)
                add(true, tr("version removed"), v, {}, tr("\"version `%1' not found\" at start").arg(v));
            if (!c.machineChange.isEmpty())
                add(true, tr("machine"), c.machineChange.section(QStringLiteral(" -> "), 0, 0),
                    c.machineChange.section(QStringLiteral(" -> "), 1), tr("the old programs cannot load it"));
            break;
        }
        }
    });
}

QString AbiChangeModel::text(int row, int column) const
{
    return m_rows.value(row).cells.value(column);
}

QVariant AbiChangeModel::sortValue(int row, int column) const
{
    if (m_part != Part::Library && column == 4)
        return qulonglong(m_rows.value(row).size);
    return text(row, column);
}

QVariant AbiChangeModel::decoration(int row, int column) const
{
    if (column == 0 && m_rows.value(row).breaking)
        return QIcon::fromTheme(QStringLiteral("dialog-warning"));
    return {};
}

} // namespace linklab
