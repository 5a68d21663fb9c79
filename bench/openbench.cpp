// SPDX-License-Identifier: MIT
// What a person waits for in the window: from File > Open of a big library to its Symbols table filled (the parse
// on the worker, the hand-back, the views built), and the process's resident memory afterwards. Then the same
// libraries opened and closed one after another, to show memory stays bounded when files are closed. The Inspector
// reads in stages, so it also prints when the Overview appeared and when the whole file (relocations too) was in;
// resident memory is taken once the whole file is in.
// Usage: linklab-openbench [LIBRARY...]   (default: the five largest .so files in /usr/lib/x86_64-linux-gnu)
#include "inspector/binaryview.h"
#include "inspector/inspectorpage.h"
#include "inspector/inspectorroom.h"
#include "inspector/symbolmodel.h"
#include "inspector/symbolspage.h"
#include "window/mainwindow.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace linklab;

namespace {

long residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

QStringList largestLibraries(int count)
{
    QFileInfoList files = QDir(QStringLiteral("/usr/lib/x86_64-linux-gnu"))
                              .entryInfoList({QStringLiteral("*.so.*")}, QDir::Files | QDir::NoSymLinks, QDir::Size);
    QStringList out;
    for (const QFileInfo &f : std::as_const(files)) {
        if (out.size() == count)
            break;
        out << f.absoluteFilePath();
    }
    return out;
}

struct Times {
    qint64 overview = -1; // the file's view (Overview) on screen
    qint64 symbols = -1; // its Symbols table holding rows: what the first column has always measured
    qint64 complete = -1; // the whole parse in (relocations too)
};

// Opens `path` and waits until it is completely loaded; -1 in `symbols` when it failed.
Times openAndWait(MainWindow &window, const QString &path, WorkspaceFile **opened)
{
    QElapsedTimer timer;
    timer.start();
    window.openFiles({path});
    WorkspaceFile *file = window.currentFile();
    *opened = file;
    Times times;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (file->state() == WorkspaceFile::State::Failed)
            loop.exit(1);
        InspectorPage *page = window.room<InspectorRoom>()->currentPage();
        BinaryView *view = page ? page->binaryView() : nullptr;
        if (view && page->currentWidget() == view && times.overview < 0)
            times.overview = timer.elapsed();
        if (view && view->symbols() && view->symbols()->model()->rowCount() > 0 && times.symbols < 0)
            times.symbols = timer.elapsed();
        if (times.symbols >= 0 && file->state() == WorkspaceFile::State::Loaded) {
            times.complete = timer.elapsed();
            loop.exit(0);
        }
    });
    poll.start();
    if (loop.exec() != 0)
        times.symbols = -1;
    return times;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList libraries = QApplication::arguments().mid(1);
    if (libraries.isEmpty())
        libraries = largestLibraries(5);
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    std::printf("resident memory at start: %ld MiB\n", residentKiB() / 1024);
    std::printf("%-50s %10s %14s %14s %12s %12s\n", "library", "open ms", "RSS open MiB", "RSS closed MiB",
        "overview ms", "complete ms");
    for (int round = 0; round < 2; ++round) {
        for (const QString &path : std::as_const(libraries)) {
            WorkspaceFile *file = nullptr;
            const Times times = openAndWait(window, path, &file);
            const long open = residentKiB();
            window.workspace()->remove(file);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            QCoreApplication::processEvents();
            std::printf("%-50s %10lld %14ld %14ld %12lld %12lld\n", qPrintable(QFileInfo(path).fileName()),
                static_cast<long long>(times.symbols), open / 1024, residentKiB() / 1024,
                static_cast<long long>(times.overview), static_cast<long long>(times.complete));
            std::fflush(stdout);
        }
    }
    return 0;
}
