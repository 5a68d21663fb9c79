// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QModelIndexList>
#include <QString>

class QAbstractItemModel;

// Turning what a view shows into text: the clipboard (tab-separated), CSV and JSON files.
// Values are the text the view displays, so an export matches the screen.
namespace linklab::tableexport {

// Selected rows (any column index of each row) as tab-separated lines with a header line.
QString rowsToTsv(const QAbstractItemModel *model, const QModelIndexList &rows);
// Every row of the model (children depth-first, with a "Parent" column for trees), RFC 4180 CSV.
QByteArray toCsv(const QAbstractItemModel *model);
// An array of objects keyed by column title; children of tree rows go in "children".
// Decimal values become JSON numbers, everything else (hex addresses) stays a string.
QByteArray toJson(const QAbstractItemModel *model);

} // namespace linklab::tableexport
