// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace linklab {

// What the last successful build made (the library, its symlinks, the program), each one click away from
// the Inspector. It sits inside the Build step, under its buttons.
class ArtifactsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ArtifactsPanel(QWidget *parent = nullptr);

    void setArtifacts(const QStringList &paths);
    QStringList artifacts() const { return m_paths; }
    QListWidget *list() const { return m_list; }
    QPushButton *openButton() const { return m_open; }

Q_SIGNALS:
    void openRequested(const QStringList &paths);

private:
    QStringList selectedPaths() const;

    QListWidget *m_list;
    QPushButton *m_open;
    QStringList m_paths;
};

} // namespace linklab
