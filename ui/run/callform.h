// SPDX-License-Identifier: MIT
#pragma once

#include "runtime/prototypes.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace linklab {

// One typed field per parameter of a C prototype, each checked as the user types with the runner's own rules
// (a value out of the type's range, a malformed array, a string where an address is wanted). A prototype the
// runner cannot call (variadic, a struct by value, a function pointer) shows why instead of fields.
class CallForm : public QWidget
{
    Q_OBJECT
public:
    explicit CallForm(QWidget *parent = nullptr);

    void setPrototype(const CPrototype &prototype);
    void clear();
    const CPrototype &prototype() const { return m_prototype; }
    bool hasPrototype() const { return !m_prototype.name.isEmpty(); }

    QStringList values() const;
    void setValues(const QStringList &values);
    int bufferSize() const;
    void setBufferSize(int bytes);
    // Empty when every field is valid and the prototype is callable; else the first problem.
    QString problem() const;
    QLineEdit *field(int index) const;

Q_SIGNALS:
    void validityChanged();
    void submitted(); // Return in the last field

private:
    void validate();

    CPrototype m_prototype;
    QFormLayout *m_layout;
    QLabel *m_declaration;
    QLabel *m_refusal;
    QSpinBox *m_bufferSize;
    QWidget *m_bufferRow = nullptr;
    QList<QLineEdit *> m_fields;
    QList<QLabel *> m_errors;
    QString m_problem;
};

} // namespace linklab
