// SPDX-License-Identifier: MIT
// libFuzzer harness for the dependency resolver: the input is the file to resolve (written to a memory file), so
// its NEEDED, RPATH and RUNPATH strings ($ORIGIN, ${LIB}, empty elements, slashes, hwcaps folders) drive the
// search through the real file system, with a fixed loader configuration (no ld.so --help, no cache: the same on
// every machine) and an LD_LIBRARY_PATH with odd elements. Then the text, DOT and JSON forms of the graph.
#include "deps/dependencygraph.h"
#include "deps/resolver.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const int fd = memfd_create("fuzz-resolver", 0);
    if (fd < 0 || ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != ssize_t(size))
        return 0;
    linklab::LoaderConfig config;
    config.defaultDirs = {QStringLiteral("/lib/x86_64-linux-gnu"), QStringLiteral("/usr/lib")};
    config.hwcapsSubdirs = {QStringLiteral("x86-64-v3"), QStringLiteral("x86-64-v2")};
    config.libToken = QStringLiteral("lib/x86_64-linux-gnu");
    config.platform = QStringLiteral("x86_64");
    config.interpreter = QStringLiteral("/lib64/ld-linux-x86-64.so.2");
    config.ldLibraryPath = QStringLiteral(":$ORIGIN/..;${LIB}::/nonexistent");
    linklab::DependencyResolver resolver(config);
    const linklab::Result<linklab::DependencyGraph> graph
        = resolver.resolve(QStringLiteral("/proc/self/fd/%1").arg(fd));
    if (graph) {
        (void)linklab::dependencyTree(*graph);
        (void)linklab::dependencyDot(*graph);
        (void)linklab::dependencyGraphToJson(*graph);
        for (const linklab::DependencyNode &n : graph->nodes)
            (void)linklab::dependencyWhy(*graph, n.name);
    }
    return 0;
}
