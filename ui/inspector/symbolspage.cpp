// SPDX-License-Identifier: MIT
#include "inspector/symbolspage.h"

#include "common/filterbar.h"
#include "inspector/symbolfilterproxy.h"
#include "inspector/symbolmodel.h"

#include "binary/elfnames.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTreeView>

namespace linklab {

namespace {
// STB_* values for the binding filter, in the order people look for them.
constexpr std::uint8_t Bindings[] = {1 /*GLOBAL*/, 2 /*WEAK*/, 0 /*LOCAL*/, 10 /*GNU_UNIQUE*/};

SymbolModel *makeModel(std::shared_ptr<const BinaryInfo> binary, QObject *parent)
{
    auto *model = new SymbolModel(parent);
    model->setBinary(std::move(binary));
    return model;
}
} // namespace

SymbolsPage::SymbolsPage(const std::shared_ptr<const BinaryInfo> &binary, QWidget *parent)
    : TablePage(makeModel(binary, nullptr), QFileInfo(binary->path).fileName() + QStringLiteral("-symbols"), parent,
        new SymbolFilterProxy)
{
    m_model = static_cast<SymbolModel *>(proxy()->sourceModel());
    m_model->setParent(this);

    m_type = addCombo(tr("Symbol type (STT_*)"), QStringLiteral("typeFilter"));
    m_type->addItem(tr("All types"));
    for (std::uint8_t type : m_model->typesPresent())
        m_type->addItem(elfnames::symbolTypeName(type, binary->machine), int(type));

    m_bind = addCombo(tr("Binding (STB_*)"), QStringLiteral("bindFilter"));
    m_bind->addItem(tr("All bindings"));
    for (std::uint8_t bind : Bindings)
        m_bind->addItem(elfnames::symbolBindName(bind), int(bind));

    m_definition = addCombo(
        tr("Defined here, or undefined (UND: must come from another object)"), QStringLiteral("definitionFilter"));
    m_definition->addItem(tr("Defined and undefined"), int(SymbolFilterProxy::Definition::Any));
    m_definition->addItem(tr("Defined"), int(SymbolFilterProxy::Definition::Defined));
    m_definition->addItem(tr("Undefined"), int(SymbolFilterProxy::Definition::Undefined));

    m_table = addCombo(tr(".dynsym is what the dynamic loader sees; .symtab is the full table (gone when stripped)"),
        QStringLiteral("tableFilter"));
    m_table->addItem(tr("Both tables"));
    m_table->addItem(elfnames::tableName(SymbolTable::Dynamic), int(SymbolTable::Dynamic));
    m_table->addItem(elfnames::tableName(SymbolTable::Static), int(SymbolTable::Static));

    m_demangle = new QCheckBox(tr("Demangle"), this);
    m_demangle->setObjectName(QStringLiteral("demangleCheck"));
    m_demangle->setToolTip(tr("Show C++ names as written (ns::f(int)) instead of mangled (_ZN2ns1fEi), like nm -C"));
    m_demangle->setChecked(m_model->demangle());
    // Insert before the count label, which stays last in the row.
    toolRow()->insertWidget(toolRow()->count() - 1, m_demangle);
    connect(m_demangle, &QCheckBox::toggled, m_model, &SymbolModel::setDemangle);

    for (QComboBox *combo : {m_type, m_bind, m_definition, m_table})
        connect(combo, &QComboBox::currentIndexChanged, this, &SymbolsPage::applyCombos);

    // The name is what people read; version strings are short but their column would take the room.
    QHeaderView *header = view()->header();
    header->resizeSection(SymbolModel::VersionColumn, qMin(header->sectionSize(SymbolModel::VersionColumn), 130));
}

SymbolFilterProxy *SymbolsPage::symbolProxy() const
{
    return static_cast<SymbolFilterProxy *>(proxy());
}

bool SymbolsPage::selectSymbol(int index)
{
    if (index < 0 || index >= m_model->rowCount())
        return false;
    const QModelIndex source = m_model->index(index, SymbolModel::NameColumn);
    QModelIndex shown = proxy()->mapFromSource(source);
    if (!shown.isValid()) {
        filterBar()->setPattern(QString());
        for (QComboBox *combo : {m_type, m_bind, m_definition, m_table})
            combo->setCurrentIndex(0);
        shown = proxy()->mapFromSource(source);
    }
    view()->setCurrentIndex(shown);
    view()->scrollTo(shown, QAbstractItemView::PositionAtCenter);
    return shown.isValid();
}

QComboBox *SymbolsPage::addCombo(const QString &toolTip, const QString &objectName)
{
    auto *combo = new QComboBox(this);
    combo->setToolTip(toolTip);
    combo->setObjectName(objectName);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Before the stretch that ends the row.
    secondRow()->insertWidget(secondRow()->count() - 1, combo);
    return combo;
}

void SymbolsPage::applyCombos()
{
    const auto value = [](QComboBox *combo) { return combo->currentData(); };
    SymbolFilterProxy *p = symbolProxy();
    const QVariant type = value(m_type);
    p->setTypeFilter(type.isValid() ? std::optional<std::uint8_t>(std::uint8_t(type.toInt())) : std::nullopt);
    const QVariant bind = value(m_bind);
    p->setBindFilter(bind.isValid() ? std::optional<std::uint8_t>(std::uint8_t(bind.toInt())) : std::nullopt);
    const QVariant table = value(m_table);
    p->setTableFilter(table.isValid() ? std::optional<SymbolTable>(SymbolTable(table.toInt())) : std::nullopt);
    p->setDefinitionFilter(SymbolFilterProxy::Definition(value(m_definition).toInt()));
}

} // namespace linklab
