// SPDX-License-Identifier: MIT
#pragma once

// What every linklab-cli command shares: output, option parsing and help, exit codes, and Ctrl+C.

#include <QByteArray>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QSocketNotifier;

namespace linklab {
struct LoaderConfig;
}

namespace linklab::cli {

enum Exit { Ok = 0, FileError = 1, Usage = 2, Interrupted = 130 };

// One command of the table in main.cpp: `run` gets the arguments with argv[0] = "linklab-cli NAME".
struct Command {
    const char *name;
    const char *summary; // one line for the overview
    int (*run)(const QStringList &args);
};

void writeOut(const QByteArray &bytes);
// "linklab-cli: TEXT" on stderr, after flushing stdout so that the two keep a terminal's order.
void writeErr(const QString &text);
// Prints "MESSAGE (try --help)" and returns Usage.
int usageError(const QString &message);

// Parses a command's arguments (adding -h/--help); returns the exit code to use when it should stop now
// (help printed, bad options, no files where files are needed).
std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args, bool needsFiles = true);

// `--env NAME=VALUE` of deps and bindings: sets the loader variables of `config` (only LD_LIBRARY_PATH changes
// where the loader looks); returns the exit code to stop with (bad usage) when a setting is not one.
std::optional<int> applyLoaderEnv(const QStringList &settings, linklab::LoaderConfig &config);

// Writes text through a temporary file renamed into place; false (the reason on stderr) when it cannot.
bool writeTextFile(const QString &path, const QString &text);

// While alive, SIGINT, SIGQUIT, SIGTERM and SIGHUP call `stop` on the event loop's thread (and set
// `interrupted`) instead of killing the process: the work being done (compilers in their own process groups,
// a program) is stopped cleanly and nothing is left running.
class InterruptWatch
{
public:
    InterruptWatch();
    ~InterruptWatch();
    InterruptWatch(const InterruptWatch &) = delete;
    InterruptWatch &operator=(const InterruptWatch &) = delete;

    bool interrupted = false;
    std::function<void()> stop; // what stops the work running now

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

// The commands (one file each).
int runInspect(const QStringList &args);
int runRelocs(const QStringList &args);
int runSizes(const QStringList &args);
int runSymbols(const QStringList &args);
int runBuild(const QStringList &args);
int runToolchain(const QStringList &args);
int runCall(const QStringList &args);
int runDeps(const QStringList &args);
int runBindings(const QStringList &args);
int runProvides(const QStringList &args);
int runCompare(const QStringList &args);
int runLesson(const QStringList &args);

} // namespace linklab::cli
