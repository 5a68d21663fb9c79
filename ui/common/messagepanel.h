// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace linklab {

// A centred message in place of content: the empty state, "Loading…", or why a file could not be opened.
// Errors are shown here, in the window, instead of in a dialog per file.
class MessagePanel : public QWidget
{
    Q_OBJECT
public:
    explicit MessagePanel(QWidget *parent = nullptr);

    void setIcon(const QIcon &icon);
    void setTitle(const QString &title);
    void setText(const QString &text);
    void setBusy(bool busy); // an indeterminate progress bar under the text

    QString title() const;
    QString text() const;

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QProgressBar *m_busy;
};

} // namespace linklab
