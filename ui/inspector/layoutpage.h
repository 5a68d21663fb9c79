// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"
#include "binary/filelayout.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace linklab {

class JobTracker;
class LayoutView;

// The Layout tab: the file's layout (linking view and execution view) as a picture, laid out on a worker, with
// Fit, zoom and Export. A click on a section or a segment asks for it in its table (sectionActivated,
// segmentActivated: indexes into BinaryInfo::sections and ::segments).
class LayoutPage : public QWidget
{
    Q_OBJECT
public:
    explicit LayoutPage(std::shared_ptr<const BinaryInfo> binary, QWidget *parent = nullptr);

    LayoutView *view() const { return m_view; }
    bool isReady() const { return m_ready; }
    const FileLayout &fileLayout() const { return m_layout; }
    // PNG or SVG by the suffix; an empty string on success, else why not.
    QString exportPicture(const QString &path) const;

Q_SIGNALS:
    void ready();
    void sectionActivated(int section);
    void segmentActivated(int segment);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void chooseExport();

    std::shared_ptr<const BinaryInfo> m_binary;
    FileLayout m_layout;
    LayoutView *m_view;
    QLabel *m_status;
    JobTracker *m_jobs;
    bool m_started = false;
    bool m_ready = false;
};

} // namespace linklab
