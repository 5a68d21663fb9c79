// SPDX-License-Identifier: MIT
// linklab-cli build: C sources to a library (and a program, and a run), each command printed as it runs.
#include "cli.h"

#include "builder/buildjson.h"
#include "builder/buildplan.h"
#include "builder/buildrunner.h"
#include "builder/linkhints.h"
#include "builder/outputsafety.h"
#include "builder/planexport.h"
#include "builder/programrun.h"
#include "builder/shellwords.h"
#include "builder/sourcefiles.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace linklab::cli {

namespace {

// Runs steps to the end, echoing each command as it starts and its output when it ends (unless --json).
BuildResult runSteps(const QList<BuildStep> &steps, int jobs, bool json, InterruptWatch &watch)
{
    BuildRunner runner;
    QEventLoop loop;
    watch.stop = [&runner] { runner.cancel(); };
    if (!json) {
        QObject::connect(&runner, &BuildRunner::stepStarted, [](int, const QString &command) {
            writeOut(command.toLocal8Bit() + '\n');
            std::fflush(stdout);
        });
        QObject::connect(&runner, &BuildRunner::stepFinished, [](const StepResult &result) {
            if (!result.output.isEmpty()) {
                const QByteArray bytes = result.output.toLocal8Bit();
                std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
            }
            if (!result.error.isEmpty())
                writeErr(result.error);
        });
    }
    QObject::connect(&runner, &BuildRunner::finished, &loop, &QEventLoop::quit);
    runner.start(steps, jobs);
    loop.exec();
    watch.stop = nullptr;
    return runner.result();
}

RunResult runProgram(const RunRequest &request, bool json, InterruptWatch &watch)
{
    ProgramRun run;
    QEventLoop loop;
    watch.stop = [&run] { run.stop(); };
    if (!json) {
        QObject::connect(&run, &ProgramRun::standardError, [](const QByteArray &bytes) {
            std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
            std::fflush(stderr);
        });
    }
    QObject::connect(&run, &ProgramRun::finished, &loop, &QEventLoop::quit);
    run.start(request);
    loop.exec();
    watch.stop = nullptr;
    return run.result();
}

} // namespace

int runBuild(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compile C sources into a library with the real gcc/clang and ar commands, printed as they run:\n"
        "  static  lib<NAME>.a        gcc -c, then ar rcs\n"
        "  shared  lib<NAME>.so[.V]   gcc -c -fPIC, then gcc -shared -Wl,-soname,...\n"
        "  module  <NAME>.so          like shared, without a soname (for dlopen only)\n"
        "Objects that are up to date are not compiled again. A failed build keeps the last good library.\n"
        "With --exe, link a program against the library (gcc MAIN.c -L. -lNAME, run in OUTDIR); with --run,\n"
        "run it: its output passes through unchanged. Exit status: 0 built (and the program started),\n"
        "1 compiling or linking failed, 2 bad usage, 130 interrupted (Ctrl+C)."));
    const QCommandLineOption kind(
        QStringLiteral("kind"), QStringLiteral("static, shared or module."), QStringLiteral("KIND"));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("Library name (strmath -> libstrmath)."), QStringLiteral("NAME"));
    const QCommandLineOption out(
        {QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Output folder."), QStringLiteral("OUTDIR"));
    const QCommandLineOption cc(
        QStringLiteral("cc"), QStringLiteral("C compiler (default gcc)."), QStringLiteral("CC"), QStringLiteral("gcc"));
    const QCommandLineOption cflags(QStringLiteral("cflags"),
        QStringLiteral("Compiler flags, split as a shell would (default \"-Wall -Wextra -O2\")."),
        QStringLiteral("FLAGS"));
    const QCommandLineOption ldflags(
        QStringLiteral("ldflags"), QStringLiteral("Link flags and libraries (\"-lm\")."), QStringLiteral("FLAGS"));
    const QCommandLineOption version(QStringLiteral("so-version"),
        QStringLiteral("Shared library version (1.2.3 -> libNAME.so.1.2.3, soname libNAME.so.1)."),
        QStringLiteral("V"));
    const QCommandLineOption jobs({QStringLiteral("j"), QStringLiteral("jobs")},
        QStringLiteral("Parallel compiles (default: one per core)."), QStringLiteral("N"));
    const QCommandLineOption exe(QStringLiteral("exe"),
        QStringLiteral("Program source to link against the library (repeatable)."), QStringLiteral("MAIN.c"));
    const QCommandLineOption exeName(QStringLiteral("exe-name"),
        QStringLiteral("Program file name in OUTDIR (default prog)."), QStringLiteral("NAME"), QStringLiteral("prog"));
    const QCommandLineOption rpath(
        QStringLiteral("rpath"), QStringLiteral("Link the program with -Wl,-rpath,$ORIGIN."));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Run the program after linking it."));
    const QCommandLineOption runEnv(QStringLiteral("run-env"),
        QStringLiteral("Environment for the run, e.g. LD_LIBRARY_PATH=. (repeatable)."), QStringLiteral("K=V"));
    const QCommandLineOption cmake(QStringLiteral("cmake"),
        QStringLiteral("Also write a CMakeLists.txt doing the same build."), QStringLiteral("FILE"));
    const QCommandLineOption script(QStringLiteral("script"),
        QStringLiteral("Also write a shell script of the exact commands."), QStringLiteral("FILE"));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Print one JSON object: commands, artifacts, diagnostics, run."));
    parser.addOptions(
        {kind, name, out, cc, cflags, ldflags, version, jobs, exe, exeName, rpath, run, runEnv, cmake, script, json});
    parser.addPositionalArgument(QStringLiteral("SOURCES"),
        QStringLiteral(".c sources (and .h headers, whose folders become -I)."), QStringLiteral("SOURCES..."));
    if (auto stop = parseCommand(parser, args))
        return *stop;

    BuildPlan plan;
    const std::optional<LibraryKind> libraryKind = kindFromKey(parser.value(kind));
    if (!libraryKind)
        return usageError(QStringLiteral("--kind must be static, shared or module"));
    plan.kind = *libraryKind;
    plan.name = parser.value(name);
    if (!parser.isSet(out))
        return usageError(QStringLiteral("-o OUTDIR is required"));
    plan.outDir = QDir::cleanPath(QFileInfo(parser.value(out)).absoluteFilePath());
    plan.compiler = parser.value(cc);
    // "--cc ./mycc" means the file here, as CC=./mycc does for make; the commands run in OUTDIR.
    if (plan.compiler.contains(u'/'))
        plan.compiler = QFileInfo(plan.compiler).absoluteFilePath();
    plan.version = parser.value(version);
    // --cflags replaces the defaults, so what the user typed is exactly what gcc gets.
    if (parser.isSet(cflags)) {
        const auto words = splitShellWords(parser.value(cflags));
        if (!words)
            return usageError(QStringLiteral("--cflags: ") + words.reason());
        plan.warnings = false;
        plan.optimization.clear();
        plan.extraCflags = *words;
    }
    const auto linkWords = splitShellWords(parser.value(ldflags));
    if (!linkWords)
        return usageError(QStringLiteral("--ldflags: ") + linkWords.reason());
    setLinkFlags(plan, *linkWords);
    int jobCount = 0;
    if (parser.isSet(jobs)) {
        bool ok = false;
        jobCount = parser.value(jobs).toInt(&ok);
        if (!ok || jobCount < 1)
            return usageError(QStringLiteral("-j needs a number of jobs, 1 or more"));
    }
    addInputFiles(plan, parser.positionalArguments());
    for (const QString &note : removeDuplicateInputs(plan))
        writeErr(QStringLiteral("note: ") + note);
    if (const Check check = validatePlan(plan); !check)
        return usageError(check.reason());
    ProgramPlan program;
    for (const QString &file : parser.values(exe))
        program.sources.append(QFileInfo(file).absoluteFilePath());
    program.output = parser.value(exeName);
    program.rpath = parser.isSet(rpath);
    const bool withProgram = !program.sources.isEmpty();
    if (withProgram) {
        if (const Check check = validateProgram(plan, program); !check)
            return usageError(check.reason());
    } else if (parser.isSet(run)) {
        return usageError(QStringLiteral("--run needs a program: --exe MAIN.c"));
    }
    for (const QString &entry : parser.values(runEnv)) {
        if (entry.indexOf(u'=') <= 0)
            return usageError(QStringLiteral("--run-env takes K=V, not '%1'").arg(entry));
    }

    // Exported files, like every output, never replace an input; and nothing starts in a folder that cannot
    // take the build's files.
    QStringList exports;
    for (const QCommandLineOption *option : {&cmake, &script}) {
        if (parser.isSet(*option))
            exports.append(QFileInfo(parser.value(*option)).absoluteFilePath());
    }
    if (const Check check = checkOutputsSpareInputs(plan, withProgram ? &program : nullptr, exports); !check)
        return usageError(check.reason());
    if (const Check check = checkOutputFolderWritable(plan.outDir); !check) {
        writeErr(check.reason());
        return FileError;
    }

    if (parser.isSet(cmake)
        && !writeTextFile(parser.value(cmake),
            exportCMake(plan, withProgram ? &program : nullptr, QFileInfo(parser.value(cmake)).absolutePath())))
        return FileError;
    if (parser.isSet(script)
        && !writeTextFile(parser.value(script), exportShellScript(plan, withProgram ? &program : nullptr)))
        return FileError;

    const bool asJson = parser.isSet(json);
    InterruptWatch watch;
    BuildResult build = runSteps(planLibrary(plan), jobCount, asJson, watch);
    if (build.success && withProgram && !watch.interrupted)
        build.append(runSteps(planProgram(plan, program), jobCount, asJson, watch));
    QJsonObject report = toJson(build);
    // An undefined reference: which library defines the symbol, and the flag that links it.
    QHash<QString, LinkHint> hints;
    if (!build.success && !build.cancelled && !watch.interrupted) {
        hints = linkHints(build.diagnostics, build.artifacts);
        if (!hints.isEmpty()) {
            QJsonArray diagnostics = report.value(QStringLiteral("diagnostics")).toArray();
            for (qsizetype i = 0; i < diagnostics.size() && i < build.diagnostics.size(); ++i) {
                const QString symbol = undefinedSymbolOf(build.diagnostics[i]);
                if (hints.contains(symbol)) {
                    QJsonObject d = diagnostics[i].toObject();
                    d.insert(QStringLiteral("hint"), toJson(hints.value(symbol)));
                    diagnostics[i] = d;
                }
            }
            report.insert(QStringLiteral("diagnostics"), diagnostics);
        }
    }
    bool ok = build.success;
    if (ok && parser.isSet(run) && !watch.interrupted) {
        std::fflush(stdout);
        RunRequest request;
        request.program = programFile(plan, program);
        request.workingDir = plan.outDir;
        request.environment = parser.values(runEnv);
        request.forwardOutput = !asJson;
        const RunResult result = runProgram(request, asJson, watch);
        report.insert(QStringLiteral("run"), toJson(result));
        if (!asJson) {
            if (!result.explanation.isEmpty())
                writeErr(result.explanation);
            if (!result.started || result.signal != 0 || result.exitCode != 0)
                writeErr(QStringLiteral("%1 %2").arg(program.output, result.summary()));
        }
        ok = result.started;
    }
    if (asJson) {
        writeOut(QJsonDocument(report).toJson(QJsonDocument::Indented));
    } else if (watch.interrupted || build.cancelled) {
        writeErr(QStringLiteral("cancelled"));
    } else if (ok) {
        for (const QString &artifact : std::as_const(build.artifacts))
            writeOut(QStringLiteral("built %1\n").arg(QDir(plan.outDir).relativeFilePath(artifact)).toLocal8Bit());
    } else if (!build.success) {
        writeErr(build.failureSummary());
        QStringList shown;
        for (const Diagnostic &d : std::as_const(build.diagnostics)) {
            const QString symbol = undefinedSymbolOf(d);
            if (hints.contains(symbol) && !shown.contains(symbol)) {
                shown << symbol;
                writeErr(QStringLiteral("hint: ") + hints.value(symbol).text);
            }
        }
    }
    if (watch.interrupted)
        return Interrupted;
    return ok ? Ok : FileError;
}

} // namespace linklab::cli
