// SPDX-License-Identifier: MIT
// The symbol binder against the real loader. A fixture program is built here with gcc: two libraries that both
// define shared_fn (the first in load order must win), a weak reference nothing defines, versioned references to
// libc (puts and printf@GLIBC_2.2.5), a library it is linked with but uses nothing from (--no-as-needed), and a
// versioned reference (vfn@V2) that an unversioned definition earlier in the scope takes (glibc's fallback), and
// an unversioned reference (ofn) that takes the library's oldest, hidden version (ofn@V1, not ofn@@V2). The
// program is ours, so it is run with LD_DEBUG=bindings LD_BIND_NOW=1 and every binding LinkLab names must be the
// one the loader printed; the unused library must be the one `ldd -u` lists. Then harmless system programs
// (true, env true, ls --version, cp --version): the provider of each undefined symbol of each object agrees.
#include "testsupport.h"

#include "deps/resolver.h"
#include "deps/symbolbinder.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace Qt::StringLiterals;
using linklab::test::run;
using linklab::test::writeFile;

namespace {

// (referencing file, symbol) -> the files the loader bound it to, from LD_DEBUG=bindings lines like
// "binding file /x/prog [0] to /lib/x86_64-linux-gnu/libc.so.6 [0]: normal symbol `puts' [GLIBC_2.2.5]". One
// symbol can have two: a PLT call's and an address reference's (a non-PIE executable's canonical PLT entry).
QHash<QPair<QString, QString>, QSet<QString>> parseBindings(const QByteArray &err)
{
    static const QRegularExpression line(
        QStringLiteral(R"(binding file (.+) \[\d+\] to (.+) \[\d+\]: (?:normal|protected) symbol `([^']+)')"));
    QHash<QPair<QString, QString>, QSet<QString>> out;
    for (const QByteArray &raw : err.split('\n')) {
        const QRegularExpressionMatch m = line.match(QString::fromLocal8Bit(raw));
        if (m.hasMatch())
            out[{m.captured(1), m.captured(3)}].insert(m.captured(2));
    }
    return out;
}

QString pathOf(const DependencyGraph &g, int node)
{
    return node < 0 ? QString() : g.nodes[node].path;
}

// Every binding LinkLab names for an object whose file the loader printed must match the loader's, and every
// unresolved one must have no line. Returns the number of bindings compared.
int compareWithLoader(const DependencyGraph &g, const SymbolBindings &b, const QByteArray &err, bool rootOnly)
{
    const auto loader = parseBindings(err);
    int compared = 0;
    for (const SymbolBinding &s : b.bindings) {
        if (rootOnly && s.object != 0)
            continue;
        const QString object = pathOf(g, s.object);
        const auto it = loader.constFind({object, s.symbol});
        if (s.provider < 0) {
            if (it != loader.cend())
                qWarning("%s: %s is unresolved here, the loader bound it to %s", qPrintable(object),
                    qPrintable(s.symbol), qPrintable(it->values().join(u", ")));
            if (it != loader.cend())
                return -1;
            continue;
        }
        if (it == loader.cend())
            continue; // no relocation uses it, so the loader never looked it up
        QSet<QString> ours {pathOf(g, s.provider)};
        if (s.addressProvider >= 0)
            ours.insert(pathOf(g, s.addressProvider));
        if (!ours.contains(*it)) {
            qWarning("%s: %s@%s bound to %s here, to %s by the loader", qPrintable(object), qPrintable(s.symbol),
                qPrintable(s.version), qPrintable(ours.values().join(u", ")), qPrintable(it->values().join(u", ")));
            return -1;
        }
        ++compared;
    }
    return compared;
}

const SymbolBinding *find(const SymbolBindings &b, int object, const QString &symbol)
{
    for (const SymbolBinding &s : b.bindings)
        if (s.object == object && s.symbol == symbol)
            return &s;
    return nullptr;
}

} // namespace

class TestSymbolBinder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_prog;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool gcc(const QStringList &args)
    {
        const test::Run r = run(QStringLiteral("gcc"), args, m_dir.path());
        if (r.exitCode != 0)
            qWarning("gcc %s: %s", qPrintable(args.join(u' ')), r.err.constData());
        return r.exitCode == 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(path(QStringLiteral("a.c")),
            "int shared_fn(void) { return 1; }\nint a_fn(void) { return shared_fn() + 10; }\n"));
        QVERIFY(writeFile(
            path(QStringLiteral("b.c")), "int shared_fn(void) { return 2; }\nint b_fn(void) { return 20; }\n"));
        QVERIFY(writeFile(path(QStringLiteral("unused.c")), "int unused_fn(void) { return 4; }\n"));
        // libv: vfn@V1 (hidden, old) and vfn@@V2; libw defines vfn without versions. The program is linked
        // against a libw stub without vfn (found first: -Lstub), so its reference is vfn@V2; at run time the real
        // libw comes first in the scope.
        QVERIFY(writeFile(path(QStringLiteral("v.c")),
            "int vfn_old(void) { return 100; }\nint vfn_new(void) { return 200; }\n"
            "__asm__(\".symver vfn_old, vfn@V1\");\n__asm__(\".symver vfn_new, vfn@@V2\");\n"));
        QVERIFY(writeFile(path(QStringLiteral("v.map")), "V1 { global: vfn; local: *; };\nV2 { global: vfn; } V1;\n"));
        QVERIFY(writeFile(path(QStringLiteral("w.c")), "int vfn(void) { return 300; }\n"));
        // libold: ofn@V1 (hidden, index 2) and ofn@@V2; the program's reference is unversioned (linked against a
        // stub without versions), and the loader takes the oldest version, V1, not the default.
        QVERIFY(writeFile(path(QStringLiteral("old.c")),
            "int ofn_old(void) { return 100; }\nint ofn_new(void) { return 200; }\n"
            "__asm__(\".symver ofn_old, ofn@V1\");\n__asm__(\".symver ofn_new, ofn@@V2\");\n"));
        QVERIFY(
            writeFile(path(QStringLiteral("old.map")), "V1 { global: ofn; local: *; };\nV2 { global: ofn; } V1;\n"));
        QVERIFY(writeFile(path(QStringLiteral("oldstub.c")), "int ofn(void) { return 0; }\n"));
        QVERIFY(writeFile(path(QStringLiteral("wstub.c")), "int w_stub(void) { return 0; }\n"));
        QVERIFY(writeFile(path(QStringLiteral("prog.c")),
            "#include <stdio.h>\nint a_fn(void);\nint b_fn(void);\nint shared_fn(void);\nint vfn(void);\nint "
            "ofn(void);\n"
            "extern int maybe(void) __attribute__((weak));\n"
            "int main(void)\n{\n    puts(\"bindings fixture\");\n"
            "    printf(\"%d\\n\", a_fn() + b_fn() + shared_fn() + vfn() + ofn() + (maybe ? maybe() : 0));\n"
            "    return 0;\n}\n"));
        for (const char *lib : {"a", "b", "unused"})
            QVERIFY(gcc({QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-o"),
                QStringLiteral("lib%1.so").arg(QLatin1String(lib)), QStringLiteral("%1.c").arg(QLatin1String(lib))}));
        QVERIFY(gcc({QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-Wl,--version-script=v.map"),
            QStringLiteral("-o"), QStringLiteral("libv.so"), QStringLiteral("v.c")}));
        QDir().mkpath(path(QStringLiteral("stub")));
        QVERIFY(gcc({QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-Wl,-soname,libw.so"),
            QStringLiteral("-o"), QStringLiteral("stub/libw.so"), QStringLiteral("wstub.c")}));
        QVERIFY(gcc({QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-Wl,-soname,libw.so"),
            QStringLiteral("-o"), QStringLiteral("libw.so"), QStringLiteral("w.c")}));
        QVERIFY(gcc({u"-shared"_s, u"-fPIC"_s, u"-Wl,-soname,libold.so"_s, u"-Wl,--version-script=old.map"_s, u"-o"_s,
            u"libold.so"_s, u"old.c"_s}));
        QVERIFY(
            gcc({u"-shared"_s, u"-fPIC"_s, u"-Wl,-soname,libold.so"_s, u"-o"_s, u"stub/libold.so"_s, u"oldstub.c"_s}));
        QVERIFY(gcc({QStringLiteral("-o"), QStringLiteral("prog"), QStringLiteral("prog.c"), QStringLiteral("-Lstub"),
            QStringLiteral("-L."), QStringLiteral("-Wl,--no-as-needed"), QStringLiteral("-la"), QStringLiteral("-lb"),
            QStringLiteral("-lw"), QStringLiteral("-lv"), QStringLiteral("-lold"), QStringLiteral("-lunused"),
            QStringLiteral("-Wl,-rpath,$ORIGIN")}));
        m_prog = path(QStringLiteral("prog"));
        const test::Run r = run(m_prog, {});
        QCOMPARE(r.exitCode, 0);
        // 11 + 20 + 1 + 300 (libw's vfn) + 100 (ofn@V1) + 0
        QCOMPARE(r.out, QByteArray("bindings fixture\n432\n"));
    }

    void fixtureAgreesWithLoader()
    {
        DependencyResolver resolver(LoaderConfig::forThisMachine());
        const Result<DependencyGraph> g = resolver.resolve(m_prog);
        QVERIFY2(g.ok(), qPrintable(g.reason()));
        const SymbolBindings b = bindSymbols(*g);
        QVERIFY2(b.warnings.isEmpty(), qPrintable(b.warnings.join(u'\n')));

        const test::Run traced
            = run(m_prog, {}, {}, {QStringLiteral("LD_DEBUG=bindings"), QStringLiteral("LD_BIND_NOW=1")});
        QCOMPARE(traced.exitCode, 0);
        const int compared = compareWithLoader(*g, b, traced.err, false);
        QVERIFY(compared >= 8);

        // The loader's own lines for the program, symbol by symbol: each must be a binding LinkLab names.
        const auto loader = parseBindings(traced.err);
        for (const QString &symbol : {u"puts"_s, u"printf"_s, u"a_fn"_s, u"b_fn"_s, u"shared_fn"_s, u"vfn"_s, u"ofn"_s,
                 u"__libc_start_main"_s}) {
            const SymbolBinding *s = find(b, 0, symbol);
            QVERIFY2(s, qPrintable(symbol));
            QCOMPARE(loader.value({m_prog, symbol}), QSet<QString> {pathOf(*g, s->provider)});
        }
        QCOMPARE(find(b, 0, u"puts"_s)->version, u"GLIBC_2.2.5"_s);
        QCOMPARE(find(b, 0, u"printf"_s)->version, u"GLIBC_2.2.5"_s);
        QCOMPARE(pathOf(*g, find(b, 0, u"shared_fn"_s)->provider), path(u"liba.so"_s));
        // vfn@V2: libw's unversioned definition comes first in the scope and is taken, as the loader does.
        QCOMPARE(find(b, 0, u"vfn"_s)->version, u"V2"_s);
        QCOMPARE(pathOf(*g, find(b, 0, u"vfn"_s)->provider), path(u"libw.so"_s));

        // ofn, unversioned: libold's oldest version (index 2, hidden) is the one taken, as the program's output says.
        QCOMPARE(find(b, 0, u"ofn"_s)->version, QString());
        QCOMPARE(pathOf(*g, find(b, 0, u"ofn"_s)->provider), path(u"libold.so"_s));
        QCOMPARE(find(b, 0, u"ofn"_s)->providerVersion, u"V1"_s);

        // The weak reference nothing defines: unresolved, weak, and the loader printed no binding for it.
        const SymbolBinding *maybe = find(b, 0, u"maybe"_s);
        QVERIFY(maybe);
        QVERIFY(maybe->weak);
        QCOMPARE(maybe->provider, -1);
        QVERIFY(!loader.contains({m_prog, u"maybe"_s}));
        // Everything else unresolved is the toolchain's weak hooks (crt files), none strong.
        const QSet<QString> hooks {
            u"maybe"_s, u"__gmon_start__"_s, u"_ITM_registerTMCloneTable"_s, u"_ITM_deregisterTMCloneTable"_s};
        for (const SymbolBinding &s : b.unresolved()) {
            QVERIFY2(s.weak, qPrintable(s.symbol));
            QVERIFY2(hooks.contains(s.symbol), qPrintable(s.symbol));
        }

        // Interposition: shared_fn in liba and libb, liba first; vfn in libw and libv.
        QHash<QString, Interposition> interposed;
        for (const Interposition &i : b.interposed)
            interposed.insert(i.symbol, i);
        QVERIFY(interposed.contains(u"shared_fn"_s));
        QCOMPARE(pathOf(*g, interposed[u"shared_fn"_s].winner), path(u"liba.so"_s));
        QCOMPARE(interposed[u"shared_fn"_s].losers.size(), 1);
        QCOMPARE(pathOf(*g, interposed[u"shared_fn"_s].losers.first()), path(u"libb.so"_s));
        QVERIFY(interposed.contains(u"vfn"_s));
        QCOMPARE(pathOf(*g, interposed[u"vfn"_s].winner), path(u"libw.so"_s));
        QCOMPARE(pathOf(*g, interposed[u"vfn"_s].losers.value(0)), path(u"libv.so"_s));
    }

    void unusedAgreesWithLddU()
    {
        DependencyResolver resolver(LoaderConfig::forThisMachine());
        const Result<DependencyGraph> g = resolver.resolve(m_prog);
        QVERIFY(g.ok());
        const SymbolBindings b = bindSymbols(*g);
        QStringList ours;
        for (int u : b.unused)
            ours.append(pathOf(*g, u));
        // `ldd -u` runs the loader on our own fixture (LD_TRACE_LOADED_OBJECTS: it maps, relocates the program
        // and exits before main); it exits with 1 when it lists something.
        const test::Run ldd = run(QStringLiteral("ldd"), {QStringLiteral("-u"), m_prog});
        QStringList theirs;
        bool listing = false;
        for (const QByteArray &raw : ldd.out.split('\n')) {
            const QString line = QString::fromLocal8Bit(raw);
            if (line.startsWith(u"Unused direct dependencies:"))
                listing = true;
            else if (listing && !line.trimmed().isEmpty())
                theirs.append(line.trimmed());
        }
        QCOMPARE(ours, theirs);
        // libv too: its vfn is interposed by libw's, so nothing of the program is bound to it.
        QCOMPARE(ours, (QStringList {path(u"libv.so"_s), path(u"libunused.so"_s)}));
        QCOMPARE(ldd.exitCode, 1);
    }

    void systemPrograms_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("true") << u"/bin/true"_s << QStringList {};
        QTest::newRow("env true") << u"/usr/bin/env"_s << QStringList {u"true"_s};
        QTest::newRow("ls --version") << u"/bin/ls"_s << QStringList {u"--version"_s};
        QTest::newRow("cp --version") << u"/usr/bin/cp"_s << QStringList {u"--version"_s};
    }

    void systemPrograms()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        if (!QFileInfo(program).isExecutable())
            QSKIP("not on this machine");
        DependencyResolver resolver(LoaderConfig::forThisMachine());
        const Result<DependencyGraph> g = resolver.resolve(program);
        QVERIFY2(g.ok(), qPrintable(g.reason()));
        const SymbolBindings b = bindSymbols(*g);
        QVERIFY2(b.warnings.isEmpty(), qPrintable(b.warnings.join(u'\n')));
        QVERIFY(b.unresolved().size()
            == std::count_if(b.bindings.cbegin(), b.bindings.cend(),
                [](const SymbolBinding &s) { return s.provider < 0 && s.weak; }));
        const test::Run traced = run(program, args, {}, {u"LD_DEBUG=bindings"_s, u"LD_BIND_NOW=1"_s});
        QCOMPARE(traced.exitCode, 0);
        const int rootCompared = compareWithLoader(*g, b, traced.err, true);
        QVERIFY(rootCompared > 0);
        const int allCompared = compareWithLoader(*g, b, traced.err, false);
        QVERIFY(allCompared >= rootCompared);
        qInfo("%s: %d bindings of the program and %d of all objects agree with LD_DEBUG=bindings", qPrintable(program),
            rootCompared, allCompared);
    }
};

QTEST_GUILESS_MAIN(TestSymbolBinder)
#include "tst_symbolbinder.moc"
