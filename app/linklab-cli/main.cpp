// SPDX-License-Identifier: MIT
// linklab-cli: every LinkLab job from a shell. This file only parses arguments and prints what core returns.
#include "binary/binaryinfo.h"
#include "binary/binaryjson.h"
#include "binary/nmformat.h"
#include "binary/textreport.h"
#include "build/buildjson.h"
#include "build/buildplan.h"
#include "build/buildrunner.h"
#include "build/programrun.h"
#include "build/toolchain.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace linklab;

namespace {

enum Exit { Ok = 0, FileError = 1, Usage = 2, Interrupted = 130 };

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void writeErr(const QString &text)
{
    std::fflush(stdout); // keep stdout and stderr in the order a terminal would show them
    const QByteArray bytes = (QStringLiteral("linklab-cli: ") + text + u'\n').toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

const char *const kOverview = R"(Usage: linklab-cli <command> [options] FILE...

Commands:
  inspect    everything in an object, archive, shared library or executable
  symbols    the symbol table, exactly as nm prints it (same options)
  build      compile C sources into a static, shared or module library (and a program), showing each command
  toolchain  the compilers and archiver the build command can use, with their versions

Run 'linklab-cli <command> --help' for a command's options.
Exit status: 0 success, 1 a file could not be read or a build failed, 2 bad usage.
)";

// Qt's help starts "Usage: <argv[0]> [options]" from the application's own arguments; name the command too.
QString helpText(const QCommandLineParser &parser, const QStringList &args)
{
    QString text = parser.helpText();
    const QString program = QCoreApplication::arguments().constFirst();
    const qsizetype at = text.indexOf(program);
    if (at >= 0)
        text.replace(at, program.size(), QStringLiteral("linklab-cli ") + args.constFirst().section(u' ', 1));
    return text;
}

// Parses a sub-command's arguments; returns the exit code to use when it should stop now.
std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args, bool needsFiles = true)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        writeErr(parser.errorText() + QStringLiteral(" (try --help)"));
        return Usage;
    }
    if (parser.isSet(help)) {
        writeOut(helpText(parser, args).toUtf8());
        return Ok;
    }
    if (needsFiles && parser.positionalArguments().isEmpty()) {
        writeErr(QStringLiteral("no input files (try --help)"));
        return Usage;
    }
    return std::nullopt;
}

int runInspect(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Show everything in ELF files and ar archives: header facts, sections, segments, dynamic entries and\n"
        "both symbol tables. --json prints one JSON object per file, one per line."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON (one object per file per line)."));
    parser.addOption(json);
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Files to inspect."), QStringLiteral("FILE..."));
    if (auto stop = parseCommand(parser, args))
        return *stop;

    int status = Ok;
    const QStringList files = parser.positionalArguments();
    for (qsizetype i = 0; i < files.size(); ++i) {
        const OpenResult result = openBinary(files[i]);
        if (const auto *error = std::get_if<OpenError>(&result)) {
            writeErr(error->path + QStringLiteral(": ") + error->message);
            if (parser.isSet(json))
                writeOut(QJsonDocument(toJson(*error)).toJson(QJsonDocument::Compact) + '\n');
            status = FileError;
            continue;
        }
        const auto &info = std::get<BinaryInfo>(result);
        if (parser.isSet(json)) {
            writeOut(QJsonDocument(toJson(info)).toJson(QJsonDocument::Compact) + '\n');
        } else {
            if (i > 0)
                writeOut("\n");
            QTextStream stream(stdout);
            writeTextReport(stream, info);
        }
    }
    return status;
}

QJsonArray symbolsJson(const BinaryInfo &info, const NmOptions &options)
{
    QJsonArray out;
    for (const SymbolInfo *s : nmSymbols(info, options))
        out.append(symbolToJson(*s, info));
    return out;
}

// JSON for `symbols --json`: the symbols nm would list, per file and per archive member.
QJsonObject fileSymbolsJson(const BinaryInfo &info, const QString &path, const NmOptions &options)
{
    QJsonObject file {{QStringLiteral("path"), path}};
    if (!info.isArchive()) {
        file.insert(QStringLiteral("symbols"), symbolsJson(info, options));
    } else {
        QJsonArray members;
        for (const auto &m : info.members) {
            QJsonObject member {{QStringLiteral("name"), m.name}};
            if (m.binary)
                member.insert(QStringLiteral("symbols"), symbolsJson(*m.binary, options));
            else
                member.insert(QStringLiteral("error"), m.error);
            members.append(member);
        }
        file.insert(QStringLiteral("members"), members);
    }
    file.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(info.warnings));
    return file;
}

int runSymbols(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List symbols exactly as nm does with the same options: same lines, type letters, version suffixes,\n"
        "sort order and archive member headers. --json prints a JSON array with one object per file."));
    const QCommandLineOption dynamic({QStringLiteral("D"), QStringLiteral("dynamic")},
        QStringLiteral("Dynamic symbols (.dynsym) instead of .symtab."));
    const QCommandLineOption defined(QStringLiteral("defined-only"), QStringLiteral("Only defined symbols."));
    const QCommandLineOption undefined(
        {QStringLiteral("u"), QStringLiteral("undefined-only")}, QStringLiteral("Only undefined symbols."));
    const QCommandLineOption demangleOpt(
        {QStringLiteral("C"), QStringLiteral("demangle")}, QStringLiteral("Demangle C++ names."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({dynamic, defined, undefined, demangleOpt, json});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to list."), QStringLiteral("FILE..."));
    if (auto stop = parseCommand(parser, args))
        return *stop;
    if (parser.isSet(defined) && parser.isSet(undefined)) {
        writeErr(QStringLiteral("--defined-only and --undefined-only cannot be used together"));
        return Usage;
    }

    NmOptions nm;
    nm.dynamic = parser.isSet(dynamic);
    nm.definedOnly = parser.isSet(defined);
    nm.undefinedOnly = parser.isSet(undefined);
    nm.demangle = parser.isSet(demangleOpt);
    const bool asJson = parser.isSet(json);
    const QStringList files = parser.positionalArguments();
    OpenOptions open;
    open.demangle = nm.demangle || asJson;
    QJsonArray jsonOut;

    const NmSink sink {writeOut, writeErr};
    int status = Ok;
    for (const QString &path : files) {
        const OpenResult result = openBinary(path, open);
        if (const auto *error = std::get_if<OpenError>(&result)) {
            writeErr(error->path + QStringLiteral(": ") + error->message);
            if (asJson)
                jsonOut.append(toJson(*error));
            status = FileError;
            continue;
        }
        const auto &info = std::get<BinaryInfo>(result);
        if (!nmRecognizes(info)) {
            writeErr(path + QStringLiteral(": file format not recognized (a core dump; 'inspect' shows it)"));
            if (asJson)
                jsonOut.append(toJson(OpenError {path, QStringLiteral("file format not recognized (a core dump)")}));
            status = FileError;
            continue;
        }
        if (asJson)
            jsonOut.append(fileSymbolsJson(info, path, nm));
        else
            nmListFile(info, path, files.size() > 1, nm, sink);
    }
    if (asJson)
        writeOut(QJsonDocument(jsonOut).toJson(QJsonDocument::Indented));
    return status;
}

// Ctrl+C during a build: the compilers run in their own process groups (so cancel can stop them and what they
// started), so the terminal's SIGINT does not reach them; the handler wakes the event loop, which cancels.
int g_interruptPipe[2] = {-1, -1};

void onInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_interruptPipe[1], &byte, 1);
}

class InterruptWatch
{
public:
    InterruptWatch()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_interruptPipe) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(g_interruptPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] {
            char byte;
            [[maybe_unused]] const auto n = ::read(g_interruptPipe[0], &byte, 1);
            interrupted = true;
            if (stop)
                stop();
        });
        struct sigaction action {
        };
        action.sa_handler = ::onInterrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        // Ctrl+C, Ctrl+backslash, kill, and the terminal closing all stop the build and what it runs.
        for (int sig : {SIGINT, SIGQUIT, SIGTERM, SIGHUP})
            ::sigaction(sig, &action, nullptr);
    }
    ~InterruptWatch()
    {
        m_notifier.reset();
        ::close(g_interruptPipe[0]);
        ::close(g_interruptPipe[1]);
    }

    bool interrupted = false;
    std::function<void()> stop; // what stops the work running now

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

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

// Appends a program's build to the library's in one JSON report; step numbers in diagnostics follow on.
void appendBuild(QJsonObject &report, const BuildResult &more, qsizetype stepOffset)
{
    QJsonObject extra = toJson(more);
    QJsonArray commands = report.value(QStringLiteral("commands")).toArray();
    for (const QJsonValue &c : extra.value(QStringLiteral("commands")).toArray())
        commands.append(c);
    QJsonArray artifacts = report.value(QStringLiteral("artifacts")).toArray();
    for (const QJsonValue &a : extra.value(QStringLiteral("artifacts")).toArray())
        artifacts.append(a);
    QJsonArray diagnostics = report.value(QStringLiteral("diagnostics")).toArray();
    for (QJsonValue d : extra.value(QStringLiteral("diagnostics")).toArray()) {
        QJsonObject o = d.toObject();
        o.insert(QStringLiteral("step"), o.value(QStringLiteral("step")).toInt() + int(stepOffset));
        diagnostics.append(o);
    }
    report.insert(QStringLiteral("commands"), commands);
    report.insert(QStringLiteral("artifacts"), artifacts);
    report.insert(QStringLiteral("diagnostics"), diagnostics);
    report.insert(QStringLiteral("success"), more.success && report.value(QStringLiteral("success")).toBool());
    report.insert(QStringLiteral("cancelled"), more.cancelled);
    report.insert(QStringLiteral("ms"), report.value(QStringLiteral("ms")).toInteger() + more.ms);
}

bool writeTextFile(const QString &path, const QString &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        writeErr(QStringLiteral("%1: %2").arg(path, file.errorString()));
        return false;
    }
    file.write(text.toUtf8());
    if (!file.commit()) {
        writeErr(QStringLiteral("%1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

int runToolchain(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the C compilers (gcc, clang, cc) and ar found on PATH."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    if (auto stop = parseCommand(parser, args, false))
        return *stop;
    const Toolchain chain = discoverToolchain();
    QList<Tool> tools = chain.compilers;
    tools.append(chain.archiver);
    if (parser.isSet(json)) {
        QJsonArray compilers;
        for (const Tool &t : chain.compilers)
            compilers.append(QJsonObject {{QStringLiteral("name"), t.name}, {QStringLiteral("path"), t.path},
                {QStringLiteral("version"), t.version}});
        const QJsonObject out {{QStringLiteral("compilers"), compilers},
            {QStringLiteral("default_compiler"), chain.defaultCompiler()},
            {QStringLiteral("archiver"),
                QJsonObject {{QStringLiteral("name"), chain.archiver.name},
                    {QStringLiteral("path"), chain.archiver.path},
                    {QStringLiteral("version"), chain.archiver.version}}}};
        writeOut(QJsonDocument(out).toJson(QJsonDocument::Indented));
    } else {
        for (const Tool &t : std::as_const(tools)) {
            const QString line = t.found() ? QStringLiteral("%1\t%2\t%3\n").arg(t.name, t.path, t.version)
                                           : QStringLiteral("%1\tnot found\n").arg(t.name);
            writeOut(line.toLocal8Bit());
        }
    }
    return chain.compilers.isEmpty() || !chain.archiver.found() ? FileError : Ok;
}

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

    auto usage = [](const QString &message) {
        writeErr(message + QStringLiteral(" (try --help)"));
        return int(Usage);
    };
    BuildPlan plan;
    const std::optional<LibraryKind> libraryKind = kindFromKey(parser.value(kind));
    if (!libraryKind)
        return usage(QStringLiteral("--kind must be static, shared or module"));
    plan.kind = *libraryKind;
    plan.name = parser.value(name);
    if (!parser.isSet(out))
        return usage(QStringLiteral("-o OUTDIR is required"));
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
            return usage(QStringLiteral("--cflags has an unclosed quote"));
        plan.warnings = false;
        plan.optimization.clear();
        plan.extraCflags = *words;
    }
    const auto linkWords = splitShellWords(parser.value(ldflags));
    if (!linkWords)
        return usage(QStringLiteral("--ldflags has an unclosed quote"));
    setLinkFlags(plan, *linkWords);
    int jobCount = 0;
    if (parser.isSet(jobs)) {
        bool ok = false;
        jobCount = parser.value(jobs).toInt(&ok);
        if (!ok || jobCount < 1)
            return usage(QStringLiteral("-j needs a number of jobs, 1 or more"));
    }
    for (const QString &file : parser.positionalArguments()) {
        const QString path = QFileInfo(file).absoluteFilePath();
        if (file.endsWith(QStringLiteral(".h")))
            plan.headers.append(path);
        else
            plan.sources.append(path);
    }
    if (const QString problem = validatePlan(plan); !problem.isEmpty())
        return usage(problem);
    ProgramPlan program;
    for (const QString &file : parser.values(exe))
        program.sources.append(QFileInfo(file).absoluteFilePath());
    program.output = parser.value(exeName);
    program.rpath = parser.isSet(rpath);
    const bool withProgram = !program.sources.isEmpty();
    if (withProgram) {
        if (const QString problem = validateProgram(plan, program); !problem.isEmpty())
            return usage(problem);
    } else if (parser.isSet(run)) {
        return usage(QStringLiteral("--run needs a program: --exe MAIN.c"));
    }
    for (const QString &entry : parser.values(runEnv)) {
        if (entry.indexOf(u'=') <= 0)
            return usage(QStringLiteral("--run-env takes K=V, not '%1'").arg(entry));
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
    const BuildResult library = runSteps(planLibrary(plan), jobCount, asJson, watch);
    QJsonObject report = toJson(library);
    bool ok = library.success;
    if (ok && withProgram && !watch.interrupted) {
        const BuildResult linked = runSteps(planProgram(plan, program), jobCount, asJson, watch);
        appendBuild(report, linked, library.steps.size());
        ok = linked.success;
    }
    if (ok && parser.isSet(run) && !watch.interrupted) {
        std::fflush(stdout);
        RunRequest request;
        request.program = QDir(plan.outDir).filePath(program.output);
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
    } else if (watch.interrupted || report.value(QStringLiteral("cancelled")).toBool()) {
        writeErr(QStringLiteral("cancelled"));
    } else if (ok) {
        const QJsonArray artifacts = report.value(QStringLiteral("artifacts")).toArray();
        for (const QJsonValue &a : artifacts)
            writeOut(QStringLiteral("built %1\n").arg(QDir(plan.outDir).relativeFilePath(a.toString())).toLocal8Bit());
    } else {
        int errors = 0;
        for (const QJsonValue &d : report.value(QStringLiteral("diagnostics")).toArray())
            errors += d.toObject().value(QStringLiteral("severity")).toString().contains(QStringLiteral("error"));
        writeErr(errors == 0 ? QStringLiteral("build failed")
                             : QStringLiteral("build failed (%1 error%2)")
                                   .arg(errors)
                                   .arg(errors == 1 ? QString() : QStringLiteral("s")));
    }
    if (watch.interrupted)
        return Interrupted;
    return ok ? Ok : FileError;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv); // also sets the C locale from the environment, as nm's strcoll sort needs
    QCoreApplication::setApplicationName(QStringLiteral("linklab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LINKLAB_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == u"--help" || args[1] == u"-h" || args[1] == u"help") {
        writeOut(kOverview);
        return args.size() < 2 ? Usage : Ok;
    }
    if (args[1] == u"--version") {
        writeOut("linklab-cli " LINKLAB_VERSION "\n");
        return Ok;
    }
    const QString command = args.takeAt(1);
    args[0] = args[0] + u' ' + command; // helpText() names the command: "linklab-cli symbols"
    if (command == u"inspect")
        return runInspect(args);
    if (command == u"symbols")
        return runSymbols(args);
    if (command == u"build")
        return runBuild(args);
    if (command == u"toolchain")
        return runToolchain(args);
    writeErr(QStringLiteral("unknown command '%1' (try --help)").arg(command));
    return Usage;
}
