// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildplan.h"

#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace linklab {

class ElidedLabel;

// The second half of the course exercise: link a program (main.c) against the library just built, then run
// it with a chosen LD_LIBRARY_PATH and see what the loader does. The room runs the commands; this panel holds
// the choices, the buttons and the explanation when the loader cannot find the library.
class ProgramPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProgramPanel(QWidget *parent = nullptr);

    ProgramPlan program() const;
    QStringList sources() const { return m_sources; }
    void setSources(const QStringList &sources);
    // The LD_LIBRARY_PATH field follows the output folder until the user types another value.
    void setOutDir(const QString &outDir);
    QString libraryPath() const;
    Result<QStringList> arguments() const; // split as a shell would; fails when a quote is not closed
    // Module kind: nothing links against a module, so the link and run steps are off, with the reason.
    void setLinkAvailable(bool available, const QString &why);
    // Why the program cannot be linked (validateProgram) or its arguments read; empty hides the line.
    void setError(const QString &error);
    // The loader's missing library, explained where the user is looking; empty hides it.
    // The loader's message when the program could not start for a missing library, with the two fixes.
    void setExplanation(const QString &explanation);
    void setLibraryPath(const QString &folders); // as the user would type it
    void setRpath(bool on);
    QString explanation() const;

    QPushButton *linkButton() const { return m_link; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *stopButton() const { return m_stop; }

    void saveSettings() const;

Q_SIGNALS:
    void changed();
    void linkRequested();
    void runRequested();
    void stopRequested();
    void fixWithLibraryPathRequested(); // "Run with LD_LIBRARY_PATH set to the output folder"
    void fixWithRpathRequested(); // "Relink with rpath $ORIGIN and run"

private:
    QGroupBox *createLinkGroup();
    QWidget *createRunGroup();
    void chooseSources();
    void restoreSettings();

    QStringList m_sources;
    QGroupBox *m_linkGroup = nullptr;
    QWidget *m_runGroup = nullptr;
    ElidedLabel *m_sourceField;
    QLineEdit *m_output;
    QCheckBox *m_rpath;
    QPushButton *m_link;
    QLabel *m_error;
    QLineEdit *m_libraryPath;
    QLineEdit *m_arguments;
    QPushButton *m_run;
    QPushButton *m_stop;
    QLabel *m_explanation;
    QWidget *m_fixes = nullptr;
    QString m_outDir;
    bool m_pathChosen = false;
};

} // namespace linklab
