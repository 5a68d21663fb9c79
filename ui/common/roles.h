// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

// Item data roles shared by every LinkLab model, proxy and view.
namespace linklab::Roles {

enum : int {
    // The raw value of a cell (integer, string) that sorting compares. Display text is formatted
    // (hex addresses, readelf names), so sorting on it would put 0x100 before 0x20.
    SortRole = Qt::UserRole + 1,
    // The row's index in the source model's own data, for proxies that check raw fields directly.
    SourceRowRole,
};

} // namespace linklab::Roles
