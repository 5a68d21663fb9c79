// SPDX-License-Identifier: MIT
#pragma once

#include <QGroupBox>

class QPushButton;

namespace linklab {

class SourceList;

// The "Sources" box: the list of the library's files and the ways to fill it (dialogs, dropping, and, in the
// middle of the empty list, the bundled example).
class SourcesPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit SourcesPanel(QWidget *parent = nullptr);

    SourceList *list() const { return m_list; }
    QPushButton *exampleButton() const { return m_example; }

Q_SIGNALS:
    void exampleRequested();

private:
    void addFiles();
    void addFolder();
    void updateButtons();
    QString startFolder() const;

    SourceList *m_list;
    QPushButton *m_remove;
    QPushButton *m_example;
};

} // namespace linklab
