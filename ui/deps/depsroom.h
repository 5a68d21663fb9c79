// SPDX-License-Identifier: MIT
#pragma once

#include "common/room.h"

#include "deps/dependencygraph.h"
#include "deps/graphlayout.h"
#include "deps/symbolbinder.h"

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;
class QTimer;
class QToolButton;
class QTreeWidget;

namespace linklab {

class BindingsModel;
class GraphView;
class JobTracker;
class TablePage;

// The Dependencies room: a program's or library's dependencies exactly as the glibc loader would resolve them
// (core/deps: never run, never loaded), drawn as a graph laid out by Graphviz, or as a tree. Each library is
// coloured by the rule that found it; a click shows its whole search trail; missing ones are red with the remedy
// in plain words. An LD_LIBRARY_PATH field re-resolves as the user types, to show what that variable changes.
class DepsRoom : public Room
{
    Q_OBJECT
public:
    explicit DepsRoom(QWidget *parent = nullptr);
    ~DepsRoom() override;

    QString title() const override;
    QIcon icon() const override;
    void setCurrentFile(WorkspaceFile *file) override;
    bool takeDroppedPaths(const QStringList &paths) override;
    void focusFilter() override;
    bool showDependencies(const QString &path) override;

    void resolveFile(const QString &path);
    void setLdLibraryPath(const QString &value); // empty: unset
    void cancel();
    void selectNode(int id);
    bool exportTo(const QString &path); // by suffix: .dot, .svg, .png, .json

    QString file() const { return m_file; }
    bool isBusy() const;
    const std::optional<DependencyGraph> &graph() const { return m_graph; }
    GraphView *graphView() const { return m_view; }
    QTreeWidget *treeView() const { return m_tree; }
    QTextBrowser *details() const { return m_details; }
    QLabel *statusLabel() const { return m_status; }
    QCheckBox *hideRuntime() const { return m_hideRuntime; }
    QSpinBox *depthLimit() const { return m_depth; }
    // The loader's bindings of the graph's symbols (read after the layout); empty until they are in.
    const std::optional<SymbolBindings> &bindings() const { return m_bindings; }
    BindingsModel *bindingsModel() const { return m_bindingsModel; }
    QTabWidget *sideTabs() const { return m_sideTabs; }
    // Which bindings the panel lists for the selected object: 0 what it imports, 1 what others take from it.
    void showBindings(int direction);

Q_SIGNALS:
    void resolved(); // the graph is in (the layout may follow)
    void laidOut(); // the picture is drawn
    void bound(); // the symbol bindings are in
    void failed(const QString &why);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Stage {
        std::optional<DependencyGraph> graph;
        std::optional<GraphLayout> layout;
        std::optional<SymbolBindings> bindings;
        QString error;
    };

    void start();
    void relayout();
    void fillTree();
    void showDetails(int id);
    void updateLegend();
    void capSymbolColumn();
    void updateBindingsPanel();
    bool included(const DependencyNode &node) const;
    void chooseExport();

    JobTracker *m_jobs;
    QTimer *m_retype;
    QString m_file;
    QString m_selectedWorkspaceFile;
    std::optional<DependencyGraph> m_graph;
    std::optional<SymbolBindings> m_bindings;
    int m_selected = -1;

    QLineEdit *m_path;
    QPushButton *m_useSelected;
    QLineEdit *m_ldLibraryPath;
    QLineEdit *m_search;
    QCheckBox *m_hideRuntime;
    QSpinBox *m_depth;
    QToolButton *m_asTree;
    QPushButton *m_cancel;
    QLabel *m_status;
    QStackedWidget *m_stack;
    GraphView *m_view;
    QTreeWidget *m_tree;
    QTextBrowser *m_details;
    QLabel *m_legend;
    QTabWidget *m_sideTabs;
    BindingsModel *m_bindingsModel;
    TablePage *m_bindingsPage;
    QComboBox *m_bindingsDirection;
};

} // namespace linklab
