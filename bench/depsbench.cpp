// SPDX-License-Identifier: MIT
// The Dependencies room on the largest graph of this machine: which program or library loads the most objects
// (every program of /usr/bin and every library of the system folder resolved, in one resolver), then, in the room
// as a person uses it, the time from asking to the graph resolved, laid out by Graphviz (on the worker) and
// painted (the first frame, grabbed), and to the symbol bindings in. The window stays responsive throughout: the
// longest the event loop went without turning is printed too.
// Usage: linklab-depsbench [FILE | --wide N]   (default: the largest graph found; --wide N builds a library that
// loads N others, as tests/ui/deps does, for a graph larger than this machine has)
#include "deps/depsroom.h"
#include "deps/graphview.h"

#include "deps/resolver.h"
#include "testsupport.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace linklab;

namespace {

QString largestGraph(int *nodes)
{
    DependencyResolver resolver(LoaderConfig::forThisMachine());
    QString best;
    *nodes = 0;
    QStringList files;
    for (const QString &dir : {QStringLiteral("/usr/bin"), QStringLiteral("/usr/lib/x86_64-linux-gnu")})
        for (const QFileInfo &f : QDir(dir).entryInfoList(QDir::Files | QDir::NoSymLinks))
            files << f.filePath();
    for (const QString &f : std::as_const(files)) {
        const Result<DependencyGraph> g = resolver.resolve(f);
        if (g && g->nodes.size() > *nodes) {
            *nodes = int(g->nodes.size());
            best = f;
        }
    }
    std::printf("searched %lld files for the largest graph\n", static_cast<long long>(files.size()));
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QElapsedTimer search;
    search.start();
    int nodes = 0;
    QTemporaryDir wideDir;
    QString file;
    if (argc > 2 && qstrcmp(argv[1], "--wide") == 0) {
        file = linklab::test::buildWideGraph(wideDir.path(), QByteArray(argv[2]).toInt());
        std::printf(
            "built a graph of %s + 1 libraries in %lld ms\n", argv[2], static_cast<long long>(search.elapsed()));
    } else {
        file = argc > 1 ? QString::fromLocal8Bit(argv[1]) : largestGraph(&nodes);
    }
    if (file.isEmpty()) {
        std::fprintf(stderr, "no graph found\n");
        return 1;
    }
    if (argc <= 1)
        std::printf("largest graph: %s, %d nodes (found in %lld ms)\n", qPrintable(file), nodes,
            static_cast<long long>(search.elapsed()));

    DepsRoom room;
    room.resize(1280, 720);
    room.show();
    qint64 resolvedAt = -1, laidOutAt = -1, paintedAt = -1, boundAt = -1, longestStall = 0;
    QElapsedTimer clock;
    QElapsedTimer tick;
    QTimer heartbeat; // how long the event loop went without turning
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] { longestStall = std::max(longestStall, tick.restart()); });
    QEventLoop loop;
    QObject::connect(&room, &DepsRoom::resolved, [&] { resolvedAt = clock.elapsed(); });
    QObject::connect(&room, &DepsRoom::laidOut, [&] {
        laidOutAt = clock.elapsed();
        (void)room.grab(); // the first frame, painted as the screen would get it
        paintedAt = clock.elapsed();
    });
    QObject::connect(&room, &DepsRoom::bound, [&] {
        boundAt = clock.elapsed();
        loop.quit();
    });
    QObject::connect(&room, &DepsRoom::failed, [&](const QString &why) {
        std::fprintf(stderr, "failed: %s\n", qPrintable(why));
        loop.quit();
    });
    clock.start();
    tick.start();
    heartbeat.start();
    room.resolveFile(file);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    if (boundAt < 0)
        return 1;
    std::printf("%s: %lld nodes, %lld edges drawn\n", qPrintable(file),
        static_cast<long long>(room.graph()->nodes.size()), static_cast<long long>(room.graph()->edges.size()));
    std::printf("resolved %lld ms, laid out %lld ms, first paint %lld ms, bindings %lld ms (%lld references)\n",
        static_cast<long long>(resolvedAt), static_cast<long long>(laidOutAt), static_cast<long long>(paintedAt),
        static_cast<long long>(boundAt), static_cast<long long>(room.bindings()->bindings.size()));
    std::printf("longest the event loop waited: %lld ms\n", static_cast<long long>(longestStall));
    return 0;
}
