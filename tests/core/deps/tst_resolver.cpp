// SPDX-License-Identifier: MIT
// The dependency resolver against the real loader. Fixtures are built here with gcc (RPATH and RUNPATH, $ORIGIN
// through a symlinked folder, inherited and not inherited paths, LD_LIBRARY_PATH's place between them, a missing
// library, a candidate of the wrong ELF class, -z nodefaultlib, a NEEDED with a slash); for each, the paths LinkLab
// names must be the ones the loader itself lists (LD_TRACE_LOADED_OBJECTS=1: the loader maps the objects and
// exits before the program runs). Then the machine's own programs: at least 200 files of /usr/bin resolved to the
// same paths, in the same order, as `ld.so --list` gives.
#include "testsupport.h"

#include "binary/openbinary.h"
#include "deps/resolver.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <thread>

using namespace linklab;
using linklab::test::run;

namespace {

// What the loader printed: one (name, path) per object, path empty for "not found", in link-map order.
struct TraceLine {
    QString name;
    QString path;
};

QList<TraceLine> parseTrace(const QByteArray &out)
{
    QList<TraceLine> lines;
    for (const QByteArray &raw : out.split('\n')) {
        QString line = QString::fromLocal8Bit(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1String("linux-vdso"))
            || line.startsWith(QLatin1String("linux-gate")))
            continue;
        const qsizetype paren = line.lastIndexOf(QLatin1String(" (0x"));
        if (paren > 0)
            line.truncate(paren);
        const qsizetype arrow = line.indexOf(QLatin1String(" => "));
        if (arrow < 0) {
            lines.append({line, line});
            continue;
        }
        const QString name = line.left(arrow);
        const QString path = line.mid(arrow + 4);
        lines.append({name, path == u"not found" ? QString() : path});
    }
    return lines;
}

// The regular files of /usr/bin (symlinks left out: each program once), sorted.
QStringList programFiles()
{
    QStringList files;
    QDirIterator it(QStringLiteral("/usr/bin"), QDir::Files | QDir::NoSymLinks);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

QList<TraceLine> fromGraph(const DependencyGraph &g)
{
    QList<TraceLine> out;
    for (int i : g.loadOrder()) {
        const DependencyNode &n = g.nodes[i];
        if (n.root)
            continue;
        out.append({n.rule == FoundBy::Interpreter ? n.path : n.name, n.path});
    }
    for (int i : g.missing())
        out.append({g.nodes[i].name, QString()});
    return out;
}

QString describe(const QList<TraceLine> &lines)
{
    QStringList out;
    for (const TraceLine &l : lines)
        out << l.name + QStringLiteral(" => ") + (l.path.isEmpty() ? QStringLiteral("not found") : l.path);
    return out.join(u'\n');
}

// Loaded objects in order, then the missing ones (the loader lists a missing one where it was asked for; order
// among missing ones is not what this compares).
QList<TraceLine> normalized(QList<TraceLine> lines)
{
    QList<TraceLine> found, missing;
    for (const TraceLine &l : lines)
        (l.path.isEmpty() ? missing : found).append(l);
    std::sort(missing.begin(), missing.end(), [](const TraceLine &a, const TraceLine &b) { return a.name < b.name; });
    return found + missing;
}

bool sameLines(const QList<TraceLine> &a, const QList<TraceLine> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].path != b[i].path)
            return false;
    return true;
}

bool gcc(const QString &dir, const QStringList &args)
{
    const linklab::test::Run r = run(QStringLiteral("gcc"), args, dir);
    if (r.exitCode != 0)
        qWarning("gcc %s: %s", qPrintable(args.join(u' ')), r.err.constData());
    return r.exitCode == 0;
}

bool write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

} // namespace

class TestResolver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    LoaderConfig m_config;

    QString at(const QString &rel) const { return m_dir.filePath(rel); }

    // A library libNAME.so in `dir` with SONAME libNAME.so, calling the functions of `needs`.
    bool library(const QString &dir, const QString &name, const QStringList &needs = {}, const QStringList &extra = {})
    {
        QByteArray src = "int " + name.toLatin1() + "_value(void) { return 1";
        QByteArray decls;
        for (const QString &n : needs) {
            decls += "int " + n.toLatin1() + "_value(void);\n";
            src += " + " + n.toLatin1() + "_value()";
        }
        src += "; }\n";
        const QString file = at(dir + QStringLiteral("/") + name + QStringLiteral(".c"));
        if (!write(file, decls + src))
            return false;
        QStringList args {QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-o"),
            at(dir + QStringLiteral("/lib") + name + QStringLiteral(".so")),
            QStringLiteral("-Wl,-soname,lib") + name + QStringLiteral(".so"), file};
        for (const QString &n : needs)
            args << QStringLiteral("-l") + n;
        return gcc(m_dir.path(), args + extra);
    }

    bool program(const QString &path, const QStringList &needs, const QStringList &extra)
    {
        QByteArray decls, body = "int main(void) { return 0";
        for (const QString &n : needs) {
            decls += "int " + n.toLatin1() + "_value(void);\n";
            body += " + " + n.toLatin1() + "_value()";
        }
        const QString src = at(path + QStringLiteral(".c"));
        if (!write(src, decls + body + "; }\n"))
            return false;
        QStringList args {QStringLiteral("-o"), at(path), src};
        for (const QString &n : needs)
            args << QStringLiteral("-l") + n;
        return gcc(m_dir.path(), args + extra);
    }

    // The loader's own list for a program of ours (executed in trace mode: it exits before main).
    QList<TraceLine> loaderTrace(const QString &exe, const std::optional<QString> &ldLibraryPath, const QString &cwd)
    {
        QStringList env {QStringLiteral("LD_TRACE_LOADED_OBJECTS=1")};
        if (ldLibraryPath)
            env << QStringLiteral("LD_LIBRARY_PATH=") + *ldLibraryPath;
        const linklab::test::Run r = run(exe, {}, cwd, env);
        return parseTrace(r.out);
    }

    void compareWithLoader(
        const QString &exe, const std::optional<QString> &ldLibraryPath = std::nullopt, const QString &cwd = {})
    {
        LoaderConfig config = m_config;
        config.ldLibraryPath = ldLibraryPath;
        DependencyResolver resolver(config);
        const QString previous = QDir::currentPath();
        if (!cwd.isEmpty())
            QDir::setCurrent(cwd);
        const Result<DependencyGraph> graph = resolver.resolve(exe);
        QDir::setCurrent(previous);
        QVERIFY2(graph.ok(), qPrintable(graph.reason()));
        const QList<TraceLine> ours = normalized(fromGraph(*graph));
        const QList<TraceLine> loader = normalized(loaderTrace(exe, ldLibraryPath, cwd.isEmpty() ? m_dir.path() : cwd));
        QVERIFY2(!loader.isEmpty(), "the loader listed nothing");
        QVERIFY2(sameLines(ours, loader),
            qPrintable(QStringLiteral("LinkLab:\n%1\nloader:\n%2").arg(describe(ours), describe(loader))));
    }

    const DependencyNode *node(const DependencyGraph &g, const QString &name)
    {
        for (const DependencyNode &n : g.nodes)
            if (n.name == name)
                return &n;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_config = LoaderConfig::forThisMachine();
        QVERIFY2(!m_config.defaultDirs.isEmpty(), "no system directories from ld.so --help");
        QVERIFY(m_config.cacheLookup);
        // Libraries: b in lib-b/, a (needs b) in lib-a/, cee in lib-c/ and a second copy in lib-c2/.
        QVERIFY(library(QStringLiteral("lib-b"), QStringLiteral("b")));
        QVERIFY(library(QStringLiteral("lib-a"), QStringLiteral("a"), {QStringLiteral("b")},
            {QStringLiteral("-L") + at(QStringLiteral("lib-b"))}));
        QVERIFY(library(QStringLiteral("lib-c"), QStringLiteral("cee")));
        QVERIFY(library(QStringLiteral("lib-c2"), QStringLiteral("cee")));
    }

    void rpathIsInheritedByLibraries()
    {
        // RPATH on the program lists both folders; liba's own need (libb) is found through the program's RPATH.
        QVERIFY(program(QStringLiteral("bin/rpath"), {QStringLiteral("a"), QStringLiteral("b")},
            {QStringLiteral("-L") + at(QStringLiteral("lib-a")), QStringLiteral("-L") + at(QStringLiteral("lib-b")),
                QStringLiteral("-Wl,--disable-new-dtags,-rpath,$ORIGIN/../lib-a:$ORIGIN/../lib-b")}));
        compareWithLoader(at(QStringLiteral("bin/rpath")));
        DependencyResolver resolver(m_config);
        const Result<DependencyGraph> g = resolver.resolve(at(QStringLiteral("bin/rpath")));
        QVERIFY(g.ok());
        QCOMPARE(node(*g, QStringLiteral("liba.so"))->rule, FoundBy::Rpath);
        QCOMPARE(node(*g, QStringLiteral("liba.so"))->path, at(QStringLiteral("bin/../lib-a/liba.so")));
    }

    void runpathIsNotInherited()
    {
        // Only liba.so is NEEDED by the program; liba's libb.so is in the program's RUNPATH but RUNPATH serves
        // only the program's own NEEDED entries: libb.so is not found.
        QVERIFY(program(QStringLiteral("bin/runpath"), {QStringLiteral("a")},
            {QStringLiteral("-L") + at(QStringLiteral("lib-a")),
                QStringLiteral("-Wl,-rpath-link,") + at(QStringLiteral("lib-b")),
                QStringLiteral("-Wl,--enable-new-dtags,-rpath,$ORIGIN/../lib-a:$ORIGIN/../lib-b")}));
        compareWithLoader(at(QStringLiteral("bin/runpath")));
        DependencyResolver resolver(m_config);
        const Result<DependencyGraph> g = resolver.resolve(at(QStringLiteral("bin/runpath")));
        QVERIFY(g.ok());
        QVERIFY(!node(*g, QStringLiteral("libb.so"))->found);
        QVERIFY(dependencyWhy(*g, QStringLiteral("libb.so")).contains(QLatin1String("Not found")));
        // With LD_LIBRARY_PATH it is.
        compareWithLoader(at(QStringLiteral("bin/runpath")), at(QStringLiteral("lib-b")));
    }

    void ldLibraryPathBetweenRpathAndRunpath()
    {
        // RPATH before LD_LIBRARY_PATH: lib-c wins over lib-c2.
        QVERIFY(program(QStringLiteral("bin/order-rpath"), {QStringLiteral("cee")},
            {QStringLiteral("-L") + at(QStringLiteral("lib-c")),
                QStringLiteral("-Wl,--disable-new-dtags,-rpath,") + at(QStringLiteral("lib-c"))}));
        compareWithLoader(at(QStringLiteral("bin/order-rpath")), at(QStringLiteral("lib-c2")));
        // LD_LIBRARY_PATH before RUNPATH: lib-c2 wins.
        QVERIFY(program(QStringLiteral("bin/order-runpath"), {QStringLiteral("cee")},
            {QStringLiteral("-L") + at(QStringLiteral("lib-c")),
                QStringLiteral("-Wl,--enable-new-dtags,-rpath,") + at(QStringLiteral("lib-c"))}));
        compareWithLoader(at(QStringLiteral("bin/order-runpath")), at(QStringLiteral("lib-c2")));
        LoaderConfig config = m_config;
        config.ldLibraryPath = at(QStringLiteral("lib-c2"));
        DependencyResolver resolver(config);
        const Result<DependencyGraph> g = resolver.resolve(at(QStringLiteral("bin/order-runpath")));
        QCOMPARE(node(*g, QStringLiteral("libcee.so"))->rule, FoundBy::LdLibraryPath);
        // An empty LD_LIBRARY_PATH element is the current folder.
        compareWithLoader(at(QStringLiteral("bin/order-runpath")), QStringLiteral(":"), at(QStringLiteral("lib-c2")));
    }

    void missingLibrary()
    {
        QVERIFY(program(QStringLiteral("bin/missing"), {QStringLiteral("cee")},
            {QStringLiteral("-L") + at(QStringLiteral("lib-c"))}));
        compareWithLoader(at(QStringLiteral("bin/missing")));
        DependencyResolver resolver(m_config);
        const Result<DependencyGraph> g = resolver.resolve(at(QStringLiteral("bin/missing")));
        QCOMPARE(g->missing().size(), 1);
        QCOMPARE(g->nodes[g->missing().first()].name, QStringLiteral("libcee.so"));
        // It was looked for in the cache and every system directory.
        QVERIFY(g->nodes[g->missing().first()].tried.size() >= m_config.defaultDirs.size() + 1);
    }

    void wrongClassIsSkipped()
    {
        // A copy of libcee.so marked 32-bit, first in RPATH: the loader skips it and takes the next one.
        QDir().mkpath(at(QStringLiteral("lib-32")));
        QFile::copy(at(QStringLiteral("lib-c/libcee.so")), at(QStringLiteral("lib-32/libcee.so")));
        QFile f(at(QStringLiteral("lib-32/libcee.so")));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(4);
        f.write("\x01", 1); // EI_CLASS = ELFCLASS32
        f.close();
        QVERIFY(program(QStringLiteral("bin/wrongclass"), {QStringLiteral("cee")},
            {QStringLiteral("-L") + at(QStringLiteral("lib-c")),
                QStringLiteral("-Wl,--disable-new-dtags,-rpath,") + at(QStringLiteral("lib-32")) + u':'
                    + at(QStringLiteral("lib-c"))}));
        compareWithLoader(at(QStringLiteral("bin/wrongclass")));
        DependencyResolver resolver(m_config);
        const Result<DependencyGraph> g = resolver.resolve(at(QStringLiteral("bin/wrongclass")));
        const DependencyNode *c = node(*g, QStringLiteral("libcee.so"));
        QCOMPARE(c->path, at(QStringLiteral("lib-c/libcee.so")));
        QCOMPARE(c->tried.first().path, at(QStringLiteral("lib-32/libcee.so")));
        QVERIFY2(
            c->tried.first().verdict.contains(QLatin1String("wrong ELF class")), qPrintable(c->tried.first().verdict));
    }

    void noDefaultLib()
    {
        QVERIFY(program(QStringLiteral("bin/nodeflib"), {}, {QStringLiteral("-Wl,-z,nodefaultlib")}));
        compareWithLoader(at(QStringLiteral("bin/nodeflib")));
        DependencyResolver resolver(m_config);
        const Result<DependencyGraph> g = resolver.resolve(at(QStringLiteral("bin/nodeflib")));
        QVERIFY(!node(*g, QStringLiteral("libc.so.6"))->found);
        QVERIFY(node(*g, QStringLiteral("libc.so.6"))->tried.last().verdict.contains(QLatin1String("DF_1_NODEFLIB")));
    }

    void neededWithASlash()
    {
        // A library without SONAME linked by a relative path: NEEDED is "./libnoso.so", opened from the cwd.
        QVERIFY(write(at(QStringLiteral("slash/noso.c")), "int noso_value(void) { return 2; }\n"));
        QVERIFY(gcc(at(QStringLiteral("slash")),
            {QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-o"), QStringLiteral("libnoso.so"),
                QStringLiteral("noso.c")}));
        QVERIFY(write(
            at(QStringLiteral("slash/main.c")), "int noso_value(void);\nint main(void) { return noso_value(); }\n"));
        QVERIFY(gcc(at(QStringLiteral("slash")),
            {QStringLiteral("-o"), QStringLiteral("prog"), QStringLiteral("main.c"), QStringLiteral("./libnoso.so")}));
        compareWithLoader(at(QStringLiteral("slash/prog")), std::nullopt, at(QStringLiteral("slash")));
        const QString previous = QDir::currentPath();
        QDir::setCurrent(at(QStringLiteral("slash")));
        DependencyResolver resolver(m_config);
        const Result<DependencyGraph> g = resolver.resolve(at(QStringLiteral("slash/prog")));
        QDir::setCurrent(previous);
        QCOMPARE(node(*g, QStringLiteral("./libnoso.so"))->rule, FoundBy::DirectPath);
    }

    void emptyNeededIsTheProgramItself()
    {
        // DT_NEEDED pointing at the empty string (a patched program): the loader matches "" with the program, whose
        // name in the link map is "" (_dl_name_match_p), and loads nothing for it. Not a missing library.
        QVERIFY(write(
            at(QStringLiteral("empty/main.c")), "#include <math.h>\nint main(void) { return (int)cos(0.0) - 1; }\n"));
        QVERIFY(gcc(at(QStringLiteral("empty")),
            {QStringLiteral("-Wl,--no-as-needed"), QStringLiteral("-o"), QStringLiteral("prog"),
                QStringLiteral("main.c"), QStringLiteral("-lm")}));
        const QString prog = at(QStringLiteral("empty/prog"));
        OpenOptions options;
        options.symbols = false;
        const OpenResult opened = openBinary(prog, options);
        const auto *info = std::get_if<BinaryInfo>(&opened);
        QVERIFY(info);
        QFile file(prog);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        bool patched = false;
        for (const SegmentInfo &segment : info->segments) {
            if (segment.type != 2) // PT_DYNAMIC
                continue;
            for (std::uint64_t at = segment.offset; at + 16 <= segment.offset + segment.fileSize && !patched;
                 at += 16) {
                std::int64_t tag = 0;
                std::memcpy(&tag, bytes.constData() + at, 8);
                if (tag == 1) { // the first DT_NEEDED (libm.so.6) now names the string at offset 0: ""
                    std::memset(bytes.data() + at + 8, 0, 8);
                    patched = true;
                }
            }
        }
        QVERIFY(patched);
        QVERIFY(file.seek(0));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();
        compareWithLoader(prog);
        DependencyResolver resolver(m_config);
        const Result<DependencyGraph> g = resolver.resolve(prog);
        QVERIFY(g.ok());
        QVERIFY(g->missing().isEmpty());
        QVERIFY(!node(*g, QStringLiteral("libm.so.6")));
    }

    void originThroughASymlinkedFolder()
    {
        // real/bin/prog has RUNPATH $ORIGIN/../lib; run as link/bin/prog (link -> real). The kernel-started program
        // knows its origin as the resolved folder.
        QVERIFY(library(QStringLiteral("real/lib"), QStringLiteral("o")));
        QVERIFY(program(QStringLiteral("real/bin/prog"), {QStringLiteral("o")},
            {QStringLiteral("-L") + at(QStringLiteral("real/lib")),
                QStringLiteral("-Wl,--enable-new-dtags,-rpath,$ORIGIN/../lib")}));
        QVERIFY(QFile::link(at(QStringLiteral("real")), at(QStringLiteral("link"))));
        compareWithLoader(at(QStringLiteral("link/bin/prog")));
        compareWithLoader(at(QStringLiteral("real/bin/prog")));
    }

    // The machine's own programs against the loader's own list (ld.so --list maps the objects and never runs
    // the program).
    void systemProgramsMatchTheLoader()
    {
        const QStringList files = programFiles();
        DependencyResolver resolver(m_config);
        int compared = 0;
        QStringList differences;
        for (const QString &file : std::as_const(files)) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)
                || f.read(4)
                    != "\x7f"
                       "ELF")
                continue;
            const Result<DependencyGraph> g = resolver.resolve(file);
            if (!g || !g->warnings.isEmpty() || g->nodes.size() < 2)
                continue; // static programs have nothing to compare
            const linklab::test::Run r = run(m_config.interpreter, {QStringLiteral("--list"), file});
            if (r.exitCode != 0)
                continue;
            const QList<TraceLine> ours = normalized(fromGraph(*g));
            const QList<TraceLine> loader = normalized(parseTrace(r.out));
            if (!sameLines(ours, loader))
                differences
                    << QStringLiteral("%1:\nLinkLab:\n%2\nloader:\n%3").arg(file, describe(ours), describe(loader));
            ++compared;
        }
        QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 3).join(QStringLiteral("\n\n"))));
        QVERIFY2(compared >= 200, qPrintable(QStringLiteral("only %1 dynamic programs in /usr/bin").arg(compared)));
    }

    void systemLibrariesComeFromTheCache()
    {
        DependencyResolver resolver(m_config);
        const Result<DependencyGraph> g = resolver.resolve(QStringLiteral("/bin/ls"));
        QVERIFY(g.ok());
        const DependencyNode *libc = node(*g, QStringLiteral("libc.so.6"));
        QVERIFY(libc && libc->found);
        QCOMPARE(libc->rule, FoundBy::Cache);
        QCOMPARE(libc->tried.size(), 1);
        QCOMPARE(libc->tried.first().rule, FoundBy::Cache);
        QCOMPARE(node(*g, QStringLiteral("ld-linux-x86-64.so.2"))->rule, FoundBy::Interpreter);
    }

    void notAProgram()
    {
        DependencyResolver resolver(m_config);
        QVERIFY(!resolver.resolve(QStringLiteral("/nonexistent/x")).ok());
        QVERIFY(resolver.resolve(m_dir.path()).reason().contains(QLatin1String("a directory")));
        QVERIFY(!resolver.resolve(at(QStringLiteral("lib-c/cee.c"))).ok());
    }

    // Siblings resolving on two threads at once (as `deps` shares a long list out among the cores) give the graphs
    // one resolver gives on its own, file by file.
    void siblingsOnThreadsAgreeWithOneResolver()
    {
        const QStringList files = programFiles().mid(0, 240);
        QList<QByteArray> alone;
        for (const QString &file : std::as_const(files)) {
            DependencyResolver fresh(m_config);
            const Result<DependencyGraph> g = fresh.resolve(file);
            alone << (g ? dependencyGraphJson(*g) : g.reason().toUtf8());
        }
        QList<QByteArray> together(files.size());
        DependencyResolver first(m_config);
        const std::unique_ptr<DependencyResolver> second = first.sibling();
        const auto work = [&](DependencyResolver &resolver, qsizetype start) {
            for (qsizetype i = start; i < files.size(); i += 2) {
                const Result<DependencyGraph> g = resolver.resolve(files[i]);
                together[i] = g ? dependencyGraphJson(*g) : g.reason().toUtf8();
            }
        };
        std::thread other(work, std::ref(*second), 1);
        work(first, 0);
        other.join();
        for (qsizetype i = 0; i < files.size(); ++i)
            QVERIFY2(together[i] == alone[i], qPrintable(files[i]));
    }

    // This machine's configuration is what its loader says of itself.
    void thisMachinesLoaderIsAsked()
    {
        QProcess ldso;
        ldso.start(m_config.interpreter, {QStringLiteral("--help")});
        QVERIFY(ldso.waitForFinished(10000));
        LoaderConfig expected;
        parseLoaderHelp(QString::fromLocal8Bit(ldso.readAllStandardOutput()), expected);
        QVERIFY(!expected.defaultDirs.isEmpty());
        QCOMPARE(m_config.defaultDirs, expected.defaultDirs);
        QCOMPARE(m_config.hwcapsSubdirs, expected.hwcapsSubdirs);
        QCOMPARE(m_config.legacyHwcaps, expected.legacyHwcaps);
    }

    void loaderHelpIsParsed()
    {
        LoaderConfig config;
        parseLoaderHelp(
            QStringLiteral("Shared library search path:\n  (libraries located via /etc/ld.so.cache)\n"
                           "  /lib/x86_64-linux-gnu (system search path)\n  /usr/lib (system search path)\n\n"
                           "Subdirectories of glibc-hwcaps directories, in priority order:\n"
                           "  x86-64-v4\n  x86-64-v3 (supported, searched)\n  x86-64-v2 (supported, searched)\n\n"
                           "Legacy HWCAP subdirectories under library search path directories:\n"
                           "  haswell (AT_PLATFORM; supported, searched)\n  tls (supported, searched)\n"),
            config);
        QCOMPARE(
            config.defaultDirs, (QStringList {QStringLiteral("/lib/x86_64-linux-gnu"), QStringLiteral("/usr/lib")}));
        QCOMPARE(config.hwcapsSubdirs, (QStringList {QStringLiteral("x86-64-v3"), QStringLiteral("x86-64-v2")}));
        QCOMPARE(config.legacyHwcaps, (QStringList {QStringLiteral("haswell"), QStringLiteral("tls")}));
    }
};

QTEST_GUILESS_MAIN(TestResolver)
#include "tst_resolver.moc"
