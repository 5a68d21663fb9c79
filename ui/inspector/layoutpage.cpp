// SPDX-License-Identifier: MIT
#include "inspector/layoutpage.h"

#include "common/jobtracker.h"
#include "common/picture.h"
#include "inspector/layoutview.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QShowEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace linklab {

LayoutPage::LayoutPage(std::shared_ptr<const BinaryInfo> binary, QWidget *parent)
    : QWidget(parent)
    , m_binary(std::move(binary))
    , m_view(new LayoutView(this))
    , m_status(new QLabel(this))
    , m_jobs(new JobTracker(this))
{
    auto *fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Fit the whole picture in the window"));
    auto *zoomIn = new QToolButton(this);
    zoomIn->setText(QStringLiteral("+"));
    zoomIn->setToolTip(tr("Zoom in (or turn the wheel)"));
    auto *zoomOut = new QToolButton(this);
    zoomOut->setText(QStringLiteral("−"));
    zoomOut->setToolTip(tr("Zoom out"));
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export..."));
    exportButton->setToolTip(tr("Save the picture as SVG or PNG"));
    m_status->setText(tr("Laying out the file…"));
    m_status->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->addWidget(m_status, 1);
    row->addWidget(zoomOut);
    row->addWidget(zoomIn);
    row->addWidget(fit);
    row->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);

    connect(fit, &QToolButton::clicked, m_view, &LayoutView::fitAll);
    connect(zoomIn, &QToolButton::clicked, m_view, [this] { m_view->zoomBy(1.25); });
    connect(zoomOut, &QToolButton::clicked, m_view, [this] { m_view->zoomBy(0.8); });
    connect(exportButton, &QToolButton::clicked, this, &LayoutPage::chooseExport);
    connect(m_view, &LayoutView::sectionClicked, this, &LayoutPage::sectionActivated);
    connect(m_view, &LayoutView::segmentClicked, this, &LayoutPage::segmentActivated);
}

void LayoutPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_started)
        return;
    // Laid out when first looked at, not for every file opened. Thousands of sections take a moment: on a worker.
    m_started = true;
    m_jobs->startJob([binary = m_binary] { return linklab::fileLayout(*binary); },
        [this](FileLayout result) {
            m_layout = std::move(result);
            m_view->showLayout(m_layout, m_binary);
            m_status->setText(tr("Where each part of the file lies, and where the loader maps it. Hover for offsets "
                                 "and sizes; click a section or a segment to see it in its table."));
            m_ready = true;
            emit ready();
        });
}

QString LayoutPage::exportPicture(const QString &path) const
{
    if (!m_ready)
        return tr("The picture is not ready yet.");
    return m_view->exportPicture(path);
}

void LayoutPage::chooseExport()
{
    const QString base = QFileInfo(m_binary->path).fileName() + QStringLiteral("-layout.svg");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Layout"), base, picture::fileFilter());
    if (path.isEmpty())
        return;
    const QString error = exportPicture(path);
    m_status->setText(error.isEmpty() ? tr("Saved %1.").arg(QFileInfo(path).fileName()) : error);
}

} // namespace linklab
