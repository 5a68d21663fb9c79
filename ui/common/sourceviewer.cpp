// SPDX-License-Identifier: MIT
#include "common/sourceviewer.h"

#include "common/chighlighter.h"

#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>

namespace linklab {

namespace {
// Sources are small; anything bigger is not something a person wants to read here (and would stall the GUI).
constexpr qint64 MaxSourceSize = 8 * 1024 * 1024;
} // namespace

// The line-number strip: a plain widget whose painting the viewer does (the classic Qt CodeEditor pattern).
class SourceViewer::Gutter : public QWidget
{
public:
    explicit Gutter(SourceViewer *viewer)
        : QWidget(viewer)
        , m_viewer(viewer)
    {
    }
    QSize sizeHint() const override { return {m_viewer->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_viewer->paintGutter(event); }

private:
    SourceViewer *m_viewer;
};

SourceViewer::SourceViewer(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_highlighter(new CHighlighter(document()))
{
    setReadOnly(true);
    // Read-only, but the keyboard still moves a visible cursor, so a person can walk the lines.
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setPlaceholderText(tr("No file open"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    setViewportMargins(gutterWidth(), 0, 0, 0);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &SourceViewer::updateGutter);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &SourceViewer::updateSelections);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &SourceViewer::fileChangedOnDisk);
}

bool SourceViewer::readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    if (file.size() > MaxSourceSize) {
        if (error)
            *error = tr("the file is larger than %1 MB").arg(MaxSourceSize / (1024 * 1024));
        return false;
    }
    const QString text = QString::fromUtf8(file.readAll());
    if (path != m_path || document()->isEmpty()) {
        setPlainText(text);
    } else if (text != toPlainText()) {
        // Same file again (edited outside): keep the scroll position and the cursor's line and column.
        const int scroll = verticalScrollBar()->value();
        const int hscroll = horizontalScrollBar()->value();
        const int line = textCursor().blockNumber();
        const int column = textCursor().positionInBlock();
        setPlainText(text);
        const QTextBlock block = document()->findBlockByNumber(qMin(line, document()->blockCount() - 1));
        QTextCursor cursor(block);
        cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, qMin(column, block.length() - 1));
        setTextCursor(cursor);
        verticalScrollBar()->setValue(scroll);
        horizontalScrollBar()->setValue(hscroll);
    }
    return true;
}

bool SourceViewer::openFile(const QString &path, QString *error)
{
    if (!readFile(path, error))
        return false;
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    m_watcher->addPath(path);
    m_path = path;
    m_line = 0;
    updateSelections();
    Q_EMIT fileOpened(path);
    return true;
}

void SourceViewer::fileChangedOnDisk()
{
    // Editors save by writing a new file and renaming it over the old one, which ends the watch: watch again.
    if (m_path.isEmpty())
        return;
    if (!QFileInfo(m_path).isFile()) {
        // Between the old file's removal and the new one's rename: look again in a moment.
        QTimer::singleShot(200, this, [this, path = m_path] {
            if (path == m_path && QFileInfo(path).isFile() && !m_watcher->files().contains(path))
                fileChangedOnDisk();
        });
        return;
    }
    if (!m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    if (!readFile(m_path, nullptr))
        return;
    // The marked line is where the last build's diagnostic points: it stays, as the diagnostic does.
    updateSelections();
    Q_EMIT fileReloaded(m_path);
}

void SourceViewer::goTo(int line, int column)
{
    const QTextBlock block = document()->findBlockByNumber(qMax(line, 1) - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    // Compilers count columns in bytes with tabs as one; for the sources people write here that is characters.
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, qBound(0, column - 1, block.length() - 1));
    m_line = block.blockNumber() + 1;
    setTextCursor(cursor);
    centerCursor();
    updateSelections();
}

int SourceViewer::gutterWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(digits, 3);
}

void SourceViewer::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
}

void SourceViewer::updateGutter(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void SourceViewer::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    const int current = textCursor().blockNumber();
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const bool marked = block.blockNumber() == current || block.blockNumber() + 1 == m_line;
            QFont f = font();
            f.setBold(marked);
            painter.setFont(f);
            painter.setPen(palette().color(marked ? QPalette::Text : QPalette::PlaceholderText));
            painter.drawText(0, top, m_gutter->width() - 6, fontMetrics().height(), Qt::AlignRight,
                QString::number(block.blockNumber() + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void SourceViewer::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    // The line a diagnostic pointed at stays marked (amber) while the cursor moves; the cursor line is pale.
    if (m_line > 0) {
        QTextEdit::ExtraSelection marked;
        marked.format.setBackground(QColor(0xff, 0xe8, 0xa3));
        marked.format.setProperty(QTextFormat::FullWidthSelection, true);
        marked.cursor = QTextCursor(document()->findBlockByNumber(m_line - 1));
        selections.append(marked);
    }
    if (textCursor().blockNumber() + 1 != m_line) {
        QTextEdit::ExtraSelection current;
        current.format.setBackground(palette().color(QPalette::AlternateBase));
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = textCursor();
        current.cursor.clearSelection();
        selections.append(current);
    }
    setExtraSelections(selections);
    m_gutter->update();
}

} // namespace linklab
