// SPDX-License-Identifier: MIT
#include "builder/diagnosticmodel.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QStyle>

#include <algorithm>

namespace linklab {

DiagnosticModel::DiagnosticModel(QObject *parent)
    : TableModelBase(
        {
            {tr("Severity"), tr("error and fatal error stop the build; warning and note do not")},
            {tr("File"), tr("The file the message is about (hover for the full path)")},
            {tr("Line"), tr("1-based line; empty for linker messages, which have none"), true},
            {tr("Column"), tr("1-based column on that line"), true},
            {tr("Message"), tr("What the compiler or linker said")},
        },
        parent)
{
}

void DiagnosticModel::setDiagnostics(QList<Diagnostic> diagnostics)
{
    resetWith([&] { m_diagnostics = std::move(diagnostics); });
}

void DiagnosticModel::addDiagnostics(const QList<Diagnostic> &diagnostics)
{
    if (diagnostics.isEmpty())
        return;
    const int first = int(m_diagnostics.size());
    beginInsertRows({}, first, first + int(diagnostics.size()) - 1);
    m_diagnostics.append(diagnostics);
    endInsertRows();
}

int DiagnosticModel::errorCount() const
{
    return int(
        std::count_if(m_diagnostics.cbegin(), m_diagnostics.cend(), [](const Diagnostic &d) { return d.isError(); }));
}

int DiagnosticModel::warningCount() const
{
    return int(std::count_if(
        m_diagnostics.cbegin(), m_diagnostics.cend(), [](const Diagnostic &d) { return d.severity == u"warning"; }));
}

int DiagnosticModel::rows() const
{
    return int(m_diagnostics.size());
}

QString DiagnosticModel::text(int row, int column) const
{
    const Diagnostic &d = m_diagnostics.at(row);
    switch (Column(column)) {
    case SeverityColumn: return d.severity;
    case FileColumn: return d.file.isEmpty() ? QString() : QFileInfo(d.file).fileName();
    case LineColumn: return d.line > 0 ? QString::number(d.line) : QString();
    case ColumnColumn: return d.column > 0 ? QString::number(d.column) : QString();
    case MessageColumn: return d.message;
    }
    return {};
}

QVariant DiagnosticModel::sortValue(int row, int column) const
{
    const Diagnostic &d = m_diagnostics.at(row);
    switch (Column(column)) {
    case LineColumn: return d.line;
    case ColumnColumn: return d.column;
    case FileColumn: return d.file;
    default: return text(row, column);
    }
}

QString DiagnosticModel::toolTip(int row, int column) const
{
    const Diagnostic &d = m_diagnostics.at(row);
    if (column == FileColumn)
        return QDir::toNativeSeparators(d.file);
    if (column == MessageColumn)
        return d.message;
    return {};
}

QVariant DiagnosticModel::decoration(int row, int column) const
{
    if (column != SeverityColumn)
        return {};
    const Diagnostic &d = m_diagnostics.at(row);
    QStyle *style = QApplication::style();
    if (d.isError())
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    if (d.severity == u"warning")
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

} // namespace linklab
