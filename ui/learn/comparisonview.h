// SPDX-License-Identifier: MIT
#pragma once

#include "learn/stepviews.h"

#include <QGraphicsView>

namespace linklab {

// Static vs shared, side by side: the same main.c linked both ways, each program drawn as a box as tall as its
// size, holding the library's code (static) or only PLT stubs with arrows to the NEEDED libraries (shared), its
// start-up time as a bar, and under the two a line on each difference.
class ComparisonView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit ComparisonView(QWidget *parent = nullptr);
    void setPrograms(const ProgramFacts &a, const ProgramFacts &b);
    QString exportPicture(const QString &path) const; // PNG or SVG; empty on success

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fit();
};

} // namespace linklab
