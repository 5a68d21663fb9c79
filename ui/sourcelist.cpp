// SPDX-License-Identifier: MIT
#include "sourcelist.h"

#include "droppedfiles.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>

#include <algorithm>

namespace linklab {

namespace {
constexpr int PathRole = Qt::UserRole + 1;
// Enough for any hand-written library; a dropped home folder must not add (or scan) forever.
constexpr int MaxFolderFiles = 2000;

bool acceptable(const QStringList &paths)
{
    return std::any_of(paths.cbegin(), paths.cend(), [](const QString &p) {
        const QFileInfo info(p);
        return info.isDir() || SourceList::isCSource(p) || SourceList::isCHeader(p);
    });
}

// Folders that hold build output (ours, CMake's, Meson's, Autotools') or tool state rather than sources.
bool isBuildFolder(const QString &name)
{
    static const QStringList exact = {QStringLiteral("build"), QStringLiteral("_build"), QStringLiteral("builddir"),
        QStringLiteral("CMakeFiles"), QStringLiteral("obj"), QStringLiteral("node_modules")};
    return name.startsWith(u'.') || exact.contains(name) || name.startsWith(QLatin1String("build-"))
        || name.startsWith(QLatin1String("build_")) || name.startsWith(QLatin1String("cmake-build"));
}

void collect(const QString &folder, QStringList &out, int depth)
{
    const QDir dir(folder);
    const QFileInfoList files = dir.entryInfoList(
        {QStringLiteral("*.c"), QStringLiteral("*.h")}, QDir::Files | QDir::Readable, QDir::Name | QDir::IgnoreCase);
    for (const QFileInfo &f : files) {
        if (out.size() >= MaxFolderFiles)
            return;
        out.append(f.absoluteFilePath());
    }
    if (depth >= 8)
        return;
    const QFileInfoList dirs = dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QFileInfo &d : dirs) {
        if (!isBuildFolder(d.fileName()))
            collect(d.absoluteFilePath(), out, depth + 1);
    }
}
} // namespace

SourceList::SourceList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("sourceList"));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragDropMode(QAbstractItemView::DropOnly);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    setToolTip(tr("The library's files: .c files are compiled, the folders of .h files become -I options.\n"
                  "Drop files or a folder here. Delete removes the selection; Enter or a double-click shows a "
                  "file."));
    connect(this, &SourceList::filesChanged, this, &SourceList::placeEmptyState);
    connect(this, &QAbstractItemView::activated, this,
        [this](const QModelIndex &index) { Q_EMIT openRequested(index.data(PathRole).toString()); });
}

bool SourceList::isCSource(const QString &path)
{
    return path.endsWith(QLatin1String(".c"), Qt::CaseSensitive);
}

bool SourceList::isCHeader(const QString &path)
{
    return path.endsWith(QLatin1String(".h"), Qt::CaseSensitive);
}

QStringList SourceList::cFilesIn(const QString &folder)
{
    QStringList out;
    collect(folder, out, 0);
    return out;
}

int SourceList::addPaths(const QStringList &paths)
{
    QStringList candidates;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir())
            candidates.append(cFilesIn(info.absoluteFilePath()));
        else if (info.isFile() && (isCSource(path) || isCHeader(path)))
            candidates.append(info.absoluteFilePath());
    }
    QStringList known = files();
    int added = 0;
    for (const QString &path : std::as_const(candidates)) {
        const QString clean = QDir::cleanPath(path);
        if (known.contains(clean))
            continue;
        known.append(clean);
        auto *item = new QListWidgetItem(QFileInfo(clean).fileName(), this);
        item->setData(PathRole, clean);
        item->setToolTip(QDir::toNativeSeparators(clean));
        item->setIcon(QIcon::fromTheme(isCHeader(clean) ? QStringLiteral("text-x-chdr") : QStringLiteral("text-x-csrc"),
            QIcon::fromTheme(QStringLiteral("text-x-generic"))));
        ++added;
    }
    if (added)
        Q_EMIT filesChanged();
    return added;
}

void SourceList::removeSelected()
{
    const QList<QListWidgetItem *> selected = selectedItems();
    if (selected.isEmpty())
        return;
    qDeleteAll(selected);
    Q_EMIT filesChanged();
}

void SourceList::setFiles(const QStringList &list)
{
    const bool hadFiles = count() > 0;
    QListWidget::clear();
    if (!addPaths(list) && hadFiles)
        Q_EMIT filesChanged();
}

QStringList SourceList::files() const
{
    QStringList out;
    out.reserve(count());
    for (int row = 0; row < count(); ++row)
        out.append(item(row)->data(PathRole).toString());
    return out;
}

QStringList SourceList::sources() const
{
    QStringList out = files();
    out.removeIf([](const QString &p) { return !isCSource(p); });
    return out;
}

QStringList SourceList::headers() const
{
    QStringList out = files();
    out.removeIf([](const QString &p) { return !isCHeader(p); });
    return out;
}

QString SourceList::selectedFile() const
{
    const QListWidgetItem *item = currentItem();
    return item ? item->data(PathRole).toString() : QString();
}

void SourceList::dragEnterEvent(QDragEnterEvent *event)
{
    if (acceptable(droppedLocalPaths(event->mimeData())))
        event->acceptProposedAction();
    else
        event->ignore(); // let the window take it (a .so dropped here opens in the workspace)
}

void SourceList::dragMoveEvent(QDragMoveEvent *event)
{
    if (acceptable(droppedLocalPaths(event->mimeData())))
        event->acceptProposedAction();
    else
        event->ignore();
}

void SourceList::dropEvent(QDropEvent *event)
{
    const QStringList paths = droppedLocalPaths(event->mimeData());
    if (!acceptable(paths)) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    addPaths(paths);
}

void SourceList::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        removeSelected();
        return;
    }
    QListWidget::keyPressEvent(event);
}

void SourceList::setEmptyStateWidget(QWidget *widget)
{
    m_emptyWidget = widget;
    widget->setParent(viewport());
    placeEmptyState();
}

void SourceList::placeEmptyState()
{
    if (!m_emptyWidget)
        return;
    const QSize size = m_emptyWidget->sizeHint();
    const QRect area = viewport()->rect();
    m_emptyWidget->setGeometry(QRect(QPoint(area.center().x() - size.width() / 2, area.center().y() + 8), size));
    m_emptyWidget->setVisible(count() == 0);
}

void SourceList::resizeEvent(QResizeEvent *event)
{
    QListWidget::resizeEvent(event);
    placeEmptyState();
}

void SourceList::paintEvent(QPaintEvent *event)
{
    QListWidget::paintEvent(event);
    if (count() > 0)
        return;
    // The empty state says what to do, where the files will go; the example button sits under it.
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    QRect text = viewport()->rect().adjusted(12, 12, -12, -12);
    if (m_emptyWidget)
        text.setBottom(viewport()->rect().center().y());
    painter.drawText(text, Qt::AlignHCenter | (m_emptyWidget ? Qt::AlignBottom : Qt::AlignVCenter) | Qt::TextWordWrap,
        tr("Drop C sources or a folder here, or Add Files…"));
}

} // namespace linklab
