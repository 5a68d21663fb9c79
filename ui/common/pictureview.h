// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsView>

namespace linklab {

// What every picture view shares: the wheel zooms around the mouse, dragging pans, and until the user zooms the
// picture follows the view's size (autoFit(), which a subclass defines: the whole picture, or a readable part).
class PictureView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit PictureView(QWidget *parent = nullptr);

    void zoomBy(double factor);

protected:
    // Fits the picture to the view again; called on resize while the user has not zoomed.
    virtual void autoFit() = 0;
    // Back to following the view's size (a Fit button), or not (the user zoomed).
    void setAutoFit(bool on) { m_autoFit = on; }
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool m_autoFit = true;
};

} // namespace linklab
