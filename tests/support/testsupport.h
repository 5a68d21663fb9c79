// SPDX-License-Identifier: MIT
// Set-up shared by the tests: files written at test time, moving their clocks instead of waiting for the real
// one, processes run to the end with a clean environment, and whether a process is still alive.
#pragma once

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace linklab::test {

// Writes `text` to `path`, making its folder first. False when it could not.
inline bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QByteArray hashOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Sets a file's modification time `seconds` from now (negative: in the past). Tests move time instead of
// waiting for the clock, so "edited after the build" never depends on timestamp granularity.
inline bool setMtime(const QString &path, int seconds)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite)
        && f.setFileTime(QDateTime::currentDateTime().addSecs(seconds), QFileDevice::FileModificationTime);
}

// Makes every file under `dir` (symlinks aside) look `seconds` old.
inline bool ageFiles(const QString &dir, int seconds)
{
    bool ok = true;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!QFileInfo(path).isSymLink())
            ok = setMtime(path, -seconds) && ok;
    }
    return ok;
}

// True while a process exists and is not a zombie.
inline bool processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.mid(close + 2, 1) != "Z";
}

struct Run {
    int exitCode = -1; // -1 when it crashed, did not start or did not finish
    QByteArray out;
    QByteArray err;
};

// Runs a program to the end. Every child gets C messages and no LD_LIBRARY_PATH from whoever started the test,
// so a program finds its libraries only the way the test says; `environment` adds NAME=VALUE entries.
inline Run run(const QString &program, const QStringList &args, const QString &workingDir = {},
    const QStringList &environment = {}, int timeoutMs = 120'000)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.remove(QStringLiteral("LD_LIBRARY_PATH"));
    for (const QString &entry : environment)
        env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(workingDir);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QByteArray("did not start or finish: ") + p.errorString().toLocal8Bit()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError()};
}

// Builds, in `dir`, `lib/libgone.so` (gone() returns 1) and `prog`, which calls it through `-Llib -lgone` and has no
// search path for it: the loader finds libgone.so only when told where (LD_LIBRARY_PATH). Returns prog's path, or
// an empty string (with gcc's message on the test log) when gcc failed.
inline QString buildProgramNeedingLibGone(const QString &dir)
{
    QDir(dir).mkpath(QStringLiteral("lib"));
    const QList<QPair<QString, QByteArray>> sources = {{QStringLiteral("gone.c"), "int gone(void) { return 1; }\n"},
        {QStringLiteral("main.c"), "int gone(void);\nint main(void) { return gone(); }\n"}};
    for (const auto &[name, text] : sources) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            return {};
    }
    const QList<QStringList> steps = {{QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-o"),
                                          QStringLiteral("lib/libgone.so"), QStringLiteral("gone.c")},
        {QStringLiteral("-o"), QStringLiteral("prog"), QStringLiteral("main.c"), QStringLiteral("-Llib"),
            QStringLiteral("-lgone")}};
    for (const QStringList &args : steps) {
        const Run r = run(QStringLiteral("gcc"), args, dir);
        if (r.exitCode != 0) {
            qWarning("gcc %s: %s", qPrintable(args.join(u' ')), r.err.constData());
            return {};
        }
    }
    return QDir(dir).filePath(QStringLiteral("prog"));
}

// A library that loads `count` more (libw0.so ... ), ten wide and two deep per library, each found through
// RUNPATH $ORIGIN: a dependency graph of count + 1 nodes and about 2 * count edges, for the "large graph" test and
// bench. Only links (one empty object, -nostdlib), so a hundred libraries take a couple of seconds. Returns the
// root library's path, empty on failure.
inline QString buildWideGraph(const QString &dir, int count)
{
    if (!writeFile(QDir(dir).filePath(QStringLiteral("empty.c")), "int wide_graph_marker;\n"))
        return {};
    if (run(QStringLiteral("gcc"), {QStringLiteral("-c"), QStringLiteral("-fPIC"), QStringLiteral("empty.c")}, dir)
            .exitCode
        != 0)
        return {};
    const auto link = [&](const QString &name, const QList<int> &needs) {
        QStringList args {QStringLiteral("-shared"), QStringLiteral("-nostdlib"), QStringLiteral("-o"), name,
            QStringLiteral("empty.o"), QStringLiteral("-L."), QStringLiteral("-Wl,--no-as-needed"),
            QStringLiteral("-Wl,--enable-new-dtags,-rpath,$ORIGIN")};
        for (int n : needs)
            args << QStringLiteral("-lw%1").arg(n);
        return run(QStringLiteral("gcc"), args, dir).exitCode == 0;
    };
    for (int k = count - 1; k >= 0; --k) {
        QList<int> needs;
        for (int n : {k + 10, k + 11})
            if (n < count)
                needs << n;
        if (!link(QStringLiteral("libw%1.so").arg(k), needs))
            return {};
    }
    QList<int> first;
    for (int k = 0; k < std::min(count, 10); ++k)
        first << k;
    return link(QStringLiteral("libwideroot.so"), first) ? QDir(dir).filePath(QStringLiteral("libwideroot.so"))
                                                         : QString();
}

// The path of one of gcc's own files (`gcc -print-file-name=NAME`), whatever gcc's version; empty when gcc has none.
inline QString gccFile(const QString &name)
{
    const Run r = run(QStringLiteral("gcc"), {QStringLiteral("-print-file-name=") + name});
    const QString path = QString::fromLocal8Bit(r.out).trimmed();
    return r.exitCode == 0 && QFileInfo(path).isAbsolute() && QFileInfo(path).isFile()
        ? QFileInfo(path).canonicalFilePath()
        : QString();
}

// The file matching `pattern` ("libLLVM-*.so.1") with the highest version number in place of the '*'.
inline QString newestInstalled(const QString &dir, const QString &pattern)
{
    QString best;
    int bestVersion = -1;
    const qsizetype star = pattern.indexOf(u'*');
    for (const QString &name : QDir(dir).entryList({pattern}, QDir::Files)) {
        const int version = name.mid(star).section(u'.', 0, 0).toInt();
        if (version > bestVersion) {
            bestVersion = version;
            best = QDir(dir).filePath(name);
        }
    }
    return best;
}

} // namespace linklab::test
