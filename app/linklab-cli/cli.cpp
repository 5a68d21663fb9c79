// SPDX-License-Identifier: MIT
#include "cli.h"

#include "deps/resolver.h"

#include "binary/bytenames.h"

#include <QCoreApplication>
#include <QObject>
#include <QSaveFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace linklab::cli {

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void writeErr(const QString &text)
{
    std::fflush(stdout); // keep stdout and stderr in the order a terminal would show them
    // Names and paths keep their bytes (bytenames.h), as nm prints them.
    const QByteArray bytes = encodeName(QStringLiteral("linklab-cli: ") + text + u'\n');
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

int usageError(const QString &message)
{
    writeErr(message + QStringLiteral(" (try --help)"));
    return Usage;
}

namespace {
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
} // namespace

std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &args, bool needsFiles)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        writeOut(helpText(parser, args).toUtf8());
        return Ok;
    }
    if (needsFiles && parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("no input files"));
    return std::nullopt;
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

namespace {
// The compilers run in their own process groups (so cancel can stop them and what they started), so the
// terminal's SIGINT does not reach them; the handler only wakes the event loop, which stops the work.
int g_interruptPipe[2] = {-1, -1};

void onInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_interruptPipe[1], &byte, 1);
}
} // namespace

InterruptWatch::InterruptWatch()
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
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    // Ctrl+C, Ctrl+backslash, kill, and the terminal closing all stop the build and what it runs.
    for (int sig : {SIGINT, SIGQUIT, SIGTERM, SIGHUP})
        ::sigaction(sig, &action, nullptr);
}

InterruptWatch::~InterruptWatch()
{
    m_notifier.reset();
    ::close(g_interruptPipe[0]);
    ::close(g_interruptPipe[1]);
}

std::optional<int> applyLoaderEnv(const QStringList &settings, LoaderConfig &config)
{
    for (const QString &setting : settings) {
        const QString name = setting.section(u'=', 0, 0);
        if (!setting.contains(u'='))
            return usageError(QStringLiteral("--env takes NAME=VALUE, not '%1'").arg(setting));
        if (name != u"LD_LIBRARY_PATH")
            return usageError(
                QStringLiteral("--env %1: only LD_LIBRARY_PATH changes where the loader looks").arg(name));
        config.ldLibraryPath = setting.section(u'=', 1);
    }
    return std::nullopt;
}

} // namespace linklab::cli
