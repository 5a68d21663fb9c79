// SPDX-License-Identifier: MIT
#include "builder/programpanel.h"

#include "builder/shellwords.h"

#include "common/elidedlabel.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace linklab {

namespace {
const QString OutputKey = QStringLiteral("build/programOutput");
const QString RpathKey = QStringLiteral("build/programRpath");
const QString ArgumentsKey = QStringLiteral("build/programArguments");
const QString LibraryPathKey = QStringLiteral("build/ldLibraryPath");
const QString LibraryPathFollowsKey = QStringLiteral("build/ldLibraryPathFollowsOutput");
const QString SourcesKey = QStringLiteral("build/programSources");
} // namespace

ProgramPanel::ProgramPanel(QWidget *parent)
    : QWidget(parent)
    , m_sourceField(new ElidedLabel)
    , m_output(new QLineEdit)
    , m_rpath(new QCheckBox(tr("rpath ($ORIGIN)")))
    , m_link(new QPushButton(QIcon::fromTheme(QStringLiteral("run-build")), tr("&Link")))
    , m_error(new QLabel)
    , m_libraryPath(new QLineEdit)
    , m_arguments(new QLineEdit)
    , m_run(new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("R&un")))
    , m_stop(new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-stop")), tr("S&top")))
    , m_explanation(new QLabel)
{
    // Linking and running are two steps, but one box: its title says both, and a second box's frame and title
    // would cost a small screen the room of a row.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_linkGroup = createLinkGroup());
    auto *inside = static_cast<QVBoxLayout *>(m_linkGroup->layout());
    inside->addWidget(m_runGroup = createRunGroup());
    restoreSettings();
}

QGroupBox *ProgramPanel::createLinkGroup()
{
    auto *group = new QGroupBox(tr("4 · Link a program, 5 · run it"));
    group->setObjectName(QStringLiteral("linkGroup"));
    auto *box = new QVBoxLayout(group);
    box->setContentsMargins(8, 4, 8, 6);
    box->setSpacing(4);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setVerticalSpacing(4);
    box->addLayout(form);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_sourceField->setObjectName(QStringLiteral("programSources"));
    m_sourceField->setFrameShape(QFrame::StyledPanel);
    m_sourceField->setFrameShadow(QFrame::Sunken);
    m_sourceField->setMargin(2);
    m_sourceField->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *choose = new QPushButton(tr("Choose…"));
    choose->setObjectName(QStringLiteral("chooseProgramSources"));
    choose->setToolTip(tr("The program's .c files (one with main()); they are not part of the library."));
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_sourceField, 1);
    sourceRow->addWidget(choose);
    form->addRow(tr("Program sources:"), sourceRow);

    m_output->setObjectName(QStringLiteral("programOutput"));
    m_output->setText(QStringLiteral("prog"));
    m_output->setToolTip(tr("The program's file name, in the output folder."));
    m_rpath->setObjectName(QStringLiteral("rpath"));
    m_rpath->setToolTip(tr("-Wl,-rpath,'$ORIGIN': the program records \"look next to me\" (DT_RUNPATH), so it finds\n"
                           "a shared library in its own folder without LD_LIBRARY_PATH."));
    m_link->setObjectName(QStringLiteral("linkButton"));
    m_link->setToolTip(tr("gcc main.c -L<output> -l<name> -o prog: compiles the program and links it against the "
                          "library (building the library first if needed)."));
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(m_rpath);
    outputRow->addWidget(m_link);
    form->addRow(tr("Output name:"), outputRow);

    m_error->setObjectName(QStringLiteral("programError"));
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c01c28; }"));
    m_error->setWordWrap(true);
    m_error->hide();
    form->addRow(m_error);

    connect(choose, &QPushButton::clicked, this, &ProgramPanel::chooseSources);
    connect(m_output, &QLineEdit::textChanged, this, &ProgramPanel::changed);
    connect(m_rpath, &QCheckBox::toggled, this, &ProgramPanel::changed);
    connect(m_link, &QPushButton::clicked, this, &ProgramPanel::linkRequested);
    return group;
}

QWidget *ProgramPanel::createRunGroup()
{
    auto *group = new QWidget;
    group->setObjectName(QStringLiteral("runGroup"));
    auto *form = new QFormLayout(group);
    form->setContentsMargins(0, 0, 0, 0);
    form->setVerticalSpacing(4);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_libraryPath->setObjectName(QStringLiteral("ldLibraryPath"));
    m_libraryPath->setPlaceholderText(tr("empty: only the standard places"));
    m_libraryPath->setToolTip(tr("Folders the loader searches first for shared libraries, separated by ':'.\n"
                                 "Clear it and run again to see what happens without it."));
    form->addRow(tr("LD_LIBRARY_PATH:"), m_libraryPath);
    m_arguments->setObjectName(QStringLiteral("programArguments"));
    m_arguments->setToolTip(tr("Command-line arguments, split as a shell would."));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setToolTip(tr("Runs the program in the output folder; its output appears in the console."));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setToolTip(tr("Kills the program (Esc)."));
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_arguments, 1);
    runRow->addWidget(m_run);
    runRow->addWidget(m_stop);
    form->addRow(tr("Arguments:"), runRow);

    // Not a dialog: the explanation stays next to the field that fixes it.
    m_explanation->setObjectName(QStringLiteral("missingLibrary"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #5c4400; border: 1px solid "
                                                "#e0c060; border-radius: 4px; padding: 6px; }"));
    m_explanation->hide();
    form->addRow(m_explanation);
    // One click for each remedy the explanation gives.
    m_fixes = new QWidget(group);
    auto *fixRow = new QHBoxLayout(m_fixes);
    fixRow->setContentsMargins(0, 0, 0, 0);
    auto *fixPath = new QPushButton(tr("Run with LD_LIBRARY_PATH = Output Folder"), m_fixes);
    fixPath->setObjectName(QStringLiteral("fixWithLibraryPath"));
    fixPath->setToolTip(
        tr("Tell the loader where the library is for this run only, as `export LD_LIBRARY_PATH=.` does"));
    auto *fixRpath = new QPushButton(tr("Relink with rpath $ORIGIN and Run"), m_fixes);
    fixRpath->setObjectName(QStringLiteral("fixWithRpath"));
    fixRpath->setToolTip(tr("Record \"look next to me\" in the program (-Wl,-rpath,'$ORIGIN'), so it finds the library "
                            "without LD_LIBRARY_PATH"));
    fixRow->addWidget(fixPath);
    fixRow->addWidget(fixRpath);
    fixRow->addStretch();
    m_fixes->hide();
    form->addRow(m_fixes);
    connect(fixPath, &QPushButton::clicked, this, &ProgramPanel::fixWithLibraryPathRequested);
    connect(fixRpath, &QPushButton::clicked, this, &ProgramPanel::fixWithRpathRequested);

    connect(m_libraryPath, &QLineEdit::textEdited, this, [this] { m_pathChosen = m_libraryPath->text() != m_outDir; });
    connect(m_arguments, &QLineEdit::textChanged, this, &ProgramPanel::changed);
    connect(m_run, &QPushButton::clicked, this, &ProgramPanel::runRequested);
    connect(m_stop, &QPushButton::clicked, this, &ProgramPanel::stopRequested);
    return group;
}

void ProgramPanel::chooseSources()
{
    const QString dir = m_sources.isEmpty() ? m_outDir : QFileInfo(m_sources.constFirst()).absolutePath();
    const QStringList files
        = QFileDialog::getOpenFileNames(this, tr("Program Sources"), dir, tr("C sources (*.c);;All files (*)"));
    if (!files.isEmpty())
        setSources(files);
}

void ProgramPanel::setSources(const QStringList &sources)
{
    m_sources.clear();
    for (const QString &path : sources)
        m_sources.append(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    // Whole paths: "main.c" alone cannot tell this project's from the one before.
    QStringList native;
    for (const QString &path : std::as_const(m_sources))
        native.append(QDir::toNativeSeparators(path));
    m_sourceField->setFullText(native.isEmpty() ? tr("none yet: a main.c added with the sources lands here")
                                                : native.join(QStringLiteral("  ")));
    m_sourceField->setToolTip(native.isEmpty() ? m_sourceField->fullText() : native.join(u'\n'));
    Q_EMIT changed();
}

ProgramPlan ProgramPanel::program() const
{
    ProgramPlan plan;
    plan.sources = m_sources;
    plan.output = m_output->text().trimmed();
    plan.rpath = m_rpath->isChecked();
    return plan;
}

void ProgramPanel::setOutDir(const QString &outDir)
{
    m_outDir = outDir;
    if (!m_pathChosen)
        m_libraryPath->setText(outDir);
}

QString ProgramPanel::libraryPath() const
{
    return m_libraryPath->text().trimmed();
}

Result<QStringList> ProgramPanel::arguments() const
{
    return splitShellWords(m_arguments->text());
}

void ProgramPanel::setLinkAvailable(bool available, const QString &why)
{
    for (QWidget *group : {static_cast<QWidget *>(m_linkGroup), m_runGroup}) {
        group->setEnabled(available);
        group->setToolTip(available ? QString() : why);
    }
}

void ProgramPanel::setError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void ProgramPanel::setExplanation(const QString &explanation)
{
    m_explanation->setText(explanation);
    m_explanation->setVisible(!explanation.isEmpty());
    m_fixes->setVisible(!explanation.isEmpty());
}

void ProgramPanel::setLibraryPath(const QString &folders)
{
    m_libraryPath->setText(folders);
    m_pathChosen = folders != m_outDir;
}

void ProgramPanel::setRpath(bool on)
{
    m_rpath->setChecked(on);
}

QString ProgramPanel::explanation() const
{
    return m_explanation->text();
}

void ProgramPanel::restoreSettings()
{
    const QSettings s;
    m_output->setText(s.value(OutputKey, QStringLiteral("prog")).toString());
    m_rpath->setChecked(s.value(RpathKey, false).toBool());
    m_arguments->setText(s.value(ArgumentsKey).toString());
    // The field follows the output folder, unless the user set another value (an empty one included).
    m_pathChosen = !s.value(LibraryPathFollowsKey, true).toBool();
    if (m_pathChosen)
        m_libraryPath->setText(s.value(LibraryPathKey).toString());
    QStringList sources = s.value(SourcesKey).toStringList();
    sources.removeIf([](const QString &p) { return !QFileInfo::exists(p); });
    setSources(sources);
}

void ProgramPanel::saveSettings() const
{
    QSettings s;
    s.setValue(OutputKey, m_output->text());
    s.setValue(RpathKey, m_rpath->isChecked());
    s.setValue(ArgumentsKey, m_arguments->text());
    s.setValue(LibraryPathFollowsKey, !m_pathChosen);
    s.setValue(LibraryPathKey, m_pathChosen ? m_libraryPath->text() : QString());
    s.setValue(SourcesKey, m_sources);
}

} // namespace linklab
