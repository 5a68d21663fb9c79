// SPDX-License-Identifier: MIT
// Versions of one small library built with gcc at test time, for the compare tests (core, CLI, GUI):
//   v1      libabi.so.1: keep, gone, table[4], vfun@@V1, weakling (global), uses; a hidden and a static helper
//   v2      libabi.so.2: gone removed, fresh@@V2 added, table[8], vfun@V1 kept beside a new vfun@@V2, weakling
//           weak, needs libm.so.6 too
//   compat  libabi.so.1: v1 plus fresh@@V2 (only additions)
//   unbumped libabi.so.1: v1 without gone, vfun only at V2 (breaks, soname not bumped)
//   archive libabi.a and object v1.o: v1's sources, as the archive from which v1 could be linked
//   object32 v1-32.o: v1's source compiled for i386 (-m32 -c needs no 32-bit libraries)
#pragma once

#include "testsupport.h"

#include <QDir>
#include <QSet>

namespace linklab::test {

struct AbiFixtures {
    QString v1, v2, compat, unbumped, archive, object, object32;
    QString error; // gcc's or ar's message when a build failed
};

inline AbiFixtures buildAbiFixtures(const QString &dir)
{
    const QByteArray v1 = "int keep(int x) { return x + 1; }\n"
                          "int gone(void) { return 2; }\n"
                          "int table[4] = {1, 2, 3, 4};\n"
                          "int vfun(void) { return 1; }\n"
                          "int weakling(void) { return 0; }\n"
                          "__attribute__((visibility(\"hidden\"))) int helper(void) { return 5; }\n"
                          "static int local_only(void) { return 6; }\n"
                          "int uses(void) { return helper() + local_only(); }\n";
    const QByteArray v2 = "int keep(int x) { return x + 2; }\n"
                          "int fresh(void) { return 3; }\n"
                          "int table[8] = {1, 2, 3, 4};\n"
                          "int vfun_old(void) { return 1; }\n"
                          "int vfun_new(void) { return 2; }\n"
                          "__asm__(\".symver vfun_old,vfun@V1\");\n"
                          "__asm__(\".symver vfun_new,vfun@@V2\");\n"
                          "__attribute__((weak)) int weakling(void) { return 0; }\n"
                          "int uses(void) { return 1; }\n";
    const QByteArray compat = v1 + "int fresh(void) { return 3; }\n";
    const QByteArray unbumped = "int keep(int x) { return x + 1; }\n"
                                "int table[4] = {1, 2, 3, 4};\n"
                                "int vfun(void) { return 1; }\n"
                                "int weakling(void) { return 0; }\n"
                                "int uses(void) { return 7; }\n";
    const QList<QPair<QString, QByteArray>> files = {{QStringLiteral("v1.c"), v1}, {QStringLiteral("v2.c"), v2},
        {QStringLiteral("compat.c"), compat}, {QStringLiteral("unbumped.c"), unbumped},
        {QStringLiteral("v1.map"), "V1 { global: keep; gone; table; vfun; weakling; uses; local: *; };\n"},
        {QStringLiteral("v2.map"),
            "V1 { global: keep; table; vfun; weakling; uses; local: *; };\nV2 { global: fresh; vfun; } V1;\n"},
        {QStringLiteral("compat.map"),
            "V1 { global: keep; gone; table; vfun; weakling; uses; local: *; };\nV2 { global: fresh; } V1;\n"},
        {QStringLiteral("unbumped.map"),
            "V1 { global: keep; table; weakling; uses; local: *; };\nV2 { global: vfun; } V1;\n"}};
    AbiFixtures f;
    for (const auto &[name, text] : files) {
        if (!writeFile(QDir(dir).filePath(name), text)) {
            f.error = QStringLiteral("cannot write ") + name;
            return f;
        }
    }
    auto shared = [](const QString &name, const QString &soname, const QString &map, const QString &source) {
        return QStringList {QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-o"), name,
            QStringLiteral("-Wl,-soname,") + soname, QStringLiteral("-Wl,--version-script=") + map, source};
    };
    const QList<QPair<QString, QStringList>> steps
        = {{QStringLiteral("gcc"),
               shared(QStringLiteral("libabi-v1.so"), QStringLiteral("libabi.so.1"), QStringLiteral("v1.map"),
                   QStringLiteral("v1.c"))},
            {QStringLiteral("gcc"),
                shared(QStringLiteral("libabi-v2.so"), QStringLiteral("libabi.so.2"), QStringLiteral("v2.map"),
                    QStringLiteral("v2.c"))
                    + QStringList {QStringLiteral("-Wl,--no-as-needed"), QStringLiteral("-lm")}},
            {QStringLiteral("gcc"),
                shared(QStringLiteral("libabi-compat.so"), QStringLiteral("libabi.so.1"), QStringLiteral("compat.map"),
                    QStringLiteral("compat.c"))},
            {QStringLiteral("gcc"),
                shared(QStringLiteral("libabi-unbumped.so"), QStringLiteral("libabi.so.1"),
                    QStringLiteral("unbumped.map"), QStringLiteral("unbumped.c"))},
            {QStringLiteral("gcc"),
                {QStringLiteral("-c"), QStringLiteral("-fPIC"), QStringLiteral("-o"), QStringLiteral("v1.o"),
                    QStringLiteral("v1.c")}},
            {QStringLiteral("ar"), {QStringLiteral("rcs"), QStringLiteral("libabi.a"), QStringLiteral("v1.o")}},
            {QStringLiteral("gcc"),
                {QStringLiteral("-m32"), QStringLiteral("-c"), QStringLiteral("-o"), QStringLiteral("v1-32.o"),
                    QStringLiteral("v1.c")}}};
    for (const auto &[program, args] : steps) {
        const Run r = run(program, args, dir);
        if (r.exitCode != 0) {
            f.error = program + u' ' + args.join(u' ') + QStringLiteral(": ") + QString::fromLocal8Bit(r.err);
            return f;
        }
    }
    const QDir d(dir);
    f.v1 = d.filePath(QStringLiteral("libabi-v1.so"));
    f.v2 = d.filePath(QStringLiteral("libabi-v2.so"));
    f.compat = d.filePath(QStringLiteral("libabi-compat.so"));
    f.unbumped = d.filePath(QStringLiteral("libabi-unbumped.so"));
    f.archive = d.filePath(QStringLiteral("libabi.a"));
    f.object = d.filePath(QStringLiteral("v1.o"));
    f.object32 = d.filePath(QStringLiteral("v1-32.o"));
    return f;
}

// `nm -D --defined-only`: name@version of every definition in a file's dynamic table, the version-definition
// symbols ("A V1") aside. With `singleAt`, "foo@@V1" is written "foo@V1": a symbol is its name and version.
inline QSet<QString> nmDynamicDefined(const QString &path, bool singleAt = false)
{
    QSet<QString> out;
    const Run r = run(QStringLiteral("nm"), {QStringLiteral("-D"), QStringLiteral("--defined-only"), path});
    for (const QByteArray &line : r.out.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() != 3 || fields[1] == "A")
            continue;
        QString name = QString::fromUtf8(fields[2]);
        out.insert(singleAt ? name.replace(QStringLiteral("@@"), QStringLiteral("@")) : name);
    }
    return out;
}

// The size `nm -D -S` prints for the dynamic symbol `displayName` ("table@@V1"), or -1.
inline qint64 nmDynamicSize(const QString &path, const QString &displayName)
{
    const Run r = run(QStringLiteral("nm"), {QStringLiteral("-D"), QStringLiteral("-S"), path});
    for (const QByteArray &line : r.out.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() == 4 && QString::fromUtf8(fields[3]) == displayName)
            return qint64(fields[1].toULongLong(nullptr, 16));
    }
    return -1;
}

} // namespace linklab::test
