// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>

namespace linklab {

// A one-line label for a path or a title that may be longer than the room it gets: the text is cut in the middle
// ("/home/ann/…/strmath/main.c": both the start and the file name stay readable) and shown whole in the tooltip.
// It never asks for more width than a few characters, so a long path cannot widen its column.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return m_full; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_full;
};

} // namespace linklab
