// SPDX-License-Identifier: MIT
#pragma once

#include "common/tablepage.h"

#include "binary/binaryinfo.h"

#include <memory>

class QCheckBox;
class QComboBox;

namespace linklab {

class SymbolFilterProxy;
class SymbolModel;

// The symbols of one file with the filters people reach for when reading nm output:
// type, binding, defined or undefined, which table, and demangled names.
class SymbolsPage : public TablePage
{
    Q_OBJECT
public:
    explicit SymbolsPage(const std::shared_ptr<const BinaryInfo> &binary, QWidget *parent = nullptr);

    SymbolModel *model() const { return m_model; }
    SymbolFilterProxy *symbolProxy() const;
    QComboBox *typeCombo() const { return m_type; }
    QComboBox *bindCombo() const { return m_bind; }
    QComboBox *definitionCombo() const { return m_definition; }
    QComboBox *tableCombo() const { return m_table; }
    QCheckBox *demangleCheck() const { return m_demangle; }

    // Selects and shows BinaryInfo::symbols[index], clearing the filters that hide it; false when there is none.
    bool selectSymbol(int index);

private:
    QComboBox *addCombo(const QString &toolTip, const QString &objectName);
    void applyCombos();

    SymbolModel *m_model;
    QComboBox *m_type;
    QComboBox *m_bind;
    QComboBox *m_definition;
    QComboBox *m_table;
    QCheckBox *m_demangle;
};

} // namespace linklab
