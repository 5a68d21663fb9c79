// SPDX-License-Identifier: MIT
#include "support/treemap.h"

#include <algorithm>
#include <limits>

namespace linklab::treemap {

QList<QRectF> squarify(const QList<double> &weights, const QRectF &rect)
{
    QList<QRectF> out(weights.size());
    QList<int> order;
    double total = 0;
    for (int i = 0; i < weights.size(); ++i)
        if (weights.at(i) > 0) {
            order.append(i);
            total += weights.at(i);
        }
    if (total <= 0 || rect.width() <= 0 || rect.height() <= 0)
        return out;
    // Largest first: the greedy rows of the algorithm assume it.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return weights.at(a) > weights.at(b); });
    const double scale = rect.width() * rect.height() / total;
    QRectF free = rect;
    int i = 0;
    while (i < order.size()) {
        const double side = std::min(free.width(), free.height());
        double rowSum = 0, rowMin = std::numeric_limits<double>::max(), rowMax = 0;
        double worst = std::numeric_limits<double>::max();
        int j = i;
        // Add blocks to the row along the short side while that makes its worst aspect ratio no worse.
        while (j < order.size()) {
            const double a = weights.at(order.at(j)) * scale;
            const double sum = rowSum + a;
            const double lo = std::min(rowMin, a), hi = std::max(rowMax, a);
            const double aspect = std::max(side * side * hi / (sum * sum), sum * sum / (side * side * lo));
            if (j > i && aspect > worst)
                break;
            worst = aspect;
            rowSum = sum;
            rowMin = lo;
            rowMax = hi;
            ++j;
        }
        const bool last = j == order.size();
        if (free.width() >= free.height()) {
            // A column at the left of what is free.
            const double thick = last ? free.width() : rowSum / free.height();
            double y = free.top();
            for (int k = i; k < j; ++k) {
                const double h = k + 1 == j ? free.bottom() - y : weights.at(order.at(k)) * scale / thick;
                out[order.at(k)] = QRectF(free.left(), y, thick, h);
                y += h;
            }
            free.setLeft(last ? free.right() : free.left() + thick);
        } else {
            // A row along the top.
            const double thick = last ? free.height() : rowSum / free.width();
            double x = free.left();
            for (int k = i; k < j; ++k) {
                const double w = k + 1 == j ? free.right() - x : weights.at(order.at(k)) * scale / thick;
                out[order.at(k)] = QRectF(x, free.top(), w, thick);
                x += w;
            }
            free.setTop(last ? free.bottom() : free.top() + thick);
        }
        i = j;
    }
    return out;
}

QList<QRectF> layout(const QList<Node> &nodes, const QRectF &rect, const Options &options)
{
    QList<QRectF> rects(nodes.size());
    if (nodes.isEmpty())
        return rects;
    // Weights of inner nodes: the sums of their leaves (post-order without recursion; trees can be deep).
    QList<double> weight(nodes.size(), 0.0);
    QList<std::pair<int, bool>> stack {{0, false}};
    while (!stack.isEmpty()) {
        const auto [node, expanded] = stack.takeLast();
        const Node &n = nodes.at(node);
        if (n.children.isEmpty()) {
            weight[node] = std::max(0.0, n.weight);
        } else if (expanded) {
            double sum = 0;
            for (int c : n.children)
                sum += weight.at(c);
            weight[node] = sum;
        } else {
            stack.append({node, true});
            for (int c : n.children)
                stack.append({c, false});
        }
    }
    rects[0] = rect;
    QList<int> todo {0};
    while (!todo.isEmpty()) {
        const int node = todo.takeLast();
        const Node &n = nodes.at(node);
        if (n.children.isEmpty())
            continue;
        const QRectF r = rects.at(node);
        QRectF inner = r;
        if (node != 0 && r.width() >= options.minHeaderBlock && r.height() >= options.minHeaderBlock)
            inner = r.adjusted(options.padding, options.padding + options.header, -options.padding, -options.padding);
        QList<double> childWeights;
        childWeights.reserve(n.children.size());
        for (int c : n.children)
            childWeights.append(weight.at(c));
        const QList<QRectF> placed = squarify(childWeights, inner.isValid() ? inner : r);
        for (int k = 0; k < n.children.size(); ++k) {
            rects[n.children.at(k)] = placed.at(k);
            todo.append(n.children.at(k));
        }
    }
    return rects;
}

double worstAspect(const QList<QRectF> &rects)
{
    double worst = 1;
    for (const QRectF &r : rects)
        if (r.width() > 0 && r.height() > 0)
            worst = std::max(worst, std::max(r.width() / r.height(), r.height() / r.width()));
    return worst;
}

} // namespace linklab::treemap
