// SPDX-License-Identifier: MIT
#include "deps/depsroom.h"

#include "common/filterproxy.h"
#include "common/jobtracker.h"
#include "common/tablepage.h"
#include "deps/bindingsmodel.h"
#include "deps/graphview.h"
#include "workspace/workspacefile.h"

#include "deps/resolver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace linklab {
namespace {

const QString kLdLibraryPathKey = QStringLiteral("deps/ldLibraryPath");
const QString kHideRuntimeKey = QStringLiteral("deps/hideRuntime");
const QString kSplitterKey = QStringLiteral("deps/splitter");
const QString kSideTabKey = QStringLiteral("deps/sideTab");

// The C runtime every program loads: hidden on request, so the user's own libraries stand out.
bool isRuntime(const DependencyNode &n)
{
    static const QStringList names = {QStringLiteral("libc.so.6"), QStringLiteral("libm.so.6"),
        QStringLiteral("libpthread.so.0"), QStringLiteral("libdl.so.2"), QStringLiteral("librt.so.1"),
        QStringLiteral("libgcc_s.so.1"), QStringLiteral("libstdc++.so.6"), QStringLiteral("libresolv.so.2")};
    return n.rule == FoundBy::Interpreter || names.contains(n.name);
}

QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

DepsRoom::DepsRoom(QWidget *parent)
    : Room(parent)
    , m_jobs(new JobTracker(this))
    , m_retype(new QTimer(this))
    , m_view(new GraphView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *fileRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("depsFile"));
    m_path->setPlaceholderText(tr("A program or shared library: /usr/bin/ls, ./prog, libz.so.1's path"));
    auto *choose = new QPushButton(tr("Choose..."), this);
    m_useSelected = new QPushButton(tr("Use the Workspace's File"), this);
    m_useSelected->setEnabled(false);
    fileRow->addWidget(new QLabel(tr("File:"), this));
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(choose);
    fileRow->addWidget(m_useSelected);
    layout->addLayout(fileRow);

    auto *optionRow = new QHBoxLayout;
    m_ldLibraryPath = new QLineEdit(this);
    m_ldLibraryPath->setObjectName(QStringLiteral("ldLibraryPath"));
    m_ldLibraryPath->setPlaceholderText(tr("unset (folders separated by ':')"));
    m_ldLibraryPath->setToolTip(tr("LD_LIBRARY_PATH for this resolution only: searched after DT_RPATH and before "
                                   "DT_RUNPATH. Your own environment is never used."));
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Highlight..."));
    m_search->setClearButtonEnabled(true);
    m_hideRuntime = new QCheckBox(tr("Hide the C runtime"), this);
    m_hideRuntime->setToolTip(tr("Hide libc, libm, libstdc++, libgcc_s and the loader, which every program loads"));
    m_depth = new QSpinBox(this);
    m_depth->setRange(0, 50);
    m_depth->setSpecialValueText(tr("all"));
    m_depth->setPrefix(tr("depth "));
    m_asTree = new QToolButton(this);
    m_asTree->setText(tr("Tree"));
    m_asTree->setCheckable(true);
    m_asTree->setToolTip(tr("Show the same graph as a tree, like libtree"));
    auto *fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Fit the graph to the window"));
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export..."));
    exportButton->setToolTip(tr("Save the graph as DOT, SVG or PNG, or the resolution as JSON"));
    optionRow->addWidget(new QLabel(QStringLiteral("LD_LIBRARY_PATH="), this));
    optionRow->addWidget(m_ldLibraryPath, 2);
    optionRow->addWidget(m_search, 1);
    optionRow->addWidget(m_hideRuntime);
    optionRow->addWidget(m_depth);
    optionRow->addWidget(m_asTree);
    optionRow->addWidget(fit);
    optionRow->addWidget(exportButton);
    layout->addLayout(optionRow);

    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(tr("Pick a program or library: its dependencies are resolved as the loader would, "
                             "without running it."),
        this);
    m_status->setObjectName(QStringLiteral("depsStatus"));
    m_status->setWordWrap(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->hide();
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_cancel);
    layout->addLayout(statusRow);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("depsSplitter"));
    m_stack = new QStackedWidget(splitter);
    m_tree = new QTreeWidget(m_stack);
    m_tree->setHeaderLabels({tr("Library"), tr("Found by"), tr("Path")});
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_tree);
    auto *pictureSide = new QWidget(splitter);
    auto *pictureLayout = new QVBoxLayout(pictureSide);
    pictureLayout->setContentsMargins(0, 0, 0, 0);
    pictureLayout->addWidget(m_stack, 1);
    auto *side = new QWidget(splitter);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_details = new QTextBrowser(side);
    m_details->setObjectName(QStringLiteral("depsDetails"));
    m_details->setOpenLinks(false);
    m_legend = new QLabel(pictureSide);
    m_legend->setWordWrap(true);
    pictureLayout->addWidget(m_legend);
    m_sideTabs = new QTabWidget(side);
    m_sideTabs->setObjectName(QStringLiteral("depsSideTabs"));
    m_sideTabs->setDocumentMode(true);
    m_sideTabs->addTab(m_details, tr("Search Trail"));
    m_bindingsModel = new BindingsModel(this);
    m_bindingsPage = new TablePage(m_bindingsModel, QStringLiteral("bindings"), m_sideTabs);
    m_bindingsPage->setObjectName(QStringLiteral("depsBindings"));
    m_bindingsDirection = new QComboBox(m_bindingsPage);
    m_bindingsDirection->addItems({tr("What it imports"), tr("What others take from it")});
    m_bindingsDirection->setToolTip(tr("The selected object's undefined symbols and where the loader binds each, or "
                                       "the references of other objects that the loader binds to its definitions"));
    m_bindingsPage->secondRow()->addWidget(m_bindingsDirection, 1);
    m_sideTabs->addTab(m_bindingsPage, tr("Bindings"));
    m_bindingsPage->view()->viewport()->installEventFilter(this);
    // Where each symbol is bound, or who needs it, right after the symbol: the version comes after.
    m_bindingsPage->view()->header()->moveSection(
        m_bindingsPage->view()->header()->visualIndex(BindingsModel::BoundTo), BindingsModel::Version);
    m_bindingsPage->view()->header()->moveSection(
        m_bindingsPage->view()->header()->visualIndex(BindingsModel::NeededBy), BindingsModel::Version);
    m_sideTabs->setTabToolTip(1,
        tr("Which object each undefined symbol is bound to, in the loader's lookup order; "
           "unresolved and interposed symbols flagged"));
    sideLayout->addWidget(m_sideTabs, 1);
    splitter->addWidget(pictureSide);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    updateLegend();

    m_retype->setSingleShot(true);
    m_retype->setInterval(300);
    connect(m_retype, &QTimer::timeout, this, &DepsRoom::start);
    connect(m_ldLibraryPath, &QLineEdit::textEdited, this, [this] { m_retype->start(); });
    connect(m_path, &QLineEdit::returnPressed, this, [this] { resolveFile(m_path->text().trimmed()); });
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose a Program or Library"),
            m_file.isEmpty() ? QStringLiteral("/usr/bin") : QFileInfo(m_file).absolutePath());
        if (!f.isEmpty())
            resolveFile(f);
    });
    connect(m_useSelected, &QPushButton::clicked, this, [this] { resolveFile(m_selectedWorkspaceFile); });
    connect(m_search, &QLineEdit::textChanged, m_view, &GraphView::setSearch);
    connect(m_hideRuntime, &QCheckBox::toggled, this, &DepsRoom::relayout);
    connect(m_depth, &QSpinBox::valueChanged, this, &DepsRoom::relayout);
    connect(m_asTree, &QToolButton::toggled, this, [this](bool tree) { m_stack->setCurrentIndex(tree ? 1 : 0); });
    connect(fit, &QToolButton::clicked, m_view, &GraphView::fitAll);
    connect(exportButton, &QToolButton::clicked, this, &DepsRoom::chooseExport);
    connect(m_cancel, &QPushButton::clicked, this, &DepsRoom::cancel);
    connect(m_bindingsDirection, &QComboBox::currentIndexChanged, this, [this] { updateBindingsPanel(); });
    connect(m_sideTabs, &QTabWidget::currentChanged, this, [](int tab) { QSettings().setValue(kSideTabKey, tab); });
    connect(m_bindingsPage->view(), &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        // Activating a row selects the object at its other end: follow the binding through the graph.
        const QModelIndex source = m_bindingsPage->proxy()->mapToSource(index);
        if (!source.isValid())
            return;
        const SymbolBinding &b = m_bindingsModel->binding(source.row());
        const int other = m_bindingsModel->direction() == BindingsModel::Direction::Imports ? b.provider : b.object;
        if (other >= 0)
            selectNode(other);
    });
    connect(m_view, &GraphView::nodeSelected, this, &DepsRoom::showDetails);
    connect(m_view, &GraphView::nodeActivated, this, [this](int id) {
        if (m_graph && id >= 0 && m_graph->nodes[id].found)
            emit showFilesRequested({m_graph->nodes[id].path});
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            selectNode(item->data(0, Qt::UserRole).toInt());
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int id = item->data(0, Qt::UserRole).toInt();
        if (m_graph && m_graph->nodes[id].found)
            emit showFilesRequested({m_graph->nodes[id].path});
    });

    QSettings settings;
    m_ldLibraryPath->setText(settings.value(kLdLibraryPathKey).toString());
    m_hideRuntime->setChecked(settings.value(kHideRuntimeKey, false).toBool());
    splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_sideTabs->setCurrentIndex(settings.value(kSideTabKey, 0).toInt());
    connect(splitter, &QSplitter::splitterMoved, this,
        [splitter] { QSettings().setValue(kSplitterKey, splitter->saveState()); });
}

DepsRoom::~DepsRoom()
{
    QSettings settings;
    settings.setValue(kLdLibraryPathKey, m_ldLibraryPath->text());
    settings.setValue(kHideRuntimeKey, m_hideRuntime->isChecked());
}

QString DepsRoom::title() const
{
    return tr("Dependencies");
}

QIcon DepsRoom::icon() const
{
    return QIcon::fromTheme(QStringLiteral("network-workgroup"));
}

void DepsRoom::setCurrentFile(WorkspaceFile *file)
{
    const auto binary = file ? file->binary() : nullptr;
    const bool loadable
        = binary && !binary->isArchive() && binary->kind != BinaryKind::Relocatable && binary->kind != BinaryKind::Core;
    m_selectedWorkspaceFile = loadable ? file->path() : QString();
    m_useSelected->setEnabled(loadable);
    m_useSelected->setText(loadable ? tr("Use %1").arg(file->fileName()) : tr("Use the Workspace's File"));
    if (loadable && m_file.isEmpty())
        resolveFile(file->path());
}

bool DepsRoom::takeDroppedPaths(const QStringList &paths)
{
    if (!isVisible() || paths.size() != 1 || !QFileInfo(paths.first()).isFile())
        return false;
    resolveFile(paths.first());
    return true;
}

bool DepsRoom::showDependencies(const QString &path)
{
    resolveFile(path);
    return true;
}

void DepsRoom::focusFilter()
{
    m_search->setFocus();
    m_search->selectAll();
}

void DepsRoom::setLdLibraryPath(const QString &value)
{
    m_ldLibraryPath->setText(value);
    start();
}

bool DepsRoom::isBusy() const
{
    return m_jobs->isRunning();
}

void DepsRoom::resolveFile(const QString &path)
{
    m_file = path;
    m_path->setText(path);
    start();
}

bool DepsRoom::included(const DependencyNode &node) const
{
    if (m_hideRuntime->isChecked() && isRuntime(node))
        return false;
    return m_depth->value() == 0 || node.depth <= m_depth->value();
}

void DepsRoom::start()
{
    if (m_file.isEmpty())
        return;
    const QString file = m_file;
    const QString llp = m_ldLibraryPath->text();
    const bool hide = m_hideRuntime->isChecked();
    const int depth = m_depth->value();
    m_status->setText(tr("Resolving %1 as the loader would...").arg(QFileInfo(file).fileName()));
    m_cancel->show();
    m_jobs->startStaged<Stage>(
        [file, llp, hide, depth](QPromise<Stage> &promise) {
            static const LoaderConfig machine = LoaderConfig::forThisMachine();
            LoaderConfig config = machine;
            if (!llp.isEmpty())
                config.ldLibraryPath = llp;
            DependencyResolver resolver(config);
            Result<DependencyGraph> graph = resolver.resolve(file);
            if (!graph) {
                promise.addResult(Stage {std::nullopt, std::nullopt, std::nullopt, graph.reason()});
                return;
            }
            promise.addResult(Stage {*graph, std::nullopt, std::nullopt, QString()});
            if (promise.isCanceled())
                return;
            LayoutOptions options;
            options.include = [hide, depth](const DependencyNode &n) {
                return !(hide && isRuntime(n)) && (depth == 0 || n.depth <= depth);
            };
            options.cancelled = [&promise] { return promise.isCanceled(); };
            Result<GraphLayout> layout = layoutDependencies(*graph, options);
            if (layout)
                promise.addResult(Stage {std::nullopt, *layout, std::nullopt, QString()});
            else
                promise.addResult(Stage {std::nullopt, std::nullopt, std::nullopt, layout.reason()});
            if (promise.isCanceled())
                return;
            // Last, and slowest: every object's dynamic symbols are read to bind them as the loader would.
            promise.addResult(Stage {std::nullopt, std::nullopt, bindSymbols(*graph), QString()});
        },
        [this](const Stage &stage) {
            if (!stage.error.isEmpty()) {
                m_status->setText(stage.error);
                m_cancel->hide();
                if (!m_graph)
                    m_view->clear();
                emit failed(stage.error);
                return;
            }
            if (stage.graph) {
                m_bindings.reset();
                m_bindingsModel->setBindings(nullptr, nullptr);
                m_graph = stage.graph;
                m_selected = -1;
                fillTree();
                const int missing = int(m_graph->missing().size());
                const int loaded = int(m_graph->loadOrder().size()) - 1;
                QString text = tr("%1 loads %n object(s)", nullptr, loaded).arg(QFileInfo(m_graph->file).fileName());
                if (missing > 0)
                    text += tr("; %n library(ies) not found: the program would not start", nullptr, missing);
                for (const QString &w : std::as_const(m_graph->warnings))
                    text += u'\n' + w;
                m_status->setText(text + u'.');
                showDetails(0);
                emit resolved();
            }
            if (stage.layout && m_graph) {
                m_view->setGraph(*m_graph, *stage.layout);
                m_view->setSearch(m_search->text());
                emit laidOut();
            }
            if (stage.bindings && m_graph) {
                m_bindings = stage.bindings;
                m_bindingsModel->setBindings(std::make_shared<const DependencyGraph>(*m_graph),
                    std::make_shared<const SymbolBindings>(*m_bindings));
                for (int id : m_view->drawnNodes()) {
                    const BindingsModel::Counts c = m_bindingsModel->counts(id);
                    QString note = tr("imports %n symbol(s)", nullptr, c.imports);
                    if (c.unresolved > 0)
                        note += tr(", %n unresolved", nullptr, c.unresolved);
                    note += tr("; gives %n to others", nullptr, c.exports);
                    m_view->setNodeNote(id, note);
                }
                int boundCount = 0, unresolved = 0, weak = 0;
                for (const SymbolBinding &b : std::as_const(m_bindings->bindings)) {
                    boundCount += b.provider >= 0;
                    unresolved += b.provider < 0 && !b.weak;
                    weak += b.provider < 0 && b.weak;
                }
                QString text = m_status->text();
                text += u' ' + tr("Symbols: %n reference(s) bound", nullptr, boundCount);
                if (unresolved > 0)
                    text += tr(", %n unresolved", nullptr, unresolved);
                if (weak > 0)
                    text += tr(", %n weak left at 0", nullptr, weak);
                if (!m_bindings->interposed.isEmpty())
                    text += tr(", %n interposed", nullptr, int(m_bindings->interposed.size()));
                m_status->setText(text + u'.');
                updateBindingsPanel();
                if (m_selected >= 0)
                    showDetails(m_selected);
                emit bound();
            }
        },
        [this] { m_cancel->hide(); });
}

void DepsRoom::relayout()
{
    if (m_graph)
        start(); // the layout depends on what is shown; resolving again is cheap (the files are cached by the OS)
}

void DepsRoom::cancel()
{
    m_jobs->cancel();
    m_cancel->hide();
    m_status->setText(tr("Cancelled."));
}

void DepsRoom::fillTree()
{
    m_tree->clear();
    if (!m_graph)
        return;
    const DependencyGraph &g = *m_graph;
    QSet<int> expanded;
    std::function<void(QTreeWidgetItem *, int)> add = [&](QTreeWidgetItem *parent, int node) {
        for (const DependencyEdge &e : g.edges) {
            if (e.from != node)
                continue;
            const DependencyNode &n = g.nodes[e.to];
            if (!included(n))
                continue;
            auto *item = new QTreeWidgetItem(
                parent, {e.name, n.found ? GraphView::ruleLabel(n.rule) : tr("not found"), n.path});
            item->setData(0, Qt::UserRole, e.to);
            item->setBackground(1, GraphView::colorFor(n));
            if (!n.found)
                item->setForeground(0, QColor(0xc0, 0x10, 0x20));
            if (!expanded.contains(e.to) && n.found) {
                expanded.insert(e.to);
                add(item, e.to);
            }
        }
    };
    auto *root = new QTreeWidgetItem(m_tree, {g.nodes[0].path, tr("the file itself"), g.nodes[0].path});
    root->setData(0, Qt::UserRole, 0);
    expanded.insert(0);
    add(root, 0);
    m_tree->expandAll();
}

void DepsRoom::selectNode(int id)
{
    if (!m_graph || id < 0 || id >= m_graph->nodes.size() || id == m_selected)
        return;
    m_selected = id;
    m_view->selectNode(id);
    showDetails(id);
}

void DepsRoom::showDetails(int id)
{
    if (!m_graph || id < 0 || id >= m_graph->nodes.size())
        return;
    m_selected = id;
    const DependencyGraph &g = *m_graph;
    const DependencyNode &n = g.nodes[id];
    QString out = QStringLiteral("<h3>%1</h3>").arg(html(n.root ? QFileInfo(n.path).fileName() : n.name));
    if (n.found)
        out += tr("<p><b>%1</b><br>found by <b>%2</b>%3</p>")
                   .arg(html(n.path), html(GraphView::ruleLabel(n.rule)),
                       n.ruleDetail.isEmpty() ? QString() : QStringLiteral(": ") + html(n.ruleDetail));
    else
        out += tr("<p style='color:#b00020'><b>Not found.</b> The program would not start: the loader says "
                  "<i>%1: cannot open shared object file: No such file or directory</i>.</p>"
                  "<p>Remedies: put the folder that holds it in LD_LIBRARY_PATH (the field above shows the effect "
                  "at once), link the program with <code>-Wl,-rpath,FOLDER</code> (or "
                  "<code>-Wl,-rpath,'$ORIGIN/../lib'</code> to keep it relative), or install it where "
                  "<code>ldconfig</code> puts it in /etc/ld.so.cache.</p>")
                   .arg(html(n.name));
    if (n.loader >= 0)
        out += tr("<p>Needed by %1.</p>").arg(html(g.nodes[n.loader].path));
    if (!n.tried.isEmpty()) {
        out += tr("<p>The loader's search, in order:</p><ol>");
        for (const Candidate &c : n.tried)
            out += QStringLiteral("<li><code>%1</code> — %2: %3</li>")
                       .arg(html(c.path), html(GraphView::ruleLabel(c.rule)),
                           c.verdict.isEmpty() ? tr("<b>taken</b>") : html(c.verdict));
        out += QStringLiteral("</ol>");
    }
    QStringList facts;
    if (!n.soname.isEmpty())
        facts << tr("SONAME %1").arg(html(n.soname));
    if (!n.rpath.isEmpty())
        facts << tr("DT_RPATH %1").arg(html(n.rpath.join(u':')));
    if (!n.runpath.isEmpty())
        facts << tr("DT_RUNPATH %1").arg(html(n.runpath.join(u':')));
    if (n.nodefaultlib)
        facts << tr("DF_1_NODEFLIB: its own NEEDED entries skip the cache and system directories");
    if (!n.needed.isEmpty())
        facts << tr("needs %1").arg(html(n.needed.join(QStringLiteral(", "))));
    if (!facts.isEmpty())
        out += QStringLiteral("<p>") + facts.join(QStringLiteral("<br>")) + QStringLiteral("</p>");
    if (m_bindings && n.found) {
        const BindingsModel::Counts c = m_bindingsModel->counts(id);
        out += tr("<p>Symbols: imports %1").arg(c.imports);
        if (c.unresolved > 0)
            out += tr(", <span style='color:#b00020'><b>%1 unresolved</b></span>").arg(c.unresolved);
        out += tr("; gives %1 to the others. The Bindings tab lists them.</p>").arg(c.exports);
    }
    if (n.found && !n.root)
        out += tr("<p><i>Double-click to open it in the Inspector.</i></p>");
    m_details->setHtml(out);
    updateBindingsPanel();
}

void DepsRoom::showBindings(int direction)
{
    m_bindingsDirection->setCurrentIndex(direction);
    m_sideTabs->setCurrentWidget(m_bindingsPage);
    updateBindingsPanel();
}

// The side panel is narrow on a laptop: the symbol gets at most two fifths of it, so that the object it is bound
// to (what the panel is for) stays in sight without scrolling. Applied when the rows change and when the panel is
// first shown or resized (before that its width is not the one the user sees).
void DepsRoom::capSymbolColumn()
{
    QTreeView *view = m_bindingsPage->view();
    const int cap = std::max(110, view->viewport()->width() * 2 / 5);
    if (view->header()->sectionSize(BindingsModel::Symbol) > cap)
        view->header()->resizeSection(BindingsModel::Symbol, cap);
}

bool DepsRoom::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_bindingsPage->view()->viewport() && event->type() == QEvent::Resize)
        capSymbolColumn();
    return QWidget::eventFilter(watched, event);
}

void DepsRoom::updateBindingsPanel()
{
    const auto direction = m_bindingsDirection->currentIndex() == 0 ? BindingsModel::Direction::Imports
                                                                    : BindingsModel::Direction::Exports;
    const int node = m_bindings ? m_selected : -1;
    const bool changed = node != m_bindingsModel->node() || direction != m_bindingsModel->direction();
    if (changed)
        m_bindingsModel->show(node, direction);
    // The selected object's own column says nothing: it is the same on every row.
    QTreeView *view = m_bindingsPage->view();
    view->setColumnHidden(BindingsModel::NeededBy, direction == BindingsModel::Direction::Imports);
    view->setColumnHidden(BindingsModel::BoundTo, direction == BindingsModel::Direction::Exports);
    if (changed) {
        m_bindingsPage->fitColumns();
        capSymbolColumn();
    }
    QString title = tr("Bindings");
    if (node >= 0) {
        const BindingsModel::Counts c = m_bindingsModel->counts(node);
        title = c.unresolved > 0 ? tr("Bindings (%1, %2 unresolved)").arg(c.imports).arg(c.unresolved)
                                 : tr("Bindings (%1)").arg(c.imports);
    } else if (m_graph && !m_bindings) {
        title = tr("Bindings (reading…)");
    }
    m_sideTabs->setTabText(m_sideTabs->indexOf(m_bindingsPage), title);
    m_bindingsPage->fitColumns();
}

void DepsRoom::updateLegend()
{
    // One line under the picture (it wraps when narrow), so the side panel keeps its height.
    QStringList items;
    for (FoundBy rule : {FoundBy::Root, FoundBy::Rpath, FoundBy::LdLibraryPath, FoundBy::Runpath, FoundBy::Cache,
             FoundBy::Default, FoundBy::DirectPath, FoundBy::Interpreter, FoundBy::NotFound}) {
        DependencyNode sample;
        sample.found = rule != FoundBy::NotFound;
        sample.rule = rule;
        items << QStringLiteral("<span style='background:%1'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%2")
                     .arg(GraphView::colorFor(sample).name(),
                         html(GraphView::ruleLabel(rule)).replace(u' ', QStringLiteral("&nbsp;")));
    }
    m_legend->setText(items.join(QStringLiteral(" &nbsp; ")));
}

bool DepsRoom::exportTo(const QString &path)
{
    if (!m_graph)
        return false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png" || suffix == u"svg")
        return m_view->exportPicture(path).isEmpty();
    QByteArray bytes;
    if (suffix == u"json")
        bytes = QJsonDocument(dependencyGraphToJson(*m_graph)).toJson(QJsonDocument::Indented);
    else
        bytes = dependencyDot(*m_graph).toUtf8();
    QSaveFile out(path);
    return out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size() && out.commit();
}

void DepsRoom::chooseExport()
{
    if (!m_graph)
        return;
    QString filter;
    const QString base = QFileInfo(m_graph->file).fileName() + QStringLiteral("-deps");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Dependencies"), base + QStringLiteral(".svg"),
        tr("SVG picture (*.svg);;PNG picture (*.png);;Graphviz DOT (*.dot);;JSON (*.json)"), &filter);
    if (path.isEmpty())
        return;
    if (!exportTo(path))
        m_status->setText(tr("Could not write %1.").arg(path));
    else
        m_status->setText(tr("Saved %1.").arg(path));
}

} // namespace linklab
