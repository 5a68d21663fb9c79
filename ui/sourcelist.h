// SPDX-License-Identifier: MIT
#pragma once

#include <QListWidget>

namespace linklab {

// The C files of a library build. Files come in by dialog, by dropping files, or by dropping a folder (its .c
// and .h files, subfolders included, build folders skipped). A file already listed is not added twice; the
// Delete key removes the selection; Enter or a double-click asks to open a file in the source viewer.
class SourceList : public QListWidget
{
    Q_OBJECT
public:
    explicit SourceList(QWidget *parent = nullptr);

    // Adds files and the C files inside folders; returns how many were new. Other files are ignored.
    int addPaths(const QStringList &paths);
    void removeSelected();
    void setFiles(const QStringList &files);

    QStringList files() const; // in the order listed
    QStringList sources() const; // .c
    QStringList headers() const; // .h
    QString selectedFile() const;

    // The .c and .h files a folder holds, sorted, without descending into build output or hidden folders.
    static QStringList cFilesIn(const QString &folder);
    static bool isCSource(const QString &path);
    static bool isCHeader(const QString &path);

    // A widget shown in the middle of the empty list, under the hint (the "Open the example" button).
    void setEmptyStateWidget(QWidget *widget);

Q_SIGNALS:
    void filesChanged();
    void openRequested(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void placeEmptyState();

    QWidget *m_emptyWidget = nullptr;
};

} // namespace linklab
