// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include "support/result.h"

namespace linklab {

// The command that made each output of a build folder, kept in <outDir>/.linklab-commands (as ninja keeps
// .ninja_log): an output made by a different command (other flags, another compiler) is not up to date.
class BuildLog
{
public:
    static BuildLog load(const QString &outDir);
    bool save() const;

    QString command(const QString &output) const { return m_commands.value(output); }
    void record(const QString &output, const QString &command);
    void forget(const QString &output);

    static QString fileName() { return QStringLiteral(".linklab-commands"); }

private:
    QString m_path;
    QHash<QString, QString> m_commands;
    bool m_dirty = false;
};

// The files a make-style dependency file (gcc -MMD) lists as prerequisites of its first rule. Fails when the
// file cannot be read or holds no rule.
Result<QStringList> readDepFile(const QString &path);
// The same for the file's text; relative names are taken from `baseDir`.
Result<QStringList> parseDepFile(const QString &text, const QString &baseDir);

} // namespace linklab
