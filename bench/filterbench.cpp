// SPDX-License-Identifier: MIT
// How long one keystroke in the Symbols filter takes on a big library: the proxy's refilter and re-sort plus a
// synchronous repaint of the table, as a person typing "getName" would cause. Prints the median of several runs
// per keystroke. Usage: linklab-filterbench [LIBRARY] [RUNS]
#include "common/textfilter.h"
#include "inspector/symbolfilterproxy.h"
#include "inspector/symbolmodel.h"

#include "binary/openbinary.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QTableView>

#include <algorithm>
#include <cstdio>

using namespace linklab;

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    QString path = args.value(1);
    if (path.isEmpty())
        path = QStringLiteral("/usr/lib/x86_64-linux-gnu/libLLVM-14.so.1");
    const int runs = std::max(1, args.value(2, QStringLiteral("5")).toInt());

    OpenOptions options;
    options.searchIndex = true; // as the window reads a file
    OpenResult result = openBinary(path, options);
    if (const auto *error = std::get_if<OpenError>(&result)) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(error->message));
        return 1;
    }
    auto binary = std::make_shared<const BinaryInfo>(std::get<BinaryInfo>(std::move(result)));

    SymbolModel model;
    model.setBinary(binary);
    SymbolFilterProxy proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(SymbolModel::NameColumn, Qt::AscendingOrder);
    view.resize(1400, 900);
    view.show();
    view.viewport()->repaint();

    const QString word = QStringLiteral("getName");
    std::printf("%s: %lld symbols; ms per keystroke (median of %d), sorted by name, with repaint\n", qPrintable(path),
        static_cast<long long>(model.rowCount()), runs);
    for (const auto cs : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
        for (qsizetype n = 1; n <= word.size(); ++n) {
            QList<double> times;
            for (int r = 0; r < runs; ++r) {
                proxy.setTextFilter(TextFilter(QString(), TextFilter::Mode::Substring, cs));
                proxy.setTextFilter(TextFilter(word.first(n - 1), TextFilter::Mode::Substring, cs));
                view.viewport()->repaint();
                QElapsedTimer timer;
                timer.start();
                proxy.setTextFilter(TextFilter(word.first(n), TextFilter::Mode::Substring, cs));
                view.viewport()->repaint();
                times << timer.nsecsElapsed() / 1e6;
            }
            std::sort(times.begin(), times.end());
            std::printf("  %-16s %-9s %7.1f ms  (%lld rows)\n", qPrintable(word.first(n)),
                cs == Qt::CaseSensitive ? "case" : "no case", times[times.size() / 2],
                static_cast<long long>(proxy.rowCount()));
        }
    }
    return 0;
}
