// SPDX-License-Identifier: MIT
// linklab-cli deps: the libraries the glibc loader would load for each file, and why, without running it.
#include "cli.h"

#include "deps/resolver.h"

#include <QThread>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace linklab::cli {

int runDeps(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Resolve each FILE's dependencies exactly as the glibc loader would (RPATH, LD_LIBRARY_PATH, RUNPATH, "
        "/etc/ld.so.cache, the system directories, glibc-hwcaps), and say why each library was found where it was. "
        "The file is never run or loaded (unlike ldd). LD_LIBRARY_PATH is taken only from --env, never from your "
        "shell, so the result does not depend on where you run this.\n\n"
        "Output: a tree (default), --json, --dot (Graphviz), or --why NAME (the whole search for one library)."));
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Programs or shared libraries."), QStringLiteral("FILE..."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print {\"graphs\": [...]}."));
    const QCommandLineOption dot(QStringLiteral("dot"), QStringLiteral("Print each graph in Graphviz's DOT."));
    const QCommandLineOption tree(QStringLiteral("tree"), QStringLiteral("Print a tree (the default)."));
    const QCommandLineOption env(QStringLiteral("env"),
        QStringLiteral("Set a loader variable for the resolution (LD_LIBRARY_PATH=DIRS); may be repeated."),
        QStringLiteral("NAME=VALUE"));
    const QCommandLineOption why(QStringLiteral("why"),
        QStringLiteral("Explain the whole search for the library NAME."), QStringLiteral("NAME"));
    const QCommandLineOption failMissing(
        QStringLiteral("fail-missing"), QStringLiteral("Exit with status 1 when a library is missing."));
    parser.addOptions({json, dot, tree, env, why, failMissing});
    if (auto stop = parseCommand(parser, args))
        return *stop;
    if (int(parser.isSet(json)) + int(parser.isSet(dot)) + int(parser.isSet(tree)) + int(parser.isSet(why)) > 1)
        return usageError(QStringLiteral("choose one of --json, --dot, --tree and --why"));

    LoaderConfig config = LoaderConfig::forThisMachine();
    if (auto stop = applyLoaderEnv(parser.values(env), config))
        return *stop;
    // Each file is resolved on its own: the files are shared out among the cores, and printed in the order given.
    // The workers' resolvers are siblings: a library that many programs load (libc.so.6) is read once.
    enum class Mode { Tree, Json, Dot, Why };
    const Mode mode = parser.isSet(json) ? Mode::Json
        : parser.isSet(dot)              ? Mode::Dot
        : parser.isSet(why)              ? Mode::Why
                                         : Mode::Tree;
    const QString whyName = parser.value(why);
    struct Done {
        QByteArray out;
        QString error;
        bool missing = false;
        std::atomic<bool> ready = false;
    };
    const QStringList files = parser.positionalArguments();
    std::vector<Done> done(size_t(files.size()));

    // Printed in the order given, as soon as the files before are done: whichever worker finds the printer free
    // prints what is ready, so output overlaps work and each graph's text is freed once written.
    int status = Ok;
    bool missing = false;
    bool firstGraph = true;
    std::mutex printer;
    std::size_t printed = 0;
    if (mode == Mode::Json)
        writeOut("{\"graphs\":[");
    const auto printReady = [&](bool wait) {
        std::unique_lock lock(printer, std::defer_lock);
        if (wait)
            lock.lock();
        else if (!lock.try_lock())
            return; // another worker is printing; it will reach this file too
        for (; printed < done.size() && done[printed].ready.load(std::memory_order_acquire); ++printed) {
            Done &d = done[printed];
            if (!d.error.isEmpty()) {
                writeErr(d.error);
                status = FileError;
                continue;
            }
            missing = missing || d.missing;
            if (mode == Mode::Json && !std::exchange(firstGraph, false))
                writeOut(",");
            writeOut(d.out);
            d.out = QByteArray();
        }
    };

    DependencyResolver resolver(config);
    std::atomic<qsizetype> next = 0; // files are taken one at a time: a large graph does not hold up a share
    const auto work = [&](DependencyResolver &mine) {
        for (qsizetype i = next++; i < files.size(); i = next++) {
            Done &d = done[size_t(i)];
            const QString &file = files[i];
            Result<DependencyGraph> graph = mine.resolve(file);
            if (!graph) {
                d.error = graph.reason();
            } else {
                d.missing = !graph->missing().isEmpty();
                switch (mode) {
                case Mode::Json: d.out = dependencyGraphJson(*graph); break;
                case Mode::Dot: d.out = dependencyDot(*graph).toUtf8(); break;
                case Mode::Tree: d.out = dependencyTreeUtf8(*graph); break;
                case Mode::Why: {
                    const QString text = dependencyWhy(*graph, whyName);
                    if (text.isEmpty())
                        d.error = QStringLiteral("%1 does not load %2").arg(file, whyName);
                    else
                        d.out = text.toUtf8();
                    break;
                }
                }
            }
            d.ready.store(true, std::memory_order_release);
            printReady(false);
        }
    };
    // A worker per core for long lists; a short one is not worth a thread.
    const qsizetype workers = std::clamp<qsizetype>(files.size() / 64, 1, std::max(1, QThread::idealThreadCount()));
    std::vector<std::unique_ptr<DependencyResolver>> siblings;
    std::vector<std::thread> threads;
    for (qsizetype w = 1; w < workers; ++w) {
        siblings.push_back(resolver.sibling());
        threads.emplace_back(work, std::ref(*siblings.back()));
    }
    work(resolver);
    for (std::thread &t : threads)
        t.join();
    printReady(true);
    if (mode == Mode::Json)
        writeOut("]}\n");
    if (status == Ok && missing && parser.isSet(failMissing))
        status = FileError;
    return status;
}

} // namespace linklab::cli
