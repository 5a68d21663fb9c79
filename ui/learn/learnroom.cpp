// SPDX-License-Identifier: MIT
#include "learn/learnroom.h"

#include "common/chighlighter.h"
#include "common/consoleview.h"
#include "common/picture.h"
#include "learn/comparisonview.h"
#include "learn/handout.h"
#include "learn/pipeline.h"
#include "learn/pipelineview.h"
#include "learn/stepviews.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace linklab {

namespace {
const QString LessonKey = QStringLiteral("learn/lesson");
QString stepKey(const QString &lesson)
{
    return QStringLiteral("learn/step/") + lesson;
}

// Enter in the step list runs the step (Up/Down move, as in any list).
class StepList : public QListWidget
{
public:
    using QListWidget::QListWidget;
    std::function<void()> onEnter;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && onEnter) {
            onEnter();
            return;
        }
        QListWidget::keyPressEvent(event);
    }
};
} // namespace

LearnRoom::LearnRoom(QWidget *parent)
    : Room(parent)
    , m_workBase(
          QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("lessons")))
    , m_engine(new LessonEngine(this))
    , m_lessonBox(new QComboBox)
    , m_steps(new StepList)
    , m_text(new QTextBrowser)
    , m_command(new QLabel)
    , m_run(new QPushButton(tr("&Run step")))
    , m_callRow(new QWidget)
    , m_callLabel(new QLabel)
    , m_callArgs(new QLineEdit)
    , m_status(new QLabel)
    , m_openFile(new QPushButton)
    , m_tabs(new QTabWidget)
    , m_result(new ConsoleView)
    , m_comparison(new ComparisonView)
    , m_sourceBox(new QComboBox)
    , m_source(new QPlainTextEdit)
    , m_saveSource(new QPushButton(tr("Save")))
    , m_pipeline(new PipelineView)
{
    setObjectName(QStringLiteral("learnRoom"));
    m_lessonBox->setObjectName(QStringLiteral("lessonBox"));
    // Long lesson titles must not widen the window: the box shows what fits, the list shows it all.
    m_lessonBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_lessonBox->setMinimumContentsLength(12);
    m_sourceBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sourceBox->setMinimumContentsLength(10);
    m_steps->setObjectName(QStringLiteral("stepList"));
    m_run->setObjectName(QStringLiteral("runStep"));
    m_run->setToolTip(tr("Run this step for real (Enter in the step list, or F5)"));
    m_command->setObjectName(QStringLiteral("stepCommand"));
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setWordWrap(true);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_status->setWordWrap(true);
    m_text->setOpenExternalLinks(true);
    m_source->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setLineWrapMode(QPlainTextEdit::NoWrap); // nm's and readelf's columns stay columns
    new CHighlighter(m_source->document());

    // Left: the lesson and its steps, and what can be done with the lesson as a whole.
    auto *reset = new QToolButton;
    reset->setText(tr("Start over"));
    reset->setToolTip(tr("Empty the lesson's working folder: its files are copied again from the bundled ones"));
    auto *handout = new QToolButton;
    handout->setText(tr("Handout…"));
    handout->setToolTip(tr("Save the lesson with the commands as they ran and their outputs (Markdown and a picture)"));
    auto *folder = new QToolButton;
    folder->setText(tr("Folder"));
    folder->setToolTip(tr("Open the lesson's working folder"));
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_lessonBox);
    leftLayout->addWidget(m_steps, 1);
    auto *lessonButtons = new QHBoxLayout;
    lessonButtons->addWidget(reset);
    lessonButtons->addWidget(folder);
    lessonButtons->addStretch();
    leftLayout->addLayout(lessonButtons);
    auto *exportRow = new QHBoxLayout; // a row of its own, so the list stays narrow
    exportRow->addWidget(handout);
    exportRow->addStretch();
    leftLayout->addLayout(exportRow);

    // Middle: the step's text, command and Run; its result and the sources.
    auto *stepPane = new QWidget;
    auto *stepLayout = new QVBoxLayout(stepPane);
    stepLayout->setContentsMargins(0, 0, 0, 0);
    stepLayout->addWidget(m_text, 1);
    auto *callLayout = new QHBoxLayout(m_callRow);
    callLayout->setContentsMargins(0, 0, 0, 0);
    callLayout->addWidget(m_callLabel);
    callLayout->addWidget(m_callArgs, 1);
    m_callArgs->setObjectName(QStringLiteral("callArguments"));
    m_callArgs->setToolTip(tr("The call's arguments, separated by commas: change them and run the step again"));
    m_callLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    stepLayout->addWidget(m_callRow);
    auto *commandRow = new QHBoxLayout;
    commandRow->addWidget(m_command, 1);
    commandRow->addWidget(m_run);
    stepLayout->addLayout(commandRow);
    stepLayout->addWidget(m_status);
    m_openFile->setObjectName(QStringLiteral("openStepFile"));
    m_openFile->setToolTip(tr("Add the file to the workspace: the Inspector and the Dependencies room show it"));
    stepLayout->addWidget(m_openFile, 0, Qt::AlignLeft);

    auto *sourcePane = new QWidget;
    auto *sourceLayout = new QVBoxLayout(sourcePane);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(new QLabel(tr("File:")));
    sourceRow->addWidget(m_sourceBox, 1);
    sourceRow->addWidget(m_saveSource);
    sourceLayout->addLayout(sourceRow);
    sourceLayout->addWidget(m_source, 1);
    m_tabs->addTab(m_result, tr("Result"));
    m_tabs->addTab(sourcePane, tr("Source"));
    m_tabs->addTab(m_comparison, tr("Side by side"));
    m_tabs->setTabVisible(2, false);

    auto *lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(stepPane);
    lower->addWidget(m_tabs);
    lower->setStretchFactor(0, 2);
    lower->setStretchFactor(1, 3);
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(m_pipeline);
    right->addWidget(lower);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    auto *main = new QSplitter(Qt::Horizontal);
    main->addWidget(left);
    main->addWidget(right);
    main->setStretchFactor(0, 0);
    main->setStretchFactor(1, 1);
    left->setMaximumWidth(320);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(main);

    connect(m_lessonBox, &QComboBox::currentIndexChanged, this, &LearnRoom::selectLesson);
    connect(m_steps, &QListWidget::currentRowChanged, this, &LearnRoom::showStep);
    static_cast<StepList *>(m_steps)->onEnter = [this] { runCurrentStep(); };
    connect(m_run, &QPushButton::clicked, this, &LearnRoom::runCurrentStep);
    connect(m_callArgs, &QLineEdit::returnPressed, this, &LearnRoom::runCurrentStep);
    connect(
        m_callArgs, &QLineEdit::textEdited, this, [this](const QString &text) { m_typedArgs[currentStep()] = text; });
    auto *f5 = new QShortcut(QKeySequence(Qt::Key_F5), this, [this] { runCurrentStep(); });
    f5->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_engine, &LessonEngine::stepStarted, this, [this](int index, const QString &command) {
        if (index == currentStep())
            m_status->setText(tr("Running %1 …").arg(command));
        m_run->setEnabled(false);
    });
    connect(m_engine, &LessonEngine::stepFinished, this, &LearnRoom::stepFinished);
    connect(reset, &QToolButton::clicked, this, [this] {
        if (m_engine->isRunning())
            return;
        m_engine->resetWorkDir();
        for (int i = 0; i < m_steps->count(); ++i)
            updateStepItem(i);
        refreshPipeline(-1);
        loadSources();
        showStep();
    });
    connect(handout, &QToolButton::clicked, this, [this] {
        if (m_lesson < 0)
            return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Save handout"),
            QDir::home().filePath(m_lessons[m_lesson].id + QStringLiteral(".md")), tr("Markdown (*.md)"));
        if (path.isEmpty())
            return;
        if (const QString error = exportHandout(path); !error.isEmpty())
            QMessageBox::warning(this, tr("Handout"), error);
    });
    connect(folder, &QToolButton::clicked, this,
        [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_engine->workDir())); });
    connect(m_pipeline, &PipelineView::fileActivated, this, [this](const QString &path) {
        if (pipelineKindOf(path) == PipelineKind::Source) {
            m_sourceBox->setCurrentText(QDir(m_engine->workDir()).relativeFilePath(path));
            m_tabs->setCurrentIndex(1);
        } else {
            Q_EMIT showFilesRequested({path});
        }
    });
    connect(m_sourceBox, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        QFile file(QDir(m_engine->workDir()).filePath(name));
        m_source->setPlainText(
            !name.isEmpty() && file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.read(1 << 20)) : QString());
        m_source->document()->setModified(false);
    });
    connect(m_saveSource, &QPushButton::clicked, this, &LearnRoom::saveSource);
    connect(m_openFile, &QPushButton::clicked, this, [this] {
        const QString path = m_openFile->property("path").toString();
        if (m_openFile->property("deps").toBool())
            Q_EMIT dependenciesRequested(path); // the graph, in the Dependencies room, at once
        else
            Q_EMIT openFilesRequested({path});
    });

    auto lessons = readLessons(lessonsFolder());
    if (!lessons) {
        m_loadError = lessons.reason();
        m_text->setPlainText(tr("The lessons could not be read:\n%1").arg(m_loadError));
        m_run->setEnabled(false);
        return;
    }
    m_lessons = *lessons;
    const QString last = QSettings().value(LessonKey).toString();
    int start = 0;
    for (int i = 0; i < m_lessons.size(); ++i) {
        m_lessonBox->addItem(m_lessons[i].title);
        if (m_lessons[i].id == last)
            start = i;
    }
    m_lessonBox->setCurrentIndex(start);
    if (m_lesson < 0)
        selectLesson(start);
}

QIcon LearnRoom::icon() const
{
    return QIcon::fromTheme(QStringLiteral("help-contents"));
}

void LearnRoom::setWorkBase(const QString &folder)
{
    m_workBase = folder;
    if (m_lesson >= 0) {
        const int lesson = m_lesson;
        m_lesson = -1;
        selectLesson(lesson);
    }
}

QString LearnRoom::workFolder(const Lesson &lesson) const
{
    return QDir(m_workBase).filePath(lesson.id);
}

void LearnRoom::selectLesson(int index)
{
    if (index < 0 || index >= m_lessons.size() || index == m_lesson)
        return;
    m_lesson = index;
    m_typedArgs.clear();
    const Lesson &lesson = m_lessons[index];
    m_lessonBox->setCurrentIndex(index);
    m_engine->setLesson(lesson, workFolder(lesson), lessonSourceDirs(lessonsFolder()));
    QSettings().setValue(LessonKey, lesson.id);
    const QSignalBlocker block(m_steps);
    m_steps->clear();
    for (int i = 0; i < lesson.steps.size(); ++i) {
        m_steps->addItem(QString());
        updateStepItem(i);
    }
    m_steps->setCurrentRow(
        std::clamp(QSettings().value(stepKey(lesson.id), 0).toInt(), 0, int(lesson.steps.size()) - 1));
    refreshPipeline(-1);
    loadSources();
    showStep();
}

void LearnRoom::selectStep(int index)
{
    m_steps->setCurrentRow(index);
}

int LearnRoom::currentStep() const
{
    return m_steps->currentRow();
}

void LearnRoom::updateStepItem(int index)
{
    const StepOutcome &o = m_engine->outcomes().value(index);
    const QString mark = !o.ran ? QStringLiteral("○") : o.passed() ? QStringLiteral("✓") : QStringLiteral("✗");
    QListWidgetItem *item = m_steps->item(index);
    item->setText(QStringLiteral("%1 %2. %3").arg(mark).arg(index + 1).arg(m_engine->lesson().steps[index].title));
    item->setToolTip(!o.ran ? tr("Not run yet") : o.passed() ? tr("Ran, as expected") : tr("Ran, not as expected"));
}

void LearnRoom::showStep()
{
    const int index = currentStep();
    if (m_lesson < 0 || index < 0)
        return;
    const Lesson &lesson = m_lessons[m_lesson];
    QSettings().setValue(stepKey(lesson.id), index);
    const LessonStep &step = lesson.steps[index];
    QString markdown = QStringLiteral("## %1\n\n%2").arg(step.title, step.text);
    if (index == 0 && !lesson.intro.isEmpty())
        markdown = QStringLiteral("# %1\n\n%2\n\n").arg(lesson.title, lesson.intro) + markdown;
    m_text->setMarkdown(markdown);
    const StepOutcome &o = m_engine->outcomes().value(index);
    m_command->setText(QStringLiteral("$ ") + (o.ran ? o.command : stepCommandLine(step)));
    m_callRow->setVisible(step.kind == LessonStepKind::Dlopen && !step.call.isEmpty());
    const QString looked = step.kind == LessonStepKind::Inspect || step.kind == LessonStepKind::Deps
            || step.kind == LessonStepKind::Program
        ? step.words.value(0)
        : QString();
    const QString lookedPath = QDir::cleanPath(QDir(m_engine->workDir()).filePath(looked));
    m_openFile->setVisible(!looked.isEmpty() && QFileInfo(lookedPath).isFile());
    const bool deps = step.kind == LessonStepKind::Deps;
    m_openFile->setText(deps ? tr("Show %1 in the Dependencies Room").arg(QFileInfo(looked).fileName())
                             : tr("Open %1 in the workspace").arg(QFileInfo(looked).fileName()));
    m_openFile->setProperty("path", lookedPath);
    m_openFile->setProperty("deps", deps);
    m_callLabel->setText(step.call + QStringLiteral(" with"));
    m_callArgs->setText(m_typedArgs.value(index, step.args.join(QStringLiteral(", "))));
    m_run->setEnabled(!m_engine->isRunning());
    m_run->setText(o.ran ? tr("&Run again") : tr("&Run step"));
    m_result->clear();
    const bool sideBySide = o.programs.size() == 2;
    if (sideBySide)
        m_comparison->setPrograms(o.programs[0], o.programs[1]);
    m_tabs->setTabVisible(2, sideBySide);
    if (!o.ran) {
        QStringList expects;
        for (const Expectation &e : step.expects)
            expects << QStringLiteral("• ") + e.text();
        m_status->setText(expects.isEmpty() ? QString() : tr("Expected: %1").arg(expects.join(QStringLiteral("  "))));
        m_result->writeLine(tr("Press Run (or Enter) to run this step."), ConsoleView::Style::Note);
        return;
    }
    // What was expected first (the student's question: did it work?), then the command and its real output.
    for (const CheckResult &c : o.checks)
        m_result->writeLine((c.met ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + c.words,
            c.met ? ConsoleView::Style::Success : ConsoleView::Style::Error);
    m_result->writeLine(QStringLiteral("$ ") + o.command, ConsoleView::Style::Command);
    if (!o.output.isEmpty())
        m_result->write(o.output, ConsoleView::Style::Output);
    if (!o.error.isEmpty() && !o.output.contains(o.error.trimmed()))
        m_result->writeLine(o.error, ConsoleView::Style::Error);
    highlightExpected(o);
    m_result->moveCursor(QTextCursor::Start);
    m_status->setText(o.passed() ? tr("Done: everything as expected.")
                                 : tr("%n expectation(s) not met: see the result.", nullptr, o.failedChecks()));
}

// Marks in the output what the step's text points at: each expected output, symbol, library or error, so the
// student sees where in nm's or readelf's lines it is.
void LearnRoom::highlightExpected(const StepOutcome &outcome)
{
    static const QStringList pointing {QStringLiteral("output"), QStringLiteral("symbol"), QStringLiteral("undefined"),
        QStringLiteral("needed"), QStringLiteral("error"), QStringLiteral("found"), QStringLiteral("missing"),
        QStringLiteral("result")};
    QList<QTextEdit::ExtraSelection> marks;
    QTextDocument *doc = m_result->document();
    const QTextBlock firstOutput = doc->findBlockByNumber(int(outcome.checks.size()) + 1); // after the ✓ lines and $
    for (const CheckResult &c : outcome.checks) {
        if (!pointing.contains(c.expectation.kind))
            continue;
        for (QTextCursor at = doc->find(c.expectation.value, firstOutput.position()); !at.isNull();
             at = doc->find(c.expectation.value, at)) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = at;
            mark.format.setBackground(picture::fill(3, palette()));
            marks << mark;
            if (marks.size() > 200)
                break;
        }
    }
    m_result->setExtraSelections(marks);
}

int LearnRoom::highlightCount() const
{
    return int(m_result->extraSelections().size());
}

bool LearnRoom::runCurrentStep()
{
    const int index = currentStep();
    if (index < 0 || m_engine->isRunning())
        return false;
    if (m_source->document()->isModified())
        saveSource(); // the student changed a source: the step runs on the change
    m_tabs->setCurrentIndex(0);
    if (!m_callRow->isHidden()) {
        QStringList args;
        for (const QString &a : m_callArgs->text().split(u',', Qt::SkipEmptyParts))
            args << a.trimmed();
        return m_engine->runStep(index, args);
    }
    return m_engine->runStep(index);
}

void LearnRoom::stepFinished(const StepOutcome &outcome)
{
    updateStepItem(outcome.index);
    refreshPipeline(outcome.index);
    const QString source = m_sourceBox->currentText();
    loadSources();
    m_sourceBox->setCurrentText(source);
    if (outcome.index == currentStep()) {
        showStep();
        if (outcome.programs.size() == 2)
            m_tabs->setCurrentWidget(m_comparison); // the picture says it best
    }
    m_run->setEnabled(true);
}

void LearnRoom::refreshPipeline(int latestStep)
{
    m_pipeline->setPipeline(buildPipeline(m_engine->outcomes(), m_engine->workDir()), latestStep);
}

void LearnRoom::loadSources()
{
    const QSignalBlocker block(m_sourceBox);
    const QString current = m_sourceBox->currentText();
    m_sourceBox->clear();
    const QDir dir(m_engine->workDir());
    m_sourceBox->addItems(dir.entryList(
        {QStringLiteral("*.c"), QStringLiteral("*.h"), QStringLiteral("CMakeLists.txt")}, QDir::Files, QDir::Name));
    m_sourceBox->setCurrentText(current);
    Q_EMIT m_sourceBox->currentTextChanged(m_sourceBox->currentText());
}

void LearnRoom::saveSource()
{
    const QString name = m_sourceBox->currentText();
    if (name.isEmpty())
        return;
    QFile file(QDir(m_engine->workDir()).filePath(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_status->setText(tr("Cannot save %1: %2").arg(name, file.errorString()));
        return;
    }
    file.write(m_source->toPlainText().toUtf8());
    m_source->document()->setModified(false);
    m_status->setText(tr("Saved %1: run the steps again to see the change.").arg(name));
}

QString LearnRoom::resultText() const
{
    return m_result->toPlainText();
}

QString LearnRoom::exportHandout(const QString &path)
{
    if (m_lesson < 0)
        return tr("no lesson");
    const QFileInfo info(path);
    const QString picture = info.completeBaseName() + QStringLiteral("-pipeline.png");
    const QString pictureError = m_pipeline->exportPicture(info.dir().filePath(picture), m_lessons[m_lesson].title);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    file.write(handoutMarkdown(m_lessons[m_lesson], m_engine->outcomes(), pictureError.isEmpty() ? picture : QString())
                   .toUtf8());
    return pictureError;
}

} // namespace linklab
