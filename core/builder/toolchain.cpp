// SPDX-License-Identifier: MIT
#include "builder/toolchain.h"

#include <QProcess>
#include <QStandardPaths>

namespace linklab {

const Tool *Toolchain::compiler(const QString &name) const
{
    for (const Tool &tool : compilers) {
        if (tool.name == name || tool.path == name)
            return &tool;
    }
    return nullptr;
}

QString Toolchain::defaultCompiler() const
{
    if (compiler(QStringLiteral("gcc")))
        return QStringLiteral("gcc");
    return compilers.isEmpty() ? QStringLiteral("gcc") : compilers.first().name;
}

QString toolVersion(const QString &path)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(path, {QStringLiteral("--version")});
    if (!process.waitForStarted(5000))
        return {};
    process.closeWriteChannel();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(1000);
        return {};
    }
    return QString::fromLocal8Bit(process.readAll()).section(u'\n', 0, 0).trimmed();
}

Toolchain discoverToolchain()
{
    Toolchain chain;
    auto find = [](const QString &name) {
        Tool tool;
        tool.name = name;
        tool.path = QStandardPaths::findExecutable(name);
        if (tool.found())
            tool.version = toolVersion(tool.path);
        return tool;
    };
    for (const QString &name : {QStringLiteral("gcc"), QStringLiteral("clang"), QStringLiteral("cc")}) {
        Tool tool = find(name);
        if (tool.found())
            chain.compilers.append(tool);
    }
    chain.archiver = find(QStringLiteral("ar"));
    return chain;
}

} // namespace linklab
