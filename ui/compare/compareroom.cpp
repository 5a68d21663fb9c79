// SPDX-License-Identifier: MIT
#include "compare/compareroom.h"

#include "common/jobtracker.h"
#include "common/messagepanel.h"
#include "common/picture.h"
#include "common/tablepage.h"
#include "compare/abichangemodel.h"
#include "compare/abipictureview.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace linklab {

namespace {

QString partTitle(AbiChangeModel::Part part, int count)
{
    switch (part) {
    case AbiChangeModel::Part::Removed: return CompareRoom::tr("Removed (%1)").arg(count);
    case AbiChangeModel::Part::Changed: return CompareRoom::tr("Changed (%1)").arg(count);
    case AbiChangeModel::Part::Added: return CompareRoom::tr("Added (%1)").arg(count);
    case AbiChangeModel::Part::Library: return CompareRoom::tr("SONAME, NEEDED, versions (%1)").arg(count);
    }
    return {};
}

} // namespace

CompareRoom::CompareRoom(WorkspaceModel *workspace, QWidget *parent)
    : Room(parent)
    , m_workspace(workspace)
    , m_old(new QComboBox(this))
    , m_new(new QComboBox(this))
    , m_swap(new QToolButton(this))
    , m_compare(new QPushButton(tr("Compare"), this))
    , m_stack(new QStackedWidget(this))
    , m_message(new MessagePanel(this))
    , m_result(new QWidget(this))
    , m_headline(new QLabel(this))
    , m_advice(new QLabel(this))
    , m_reasons(new QTextBrowser(this))
    , m_picture(new AbiPictureView(this))
    , m_export(new QPushButton(tr("Export Picture…"), this))
    , m_tabs(new QTabWidget(this))
    , m_jobs(new JobTracker(this))
{
    // Which two files: any of the workspace's, in either order.
    for (QComboBox *box : {m_old, m_new}) {
        box->setModel(workspace);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(18);
    }
    m_old->setObjectName(QStringLiteral("compareOld"));
    m_new->setObjectName(QStringLiteral("compareNew"));
    m_old->setToolTip(tr("What programs were linked against"));
    m_new->setToolTip(tr("The version to check"));
    m_swap->setText(QStringLiteral("⇄"));
    m_swap->setObjectName(QStringLiteral("compareSwap"));
    m_swap->setToolTip(tr("Swap old and new"));
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setToolTip(tr("Compare the two files (select two files in the Workspace and press Ctrl+D)"));
    connect(m_swap, &QToolButton::clicked, this, &CompareRoom::swap);
    connect(m_compare, &QPushButton::clicked, this, &CompareRoom::compareChosen);

    auto *chooser = new QHBoxLayout;
    chooser->addWidget(new QLabel(tr("Old:"), this));
    chooser->addWidget(m_old, 1);
    chooser->addWidget(m_swap);
    chooser->addWidget(new QLabel(tr("New:"), this));
    chooser->addWidget(m_new, 1);
    chooser->addWidget(m_compare);

    // The verdict, in words, first.
    m_headline->setObjectName(QStringLiteral("compareHeadline"));
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_advice->setObjectName(QStringLiteral("compareAdvice"));
    m_advice->setWordWrap(true);
    m_advice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reasons->setObjectName(QStringLiteral("compareReasons"));
    m_reasons->setOpenLinks(false);
    m_export->setObjectName(QStringLiteral("exportPicture"));
    m_export->setToolTip(tr("Save the picture as PNG or SVG"));
    connect(m_export, &QPushButton::clicked, this, &CompareRoom::exportPicture);
    connect(m_picture, &AbiPictureView::categoryClicked, this, [this](AbiPictureBlock::Category category) {
        switch (category) {
        case AbiPictureBlock::Removed: m_tabs->setCurrentIndex(0); break;
        case AbiPictureBlock::Changed: m_tabs->setCurrentIndex(1); break;
        case AbiPictureBlock::Added: m_tabs->setCurrentIndex(2); break;
        case AbiPictureBlock::Kept: break; // kept symbols have no table: nothing to look at
        }
    });

    m_tabs->setObjectName(QStringLiteral("compareTables"));
    m_tabs->setDocumentMode(true);
    const AbiChangeModel::Part parts[4] = {AbiChangeModel::Part::Removed, AbiChangeModel::Part::Changed,
        AbiChangeModel::Part::Added, AbiChangeModel::Part::Library};
    const char *exportNames[4] = {"removed-symbols", "changed-symbols", "added-symbols", "library-changes"};
    for (int i = 0; i < 4; ++i) {
        m_models[i] = new AbiChangeModel(parts[i], this);
        m_pages[i] = new TablePage(m_models[i], QString::fromLatin1(exportNames[i]), m_tabs);
        m_tabs->addTab(m_pages[i], partTitle(parts[i], 0));
    }

    // Verdict, then the picture across the whole width, then the reasons over the tables (a splitter between).
    auto *pictureRow = new QHBoxLayout;
    pictureRow->setContentsMargins(0, 0, 0, 0);
    pictureRow->addWidget(m_picture, 1);
    auto *exportColumn = new QVBoxLayout;
    exportColumn->addStretch(1);
    exportColumn->addWidget(m_export);
    pictureRow->addLayout(exportColumn);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_reasons);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    m_reasons->setMinimumHeight(60);

    auto *resultLayout = new QVBoxLayout(m_result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_headline);
    resultLayout->addWidget(m_advice);
    resultLayout->addLayout(pictureRow);
    resultLayout->addWidget(split, 1);

    m_message->setObjectName(QStringLiteral("compareMessage"));
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_result);
    showMessage(tr("Compare two versions of a library"),
        // Paragraphs, not hard line breaks: the label wraps them to its width.
        tr("Does the new version break programs linked against the old one? Select two files in the Workspace "
           "(Ctrl+click) and press Ctrl+D (Compare Selected Files), or choose them above and press Compare.\n\n"
           "Two versions of a .so, or a .a and the .so built from the same sources: SONAME and NEEDED changes, "
           "exported symbols removed, changed and added, and what each does to the programs."));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(chooser);
    layout->addWidget(m_stack, 1);

    connect(workspace, &WorkspaceModel::fileStateChanged, this, &CompareRoom::fileStateChanged);
    connect(workspace, &WorkspaceModel::fileRemoved, this, [this](WorkspaceFile *file) {
        if (file == m_pendingOld || file == m_pendingNew) {
            m_pendingOld = m_pendingNew = nullptr;
            m_jobs->cancel();
        }
        if (m_hasResult && (file == m_shownOld || file == m_shownNew)) {
            // A result about a file that is gone would name whatever the combo box moves to.
            m_hasResult = false;
            showMessage(tr("%1 was closed").arg(file->fileName()), tr("Choose two files above and press Compare."));
        }
    });
}

QString CompareRoom::title() const
{
    return tr("Compare");
}

void CompareRoom::setCurrentFile(WorkspaceFile *file)
{
    // Until a comparison was asked for, the selected file is the new one and the file before it the old one, so
    // that pressing Compare after opening two versions does what it says.
    if (!file || m_hasResult || m_pendingOld)
        return;
    const int row = m_workspace->rowOf(file);
    m_new->setCurrentIndex(row);
    if (m_old->currentIndex() < 0 || m_old->currentIndex() == row)
        m_old->setCurrentIndex(row > 0 ? row - 1 : (m_workspace->rowCount() > 1 ? 1 : row));
}

bool CompareRoom::compareFiles(WorkspaceFile *oldFile, WorkspaceFile *newFile)
{
    if (!oldFile || !newFile)
        return false;
    m_old->setCurrentIndex(m_workspace->rowOf(oldFile));
    m_new->setCurrentIndex(m_workspace->rowOf(newFile));
    compareChosen();
    return true;
}

QAbstractItemView *CompareRoom::currentTable() const
{
    auto *page = qobject_cast<TablePage *>(m_tabs->currentWidget());
    return m_stack->currentWidget() == m_result && page ? page->view() : nullptr;
}

WorkspaceFile *CompareRoom::oldFile() const
{
    return m_workspace->file(m_old->currentIndex());
}

WorkspaceFile *CompareRoom::newFile() const
{
    return m_workspace->file(m_new->currentIndex());
}

void CompareRoom::swap()
{
    const int old = m_old->currentIndex();
    m_old->setCurrentIndex(m_new->currentIndex());
    m_new->setCurrentIndex(old);
    if (m_hasResult || m_pendingOld)
        compareChosen();
}

void CompareRoom::compareChosen()
{
    WorkspaceFile *a = oldFile();
    WorkspaceFile *b = newFile();
    if (!a || !b) {
        showMessage(tr("Choose two files"), tr("Open two versions of a library in the Workspace first."));
        return;
    }
    m_pendingOld = a;
    m_pendingNew = b;
    m_jobs->cancel();
    for (WorkspaceFile *f : {a, b}) {
        if (f->state() == WorkspaceFile::State::Failed) {
            m_pendingOld = m_pendingNew = nullptr;
            showMessage(tr("Cannot compare"), tr("%1 could not be read: %2").arg(f->fileName(), f->errorMessage()));
            return;
        }
    }
    if (a->state() == WorkspaceFile::State::Loading || b->state() == WorkspaceFile::State::Loading) {
        showMessage(tr("Reading the files…"),
            tr("The comparison starts once %1 and %2 are read.").arg(a->fileName(), b->fileName()), true);
        return; // fileStateChanged comes back here
    }
    const std::shared_ptr<const BinaryInfo> before = a->binary();
    const std::shared_ptr<const BinaryInfo> after = b->binary();
    if (!before || !after)
        return;
    showMessage(tr("Comparing…"), tr("%1 and %2").arg(a->fileName(), b->fileName()), true);
    m_jobs->startJob([before, after] { return compareAbi(*before, *after); },
        [this](AbiComparison comparison) {
            m_shownOld = m_pendingOld;
            m_shownNew = m_pendingNew;
            m_pendingOld = m_pendingNew = nullptr;
            showResult(comparison);
        });
}

void CompareRoom::fileStateChanged(WorkspaceFile *file)
{
    if ((file == m_pendingOld || file == m_pendingNew) && file->state() != WorkspaceFile::State::Loading
        && !m_jobs->isRunning())
        compareChosen();
    else if (m_hasResult && (file == oldFile() || file == newFile()) && file->state() == WorkspaceFile::State::Loaded)
        compareChosen(); // reloaded (F5 after a rebuild): compare again
}

void CompareRoom::showResult(const AbiComparison &comparison)
{
    m_comparison = comparison;
    m_hasResult = true;
    const QString oldName = m_old->currentText();
    const QString newName = m_new->currentText();
    const QColor verdictColour = comparison.breaking ? picture::categorical(5) : picture::categorical(2);
    m_headline->setText(QStringLiteral("<span style=\"color:%1\">%2</span> %3")
                            .arg(verdictColour.name(), comparison.breaking ? QStringLiteral("✖") : QStringLiteral("✔"),
                                comparison.headline.toHtmlEscaped()));
    m_headline->setToolTip(tr("%1 compared with %2").arg(newName, oldName));
    m_advice->setText(comparison.advice);
    QString html = QStringLiteral("<ul style=\"margin-left:-20px\">");
    const QColor breaks = picture::categorical(5);
    for (const QString &r : comparison.reasons)
        html += QStringLiteral("<li><span style=\"color:%1\">✖</span> %2</li>").arg(breaks.name(), r.toHtmlEscaped());
    for (const QString &r : comparison.notes)
        html += QStringLiteral("<li>%1</li>").arg(r.toHtmlEscaped());
    if (comparison.reasons.isEmpty() && comparison.notes.isEmpty())
        html += tr("<li>The two files export the same symbols, with the same versions, types and sizes.</li>");
    html += QStringLiteral("</ul><p>%1</p>")
                .arg(tr("Exported symbols: %1 kept, %2 changed, %3 removed, %4 added%5.")
                         .arg(comparison.kept)
                         .arg(comparison.changed.size())
                         .arg(comparison.removed.size())
                         .arg(comparison.added.size())
                         .arg(comparison.ignored
                                 ? tr(" (%1 entries of the linker and C runtime, such as _init, left out)")
                                       .arg(comparison.ignored)
                                 : QString()));
    m_reasons->setHtml(html);
    m_picture->setComparison(comparison, oldName, newName);
    for (int i = 0; i < 4; ++i) {
        m_models[i]->setComparison(comparison);
        m_tabs->setTabText(i, partTitle(m_models[i]->part(), m_models[i]->rowCount()));
        m_pages[i]->fitColumns();
    }
    // The first part that has rows, breaking ones first.
    for (int i = 0; i < 4; ++i) {
        if (m_models[i]->rowCount() > 0) {
            m_tabs->setCurrentIndex(i);
            break;
        }
    }
    m_stack->setCurrentWidget(m_result);
    Q_EMIT compared();
}

void CompareRoom::showMessage(const QString &title, const QString &text, bool busy)
{
    m_message->setTitle(title);
    m_message->setText(text);
    m_message->setBusy(busy);
    m_stack->setCurrentWidget(m_message);
}

void CompareRoom::exportPicture()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Picture"),
        QStringLiteral("%1-vs-%2.svg").arg(m_new->currentText(), m_old->currentText()), picture::fileFilter());
    if (path.isEmpty())
        return;
    const QString error = m_picture->saveAs(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export Picture"), error);
}

} // namespace linklab
