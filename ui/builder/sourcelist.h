// SPDX-License-Identifier: MIT
#pragma once

#include <QListWidget>

namespace linklab {

class JobTracker;
struct SourceScan;

// The C files of a library build. Files come in by dialog, by dropping files, or by dropping a folder (its .c
// and .h files, subfolders included, build folders skipped). A file already listed is not added twice; the
// Delete key removes the selection; Enter or a double-click asks to open a file in the source viewer.
class SourceList : public QListWidget
{
    Q_OBJECT
public:
    explicit SourceList(QWidget *parent = nullptr);

    // Adds files and the C files inside folders (other files are ignored). Files alone are added at once;
    // folders are scanned off the GUI thread (up to MaxScannedSourceFiles files) and added when the scan ends.
    // Either way scanFinished() says how many were new. A .c file that defines main() is not the library's: it is
    // left out of the list and reported by programsFound(). A folder of another project (startsAnotherProject)
    // replaces the list instead of joining it.
    void addPaths(const QStringList &paths);
    bool isScanning() const { return m_scanning; }
    void cancelScan();
    void removeSelected();
    void setFiles(const QStringList &files);

    QStringList files() const; // in the order listed
    QStringList sources() const; // .c
    QStringList headers() const; // .h
    QString selectedFile() const;

    // A widget shown in the middle of the empty list, under the hint (the "Open the example" button).
    void setEmptyStateWidget(QWidget *widget);

    // Six lines: the column of steps around it is sized from its parts' preferred heights (it has word-wrapped
    // labels), and QListWidget's default of 192 px would push Link and Run off a 720-pixel screen.
    QSize sizeHint() const override;

Q_SIGNALS:
    void filesChanged();
    void scanStarted();
    // `added` files were new; `capped` when the folders held more C files than a build takes.
    void scanFinished(int added, bool capped);
    // C files among those added that define main(), in order: the program's sources. After filesChanged().
    void programsFound(const QStringList &programs);
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
    int addFiles(const QStringList &candidates); // returns how many were new
    int addScanned(const QStringList &paths, const SourceScan &scan); // the same, sorting out programs

    QWidget *m_emptyWidget = nullptr;
    JobTracker *m_scan;
    bool m_scanning = false;
};

} // namespace linklab
