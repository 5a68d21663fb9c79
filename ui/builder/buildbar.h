// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildexport.h"

#include <QGroupBox>

class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace linklab {

// The "Build" box: Build (Ctrl+B) and Cancel, the progress of the steps, the Export menu, and one line that
// says why Build is disabled when it is.
class BuildBar : public QGroupBox
{
    Q_OBJECT
public:
    explicit BuildBar(QWidget *parent = nullptr);

    // A hint (grey) or an error (red); empty hides the line.
    void setMessage(const QString &text, bool error);
    QString message() const;
    void setProgress(int done, int total);
    // Back to before any build: no steps counted, the bar hidden (an empty bar looks like a text field).
    void resetProgress();
    // The linker's "undefined reference" explained, with a one-click fix ("Add -lm and Build Again"); an empty
    // text hides both.
    void setHint(const QString &text, const QString &fixLabel);
    QString hint() const;
    QPushButton *fixButton() const { return m_fix; }
    // What the build made goes under the buttons, inside this step.
    void setDetails(QWidget *widget);

    QPushButton *buildButton() const { return m_build; }
    QPushButton *cancelButton() const { return m_cancel; }
    QToolButton *exportButton() const { return m_export; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *messageLabel() const { return m_message; }

Q_SIGNALS:
    void buildRequested();
    void fixRequested();
    void cancelRequested();
    void exportRequested(linklab::BuildExport::Format format);

private:
    QLabel *m_hint = nullptr;
    QPushButton *m_fix = nullptr;
    QPushButton *m_build;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QToolButton *m_export;
    QLabel *m_message;
};

} // namespace linklab
