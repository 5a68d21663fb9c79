// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QRectF>

namespace linklab::treemap {

// Squarified treemaps (Bruls, Huizing and van Wijk, 2000): rectangles whose areas are proportional to weights and
// whose sides stay close to squares, so that small blocks remain visible and comparable.

// One rectangle per weight, in the order of `weights` (any order; negative weights count as 0), tiling `rect`
// exactly when the weights sum to more than 0. A weight of 0 gets an empty rectangle.
QList<QRectF> squarify(const QList<double> &weights, const QRectF &rect);

// A tree to lay out: node 0 is the root, each node lists its children. A leaf's weight is its own; an inner
// node's weight is the sum of its children's (computed, any value given is ignored).
struct Node {
    double weight = 0;
    QList<int> children;
};

struct Options {
    double header = 0; // height of the label strip at the top of an inner node (when the node is tall enough)
    double padding = 0; // space between an inner node's border and its children
    double minHeaderBlock = 0; // an inner node smaller than this (either side) gets no header and no padding
};

// Rectangles for every node (indexed as `nodes`): the root takes `rect`, each inner node's children share its
// rectangle less the header and padding, each in proportion to its weight.
QList<QRectF> layout(const QList<Node> &nodes, const QRectF &rect, const Options &options = {});

// The worst aspect ratio (long side / short side) among non-empty rectangles; 1 for squares.
double worstAspect(const QList<QRectF> &rects);

} // namespace linklab::treemap
