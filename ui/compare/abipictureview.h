// SPDX-License-Identifier: MIT
#pragma once

#include "binary/abicompare.h"

#include <QGraphicsView>

namespace linklab {

// The comparison's summary picture: the old file's exports over the new file's, kept and changed symbols in the
// same columns, removed ones sticking out on the left and added ones on the right, with a legend. Geometry from
// core's abiPicture(); colours from picture.h's colour-blind palette.
class AbiPictureView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit AbiPictureView(QWidget *parent = nullptr);

    void setComparison(const AbiComparison &comparison, const QString &oldName, const QString &newName);
    void clear();
    // PNG or SVG by suffix; empty on success, else the reason.
    QString saveAs(const QString &path) const;
    // The colour index of picture::categorical for a category (tests check the legend uses them).
    static int colourIndex(AbiPictureBlock::Category category);

Q_SIGNALS:
    // A block was clicked: show that part's table.
    void categoryClicked(linklab::AbiPictureBlock::Category category);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void rebuild();

    AbiComparison m_comparison;
    QString m_oldName;
    QString m_newName;
    bool m_hasComparison = false;
};

} // namespace linklab
