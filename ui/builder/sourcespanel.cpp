// SPDX-License-Identifier: MIT
#include "builder/sourcespanel.h"

#include "builder/sourcelist.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace linklab {

SourcesPanel::SourcesPanel(QWidget *parent)
    : QGroupBox(tr("1 · Library sources"), parent)
    , m_list(new SourceList)
    , m_remove(new QPushButton(QIcon::fromTheme(QStringLiteral("list-remove")), tr("&Remove")))
    , m_example(new QPushButton(tr("Open the Example Pro&ject")))
{
    setObjectName(QStringLiteral("sourcesPanel"));
    auto *add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add Files…"));
    add->setObjectName(QStringLiteral("addFiles"));
    add->setToolTip(tr("Choose .c and .h files. Your files are only read, never changed."));
    auto *folder = new QPushButton(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Add Fol&der…"));
    folder->setObjectName(QStringLiteral("addFolder"));
    folder->setToolTip(tr("Adds every .c and .h file in a folder and its subfolders (build folders skipped)."));
    m_remove->setObjectName(QStringLiteral("removeSources"));
    m_remove->setToolTip(tr("Removes the selected files from the list (Delete). The files stay on disk."));
    m_example->setObjectName(QStringLiteral("openExample"));
    m_example->setToolTip(tr("strmath: a small string and math library with a header and a test program (main.c)."));
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 4);

    // The buttons beside the list: on a small screen height is what runs out first.
    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(4);
    buttons->addWidget(add);
    buttons->addWidget(folder);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    m_list->setEmptyStateWidget(m_example);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 6);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &SourcesPanel::addFiles);
    connect(folder, &QPushButton::clicked, this, &SourcesPanel::addFolder);
    connect(m_remove, &QPushButton::clicked, m_list, &SourceList::removeSelected);
    connect(m_example, &QPushButton::clicked, this, &SourcesPanel::exampleRequested);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &SourcesPanel::updateButtons);
    updateButtons();
}

QString SourcesPanel::startFolder() const
{
    const QStringList files = m_list->files();
    return files.isEmpty() ? QDir::homePath() : QFileInfo(files.constFirst()).absolutePath();
}

void SourcesPanel::addFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add C Sources"), startFolder(), tr("C sources and headers (*.c *.h);;All files (*)"));
    m_list->addPaths(files);
}

void SourcesPanel::addFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a Folder of C Sources"), startFolder());
    if (!dir.isEmpty())
        m_list->addPaths({dir});
}

void SourcesPanel::updateButtons()
{
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}

} // namespace linklab
