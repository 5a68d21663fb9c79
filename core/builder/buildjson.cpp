// SPDX-License-Identifier: MIT
#include "builder/buildjson.h"

#include "builder/shellwords.h"

#include <QJsonArray>

namespace linklab {

QJsonObject toJson(const Diagnostic &d)
{
    return {{QStringLiteral("file"), d.file}, {QStringLiteral("line"), d.line}, {QStringLiteral("column"), d.column},
        {QStringLiteral("severity"), d.severity}, {QStringLiteral("message"), d.message},
        {QStringLiteral("step"), d.step}};
}

QJsonObject toJson(const BuildResult &result)
{
    QJsonArray commands;
    for (const StepResult &s : result.steps) {
        QJsonObject c {{QStringLiteral("argv"), QJsonArray::fromStringList(s.step.argv)},
            {QStringLiteral("command"), commandLine(s.step.argv)}, {QStringLiteral("status"), statusKey(s.status)},
            {QStringLiteral("exit_code"), s.exitCode}, {QStringLiteral("ms"), s.ms},
            {QStringLiteral("output"), s.output}};
        if (!s.error.isEmpty())
            c.insert(QStringLiteral("error"), s.error);
        commands.append(c);
    }
    QJsonArray diagnostics;
    for (const Diagnostic &d : result.diagnostics)
        diagnostics.append(toJson(d));
    return {{QStringLiteral("success"), result.success}, {QStringLiteral("cancelled"), result.cancelled},
        {QStringLiteral("ms"), result.ms}, {QStringLiteral("commands"), commands},
        {QStringLiteral("artifacts"), QJsonArray::fromStringList(result.artifacts)},
        {QStringLiteral("diagnostics"), diagnostics}};
}

QJsonObject toJson(const RunResult &r)
{
    QJsonObject o {{QStringLiteral("started"), r.started}, {QStringLiteral("exit_code"), r.exitCode},
        {QStringLiteral("signal"), r.signal}, {QStringLiteral("stdout"), QString::fromLocal8Bit(r.standardOutput)},
        {QStringLiteral("stderr"), QString::fromLocal8Bit(r.standardError)}, {QStringLiteral("ms"), r.ms},
        {QStringLiteral("summary"), r.summary()}};
    if (!r.startError.isEmpty())
        o.insert(QStringLiteral("error"), r.startError);
    if (!r.missingLibrary.isEmpty()) {
        o.insert(QStringLiteral("missing_library"), r.missingLibrary);
        o.insert(QStringLiteral("explanation"), r.explanation);
    }
    return o;
}

QJsonObject toJson(const Tool &tool)
{
    return {{QStringLiteral("name"), tool.name}, {QStringLiteral("path"), tool.path},
        {QStringLiteral("version"), tool.version}};
}

QJsonObject toJson(const Toolchain &toolchain)
{
    QJsonArray compilers;
    for (const Tool &t : toolchain.compilers)
        compilers.append(toJson(t));
    return {{QStringLiteral("compilers"), compilers}, {QStringLiteral("default_compiler"), toolchain.defaultCompiler()},
        {QStringLiteral("archiver"), toJson(toolchain.archiver)}};
}

} // namespace linklab
