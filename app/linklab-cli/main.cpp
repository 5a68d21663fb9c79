// SPDX-License-Identifier: MIT
// linklab-cli: every LinkLab job from a shell. This file is the command table; each command is a file of its own
// that parses its options and prints what core returns. A new command is one file and one line below.
#include "cli.h"

#include "binary/bytenames.h"
#include "version.h"

#include <QCoreApplication>

#include <new>

using namespace linklab::cli;

namespace {

const Command kCommands[] = {
    {"inspect", "everything in an object, archive, shared library or executable", runInspect},
    {"symbols", "the symbol table, exactly as nm prints it (same options)", runSymbols},
    {"relocs", "the relocation sections, as readelf -rW lists them", runRelocs},
    {"sizes", "where the bytes go: each section split into its symbols, as bloaty -d sections,symbols", runSizes},
    {"deps", "the libraries the loader would load, where it finds each and why (never runs the file)", runDeps},
    {"bindings", "where the loader binds each undefined symbol; interposed symbols; unused dependencies", runBindings},
    {"provides", "the libraries of this machine that define a symbol, and the -l flag that links each", runProvides},
    {"compare", "does NEW break programs linked against OLD? exported symbols, versions, SONAME, NEEDED", runCompare},
    {"build", "compile C sources into a static, shared or module library (and a program), showing each command",
        runBuild},
    {"call", "load a library in a separate process and call one of its functions with typed arguments", runCall},
    {"lesson", "run a Learn room lesson step by step for real (or --check a lesson file)", runLesson},
    {"toolchain", "the compilers and archiver the build command can use, with their versions", runToolchain},
};

QByteArray overview()
{
    QByteArray text = "Usage: linklab-cli <command> [options] FILE...\n\nCommands:\n";
    for (const Command &c : kCommands)
        text += "  " + QByteArray(c.name).leftJustified(10) + ' ' + c.summary + '\n';
    text += "\nRun 'linklab-cli <command> --help' for a command's options.\n"
            "Exit status: 0 success, 1 a file could not be read or a build failed, 2 bad usage.\n";
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv); // also sets the C locale from the environment, as nm's strcoll sort needs
    QCoreApplication::setApplicationName(QStringLiteral("linklab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LINKLAB_VERSION));
    // From argv itself: QCoreApplication::arguments() would turn a file name that is not UTF-8 into U+FFFD and
    // lose it; decodeName keeps every byte, and openBinary gives them back to open().
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(linklab::decodeName(argv[i]));
    if (args.size() < 2 || args[1] == u"--help" || args[1] == u"-h" || args[1] == u"help") {
        writeOut(overview());
        return args.size() < 2 ? Usage : Ok;
    }
    if (args[1] == u"--version") {
        writeOut("linklab-cli " LINKLAB_VERSION "\n");
        return Ok;
    }
    const QString command = args.takeAt(1);
    args[0] = args[0] + u' ' + command; // the help names the command: "linklab-cli symbols"
    for (const Command &c : kCommands) {
        if (command != QLatin1String(c.name))
            continue;
        try {
            return c.run(args);
        } catch (const std::bad_alloc &) {
            // The readers bound what they allocate; this is the last line, so that no input ends in an abort.
            writeErr(QStringLiteral("out of memory"));
            return FileError;
        }
    }
    return usageError(QStringLiteral("unknown command '%1'").arg(command));
}
