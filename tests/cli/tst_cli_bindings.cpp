// SPDX-License-Identifier: MIT
// linklab-cli bindings and provides as a user runs them: the JSON shapes, the text lines, --env LD_LIBRARY_PATH
// (never the shell's), `provides cos` naming libm.so.6 with -lm and the versions `nm -D --defined-only` shows,
// --dir, and the exit statuses.
#include "fixturepaths.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab::test;
using namespace Qt::StringLiterals;

namespace {

Run cli(const QStringList &args, const QStringList &env = {})
{
    return run(QStringLiteral(LINKLAB_CLI), args, {}, env);
}

QJsonObject parse(const QByteArray &out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

QJsonObject bindingOf(const QJsonObject &report, const QString &object, const QString &symbol)
{
    for (const QJsonValue &v : report[u"bindings"_s].toArray()) {
        const QJsonObject b = v.toObject();
        if (b[u"object"_s].toString() == object && b[u"symbol"_s].toString() == symbol)
            return b;
    }
    return {};
}

} // namespace

class TestCliBindings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_prog;
    QString m_libDir;

private slots:
    void initTestCase()
    {
        // prog needs libone and libtwo (both define twice_fn) from lib/, without an rpath, and libidle (unused).
        QVERIFY(m_dir.isValid());
        m_libDir = m_dir.filePath(u"lib"_s);
        QVERIFY(QDir().mkpath(m_libDir));
        QVERIFY(writeFile(
            m_dir.filePath(u"one.c"_s), "int twice_fn(void) { return 1; }\nint one_fn(void) { return 1; }\n"));
        QVERIFY(writeFile(
            m_dir.filePath(u"two.c"_s), "int twice_fn(void) { return 2; }\nint two_fn(void) { return 2; }\n"));
        QVERIFY(writeFile(m_dir.filePath(u"idle.c"_s), "int linklab_idle_only_here(void) { return 3; }\n"));
        QVERIFY(writeFile(m_dir.filePath(u"prog.c"_s),
            "#include <stdio.h>\nint one_fn(void);\nint two_fn(void);\nint twice_fn(void);\n"
            "extern int nowhere(void) __attribute__((weak));\n"
            "int main(void) { printf(\"%d\\n\", one_fn() + two_fn() + twice_fn() + (nowhere ? 1 : 0)); return 0; }\n"));
        for (const char *lib : {"one", "two", "idle"})
            QCOMPARE(run(u"gcc"_s,
                         {u"-shared"_s, u"-fPIC"_s, u"-o"_s, u"lib/lib%1.so"_s.arg(QLatin1String(lib)),
                             u"%1.c"_s.arg(QLatin1String(lib))},
                         m_dir.path())
                         .exitCode,
                0);
        QCOMPARE(run(u"gcc"_s,
                     {u"-o"_s, u"prog"_s, u"prog.c"_s, u"-Llib"_s, u"-Wl,--no-as-needed"_s, u"-lone"_s, u"-ltwo"_s,
                         u"-lidle"_s},
                     m_dir.path())
                     .exitCode,
            0);
        m_prog = m_dir.filePath(u"prog"_s);
    }

    void bindingsJson()
    {
        const Run r = cli({u"bindings"_s, u"--json"_s, u"--env"_s, u"LD_LIBRARY_PATH="_s + m_libDir, m_prog});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject report = parse(r.out);
        QCOMPARE(report[u"file"_s].toString(), m_prog);
        QVERIFY(report[u"bindings"_s].isArray());
        for (const QJsonValue &v : report[u"bindings"_s].toArray()) {
            const QJsonObject b = v.toObject();
            QVERIFY(b[u"object"_s].isString());
            QVERIFY(b[u"symbol"_s].isString());
            QVERIFY(b[u"version"_s].isString() || b[u"version"_s].isNull());
            QVERIFY(b[u"provider"_s].isString() || b[u"provider"_s].isNull());
            QVERIFY(b[u"weak"_s].isBool());
        }
        const QString one = m_libDir + u"/libone.so"_s;
        const QString two = m_libDir + u"/libtwo.so"_s;
        QCOMPARE(bindingOf(report, m_prog, u"one_fn"_s)[u"provider"_s].toString(), one);
        QCOMPARE(bindingOf(report, m_prog, u"two_fn"_s)[u"provider"_s].toString(), two);
        QCOMPARE(bindingOf(report, m_prog, u"twice_fn"_s)[u"provider"_s].toString(), one);
        const QJsonObject printf = bindingOf(report, m_prog, u"printf"_s);
        QCOMPARE(printf[u"version"_s].toString(), u"GLIBC_2.2.5"_s);
        QVERIFY(printf[u"provider"_s].toString().endsWith(u"/libc.so.6"_s));
        const QJsonObject nowhere = bindingOf(report, m_prog, u"nowhere"_s);
        QVERIFY(nowhere[u"provider"_s].isNull());
        QCOMPARE(nowhere[u"weak"_s].toBool(), true);

        bool twice = false;
        for (const QJsonValue &v : report[u"interposed"_s].toArray()) {
            const QJsonObject i = v.toObject();
            if (i[u"symbol"_s].toString() != u"twice_fn")
                continue;
            twice = true;
            QCOMPARE(i[u"winner"_s].toString(), one);
            QCOMPARE(i[u"losers"_s].toArray(), QJsonArray {two});
        }
        QVERIFY(twice);
        QCOMPARE(report[u"unused"_s].toArray(), QJsonArray {QString(m_libDir + u"/libidle.so"_s)});
    }

    void bindingsText()
    {
        const Run r = cli({u"bindings"_s, u"--env"_s, u"LD_LIBRARY_PATH="_s + m_libDir, m_prog});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(u"  one_fn -> "_s + m_libDir + u"/libone.so\n"_s), r.out.constData());
        QVERIFY(text.contains(QRegularExpression(u"  printf@GLIBC_2\\.2\\.5 -> /\\S+/libc\\.so\\.6\n"_s)));
        QVERIFY(text.contains(u"  nowhere -> unresolved (weak: stays 0)\n"_s));
        QVERIFY(text.contains(u"Interposed symbols"_s));
        QVERIFY(text.contains(u"Unused direct dependencies:\n  "_s + m_libDir + u"/libidle.so\n"_s));
    }

    void bindingsWithoutLibraryPath()
    {
        // The shell's LD_LIBRARY_PATH is not taken: the libraries are missing, their symbols unresolved.
        const Run r = cli({u"bindings"_s, u"--json"_s, m_prog}, {u"LD_LIBRARY_PATH="_s + m_libDir});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject report = parse(r.out);
        QVERIFY(bindingOf(report, m_prog, u"one_fn"_s)[u"provider"_s].isNull());
        QCOMPARE(bindingOf(report, m_prog, u"one_fn"_s)[u"weak"_s].toBool(), false);
    }

    void bindingsExitStatus_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::newRow("no file") << QStringList {u"bindings"_s} << 2;
        QTest::newRow("two files") << QStringList {u"bindings"_s, u"/bin/true"_s, u"/bin/true"_s} << 2;
        QTest::newRow("bad env") << QStringList {u"bindings"_s, u"--env"_s, u"LD_PRELOAD=x"_s, u"/bin/true"_s} << 2;
        QTest::newRow("missing") << QStringList {u"bindings"_s, u"/nonexistent/file"_s} << 1;
        QTest::newRow("not elf") << QStringList {u"bindings"_s, u"/etc/passwd"_s} << 1;
        QTest::newRow("ok") << QStringList {u"bindings"_s, u"/bin/true"_s} << 0;
        QTest::newRow("provides none") << QStringList {u"provides"_s} << 2;
        QTest::newRow("provides nothing") << QStringList {u"provides"_s, u"linklab_no_such_symbol_xyz"_s} << 1;
    }

    void bindingsExitStatus()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, status);
    }

    void providesCos()
    {
        const Run r = cli({u"provides"_s, u"--json"_s, u"cos"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray symbols = parse(r.out)[u"symbols"_s].toArray();
        QCOMPARE(symbols.size(), 1);
        QCOMPARE(symbols[0].toObject()[u"symbol"_s].toString(), u"cos"_s);
        QJsonObject libm;
        for (const QJsonValue &v : symbols[0].toObject()[u"providers"_s].toArray()) {
            const QJsonObject p = v.toObject();
            QVERIFY(p[u"path"_s].isString());
            QVERIFY(p[u"versions"_s].isArray());
            // Every library named defines cos for nm too, with the same versions.
            const Run nm = run(u"nm"_s, {u"-D"_s, u"--defined-only"_s, p[u"path"_s].toString()});
            QCOMPARE(nm.exitCode, 0);
            QStringList nmVersions;
            bool defined = false;
            static const QRegularExpression line(u"^\\S+ [A-Za-z] cos(?:@@?(\\S+))?$"_s);
            for (const QByteArray &raw : nm.out.split('\n')) {
                const QRegularExpressionMatch m = line.match(QString::fromLocal8Bit(raw));
                if (!m.hasMatch())
                    continue;
                defined = true;
                if (!m.captured(1).isEmpty())
                    nmVersions.append(m.captured(1));
            }
            QVERIFY2(defined, qPrintable(p[u"path"_s].toString()));
            QStringList ours;
            for (const QJsonValue &ver : p[u"versions"_s].toArray())
                ours.append(ver.toString());
            nmVersions.sort();
            ours.sort();
            QCOMPARE(ours, nmVersions);
            if (p[u"library"_s].toString() == u"libm.so.6")
                libm = p;
        }
        QVERIFY(!libm.isEmpty());
        QCOMPARE(libm[u"flag"_s].toString(), u"-lm"_s);
        QCOMPARE(libm[u"default_version"_s].toString(), u"GLIBC_2.2.5"_s);

        const Run text = cli({u"provides"_s, u"cos"_s});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(
                     QByteArray("cos: libm.so.6 (" + libm[u"path"_s].toString().toUtf8() + ") GLIBC_2.2.5 -lm")),
            text.out.constData());
    }

    void providesDir()
    {
        // A library of our own: found only with --dir, its -l flag from its name.
        const Run without = cli({u"provides"_s, u"--json"_s, u"linklab_idle_only_here"_s});
        QCOMPARE(without.exitCode, 1);
        QVERIFY(parse(without.out)[u"symbols"_s].toArray()[0].toObject()[u"providers"_s].toArray().isEmpty());
        const Run with = cli({u"provides"_s, u"--json"_s, u"--dir"_s, m_libDir, u"linklab_idle_only_here"_s, u"cos"_s});
        QCOMPARE(with.exitCode, 0);
        const QJsonArray symbols = parse(with.out)[u"symbols"_s].toArray();
        QCOMPARE(symbols.size(), 2);
        const QJsonArray providers = symbols[0].toObject()[u"providers"_s].toArray();
        QCOMPARE(providers.size(), 1);
        const QJsonObject p = providers[0].toObject();
        QCOMPARE(p[u"path"_s].toString(), m_libDir + u"/libidle.so"_s);
        QCOMPARE(p[u"flag"_s].toString(), u"-lidle"_s);
        QVERIFY(p[u"versions"_s].toArray().isEmpty());
        QVERIFY(p[u"default_version"_s].isNull());
        QCOMPARE(p[u"development_link"_s].toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestCliBindings)
#include "tst_cli_bindings.moc"
