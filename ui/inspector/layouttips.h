// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"
#include "binary/filelayout.h"

#include <QString>

#include <cstdint>

// What hovering over the layout picture says: offsets, sizes, addresses and flags of a block or a segment, as rich
// text for a tooltip.
namespace linklab::layouttips {

QString blockToolTip(const FileLayout &layout, const BinaryInfo *binary, const LayoutBlock &block, bool memory);
QString segmentToolTip(const LayoutSegment &segment);
// "R", "RW", "RX" for allocated sections by their flags (A, W, X); empty when not allocated (not loaded).
QString sectionPermissions(std::uint64_t flags);
// "RX" -> "R X", as readelf writes p_flags; "---" for none.
QString spaced(const QString &permissions);

} // namespace linklab::layouttips
