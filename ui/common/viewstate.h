// SPDX-License-Identifier: MIT
#pragma once

class QWidget;

namespace linklab {

// Copies what a person set in one view onto the view that replaces it after a reload (F5): filter text, mode
// and case, the choices in combo boxes and check boxes, and the sort column of every table. Widgets are paired
// by their order of construction, which a reload of the same kind of file repeats; a kind of widget whose
// count differs between the two views (the file changed kind) is left as it is.
void carryViewState(const QWidget &from, QWidget &to);

} // namespace linklab
