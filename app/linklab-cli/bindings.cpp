// SPDX-License-Identifier: MIT
// linklab-cli bindings: which object the loader binds each undefined symbol of a file (and of its libraries) to.
#include "cli.h"

#include "deps/resolver.h"
#include "deps/symbolbinder.h"

#include <QJsonDocument>

namespace linklab::cli {

int runBindings(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Resolve FILE's dependencies as the glibc loader would (see 'deps'), then bind every undefined dynamic "
        "symbol of each object to the first object of the global lookup scope that defines it with a compatible "
        "version. Lists each reference with its provider (or 'unresolved'; a weak one stays 0), the symbols "
        "defined by several objects (interposition: the first in load order wins), and the direct dependencies "
        "from which FILE uses nothing (as 'ldd -u'). The file is never run or loaded."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A program or shared library."));
    const QCommandLineOption json(QStringLiteral("json"),
        QStringLiteral("Print {\"file\", \"bindings\", \"interposed\", \"unused\", \"warnings\"}."));
    const QCommandLineOption env(QStringLiteral("env"),
        QStringLiteral("Set a loader variable for the resolution (LD_LIBRARY_PATH=DIRS); may be repeated."),
        QStringLiteral("NAME=VALUE"));
    parser.addOptions({json, env});
    if (auto stop = parseCommand(parser, args))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("bindings takes one FILE"));

    LoaderConfig config = LoaderConfig::forThisMachine();
    if (auto stop = applyLoaderEnv(parser.values(env), config))
        return *stop;
    DependencyResolver resolver(std::move(config));
    const QString file = parser.positionalArguments().constFirst();
    Result<DependencyGraph> graph = resolver.resolve(file);
    if (!graph) {
        writeErr(graph.reason());
        return FileError;
    }
    const SymbolBindings bindings = bindSymbols(*graph);
    if (parser.isSet(json))
        writeOut(QJsonDocument(symbolBindingsToJson(*graph, bindings)).toJson(QJsonDocument::Compact) + '\n');
    else
        writeOut(symbolBindingsText(*graph, bindings).toUtf8());
    return Ok;
}

} // namespace linklab::cli
