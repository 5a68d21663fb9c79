// SPDX-License-Identifier: MIT
#include "builder/buildbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace linklab {

BuildBar::BuildBar(QWidget *parent)
    : QGroupBox(tr("3 · Build"), parent)
    , m_build(new QPushButton(QIcon::fromTheme(QStringLiteral("run-build")), tr("&Build")))
    , m_cancel(new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_export(new QToolButton)
    , m_message(new QLabel)
{
    setObjectName(QStringLiteral("buildBar"));
    m_build->setObjectName(QStringLiteral("buildButton"));
    m_build->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_build->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Stop the build (Esc): kills the compiler and every process it started."));
    m_cancel->setEnabled(false);
    m_progress->setObjectName(QStringLiteral("buildProgress"));
    resetProgress();
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setText(tr("Ex&port"));
    m_export->setIcon(QIcon::fromTheme(QStringLiteral("document-save-as")));
    m_export->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setToolTip(tr("The same build as a CMakeLists.txt or a shell script, to keep or to read."));
    auto *menu = new QMenu(m_export);
    menu->addAction(
        tr("Export &CMakeLists.txt…"), this, [this] { Q_EMIT exportRequested(BuildExport::Format::CMake); });
    menu->addAction(
        tr("Export &Shell Script…"), this, [this] { Q_EMIT exportRequested(BuildExport::Format::ShellScript); });
    menu->addAction(tr("C&opy Commands"), this, [this] { Q_EMIT exportRequested(BuildExport::Format::Clipboard); });
    m_export->setMenu(menu);
    m_message->setObjectName(QStringLiteral("planMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();

    auto *row = new QHBoxLayout;
    row->addWidget(m_build);
    row->addWidget(m_cancel);
    row->addWidget(m_progress, 1);
    row->addStretch(0);
    row->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 6);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addWidget(m_message);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("linkHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0c060; "
                                         "border-radius: 4px; padding: 6px; }"));
    m_hint->hide();
    m_fix = new QPushButton(this);
    m_fix->setObjectName(QStringLiteral("linkHintFix"));
    m_fix->hide();
    layout->addWidget(m_hint);
    layout->addWidget(m_fix, 0, Qt::AlignLeft);
    connect(m_fix, &QPushButton::clicked, this, &BuildBar::fixRequested);
    connect(m_build, &QPushButton::clicked, this, &BuildBar::buildRequested);
    connect(m_cancel, &QPushButton::clicked, this, &BuildBar::cancelRequested);
}

void BuildBar::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #c01c28; }") : QString());
    m_message->setForegroundRole(error ? QPalette::WindowText : QPalette::PlaceholderText);
    m_message->setVisible(!text.isEmpty());
}

void BuildBar::setHint(const QString &text, const QString &fixLabel)
{
    m_hint->setText(text);
    m_hint->setVisible(!text.isEmpty());
    m_fix->setText(fixLabel);
    m_fix->setVisible(!text.isEmpty() && !fixLabel.isEmpty());
}

QString BuildBar::hint() const
{
    return m_hint->text();
}

QString BuildBar::message() const
{
    return m_message->text();
}

void BuildBar::setDetails(QWidget *widget)
{
    static_cast<QVBoxLayout *>(layout())->addWidget(widget);
}

void BuildBar::resetProgress()
{
    m_progress->setFormat(QString()); // no "0 of 1 steps" before anything ran
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    // Hidden but keeping its place, so Export does not jump when a build starts.
    QSizePolicy keep = m_progress->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(keep);
    m_progress->hide();
}

void BuildBar::setProgress(int done, int total)
{
    m_progress->show();
    m_progress->setFormat(tr("%v of %m steps"));
    m_progress->setRange(0, qMax(total, 1));
    m_progress->setValue(done);
}

} // namespace linklab
