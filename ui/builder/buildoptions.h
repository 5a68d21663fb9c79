// SPDX-License-Identifier: MIT
#pragma once

#include "builder/buildplan.h"
#include "builder/toolchain.h"

#include <QGroupBox>
#include <QObject>
#include <QPointer>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QLayout;
class QToolButton;

namespace linklab {

// Everything about a library build except its files: kind, name, version, output folder, compiler and flags, as
// one group box (the second of the room's steps) in which the compiler and its flags fold away behind one line
// that sums them up, so the whole flow fits a small screen. It shows what the choice puts on disk as the user
// types, and checks the free-text fields as a shell would read them. Choices are remembered across sessions.
class BuildOptions : public QObject
{
    Q_OBJECT
public:
    explicit BuildOptions(QObject *parent = nullptr);
    ~BuildOptions() override;

    // The box to place; whoever places it owns it (until then, this object does). The compiler box is inside it.
    QGroupBox *libraryGroup() const { return m_libraryGroup; }
    QGroupBox *compilerGroup() const { return m_compilerGroup; }
    // Shows or folds the compiler and flags (remembered).
    QToolButton *compilerToggle() const { return m_compilerToggle; }

    // Fills every field of `plan` this widget owns (sources and headers are the caller's).
    void fillPlan(BuildPlan &plan) const;
    // Whether every free-text field can be read, or which cannot (an unclosed quote).
    Check fieldCheck() const;

    LibraryKind kind() const;
    void setKind(LibraryKind kind);
    QString outDir() const;
    // The folder of the first source: the default name and output folder follow it until the user types one.
    void setSourceFolder(const QString &folder);
    // Another project: the name and output folder follow its sources again, even if the user typed them before.
    void startProject(const QString &folder);
    void setLibraryName(const QString &name);
    void setLinkFlags(const QString &flags);
    QString linkFlags() const;
    void setToolchain(const Toolchain &toolchain);

    void saveSettings() const;

Q_SIGNALS:
    void changed();

private:
    QGroupBox *createLibraryGroup();
    QGroupBox *createCompilerGroup();
    QLayout *createOutputRow();
    void updateCompilerSummary();
    QList<std::pair<const char *, QLineEdit *>> textFields() const;
    QList<std::pair<const char *, QCheckBox *>> checkFields() const;
    void restoreSettings();
    void browseOutDir();
    void update();

    QButtonGroup *m_kinds;
    QPointer<QGroupBox> m_libraryGroup;
    QPointer<QGroupBox> m_compilerGroup;
    QLineEdit *m_name;
    QLineEdit *m_version;
    QLabel *m_preview;
    QComboBox *m_compiler;
    QCheckBox *m_warnings;
    QCheckBox *m_debug;
    QCheckBox *m_hidden;
    QComboBox *m_optimization;
    QLineEdit *m_defines;
    QLineEdit *m_cflags;
    QLineEdit *m_ldflags;
    QLabel *m_fieldError;
    QLineEdit *m_outDir;
    QToolButton *m_compilerToggle;
    QLabel *m_kindHint;
    bool m_nameChosen = false; // the user typed a name: stop following the source folder
    bool m_outDirChosen = false; // the same for the output folder
};

} // namespace linklab
