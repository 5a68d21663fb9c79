// SPDX-License-Identifier: MIT
#pragma once

#include "learn/lessonengine.h"

#include <QString>

namespace linklab {

// A lesson as a Markdown handout: its texts, each command as it ran and its output on this machine, whether each
// expectation held, and the pipeline picture (`pictureFile`, relative to the handout; none when empty).
QString handoutMarkdown(const Lesson &lesson, const QList<StepOutcome> &outcomes, const QString &pictureFile);

} // namespace linklab
