// SPDX-License-Identifier: MIT
#include "common/filterbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPalette>
#include <QToolButton>

namespace linklab {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_mode(new QComboBox(this))
    , m_case(new QToolButton(this))
{
    m_edit->setPlaceholderText(tr("Filter (Ctrl+F)"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setObjectName(QStringLiteral("filterEdit"));
    // Files dropped here should open in the window, not paste their URL into the filter.
    m_edit->setAcceptDrops(false);

    m_mode->addItem(tr("Substring"), int(TextFilter::Mode::Substring));
    m_mode->addItem(tr("Wildcard"), int(TextFilter::Mode::Wildcard));
    m_mode->addItem(tr("Regex"), int(TextFilter::Mode::Regex));
    m_mode->setToolTip(tr("Substring: text anywhere in the name\n"
                          "Wildcard: * any text, ? one character, [abc] one of\n"
                          "Regex: a Perl-compatible regular expression, e.g. ^inflate(Init|End)"));
    m_mode->setObjectName(QStringLiteral("filterMode"));

    m_case->setText(tr("Aa"));
    m_case->setCheckable(true);
    m_case->setToolTip(tr("Match case"));
    m_case->setObjectName(QStringLiteral("filterCase"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_mode);
    layout->addWidget(m_case);

    connect(m_edit, &QLineEdit::textChanged, this, &FilterBar::update);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &FilterBar::update);
    connect(m_case, &QToolButton::toggled, this, &FilterBar::update);
}

TextFilter FilterBar::filter() const
{
    return TextFilter(m_edit->text(), TextFilter::Mode(m_mode->currentData().toInt()),
        m_case->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive);
}

void FilterBar::setPattern(const QString &pattern)
{
    m_edit->setText(pattern);
}

void FilterBar::setMode(TextFilter::Mode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
}

void FilterBar::setCaseSensitive(bool on)
{
    m_case->setChecked(on);
}

void FilterBar::focusFilter()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FilterBar::update()
{
    const TextFilter f = filter();
    // A broken regex is shown on the edit itself instead of in a dialog that interrupts typing.
    QPalette palette = m_edit->palette();
    if (f.isValid()) {
        palette.setColor(QPalette::Base, this->palette().color(QPalette::Base));
        m_edit->setToolTip(QString());
    } else {
        palette.setColor(QPalette::Base, QColor(0xff, 0xd7, 0xd7));
        m_edit->setToolTip(tr("Invalid regular expression: %1").arg(f.errorString()));
    }
    m_edit->setPalette(palette);
    Q_EMIT filterChanged(f);
}

} // namespace linklab
