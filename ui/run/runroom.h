// SPDX-License-Identifier: MIT
#pragma once

#include "common/room.h"

#include "runtime/calls.h"
#include "runtime/libraryapi.h"

#include <QHash>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QListWidget;
class QListWidgetItem;

namespace linklab {

class CallForm;
class JobTracker;
class RunnerClient;

// The Run room: run-time linking by hand. A library is loaded with dlopen (the flags as checkboxes, the exact call
// shown, dlerror() verbatim) inside linklab-runner, a separate process, so nothing the library does can hurt the
// window. Its exported functions are listed with their C prototypes (from the sources it was built from, the
// headers beside it, any header added, or a declaration typed in); picking one builds a typed form; Call shows the
// result, every buffer after the call, the output, the time, or the crash in plain words, with the same call as C
// and as Python ctypes. The link map shows every object loaded in the runner, before and after.
class RunRoom : public Room
{
    Q_OBJECT
public:
    explicit RunRoom(QWidget *parent = nullptr);
    ~RunRoom() override;

    QString title() const override;
    QIcon icon() const override;
    void setCurrentFile(WorkspaceFile *file) override;
    bool takeDroppedPaths(const QStringList &paths) override;
    void focusFilter() override;

    // What the user can do; each is a button too.
    void setLibraryPath(const QString &path); // lists its functions and prototypes (on a worker)
    void loadLibrary(); // dlopen in the runner
    void unloadLibrary(); // dlclose
    void addHeaders(const QStringList &files);
    bool selectFunction(const QString &name);
    void useDeclaration(const QString &declaration); // a prototype typed by the user
    void callSelected();
    void stopCall(); // ends the runner (and the call in it)

    QString libraryPath() const;
    bool isLoaded() const { return m_handle > 0; }
    bool isScanning() const;
    QStringList functions() const;
    QStringList flags() const;
    void setFlags(const QStringList &flags);
    CallForm *form() const { return m_form; }
    QPlainTextEdit *resultView() const { return m_result; }
    QTreeWidget *linkMapView() const { return m_linkMap; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *callPreview() const { return m_preview; }
    QListWidget *history() const { return m_history; }
    QPlainTextEdit *cView() const { return m_cCode; }
    QPlainTextEdit *ctypesView() const { return m_pyCode; }
    RunnerClient *client() const { return m_client; }

Q_SIGNALS:
    void scanFinished();
    void libraryLoaded(bool ok);
    void callFinished(const linklab::CallRecord &record);
    void linkMapUpdated();

private:
    struct Scan {
        QString path;
        QStringList functions;
        LibraryPrototypes prototypes;
        QString error;
    };

    QWidget *buildLibraryPane();
    QWidget *buildFunctionsPane();
    QWidget *buildCallPane();
    void startScan(const QString &path, const QStringList &extraFiles);
    void scanDone(const Scan &scan);
    void fillFunctions();
    void functionChosen();
    void updatePreview();
    void updateState();
    void refreshLinkMap();
    void showRecord(const CallRecord &record);
    void runnerLost(const QString &why);
    void setStatus(const QString &text, bool error);
    void restoreSettings();
    void saveSettings() const;

    RunnerClient *m_client;
    JobTracker *m_scanJobs;
    JobTracker *m_declJobs;
    qint64 m_handle = 0;
    QString m_loadedPath;
    QString m_path; // the library the functions list describes
    QStringList m_headers; // added by the user
    QStringList m_functionNames;
    QHash<QString, CPrototype> m_prototypes;
    QList<CallRecord> m_records;
    bool m_calling = false;

    QSplitter *m_splitter;
    QLineEdit *m_pathEdit;
    QPushButton *m_useSelected;
    QString m_selectedLibrary;
    QRadioButton *m_lazy;
    QRadioButton *m_now;
    QCheckBox *m_global;
    QCheckBox *m_nodelete;
    QCheckBox *m_noload;
    QCheckBox *m_deepbind;
    QLabel *m_preview;
    QPushButton *m_load;
    QPushButton *m_unload;
    QLabel *m_status;
    QTreeWidget *m_linkMap;
    QLineEdit *m_filter;
    QTreeWidget *m_functions;
    QLabel *m_sources;
    QLineEdit *m_declaration;
    CallForm *m_form;
    QPushButton *m_call;
    QPushButton *m_stop;
    QSpinBox *m_timeout;
    QPlainTextEdit *m_result;
    QTabWidget *m_tabs;
    QListWidget *m_history;
    QPlainTextEdit *m_cCode;
    QPlainTextEdit *m_pyCode;
};

} // namespace linklab
