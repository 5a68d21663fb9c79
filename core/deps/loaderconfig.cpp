// SPDX-License-Identifier: MIT
// LoaderConfig for this machine: what its loader says of itself (`ld.so --help`) and its /etc/ld.so.cache.
#include "deps/ldsocache.h"
#include "deps/resolver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSysInfo>

#include <memory>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace linklab {
namespace {

// The loader run for its --help, with its standard output on a pipe: posix_spawn, so that the child goes straight
// to exec (a fork of a large process costs more than the loader takes to answer). The caller reads the answer
// later, after doing its own work meanwhile.
class HelpOfLoader
{
public:
    explicit HelpOfLoader(const QString &loader)
    {
        int pipeFds[2];
        if (::pipe2(pipeFds, O_CLOEXEC) != 0)
            return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        const QByteArray program = QFile::encodeName(loader);
        char help[] = "--help";
        char *const argv[] = {const_cast<char *>(program.constData()), help, nullptr};
        if (::posix_spawn(&m_pid, program.constData(), &actions, nullptr, argv, environ) != 0)
            m_pid = -1;
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipeFds[1]);
        if (m_pid > 0)
            m_fd = pipeFds[0];
        else
            ::close(pipeFds[0]);
    }
    HelpOfLoader(const HelpOfLoader &) = delete;
    HelpOfLoader &operator=(const HelpOfLoader &) = delete;
    ~HelpOfLoader() { finish(); }

    // Its standard output; empty when it could not be run or did not answer within the time given.
    QByteArray text(int timeoutMs)
    {
        QByteArray out;
        QDeadlineTimer deadline(timeoutMs);
        char buffer[4096];
        while (m_fd >= 0) {
            pollfd p {m_fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, int(deadline.remainingTime()));
            if (ready < 0 && errno == EINTR)
                continue;
            if (ready <= 0) { // no answer in time: give up on it
                ::kill(m_pid, SIGKILL);
                out.clear();
                break;
            }
            const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            out.append(buffer, n);
        }
        finish();
        return out;
    }

private:
    void finish()
    {
        if (m_fd >= 0)
            ::close(std::exchange(m_fd, -1));
        if (m_pid > 0) {
            const pid_t pid = std::exchange(m_pid, -1);
            ::kill(pid, SIGKILL); // already gone when it answered; a no-op then
            while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) { // this child only, never another's
            }
        }
    }

    pid_t m_pid = -1;
    int m_fd = -1;
};

} // namespace

LoaderConfig LoaderConfig::forThisMachine()
{
    LoaderConfig config;
    for (const char *candidate : {"/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1", "/lib/ld-linux.so.2",
             "/lib/ld-linux-armhf.so.3", "/lib64/ld64.so.2", "/lib/ld-linux-riscv64-lp64d.so.1", "/lib64/ld64.so.1"}) {
        if (::access(candidate, F_OK) == 0) {
            config.interpreter = QLatin1String(candidate);
            break;
        }
    }
    // The loader describes its own search (a system program run for its --help, not the inspected file); the
    // cache file is read while it answers.
    std::optional<HelpOfLoader> help;
    if (!config.interpreter.isEmpty())
        help.emplace(config.interpreter);
    Result<LdSoCache> cache = readLdSoCache();
    if (help)
        parseLoaderHelp(QString::fromLocal8Bit(help->text(5000)), config);
    if (config.defaultDirs.isEmpty())
        config.defaultDirs = {QStringLiteral("/lib"), QStringLiteral("/usr/lib")};
    // Debian's loader expands $LIB to its multiarch directory ("lib/x86_64-linux-gnu").
    config.libToken = config.defaultDirs.first().mid(1);
    config.platform = QSysInfo::currentCpuArchitecture() == u"x86_64" ? QStringLiteral("x86_64")
                                                                      : QSysInfo::currentCpuArchitecture();
    if (cache) {
        auto shared = std::make_shared<const LdSoCache>(std::move(*cache));
        const QStringList hwcaps = config.hwcapsSubdirs;
        config.cacheLookup = [shared, hwcaps](const QString &name, int elfClass, std::uint16_t machine) {
            const std::optional<qint32> flags = cacheFlagsFor(elfClass, machine);
            if (!flags)
                return std::optional<QString>();
            return lookupLdSoCache(*shared, name, *flags, hwcaps);
        };
    }
    return config;
}

} // namespace linklab
