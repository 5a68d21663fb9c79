// SPDX-License-Identifier: MIT
// linklab-runner: the separate process in which a user's library is loaded and called, so that nothing it does
// (crash, hang, exit, flood its output) can hurt LinkLab. It reads requests from one pipe and writes replies to
// another (file descriptors given on the command line); its stdout and stderr are the library's own.
//
//   linklab-runner --requests FD --responses FD [--memory-mib N] [--cpu-seconds N]
//   linklab-runner --stdio      (requests on stdin, replies on stdout: for trying it by hand)

#include "runner/server.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#define LINKLAB_RUNNER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LINKLAB_RUNNER_ASAN 1
#endif
#endif

namespace {

#ifdef LINKLAB_RUNNER_ASAN
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

} // namespace

#ifdef LINKLAB_RUNNER_ASAN
// In a sanitized build the runner must still die of the library's own signal (the client reports SIGSEGV, not
// AddressSanitizer's exit status), and a library's leaks are not the runner's: exit(3) must stay 3.
extern "C" const char *__asan_default_options()
{
    return "handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0:detect_leaks=0";
}
#endif

namespace {

void limit(int resource, rlim_t value)
{
    rlimit r {value, value};
    rlimit current {};
    if (getrlimit(resource, &current) == 0 && current.rlim_max != RLIM_INFINITY && current.rlim_max < value)
        r.rlim_cur = r.rlim_max = current.rlim_max;
    setrlimit(resource, &r);
}

int usage()
{
    std::fputs("usage: linklab-runner --requests FD --responses FD [--memory-mib N] [--cpu-seconds N]\n"
               "       linklab-runner --stdio\n",
        stderr);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    int in = -1, out = -1;
    long memoryMib = 4096, cpuSeconds = 300;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> long { return i + 1 < argc ? std::strtol(argv[++i], nullptr, 10) : -1; };
        if (arg == "--requests")
            in = int(next());
        else if (arg == "--responses")
            out = int(next());
        else if (arg == "--memory-mib")
            memoryMib = next();
        else if (arg == "--cpu-seconds")
            cpuSeconds = next();
        else if (arg == "--stdio")
            in = STDIN_FILENO, out = STDOUT_FILENO;
        else
            return usage();
    }
    if (in < 0 || out < 0)
        return usage();

    // No core files from a crashing library; bounded memory and CPU (an address-space limit would break the
    // sanitizers' shadow memory, so sanitized builds go without it).
    limit(RLIMIT_CORE, 0);
    if (memoryMib > 0 && !kSanitized)
        limit(RLIMIT_AS, rlim_t(memoryMib) << 20);
    if (cpuSeconds > 0)
        limit(RLIMIT_CPU, rlim_t(cpuSeconds));

    linklab::runner::Server server;
    return server.serve(in, out);
}
