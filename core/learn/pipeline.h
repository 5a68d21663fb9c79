// SPDX-License-Identifier: MIT
#pragma once

#include "learn/lessonengine.h"

#include <QList>
#include <QString>

namespace linklab {

// The pipeline picture of a lesson as far as it has run: sources -> objects -> archive or shared library ->
// program, each node a file of the working folder that exists, each edge the command that made it.
enum class PipelineKind { Source, Object, Archive, SharedLibrary, Program };

struct PipelineNode {
    QString name; // relative to the working folder
    QString path; // absolute
    PipelineKind kind = PipelineKind::Source;
    int column = 0; // 0 sources, 1 objects, 2 libraries, 3 programs
    int step = -1; // the step that made it (or copied it)
};

struct PipelineEdge {
    int from = -1, to = -1; // node indexes
    QString command; // the command line that made `to`
    int step = -1;
};

struct Pipeline {
    QList<PipelineNode> nodes;
    QList<PipelineEdge> edges;
    int indexOf(const QString &name) const;
};

PipelineKind pipelineKindOf(const QString &name);
// Built from the outcomes of the steps that ran, in step order (a re-run step replaces what it drew before).
Pipeline buildPipeline(const QList<StepOutcome> &outcomes, const QString &workDir);

} // namespace linklab
