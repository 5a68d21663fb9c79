// SPDX-License-Identifier: MIT
// The options panel: one form of a dozen fields (kind, name, version, compiler, flags, output folder) with their
// tooltips, validation messages and remembered values; each field is a few lines, so the file is long but flat.
#include "builder/buildoptions.h"

#include "builder/shellwords.h"
#include "builder/sourcefiles.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

namespace linklab {

namespace {
QString key(const char *name)
{
    return QStringLiteral("build/") + QLatin1String(name);
}

QString kindToolTip(LibraryKind kind)
{
    switch (kind) {
    case LibraryKind::Static:
        return BuildOptions::tr(
            "gcc -c compiles each .c file into an object file; ar rcs bundles them into lib<name>.a.\n"
            "A program linked against it gets a copy of the code it uses: nothing is needed at run time.");
    case LibraryKind::Shared:
        return BuildOptions::tr(
            "gcc -c -fPIC compiles position-independent code: the loader can map it at any address, and every\n"
            "process shares the same pages. gcc -shared -Wl,-soname,… links lib<name>.so; programs record the\n"
            "soname, and the loader finds the file at run time (LD_LIBRARY_PATH, rpath, ld.so.cache).");
    case LibraryKind::Module:
        return BuildOptions::tr(
            "Built like a shared library (-fPIC, -shared) but without soname or lib prefix: a plug-in that a\n"
            "program opens itself with dlopen() and looks into with dlsym(). Programs are not linked against\n"
            "it (CMake's MODULE).");
    }
    return {};
}

QLabel *hintLabel(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    return label;
}
} // namespace

BuildOptions::BuildOptions(QObject *parent)
    : QObject(parent)
    , m_kinds(new QButtonGroup(this))
    , m_name(new QLineEdit)
    , m_version(new QLineEdit)
    , m_preview(new QLabel)
    , m_compiler(new QComboBox)
    , m_warnings(new QCheckBox(tr("Warnings (-Wall -Wextra)")))
    , m_debug(new QCheckBox(tr("Debug info (-g)")))
    , m_hidden(new QCheckBox(tr("Hidden visibility (-fvisibility=hidden)")))
    , m_optimization(new QComboBox)
    , m_defines(new QLineEdit)
    , m_cflags(new QLineEdit)
    , m_ldflags(new QLineEdit)
    , m_fieldError(new QLabel)
    , m_outDir(new QLineEdit)
    , m_compilerToggle(new QToolButton)
    , m_kindHint(hintLabel(QString()))
{
    m_compilerGroup = createCompilerGroup();
    m_libraryGroup = createLibraryGroup();
    restoreSettings();
    update();
}

BuildOptions::~BuildOptions()
{
    // Boxes nobody placed are still ours.
    if (m_libraryGroup && !m_libraryGroup->parent())
        delete m_libraryGroup;
}

QGroupBox *BuildOptions::createLibraryGroup()
{
    auto *group = new QGroupBox(tr("2 · Library"));
    group->setObjectName(QStringLiteral("libraryGroup"));
    auto *form = new QFormLayout(group);
    form->setContentsMargins(8, 4, 8, 6);
    form->setVerticalSpacing(4);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    // One row of kinds and the meaning of the chosen one under it: three explanations at once took a third of a
    // small screen. Each radio's tooltip still says what its commands do.
    auto *kindRow = new QHBoxLayout;
    const QList<std::pair<LibraryKind, QString>> labels = {{LibraryKind::Static, tr("&Static (.a)")},
        {LibraryKind::Shared, tr("Shared (.so)")}, {LibraryKind::Module, tr("&Module (dlopen)")}};
    for (const auto &[kind, label] : labels) {
        auto *radio = new QRadioButton(label);
        radio->setObjectName(QStringLiteral("kind_") + kindKey(kind));
        radio->setToolTip(kindToolTip(kind));
        m_kinds->addButton(radio, int(kind));
        kindRow->addWidget(radio);
    }
    kindRow->addStretch(1);
    auto *kinds = new QVBoxLayout;
    kinds->setSpacing(2);
    kinds->addLayout(kindRow);
    m_kindHint->setObjectName(QStringLiteral("kindHint"));
    kinds->addWidget(m_kindHint);
    form->addRow(tr("Kind:"), kinds);

    m_name->setObjectName(QStringLiteral("libraryName"));
    m_name->setPlaceholderText(QStringLiteral("mylib"));
    m_name->setToolTip(tr("The library's name without prefix and suffix: strmath gives libstrmath.a or "
                          "libstrmath.so, and programs link it with -lstrmath."));
    m_version->setObjectName(QStringLiteral("libraryVersion"));
    m_version->setPlaceholderText(tr("optional, e.g. 1.0.0"));
    m_version->setToolTip(tr("Shared libraries only. 1.2.3 gives libname.so.1.2.3, the soname libname.so.1 (what\n"
                             "programs record as NEEDED) and the symlinks libname.so.1 and libname.so (what -lname\n"
                             "finds at link time). Empty gives a plain libname.so."));
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 3);
    auto *versionLabel = new QLabel(tr("&Version:"));
    versionLabel->setBuddy(m_version);
    nameRow->addWidget(versionLabel);
    nameRow->addWidget(m_version, 2);
    auto *nameLabel = new QLabel(tr("&Name:"));
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, nameRow);
    m_preview->setObjectName(QStringLiteral("artifactPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("On disk:"), m_preview);
    form->addRow(tr("Output folder:"), createOutputRow());

    m_compilerToggle->setObjectName(QStringLiteral("compilerToggle"));
    m_compilerToggle->setCheckable(true);
    m_compilerToggle->setAutoRaise(true);
    m_compilerToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_compilerToggle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_compilerToggle->setToolTip(tr("Show or hide the compiler, the warnings, the optimization level and the flags."));
    form->addRow(m_compilerToggle);
    m_compilerGroup->setFlat(true);
    m_compilerGroup->setVisible(false);
    form->addRow(m_compilerGroup);
    connect(m_compilerToggle, &QToolButton::toggled, this, [this](bool shown) {
        m_compilerGroup->setVisible(shown);
        m_compilerToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    });
    m_compilerToggle->setArrowType(Qt::RightArrow);

    connect(m_kinds, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            update();
    });
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameChosen = !m_name->text().isEmpty(); });
    connect(m_name, &QLineEdit::textChanged, this, &BuildOptions::update);
    connect(m_version, &QLineEdit::textChanged, this, &BuildOptions::update);
    return group;
}

QGroupBox *BuildOptions::createCompilerGroup()
{
    auto *group = new QGroupBox;
    group->setObjectName(QStringLiteral("compilerGroup"));
    auto *form = new QFormLayout(group);
    form->setContentsMargins(0, 0, 0, 0);
    form->setVerticalSpacing(4);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_compiler->setObjectName(QStringLiteral("compiler"));
    m_compiler->setToolTip(tr("The C compiler driver: it runs the preprocessor, the compiler, the assembler and the "
                              "linker (ld) for you."));
    m_compiler->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compiler->setMinimumContentsLength(20);
    form->addRow(tr("&Compiler:"), m_compiler);

    m_warnings->setObjectName(QStringLiteral("warnings"));
    m_warnings->setToolTip(tr("-Wall -Wextra: the compiler points at likely mistakes; they appear under Diagnostics."));
    m_debug->setObjectName(QStringLiteral("debugInfo"));
    m_debug->setToolTip(tr("-g: adds DWARF debug sections (.debug_info, .debug_line…) so gdb can show source lines."));
    m_hidden->setObjectName(QStringLiteral("hiddenVisibility"));
    m_hidden->setToolTip(tr("-fvisibility=hidden: symbols are not exported from a shared library unless marked\n"
                            "__attribute__((visibility(\"default\"))). Compare the dynamic symbols in the Inspector."));
    auto *checks = new QVBoxLayout;
    checks->setSpacing(2);
    checks->addWidget(m_warnings);
    checks->addWidget(m_debug);
    checks->addWidget(m_hidden);
    form->addRow(tr("Flags:"), checks);

    m_optimization->setObjectName(QStringLiteral("optimization"));
    const QList<std::pair<QString, QString>> levels = {{QStringLiteral("-O0"), tr("none, easiest to debug")},
        {QStringLiteral("-O1"), tr("basic")}, {QStringLiteral("-O2"), tr("the usual for releases")},
        {QStringLiteral("-O3"), tr("aggressive, bigger code")}, {QStringLiteral("-Os"), tr("small code")},
        {QStringLiteral("-Og"), tr("optimize, but keep debugging easy")}};
    for (const auto &[flag, meaning] : levels)
        m_optimization->addItem(QStringLiteral("%1 — %2").arg(flag, meaning), flag);
    m_optimization->setToolTip(tr("How hard the compiler optimizes (the -O option)."));
    form->addRow(tr("&Optimization:"), m_optimization);

    m_defines->setObjectName(QStringLiteral("defines"));
    m_defines->setPlaceholderText(QStringLiteral("NDEBUG LEVEL=2"));
    m_defines->setToolTip(
        tr("Preprocessor macros, separated by spaces: each NAME or NAME=VALUE becomes -DNAME=VALUE."));
    form->addRow(tr("Defines:"), m_defines);
    m_cflags->setObjectName(QStringLiteral("extraCflags"));
    m_cflags->setPlaceholderText(QStringLiteral("-std=c11 -I/opt/include"));
    m_cflags->setToolTip(tr("More options for every compile, split as a shell would (quotes work)."));
    form->addRow(tr("E&xtra compiler flags:"), m_cflags);
    m_ldflags->setObjectName(QStringLiteral("linkFlags"));
    m_ldflags->setPlaceholderText(QStringLiteral("-lm -L/opt/lib"));
    m_ldflags->setToolTip(tr("Options for the link step, split as a shell would. -lname links libname: into the\n"
                             "shared library, or, for a static library (which is never linked), into the program."));
    form->addRow(tr("Lin&k flags / libraries:"), m_ldflags);
    m_fieldError->setObjectName(QStringLiteral("fieldError"));
    m_fieldError->setStyleSheet(QStringLiteral("QLabel { color: #c01c28; }"));
    m_fieldError->setWordWrap(true);
    m_fieldError->hide();
    form->addRow(m_fieldError);

    for (QCheckBox *box : {m_warnings, m_debug, m_hidden})
        connect(box, &QCheckBox::toggled, this, &BuildOptions::update);
    for (QComboBox *combo : {m_compiler, m_optimization})
        connect(combo, &QComboBox::currentIndexChanged, this, &BuildOptions::update);
    for (QLineEdit *edit : {m_defines, m_cflags, m_ldflags})
        connect(edit, &QLineEdit::textChanged, this, &BuildOptions::update);
    return group;
}

QLayout *BuildOptions::createOutputRow()
{
    auto *row = new QHBoxLayout;
    m_outDir->setObjectName(QStringLiteral("outDir"));
    m_outDir->setPlaceholderText(tr("<folder of the first source>/build-linklab"));
    m_outDir->setToolTip(tr("Objects, the library and the program go here; your source files are never changed.\n"
                            "A failed build keeps the last good library."));
    auto *browse = new QPushButton(tr("Bro&wse…"));
    browse->setObjectName(QStringLiteral("browseOutDir"));
    row->addWidget(m_outDir, 1);
    row->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, &BuildOptions::browseOutDir);
    connect(m_outDir, &QLineEdit::textEdited, this, [this] { m_outDirChosen = !m_outDir->text().isEmpty(); });
    connect(m_outDir, &QLineEdit::textChanged, this, &BuildOptions::update);
    return row;
}

void BuildOptions::browseOutDir()
{
    const QString dir = QFileDialog::getExistingDirectory(m_outDir, tr("Output Folder"), outDir());
    if (dir.isEmpty())
        return;
    m_outDirChosen = true;
    m_outDir->setText(dir);
}

LibraryKind BuildOptions::kind() const
{
    return LibraryKind(qMax(0, m_kinds->checkedId()));
}

void BuildOptions::setKind(LibraryKind kind)
{
    m_kinds->button(int(kind))->setChecked(true);
}

QString BuildOptions::outDir() const
{
    return m_outDir->text().trimmed();
}

void BuildOptions::setSourceFolder(const QString &folder)
{
    if (!m_nameChosen)
        m_name->setText(folder.isEmpty() ? QString() : defaultLibraryName(folder));
    if (!m_outDirChosen)
        m_outDir->setText(defaultOutDir(folder));
}

void BuildOptions::startProject(const QString &folder)
{
    m_nameChosen = false;
    m_outDirChosen = false;
    setSourceFolder(folder);
}

void BuildOptions::setLibraryName(const QString &name)
{
    m_name->setText(name);
    m_nameChosen = false; // an example's name; the next sources may bring their own
}

void BuildOptions::setLinkFlags(const QString &flags)
{
    m_ldflags->setText(flags);
}

QString BuildOptions::linkFlags() const
{
    return m_ldflags->text();
}

void BuildOptions::setToolchain(const Toolchain &toolchain)
{
    const QString current = m_compiler->currentData().toString();
    const QSignalBlocker block(m_compiler);
    m_compiler->clear();
    for (const Tool &tool : toolchain.compilers) {
        m_compiler->addItem(
            tool.version.isEmpty() ? tool.name : QStringLiteral("%1 — %2").arg(tool.name, tool.version), tool.name);
        m_compiler->setItemData(m_compiler->count() - 1, QDir::toNativeSeparators(tool.path), Qt::ToolTipRole);
    }
    if (m_compiler->count() == 0)
        m_compiler->addItem(tr("%1 — not found on PATH").arg(current), current);
    int index = m_compiler->findData(current);
    if (index < 0)
        index = m_compiler->findData(toolchain.defaultCompiler());
    m_compiler->setCurrentIndex(qMax(0, index));
    update();
}

void BuildOptions::fillPlan(BuildPlan &plan) const
{
    plan.kind = kind();
    plan.name = m_name->text().trimmed();
    plan.version = plan.kind == LibraryKind::Shared ? m_version->text().trimmed() : QString();
    plan.compiler = m_compiler->currentData().toString();
    plan.warnings = m_warnings->isChecked();
    plan.debugInfo = m_debug->isChecked();
    plan.hiddenVisibility = m_hidden->isChecked();
    plan.optimization = m_optimization->currentData().toString();
    plan.outDir = outDir().isEmpty() ? QString() : QDir::cleanPath(QDir(outDir()).absolutePath());

    plan.defines.clear();
    for (QString word : splitShellWords(m_defines->text()).valueOr({})) {
        if (word.startsWith(QLatin1String("-D")))
            word = word.mid(2);
        if (!word.isEmpty())
            plan.defines.append(word);
    }
    plan.extraCflags = splitShellWords(m_cflags->text()).valueOr({});
    linklab::setLinkFlags(plan, splitShellWords(m_ldflags->text()).valueOr({}));
}

Check BuildOptions::fieldCheck() const
{
    const QList<std::pair<QLineEdit *, QString>> fields
        = {{m_defines, tr("Defines")}, {m_cflags, tr("Extra compiler flags")}, {m_ldflags, tr("Link flags")}};
    for (const auto &[edit, label] : fields) {
        if (const auto words = splitShellWords(edit->text()); !words)
            return Check::fail(tr("%1: %2.").arg(label, words.reason()));
    }
    return {};
}

void BuildOptions::update()
{
    const LibraryKind k = kind();
    m_version->setEnabled(k == LibraryKind::Shared);
    BuildPlan plan;
    fillPlan(plan);
    if (plan.name.isEmpty()) {
        m_preview->setText(tr("(give the library a name)"));
    } else {
        QStringList names;
        for (const QString &path : libraryArtifacts(plan))
            names.append(QFileInfo(path).fileName());
        QString text = names.value(0);
        if (names.size() > 1)
            text += tr(", symlinks %1").arg(names.mid(1).join(QStringLiteral(", ")));
        if (const QString so = soname(plan); !so.isEmpty())
            text += u'\n' + tr("soname %1 (what programs record as NEEDED)").arg(so);
        m_preview->setText(text);
    }
    m_kindHint->setText(kindExplanation(k));
    const Check fields = fieldCheck();
    m_fieldError->setText(fields.reason());
    m_fieldError->setVisible(!fields);
    // A field that cannot be read must not hide behind the fold.
    if (!fields && !m_compilerToggle->isChecked())
        m_compilerToggle->setChecked(true);
    updateCompilerSummary();
    Q_EMIT changed();
}

void BuildOptions::updateCompilerSummary()
{
    QStringList flags {m_compiler->currentData().toString(), m_optimization->currentData().toString()};
    if (m_warnings->isChecked())
        flags << QStringLiteral("-Wall -Wextra");
    if (m_debug->isChecked())
        flags << QStringLiteral("-g");
    if (m_hidden->isChecked())
        flags << QStringLiteral("-fvisibility=hidden");
    for (QLineEdit *edit : {m_defines, m_cflags, m_ldflags}) {
        if (!edit->text().trimmed().isEmpty())
            flags << edit->text().trimmed();
    }
    m_compilerToggle->setText(tr("Compiler and flags: %1").arg(flags.join(u' ')));
}

// The fields saved as they are: (settings key, widget).
QList<std::pair<const char *, QLineEdit *>> BuildOptions::textFields() const
{
    return {{"version", m_version}, {"defines", m_defines}, {"cflags", m_cflags}, {"ldflags", m_ldflags}};
}

QList<std::pair<const char *, QCheckBox *>> BuildOptions::checkFields() const
{
    return {{"warnings", m_warnings}, {"debugInfo", m_debug}, {"hiddenVisibility", m_hidden}};
}

void BuildOptions::restoreSettings()
{
    const QSettings s;
    // Until the user changes them, the options are BuildPlan's defaults (-Wall -Wextra -O2), as the CLI uses.
    const BuildPlan defaults;
    m_warnings->setChecked(defaults.warnings);
    m_debug->setChecked(defaults.debugInfo);
    m_hidden->setChecked(defaults.hiddenVisibility);
    m_optimization->setCurrentIndex(qMax(0, m_optimization->findData(defaults.optimization)));
    setKind(kindFromKey(s.value(key("kind")).toString()).value_or(defaults.kind));
    const QString compiler = s.value(key("compiler"), QStringLiteral("gcc")).toString();
    m_compiler->addItem(tr("%1 — looking for its version…").arg(compiler), compiler);
    m_optimization->setCurrentIndex(
        qMax(0, m_optimization->findData(s.value(key("optimization"), m_optimization->currentData()))));
    for (const auto &[name, box] : checkFields())
        box->setChecked(s.value(key(name), box->isChecked()).toBool());
    for (const auto &[name, edit] : textFields())
        edit->setText(s.value(key(name)).toString());
    // A name or output folder the user chose stays; the default ones follow the sources.
    m_name->setText(s.value(key("name")).toString());
    m_nameChosen = !m_name->text().isEmpty();
    m_outDir->setText(s.value(key("outDir")).toString());
    m_outDirChosen = !m_outDir->text().isEmpty();
    m_compilerToggle->setChecked(s.value(key("showCompiler"), false).toBool());
}

void BuildOptions::saveSettings() const
{
    QSettings s;
    s.setValue(key("kind"), kindKey(kind()));
    s.setValue(key("compiler"), m_compiler->currentData().toString());
    s.setValue(key("optimization"), m_optimization->currentData().toString());
    for (const auto &[name, box] : checkFields())
        s.setValue(key(name), box->isChecked());
    for (const auto &[name, edit] : textFields())
        s.setValue(key(name), edit->text());
    s.setValue(key("name"), m_nameChosen ? m_name->text() : QString());
    s.setValue(key("outDir"), m_outDirChosen ? m_outDir->text() : QString());
    s.setValue(key("showCompiler"), m_compilerToggle->isChecked());
}

} // namespace linklab
