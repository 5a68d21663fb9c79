// SPDX-License-Identifier: MIT
#include "builder/artifactspanel.h"

#include "deps/loaderfacts.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace linklab {

ArtifactsPanel::ArtifactsPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget)
    , m_open(new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")), tr("Open in &Inspector")))
    , m_dependencies(new QPushButton(tr("Dependencies")))
{
    setObjectName(QStringLiteral("artifactsPanel"));
    m_list->setObjectName(QStringLiteral("artifactList"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 3 + 8);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setToolTip(tr("Double-click a file to see its symbols, sections and dynamic entries in the Inspector."));
    m_open->setObjectName(QStringLiteral("openArtifacts"));
    m_open->setToolTip(tr("Open the selected files (or all of them) in the Inspector."));
    m_open->setEnabled(false);
    m_dependencies->setObjectName(QStringLiteral("artifactDependencies"));
    m_dependencies->setToolTip(tr("Show which libraries the loader would load for the selected program or shared "
                                  "library, and why, in the Dependencies room"));
    m_dependencies->setEnabled(false);

    // The button beside the list rather than under it: a row less on a small screen.
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_dependencies);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    setArtifacts({});

    connect(m_list, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { Q_EMIT openRequested({item->data(Qt::UserRole).toString()}); });
    connect(m_list, &QListWidget::itemSelectionChanged, this,
        [this] { m_dependencies->setEnabled(!loadable().isEmpty()); });
    connect(m_dependencies, &QPushButton::clicked, this, [this] {
        const QString path = loadable();
        if (!path.isEmpty())
            Q_EMIT dependenciesRequested(path);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QStringList selected = selectedPaths();
        Q_EMIT openRequested(selected.isEmpty() ? m_paths : selected);
    });
}

void ArtifactsPanel::setArtifacts(const QStringList &paths)
{
    m_paths = paths;
    m_list->clear();
    for (const QString &path : paths) {
        const QFileInfo info(path);
        QString label = info.fileName();
        if (info.isSymLink())
            label += QStringLiteral(" → ") + QFileInfo(info.symLinkTarget()).fileName();
        auto *item = new QListWidgetItem(label, m_list);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    if (paths.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Nothing built yet"), m_list);
        item->setFlags(Qt::NoItemFlags);
    }
    m_open->setEnabled(!paths.isEmpty());
    m_dependencies->setEnabled(!loadable().isEmpty());
}

QString ArtifactsPanel::loadable() const
{
    // The selected file, or the only one the loader could load: a program or shared library, not an archive or an
    // object file (what the loader reads of it says so).
    const QStringList selected = selectedPaths();
    const auto isLoadable = [](const QString &path) {
        const auto facts = readLoaderFacts(path);
        const auto *f = std::get_if<LoaderFacts>(&facts);
        return f && (f->type == 2 || f->type == 3); // ET_EXEC, ET_DYN
    };
    if (selected.size() == 1)
        return isLoadable(selected.first()) ? selected.first() : QString();
    QStringList candidates;
    for (const QString &p : m_paths)
        if (isLoadable(p))
            candidates << p;
    return candidates.size() == 1 ? candidates.first() : QString();
}

QStringList ArtifactsPanel::selectedPaths() const
{
    QStringList paths;
    for (const QListWidgetItem *item : m_list->selectedItems())
        paths.append(item->data(Qt::UserRole).toString());
    return paths;
}

} // namespace linklab
