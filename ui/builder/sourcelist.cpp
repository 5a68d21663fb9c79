// SPDX-License-Identifier: MIT
#include "builder/sourcelist.h"

#include "builder/outputsafety.h"

#include "common/droppedfiles.h"
#include "common/jobtracker.h"

#include "builder/sourcefiles.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QSet>

#include <algorithm>

namespace linklab {

namespace {
constexpr int PathRole = Qt::UserRole + 1;

bool acceptable(const QStringList &paths)
{
    return std::any_of(paths.cbegin(), paths.cend(),
        [](const QString &p) { return QFileInfo(p).isDir() || isCSource(p) || isCHeader(p); });
}
} // namespace

SourceList::SourceList(QWidget *parent)
    : QListWidget(parent)
    , m_scan(new JobTracker(this))
{
    setObjectName(QStringLiteral("sourceList"));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setTextElideMode(Qt::ElideMiddle);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
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

void SourceList::addPaths(const QStringList &paths)
{
    const bool anyFolder
        = std::any_of(paths.cbegin(), paths.cend(), [](const QString &p) { return QFileInfo(p).isDir(); });
    if (!anyFolder) {
        // Files alone are listed at once: nothing to scan.
        const int added = addScanned(paths, scanSourceFiles(paths));
        Q_EMIT scanFinished(added, false);
        return;
    }
    // A folder may be a whole disk (a home folder, /usr): scan it off the GUI thread, stopping at the cap, and
    // let Esc or a new drop cancel it.
    m_scanning = true;
    viewport()->update();
    Q_EMIT scanStarted();
    auto scan = std::make_shared<SourceScan>();
    m_scan->startStaged<SourceScan>(
        [paths](QPromise<SourceScan> &promise) {
            int folders = 0;
            SourceScan found = scanSourceFiles(paths, MaxScannedSourceFiles, [&] {
                if (++folders % 64 == 0)
                    promise.setProgressValueAndText(folders, QStringLiteral("%1 folders read").arg(folders));
                return promise.isCanceled();
            });
            promise.addResult(std::move(found));
        },
        [scan](const SourceScan &found) { *scan = found; },
        [this, scan, paths] {
            m_scanning = false;
            const int added = addScanned(paths, *scan);
            viewport()->update();
            Q_EMIT scanFinished(added, scan->capped);
        });
}

void SourceList::cancelScan()
{
    if (!m_scanning)
        return;
    m_scan->cancel();
    m_scanning = false;
    viewport()->update();
    Q_EMIT scanFinished(0, false);
}

int SourceList::addFiles(const QStringList &candidates)
{
    // The same file reached by another path (a symlink, a folder dropped again) is listed once: built twice,
    // a static library would hold its functions twice and a shared link fail with "multiple definition".
    QSet<QString> known;
    for (const QString &file : files())
        known.insert(realPath(file));
    int added = 0;
    for (const QString &path : candidates) {
        const QString clean = QDir::cleanPath(path);
        const QString real = realPath(clean);
        if (known.contains(real))
            continue;
        known.insert(real);
        // The whole path (elided in the middle when narrow): two projects' a.c must not look alike.
        auto *item = new QListWidgetItem(QDir::toNativeSeparators(clean), this);
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

int SourceList::addScanned(const QStringList &paths, const SourceScan &scan)
{
    const QStringList current = files();
    const bool another = std::any_of(paths.cbegin(), paths.cend(),
        [&](const QString &p) { return QFileInfo(p).isDir() && startsAnotherProject(current, p); });
    if (another) {
        const QSignalBlocker quiet(this); // one filesChanged() for the whole switch
        QListWidget::clear();
    }
    QStringList library = scan.files;
    library.removeIf([&](const QString &p) { return scan.programs.contains(p); });
    const int added = addFiles(library);
    if (another && !added)
        Q_EMIT filesChanged();
    if (!scan.programs.isEmpty())
        Q_EMIT programsFound(scan.programs);
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
    cancelScan();
    const bool hadFiles = count() > 0;
    QListWidget::clear();
    QStringList files = list;
    files.removeIf([](const QString &p) { return !QFileInfo(p).isFile() || !(isCSource(p) || isCHeader(p)); });
    if (!addFiles(files) && hadFiles)
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

QSize SourceList::sizeHint() const
{
    return {QListWidget::sizeHint().width(), fontMetrics().height() * 6 + 2 * frameWidth()};
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
        m_scanning ? tr("Looking for C files…") : tr("Drop C sources or a folder here, or Add Files…"));
}

} // namespace linklab
