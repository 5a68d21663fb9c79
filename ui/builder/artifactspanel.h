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
    QPushButton *dependenciesButton() const { return m_dependencies; }

Q_SIGNALS:
    void openRequested(const QStringList &paths);
    void dependenciesRequested(const QString &path);

private:
    QStringList selectedPaths() const;
    // The program or shared library "Dependencies" would show: the selected one, or the only one built.
    QString loadable() const;

    QListWidget *m_list;
    QPushButton *m_open;
    QPushButton *m_dependencies;
    QStringList m_paths;
};

} // namespace linklab
