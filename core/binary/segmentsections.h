// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QStringList>

namespace linklab {

// The sections a segment holds, as readelf's "Section to Segment mapping" lists them: allocated sections by
// address range, others by file range; .tbss only in the TLS segment.
QStringList sectionsInSegment(const BinaryInfo &info, const SegmentInfo &segment);
// The same sections as indexes into info.sections (names need not be unique).
QList<int> sectionIndexesInSegment(const BinaryInfo &info, const SegmentInfo &segment);

} // namespace linklab
