// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>

class QGraphicsScene;
class QPalette;

// What every picture in LinkLab shares: saving it as PNG or SVG, and colours that stay apart for colour-blind
// readers and readable on a dark theme.
namespace linklab::picture {

// Saves `sceneRect` of `scene` (the whole scene when null) as PNG (twice the size, white or the palette's base
// behind it) or SVG, chosen by the file's suffix. Returns an empty string on success, else the reason in words.
QString save(QGraphicsScene *scene, const QString &path, const QString &title, QRectF sceneRect = {});

// The save dialog's filter ("SVG picture (*.svg);;PNG picture (*.png)").
QString fileFilter();

// Okabe & Ito's eight colours (Color Universal Design), distinguishable with every common colour-vision
// deficiency. index wraps around. categorical(0) is orange, 1 sky blue, 2 bluish green, 3 yellow, 4 blue,
// 5 vermillion, 6 reddish purple, 7 grey.
QColor categorical(int index);
// A lighter tint of categorical(index) for large filled areas; on a dark palette a darker shade instead, so
// that text in the palette's text colour stays readable on it.
QColor fill(int index, const QPalette &palette);
// True when the palette's window is dark (dark theme).
bool isDark(const QPalette &palette);
// The colour for "broken", "missing" or "unreadable", apart from the categorical ones.
QColor problem();

} // namespace linklab::picture
