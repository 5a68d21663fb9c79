// SPDX-License-Identifier: MIT
#pragma once

#include "common/textfilter.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QToolButton;

namespace linklab {

// A filter line edit with a mode (substring, wildcard, regex) and a case toggle.
// Emits the compiled TextFilter on every change.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    TextFilter filter() const;
    QLineEdit *lineEdit() const { return m_edit; }

    void setPattern(const QString &pattern);
    void setMode(TextFilter::Mode mode);
    void setCaseSensitive(bool on);
    // Focus the line edit and select its text, for Ctrl+F.
    void focusFilter();

Q_SIGNALS:
    void filterChanged(const linklab::TextFilter &filter);

private:
    void update();

    QLineEdit *m_edit;
    QComboBox *m_mode;
    QToolButton *m_case;
};

} // namespace linklab
