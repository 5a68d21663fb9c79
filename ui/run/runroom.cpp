// SPDX-License-Identifier: MIT
#include "run/runroom.h"

#include "common/jobtracker.h"
#include "run/callform.h"
#include "workspace/workspacefile.h"

#include "binary/openbinary.h"
#include "runtime/runnerclient.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace linklab {
namespace {

const QString kPathKey = QStringLiteral("run/library");
const QString kFlagsKey = QStringLiteral("run/flags");
const QString kTimeoutKey = QStringLiteral("run/timeoutSeconds");
const QString kSplitterKey = QStringLiteral("run/splitter");
const QString kHeadersKey = QStringLiteral("run/headers");

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setIndent(22);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    label->setFont(f);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

bool looksLikeSharedLibrary(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return QFileInfo(path).isFile() && (name.endsWith(QLatin1String(".so")) || name.contains(QLatin1String(".so.")));
}

} // namespace

RunRoom::RunRoom(QWidget *parent)
    : Room(parent)
    , m_client(new RunnerClient(this))
    , m_scanJobs(new JobTracker(this))
    , m_declJobs(new JobTracker(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_splitter->addWidget(buildLibraryPane());
    m_splitter->addWidget(buildFunctionsPane());
    m_splitter->addWidget(buildCallPane());
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 3);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter);

    connect(m_client, &RunnerClient::runnerLost, this, &RunRoom::runnerLost);
    connect(m_client, &RunnerClient::busyChanged, this, &RunRoom::updateState);
    auto *callKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    callKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(callKey, &QShortcut::activated, this, &RunRoom::callSelected);
    restoreSettings();
    updatePreview();
    updateState();
}

RunRoom::~RunRoom()
{
    saveSettings();
}

QString RunRoom::title() const
{
    return tr("Run");
}

QIcon RunRoom::icon() const
{
    return QIcon::fromTheme(QStringLiteral("system-run"));
}

QWidget *RunRoom::buildLibraryPane()
{
    auto *pane = new QGroupBox(tr("1. Load a library (dlopen)"), this);
    auto *v = new QVBoxLayout(pane);
    auto *row = new QHBoxLayout;
    m_pathEdit = new QLineEdit(pane);
    m_pathEdit->setObjectName(QStringLiteral("libraryPath"));
    m_pathEdit->setPlaceholderText(tr("./libdynamic.so, or a name the loader searches: libm.so.6"));
    auto *browse = new QPushButton(tr("Choose..."), pane);
    row->addWidget(m_pathEdit, 1);
    row->addWidget(browse);
    v->addLayout(row);
    m_useSelected = new QPushButton(tr("Use the Workspace's Library"), pane);
    m_useSelected->setToolTip(tr("The shared library selected in the workspace list"));
    m_useSelected->setEnabled(false);
    v->addWidget(m_useSelected);

    m_lazy = new QRadioButton(QStringLiteral("RTLD_LAZY"), pane);
    m_now = new QRadioButton(QStringLiteral("RTLD_NOW"), pane);
    m_lazy->setChecked(true);
    m_global = new QCheckBox(QStringLiteral("RTLD_GLOBAL"), pane);
    m_nodelete = new QCheckBox(QStringLiteral("RTLD_NODELETE"), pane);
    m_noload = new QCheckBox(QStringLiteral("RTLD_NOLOAD"), pane);
    m_deepbind = new QCheckBox(QStringLiteral("RTLD_DEEPBIND"), pane);
    const std::pair<QWidget *, QString> flags[] = {
        {m_lazy, tr("Resolve a function's symbol when it is first called.")},
        {m_now, tr("Resolve every symbol now: a missing one makes dlopen fail.")},
        {m_global, tr("Its symbols serve libraries loaded after it (default: RTLD_LOCAL, they do not).")},
        {m_nodelete, tr("dlclose does not unload it: its static variables survive.")},
        {m_noload, tr("Do not load: succeed only if it is already loaded.")},
        {m_deepbind, tr("It prefers its own symbols to the same names loaded before it.")},
    };
    for (const auto &[button, text] : flags) {
        v->addWidget(button);
        v->addWidget(explanation(text, pane));
        if (auto *b = qobject_cast<QAbstractButton *>(button))
            connect(b, &QAbstractButton::toggled, this, &RunRoom::updatePreview);
    }
    m_preview = new QLabel(pane);
    m_preview->setObjectName(QStringLiteral("dlopenCall"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_preview);
    auto *buttons = new QHBoxLayout;
    m_load = new QPushButton(tr("&Load"), pane);
    m_unload = new QPushButton(tr("&Unload"), pane);
    m_load->setToolTip(tr("dlopen the library in linklab-runner, a separate process"));
    m_unload->setToolTip(tr("dlclose it"));
    buttons->addWidget(m_load);
    buttons->addWidget(m_unload);
    buttons->addStretch();
    v->addLayout(buttons);
    m_status = new QLabel(pane);
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_status);

    v->addStretch(1);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString start
            = m_pathEdit->text().contains(u'/') ? QFileInfo(m_pathEdit->text()).absolutePath() : QString();
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Choose a Shared Library"), start, tr("Shared libraries (*.so *.so.*);;All files (*)"));
        if (!file.isEmpty())
            setLibraryPath(file);
    });
    connect(m_useSelected, &QPushButton::clicked, this, [this] { setLibraryPath(m_selectedLibrary); });
    connect(m_pathEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_pathEdit->text() != m_path)
            setLibraryPath(m_pathEdit->text());
    });
    connect(m_pathEdit, &QLineEdit::textChanged, this, &RunRoom::updatePreview);
    connect(m_load, &QPushButton::clicked, this, &RunRoom::loadLibrary);
    connect(m_unload, &QPushButton::clicked, this, &RunRoom::unloadLibrary);
    return pane;
}

QWidget *RunRoom::buildFunctionsPane()
{
    auto *pane = new QGroupBox(tr("2. Pick a function"), this);
    auto *v = new QVBoxLayout(pane);
    m_filter = new QLineEdit(pane);
    m_filter->setPlaceholderText(tr("Filter functions"));
    m_filter->setClearButtonEnabled(true);
    v->addWidget(m_filter);
    m_functions = new QTreeWidget(pane);
    m_functions->setObjectName(QStringLiteral("functions"));
    m_functions->setHeaderLabels({tr("Function"), tr("Prototype")});
    m_functions->setRootIsDecorated(false);
    m_functions->setUniformRowHeights(true);
    v->addWidget(m_functions, 1);
    m_sources = new QLabel(pane);
    m_sources->setWordWrap(true);
    m_sources->setObjectName(QStringLiteral("prototypeSources"));
    v->addWidget(m_sources);
    auto *addHeader = new QPushButton(tr("Add &Header..."), pane);
    addHeader->setToolTip(tr("Read prototypes from a C header (math.h, zlib.h, the library's own)"));
    v->addWidget(addHeader);
    auto *row = new QHBoxLayout;
    m_declaration = new QLineEdit(pane);
    m_declaration->setObjectName(QStringLiteral("declaration"));
    m_declaration->setPlaceholderText(tr("or type one: double pow(double x, double y)"));
    auto *use = new QPushButton(tr("Use"), pane);
    row->addWidget(m_declaration, 1);
    row->addWidget(use);
    v->addLayout(row);

    connect(m_filter, &QLineEdit::textChanged, this, &RunRoom::fillFunctions);
    connect(m_functions, &QTreeWidget::currentItemChanged, this, &RunRoom::functionChosen);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add C Headers"),
            QStringLiteral("/usr/include"), tr("C headers and sources (*.h *.c);;All files (*)"));
        if (!files.isEmpty())
            addHeaders(files);
    });
    auto typed = [this] { useDeclaration(m_declaration->text()); };
    connect(use, &QPushButton::clicked, this, typed);
    connect(m_declaration, &QLineEdit::returnPressed, this, typed);
    return pane;
}

QWidget *RunRoom::buildCallPane()
{
    auto *pane = new QGroupBox(tr("3. Call it"), this);
    auto *v = new QVBoxLayout(pane);
    m_form = new CallForm(pane);
    v->addWidget(m_form);
    auto *row = new QHBoxLayout;
    m_call = new QPushButton(tr("&Call"), pane);
    m_call->setObjectName(QStringLiteral("callButton"));
    m_call->setToolTip(tr("Call the function in the runner (Ctrl+Return)"));
    m_call->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), pane);
    m_stop->setToolTip(tr("End the runner, and the call in it (the library's state is lost)"));
    m_timeout = new QSpinBox(pane);
    m_timeout->setRange(1, 3600);
    m_timeout->setValue(5);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setPrefix(tr("time limit "));
    row->addWidget(m_call);
    row->addWidget(m_stop);
    row->addStretch();
    row->addWidget(m_timeout);
    v->addLayout(row);
    m_result = new QPlainTextEdit(pane);
    m_result->setObjectName(QStringLiteral("callResult"));
    m_result->setReadOnly(true);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setPlaceholderText(tr("The result, each buffer after the call, and what the function printed."));
    v->addWidget(m_result, 2);
    m_tabs = new QTabWidget(pane);
    m_history = new QListWidget(m_tabs);
    m_history->setObjectName(QStringLiteral("callHistory"));
    m_history->setToolTip(tr("Double-click to call again with the same arguments"));
    m_cCode = new QPlainTextEdit(m_tabs);
    m_pyCode = new QPlainTextEdit(m_tabs);
    for (QPlainTextEdit *code : {m_cCode, m_pyCode}) {
        code->setReadOnly(true);
        code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        code->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_linkMap = new QTreeWidget(m_tabs);
    m_linkMap->setObjectName(QStringLiteral("linkMap"));
    m_linkMap->setHeaderLabels({tr("Object loaded in the runner"), tr("Base address")});
    m_linkMap->setRootIsDecorated(false);
    m_linkMap->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_linkMap->header()->setStretchLastSection(false);
    m_linkMap->setToolTip(tr("Every object in the runner process (dl_iterate_phdr), updated after each load, unload "
                             "and lost runner: run-time linking adds the library and what it needs"));
    m_tabs->addTab(m_linkMap, tr("Link Map"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_cCode, tr("As C (dlopen)"));
    m_tabs->addTab(m_pyCode, tr("As Python ctypes"));
    v->addWidget(m_tabs, 2);

    connect(m_call, &QPushButton::clicked, this, &RunRoom::callSelected);
    connect(m_stop, &QPushButton::clicked, this, &RunRoom::stopCall);
    connect(m_form, &CallForm::validityChanged, this, &RunRoom::updateState);
    connect(m_form, &CallForm::submitted, this, &RunRoom::callSelected);
    connect(m_history, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int i = m_history->row(item);
        if (i < 0 || i >= m_records.size())
            return;
        const CallRecord r = m_records[i];
        if (!m_prototypes.contains(r.prototype.name))
            m_prototypes.insert(r.prototype.name, r.prototype);
        if (!selectFunction(r.prototype.name))
            m_form->setPrototype(r.prototype);
        m_form->setValues(r.args);
        m_form->setBufferSize(r.bufferSize);
        callSelected();
    });
    connect(m_history, &QListWidget::currentRowChanged, this, [this](int i) {
        if (i >= 0 && i < m_records.size())
            showRecord(m_records[i]);
    });
    return pane;
}

void RunRoom::restoreSettings()
{
    QSettings s;
    m_splitter->restoreState(s.value(kSplitterKey).toByteArray());
    setFlags(s.value(kFlagsKey, QStringList {QStringLiteral("lazy")}).toStringList());
    m_timeout->setValue(s.value(kTimeoutKey, 5).toInt());
    m_headers = s.value(kHeadersKey).toStringList();
    const QString path = s.value(kPathKey).toString();
    if (!path.isEmpty())
        setLibraryPath(path);
}

void RunRoom::saveSettings() const
{
    QSettings s;
    s.setValue(kSplitterKey, m_splitter->saveState());
    s.setValue(kFlagsKey, flags());
    s.setValue(kTimeoutKey, m_timeout->value());
    s.setValue(kHeadersKey, m_headers);
    s.setValue(kPathKey, m_path);
}

QStringList RunRoom::flags() const
{
    QStringList out {m_now->isChecked() ? QStringLiteral("now") : QStringLiteral("lazy")};
    if (m_global->isChecked())
        out << QStringLiteral("global");
    if (m_nodelete->isChecked())
        out << QStringLiteral("nodelete");
    if (m_noload->isChecked())
        out << QStringLiteral("noload");
    if (m_deepbind->isChecked())
        out << QStringLiteral("deepbind");
    return out;
}

void RunRoom::setFlags(const QStringList &flags)
{
    m_now->setChecked(flags.contains(QStringLiteral("now")));
    m_lazy->setChecked(!flags.contains(QStringLiteral("now")));
    m_global->setChecked(flags.contains(QStringLiteral("global")));
    m_nodelete->setChecked(flags.contains(QStringLiteral("nodelete")));
    m_noload->setChecked(flags.contains(QStringLiteral("noload")));
    m_deepbind->setChecked(flags.contains(QStringLiteral("deepbind")));
}

QString RunRoom::libraryPath() const
{
    return m_pathEdit->text().trimmed();
}

bool RunRoom::isScanning() const
{
    return m_scanJobs->isRunning();
}

QStringList RunRoom::functions() const
{
    return m_functionNames;
}

void RunRoom::setCurrentFile(WorkspaceFile *file)
{
    const std::shared_ptr<const BinaryInfo> binary = file ? file->binary() : nullptr;
    const bool shared = binary && binary->kind == BinaryKind::SharedLibrary;
    m_selectedLibrary = shared ? file->path() : QString();
    m_useSelected->setEnabled(shared);
    m_useSelected->setText(shared ? tr("Use %1").arg(file->fileName()) : tr("Use the Workspace's Library"));
    if (shared && m_path.isEmpty())
        setLibraryPath(file->path());
}

bool RunRoom::takeDroppedPaths(const QStringList &paths)
{
    // Only while the room is on screen: elsewhere a dropped library is for the Inspector.
    if (!isVisible() || paths.size() != 1 || !looksLikeSharedLibrary(paths.first()))
        return false;
    setLibraryPath(paths.first());
    return true;
}

void RunRoom::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

void RunRoom::setLibraryPath(const QString &path)
{
    m_pathEdit->setText(path);
    m_path = path.trimmed();
    m_functions->clear();
    m_functionNames.clear();
    m_prototypes.clear();
    m_form->clear();
    if (m_path.isEmpty()) {
        m_sources->clear();
        updateState();
        return;
    }
    startScan(m_path, m_headers);
}

void RunRoom::startScan(const QString &path, const QStringList &extraFiles)
{
    m_sources->setText(tr("Reading %1 and its prototypes...").arg(QFileInfo(path).fileName()));
    m_scanJobs->startJob(
        [path, extraFiles] {
            Scan scan;
            scan.path = path;
            // A bare name (libm.so.6) is for the loader to find; the list comes from the file when there is one.
            QString file = path;
            if (!path.contains(u'/')) {
                for (const char *dir :
                    {"/lib/x86_64-linux-gnu/", "/usr/lib/x86_64-linux-gnu/", "/lib64/", "/usr/lib/", "/lib/"})
                    if (QFileInfo::exists(QLatin1String(dir) + path)) {
                        file = QLatin1String(dir) + path;
                        break;
                    }
            }
            const OpenResult opened = openBinary(file);
            if (const auto *error = std::get_if<OpenError>(&opened))
                scan.error = error->message;
            else
                scan.functions = exportedFunctions(std::get<BinaryInfo>(opened));
            QStringList files = file.contains(u'/') ? declarationFilesFor(file) : QStringList();
            for (const QString &f : extraFiles)
                if (!files.contains(f))
                    files << f;
            scan.prototypes = collectPrototypes(files);
            return scan;
        },
        [this](const Scan &scan) { scanDone(scan); });
    updateState();
}

void RunRoom::scanDone(const Scan &scan)
{
    if (scan.path != m_path)
        return;
    m_functionNames = scan.functions;
    m_prototypes = scan.prototypes.byName;
    QStringList parts;
    if (!scan.error.isEmpty())
        parts << tr("Could not read the library's symbols: %1").arg(scan.error);
    if (scan.prototypes.files.isEmpty())
        parts << tr("No prototypes yet: add a header, or type a declaration below.");
    else
        parts << tr("Prototypes from %1.")
                     .arg(QLocale().createSeparatedList(
                         QStringList(scan.prototypes.files)
                             .replaceInStrings(QRegularExpression(QStringLiteral("^.*/")), QString())));
    for (const QString &p : scan.prototypes.problems)
        parts << tr("Not read: %1").arg(p);
    m_sources->setText(parts.join(u'\n'));
    m_sources->setToolTip(scan.prototypes.files.join(u'\n'));
    fillFunctions();
    updateState();
    emit scanFinished();
}

void RunRoom::fillFunctions()
{
    const QString current = m_functions->currentItem() ? m_functions->currentItem()->text(0) : QString();
    const QString filter = m_filter->text().trimmed();
    m_functions->clear();
    QList<QTreeWidgetItem *> items;
    QTreeWidgetItem *select = nullptr;
    for (const QString &name : std::as_const(m_functionNames)) {
        if (!filter.isEmpty() && !name.contains(filter, Qt::CaseInsensitive))
            continue;
        const auto it = m_prototypes.constFind(name);
        auto *item = new QTreeWidgetItem({name, it != m_prototypes.cend() ? it->declaration : tr("(no prototype)")});
        if (it == m_prototypes.cend())
            item->setForeground(1, palette().brush(QPalette::PlaceholderText));
        items << item;
        if (name == current)
            select = item;
    }
    m_functions->addTopLevelItems(items);
    m_functions->resizeColumnToContents(0);
    if (select)
        m_functions->setCurrentItem(select);
}

bool RunRoom::selectFunction(const QString &name)
{
    const QList<QTreeWidgetItem *> found = m_functions->findItems(name, Qt::MatchExactly, 0);
    if (found.isEmpty())
        return false;
    m_functions->setCurrentItem(found.first());
    return true;
}

void RunRoom::functionChosen()
{
    QTreeWidgetItem *item = m_functions->currentItem();
    if (!item)
        return;
    const QString name = item->text(0);
    const auto it = m_prototypes.constFind(name);
    if (it != m_prototypes.cend()) {
        m_form->setPrototype(*it);
        if (isLoaded() && !m_calling) {
            // Where dlsym finds it, and what dladdr says of that address: the library's base plus the offset.
            m_client->send({{QStringLiteral("op"), QStringLiteral("symbol")}, {QStringLiteral("handle"), m_handle},
                               {QStringLiteral("name"), name}},
                [this, name](const RunnerReply &r) {
                    if (!r.ok()) {
                        setStatus(tr("dlsym(handle, \"%1\") failed: %2").arg(name, r.error), true);
                        return;
                    }
                    const auto field = [&r](const char *key) { return r.body.value(QLatin1String(key)).toString(); };
                    setStatus(tr("dlsym(handle, \"%1\") = %2, in %3 loaded at %4.")
                                  .arg(name, field("address"), field("object"), field("object_base")),
                        false);
                });
        }
    } else {
        m_form->clear();
        m_declaration->setText(QStringLiteral("int %1(void)").arg(name));
        m_declaration->setFocus();
        m_declaration->setSelection(0, 3);
        setStatus(tr("No prototype for %1: type its declaration and press Use (or add its header).").arg(name), false);
    }
    updateState();
}

void RunRoom::useDeclaration(const QString &declaration)
{
    if (declaration.trimmed().isEmpty())
        return;
    m_declJobs->startJob([declaration] { return prototypeFromDeclaration(declaration); },
        [this](const Result<CPrototype> &parsed) {
            if (!parsed) {
                setStatus(tr("That declaration does not parse: %1").arg(parsed.reason()), true);
                return;
            }
            m_prototypes.insert(parsed->name, *parsed);
            if (!m_functionNames.contains(parsed->name)) {
                m_functionNames << parsed->name; // a symbol the list did not show (not in .dynsym, or unscanned)
                m_functionNames.sort();
            }
            fillFunctions();
            if (!selectFunction(parsed->name))
                m_form->setPrototype(*parsed);
            else
                m_form->setPrototype(*parsed);
            setStatus(tr("Using %1.").arg(parsed->declaration), false);
            updateState();
        });
}

void RunRoom::addHeaders(const QStringList &files)
{
    for (const QString &f : files)
        if (!m_headers.contains(f))
            m_headers << f;
    if (!m_path.isEmpty())
        startScan(m_path, m_headers);
}

void RunRoom::updatePreview()
{
    const QString path = libraryPath().isEmpty() ? QStringLiteral("...") : libraryPath();
    m_preview->setText(QStringLiteral("dlopen(\"%1\", %2)").arg(path, dlopenFlagsText(flags())));
}

void RunRoom::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void RunRoom::updateState()
{
    const bool busy = m_client->isBusy();
    m_load->setEnabled(!m_calling && !libraryPath().isEmpty());
    m_unload->setEnabled(!m_calling && isLoaded());
    const QString problem = m_form->problem();
    m_call->setEnabled(!m_calling && !libraryPath().isEmpty() && problem.isEmpty());
    m_call->setToolTip(problem.isEmpty() ? tr("Call the function in the runner (Ctrl+Return)") : problem);
    m_stop->setEnabled(busy);
}

void RunRoom::loadLibrary()
{
    const QString path = libraryPath();
    if (path.isEmpty() || m_calling)
        return;
    if (path != m_path)
        setLibraryPath(path);
    const QStringList chosen = flags();
    const auto doOpen = [this, path, chosen] {
        m_client->send(openRequest(path, chosen), [this, path, chosen](const RunnerReply &r) {
            const QString call = QStringLiteral("dlopen(\"%1\", %2)").arg(path, dlopenFlagsText(chosen));
            if (r.ok()) {
                m_handle = r.body.value(QLatin1String("handle")).toInteger();
                m_loadedPath = path;
                setStatus(tr("%1 returned a handle: loaded.").arg(call), false);
            } else {
                setStatus(tr("%1 failed. dlerror():\n%2").arg(call, r.error), true);
            }
            refreshLinkMap();
            m_tabs->setCurrentWidget(m_linkMap);
            updateState();
            emit libraryLoaded(r.ok());
        });
    };
    if (isLoaded()) {
        // One library at a time in this room: close the old handle first (its objects leave the link map).
        m_client->send({{QStringLiteral("op"), QStringLiteral("close")}, {QStringLiteral("handle"), m_handle}},
            [](const RunnerReply &) {});
        m_handle = 0;
    }
    doOpen();
    updateState();
}

void RunRoom::unloadLibrary()
{
    if (!isLoaded() || m_calling)
        return;
    const qint64 handle = m_handle;
    m_client->send({{QStringLiteral("op"), QStringLiteral("close")}, {QStringLiteral("handle"), handle}},
        [this](const RunnerReply &r) {
            setStatus(r.ok()
                    ? tr("dlclose(handle) returned 0: unloaded (unless RTLD_NODELETE or another user keeps it).")
                    : tr("dlclose failed: %1").arg(r.error),
                !r.ok());
            refreshLinkMap();
            m_tabs->setCurrentWidget(m_linkMap);
            updateState();
        });
    m_handle = 0;
    m_loadedPath.clear();
    updateState();
}

void RunRoom::refreshLinkMap()
{
    m_client->send({{QStringLiteral("op"), QStringLiteral("linkmap")}}, [this](const RunnerReply &r) {
        m_linkMap->clear();
        for (const QJsonValue &v : r.body.value(QLatin1String("objects")).toArray()) {
            const QJsonObject o = v.toObject();
            auto *item = new QTreeWidgetItem(
                {o.value(QLatin1String("path")).toString(), o.value(QLatin1String("base")).toString()});
            item->setToolTip(0, item->text(0));
            if (!m_loadedPath.isEmpty()
                && (item->text(0) == m_loadedPath
                    || QFileInfo(item->text(0)).fileName() == QFileInfo(m_loadedPath).fileName()))
                for (int c = 0; c < 2; ++c) {
                    QFont f = item->font(c);
                    f.setBold(true);
                    item->setFont(c, f);
                }
            m_linkMap->addTopLevelItem(item);
        }
        emit linkMapUpdated();
    });
}

void RunRoom::callSelected()
{
    // Requests queue in the client; only a second call while one runs is refused.
    if (!m_form->hasPrototype() || !m_form->problem().isEmpty() || m_calling)
        return;
    m_calling = true;
    CallRecord record;
    record.library = libraryPath();
    record.flags = flags();
    record.prototype = m_form->prototype();
    record.args = m_form->values();
    record.bufferSize = m_form->bufferSize();
    m_client->setTimeout(m_timeout->value() * 1000);
    m_result->setPlainText(tr("Calling %1...").arg(record.prototype.name));
    auto call = [this, record](qint64 handle) mutable {
        m_client->send(callRequest(handle, record), [this, record](const RunnerReply &r) mutable {
            record.reply = r;
            m_calling = false;
            m_records << record;
            auto *item = new QListWidgetItem(callSummary(record).section(u'\n', 0, 0), m_history);
            if (m_tabs->currentWidget() == m_linkMap && r.answered)
                m_tabs->setCurrentWidget(m_history);
            item->setToolTip(callSummary(record));
            m_history->scrollToItem(item);
            showRecord(record);
            if (!r.answered)
                refreshLinkMap();
            updateState();
            emit callFinished(record);
        });
    };
    if (isLoaded() && m_loadedPath == record.library) {
        call(m_handle);
    } else {
        // Not loaded yet (or another path): load with the flags shown, then call.
        m_client->send(openRequest(record.library, record.flags), [this, record, call](const RunnerReply &r) mutable {
            if (!r.ok()) {
                record.reply = r;
                record.openFailed = true;
                m_calling = false;
                setStatus(tr("dlopen(\"%1\", %2) failed. dlerror():\n%3")
                              .arg(record.library, dlopenFlagsText(record.flags), r.error),
                    true);
                showRecord(record);
                updateState();
                emit callFinished(record);
                return;
            }
            m_handle = r.body.value(QLatin1String("handle")).toInteger();
            m_loadedPath = record.library;
            setStatus(tr("Loaded with dlopen(\"%1\", %2).").arg(record.library, dlopenFlagsText(record.flags)), false);
            refreshLinkMap();
            call(m_handle);
        });
    }
    updateState();
}

void RunRoom::showRecord(const CallRecord &record)
{
    QString text = callSummary(record);
    if (!record.openFailed && record.reply.answered && record.reply.ok())
        text += tr("\n(%1 ms in the function)").arg(record.reply.body.value(QLatin1String("ms")).toDouble(), 0, 'f', 3);
    m_result->setPlainText(text);
    m_cCode->setPlainText(callAsC(record));
    m_pyCode->setPlainText(callAsCtypes(record));
}

void RunRoom::stopCall()
{
    m_client->stop();
}

void RunRoom::runnerLost(const QString &why)
{
    const bool hadLibrary = isLoaded();
    m_handle = 0;
    m_loadedPath.clear();
    if (hadLibrary)
        setStatus(
            tr("%1.\nThe runner was restarted: the library and its state are gone. Load it again.").arg(why), true);
    updateState();
}

} // namespace linklab
