// SPDX-License-Identifier: MIT
#include "learn/pipeline.h"

#include <QDir>
#include <QFileInfo>

namespace linklab {

int Pipeline::indexOf(const QString &name) const
{
    for (int i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == name)
            return i;
    return -1;
}

PipelineKind pipelineKindOf(const QString &name)
{
    const QString file = QFileInfo(name).fileName();
    if (file.endsWith(QLatin1String(".c")) || file.endsWith(QLatin1String(".h"))
        || file == QLatin1String("CMakeLists.txt"))
        return PipelineKind::Source;
    if (file.endsWith(QLatin1String(".o")))
        return PipelineKind::Object;
    if (file.endsWith(QLatin1String(".a")))
        return PipelineKind::Archive;
    if (file.endsWith(QLatin1String(".so")) || file.contains(QLatin1String(".so.")))
        return PipelineKind::SharedLibrary;
    return PipelineKind::Program;
}

Pipeline buildPipeline(const QList<StepOutcome> &outcomes, const QString &workDir)
{
    Pipeline p;
    const QDir dir(workDir);
    const auto node = [&](const QString &name, int step) {
        int i = p.indexOf(name);
        if (i >= 0)
            return i;
        if (!QFileInfo::exists(dir.filePath(name)))
            return -1;
        PipelineNode n;
        n.name = name;
        n.path = dir.filePath(name);
        n.kind = pipelineKindOf(name);
        n.column = std::min(int(n.kind), 3);
        if (n.kind == PipelineKind::SharedLibrary)
            n.column = 2;
        n.step = step;
        p.nodes.append(n);
        return int(p.nodes.size() - 1);
    };
    for (const StepOutcome &o : outcomes) {
        if (!o.ran)
            continue;
        if (o.command.startsWith(QLatin1String("cp "))) {
            for (const QString &f : o.outputs)
                if (!f.endsWith(QLatin1String(".h")))
                    node(f, o.index);
            continue;
        }
        if (o.outputs.isEmpty() || o.exitCode != 0)
            continue; // inspections draw nothing new; a failed command made nothing
        for (const QString &out : o.outputs) {
            const int to = node(out, o.index);
            if (to < 0)
                continue;
            for (const QString &in : o.inputs) {
                if (in.endsWith(QLatin1String(".h")) || in == out)
                    continue;
                const int from = node(in, o.index);
                if (from >= 0)
                    p.edges.append({from, to, o.command, o.index});
            }
        }
    }
    return p;
}

} // namespace linklab
