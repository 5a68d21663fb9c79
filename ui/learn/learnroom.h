// SPDX-License-Identifier: MIT
#pragma once

#include "common/room.h"
#include "learn/lesson.h"
#include "learn/lessonengine.h"

#include <QHash>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace linklab {

class ComparisonView;
class ConsoleView;
class PipelineView;

// The Learn room: the bundled lessons (resources/lessons), each a list of steps. A step shows its text, the
// exact command it runs and a Run button; running it does it for real through LessonEngine (gcc, ar, cmake, the
// loader, linklab-runner) in the lesson's working folder, shows the real output and whether each expectation
// held, and fills in the pipeline picture. Up/Down move through the steps, Enter or F5 runs the current one; the
// room remembers the lesson and step reached (QSettings). The Source tab edits the lesson's copy of a source so
// a step can be run again on the change.
class LearnRoom : public Room
{
    Q_OBJECT
public:
    explicit LearnRoom(QWidget *parent = nullptr);
    QString title() const override { return tr("Learn"); }
    QIcon icon() const override;
    void setCurrentFile(WorkspaceFile *) override { }

    // Where each lesson's working folder goes (default: the app's data location + "/lessons"); the tests use a
    // temporary folder. Takes effect for the next lesson selected.
    void setWorkBase(const QString &folder);
    const QList<Lesson> &lessons() const { return m_lessons; }
    QString loadError() const { return m_loadError; }
    void selectLesson(int index);
    int currentLesson() const { return m_lesson; }
    void selectStep(int index);
    int currentStep() const;
    bool runCurrentStep();
    QString exportHandout(const QString &path); // Markdown + the pipeline as PNG beside it; empty on success

    LessonEngine *engine() const { return m_engine; }
    PipelineView *pipelineView() const { return m_pipeline; }
    ComparisonView *comparisonView() const { return m_comparison; }
    QTabWidget *resultTabs() const { return m_tabs; }
    QListWidget *stepList() const { return m_steps; }
    QLineEdit *callArguments() const { return m_callArgs; }
    QPushButton *openFileButton() const { return m_openFile; }
    QString resultText() const;
    int highlightCount() const; // places of the result marked as what the step's text points at

private:
    void showStep();
    void highlightExpected(const StepOutcome &outcome);
    void stepFinished(const StepOutcome &outcome);
    void updateStepItem(int index);
    void refreshPipeline(int latestStep);
    void loadSources();
    void saveSource();
    QString workFolder(const Lesson &lesson) const;

    QList<Lesson> m_lessons;
    QString m_loadError;
    QString m_workBase;
    int m_lesson = -1;
    LessonEngine *m_engine;
    QComboBox *m_lessonBox;
    QListWidget *m_steps;
    QTextBrowser *m_text;
    QLabel *m_command;
    QPushButton *m_run;
    QWidget *m_callRow; // a dlopen: step's call: its arguments, as a form the student may change
    QLabel *m_callLabel;
    QLineEdit *m_callArgs;
    QHash<int, QString> m_typedArgs; // step -> the arguments the student typed
    QLabel *m_status;
    QPushButton *m_openFile; // the file an inspect:, deps: or program: step looks at, into the workspace
    QTabWidget *m_tabs;
    ConsoleView *m_result;
    ComparisonView *m_comparison; // static vs shared, for a compare: step of two programs
    QComboBox *m_sourceBox;
    QPlainTextEdit *m_source;
    QPushButton *m_saveSource;
    PipelineView *m_pipeline;
};

} // namespace linklab
