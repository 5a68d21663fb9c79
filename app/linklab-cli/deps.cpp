// SPDX-License-Identifier: MIT
// linklab-cli deps: the libraries the glibc loader would load for each file, and why, without running it.
#include "cli.h"

#include "deps/resolver.h"

#include <utility>

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
    DependencyResolver resolver(std::move(config));
    int status = Ok;
    bool missing = false;
    // Written as each graph is resolved: one call may cover thousands of files.
    QByteArray graphs;
    if (parser.isSet(json))
        graphs = "{\"graphs\":[";
    bool firstGraph = true;
    for (const QString &file : parser.positionalArguments()) {
        Result<DependencyGraph> graph = resolver.resolve(file);
        if (!graph) {
            writeErr(graph.reason());
            status = FileError;
            continue;
        }
        missing = missing || !graph->missing().isEmpty();
        if (parser.isSet(json)) {
            if (!std::exchange(firstGraph, false))
                graphs += ',';
            graphs += dependencyGraphJson(*graph);
            if (graphs.size() > (1 << 20)) {
                writeOut(graphs);
                graphs.clear();
            }
        } else if (parser.isSet(dot)) {
            writeOut(dependencyDot(*graph).toUtf8());
        } else if (parser.isSet(why)) {
            const QString text = dependencyWhy(*graph, parser.value(why));
            if (text.isEmpty()) {
                writeErr(QStringLiteral("%1 does not load %2").arg(file, parser.value(why)));
                status = FileError;
            } else {
                writeOut(text.toUtf8());
            }
        } else {
            writeOut(dependencyTree(*graph).toUtf8());
        }
    }
    if (parser.isSet(json))
        writeOut(graphs + "]}\n");
    if (status == Ok && missing && parser.isSet(failMissing))
        status = FileError;
    return status;
}

} // namespace linklab::cli
