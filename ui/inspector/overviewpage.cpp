// SPDX-License-Identifier: MIT
#include "inspector/overviewpage.h"

#include "binary/relocnames.h"

#include "binary/hexformat.h"

#include "common/tablemodelbase.h"

#include "binary/elfnames.h"

#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace linklab {

namespace {
QString orNone(const QStringList &list, const QString &separator = QStringLiteral("\n"))
{
    return list.isEmpty() ? OverviewPage::tr("none") : list.join(separator);
}

int countTable(const BinaryInfo &info, SymbolTable table)
{
    return int(std::count_if(
        info.symbols.cbegin(), info.symbols.cend(), [table](const SymbolInfo &s) { return s.table == table; }));
}
} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : QScrollArea(parent)
    , m_sentence(new QLabel)
    , m_warnings(new QLabel)
    , m_form(new QFormLayout)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    m_sentence->setWordWrap(true);
    m_sentence->setTextFormat(Qt::PlainText);
    m_sentence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sentence->setObjectName(QStringLiteral("overviewSentence"));
    QFont big = m_sentence->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_sentence->setFont(big);

    // Warnings stand out: a partly broken file must not look like a healthy one.
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->setObjectName(QStringLiteral("overviewWarnings"));
    m_warnings->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0c060; "
                                             "border-radius: 4px; padding: 6px; }"));
    m_warnings->hide();

    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    layout->addWidget(m_sentence);
    layout->addWidget(m_warnings);
    layout->addSpacing(8);
    layout->addLayout(m_form);
    layout->addStretch(1);
    setWidget(content);
}

QString OverviewPage::sentence() const
{
    return m_sentence->text();
}

QStringList OverviewPage::facts() const
{
    return m_facts;
}

QStringList OverviewPage::warnings() const
{
    return m_warningList;
}

void OverviewPage::setBinary(const std::shared_ptr<const BinaryInfo> &binary, LoadStage stage)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_facts.clear();
    m_warningList.clear();
    if (!binary) {
        m_sentence->clear();
        m_warnings->hide();
        return;
    }
    const BinaryInfo &info = *binary;
    // A file cut short says so first: what its header claims it is comes second.
    const QString truncated = elfnames::truncationSentence(info);
    m_sentence->setText(truncated.isEmpty()
            ? elfnames::overviewSentence(info)
            : truncated + u'\n' + tr("Its header describes: %1").arg(elfnames::overviewSentence(info)));
    addFact(tr("File"), QDir::toNativeSeparators(info.path));
    if (info.isArchive())
        addArchiveFacts(info);
    else
        addElfFacts(info, stage);

    m_warningList = info.errors + info.warnings;
    if (info.isArchive()) {
        for (const ArchiveMember &m : info.members) {
            if (!m.error.isEmpty())
                m_warningList.append(tr("Member %1: %2").arg(m.name, m.error));
        }
    }
    m_warnings->setText(
        tr("Warnings:") + QLatin1Char('\n') + QStringLiteral("• ") + m_warningList.join(QStringLiteral("\n• ")));
    m_warnings->setVisible(!m_warningList.isEmpty());
}

void OverviewPage::addElfFacts(const BinaryInfo &info, LoadStage stage)
{
    addFact(tr("Kind"), elfnames::kindName(info.kind));
    addFact(tr("Class"), info.elfClass ? tr("ELF%1").arg(info.elfClass) : tr("unknown"),
        tr("32- or 64-bit: the size of addresses in this file"));
    addFact(tr("Endianness"), info.bigEndian ? tr("big endian") : tr("little endian"));
    addFact(tr("Machine"), elfnames::machineName(info.machine));
    addFact(tr("Type"), elfnames::elfTypeName(info.elfType, elfnames::hasPieFlag(info)));
    addFact(tr("OS/ABI"), elfnames::osAbiName(info.osAbi));
    addFact(tr("Entry point"), hexAddress(info.entry, info.elfClass),
        tr("Where execution starts (for a shared library often 0 or unused)"));
    addFact(tr("Interpreter"), info.interpreter.isEmpty() ? tr("none") : info.interpreter,
        tr("PT_INTERP: the dynamic loader the kernel starts to load this program"));
    addFact(tr("SONAME"), info.soname.isEmpty() ? tr("none") : info.soname,
        tr("The name programs linked against this library record as NEEDED"));
    addFact(tr("NEEDED"), orNone(info.needed), tr("Libraries the dynamic loader loads before this one"));
    addFact(tr("RPATH"), orNone(info.rpath, QStringLiteral(":")),
        tr("DT_RPATH: searched before LD_LIBRARY_PATH, deprecated in favour of RUNPATH"));
    addFact(tr("RUNPATH"), orNone(info.runpath, QStringLiteral(":")),
        tr("DT_RUNPATH: searched after LD_LIBRARY_PATH, for this object's own NEEDED entries"));
    addFact(tr("Flags"), hexString(info.flags), tr("e_flags: processor-specific flags (0 on x86-64)"));
    addFact(tr("Sections"), QString::number(info.sections.size()));
    addFact(tr("Segments"), QString::number(info.segments.size()));
    addFact(tr("Dynamic entries"), QString::number(info.dynamic.size()));
    if (stage == LoadStage::Facts)
        addFact(tr("Symbols"), tr("reading…"));
    else
        addFact(tr("Symbols"),
            tr("%1 in .dynsym, %2 in .symtab")
                .arg(countTable(info, SymbolTable::Dynamic))
                .arg(countTable(info, SymbolTable::Static)));
    if (stage != LoadStage::Complete)
        addFact(tr("Relocations"), tr("reading…"));
    else if (!info.relocations.isEmpty())
        addFact(tr("Relocations"),
            QString::number(info.relocations.size()) + QStringLiteral(": ") + relocationSummary(info),
            tr("Places the linker or the dynamic loader patches; the Relocations tab lists each one"));
}

void OverviewPage::addArchiveFacts(const BinaryInfo &info)
{
    addFact(tr("Kind"), elfnames::kindName(info.kind));
    addFact(tr("Members"), QString::number(info.members.size()));
    const auto broken
        = std::count_if(info.members.cbegin(), info.members.cend(), [](const ArchiveMember &m) { return !m.binary; });
    if (broken > 0)
        addFact(tr("Unreadable members"), QString::number(broken));
    addFact(tr("Archive index"),
        info.hasArchiveIndex ? tr("%1 symbols").arg(info.archiveIndex.size())
                             : tr("none (run ranlib so the linker can find members by symbol)"));
    int symbols = 0;
    for (const ArchiveMember &m : info.members)
        symbols += m.binary ? int(m.binary->symbols.size()) : 0;
    addFact(tr("Symbols in members"), QString::number(symbols));
}

void OverviewPage::addFact(const QString &label, const QString &value, const QString &toolTip)
{
    auto *field = new QLabel(value);
    field->setTextFormat(Qt::PlainText);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    field->setWordWrap(true);
    auto *name = new QLabel(label + QLatin1Char(':'));
    if (!toolTip.isEmpty()) {
        name->setToolTip(toolTip);
        field->setToolTip(toolTip);
    }
    m_form->addRow(name, field);
    m_facts.append(label + QStringLiteral(": ") + value);
}

} // namespace linklab
