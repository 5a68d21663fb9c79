// SPDX-License-Identifier: MIT
// The size map of a big library, step by step, in process: measuring (rows and tree from the BinaryInfo), the
// squarified layout, the first paint of every block, a hover (finding the block under the mouse, its tooltip and
// the repaint of the highlight), and the search that dims blocks. Prints the median of several runs of each.
// Usage: linklab-sizemapbench [LIBRARY] [RUNS]   (default: the newest libLLVM, 7 runs)
#include "inspector/sizemapview.h"

#include "binary/openbinary.h"
#include "support/treemap.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPainter>
#include <QPixmap>
#include <QRandomGenerator>
#include <QSignalSpy>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace linklab;

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

double timeMs(const std::function<void()> &work, int runs)
{
    QList<double> times;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        work();
        times.append(double(t.nsecsElapsed()) / 1e6);
    }
    return median(times);
}

QString newestLlvm()
{
    const QDir dir(QStringLiteral("/usr/lib/x86_64-linux-gnu"));
    for (int v = 20; v >= 10; --v)
        if (dir.exists(QStringLiteral("libLLVM-%1.so.1").arg(v)))
            return dir.filePath(QStringLiteral("libLLVM-%1.so.1").arg(v));
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const QString path = args.value(1, newestLlvm());
    const int runs = std::max(1, args.value(2, QStringLiteral("7")).toInt());
    QElapsedTimer openTimer;
    openTimer.start();
    OpenResult result = openBinary(path);
    if (const auto *error = std::get_if<OpenError>(&result)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(error->message));
        return 1;
    }
    const BinaryInfo info = std::get<BinaryInfo>(std::move(result));
    const double openMs = double(openTimer.nsecsElapsed()) / 1e6;

    std::shared_ptr<const SizeMapData> data;
    QList<double> measureTimes;
    for (int r = 0; r < runs; ++r) {
        data.reset(); // the previous result is freed outside the timing
        QElapsedTimer t;
        t.start();
        data = SizeMapData::measure(info);
        measureTimes.append(double(t.nsecsElapsed()) / 1e6);
    }
    const double measureMs = median(measureTimes);
    int symbols = 0;
    for (const SizeRow &r : data->rows)
        symbols += r.symbolIndex >= 0;

    const QRectF area(0, 0, 1280, 600);
    QList<treemap::Node> nodes;
    for (const SizeNode &n : data->tree)
        nodes.append({double(n.size), n.children});
    QList<QRectF> rects;
    const double layoutMs = timeMs([&] { rects = treemap::layout(nodes, area, {16, 2, 48}); }, runs);

    SizeMapView view;
    view.resize(1280, 624);
    view.show();
    QSignalSpy laidOut(&view, &SizeMapView::laidOut);
    QElapsedTimer shown;
    shown.start();
    view.setData(data);
    if (!laidOut.wait(30000))
        return 1;
    const double setDataToLaidOutMs = double(shown.nsecsElapsed()) / 1e6;
    QPixmap pixmap(view.size());
    const double paintMs = timeMs(
        [&] {
            QPainter p(&pixmap);
            view.paintMap(p);
        },
        runs);

    // A hover: the block under the mouse and its tooltip text, for 1000 points spread over the map.
    QList<QPointF> points;
    auto *random = QRandomGenerator::global();
    for (int i = 0; i < 1000; ++i)
        points.append(QPointF(random->bounded(1280.0), random->bounded(600.0)));
    const double hoverUs = timeMs(
                               [&] {
                                   for (const QPointF &pt : points)
                                       (void)view.describe(view.nodeAt(pt));
                               },
                               runs)
        * 1000.0 / double(points.size());
    const double searchMs = timeMs(
                                [&] {
                                    view.setFilter(TextFilter(
                                        QStringLiteral("getName"), TextFilter::Mode::Substring, Qt::CaseInsensitive));
                                    view.setFilter(TextFilter());
                                },
                                runs)
        / 2;

    std::printf("%s: %d symbol blocks, %lld rows, %lld tree nodes (open %.0f ms, once)\n", qPrintable(path), symbols,
        static_cast<long long>(data->rows.size()), static_cast<long long>(data->tree.size()), openMs);
    std::printf("median of %d runs:\n", runs);
    std::printf("  measure (rows + tree + colours)      %8.1f ms\n", measureMs);
    std::printf("  squarified layout, 1280x600          %8.1f ms\n", layoutMs);
    std::printf("  setData to laid out (worker)         %8.1f ms (one run)\n", setDataToLaidOutMs);
    std::printf("  paint every block (cache fill)       %8.1f ms\n", paintMs);
    std::printf("  hover: block under the mouse + tip   %8.1f us\n", hoverUs);
    std::printf("  search that dims (one filter change) %8.1f ms\n", searchMs);
    std::printf("  measure + layout + paint             %8.1f ms\n", measureMs + layoutMs + paintMs);
    return 0;
}
