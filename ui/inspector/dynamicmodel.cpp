// SPDX-License-Identifier: MIT
#include "inspector/dynamicmodel.h"

#include "binary/hexformat.h"

#include "binary/elfnames.h"

namespace linklab {

namespace {
// Tags whose meaning a learner asks about first.
QString tagExplanation(std::int64_t tag)
{
    switch (tag) {
    case 1: return DynamicModel::tr("A library this object needs; the loader searches for it by this name");
    case 14:
        return DynamicModel::tr(
            "The name other objects record in their NEEDED entries when they link against this one");
    case 15:
        return DynamicModel::tr("Old-style search path, searched before LD_LIBRARY_PATH (and for dependencies too)");
    case 29:
        return DynamicModel::tr("Search path for this object's own NEEDED entries, searched after LD_LIBRARY_PATH");
    default: return {};
    }
}
} // namespace

DynamicModel::DynamicModel(QObject *parent)
    : BinaryTableModel(
        {
            {tr("Tag"), tr("d_tag as a number"), true},
            {tr("Type"), tr("d_tag as readelf -d names it")},
            {tr("Name/Value"), tr("d_val or d_ptr; strings (NEEDED, SONAME, RPATH, RUNPATH) read from .dynstr")},
        },
        parent)
{
}

int DynamicModel::rows() const
{
    return m_binary ? int(m_binary->dynamic.size()) : 0;
}

QString DynamicModel::text(int row, int column) const
{
    const DynamicEntry &e = m_binary->dynamic.at(row);
    switch (column) {
    case TagColumn: return hexAddress(quint64(e.tag), m_binary->elfClass);
    case TypeColumn: return elfnames::dynamicTagName(e.tag, m_binary->machine, m_binary->osAbi);
    case ValueColumn: return e.text.isEmpty() ? hexString(e.value) : e.text;
    default: return {};
    }
}

QVariant DynamicModel::sortValue(int row, int column) const
{
    const DynamicEntry &e = m_binary->dynamic.at(row);
    switch (column) {
    case TagColumn: return qlonglong(e.tag);
    // One type per column (Qt compares by the left value's type): numbers as zero-padded hex text, so numeric
    // values sort numerically among themselves and after the names of NEEDED, SONAME, RPATH and RUNPATH.
    case ValueColumn: return e.text.isEmpty() ? QStringLiteral("~%1").arg(e.value, 16, 16, QLatin1Char('0')) : e.text;
    default: return text(row, column);
    }
}

QString DynamicModel::toolTip(int row, int column) const
{
    if (column != TypeColumn)
        return {};
    return tagExplanation(m_binary->dynamic.at(row).tag);
}

} // namespace linklab
