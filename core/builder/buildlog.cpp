// SPDX-License-Identifier: MIT
#include "builder/buildlog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace linklab {

// One record per line: output path, a tab, the command line. Paths and command lines never hold a newline
// or a tab that matters here; a line that does not split in two is ignored (the output is rebuilt).
BuildLog BuildLog::load(const QString &outDir)
{
    BuildLog log;
    if (outDir.isEmpty())
        return log;
    log.m_path = QDir(outDir).filePath(fileName());
    QFile file(log.m_path);
    if (!file.open(QIODevice::ReadOnly))
        return log;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype tab = line.indexOf('\t');
        if (tab > 0)
            log.m_commands.insert(QString::fromUtf8(line.left(tab)), QString::fromUtf8(line.mid(tab + 1)));
    }
    return log;
}

bool BuildLog::save() const
{
    if (!m_dirty || m_path.isEmpty())
        return true;
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    for (auto it = m_commands.cbegin(); it != m_commands.cend(); ++it) {
        QString line = it.key() + u'\t' + it.value();
        line.replace(u'\n', u' ');
        file.write(line.toUtf8() + '\n');
    }
    return file.commit();
}

void BuildLog::record(const QString &output, const QString &command)
{
    m_commands.insert(output, command);
    m_dirty = true;
}

void BuildLog::forget(const QString &output)
{
    m_dirty |= m_commands.remove(output) > 0;
}

Result<QStringList> readDepFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Failure {QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    return parseDepFile(QString::fromLocal8Bit(file.readAll()), QFileInfo(path).absolutePath());
}

Result<QStringList> parseDepFile(const QString &text, const QString &baseDir)
{
    // "obj/a.o: /src/a.c /src/a.h \<newline> /src/b.h"; a space inside a name is written "\ ".
    QStringList words;
    QString word;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\' && i + 1 < text.size()) {
            const QChar next = text[i + 1];
            if (next == u'\n' || next == u'\r') {
                ++i;
                continue;
            }
            if (next == u' ' || next == u'#' || next == u'\\') {
                word += next;
                ++i;
                continue;
            }
        }
        if (c == u'$' && i + 1 < text.size() && text[i + 1] == u'$') {
            word += u'$';
            ++i;
            continue;
        }
        if (c.isSpace()) {
            if (!word.isEmpty())
                words.append(word);
            word.clear();
            continue;
        }
        word += c;
    }
    if (!word.isEmpty())
        words.append(word);
    QStringList deps;
    bool afterColon = false;
    for (const QString &w : std::as_const(words)) {
        if (!afterColon) {
            if (w.endsWith(u':'))
                afterColon = true;
            continue;
        }
        if (w.endsWith(u':'))
            break; // a second rule (-MP phony targets): the first rule's list is complete
        deps.append(QDir::isAbsolutePath(w) ? w : QDir(baseDir).filePath(w));
    }
    if (!afterColon)
        return Failure {QStringLiteral("no rule (\"target: prerequisites\") in the dependency file")};
    return deps;
}

} // namespace linklab
