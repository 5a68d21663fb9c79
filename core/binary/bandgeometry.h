// SPDX-License-Identifier: MIT
#pragma once

#include "binary/filelayout.h"

#include <QList>

#include <cstdint>

namespace linklab {

// Where each block of a band is drawn: widths proportional to size, but none narrower than minWidth (Unmapped
// blocks get minWidth, whatever their size: the space between segments can be terabytes), all adding up to
// totalWidth. When totalWidth cannot give every block minWidth, each gets an equal share.
struct BandGeometry {
    QList<double> x;
    QList<double> width;

    // The x of a position (offset or address) inside the band, interpolated within its block; clamped at the ends.
    double xAt(const QList<LayoutBlock> &band, std::uint64_t position) const;
};
BandGeometry bandGeometry(const QList<LayoutBlock> &band, double totalWidth, double minWidth);

} // namespace linklab
