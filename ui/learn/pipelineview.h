// SPDX-License-Identifier: MIT
#pragma once

#include "learn/pipeline.h"

#include <QGraphicsView>
#include <QStringList>

namespace linklab {

// The Learn room's pipeline picture: sources -> objects -> archive or shared library -> program, one column
// each, a box per real file and an arrow per command (its command line on the arrow, whole in the tooltip). Files
// made by the step just run are drawn with a thick outline. A click on a box asks to inspect that file.
class PipelineView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit PipelineView(QWidget *parent = nullptr);
    // `latestStep`: the step whose files are emphasised (-1: none).
    void setPipeline(const Pipeline &pipeline, int latestStep);
    const Pipeline &pipeline() const { return m_pipeline; }
    QStringList nodeNames() const; // the files drawn
    QString exportPicture(const QString &path, const QString &title) const; // PNG or SVG; empty on success
    static QString columnTitle(int column);

Q_SIGNALS:
    void fileActivated(const QString &path);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fit();
    Pipeline m_pipeline;
};

} // namespace linklab
