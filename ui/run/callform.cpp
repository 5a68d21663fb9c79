// SPDX-License-Identifier: MIT
#include "run/callform.h"

#include "runtime/calls.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace linklab {
namespace {

// What the runner cannot call yet, in words, or empty.
QString refusalOf(const CPrototype &p)
{
    if (p.variadic)
        return QObject::tr("%1 is variadic (takes '...', like printf): LinkLab cannot call variadic functions yet.")
            .arg(p.name);
    const QString ret = argumentHint(p.returnCanonical);
    if (p.returnCanonical.trimmed() != u"void" && ret.isEmpty())
        return QObject::tr("The return type %1 is not supported.").arg(p.returnType);
    for (const CParameter &param : p.params) {
        const QString problem = argumentProblem(param.canonical, QStringLiteral("0"));
        if (problem.contains(QLatin1String("not supported")) || problem.contains(QLatin1String("unknown type"))
            || problem.contains(QLatin1String("not a valid C type")))
            return QObject::tr("Parameter %1 (%2): %3").arg(param.name, param.type, problem);
    }
    return QString();
}

} // namespace

CallForm::CallForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout)
    , m_declaration(new QLabel(this))
    , m_refusal(new QLabel(this))
    , m_bufferSize(new QSpinBox(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_declaration->setObjectName(QStringLiteral("declaration"));
    m_declaration->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_declaration->setWordWrap(true);
    QFont mono = m_declaration->font();
    mono.setFamily(QStringLiteral("monospace"));
    m_declaration->setFont(mono);
    m_refusal->setWordWrap(true);
    m_refusal->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_refusal->hide();
    m_bufferSize->setRange(1, 64 << 20);
    m_bufferSize->setValue(256);
    m_bufferSize->setSuffix(tr(" bytes"));
    m_bufferSize->setToolTip(tr("A char * argument is passed as a writable buffer of at least this size, so that a "
                                "function that writes into it (strcat, sprintf) has room."));
    m_bufferSize->setObjectName(QStringLiteral("bufferSize"));
    m_bufferRow = new QWidget(this);
    auto *bufferLayout = new QHBoxLayout(m_bufferRow);
    bufferLayout->setContentsMargins(0, 0, 0, 0);
    bufferLayout->addWidget(new QLabel(tr("Writable char * buffers:"), m_bufferRow));
    bufferLayout->addWidget(m_bufferSize);
    bufferLayout->addStretch();
    outer->addWidget(m_declaration);
    outer->addWidget(m_refusal);
    outer->addLayout(m_layout);
    outer->addWidget(m_bufferRow);
    clear();
}

void CallForm::clear()
{
    m_prototype = {};
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0); // deletes the row's widgets
    m_fields.clear();
    m_errors.clear();
    m_declaration->setText(tr("Pick a function to call."));
    m_refusal->hide();
    m_bufferRow->hide();
    validate();
}

void CallForm::setPrototype(const CPrototype &prototype)
{
    const int buffer = m_bufferSize->value();
    clear();
    m_prototype = prototype;
    m_bufferSize->setValue(buffer);
    m_declaration->setText(prototype.declaration + u';');
    const QString refusal = refusalOf(prototype);
    m_refusal->setText(refusal);
    m_refusal->setVisible(!refusal.isEmpty());
    bool hasBuffer = false;
    for (int i = 0; i < prototype.params.size(); ++i) {
        const CParameter &p = prototype.params[i];
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("arg%1").arg(i));
        edit->setPlaceholderText(argumentHint(p.canonical));
        edit->setToolTip(tr("%1 %2").arg(p.type, p.name));
        auto *error = new QLabel(this);
        error->setStyleSheet(QStringLiteral("color: #b00020;"));
        error->setWordWrap(true);
        error->hide();
        auto *cell = new QWidget(this);
        auto *v = new QVBoxLayout(cell);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(edit);
        v->addWidget(error);
        const QString label = (p.name.isEmpty() ? tr("argument %1").arg(i + 1) : p.name) + QStringLiteral(" (") + p.type
            + QStringLiteral(")");
        m_layout->addRow(label, cell);
        m_fields << edit;
        m_errors << error;
        connect(edit, &QLineEdit::textChanged, this, &CallForm::validate);
        connect(edit, &QLineEdit::returnPressed, this, &CallForm::submitted);
        hasBuffer = hasBuffer
            || (p.canonical.contains(QLatin1String("char")) && p.canonical.endsWith(u'*')
                && !p.canonical.startsWith(QLatin1String("const")));
    }
    m_bufferRow->setVisible(hasBuffer);
    validate();
}

QStringList CallForm::values() const
{
    QStringList out;
    for (const QLineEdit *e : m_fields)
        out << e->text();
    return out;
}

void CallForm::setValues(const QStringList &values)
{
    for (int i = 0; i < m_fields.size() && i < values.size(); ++i)
        m_fields[i]->setText(values[i]);
}

int CallForm::bufferSize() const
{
    return m_bufferSize->value();
}

void CallForm::setBufferSize(int bytes)
{
    m_bufferSize->setValue(bytes);
}

QString CallForm::problem() const
{
    return m_problem;
}

QLineEdit *CallForm::field(int index) const
{
    return m_fields.value(index);
}

void CallForm::validate()
{
    QString first = hasPrototype() ? refusalOf(m_prototype) : tr("Pick a function to call.");
    for (int i = 0; i < m_fields.size(); ++i) {
        const QString text = m_fields[i]->text();
        // A char * field may be empty (the empty string); others need a value.
        const QString problem = text.isEmpty() && !m_prototype.params[i].canonical.contains(QLatin1String("char *"))
            ? QString()
            : argumentProblem(m_prototype.params[i].canonical, text);
        m_errors[i]->setText(problem);
        m_errors[i]->setVisible(!problem.isEmpty());
        if (first.isEmpty() && !problem.isEmpty())
            first = tr("%1: %2").arg(m_prototype.params[i].name, problem);
        if (first.isEmpty() && text.isEmpty() && !m_prototype.params[i].canonical.contains(QLatin1String("char *")))
            first = tr("Give a value for %1.")
                        .arg(m_prototype.params[i].name.isEmpty() ? tr("argument %1").arg(i + 1)
                                                                  : m_prototype.params[i].name);
    }
    if (first != m_problem) {
        m_problem = first;
        emit validityChanged();
    }
}

} // namespace linklab
