// SPDX-License-Identifier: MIT
#pragma once

#include "common/tablemodelbase.h"

#include "builder/diagnostics.h"

namespace linklab {

// The compiler's and linker's messages of the last build, one row each: severity (with an icon), file, line,
// column, message. Rows are in the order the tools printed them.
class DiagnosticModel : public TableModelBase
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, FileColumn, LineColumn, ColumnColumn, MessageColumn };

    explicit DiagnosticModel(QObject *parent = nullptr);

    void setDiagnostics(QList<Diagnostic> diagnostics);
    void addDiagnostics(const QList<Diagnostic> &diagnostics);
    void clear() { setDiagnostics({}); }
    const QList<Diagnostic> &diagnostics() const { return m_diagnostics; }
    const Diagnostic &diagnostic(int row) const { return m_diagnostics.at(row); }
    int errorCount() const;
    int warningCount() const;

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant sortValue(int row, int column) const override;
    QString toolTip(int row, int column) const override;
    QVariant decoration(int row, int column) const override;

private:
    QList<Diagnostic> m_diagnostics;
};

} // namespace linklab
