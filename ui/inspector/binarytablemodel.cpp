// SPDX-License-Identifier: MIT
#include "inspector/binarytablemodel.h"

namespace linklab {

void BinaryTableModel::setBinary(std::shared_ptr<const BinaryInfo> binary)
{
    resetWith([&] {
        m_binary = std::move(binary);
        binaryChanged();
    });
}

} // namespace linklab
