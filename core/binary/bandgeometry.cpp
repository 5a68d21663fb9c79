// SPDX-License-Identifier: MIT
#include "binary/bandgeometry.h"

#include <algorithm>

namespace linklab {

BandGeometry bandGeometry(const QList<LayoutBlock> &band, double totalWidth, double minWidth)
{
    BandGeometry g;
    const qsizetype n = band.size();
    g.x.resize(n);
    g.width.resize(n);
    if (n == 0)
        return g;
    if (totalWidth <= double(n) * minWidth) {
        for (qsizetype i = 0; i < n; ++i)
            g.width[i] = totalWidth / double(n);
    } else {
        // The blocks made minWidth wide are the smallest ones: sorted by size, find the first that is wide
        // enough in proportion to what is left once the ones before it got minWidth.
        QList<qsizetype> order;
        double remaining = totalWidth;
        double weight = 0;
        for (qsizetype i = 0; i < n; ++i) {
            if (band[i].part == LayoutPart::Unmapped) {
                g.width[i] = minWidth;
                remaining -= minWidth;
            } else {
                order.append(i);
                weight += double(band[i].size);
            }
        }
        std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return band[a].size < band[b].size; });
        qsizetype k = 0;
        for (; k < order.size(); ++k) {
            const double w = double(band[order[k]].size);
            if (weight > 0 && w * remaining / weight >= minWidth)
                break;
            remaining -= minWidth;
            weight -= w;
            g.width[order[k]] = minWidth;
        }
        for (qsizetype j = k; j < order.size(); ++j)
            g.width[order[j]] = weight > 0 ? double(band[order[j]].size) * remaining / weight : 0;
        if (k == order.size() && k > 0 && remaining > 0) // every block at minWidth: share out what is left
            for (qsizetype i : order)
                g.width[i] += remaining / double(order.size());
    }
    double x = 0;
    for (qsizetype i = 0; i < n; ++i) {
        g.x[i] = x;
        x += g.width[i];
    }
    return g;
}

double BandGeometry::xAt(const QList<LayoutBlock> &band, std::uint64_t position) const
{
    if (band.isEmpty() || x.size() != band.size())
        return 0;
    if (position <= band.first().start)
        return x.first();
    auto it = std::upper_bound(
        band.cbegin(), band.cend(), position, [](std::uint64_t p, const LayoutBlock &b) { return p < b.start; });
    const qsizetype i = (it - band.cbegin()) - 1;
    const LayoutBlock &b = band[i];
    if (position >= b.end())
        return x[i] + width[i];
    return x[i] + width[i] * double(position - b.start) / double(b.size);
}

} // namespace linklab
