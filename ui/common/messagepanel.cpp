// SPDX-License-Identifier: MIT
#include "common/messagepanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace linklab {

MessagePanel::MessagePanel(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_busy(new QProgressBar(this))
{
    m_icon->setAlignment(Qt::AlignCenter);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_title->setObjectName(QStringLiteral("messageTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy->setRange(0, 0);
    m_busy->setFixedWidth(320);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_icon->hide();

    // A column of limited width, centred: word-wrapped labels need a width to wrap to, which an
    // alignment flag in the layout would take away (they would be clipped to their minimum).
    auto *column = new QWidget(this);
    column->setMaximumWidth(680);
    auto *inner = new QVBoxLayout(column);
    inner->addWidget(m_icon);
    inner->addWidget(m_title);
    inner->addWidget(m_text);
    inner->addSpacing(8);
    inner->addWidget(m_busy, 0, Qt::AlignHCenter);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

void MessagePanel::setIcon(const QIcon &icon)
{
    m_icon->setPixmap(icon.pixmap(64, 64));
    m_icon->setVisible(!icon.isNull());
}

void MessagePanel::setTitle(const QString &title)
{
    m_title->setText(title);
}

void MessagePanel::setText(const QString &text)
{
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
}

void MessagePanel::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

QString MessagePanel::title() const
{
    return m_title->text();
}

QString MessagePanel::text() const
{
    return m_text->text();
}

} // namespace linklab
