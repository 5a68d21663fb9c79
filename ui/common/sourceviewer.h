// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>

class QFileSystemWatcher;

namespace linklab {

class CHighlighter;

// A read-only C source view with line numbers and syntax colours. Jumping to a line (from a compiler
// diagnostic) puts the cursor there and highlights the whole line. The file shown is watched: when an editor
// changes it, the view reads it again and keeps its place and the marked line.
class SourceViewer : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit SourceViewer(QWidget *parent = nullptr);

    // Reads the file; false (and `error` says why) when it cannot be read or is too big to be a source.
    bool openFile(const QString &path, QString *error = nullptr);
    QString path() const { return m_path; }
    // 1-based line and column; column 0 means the start of the line.
    void goTo(int line, int column = 0);
    int highlightedLine() const { return m_line; }

    int gutterWidth() const;

Q_SIGNALS:
    void fileOpened(const QString &path);
    // The file shown changed on disk and was read again.
    void fileReloaded(const QString &path);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    class Gutter;

    void paintGutter(QPaintEvent *event);
    void updateGutter(const QRect &rect, int dy);
    void updateSelections();
    void fileChangedOnDisk();
    bool readFile(const QString &path, QString *error);

    Gutter *m_gutter;
    QFileSystemWatcher *m_watcher;
    CHighlighter *m_highlighter;
    QString m_path;
    int m_line = 0; // the line a diagnostic pointed at, 1-based; 0 for none
};

} // namespace linklab
